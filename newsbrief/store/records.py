"""What the store returns besides types.Article and types.Event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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

    def to_record(self) -> dict[str, Any]:
        """The stable JSON keys of `newsbrief events --format json` and the web API."""
        return {
            "id": self.id,
            "title": self.title,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "articles": self.article_count,
            "independent_outlets": self.independent_outlets,
        }


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
