from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsbrief.examples import example_paths
from newsbrief.ingest import CrawledDocument, read_documents
from newsbrief.pipeline import clean_documents
from newsbrief.types import Failure

CRAWL_DATE = "2026-04-09T08:15:00Z"


def _article_html() -> bytes:
    """A page with a story and no publication date anywhere (no meta, no byline date)."""
    lines = example_paths()[1].read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if len(line) > 120 and "March" not in line and "2026" not in line][:5]
    paragraphs = "".join(f"<p>{line}</p>" for line in body)
    return (
        "<html><head><title>Ship strikes harbor bridge</title></head><body>"
        f"<article><h1>Ship strikes harbor bridge</h1>{paragraphs}</article></body></html>"
    ).encode()


def _response(writer: WARCWriter, url: str, status: str, content_type: str, payload: bytes) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(payload),
        http_headers=http,
        warc_headers_dict={"WARC-Date": CRAWL_DATE},
    )
    writer.write_record(record)


def _write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(
            writer,
            "https://news.example/2026/bridge",
            "200 OK",
            "text/html; charset=utf-8",
            _article_html(),
        )
        _response(writer, "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        _response(writer, "https://news.example/gone", "404 Not Found", "text/html", b"<html>gone</html>")


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_become_documents(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    _write_warc(path, gzip)
    items = list(read_documents([tmp_path]))
    assert len(items) == 1, items
    (doc,) = items
    assert isinstance(doc, CrawledDocument) and doc.format == "html"
    assert doc.url == "https://news.example/2026/bridge"
    assert doc.source.startswith(f"{path}@")
    assert doc.crawled == CRAWL_DATE and doc.published is None
    assert "Orla Venn" in doc.content


def test_crawl_date_is_never_taken_as_the_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gzip=True)
    articles, failures = clean_documents(read_documents([path]))
    assert not failures and len(articles) == 1
    assert articles[0].published is None
    assert "Orla Venn" in articles[0].text


def test_page_ids_are_stable_across_crawls(tmp_path: Path) -> None:
    first, second = tmp_path / "a.warc", tmp_path / "b.warc.gz"
    _write_warc(first, gzip=False)
    _write_warc(second, gzip=True)
    a, b = read_documents([first, second])
    assert not isinstance(a, Failure) and not isinstance(b, Failure)
    assert a.id == b.id and a.source != b.source


def test_a_file_that_is_not_a_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a web archive\r\n\r\n")
    (item,) = read_documents([path])
    assert isinstance(item, Failure) and item.source == str(path)


def test_an_archive_without_html_pages_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "assets.warc"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        _response(writer, "https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
    (item,) = read_documents([path])
    assert isinstance(item, Failure) and "no successful HTML" in item.reason


def test_truncated_archive_keeps_pages_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    _write_warc(path, gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[:-20])  # cuts into the last record (the 404 page)
    items = list(read_documents([path]))
    assert isinstance(items[0], CrawledDocument) and isinstance(items[-1], Failure)
