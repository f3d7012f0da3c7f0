"""Which articles state a given sentence: the best-matching sentence of every other article,
accepted when it is a close paraphrase and does not disagree on numbers or negation."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsbrief.text.similarity import SentenceSimilarity
from newsbrief.text.tokens import NUMBER, predicate_words
from newsbrief.types import Citation, Sentence

SUPPORT_THRESHOLD = 0.4
MIN_SHARED_PREDICATE_WORDS = 2

_NUMBER = NUMBER
_NEGATION = re.compile(r"\b(?:not|no|never|none|nor|cannot|without)\b|n['’]t\b", re.IGNORECASE)


def numbers_in(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def compatible(a: str, b: str, b_restates_a_fully: bool) -> bool:
    """Similar sentences still disagree if they give different figures, or one negates what
    the other affirms (judged only when b is no more than a restatement of a)."""
    na, nb = numbers_in(a), numbers_in(b)
    if na and nb and not (na & nb):
        return False
    return not (b_restates_a_fully and bool(_NEGATION.search(a)) != bool(_NEGATION.search(b)))


@dataclass
class SupportIndex:
    """Best supporting sentence of every other article for each sentence, once per cluster."""

    sentences: list[Sentence]
    similarity: SentenceSimilarity
    threshold: float = SUPPORT_THRESHOLD

    def __post_init__(self) -> None:
        self._score = 0.5 * self.similarity.containment + 0.5 * self.similarity.cosine
        self._predicates = [predicate_words(s.text) for s in self.sentences]
        self._cache: dict[int, list[Citation]] = {}
        self._articles = np.array([s.article for s in self.sentences])

    def supports(self, i: int, j: int) -> bool:
        if self._score[i, j] < self.threshold:
            return False
        if len(self._predicates[i] & self._predicates[j]) < MIN_SHARED_PREDICATE_WORDS:
            return False
        reverse = float(self.similarity.containment[j, i]) >= 0.6
        return compatible(self.sentences[i].text, self.sentences[j].text, reverse)

    def source_support(self, sources: Sequence[int]) -> np.ndarray:
        """For each sentence, the number of other sources with a sentence close enough to support
        it (lexical score only: a fast estimate for salience; citations apply every check).

        ``sources[k]`` is the independent source of sentence k."""
        source = np.asarray(sources)
        counts = np.zeros(len(self.sentences), dtype=np.float64)
        for group in np.unique(source):
            members = source == group
            best = self._score[:, members].max(axis=1)
            counts += (best >= self.threshold) & ~members
        return counts

    def citations(self, i: int) -> list[Citation]:
        """The sentence itself first, then the best supporting sentence of each other article."""
        if i in self._cache:
            return self._cache[i]
        own = self.sentences[i]
        result = [Citation(own.article, own.start, own.end, 1.0)]
        for article in dict.fromkeys(self._articles.tolist()):
            if article == own.article:
                continue
            candidates = np.flatnonzero(self._articles == article)
            for j in candidates[np.argsort(-self._score[i, candidates], kind="stable")]:
                j = int(j)
                if self._score[i, j] < self.threshold:
                    break
                if self.supports(i, j):
                    match = self.sentences[j]
                    result.append(
                        Citation(article, match.start, match.end, round(float(self._score[i, j]), 3))
                    )
                    break
        self._cache[i] = result
        return result
