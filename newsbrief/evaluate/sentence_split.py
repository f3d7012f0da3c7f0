"""Sentence splitting of plain evaluation text (documents and summaries, not Articles).

Uses the pipeline's own pysbd splitter so baselines see the same sentences newsbrief
does; nothing here needs NLTK's downloadable punkt models.
"""

from __future__ import annotations

import functools
import re

from newsbrief.text.sentences import split_text

_LINE_BREAKS = re.compile(r"\s*\n\s*")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``; line breaks are treated as hard paragraph boundaries.

    Scraped news text keeps one paragraph per line, so splitting lines first stops a
    caption or share-button line from being glued to the following sentence.
    """
    return list(_split_cached(text))


# pysbd is slow and an evaluation run splits the same documents once per baseline.
@functools.lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[str, ...]:
    sentences: list[str] = []
    for paragraph in _LINE_BREAKS.split(text):
        sentences.extend(paragraph[start:end] for start, end in split_text(paragraph))
    return tuple(sentences)


def one_sentence_per_line(text: str) -> str:
    """``text`` with one sentence per line, the layout ROUGE-L (summary level) expects."""
    return "\n".join(split_sentences(text))
