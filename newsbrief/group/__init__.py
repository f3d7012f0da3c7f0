"""Grouping articles: near-duplicates (``dedup``) and events (``cluster``).

``newsbrief ingest`` drives event clustering only through the two protocols below, so the
store never depends on how events are found, and the clusterer never depends on SQLite.

Contract between ingest and ``newsbrief.group.cluster.EventClusterer`` (``StatefulClusterer`` below):

* ``EventClusterer.load(state)`` (a classmethod) rebuilds the clusterer from what earlier
  runs saved; an empty ``state`` gives a fresh clusterer.
* ``add(articles)`` gets each batch of *new* cleaned articles (text, headline, outlet,
  published and sentences filled in), in ingest order, each article exactly once. It returns
  ``{article id: event id}`` for every article of the batch, plus any article from an earlier
  batch whose event changed because events merged. The store applies the mapping as given
  and drops events left with no article; an event id must not be reused for another event.
* ``save(state)`` is called after every ``add``, inside the same database transaction as the
  batch's articles, so a crash loses both or neither. It should write only what changed
  (e.g. one key per touched event): rewriting all state per batch would make ingest
  quadratic in the size of the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from newsbrief.types import Article


class ClusterState(Protocol):
    """Key/value persistence a store offers a clusterer; writes join the current batch."""

    def get_state(self, key: str) -> bytes | None: ...

    def put_state(self, key: str, value: bytes) -> None: ...

    def delete_state(self, key: str) -> None: ...

    def iter_state(self, prefix: str = "") -> Iterator[tuple[str, bytes]]: ...


@runtime_checkable
class StatefulClusterer(Protocol):
    """Assigns arriving articles to events, incrementally."""

    def add(self, articles: list[Article]) -> dict[str, str]: ...

    def save(self, state: ClusterState) -> None: ...


def load_event_clusterer(state: ClusterState) -> StatefulClusterer:
    """The clusterer of ``newsbrief.group.cluster``, restored from ``state``."""
    from newsbrief.group.cluster import EventClusterer as Implementation

    return Implementation.load(state)


def assign_events(state: ClusterState, articles: list[Article]) -> dict[str, str]:
    """One-shot helper: restore the clusterer, add ``articles``, save it back."""
    clusterer = load_event_clusterer(state)
    assignment = clusterer.add(articles)
    clusterer.save(state)
    return assignment


__all__ = ["ClusterState", "StatefulClusterer", "assign_events", "load_event_clusterer"]
