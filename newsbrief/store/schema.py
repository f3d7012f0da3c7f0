"""The SQLite schema of the store, and how an existing file is brought up to date."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2
# Written into the SQLite header (``PRAGMA application_id``) of every store this version makes
# or migrates ("nbst"): a file without it is opened only if it is a schema-1 store from before
# the marker, never turned into a store (a foreign database, an empty file at a typo'd path).
APPLICATION_ID = 0x6E627374
# The tables only a newsbrief store has together; how a schema-1 store is recognised.
_STORE_TABLES = {"schema_version", "articles", "inputs", "settings"}

# Version 1. Ids are TEXT because they come from the inputs (file stems, feed ids, URLs).
_SCHEMA_V1 = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    outlet TEXT,
    headline TEXT,
    published TEXT,
    crawled TEXT,
    url TEXT,
    text TEXT NOT NULL,
    cleaned TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    ingested_at TEXT NOT NULL
);
-- Every input record seen, so a re-run skips it before paying for cleaning again.
CREATE TABLE inputs (
    doc_id TEXT NOT NULL,
    source TEXT NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (doc_id, source)
) WITHOUT ROWID;
CREATE TABLE signatures (
    article TEXT PRIMARY KEY REFERENCES articles(id),
    minhash BLOB NOT NULL
) WITHOUT ROWID;
-- LSH buckets live next to the articles so both are committed in the same transaction.
CREATE TABLE lsh_buckets (
    bucket INTEGER NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (bucket, article)
) WITHOUT ROWID;
CREATE TABLE duplicates (
    article TEXT PRIMARY KEY REFERENCES articles(id),
    duplicate_of TEXT NOT NULL REFERENCES articles(id),
    similarity REAL NOT NULL
);
CREATE INDEX duplicates_of ON duplicates (duplicate_of);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    first_published TEXT,
    last_published TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE event_articles (
    article TEXT PRIMARY KEY REFERENCES articles(id),
    event TEXT NOT NULL REFERENCES events(id)
);
CREATE INDEX event_articles_event ON event_articles (event);
CREATE TABLE failures (
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL,
    PRIMARY KEY (source, reason)
) WITHOUT ROWID;
-- Opaque state of the event clusterer (newsbrief.group.ClusterState).
CREATE TABLE cluster_state (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;
-- Parameters the stored data depends on (e.g. MinHash settings).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""

# Version 2: full-text search over articles (headline, text, outlet, the people a stored brief
# found in them), and briefs kept in the store, with the people and statements they found.
_MIGRATION_V2 = """
CREATE VIRTUAL TABLE article_search USING fts5(
    article UNINDEXED, headline, text, outlet, people, tokenize = 'porter unicode61'
);
-- Its rowid is the article's, so a brief can update the people of its articles directly.
INSERT INTO article_search (rowid, article, headline, text, outlet, people)
    SELECT rowid, id, COALESCE(headline, ''), text, COALESCE(outlet, ''), '' FROM articles;
-- One brief per event and length, version naming the articles of the event it was made of.
CREATE TABLE briefs (
    id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    version TEXT NOT NULL,
    words INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    record TEXT NOT NULL,
    articles TEXT NOT NULL,
    page TEXT NOT NULL,
    standalone TEXT NOT NULL,
    markdown TEXT NOT NULL,
    UNIQUE (event, words)
);
CREATE TABLE brief_people (
    event TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (event, name)
) WITHOUT ROWID;
CREATE INDEX brief_people_name ON brief_people (name COLLATE NOCASE);
CREATE TABLE statements (
    event TEXT NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    articles TEXT NOT NULL
);
CREATE INDEX statements_speaker ON statements (speaker COLLATE NOCASE);
CREATE INDEX statements_event ON statements (event)
"""

# Index i upgrades a version-(i+1) file to version i+2; append, never edit.
_MIGRATIONS: list[str] = [_MIGRATION_V2]


class SchemaError(RuntimeError):
    pass


class NotAStore(SchemaError):
    """The file exists but is not a newsbrief store (a foreign database, an empty file)."""


def check_marker(connection: sqlite3.Connection, path: object, created_now: bool) -> None:
    """Refuse a file that is not a newsbrief store, before anything is written to it.

    A store carries ``APPLICATION_ID``; a schema-1 store from before the marker is known by its
    tables. A file without tables is accepted only when this open created it."""
    (application_id,) = connection.execute("PRAGMA application_id").fetchone()
    if application_id == APPLICATION_ID:
        return
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id == 0 and tables >= _STORE_TABLES:
        return
    if application_id == 0 and not tables:
        if created_now:
            return
        raise NotAStore(f"{path} is an empty file, not a newsbrief store (remove it, or choose another --db)")
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    what = f"application id {application_id:#x}" if application_id else f"tables: {shown}"
    raise NotAStore(f"{path} is an SQLite database but not a newsbrief store ({what})")


def ensure_schema(connection: sqlite3.Connection) -> int:
    """Create the tables of a new file, or migrate an older one; return the version.

    ``connection`` must be in autocommit mode (isolation_level None): the whole check runs in
    one IMMEDIATE transaction so two processes opening a new file cannot both create it.
    A store already at this version is only read: taking the write lock on every open made
    the web app's concurrent reads queue behind each other (p99 1.6 s at 50 users).
    """
    if _current_version(connection) == SCHEMA_VERSION:
        return SCHEMA_VERSION
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = connection.execute("SELECT version FROM schema_version").fetchone()
        if row is None:
            _run_script(connection, _SCHEMA_V1)
            connection.execute("INSERT INTO schema_version VALUES (1)")
            version = 1
        else:
            version = int(row[0])
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"the store was written by a newer newsbrief (schema {version} > {SCHEMA_VERSION})"
            )
        for step in _MIGRATIONS[version - 1 :]:
            _run_script(connection, step)
            version += 1
            connection.execute("UPDATE schema_version SET version = ?", (version,))
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return version


def _current_version(connection: sqlite3.Connection) -> int | None:
    try:
        row = connection.execute("SELECT version FROM schema_version").fetchone()
    except sqlite3.OperationalError:  # no such table: a new file
        return None
    return int(row[0]) if row is not None else None


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the open transaction first, so run statement by statement.
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)
