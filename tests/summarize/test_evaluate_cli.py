"""`newsbrief evaluate` on a few clusters (skipped without the evaluation data)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsbrief.cli import app

pytest.importorskip("sumy")
pytest.importorskip("rouge_score")


def _data_available() -> bool:
    from newsbrief.evaluate.datasets import DatasetNotFoundError, find_data_root

    try:
        return (find_data_root() / "multinews").is_dir()
    except DatasetNotFoundError:
        return False


needs_data = pytest.mark.skipif(not _data_available(), reason="evaluation data not available")


@needs_data
def test_multinews_json_table() -> None:
    result = CliRunner().invoke(
        app,
        ["evaluate", "multinews", "--limit", "2", "-s", "newsbrief", "-s", "lead", "-f", "json"],
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["dataset"] == "multinews" and record["measure"] == "F1"
    table = record["tables"][0]
    assert table["clusters"] == "all" and table["count"] == 2
    systems = {row["system"]: row for row in table["rows"]}
    assert set(systems) == {"newsbrief", "lead"}
    assert systems["newsbrief"]["kind"] == "newsbrief" and systems["lead"]["kind"] == "baseline"
    for row in table["rows"]:
        assert 0 < row["scores"]["rouge-1"] < 100
    # Cluster 0 was learned from, cluster 1 was not: a held-out table of one cluster.
    assert [t["clusters"] for t in record["tables"]] == ["all", "held-out"]
    assert record["tables"][1]["count"] == 1


@needs_data
def test_unknown_system_is_refused() -> None:
    result = CliRunner().invoke(app, ["evaluate", "multinews", "--limit", "1", "-s", "nope"])
    assert result.exit_code == 2
    assert "unknown system" in result.output
