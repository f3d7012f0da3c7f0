"""The options of a brief, validated in one place: the Python API, the CLI and the web app read
their bounds from here instead of checking on their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """``words``: the summary's length in words; ``analysis``: compute the cross-source sections
    (claims, quotes, entities, figures, timeline, coverage), the slow part of a brief."""

    MIN_WORDS: ClassVar[int] = 20
    MAX_WORDS: ClassVar[int] = 2000
    DEFAULT_WORDS: ClassVar[int] = 100

    words: int = DEFAULT_WORDS
    analysis: bool = True

    def __post_init__(self) -> None:
        # bool is an int in Python; words=True is a mistake, not a length.
        if isinstance(self.words, bool) or not isinstance(self.words, int):
            raise TypeError(f"words must be an int, not {type(self.words).__name__}")
        if not self.MIN_WORDS <= self.words <= self.MAX_WORDS:
            raise ValueError(f"words must be between {self.MIN_WORDS} and {self.MAX_WORDS}, not {self.words}")
        if not isinstance(self.analysis, bool):
            raise TypeError(f"analysis must be a bool, not {type(self.analysis).__name__}")
