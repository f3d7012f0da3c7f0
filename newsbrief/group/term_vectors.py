"""Hashed tf-idf vectors whose document frequencies are counted as articles arrive.

A stream has no corpus to fit a vocabulary on, so terms are hashed (MurmurHash3 via
scikit-learn's FeatureHasher: stable across processes, unlike ``hash()``) into a fixed number of
buckets per namespace, and document frequencies are counted per bucket. The state is a few
fixed-size arrays however many articles have been seen, so saving it costs the same every batch.

A term seen in only one article so far (``min_df``) cannot match anything yet: it is kept, since
a later article may share it, but cosines leave it out of the norms until it is shared, so it
does not dilute them. Weights are fixed when an article is added; older articles keep the IDF of
their time, which only matters early in a stream.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import FeatureHasher

from newsbrief.group.event_features import BODY, ENTITY, LEAD, NAMESPACES, NUMBER

# Lead terms are body terms read from a different place: they share the body's buckets and
# document frequencies, so a word's IDF does not depend on where in the article it was found.
FREQUENCY_SPACE = {BODY: BODY, LEAD: BODY, ENTITY: ENTITY, NUMBER: NUMBER}
DEFAULT_BITS = {BODY: 20, ENTITY: 18, NUMBER: 16}


@dataclass(frozen=True, slots=True)
class SparseVector:
    """Sorted unique bucket indices and their weights."""

    indices: np.ndarray  # int32
    values: np.ndarray  # float32

    @classmethod
    def empty(cls) -> SparseVector:
        return cls(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))

    @property
    def norm(self) -> float:
        return float(np.sqrt(np.dot(self.values, self.values)))

    def __len__(self) -> int:
        return len(self.indices)

    def plus(self, other: SparseVector, limit: int) -> SparseVector:
        """The sum of two vectors, keeping at most the ``limit`` largest weights."""
        if not len(other):
            return self
        indices = np.concatenate([self.indices, other.indices])
        values = np.concatenate([self.values, other.values])
        unique, inverse = np.unique(indices, return_inverse=True)
        summed = np.bincount(inverse, weights=values).astype(np.float32)
        if len(unique) > limit:
            # An event's long tail of one-off words barely moves its similarity to anything.
            keep = np.sort(np.argsort(-summed, kind="stable")[:limit])
            unique, summed = unique[keep], summed[keep]
        return SparseVector(unique.astype(np.int32), summed)

    def top(self, count: int) -> np.ndarray:
        """Indices of the ``count`` largest weights (ties: lower index first)."""
        values, indices = self.values, self.indices
        if len(values) > count:
            # Partition first: events hold thousands of terms and only a few keys are wanted.
            kth = np.partition(values, len(values) - count)[len(values) - count]
            keep = values >= kth
            values, indices = values[keep], indices[keep]
        order = np.lexsort((indices, -values))[:count]
        return indices[order]


class DocumentFrequencies:
    """Per-bucket document counts for each frequency space, plus the number of documents."""

    def __init__(
        self,
        bits: dict[str, int] | None = None,
        counts: dict[str, np.ndarray] | None = None,
        documents: int = 0,
        min_df: int = 2,
    ) -> None:
        self.bits = dict(bits or DEFAULT_BITS)
        self.counts = counts or {space: np.zeros(1 << b, dtype=np.uint32) for space, b in self.bits.items()}
        self.documents = documents
        self.min_df = min_df
        self._hashers = {
            space: FeatureHasher(
                n_features=1 << b, input_type="string", alternate_sign=False, dtype=np.float32
            )
            for space, b in self.bits.items()
        }

    def vectorize(self, batch: Sequence[Mapping[str, list[str]]]) -> list[dict[str, SparseVector]]:
        """Count ``batch`` (each item: one article's terms per namespace) into the frequencies,
        then return each article's unit tf-idf vector per namespace.

        The whole batch is counted before any of it is weighted, so articles that arrive
        together can match on terms no earlier article had."""
        counts = {
            ns: self._hashers[FREQUENCY_SPACE[ns]].transform([terms[ns] for terms in batch])
            for ns in NAMESPACES
        }
        self.documents += len(batch)
        for space in self.counts:
            # An article counts once per bucket, whether the term came from its lead or body.
            present = sp.csr_matrix(
                sum(m for ns, m in counts.items() if FREQUENCY_SPACE[ns] == space), copy=False
            )
            if present.nnz:
                counts_here = self.counts[space]
                counts_here += np.bincount(present.indices, minlength=len(counts_here)).astype(np.uint32)
        weighted = {ns: self._weigh(m, self.counts[FREQUENCY_SPACE[ns]]) for ns, m in counts.items()}
        return [{ns: _row(weighted[ns], i) for ns in NAMESPACES} for i in range(len(batch))]

    def _weigh(self, counts: sp.csr_matrix, frequencies: np.ndarray) -> sp.csr_matrix:
        matrix = counts.tocsr(copy=True)
        matrix.sum_duplicates()
        df = frequencies[matrix.indices].astype(np.float64)
        idf = np.log((1.0 + self.documents) / (1.0 + df)) + 1.0
        matrix.data = (np.log1p(matrix.data) * idf).astype(np.float32)
        # Unit length over the terms that can match already; the others are kept (a later
        # article may share them) but left out of the norm, as ``active_norm`` does later.
        shared = sp.csr_matrix(
            (np.where(df >= self.min_df, matrix.data, 0.0), matrix.indices, matrix.indptr),
            shape=matrix.shape,
        )
        norms = np.sqrt(np.asarray(shared.multiply(shared).sum(axis=1)).ravel())
        fallback = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms = np.where(norms > 0, norms, fallback)
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return sp.csr_matrix(sp.diags(scale.astype(np.float32)) @ matrix)

    def active(self, namespace: str, vector: SparseVector) -> np.ndarray:
        """Mask of the entries whose terms are in at least ``min_df`` documents by now."""
        return self.counts[FREQUENCY_SPACE[namespace]][vector.indices] >= self.min_df

    def active_norm(self, namespace: str, vector: SparseVector) -> float:
        """Norm over the terms that can match: a term only one article has had so far would
        only dilute the cosine."""
        values = vector.values[self.active(namespace, vector)]
        return float(np.sqrt(np.dot(values, values)))


def _row(matrix: sp.csr_matrix, i: int) -> SparseVector:
    start, end = matrix.indptr[i], matrix.indptr[i + 1]
    order = np.argsort(matrix.indices[start:end], kind="stable")
    return SparseVector(
        matrix.indices[start:end][order].astype(np.int32),
        matrix.data[start:end][order].astype(np.float32),
    )
