"""A small mixed input for the scale tests, and one local-engine run of it shared by them.

The input holds what a crawl holds: a folder of article files; a JSONL feed with a syndicated
copy of one of them under the same id (one word changed), an exact repeat of another (same id,
same text), a malformed line and a record with no body; a gzipped WARC with two of the stories
as web pages and an image; the NATO seeds when ../shared is there; and a path that does not
exist.
"""

from __future__ import annotations

import json
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from scale_support import OPTIONS, SEEDS, Run, ScaleInput
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsbrief.examples import example_paths
from newsbrief.scale import run_pipeline


def _write_warc(path: Path, stories: list[Path]) -> None:
    """One HTML response per story (its long lines as paragraphs), then a PNG response."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        pages = []
        for story in stories:
            lines = [ln for ln in story.read_text(encoding="utf-8").splitlines() if len(ln) > 100]
            body = "".join(f"<p>{line}</p>" for line in lines)
            page = f"<html><body><article><h1>{story.stem}</h1>{body}</article></body></html>"
            pages.append((f"https://news.example/{story.stem}", "text/html", page.encode()))
        pages.append(("https://news.example/logo.png", "image/png", b"\x89PNG\r\n"))
        for url, content_type, payload in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=http)
            )


@pytest.fixture(scope="session")
def scale_input(tmp_path_factory: pytest.TempPathFactory) -> ScaleInput:
    root = tmp_path_factory.mktemp("scale-input")
    articles = root / "example"
    articles.mkdir()
    for path in example_paths():
        shutil.copy(path, articles / path.name)
    original, repeated = example_paths()[:2]
    copy = original.read_text(encoding="utf-8").replace("slammed into", "struck", 1)
    feed = root / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": original.stem, "text": copy}) + "\n")
        text = repeated.read_text(encoding="utf-8")
        out.write(json.dumps({"id": repeated.stem, "text": text}) + "\n")
        out.write("{not json\n")
        out.write(json.dumps({"id": "empty", "text": "Subscribe now."}) + "\n")
    crawl = root / "crawl.warc.gz"
    _write_warc(crawl, example_paths()[2:])
    paths = [articles, feed, crawl]
    if SEEDS.is_dir():
        paths.append(SEEDS)
    paths.append(root / "missing.jsonl")
    return ScaleInput(paths=paths, copied=original.stem, repeated=repeated.stem)


@pytest.fixture(scope="session")
def local_run(scale_input: ScaleInput, tmp_path_factory: pytest.TempPathFactory) -> Run:
    out = tmp_path_factory.mktemp("local-run")
    told: list[tuple[str, int]] = []
    summary = run_pipeline(
        scale_input.paths, out, OPTIONS, on_progress=lambda stage, done: told.append((stage, done))
    )
    return Run(out, summary, tuple(told))
