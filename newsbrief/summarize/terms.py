"""Stemmed terms of a sentence, counted the way ROUGE counts them, and the concepts built on them.

Summary quality is judged by the n-grams a summary shares with human summaries, after
ROUGE-1.5.5's own normalisation: lower case, hyphens and punctuation turned into spaces,
Porter stemming of every word longer than three letters. Counting concepts the same way means
the summarizer rewards exactly the words that make a summary informative, not variants of them.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)

Bigram = tuple[str, str]

_NON_WORD = re.compile(r"[^A-Za-z0-9]+")
_STEMMER = snowballstemmer.stemmer("porter")


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-case word; ROUGE leaves words of up to three letters alone."""
    return _STEMMER.stemWord(word) if len(word) > 3 else word


def tagged_terms(text: str) -> list[tuple[str, bool]]:
    """(stemmed term, written with a capital) for every word of ``text``, in order."""
    return [(stem(word.lower()), word[0].isupper()) for word in _NON_WORD.split(text) if word]


def terms(text: str) -> list[str]:
    return [term for term, _ in tagged_terms(text)]


def is_stop(term: str) -> bool:
    return term in STOP_WORDS


def bigrams(sentence_terms: Sequence[str]) -> list[Bigram]:
    """Adjacent term pairs, except pairs of two stop words ("of the"), which say nothing."""
    return [
        (a, b) for a, b in itertools.pairwise(sentence_terms) if not (a in STOP_WORDS and b in STOP_WORDS)
    ]


def content_terms(sentence_terms: Sequence[str]) -> list[str]:
    return [t for t in sentence_terms if t not in STOP_WORDS]
