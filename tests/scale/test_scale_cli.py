"""`newsbrief run`: the JSON summary, the output folder and the exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsbrief.cli import app
from newsbrief.examples import example_paths

runner = CliRunner()
FAST = ["--workers", "1", "--no-analysis", "--format", "json"]


def test_json_summary_and_exit_1_when_an_input_failed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "missing.jsonl"
    result = runner.invoke(
        app, ["run", str(example_paths()[0].parent), str(missing), "--out", str(out), *FAST]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert {"articles", "failures", "events", "duplicates", "seconds", "out"} <= set(summary)
    assert summary["articles"] == 4 and summary["failures"] == 1
    assert summary["events"] >= 1 and summary["out"] == str(out)
    assert f"skipped {missing}: no such file or folder" in result.stderr
    assert json.loads((out / "summary.json").read_text())["articles"] == 4
    assert not (out / ".work").exists()
    events = [json.loads(line) for line in (out / "events.jsonl").read_text().splitlines()]
    assert sum(len(e["articles"]) for e in events) == 4


def test_exit_3_when_nothing_is_usable(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(bad), "--out", str(tmp_path / "out"), *FAST])
    assert result.exit_code == 3, result.output
    assert json.loads(result.stdout)["articles"] == 0


def test_ray_engine_without_ray_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(example_paths()[0]), "--out", str(out), "--engine", "ray"])
    assert result.exit_code == 3
    assert 'pip install "newsbrief[ray]"' in result.stderr
    assert not out.exists()


def test_address_needs_the_ray_engine(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(example_paths()[0]), "--out", str(tmp_path), "--address", "auto"])
    assert result.exit_code == 2
    assert "--engine ray" in result.output
