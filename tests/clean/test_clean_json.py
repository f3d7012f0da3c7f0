"""`newsbrief clean FILE --format json` on scraped text: metadata keys and nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsbrief.cli import app

PAGE = """Politics
Council closes harbour bridge after cracks found in supports
By Ines Talbot
Published March 2, 2026 at 5:14 a.m. | Updated March 2, 2026 at 9:30 a.m.
The bridge seen from the east bank on Monday. (Jo Marsh/Harbour Times)
PORTSMOUTH (Reuters) — The city council voted on Tuesday to close the old harbour bridge after \
inspectors found that two of its steel supports had cracked during the winter storms.
Advertisement
Engineers said the repairs would take at least six months and that ferries would carry commuters \
across the river while the work was under way.
“We cannot take any risks with people’s safety,” the mayor told reporters at the town hall.
Subscribe to our newsletter
"""


def test_clean_json_reports_metadata_and_lists_every_dropped_line(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert {"id", "headline", "dek", "outlet", "published", "dateline", "byline", "text"} <= set(record)
    assert record["headline"] == "Council closes harbour bridge after cracks found in supports"
    assert record["byline"] == "Ines Talbot"
    assert record["published"] == "2026-03-02T05:14:00"
    assert record["dateline"] == "PORTSMOUTH"
    assert record["outlet"] == "Harbour Times"  # a staff photo credit beats the wire tag
    assert record["text"].startswith("The city council voted on Tuesday")
    dropped = {d["text"]: d["kind"] for d in record["dropped"]}
    assert dropped["Advertisement"] == "boilerplate"
    assert dropped["Subscribe to our newsletter"] == "boilerplate"
    assert dropped["The bridge seen from the east bank on Monday. (Jo Marsh/Harbour Times)"] == "caption"
    # Every input line is a kept paragraph, a dropped one (with a reason), or dateline + body.
    kept = {p["text"] for p in record["paragraphs"]}
    datelines = [p["text"] for p in record["paragraphs"] if p["kind"] == "dateline"]
    body = record["text"].split("\n\n")
    for line in PAGE.splitlines():
        split = any(line == f"{d} {b}" for d in datelines for b in body)
        assert line in kept or line in dropped or split, line
    assert all(d["reason"] for d in record["dropped"])
