"""What claims need when an event's reports are in several languages: the multilingual model's
sentence embeddings (on the claim thresholds' scale) and figures read in each language's number
format, so a Spanish sentence can support an English claim and a German "100.000" agrees with
an English "100,000" while a different figure still contradicts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.languages import embed
from newsbrief.languages.embed import on_static_scale
from newsbrief.languages.figures import figures_in
from newsbrief.text import languages as profiles
from newsbrief.types import Article, Sentence

__all__ = ["active", "add_figures", "embeddings", "on_static_scale"]
# Figures of any unit compared across languages (unit words differ by language).
ANY_UNIT = "*/digits"


def active() -> bool:
    """Cross-language claim matching is on: the event mixes languages and the model is there."""
    return profiles.current() == profiles.MIXED and embed.available()


def embeddings(texts: Sequence[str]) -> np.ndarray:
    return embed.encode(list(texts))


def add_figures(
    figures: list[dict[str, set[float]]], sentences: Sequence[Sentence], articles: Sequence[Article]
) -> None:
    """Each sentence's digit figures under one unit-free key, read in its article's format."""
    language = {a.id: a.language for a in articles}
    for found, sentence in zip(figures, sentences, strict=True):
        values = figures_in(sentence.text, language.get(sentence.article))
        if values:
            found[ANY_UNIT] = values
