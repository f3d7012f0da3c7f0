"""One event, one id and one title: `brief` on files, `ingest` + `events`, and `brief --event`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsbrief.cli import app
from newsbrief.examples import example_paths

runner = CliRunner()


def test_files_and_store_give_the_same_event_id_and_title(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    paths = [str(p) for p in example_paths()]
    assert runner.invoke(app, ["ingest", *paths, "--db", str(db), "--format", "json"]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["events", "--db", str(db), "--format", "json"]).stdout)
    events = listed["events"] if isinstance(listed, dict) else listed
    (stored,) = events
    from_files = json.loads(runner.invoke(app, ["brief", *paths, "--format", "json", "--no-progress"]).stdout)
    from_store = json.loads(
        runner.invoke(app, ["brief", "--event", stored["id"], "--db", str(db), "--format", "json"]).stdout
    )
    assert from_files["event"]["id"] == from_store["event"]["id"] == stored["id"]
    assert from_files["event"]["title"] == from_store["event"]["title"] == stored["title"]
