from __future__ import annotations

import difflib
import json
from pathlib import Path

from typer.testing import CliRunner

from newsbrief.cli import app
from newsbrief.examples import example_paths

runner = CliRunner()


def test_clean_json_contract(seeds_dir: Path) -> None:
    path = seeds_dir / "002_5b40414f7fd98d56.txt"
    result = runner.invoke(app, ["clean", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    for key in ("id", "headline", "outlet", "published", "text", "paragraphs", "dropped"):
        assert key in record
    assert record["id"] == "002_5b40414f7fd98d56"
    assert record["headline"] == "Nato chief says gaps with Russia not easy to close"
    assert record["outlet"] == "EFE"
    assert record["dateline"] == "Brussels"
    for paragraph in record["paragraphs"]:
        if paragraph["kind"] == "body":
            assert record["text"][paragraph["start"] : paragraph["end"]] == paragraph["text"]
    assert any(d["text"] == "rja-jug/smq/mp" for d in record["dropped"])


def test_brief_json_contract(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(seeds_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    event = record["event"]
    assert set(event) >= {"id", "title", "articles"}
    assert len(event["articles"]) == 5
    assert all(set(a) >= {"id", "outlet", "headline", "published", "source"} for a in event["articles"])
    ids = {a["id"] for a in event["articles"]}
    assert "003_400caf59efe26353" in ids
    cleaned = {}
    for article_id in ids:
        out = runner.invoke(app, ["clean", str(seeds_dir / f"{article_id}.txt"), "--format", "json"])
        cleaned[article_id] = json.loads(out.stdout)["text"]
    for sentence in record["summary"]:
        first = sentence["sources"][0]
        span = cleaned[first["article"]][first["start"] : first["end"]]
        if sentence["rewritten"]:  # a pronoun replaced by the speaker's name, nothing else
            changes = difflib.SequenceMatcher(a=span.split(), b=sentence["text"].split()).get_opcodes()
            (edit,) = [(tag, span.split()[i1:i2]) for tag, i1, i2, _, _ in changes if tag != "equal"]
            assert edit[0] == "replace" and edit[1] in (["he"], ["she"], ["He"], ["She"])
        else:
            assert span == sentence["text"]


def test_markdown_cites_outlets(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["brief", str(seeds_dir), "--format", "md"])
    assert result.exit_code == 0
    assert "## Summary" in result.stdout and "## Sources" in result.stdout
    assert "[EFE]" in result.stdout


def test_example_runs_and_bad_input_sets_exit_code(tmp_path: Path) -> None:
    assert runner.invoke(app, ["brief", "--example"]).exit_code == 0
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00binary")
    result = runner.invoke(app, ["brief", "--example", str(tmp_path / "bad.txt")])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "binary" in result.stderr
    only_bad = runner.invoke(app, ["brief", str(tmp_path / "bad.txt")])
    assert only_bad.exit_code == 3


def test_each_command_takes_only_the_formats_it_can_write(tmp_path: Path) -> None:
    example = str(next(iter(example_paths())))
    refused = {
        ("clean", example): "html",
        ("events", "--db", str(tmp_path / "x.db")): "md",
        ("brief", example): "text",
    }
    for command, fmt in refused.items():
        result = runner.invoke(app, [*command, "--format", fmt])
        assert result.exit_code == 2 and "--format" in result.output, (command, result.output)
    assert runner.invoke(app, ["brief", example, "--format", "html"]).exit_code == 0


def test_brief_progress_goes_to_stderr_and_changes_no_output() -> None:
    plain = runner.invoke(app, ["brief", "--example", "--format", "json", "--no-progress"])
    shown = runner.invoke(app, ["brief", "--example", "--format", "json", "--progress"])
    assert plain.exit_code == shown.exit_code == 0
    assert json.loads(shown.stdout) == json.loads(plain.stdout)
