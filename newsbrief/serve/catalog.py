"""Reading events from the store for the app: list, search, one event's articles.

Each call opens the store and closes it again: SQLite connections belong to one thread, and
FastAPI runs these (plain ``def``) endpoints in its thread pool.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.store import EventSummary, SchemaError, Store
from newsbrief.types import Event


class StoreUnavailable(RuntimeError):
    """The store cannot be opened or read (removed, replaced, corrupt, unreadable); the message
    names it by file name only."""


@contextmanager
def opened(db: Path) -> Iterator[Store]:
    """The store, opened for one request; any failure to read it is ``StoreUnavailable``."""
    try:
        with Store(db, create=False) as store:
            yield store
    except (sqlite3.Error, SchemaError, OSError) as exc:
        reason = str(exc).replace(str(db.absolute()), db.name).replace(str(db), db.name)
        raise StoreUnavailable(f"the store {db.name} cannot be read: {reason}") from exc


def check_store(db: Path) -> str | None:
    """None when the store opens and answers a query, else why not."""
    try:
        with opened(db):
            pass
    except StoreUnavailable as exc:
        return str(exc)
    return None


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
    with opened(db) as store:
        found = store.events(since=since)
    terms = query.casefold().split()
    if terms:
        found = [e for e in found if matches(e, terms)]
    return EventPage(total=len(found), events=found[offset : offset + limit])


def event_record(event: EventSummary) -> dict[str, Any]:
    return event.to_record()


def load_event(db: Path, event_id: str) -> Event | None:
    with opened(db) as store:
        return store.event(event_id)


def event_version(db: Path, event_id: str) -> str | None:
    """A key that changes when the event gains or loses articles (so a cached brief is stale)."""
    with opened(db) as store:
        ids = store.event_article_ids(event_id)
    if not ids:
        return None
    return hashlib.sha1("\n".join(ids).encode()).hexdigest()[:16]
