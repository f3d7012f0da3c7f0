from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from newsbrief.examples import example_paths
from newsbrief.store import Store
from newsbrief.store.ingest import ingest_paths, no_clusterer

EXAMPLE = example_paths()[0].parent


def _ingest(db_path: Path, paths: list[Path], clusterer_class: type, batch_size: int = 100):
    factory = clusterer_class.load if clusterer_class else no_clusterer
    with Store(db_path) as store:
        return ingest_paths(store, paths, clusterer_factory=factory, batch_size=batch_size)


def _table_counts(db_path: Path) -> dict[str, int]:
    raw = sqlite3.connect(db_path)
    tables = ("articles", "inputs", "signatures", "duplicates", "events", "event_articles")
    return {t: raw.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def test_reingesting_adds_nothing(db_path: Path, folder_clusterer: type) -> None:
    first = _ingest(db_path, [EXAMPLE], folder_clusterer)
    assert (first.added, first.near_duplicates, len(first.failures)) == (4, 1, 0)
    before = _table_counts(db_path)
    again = _ingest(db_path, [EXAMPLE], folder_clusterer)
    assert (again.read, again.added, again.already_stored) == (4, 0, 4)
    assert _table_counts(db_path) == before


def test_same_articles_from_another_path_are_recognised_by_content(
    db_path: Path, tmp_path: Path, folder_clusterer: type
) -> None:
    _ingest(db_path, [EXAMPLE], folder_clusterer)
    copy = tmp_path / "elsewhere"
    shutil.copytree(EXAMPLE, copy)
    report = _ingest(db_path, [copy], folder_clusterer)
    assert (report.added, report.same_content) == (0, 4)
    assert _table_counts(db_path)["articles"] == 4
    # The new inputs are remembered too, so the next run skips them before cleaning.
    assert _ingest(db_path, [copy], folder_clusterer).already_stored == 4


def test_syndicated_copy_is_linked_not_dropped(
    db_path: Path, second_event_dir: Path, folder_clusterer: type
) -> None:
    _ingest(db_path, [second_event_dir, EXAMPLE], folder_clusterer)
    with Store(db_path) as store:
        ids = [p.stem for p in example_paths()]
        assert sorted(map(sorted, store.independent_groups(ids))) == [
            ["01_northbay_herald"],
            ["02_coastline_wire", "04_kestrel_valley_courier"],
            ["03_meridian_daily"],
        ]
        (link,) = store.duplicate_links(ids)
        assert {link.article, link.duplicate_of} == {
            "02_coastline_wire",
            "04_kestrel_valley_courier",
        }
        assert link.similarity >= 0.8
        seeds = [p.stem for p in sorted(second_event_dir.glob("*.txt"))]
        assert len(store.independent_groups(seeds)) == 5
        assert store.counts().articles == 9


def test_crash_inside_a_batch_then_rerun_completes_without_duplicates(
    db_path: Path, second_event_dir: Path, folder_clusterer: type, crashing_clusterer: type
) -> None:
    inputs = [second_event_dir, EXAMPLE]
    with pytest.raises(RuntimeError, match="simulated crash"):
        _ingest(db_path, inputs, crashing_clusterer, batch_size=2)
    # Two batches of two were committed; the third rolled back whole.
    partial = _table_counts(db_path)
    assert partial["articles"] == partial["event_articles"] == partial["inputs"] == 4
    with Store(db_path) as store:
        assert sum(len(json.loads(v)) for _, v in store.iter_state("event:")) == 4

    resumed = _ingest(db_path, inputs, folder_clusterer, batch_size=2)
    assert (resumed.already_stored, resumed.added) == (4, 5)
    counts = _table_counts(db_path)
    assert counts["articles"] == counts["event_articles"] == counts["signatures"] == 9
    assert counts["duplicates"] == 1 and counts["events"] == 2
    with Store(db_path) as store:
        sizes = {e.id: e.article_count for e in store.events()}
        state = [json.loads(v) for _, v in store.iter_state("event:")]
    assert sizes == {"ev-seeds": 5, "ev-harbor_bridge": 4}
    # The clusterer restored its pre-crash state and saw each article exactly once.
    assert sorted(len(ids) for ids in state) == [4, 5] and len({i for ids in state for i in ids}) == 9


def test_bad_inputs_are_recorded_and_skipped(db_path: Path, tmp_path: Path, folder_clusterer: type) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01garbage")
    (tmp_path / "short.txt").write_text("Too short to be an article.")
    report = _ingest(db_path, [EXAMPLE, tmp_path], folder_clusterer)
    assert report.added == 4
    assert sorted(Path(f.source).name for f in report.failures) == ["binary.txt", "short.txt"]
    with Store(db_path) as store:
        assert sorted(Path(f.source).name for f in store.failures()) == ["binary.txt", "short.txt"]


def test_ingest_without_a_clusterer_still_stores_and_links(db_path: Path) -> None:
    report = _ingest(db_path, [EXAMPLE], None)
    assert (report.added, report.near_duplicates, report.events_changed) == (4, 1, set())
    assert not report.clustered


def test_file_names_that_are_not_utf8_are_stored_and_skipped_on_rerun(
    db_path: Path, tmp_path: Path, folder_clusterer: type
) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    try:
        # Lone surrogates once decoded: SQLite cannot store them as they are.
        good = Path(os.fsdecode(bytes(folder) + b"/good\xff.txt"))
        bad = Path(os.fsdecode(bytes(folder) + b"/bad\xfe.txt"))
        shutil.copy(example_paths()[0], good)
        bad.write_bytes(b"\x00\x01garbage")
    except (OSError, UnicodeError):
        pytest.skip("this file system needs UTF-8 file names")
    first = _ingest(db_path, [folder], folder_clusterer)
    assert (first.added, len(first.failures)) == (1, 1)
    again = _ingest(db_path, [folder], folder_clusterer)
    assert (again.added, again.already_stored, len(again.failures)) == (0, 1, 1)
    with Store(db_path) as store:
        (failure,) = store.failures()
    assert failure.source.endswith("bad\ufffd.txt")
    assert _table_counts(db_path)["inputs"] == 1
