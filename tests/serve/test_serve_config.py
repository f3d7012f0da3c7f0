from __future__ import annotations

import pytest

from newsbrief.options import BriefOptions
from newsbrief.serve.config import ServeConfig


def test_the_default_summary_length_has_the_bounds_of_every_brief() -> None:
    assert ServeConfig().words == BriefOptions.DEFAULT_WORDS
    assert ServeConfig(words=BriefOptions.MAX_WORDS).words == BriefOptions.MAX_WORDS
    with pytest.raises(ValueError, match="between 20 and 2000"):
        ServeConfig(words=BriefOptions.MIN_WORDS - 1)
