"""Oversized inputs are refused quickly with their size, and a long feed with malformed lines keeps
every good line. Inputs are generated here; the time bounds are generous ceilings against a hang,
not benchmarks (measured figures are in docs/robustness.md)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from newsbrief.cli import app
from newsbrief.ingest import read_documents
from newsbrief.pipeline import MAX_BODY_CHARS, MAX_TEXT_CHARS, clean_documents
from newsbrief.types import Failure, RawDocument

runner = CliRunner()
FIFTY_MB = 50 * 1024 * 1024
SKIPPED = re.compile(r"^newsbrief: skipped (.+?): (.+)$", re.MULTILINE)
PART = re.compile(r"\(Part (\d+)\.\)")


def test_a_50_mb_article_is_refused_fast_and_the_batch_goes_on(
    tmp_path: Path, example_files: list[Path], long_article: Callable[[int], str]
) -> None:
    text = long_article(FIFTY_MB)
    (tmp_path / "huge.txt").write_text(text)
    paragraphs = "".join(f"<p>{p}</p>" for p in text[: FIFTY_MB // 2].split("\n\n"))
    (tmp_path / "huge.html").write_text(f"<html><body><article>{paragraphs}</article></body></html>")
    (tmp_path / "huge.jsonl").write_text(json.dumps({"id": "huge", "text": text}) + "\n")
    del text, paragraphs
    started = time.perf_counter()
    result = runner.invoke(app, ["clean", str(example_files[0]), str(tmp_path), "--format", "json"])
    elapsed = time.perf_counter() - started
    assert result.exit_code == 1, result.output
    reasons = dict(SKIPPED.findall(result.stderr))
    assert set(reasons) == {
        str(tmp_path / "huge.txt"),
        str(tmp_path / "huge.html"),
        f"{tmp_path / 'huge.jsonl'}:1",
    }
    # The JSONL reader may refuse the 50 MB line itself, before it becomes a document.
    assert all(re.search("too large|longer than", reason) for reason in reasons.values()), reasons
    assert f"limit {MAX_TEXT_CHARS:,}" in reasons[str(tmp_path / "huge.txt")]
    assert json.loads(result.stdout)[0]["id"] == example_files[0].stem
    assert elapsed < 60, f"took {elapsed:.1f} s"


def test_a_body_over_the_limit_is_refused_after_cleaning(
    long_article: Callable[[int], str],
) -> None:
    raw = long_article(MAX_BODY_CHARS + 50_000)
    assert len(raw) < MAX_TEXT_CHARS
    document = RawDocument(id="long", source="long.txt", content=raw, format="text")
    articles, failures = clean_documents([document])
    assert not articles
    (failure,) = failures
    assert failure.source == "long.txt" and "article body too long" in failure.reason


def test_a_body_under_the_limit_is_kept_whole(long_article: Callable[[int], str]) -> None:
    raw = long_article(MAX_BODY_CHARS // 2)
    (article,), failures = clean_documents(
        [RawDocument(id="long", source="long.txt", content=raw, format="text")]
    )
    assert not failures
    # Nothing cut off the end: the body runs to one of the last paragraphs (the very last may
    # be a photo caption, which the cleaner drops).
    last_given = int(PART.findall(raw)[-1])
    assert int(PART.findall(article.text)[-1]) >= last_given - 3
    assert article.sentences[-1].end == len(article.text)


def _malformed(number: int) -> str:
    kinds = [
        '{"id": "cut", "text": "unterminated',
        "[1, 2, 3]",
        '{"id": "no-text", "title": "Headline only"}',
        '{"id": "wrong-type", "text": 42}',
        "not json at all",
        '{"text": ""}',
    ]
    return kinds[number % len(kinds)]


def test_100k_line_jsonl_keeps_every_good_line_and_counts_every_bad_one(tmp_path: Path) -> None:
    total, every = 100_000, 7
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for number in range(1, total + 1):
            if number % every == 0:
                out.write(_malformed(number) + "\n")
            else:
                out.write(json.dumps({"id": f"a{number}", "text": f"Report number {number}."}) + "\n")
    started = time.perf_counter()
    items = list(read_documents([feed]))
    elapsed = time.perf_counter() - started
    good = [i for i in items if isinstance(i, RawDocument)]
    bad = [i for i in items if isinstance(i, Failure)]
    assert [d.id for d in good] == [f"a{n}" for n in range(1, total + 1) if n % every]
    # The first 100 bad lines are named; one last entry counts the rest (issue 16 row 5).
    numbered = [f"{feed}:{n}" for n in range(every, total + 1, every)]
    assert [f.source for f in bad] == [*numbered[:100], str(feed)]
    assert bad[-1].reason == f"… and {len(numbered) - 100:,} more bad lines"
    assert all(f.reason for f in bad)
    assert elapsed < 60, f"took {elapsed:.1f} s"
