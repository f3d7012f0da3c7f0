"""Event clustering inside a run: the project's incremental clusterer, fed in fixed batches.

The clusterer (``newsbrief.group.cluster``) finds candidate events through an inverted index of
blocking keys (each event's most distinctive terms and names) and a publication-time window, so
adding an article costs about the same however many came before: there is no all-pairs step.
It runs as the single sequential consumer of the embedded articles; the embeddings it needs
were computed by the workers (``vectors.PrecomputedEmbedder``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsbrief.group import StatefulClusterer
from newsbrief.group.cluster import EventClusterer as Implementation
from newsbrief.scale.vectors import PrecomputedEmbedder, cluster_config
from newsbrief.types import Article


@dataclass(slots=True)
class Embedded:
    """An article on its way to the clusterer, with the embedding a worker computed for it."""

    article: Article
    vector_of: bytes = b""
    vector: np.ndarray | None = None


class EventAssigner:
    """Feeds the clusterer and keeps the time it takes (the sequential part of a run).

    Without a ``clusterer`` it makes a fresh ``newsbrief.group.cluster.EventClusterer`` that
    takes its embeddings from the rows; a given clusterer embeds (or not) on its own."""

    def __init__(self, clusterer: StatefulClusterer | None = None) -> None:
        self.embedder: PrecomputedEmbedder | None = None
        if clusterer is None:
            clusterer, self.embedder = _default_clusterer()
        self.clusterer = clusterer
        self.seconds = 0.0
        self.cpu_seconds = 0.0

    def add(self, batch: Sequence[Embedded]) -> dict[str, str]:
        articles = [item.article for item in batch]
        if self.embedder is not None:
            given = [item for item in batch if item.vector is not None]
            self.embedder.give([i.vector_of for i in given], [i.vector for i in given])
        started, cpu_started = time.perf_counter(), time.thread_time()
        assignment = self.clusterer.add(articles)
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.thread_time() - cpu_started
        missing = [a.id for a in articles if a.id not in assignment]
        if missing:
            raise RuntimeError(f"the clusterer assigned no event to {len(missing)} articles")
        return assignment


def _default_clusterer() -> tuple[StatefulClusterer, PrecomputedEmbedder]:
    config = cluster_config()
    embedder = PrecomputedEmbedder(config.embedder or "static")
    return Implementation(config, embedder), embedder
