"""The article store: one SQLite file in WAL mode, written one transaction per batch.

Everything a batch writes (articles, duplicate links, LSH buckets, event membership, the
clusterer's state, failures) goes through ``Store.batch()``, so a crash loses at most the
batch in flight and a re-run finds the store exactly as the last finished batch left it.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import quote

from filelock import FileLock

from newsbrief.group.dedup import (
    MINHASH_SCHEME,
    MINHASH_SEED,
    NUM_PERM,
    SHINGLE_WORDS,
    DuplicateLink,
    LshBands,
    Signature,
    connected_groups,
    independent_outlet_count,
    lsh_bands,
    signature_bytes,
    signature_from_bytes,
)
from newsbrief.store.codec import decode_article, encode_cleaned
from newsbrief.store.defaults import default_db_path
from newsbrief.store.desk import DeskQueries
from newsbrief.store.records import EventSummary, StoreCounts, StoredFailure
from newsbrief.store.schema import SchemaError, check_marker, ensure_schema
from newsbrief.types import Article, Event, Failure

# Python's sqlite3 may be built with a low variable limit; chunk long IN (...) lists.
_IN_CHUNK = 400

_ARTICLE_COLUMNS = "id, source, outlet, headline, published, url, text, cleaned"


class StoreMissing(FileNotFoundError):
    """A reading command or the web app was pointed at a store that does not exist."""


def iso_date(text: str) -> str:
    """``text`` as an ISO date or date-time, normalised; ValueError saying what is expected."""
    try:
        parsed = datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text[:60]!r} is not an ISO date like 2026-03-01") from None
    return parsed.isoformat()


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(DeskQueries):
    """Typed access to the store; use as a context manager to close it."""

    def __init__(self, path: str | Path | None = None, *, create: bool = True) -> None:
        """Open the store at ``path``. ``create=False`` (reading commands, the web app) never
        makes a file or folder: a missing store is ``StoreMissing``. Either way an existing
        file must be a newsbrief store (``NotAStore`` otherwise), checked before any write."""
        self.path = Path(path) if path is not None else default_db_path()
        created_now = not self.path.exists()
        if created_now and not create:
            raise StoreMissing(f"no store at {self.path} (`newsbrief ingest --db {self.path}` makes one)")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # mode=rw: SQLite itself refuses to create the file, even if it vanished since the check.
        mode = "rwc" if create else "rw"
        uri = f"file:{quote(str(self.path.absolute()))}?mode={mode}"
        # Autocommit mode: transactions are opened explicitly by batch().
        self._db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30.0)
        try:
            check_marker(self._db, self.path, created_now)
        except BaseException:
            self._db.close()
            raise
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is crash-safe in WAL mode; only the last commits can be lost on power loss.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        # 64 MiB of page cache (SQLite's default is 2 MiB): LSH bucket and hash-index inserts
        # land on random pages, and at 25k articles this made ingest ~10% faster per CPU second.
        self._db.execute("PRAGMA cache_size=-65536")
        self.schema_version = ensure_schema(self._db)
        self.bands: LshBands = lsh_bands()
        self._check_settings()
        self._in_batch = False

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction: all of it is committed, or (on any exception) none of it."""
        if self._in_batch:
            raise RuntimeError("batches do not nest")
        self._db.execute("BEGIN IMMEDIATE")
        self._in_batch = True
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._in_batch = False

    @contextmanager
    def writer_lock(self, timeout: float = -1) -> Iterator[None]:
        """Hold the store's single-writer lock (``timeout`` seconds, -1: wait for it).

        SQLite serialises transactions, but an event clusterer keeps state in memory between
        batches: two ingests into one store would each save state missing the other's articles.
        Raises ``filelock.Timeout`` when another process holds the lock past ``timeout``.
        """
        # Keyed on the resolved path: through a symlink or another spelling of the same folder,
        # two ingests would otherwise each take a lock of their own and write at once.
        with FileLock(f"{self.path.resolve()}.lock", timeout=timeout):
            yield

    def _check_settings(self) -> None:
        wanted = {
            "minhash": f"datasketch {MINHASH_SCHEME} crc32 num_perm={NUM_PERM} seed={MINHASH_SEED}"
            f" shingles={SHINGLE_WORDS} words",
            "lsh": f"bands={self.bands.bands} rows={self.bands.rows}",
        }
        stored = dict(self._db.execute("SELECT key, value FROM settings").fetchall())
        for key, value in wanted.items():
            if key not in stored:
                self._db.execute("INSERT OR IGNORE INTO settings VALUES (?, ?)", (key, value))
            elif stored[key] != value:
                raise SchemaError(
                    f"{self.path} was built with {key} {stored[key]!r}, this version uses {value!r}"
                )

    # Inputs and articles

    def has_input(self, doc_id: str, source: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM inputs WHERE doc_id = ? AND source = ?", (doc_id, source)
        ).fetchone()
        return row is not None

    def article_with_hash(self, content_hash: str) -> str | None:
        row = self._db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def free_article_id(self, wanted: str, content_hash: str) -> str:
        """``wanted`` if no stored article has it, else one made unique by the content hash
        (so the same article gets the same id whatever order inputs arrive in)."""
        candidate, length = wanted, 8
        while self._db.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone():
            candidate = f"{wanted}-{content_hash[:length]}"
            length += 4
        return candidate

    def add_article(self, article: Article, *, content_hash: str, crawled: str | None = None) -> None:
        self._db.execute(
            "INSERT INTO articles (id, source, outlet, headline, published, crawled, url, text,"
            " cleaned, content_hash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.source,
                article.outlet,
                article.headline,
                article.published,
                crawled,
                article.url,
                article.text,
                encode_cleaned(article),
                content_hash,
                now_utc(),
            ),
        )
        self._db.execute(
            "INSERT INTO article_search (rowid, article, headline, text, outlet, people)"
            " SELECT rowid, id, COALESCE(headline, ''), text, COALESCE(outlet, ''), '' FROM articles"
            " WHERE id = ?",
            (article.id,),
        )

    def add_input(self, doc_id: str, source: str, article_id: str) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO inputs (doc_id, source, article) VALUES (?, ?, ?)",
            (doc_id, source, article_id),
        )

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in the order asked (unknown ids left out)."""
        rows: dict[str, tuple] = {}
        for chunk in _chunks(article_ids):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            ):
                rows[row[0]] = row
        return [_article_from_row(rows[i]) for i in dict.fromkeys(article_ids) if i in rows]

    def crawled(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT crawled FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    # Near-duplicates (implements group.dedup.SignatureIndex)

    def add_signature(self, article_id: str, sig: Signature, buckets: Iterable[int]) -> None:
        self._db.execute("INSERT INTO signatures VALUES (?, ?)", (article_id, signature_bytes(sig)))
        self._db.executemany(
            "INSERT OR IGNORE INTO lsh_buckets VALUES (?, ?)", [(b, article_id) for b in buckets]
        )

    def bucket_members(self, buckets: Sequence[int], limit: int) -> list[str]:
        marks = ",".join("?" * len(buckets))
        rows = self._db.execute(
            f"SELECT DISTINCT article FROM lsh_buckets WHERE bucket IN ({marks}) LIMIT ?",
            (*buckets, limit),
        )
        return [r[0] for r in rows]

    def signatures(self, article_ids: Sequence[str]) -> dict[str, Signature]:
        found: dict[str, Signature] = {}
        for chunk in _chunks(article_ids):
            marks = ",".join("?" * len(chunk))
            for article_id, blob in self._db.execute(
                f"SELECT article, minhash FROM signatures WHERE article IN ({marks})", chunk
            ):
                found[article_id] = signature_from_bytes(blob)
        return found

    def add_duplicate(self, link: DuplicateLink) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO duplicates VALUES (?, ?, ?)",
            (link.article, link.duplicate_of, link.similarity),
        )

    def duplicate_links(self, article_ids: Sequence[str]) -> list[DuplicateLink]:
        """Links from or to any of ``article_ids``."""
        links: dict[str, DuplicateLink] = {}
        for chunk in _chunks(article_ids):
            marks = ",".join("?" * len(chunk))
            for article, original, score in self._db.execute(
                f"SELECT article, duplicate_of, similarity FROM duplicates"
                f" WHERE article IN ({marks}) OR duplicate_of IN ({marks})",
                (*chunk, *chunk),
            ):
                links[article] = DuplicateLink(article, original, score)
        return list(links.values())

    def independent_groups(self, article_ids: Sequence[str]) -> list[list[str]]:
        """``article_ids`` grouped so each group is one independent report: an original and
        its syndicated copies. ``len()`` of the result is how many independent reports agree."""
        links = [(link.article, link.duplicate_of) for link in self.duplicate_links(article_ids)]
        return connected_groups(article_ids, links)

    # Events

    def assign_events(self, assignment: Mapping[str, str]) -> set[str]:
        """Apply a clusterer's ``{article id: event id}``; return the events that changed.

        Events left without articles (merged into another) are deleted."""
        if not assignment:
            return set()
        now = now_utc()
        touched = set(assignment.values())
        for chunk in _chunks(list(assignment)):
            marks = ",".join("?" * len(chunk))
            touched.update(
                r[0]
                for r in self._db.execute(
                    f"SELECT DISTINCT event FROM event_articles WHERE article IN ({marks})", chunk
                )
            )
        self._db.executemany(
            "INSERT OR IGNORE INTO events (id, title, created_at, updated_at) VALUES (?, '', ?, ?)",
            [(event, now, now) for event in set(assignment.values())],
        )
        self._db.executemany(
            "INSERT INTO event_articles (article, event) VALUES (?, ?)"
            " ON CONFLICT (article) DO UPDATE SET event = excluded.event",
            list(assignment.items()),
        )
        for event in sorted(touched):
            self._refresh_event(event, now)
        return touched

    def _refresh_event(self, event: str, now: str) -> None:
        count, first, last = self._db.execute(
            "SELECT COUNT(*), MIN(a.published), MAX(a.published) FROM event_articles m"
            " JOIN articles a ON a.id = m.article WHERE m.event = ?",
            (event,),
        ).fetchone()
        if not count:
            self._db.execute("DELETE FROM events WHERE id = ?", (event,))
            return
        # The earliest report's headline: usually the original story, not a follow-up.
        (title,) = self._db.execute(
            "SELECT COALESCE(a.headline, a.id) FROM event_articles m"
            " JOIN articles a ON a.id = m.article WHERE m.event = ?"
            " ORDER BY a.published IS NULL, a.published, a.rowid LIMIT 1",
            (event,),
        ).fetchone()
        self._db.execute(
            "UPDATE events SET title = ?, first_published = ?, last_published = ?, updated_at = ?"
            " WHERE id = ?",
            (title, first, last, now, event),
        )

    def event_of(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT event FROM event_articles WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def event_article_ids(self, event_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT a.id FROM event_articles m JOIN articles a ON a.id = m.article"
            " WHERE m.event = ? ORDER BY a.published IS NULL, a.published, a.rowid",
            (event_id,),
        )
        return [r[0] for r in rows]

    def event(self, event_id: str) -> Event | None:
        row = self._db.execute("SELECT id, title FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        return Event(id=row[0], title=row[1], articles=self.articles(self.event_article_ids(event_id)))

    def events(self, since: str | None = None) -> list[EventSummary]:
        """Events, most recent first. ``since`` (ISO date) keeps events whose latest article was
        published on or after it; for events with no publication date, ingest time decides.
        Anything but an ISO date is a ValueError: compared as text, it would match nothing."""
        since = iso_date(since) if since else None
        rows = self._db.execute(
            "SELECT e.id, e.title, e.first_published, e.last_published, e.created_at, e.updated_at,"
            " COUNT(m.article) FROM events e JOIN event_articles m ON m.event = e.id"
            " WHERE ? IS NULL OR COALESCE(e.last_published, e.updated_at) >= ?"
            " GROUP BY e.id ORDER BY COALESCE(e.last_published, e.updated_at) DESC, e.id",
            (since, since),
        ).fetchall()
        outlets = self._independent_outlets({r[0] for r in rows})
        return [EventSummary(*row, independent_outlets=outlets.get(row[0], 0)) for row in rows]

    def _independent_outlets(self, events: set[str]) -> dict[str, int]:
        if not events:
            return {}
        members: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for event, article, outlet in self._db.execute(
            "SELECT m.event, a.id, a.outlet FROM event_articles m JOIN articles a ON a.id = m.article"
        ):
            if event in events:
                members[event].append((article, outlet))
        links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for event, article, original in self._db.execute(
            "SELECT m1.event, d.article, d.duplicate_of FROM duplicates d"
            " JOIN event_articles m1 ON m1.article = d.article"
            " JOIN event_articles m2 ON m2.article = d.duplicate_of WHERE m1.event = m2.event"
        ):
            if event in events:
                links[event].append((article, original))
        return {e: independent_outlet_count(members[e], links[e]) for e in events}

    # Failures

    def add_failures(self, failures: Iterable[Failure]) -> None:
        now = now_utc()
        self._db.executemany(
            "INSERT INTO failures VALUES (?, ?, ?)"
            " ON CONFLICT (source, reason) DO UPDATE SET failed_at = excluded.failed_at",
            [(f.source, f.reason, now) for f in failures],
        )

    def failures(self) -> list[StoredFailure]:
        rows = self._db.execute("SELECT source, reason, failed_at FROM failures ORDER BY failed_at, source")
        return [StoredFailure(*r) for r in rows]

    def counts(self) -> StoreCounts:
        def count(table: str) -> int:
            return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

        return StoreCounts(
            articles=count("articles"),
            near_duplicates=count("duplicates"),
            events=count("events"),
            failures=count("failures"),
        )

    # Clusterer state (implements group.ClusterState)

    def get_state(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM cluster_state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def put_state(self, key: str, value: bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO cluster_state VALUES (?, ?)", (key, value))

    def delete_state(self, key: str) -> None:
        self._db.execute("DELETE FROM cluster_state WHERE key = ?", (key,))

    def iter_state(self, prefix: str = "") -> Iterator[tuple[str, bytes]]:
        # Materialised so the caller may write state while iterating.
        rows = self._db.execute(
            "SELECT key, value FROM cluster_state WHERE key >= ? AND key < ? ORDER BY key",
            (prefix, prefix + "\U0010ffff"),
        ).fetchall()
        return iter([(k, bytes(v)) for k, v in rows])


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def _article_from_row(row: tuple) -> Article:
    article_id, source, outlet, headline, published, url, text, cleaned = row
    return decode_article(
        article_id=article_id,
        source=source,
        outlet=outlet,
        headline=headline,
        published=published,
        url=url,
        text=text,
        cleaned=cleaned,
    )
