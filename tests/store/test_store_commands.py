from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsbrief.cli.ingest as ingest_command
from newsbrief.cli import app
from newsbrief.examples import example_paths
from newsbrief.store import Store

runner = CliRunner()
EXAMPLE = example_paths()[0].parent


@pytest.fixture
def filled_db(
    db_path: Path, second_event_dir: Path, folder_clusterer: type, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setattr(ingest_command, "open_clusterer", folder_clusterer.load)
    result = runner.invoke(
        app, ["ingest", str(second_event_dir), str(EXAMPLE), "--db", str(db_path), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 9 and summary["near_duplicates"] == 1 and summary["failed"] == 0
    assert summary["store"] == {"articles": 9, "near_duplicates": 1, "events": 2}
    assert summary["clustered"] is True and summary["db"] == str(db_path)
    return db_path


def test_ingest_twice_reports_everything_already_stored(
    filled_db: Path, second_event_dir: Path, tmp_path: Path
) -> None:
    again = runner.invoke(
        app, ["ingest", str(second_event_dir), str(EXAMPLE), "--db", str(filled_db), "-f", "json"]
    )
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)
    assert (summary["added"], summary["already_stored"], summary["store"]["articles"]) == (0, 9, 9)


def test_ingest_exit_codes(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    some = runner.invoke(app, ["ingest", str(EXAMPLE), str(bad), "--db", str(db_path)])
    assert some.exit_code == 1
    assert "bad.txt" in some.stderr and "4 added" in some.stdout
    only_bad = runner.invoke(app, ["ingest", str(bad), "--db", str(db_path)])
    assert only_bad.exit_code == 3


def test_events_lists_ids_dates_counts_and_independent_outlets(filled_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(filled_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    events = {e["id"]: e for e in json.loads(result.stdout)["events"]}
    assert set(events) == {"ev-harbor_bridge", "ev-seeds"}
    harbor = events["ev-harbor_bridge"]
    assert harbor["articles"] == 4
    # 02 and 04 are one wire story: four articles, three independent reports.
    assert harbor["independent_outlets"] == 3
    assert harbor["first_published"] <= harbor["last_published"]
    assert harbor["first_published"].startswith("2026-03")
    assert events["ev-seeds"]["articles"] == 5 and events["ev-seeds"]["independent_outlets"] == 5
    text = runner.invoke(app, ["events", "--db", str(filled_db)])
    assert text.exit_code == 0 and "ev-harbor_bridge" in text.stdout and "outlets" in text.stdout


def test_events_since_filters_by_publication_date(filled_db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(filled_db), "--since", "2025-01-01", "-f", "json"])
    assert [e["id"] for e in json.loads(result.stdout)["events"]] == ["ev-harbor_bridge"]
    bad = runner.invoke(app, ["events", "--db", str(filled_db), "--since", "yesterday"])
    assert bad.exit_code == 2


def test_brief_of_a_stored_event_cites_its_articles(filled_db: Path) -> None:
    result = runner.invoke(
        app, ["brief", "--event", "ev-harbor_bridge", "--db", str(filled_db), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["event"]["id"] == "ev-harbor_bridge"
    ids = {a["id"] for a in record["event"]["articles"]}
    assert ids == {p.stem for p in example_paths()}
    with Store(filled_db) as store:
        texts = {a.id: a.text for a in store.articles(sorted(ids))}
    assert record["summary"]
    for sentence in record["summary"]:
        first = sentence["sources"][0]
        # The summary may compress a sentence by deleting words; the citation spans the original.
        assert _is_subsequence(
            sentence["text"].split(), texts[first["article"]][first["start"] : first["end"]].split()
        )
        assert {s["article"] for s in sentence["sources"]} <= ids


def _is_subsequence(words: list[str], within: list[str]) -> bool:
    remaining = iter(within)
    return all(any(word == other for other in remaining) for word in words)


def test_brief_of_an_unknown_event_exits_2(filled_db: Path) -> None:
    result = runner.invoke(app, ["brief", "--event", "ev-nope", "--db", str(filled_db)])
    assert result.exit_code == 3 and "ev-nope" in result.stderr


def test_a_second_ingest_into_the_same_store_is_refused(db_path: Path) -> None:
    with Store(db_path) as store, store.writer_lock():
        result = runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db_path)])
    assert result.exit_code == 3 and "another ingest" in result.stderr
    assert runner.invoke(app, ["ingest", str(EXAMPLE), "--db", str(db_path)]).exit_code == 0
