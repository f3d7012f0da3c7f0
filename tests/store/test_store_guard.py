"""Issue 16 rows 10 and 14: the writer lock follows symlinks, and only a newsbrief store (or a
file this open creates) is ever opened as one; reading commands never create a store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from filelock import Timeout
from typer.testing import CliRunner

from newsbrief.cli import app
from newsbrief.cli.app import EXIT_NOTHING_USABLE
from newsbrief.examples import example_paths
from newsbrief.store import NotAStore, Store, StoreMissing
from newsbrief.store.ingest import ingest_paths, no_clusterer
from newsbrief.store.schema import APPLICATION_ID

runner = CliRunner()


def test_two_ingests_through_a_symlink_share_one_writer_lock(tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    with Store(real):
        pass
    link = tmp_path / "elsewhere" / "link.db"
    link.parent.mkdir()
    link.symlink_to(real)  # the store file itself, as `ln -s real.db link.db` makes it
    with Store(real) as first, Store(link) as second:
        with first.writer_lock(timeout=0), pytest.raises(Timeout):
            ingest_paths(second, example_paths()[:1], clusterer_factory=no_clusterer, lock_timeout=0)
        assert second.counts().articles == 0


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "contacts.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('Ada')")
    before = foreign.read_bytes()
    with pytest.raises(NotAStore, match="not a newsbrief store"):
        Store(foreign)
    assert foreign.read_bytes() == before
    assert not Path(f"{foreign}-wal").exists()


def test_an_existing_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(NotAStore, match="empty file"):
        Store(empty)
    assert empty.read_bytes() == b""


def test_a_new_store_carries_the_marker_and_reopens(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with Store(db):
        pass
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    with Store(db, create=False) as store:
        assert store.counts().articles == 0


def test_reading_never_creates_a_store_or_its_folder(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "x.db"
    with pytest.raises(StoreMissing):
        Store(missing, create=False)
    result = runner.invoke(app, ["events", "--db", str(missing)])
    assert result.exit_code == EXIT_NOTHING_USABLE
    assert "no store at" in result.stderr
    brief = runner.invoke(app, ["brief", "--event", "ev-1", "--db", str(missing)])
    assert brief.exit_code == EXIT_NOTHING_USABLE
    assert not missing.parent.exists()


def test_events_refuses_a_foreign_file(tmp_path: Path) -> None:
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE t (x)")
    result = runner.invoke(app, ["events", "--db", str(foreign)])
    assert result.exit_code == EXIT_NOTHING_USABLE
    assert "not a newsbrief store" in result.stderr


def test_a_schema_1_store_is_recognised_and_migrated_to_full_text_search(tmp_path: Path) -> None:
    from newsbrief.store.schema import _SCHEMA_V1, _run_script

    db = tmp_path / "old.db"
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    _run_script(raw, _SCHEMA_V1)
    raw.execute("INSERT INTO schema_version VALUES (1)")
    raw.execute(
        "INSERT INTO articles VALUES ('a1', 'x.txt', 'Harbor Times', 'Talks stall', NULL, NULL, NULL,"
        " 'Delegates disagreed about naval patrols.', '{}', 'h1', '2026-01-01')"
    )
    raw.execute("INSERT INTO events VALUES ('ev-1', 'Talks stall', NULL, NULL, '2026-01-01', '2026-01-01')")
    raw.execute("INSERT INTO event_articles VALUES ('a1', 'ev-1')")
    raw.close()
    with Store(db, create=False) as store:
        assert store.schema_version == 2
        [hit] = store.search("patrol")
        assert (hit.event, hit.article) == ("ev-1", "a1")
        assert ("patrols", True) in hit.snippet
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
