"""Lexical sentence similarity within one cluster.

Two views, both weighted by IDF fitted on the cluster itself (so words every
outlet uses for this event weigh less than the ones that identify a fact):

- ``cosine``: symmetric TF-IDF cosine over unigrams and bigrams;
- ``containment[i, j]``: the share of sentence i's content (IDF mass of its words)
  that sentence j also contains. Reports often embed the same clause in longer
  sentences, which cosine dilutes and containment does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from newsbrief.text.tokens import tokenize


@dataclass(slots=True)
class SentenceSimilarity:
    cosine: np.ndarray
    containment: np.ndarray

    @classmethod
    def fit(cls, texts: Sequence[str]) -> SentenceSimilarity:
        n = len(texts)
        if not any(tokenize(t) for t in texts):
            zeros = np.zeros((n, n), dtype=np.float32)
            return cls(zeros, zeros.copy())
        tfidf = TfidfVectorizer(
            tokenizer=tokenize,
            lowercase=False,
            token_pattern=None,
            ngram_range=(1, 2),
            sublinear_tf=True,
        )
        vectors = tfidf.fit_transform(texts).astype(np.float32)
        cosine = (vectors @ vectors.T).toarray()

        counts = CountVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, binary=True)
        present = counts.fit_transform(texts).astype(np.float32)
        document_frequency = np.asarray(present.sum(axis=0)).ravel()
        idf = np.log((1 + n) / (1 + document_frequency)) + 1.0
        weighted = present.multiply(idf).tocsr()
        mass = np.asarray(weighted.sum(axis=1)).ravel()
        shared = (weighted @ present.T).toarray()
        containment = np.divide(shared, mass[:, None], out=np.zeros_like(shared), where=mass[:, None] > 0)
        return cls(cosine.astype(np.float32), containment.astype(np.float32))

    def overlap(self) -> np.ndarray:
        """Symmetric redundancy: either sentence largely restates the other."""
        return np.maximum(self.cosine, np.maximum(self.containment, self.containment.T))
