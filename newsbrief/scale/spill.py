"""The sequential consumer's working memory, on disk: SQLite in the run's scratch folder.

A run over a month of news must not hold every article id, signature and event membership in
the driver's heap. This file holds them instead: ids already used (for renaming repeats), the
MinHash signatures and LSH buckets near-duplicate search needs, where each article's line is in
``articles.jsonl``, and which event each article ends up in. It is scratch: no fsync, no
journal; a crashed run is simply run again.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsbrief.group.dedup import Signature, signature_bytes, signature_from_bytes

_SCHEMA = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    outlet TEXT,
    published TEXT,
    headline TEXT,
    duplicate_of TEXT,
    event TEXT
);
CREATE TABLE signatures (seq INTEGER PRIMARY KEY, minhash BLOB NOT NULL);
CREATE TABLE buckets (bucket INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX buckets_by_key ON buckets (bucket, seq);
CREATE TABLE texts (id TEXT NOT NULL, digest BLOB NOT NULL, source TEXT NOT NULL,
                    PRIMARY KEY (id, digest)) WITHOUT ROWID;
CREATE TABLE id_counts (id TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
"""
# SQLite's default limit on ? parameters is 999 in old builds.
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class SpilledArticle:
    seq: int
    id: str
    offset: int
    length: int
    outlet: str | None
    published: str | None
    headline: str | None
    duplicate_of: str | None


class Spill:
    """Also a ``newsbrief.group.dedup.SignatureIndex`` over the articles added so far."""

    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
            "PRAGMA cache_size=-65536;"
        )
        self._db.executescript(_SCHEMA)
        self._db.execute("BEGIN")

    def close(self) -> None:
        self._db.execute("COMMIT")
        self._db.close()

    def commit(self) -> None:
        """End the open transaction (one per consumer batch: per-row commits would crawl)."""
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")

    # Ids

    def has_id(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def first_source(self, article_id: str, text: str, source: str) -> str:
        """The source that first gave this id with this text (``source`` itself if none did)."""
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        row = self._db.execute(
            "SELECT source FROM texts WHERE id = ? AND digest = ?", (article_id, digest)
        ).fetchone()
        if row is not None:
            return str(row[0])
        self._db.execute("INSERT INTO texts VALUES (?, ?, ?)", (article_id, digest, source))
        return source

    def count_id(self, article_id: str) -> int:
        """How many articles had ``article_id`` before this one (counting it from now on)."""
        row = self._db.execute("SELECT count FROM id_counts WHERE id = ?", (article_id,)).fetchone()
        count = int(row[0]) if row else 0
        self._db.execute("INSERT OR REPLACE INTO id_counts VALUES (?, ?)", (article_id, count + 1))
        return count

    # Articles

    def add_article(self, article: SpilledArticle, sig: Signature, keys: Sequence[int]) -> None:
        self._db.execute(
            "INSERT INTO articles (seq, id, offset, length, outlet, published, headline, "
            "duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.seq,
                article.id,
                article.offset,
                article.length,
                article.outlet,
                article.published,
                article.headline,
                article.duplicate_of,
            ),
        )
        self._db.execute("INSERT INTO signatures VALUES (?, ?)", (article.seq, signature_bytes(sig)))
        self._db.executemany("INSERT INTO buckets VALUES (?, ?)", [(k, article.seq) for k in keys])

    def set_events(self, assignment: dict[str, str]) -> None:
        self._db.executemany(
            "UPDATE articles SET event = ? WHERE id = ?", [(e, a) for a, e in assignment.items()]
        )

    # SignatureIndex

    def bucket_members(self, buckets: Sequence[int], limit: int) -> list[str]:
        """Earliest articles first, so ties between equally similar matches break the same way
        in every run."""
        marks = ",".join("?" * len(buckets))
        rows = self._db.execute(
            f"SELECT a.id FROM articles a WHERE a.seq IN "
            f"(SELECT seq FROM buckets WHERE bucket IN ({marks})) ORDER BY a.seq LIMIT ?",
            (*buckets, limit),
        )
        return [r[0] for r in rows]

    def signatures(self, article_ids: Sequence[str]) -> dict[str, Signature]:
        found: dict[str, Signature] = {}
        for start in range(0, len(article_ids), _CHUNK):
            chunk = list(article_ids[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            for article_id, blob in self._db.execute(
                f"SELECT a.id, s.minhash FROM articles a JOIN signatures s USING (seq) "
                f"WHERE a.id IN ({marks})",
                chunk,
            ):
                found[article_id] = signature_from_bytes(blob)
        return found

    # Events

    def events(self) -> Iterator[tuple[str, list[SpilledArticle]]]:
        """Each event with its articles in input order; events ordered by their first article.

        The order depends only on the input, never on the engine or on timing, so two runs
        write the same files in the same order."""
        self._db.execute("CREATE INDEX IF NOT EXISTS articles_by_event ON articles (event, seq)")
        rows = self._db.execute(
            "SELECT a.event, a.seq, a.id, a.offset, a.length, a.outlet, a.published, a.headline, "
            "a.duplicate_of FROM articles a JOIN "
            "(SELECT event, MIN(seq) AS first FROM articles WHERE event IS NOT NULL "
            "GROUP BY event) f "
            "USING (event) ORDER BY f.first, a.seq"
        )
        current: str | None = None
        members: list[SpilledArticle] = []
        for event, *fields in rows:
            if event != current and members:
                assert current is not None
                yield current, members
                members = []
            current = event
            members.append(SpilledArticle(*fields))
        if members and current is not None:
            yield current, members

    def unassigned(self) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM articles WHERE event IS NULL").fetchone()
        return int(row[0])
