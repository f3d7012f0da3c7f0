"""Lexical sentence similarity within one cluster.

Two views, both weighted by IDF fitted on the cluster itself (so words every
outlet uses for this event weigh less than the ones that identify a fact):

- ``cosine``: symmetric TF-IDF cosine over unigrams and bigrams;
- ``containment[i, j]``: the share of sentence i's content (IDF mass of its words)
  that sentence j also contains. Reports often embed the same clause in longer
  sentences, which cosine dilutes and containment does not.

Up to ``DENSE_LIMIT`` sentences (every cluster of up to about 80 articles) both are full
matrices. A bigger event would need the square of its size (25,000 sentences of a 1,000-article
event: 2.5 GB per float32 matrix), so there they are sparse matrices holding only *candidate*
pairs, found by blocking: sentences sharing at least ``MIN_SHARED_TERMS`` terms that are rare in
the event (in at most ``candidate_max_df`` sentences). A pair sharing only common words is
treated as unrelated (0); pairs that state one fact share its rarer words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from newsbrief.text.tokens import tokenize

DENSE_LIMIT = 2000
MIN_SHARED_TERMS = 2
# Pairs are scored in chunks so the temporary row copies stay small.
_PAIR_CHUNK = 100_000
_ROW_BLOCK = 2_000


def candidate_max_df(n: int) -> int:
    """Blocking terms are those in at most this many sentences: 1% of the event, at least 50
    (200 at 20,000 sentences, where a term in every sentence would pair them all)."""
    return max(50, n // 100)


@dataclass(slots=True)
class SentenceSimilarity:
    cosine: np.ndarray | sp.csr_matrix
    containment: np.ndarray | sp.csr_matrix

    @property
    def sparse(self) -> bool:
        return sp.issparse(self.cosine)

    @classmethod
    def fit(cls, texts: Sequence[str], dense_limit: int = DENSE_LIMIT) -> SentenceSimilarity:
        n = len(texts)
        if not any(tokenize(t) for t in texts):
            if n > dense_limit:
                return cls(sp.csr_matrix((n, n), dtype=np.float32), sp.csr_matrix((n, n), dtype=np.float32))
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
        counts = CountVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None, binary=True)
        present = counts.fit_transform(texts).astype(np.float32)
        document_frequency = np.asarray(present.sum(axis=0)).ravel()
        idf = np.log((1 + n) / (1 + document_frequency)) + 1.0
        weighted = present.multiply(idf).tocsr()
        mass = np.asarray(weighted.sum(axis=1)).ravel()
        if n > dense_limit:
            return cls._fit_sparse(vectors.tocsr(), present.tocsr(), weighted, mass, document_frequency)

        cosine = (vectors @ vectors.T).toarray()
        shared = (weighted @ present.T).toarray()
        containment = np.divide(shared, mass[:, None], out=np.zeros_like(shared), where=mass[:, None] > 0)
        return cls(cosine.astype(np.float32), containment.astype(np.float32))

    @classmethod
    def _fit_sparse(
        cls,
        vectors: sp.csr_matrix,
        present: sp.csr_matrix,
        weighted: sp.csr_matrix,
        mass: np.ndarray,
        document_frequency: np.ndarray,
    ) -> SentenceSimilarity:
        n = vectors.shape[0]
        rows, cols = candidate_pairs(present, document_frequency)
        cosine = np.empty(len(rows), dtype=np.float32)
        containment = np.empty(len(rows), dtype=np.float32)
        for at in range(0, len(rows), _PAIR_CHUNK):
            r, c = rows[at : at + _PAIR_CHUNK], cols[at : at + _PAIR_CHUNK]
            cosine[at : at + len(r)] = np.asarray(vectors[r].multiply(vectors[c]).sum(axis=1)).ravel()
            shared = np.asarray(weighted[r].multiply(present[c]).sum(axis=1)).ravel()
            containment[at : at + len(r)] = np.divide(
                shared, mass[r], out=np.zeros_like(shared), where=mass[r] > 0
            )
        shape = (n, n)
        return cls(
            sp.csr_matrix((cosine, (rows, cols)), shape=shape),
            sp.csr_matrix((containment, (rows, cols)), shape=shape),
        )

    def overlap(self) -> np.ndarray | sp.csr_matrix:
        """Symmetric redundancy: either sentence largely restates the other."""
        if self.sparse:
            return self.cosine.maximum(self.containment.maximum(self.containment.T)).tocsr()
        return np.maximum(self.cosine, np.maximum(self.containment, self.containment.T))


def candidate_pairs(present: sp.csr_matrix, document_frequency: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols), row-major, of the pairs of sentences sharing ``MIN_SHARED_TERMS`` rare terms,
    each pair both ways, every sentence with itself. Rows are taken in blocks so the shared-term
    counts of all pairs are never held at once."""
    n = present.shape[0]
    rare = np.flatnonzero(document_frequency <= candidate_max_df(n))
    blocks = present[:, rare].astype(np.int32).tocsr()
    transposed = blocks.T.tocsc()
    rows, cols = [], []
    for start in range(0, n, _ROW_BLOCK):
        shared = (blocks[start : start + _ROW_BLOCK] @ transposed).tocsr()
        shared.data = (shared.data >= MIN_SHARED_TERMS).astype(np.int8)
        shared = shared + sp.eye(shared.shape[0], n, k=start, dtype=np.int8, format="csr")
        shared.eliminate_zeros()
        shared.sort_indices()
        counts = np.diff(shared.indptr)
        rows.append(np.repeat(np.arange(start, start + shared.shape[0]), counts))
        cols.append(shared.indices.astype(np.int64))
    return np.concatenate(rows).astype(np.int64), np.concatenate(cols)
