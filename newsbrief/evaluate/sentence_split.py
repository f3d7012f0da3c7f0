"""Offline English sentence splitting for evaluation (pysbd; no NLTK data downloads)."""

from __future__ import annotations

import functools
import re

import pysbd

_LINE_BREAKS = re.compile(r"\s*\n\s*")


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``; line breaks are treated as hard paragraph boundaries.

    Scraped news text keeps one paragraph per line, so splitting lines first stops a
    caption or share-button line from being glued to the following sentence.
    """
    sentences: list[str] = []
    for paragraph in _LINE_BREAKS.split(text):
        if not paragraph.strip():
            continue
        sentences.extend(s.strip() for s in _segmenter().segment(paragraph) if s.strip())
    return sentences


def one_sentence_per_line(text: str) -> str:
    """``text`` with one sentence per line, the layout ROUGE-L (summary level) expects."""
    return "\n".join(split_sentences(text))
