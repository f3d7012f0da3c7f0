"""The brief stage on its own: it reads articles back by offset and never raises."""

from __future__ import annotations

import json
from pathlib import Path

from newsbrief.scale.records import article_line
from newsbrief.scale.stages import Briefer, BriefTask
from newsbrief.types import Article


def test_a_brief_task_reads_its_articles_back_and_a_bad_one_reports_an_error(
    tmp_path: Path, example_articles: list[Article]
) -> None:
    path = tmp_path / "articles.jsonl"
    spans = []
    with path.open("wb") as out:
        for article in example_articles:
            data = article_line(article).encode("utf-8")
            spans.append((out.tell(), len(data)))
            out.write(data + b"\n")
    briefer = Briefer(str(path), analysis=False)
    good = BriefTask("ev-good", spans)
    bad = BriefTask("ev-bad", [(spans[-1][0] + 5, 40)])  # starts mid-line: not JSON
    done, failed = briefer([good, bad])
    brief = json.loads(done["brief"])
    assert not done["error"] and brief["event"]["id"] == "ev-good"
    assert [a["id"] for a in brief["event"]["articles"]] == [a.id for a in example_articles]
    assert failed["event"] == "ev-bad" and not failed["brief"]
    assert failed["error"].startswith("brief failed: JSONDecodeError")


def test_brief_tasks_survive_their_line_format() -> None:
    task = BriefTask("ev-1", [(0, 10), (11, 2)])
    assert BriefTask.from_line(task.line()) == task
