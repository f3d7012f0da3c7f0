"""Reading events from the store for the app: list, search, one event's articles.

Each call opens the store and closes it again: SQLite connections belong to one thread, and
FastAPI runs these (plain ``def``) endpoints in its thread pool.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.store import EventSummary, Store
from newsbrief.types import Event


@dataclass(frozen=True, slots=True)
class EventPage:
    total: int
    events: list[EventSummary]


def matches(event: EventSummary, terms: list[str]) -> bool:
    haystack = f"{event.title} {event.id}".casefold()
    return all(term in haystack for term in terms)


def search_events(
    db: Path, query: str = "", since: str | None = None, limit: int = 50, offset: int = 0
) -> EventPage:
    """Events, most recent first, whose title or id holds every word of ``query``."""
    with Store(db, create=False) as store:
        found = store.events(since=since)
    terms = query.casefold().split()
    if terms:
        found = [e for e in found if matches(e, terms)]
    return EventPage(total=len(found), events=found[offset : offset + limit])


def event_record(event: EventSummary) -> dict[str, Any]:
    return event.to_record()


def load_event(db: Path, event_id: str) -> Event | None:
    with Store(db, create=False) as store:
        return store.event(event_id)


def event_version(db: Path, event_id: str) -> str | None:
    """A key that changes when the event gains or loses articles (so a cached brief is stale)."""
    with Store(db, create=False) as store:
        ids = store.event_article_ids(event_id)
    if not ids:
        return None
    return hashlib.sha1("\n".join(ids).encode()).hexdigest()[:16]
