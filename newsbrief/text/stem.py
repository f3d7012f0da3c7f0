"""Stemmers: each folds word forms together for one kind of comparison.

They differ on purpose, and each stage's measured behaviour depends on its own:

* ``porter_stem``: ROUGE-1.5.5's Porter stemming (words of up to three letters left alone), so
  the summarizer counts terms exactly as the ROUGE scores it is tuned on count them.
* ``fold_suffixes``: cheap suffix folding for lexical sentence similarity ("talks"/"talk",
  "parties"/"party"), enough to match the sentences of one event.
* ``prefix_stem``: five-letter truncation, which folds "injured"/"injuries"/"injuring" for
  deciding whether two short contexts around a figure speak of the same thing.
"""

from __future__ import annotations

import functools

import snowballstemmer

_PORTER = snowballstemmer.stemmer("porter")
# (suffix, replacement), tried in this order; the word must keep more than three letters.
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
PREFIX_LETTERS = 5


@functools.lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """Porter stem of a lower-case word; ROUGE leaves words of up to three letters alone."""
    return _PORTER.stemWord(word) if len(word) > 3 else word


def fold_suffixes(token: str) -> str:
    """``token`` without a plural or verb ending ("talks" → "talk", "parties" → "party"); the
    stem keeps at least four letters ("allies" → "alli")."""
    for suffix, replacement in _SUFFIXES:
        if len(token) > len(suffix) + 3 and token.endswith(suffix):
            return token[: -len(suffix)] + replacement
    return token


def prefix_stem(word: str) -> str:
    """The first five letters of ``word``, lower-cased, without surrounding apostrophes."""
    return word.lower().strip("'’")[:PREFIX_LETTERS]


def plural_stem(word: str) -> str:
    """``word`` without a plural ending only ("parties" → "party", "troops" → "troop"), for
    comparing what two figures count without merging other word forms."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
