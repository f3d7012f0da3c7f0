"""What the store returns besides types.Article and types.Event."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One line of ``newsbrief events``."""

    id: str
    title: str
    first_published: str | None
    last_published: str | None
    created_at: str
    updated_at: str
    article_count: int
    # Distinct outlets once near-duplicates are collapsed (see group.dedup).
    independent_outlets: int


@dataclass(frozen=True, slots=True)
class StoredFailure:
    source: str
    reason: str
    failed_at: str


@dataclass(frozen=True, slots=True)
class StoreCounts:
    articles: int
    near_duplicates: int
    events: int
    failures: int
