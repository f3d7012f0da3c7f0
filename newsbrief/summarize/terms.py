"""Stemmed terms of a sentence, counted the way ROUGE counts them, and the concepts built on them.

Summary quality is judged by the n-grams a summary shares with human summaries, after
ROUGE-1.5.5's own normalisation: lower case, hyphens and punctuation turned into spaces,
Porter stemming of every word longer than three letters. Counting concepts the same way means
the summarizer rewards exactly the words that make a summary informative, not variants of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsbrief.text.stem import porter_stem as stem
from newsbrief.text.tokens import rouge_words

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)

Bigram = tuple[str, str]


def tagged_terms(text: str) -> list[tuple[str, bool]]:
    """(stemmed term, written with a capital) for every word of ``text``, in order."""
    return [(stem(word.lower()), word[0].isupper()) for word in rouge_words(text)]


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
