"""Web archives (``.warc``, ``.warc.gz``): each archived HTML page becomes one document.

Only successful HTML responses are articles; the images, scripts, redirects and revisit
records a crawl is mostly made of are passed over silently, since they are not bad input.
The WARC-Date header is when the crawler fetched the page, so it is kept as ``crawled`` and
never used as the publication date: the page's own metadata decides that.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from newsbrief.ingest.crawled import CrawledDocument
from newsbrief.ingest.decode import DecodeError, decode_bytes
from newsbrief.ingest.failures import first_line
from newsbrief.types import Failure, RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_PAGE_BYTES = 20 * 1024 * 1024


# Records whose damage is named one by one; the rest of a badly broken file is counted.
_MAX_RESYNCS = 1000
_SYNC_CHUNK = 1 << 20
_GZIP_MEMBER = b"\x1f\x8b\x08"
_WARC_LINE = b"\nWARC/1."


def read_warc(path: Path) -> Iterator[RawDocument | Failure]:
    """Every HTML page of the archive. A record that cannot be parsed (a wrong Content-Length
    leaves the reader mid-record) costs only itself: reading resumes at the next record, found by
    its ``WARC/1.`` line (or, per-record gzip, the next gzip member). warcio's own warnings are
    turned into Failures naming the record, never printed."""
    records_seen = pages_seen = resyncs = unlisted = 0
    try:
        with path.open("rb") as stream:
            gzipped = stream.read(3) == _GZIP_MEMBER
            start = 0
            while start is not None:
                stream.seek(start)
                state = _Progress(start, gzipped)
                for item in _read_from(stream, path, state):
                    if isinstance(item, RawDocument):
                        pages_seen += 1
                    yield item
                records_seen += state.records
                if state.error is None:
                    break
                resume = _next_record(stream, (state.last or start) + 1, gzipped)
                resyncs += 1
                where = f"{path}@{state.failed_at}"
                reason = f"malformed record ({state.error})" + (
                    f"; resumed at the next record (offset {resume})" if resume is not None else ""
                )
                if state.failed_at == state.warned_at:
                    pass  # that record is already reported
                elif resyncs <= _MAX_RESYNCS:
                    yield Failure(where, reason)
                else:
                    unlisted += 1
                start = resume
    except OSError as exc:
        yield Failure(str(path), f"WARC read failed ({type(exc).__name__}: {first_line(exc)})")
        return
    if unlisted:
        yield Failure(str(path), f"… and {unlisted:,} more malformed records")
    if not records_seen and not resyncs:
        yield Failure(str(path), "no WARC records found")
    elif not records_seen:
        yield Failure(str(path), "not a readable WARC file (no record could be parsed)")
    elif not pages_seen and not resyncs:
        yield Failure(str(path), "no successful HTML responses in the archive")


class _Progress:
    """Where one pass of warcio over the file got to: ``last`` (absolute offset of the last
    record read whole), ``failed_at`` and ``error`` when the pass ended on a malformed record."""

    def __init__(self, base: int, gzipped: bool) -> None:
        self.base = base
        self.gzipped = gzipped
        self.last: int | None = None
        self.records = 0
        self.failed_at = base
        self.error: str | None = None
        self.warned_at: int | None = None


def _read_from(stream: IO[bytes], path: Path, state: _Progress) -> Iterator[RawDocument | Failure]:
    records = ArchiveIterator(stream)
    while True:
        warnings = io.StringIO()
        try:
            with contextlib.redirect_stderr(warnings):
                record = next(records, None)
                if record is None:
                    return
                item = _record_item(record, records, path, state.base)
        except Exception as exc:  # warcio raises anything (AttributeError, ...) on malformed input
            # warcio's offset counts uncompressed bytes in a gzipped file; there the damage is
            # inside the member of the last record read.
            state.failed_at = (
                (state.last if state.last is not None else state.base)
                if state.gzipped
                else state.base + _offset_or(records, 0)
            )
            state.error = (
                first_line(exc)
                if isinstance(exc, ArchiveLoadFailed)
                else (f"{type(exc).__name__}: {first_line(exc)}")
            )
            return
        if record.format != "warc":
            # warcio also reads the older ARC format, and reads junk as ARC records.
            continue
        state.last = state.base + records.get_record_offset()
        state.records += 1
        if warnings.getvalue().strip():
            # Printed by warcio when it finished this record: the bytes after it were not the
            # blank line a record ends with, so its Content-Length is wrong.
            state.warned_at = state.last
            warning = first_line(warnings.getvalue())
            yield Failure(
                f"{path}@{state.last}", f"record does not end where its Content-Length says ({warning})"
            )
        if item is not None:
            yield item


def _record_item(
    record: ArcWarcRecord, records: ArchiveIterator, path: Path, base: int
) -> RawDocument | Failure | None:
    if record.format != "warc":
        return None
    page = _is_html_page(record)
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1) if page else b""
    missing = _drain(record)
    # Only known once the record has been read (warcio reads to its end for it).
    where = f"{path}@{base + records.get_record_offset()}"
    if missing:
        return Failure(where, f"record cut short ({missing} bytes missing)")
    if page:
        return _document(record, payload, where)
    return None


def _offset_or(records: ArchiveIterator, default: int) -> int:
    try:
        return int(records.offset)
    except Exception:
        return default


def _next_record(stream: IO[bytes], start: int, gzipped: bool) -> int | None:
    """The offset of the first record start at or after ``start``: a gzip member header, or a
    ``WARC/1.`` line; None at the end of the file. Reads in chunks (linear in the file)."""
    marker = _GZIP_MEMBER if gzipped else _WARC_LINE
    skip = 0 if gzipped else 1  # the newline before "WARC/1."
    stream.seek(max(start - skip, 0))
    position = stream.tell()
    tail = b""
    while chunk := stream.read(_SYNC_CHUNK):
        data = tail + chunk
        found = data.find(marker)
        if found >= 0:
            return position - len(tail) + found + skip
        tail = data[-(len(marker) - 1) :]
        position += len(chunk)
    return None


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
