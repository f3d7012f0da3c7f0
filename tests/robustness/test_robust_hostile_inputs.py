"""Issue 16, round two of hostile inputs, at the reader and pipeline level: each test is one row
of docs/robustness.md ("Round two") and failed on the code before the fix."""

from __future__ import annotations

import gzip
import json
import os
import re
import time
from io import BytesIO
from pathlib import Path

import pytest
from lxml import html as lxml_html
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsbrief.clean.html as html_limits
from newsbrief import pipeline
from newsbrief.ingest import expand_paths, jsonl, read_documents
from newsbrief.pipeline import clean_documents, load_articles
from newsbrief.types import Failure, RawDocument

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the time budget needs fork")


def _many_attributes(count: int, body: str) -> str:
    attributes = " ".join(f"data-a{i}=x" for i in range(count))
    return f"<html><body><article><div {attributes}><p>{body}</p></div></article></body></html>"


# Row 2 -----------------------------------------------------------------------------------------


def test_attribute_budget_is_checked_before_any_parser(tmp_path: Path, english_paragraphs: list[str]) -> None:
    page = tmp_path / "attrs.html"
    page.write_text(
        _many_attributes(html_limits.MAX_ELEMENT_ATTRIBUTES + 500, " ".join(english_paragraphs[:3]))
    )
    started = time.perf_counter()
    articles, failures = load_articles([page])
    assert not articles
    assert [f.source for f in failures] == [str(page)]
    assert "attributes" in failures[0].reason and "too complex" in failures[0].reason
    # The pre-pass is linear: 100,000 attributes (107 s per libxml2 parse) are refused at once.
    hostile = _many_attributes(100_000, "x")
    started = time.perf_counter()
    assert html_limits.complexity_problem(hostile)
    assert time.perf_counter() - started < 1.0


def test_attributes_hidden_behind_a_quoted_angle_bracket_are_counted() -> None:
    attributes = " ".join(f"a{i}=x" for i in range(html_limits.MAX_ELEMENT_ATTRIBUTES + 1))
    assert html_limits.complexity_problem(f"<p title='>' data-x=\"<\" {attributes}>text</p>")


def _first_paragraph(page: str) -> str | None:
    return lxml_html.document_fromstring(page).findtext(".//p")


@needs_fork
def test_time_budget_stops_a_c_level_parse() -> None:
    # 40,000 distinct attributes in one element: libxml2 needs seconds inside one C call, which
    # no Python signal handler or thread can interrupt; the worker process is killed instead.
    from newsbrief.clean.time_budget import BoundedWorker, BudgetExceeded

    page = _many_attributes(40_000, "x")
    worker = BoundedWorker(_first_paragraph, 0.3)
    try:
        started = time.perf_counter()
        with pytest.raises(BudgetExceeded):
            worker(page)
        assert time.perf_counter() - started < 3.0
        assert worker(_many_attributes(3, "fine")) == "fine"
    finally:
        worker.close()


@needs_fork
def test_an_article_over_its_time_budget_is_named_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch, english_paragraphs: list[str]
) -> None:
    # Budgets raised so the page reaches the parsers; a fresh worker (its own budget) sees them.
    monkeypatch.setattr(html_limits, "MAX_ELEMENT_ATTRIBUTES", 10**9)
    monkeypatch.setattr(html_limits, "MAX_ATTRIBUTES", 10**9)
    body = "\n\n".join(english_paragraphs[:3])
    slow = RawDocument(id="slow", source="slow.html", content=_many_attributes(40_000, body), format="html")
    fine = RawDocument(id="fine", source="fine.txt", content=body, format="text")
    articles, failures = clean_documents([slow, fine], article_seconds=0.7)
    assert [a.id for a in articles] == ["fine"]
    assert [f.source for f in failures] == ["slow.html"]
    assert "stopped after 0.7 s" in failures[0].reason and "time budget" in failures[0].reason


# Row 3 -----------------------------------------------------------------------------------------


def test_a_huge_integer_costs_only_its_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "after", "text": "The line after the huge number is still read."})
    feed.write_text('{"id": "big", "n": ' + "9" * 5000 + ', "text": "x"}\n' + good + "\n")
    items = list(read_documents([feed]))
    assert isinstance(items[0], Failure) and items[0].source == f"{feed}:1"
    assert "4300 digits" in items[0].reason
    assert isinstance(items[1], RawDocument) and items[1].id == "after"


# Row 5 -----------------------------------------------------------------------------------------


def test_many_short_bad_lines_are_bounded(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": "A good line."}).encode() + b"\n"
    feed = tmp_path / "bomb.jsonl.gz"
    feed.write_bytes(gzip.compress(b"{}\n" * 30_000 + good, 9))
    assert feed.stat().st_size < 1000
    items = list(read_documents([feed]))
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(items) <= 100 + 3  # 100 bad lines named per file
    assert any("10,000 blank or bad lines in a row" in f.reason for f in failures)
    assert failures[-1].reason == "… and 9,900 more bad lines"


def test_blank_line_bomb_stops_quickly(tmp_path: Path) -> None:
    feed = tmp_path / "blank.jsonl.gz"
    feed.write_bytes(gzip.compress(b"\n" * 5_000_000, 9))
    started = time.perf_counter()
    items = list(read_documents([feed]))
    assert time.perf_counter() - started < 2.0
    assert len(items) == 1 and "in a row" in items[0].reason


def test_decompression_ratio_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "RATIO_AFTER_BYTES", 1 << 20)
    line = json.dumps({"text": "a" * 100_000}).encode() + b"\n"
    feed = tmp_path / "ratio.jsonl.gz"
    feed.write_bytes(gzip.compress(line * 200, 9))
    items = list(read_documents([feed]))
    assert isinstance(items[-1], Failure) and "compression bomb" in items[-1].reason
    assert len(items) < 50


def test_failures_per_batch_are_bounded() -> None:
    bad = [Failure(f"in-{i}.txt", "empty file") for i in range(2500)]
    _, failures = clean_documents(bad)
    assert len(failures) == 1001
    assert failures[-1].source == "…" and failures[-1].reason == "and 1,500 more inputs skipped"


# Row 9 -----------------------------------------------------------------------------------------


def _page(i: int) -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {j} of story {i} is a sentence of a news report.</p>" for j in range(6)
    )
    return f"<html><body><h1>Story {i}</h1>{paragraphs}</body></html>".encode()


def _record(url: str, payload: bytes, gzipped: bool) -> bytes:
    out = BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=http)
    )
    return out.getvalue()


def _short_content_length(record: bytes, by: int, gzipped: bool) -> bytes:
    data = gzip.decompress(record) if gzipped else record
    match = re.search(rb"Content-Length: (\d+)", data)
    assert match
    data = data[: match.start(1)] + str(int(match.group(1)) - by).encode() + data[match.end(1) :]
    return gzip.compress(data) if gzipped else data


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_reading_resumes_after_a_wrong_content_length(
    tmp_path: Path, gzipped: bool, capfd: pytest.CaptureFixture[str]
) -> None:
    records = [_record(f"https://n.example/{i}", _page(i), gzipped) for i in range(4)]
    records[1] = _short_content_length(records[1], 600, gzipped)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(b"".join(records))
    items = list(read_documents([path]))
    urls = [getattr(i, "url", None) for i in items if isinstance(i, RawDocument)]
    assert urls == ["https://n.example/0", "https://n.example/2", "https://n.example/3"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert failures and all(f.source.startswith(f"{path}@") for f in failures)
    assert any("Content-Length" in f.reason for f in failures)
    assert "WARNING" not in capfd.readouterr().err


# Row 11 ----------------------------------------------------------------------------------------


def test_terminal_escapes_and_bidi_are_stripped_from_metadata(english_paragraphs: list[str]) -> None:
    body = "\n\n".join(english_paragraphs[:3])
    record = {
        "id": "x\x1b[2J",
        "title": "Real title\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\n## Summary",
        "outlet": "\u202eEFE\x1b[31m",
        "text": body + "\x1b[1mbold\x1b[0m",
    }
    (document,) = jsonl.parse_jsonl(json.dumps(record), "feed.jsonl")
    assert isinstance(document, RawDocument)
    html_page = (
        '<html><head><meta property="og:site_name" content="Daily\x1b]0;pwned\x07 News">'
        f"<title>T</title></head><body><article>{''.join(f'<p>{p}</p>' for p in english_paragraphs[:3])}"
        "</article></body></html>"
    )
    page = RawDocument(id="page", source="page.html", content=html_page, format="html")
    articles, failures = clean_documents([document, page])
    assert not failures
    for article in articles:
        for value in (article.id, article.headline, article.outlet, article.text, article.source):
            assert value is None or not re.search(
                r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", value
            )
    by_id = {a.source: a for a in articles}
    assert by_id["feed.jsonl:1"].headline == "Real titleclick ## Summary"
    assert by_id["feed.jsonl:1"].outlet == "EFE"
    assert by_id["page.html"].outlet == "Daily News"


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path: Path) -> None:
    bad = tmp_path / "evil\nnewsbrief: skipped forged.txt: fake.txt"
    bad.write_bytes(b"")
    items = list(read_documents([tmp_path]))
    _, failures = clean_documents(items)
    assert len(failures) == 1 and "\n" not in failures[0].source
    assert "evil\\nnewsbrief" in failures[0].source


# Row 13 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("zzzz", None),
        ("9999-12-31", None),
        ("2022-13-45", None),
        ("2022-01-12", "2022-01-12"),
        ("2022-01-12T10:30:00Z", "2022-01-12T10:30:00Z"),
        ("Wed, 12 Jan 2022 10:30:00 +0000", "2022-01-12T10:30:00+00:00"),
    ],
)
def test_published_is_validated_on_input(english_paragraphs: list[str], given: str, kept: str | None) -> None:
    line = json.dumps({"id": "a", "published": given, "text": "\n\n".join(english_paragraphs[:3])})
    articles, _ = clean_documents(jsonl.parse_jsonl(line, "feed.jsonl"))
    assert articles[0].published == kept


# Row 16 ----------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_walks_name_what_they_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "in"
    (root / "real").mkdir(parents=True)
    (root / "real" / "a.txt").write_text("text")
    (root / "locked").mkdir()
    (root / "locked" / "b.txt").write_text("text")
    (root / "link").symlink_to(root / "real", target_is_directory=True)
    os.mkfifo(root / "pipe.txt")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(expand_paths([root, root / "pipe.txt"]))
    reasons = {Path(f.source).name: f.reason for f in found if isinstance(f, Failure)}
    assert [p for p in found if isinstance(p, Path)] == [root / "real" / "a.txt"]
    assert "symlinked folder" in reasons["link"]
    assert "Permission denied" in reasons["locked"]
    assert "FIFO" in reasons["pipe.txt"]
    assert sum(isinstance(f, Failure) and "FIFO" in f.reason for f in found) == 2


# Row 17 ----------------------------------------------------------------------------------------


def test_language_model_unpacks_without_tmp(
    monkeypatch: pytest.MonkeyPatch, english_paragraphs: list[str]
) -> None:
    from py3langid import modelio

    from newsbrief.analyze import language

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(modelio.tempfile, "TemporaryFile", full)
    # Cleaned in this process, where the patches are (a forked worker would be too, but one
    # forked by an earlier test has the model loaded already).
    monkeypatch.setattr(pipeline, "ARTICLE_SECONDS", None, raising=False)
    language._identifier.cache_clear()
    try:
        body = "\n\n".join(english_paragraphs[:3])
        articles, failures = clean_documents(
            [RawDocument(id="a", source="a.txt", content=body, format="text")]
        )
        assert not failures and articles[0].language == "en"
    finally:
        language._identifier.cache_clear()


def test_language_model_failure_is_one_environment_error(
    monkeypatch: pytest.MonkeyPatch, english_paragraphs: list[str]
) -> None:
    from newsbrief.analyze import language
    from newsbrief.pipeline import EnvironmentProblem

    def broken(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(language.LanguageIdentifier, "from_model_file", broken)
    monkeypatch.setattr(pipeline, "ARTICLE_SECONDS", None, raising=False)
    monkeypatch.setattr(language, "_identifier_in_memory", lambda: broken())
    language._identifier.cache_clear()
    body = "\n\n".join(english_paragraphs[:3])
    documents = [RawDocument(id=f"a{i}", source=f"a{i}.txt", content=body, format="text") for i in range(3)]
    try:
        with pytest.raises(EnvironmentProblem, match="No space left on device"):
            clean_documents(documents)
    finally:
        language._identifier.cache_clear()
