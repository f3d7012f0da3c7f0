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
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import Any

from newsbrief.store import EventSummary, SchemaError, Store, StoredBrief
from newsbrief.store.database import iso_date
from newsbrief.store.desk import OutletArticle, SearchHit, Statement
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
class EventFilters:
    """What the events list is narrowed to: words (full-text), an outlet, a person, dates."""

    query: str = ""
    outlet: str | None = None
    person: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class EventPage:
    total: int
    events: list[EventSummary]
    # For a word search: each listed event's best matching article and snippet.
    hits: dict[str, SearchHit]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def display_source(source: str) -> str:
    """Where an article came from, without the server's folders: the file name, with its
    ``:line`` or ``@offset``; a URL or a label stays as it is."""
    if "://" in source:
        return source
    return PurePath(source.replace("\\", "/")).name or source


def version_of(article_ids: list[str]) -> str:
    """A key that changes when an event gains or loses articles (so a stored brief is stale)."""
    return hashlib.sha1("\n".join(article_ids).encode()).hexdigest()[:16]


def matches(event: EventSummary, terms: list[str]) -> bool:
    haystack = f"{event.title} {event.id}".casefold()
    return all(term in haystack for term in terms)


def search_events(db: Path, filters: EventFilters, limit: int = 50, offset: int = 0) -> EventPage:
    """Events matching ``filters``: with words, ranked by full-text search over the articles'
    headlines, text, outlets and people (an event's id or title words match too, first);
    without, most recent first. ``until`` keeps events that started on or before it."""
    until = iso_date(filters.until) if filters.until else None
    with opened(db) as store:
        found = store.events(since=filters.since)
        hits: dict[str, SearchHit] = {}
        if filters.query.strip():
            terms = filters.query.casefold().split()
            ranked = [e.id for e in found if matches(e, terms)]
            hits = {hit.event: hit for hit in store.search(filters.query)}
            order = {event: n for n, event in enumerate([*ranked, *(h for h in hits if h not in ranked)])}
            found = sorted((e for e in found if e.id in order), key=lambda e: order[e.id])
        if filters.outlet:
            with_outlet = store.events_with_outlet(filters.outlet)
            found = [e for e in found if e.id in with_outlet]
        if filters.person:
            with_person = store.events_with_person(filters.person)
            found = [e for e in found if e.id in with_person]
    if until is not None:
        found = [e for e in found if (e.first_published or e.created_at) <= _end_of(until)]
    page = found[offset : offset + limit]
    return EventPage(total=len(found), events=page, hits={e.id: hits[e.id] for e in page if e.id in hits})


def _end_of(until: str) -> str:
    # A date means the whole day: "2022-01-12" keeps "2022-01-12T18:00".
    return until + "T99" if "T" not in until else until


def event_record(event: EventSummary, hit: SearchHit | None = None) -> dict[str, Any]:
    record = event.to_record()
    if hit is not None:
        record["match"] = {
            "article": hit.article,
            "snippet": [{"text": text, "match": matched} for text, matched in hit.snippet],
        }
    return record


def load_event(db: Path, event_id: str) -> Event | None:
    with opened(db) as store:
        return store.event(event_id)


def event_version(db: Path, event_id: str) -> str | None:
    """The version of the event's current articles; None when there is no such event."""
    with opened(db) as store:
        ids = store.event_article_ids(event_id)
    return version_of(ids) if ids else None


def event_title(db: Path, event_id: str) -> str | None:
    with opened(db) as store:
        return store.event_title(event_id)


def stored_brief(db: Path, brief_id: str) -> StoredBrief | None:
    with opened(db) as store:
        return store.stored_brief(brief_id)


def current_brief(db: Path, event_id: str, words: int, version: str) -> StoredBrief | None:
    with opened(db) as store:
        return store.brief_of(event_id, words, version)


def outlets(db: Path) -> list[tuple[str, int, int]]:
    with opened(db) as store:
        return store.outlets()


def outlet_articles(db: Path, outlet: str) -> list[OutletArticle]:
    with opened(db) as store:
        return store.outlet_articles(outlet)


def people(db: Path) -> list[tuple[str, int, int]]:
    with opened(db) as store:
        return store.people()


def statements_by(db: Path, speaker: str) -> list[Statement]:
    with opened(db) as store:
        return store.statements_by(speaker)
