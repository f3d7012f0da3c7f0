"""Embeddings for event clustering, computed by the workers and handed to the clusterer.

The clusterer embeds each article's headline and lead (``event_features.article_terms``) as
part of ``add``. Here workers compute those embeddings in parallel, and the clusterer gets a
``PrecomputedEmbedder`` that returns them: the embedder is batch-invariant (a text's vector does
not depend on what else is in the batch; checked bit for bit in the tests), so events are
exactly those the clusterer would find embedding on its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache

import numpy as np

from newsbrief.group.cluster import ClusterConfig
from newsbrief.group.event_features import article_terms
from newsbrief.text.embed import Embedder, get_embedder
from newsbrief.types import Article


@cache
def cluster_config() -> ClusterConfig:
    """The configuration every run clusters with (the clusterer's defaults)."""
    return ClusterConfig()


def embedding_text(article: Article, config: ClusterConfig | None = None) -> str:
    """The text the clusterer embeds for ``article``."""
    return article_terms(article, (config or cluster_config()).lead_sentences).lead_text


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class PrecomputedEmbedder:
    """An ``Embedder`` that answers from vectors the workers computed, by text.

    A text it was not given (there should be none) is embedded here, by the same model, and
    counted in ``misses``, so a mismatch costs time but never changes a result."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._vectors: dict[bytes, np.ndarray] = {}
        self.misses = 0

    @property
    def fallback(self) -> Embedder:
        return get_embedder(self.kind)  # type: ignore[arg-type]

    @property
    def dim(self) -> int:
        return self.fallback.dim

    def give(self, keys: Sequence[bytes], vectors: Sequence[np.ndarray]) -> None:
        """The vectors of the next batch (any earlier ones are dropped: memory stays flat)."""
        self._vectors = dict(zip(keys, vectors, strict=True))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows: list[np.ndarray | None] = [self._vectors.get(text_key(t)) for t in texts]
        missing = [i for i, row in enumerate(rows) if row is None]
        if missing:
            self.misses += len(missing)
            computed = self.fallback.encode([texts[i] for i in missing])
            for i, vector in zip(missing, computed, strict=True):
                rows[i] = vector
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([r for r in rows if r is not None]).astype(np.float32, copy=False)
