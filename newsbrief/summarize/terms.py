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

from newsbrief.text import languages as profiles
from newsbrief.text.stem import porter_stem as stem
from newsbrief.text.tokens import rouge_words


class _StopWords(frozenset[str]):
    """sklearn's English stop words; in another language's scope (``text.languages``), that
    language's function words, so every ``in STOP_WORDS`` test follows the event's language."""

    def __contains__(self, term: object) -> bool:
        if profiles.is_english():
            return frozenset.__contains__(self, term)
        return isinstance(term, str) and profiles.is_stop_term(term)


STOP_WORDS: frozenset[str] = _StopWords(ENGLISH_STOP_WORDS)

Bigram = tuple[str, str]


def tagged_terms(text: str) -> list[tuple[str, bool]]:
    """(stemmed term, written with a capital) for every word of ``text``, in order."""
    if not profiles.is_english():
        return profiles.tagged_terms(text)
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
