"""Web archives (``.warc``, ``.warc.gz``): each archived HTML page becomes one document.

Only successful HTML responses are articles; the images, scripts, redirects and revisit
records a crawl is mostly made of are passed over silently, since they are not bad input.
The WARC-Date header is when the crawler fetched the page, so it is kept as ``crawled`` and
never used as the publication date: the page's own metadata decides that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from newsbrief.ingest.crawled import CrawledDocument
from newsbrief.ingest.decode import DecodeError, decode_bytes
from newsbrief.types import Failure, RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_PAGE_BYTES = 20 * 1024 * 1024


def read_warc(path: Path) -> Iterator[RawDocument | Failure]:
    records_seen = pages_seen = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                # warcio also reads the older ARC format, and reads junk as ARC records.
                if record.format != "warc":
                    continue
                records_seen += 1
                page = _is_html_page(record)
                payload = record.content_stream().read(MAX_PAGE_BYTES + 1) if page else b""
                missing = _drain(record)
                # Only known once the record has been read (warcio reads to its end for it).
                where = f"{path}@{records.get_record_offset()}"
                if missing:
                    yield Failure(where, f"record cut short ({missing} bytes missing)")
                elif page:
                    pages_seen += 1
                    yield _document(record, payload, where)
    except ArchiveLoadFailed as exc:
        yield Failure(str(path), f"not a readable WARC file ({_first_line(exc)})")
        return
    except Exception as exc:  # warcio raises anything (AttributeError, ...) on malformed input
        yield Failure(str(path), f"WARC read failed ({type(exc).__name__}: {_first_line(exc)})")
        return
    if not records_seen:
        yield Failure(str(path), "no WARC records found")
    elif not pages_seen:
        yield Failure(str(path), "no successful HTML responses in the archive")


def _drain(record: ArcWarcRecord) -> int:
    """Read the rest of the record; return how many bytes its Content-Length promised but the
    file did not have (warcio itself passes a truncated record off as complete)."""
    while record.raw_stream.read(1 << 16):
        pass
    return int(record.raw_stream.limit)


def _is_html_page(record: ArcWarcRecord) -> bool:
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        if not record.http_headers.get_statuscode().startswith("2"):
            return False
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return False
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _document(record: ArcWarcRecord, payload: bytes, source: str) -> RawDocument | Failure:
    url = record.rec_headers.get_header("WARC-Target-URI")
    if len(payload) > MAX_PAGE_BYTES:
        return Failure(source, f"page larger than {MAX_PAGE_BYTES} bytes")
    if not payload.strip():
        return Failure(source, "empty page")
    headers = record.http_headers or record.rec_headers
    try:
        html = _decode(payload, headers.get_header("Content-Type") or "")
    except (DecodeError, UnicodeDecodeError) as exc:
        return Failure(source, str(exc))
    return CrawledDocument(
        id=_page_id(url, source),
        source=source,
        content=html,
        format="html",
        url=url,
        crawled=record.rec_headers.get_header("WARC-Date"),
    )


def _decode(payload: bytes, content_type: str) -> str:
    """The charset the server declared, when Python knows it; otherwise detect it."""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            try:
                return payload.decode(value.strip().strip("\"'"))
            except (LookupError, UnicodeDecodeError):
                break
    return decode_bytes(payload)


def _page_id(url: str | None, source: str) -> str:
    """Stable across crawls of the same page, so a re-crawl is recognised as the same input."""
    key = url or source
    host = urlsplit(url).hostname if url else None
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    return f"{host}-{digest}" if host else f"page-{digest}"


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
