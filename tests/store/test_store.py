from __future__ import annotations

import sqlite3
from pathlib import Path

import platformdirs
import pytest

from newsbrief.store import SCHEMA_VERSION, SchemaError, Store, default_db_path
from newsbrief.store.codec import content_hash
from newsbrief.types import Article


def test_new_store_has_schema_version_and_wal(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "duplicates", "events", "event_articles", "failures"} <= tables


def test_store_from_a_newer_version_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    raw.commit()
    raw.close()
    with pytest.raises(SchemaError, match="newer"):
        Store(db_path)


def test_opening_an_existing_store_does_not_wait_for_a_writer(db_path: Path) -> None:
    Store(db_path).close()
    writer = sqlite3.connect(db_path, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # an ingest mid-batch holds the write lock
    try:
        with Store(db_path) as reader:  # readers (the web app) open alongside it
            assert reader.counts().articles == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_default_path_is_in_the_user_data_dir() -> None:
    path = default_db_path()
    assert path.parent == Path(platformdirs.user_data_dir("newsbrief")) and path.suffix == ".db"


def test_article_round_trips_with_paragraphs_dropped_and_sentences(
    db_path: Path, example_articles: list[Article]
) -> None:
    original = example_articles[0]
    with Store(db_path) as store, store.batch():
        store.add_article(original, content_hash=content_hash(original), crawled="2026-04-01T00:00:00Z")
    with Store(db_path) as store:
        loaded = store.article(original.id)
        assert store.crawled(original.id) == "2026-04-01T00:00:00Z"
    assert loaded is not None
    assert loaded.text == original.text and loaded.headline == original.headline
    assert loaded.published == original.published and loaded.outlet == original.outlet
    assert loaded.paragraphs == original.paragraphs
    assert loaded.dropped == original.dropped and loaded.dropped
    assert loaded.sentences == original.sentences and loaded.sentences


def test_failed_batch_leaves_nothing_behind(db_path: Path, example_articles: list[Article]) -> None:
    article = example_articles[0]
    with Store(db_path) as store:
        with pytest.raises(RuntimeError), store.batch():
            store.add_article(article, content_hash=content_hash(article))
            store.put_state("event:x", b"state")
            raise RuntimeError("boom")
        assert store.article(article.id) is None and store.get_state("event:x") is None
        assert store.counts().articles == 0


def test_events_merge_and_empty_events_are_deleted(db_path: Path, example_articles: list[Article]) -> None:
    with Store(db_path) as store:
        with store.batch():
            for article in example_articles:
                store.add_article(article, content_hash=content_hash(article))
            ids = [a.id for a in example_articles]
            store.assign_events({ids[0]: "ev-a", ids[1]: "ev-a", ids[2]: "ev-b", ids[3]: "ev-b"})
        assert {e.id: e.article_count for e in store.events()} == {"ev-a": 2, "ev-b": 2}
        with store.batch():
            touched = store.assign_events({ids[2]: "ev-a", ids[3]: "ev-a"})
        assert touched == {"ev-a", "ev-b"}
        (event,) = store.events()
        assert event.id == "ev-a" and event.article_count == 4
        published = sorted(a.published for a in example_articles if a.published)
        assert (event.first_published, event.last_published) == (published[0], published[-1])
        earliest = min(example_articles, key=lambda a: (a.published is None, a.published or ""))
        assert event.title == earliest.headline
        loaded = store.event("ev-a")
        assert loaded is not None and {a.id for a in loaded.articles} == set(ids)
        assert store.event("ev-b") is None


def test_cluster_state_is_a_prefix_keyed_blob_store(db_path: Path) -> None:
    with Store(db_path) as store:
        with store.batch():
            store.put_state("event:1", b"one")
            store.put_state("event:2", b"two")
            store.put_state("meta", b"m")
            store.put_state("event:1", b"uno")
        with store.batch():
            store.delete_state("event:2")
    with Store(db_path) as store:
        assert list(store.iter_state("event:")) == [("event:1", b"uno")]
        assert store.get_state("meta") == b"m" and store.get_state("missing") is None
