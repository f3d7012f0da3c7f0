"""JSON Lines feeds, plain or gzip-compressed, read one line at a time.

Streaming keeps memory flat for feeds far larger than any single article.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsbrief.ingest.crawled import CrawledDocument
from newsbrief.ingest.decode import DecodeError, decode_bytes
from newsbrief.ingest.failures import MAX_LISTED_PER_FILE, first_line
from newsbrief.ingest.ids import input_stem
from newsbrief.ingest.record_fields import record_fields
from newsbrief.types import Failure, RawDocument

_BOM = b"\xef\xbb\xbf"
# No article needs more; a longer line (e.g. a small .jsonl.gz that inflates to one huge line)
# is reported and skipped without ever being held whole in memory.
MAX_LINE_BYTES = 16 * 1024 * 1024
_SKIP_CHUNK = 1 << 20


# Decompression budget (docs/robustness.md, "Bombs"): a file whose lines are nearly all bad or
# blank is not a feed. A 3 KB .jsonl.gz held a million `{}` lines (1.4 GB, a 90 MB report) and
# 1 MB of gzip a billion blank lines (minutes of reading).
MAX_CONSECUTIVE_BAD = 10_000
# Real JSONL compresses 3-10 times; past this much output, a ratio beyond the limit is a bomb.
MAX_RATIO = 200
RATIO_AFTER_BYTES = 256 * 1024 * 1024


def read_jsonl(path: Path) -> Iterator[RawDocument | Failure]:
    """Every record of ``path`` (``.jsonl`` or ``.jsonl.gz``), then a Failure if it held none.

    At most ``MAX_LISTED_PER_FILE`` bad lines are named; one last Failure counts the rest."""
    found = False
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            compressed = getattr(stream, "fileobj", None)
            for item in _parse_lines(stream, str(path), compressed):
                found = True
                yield item
    except (OSError, EOFError, zlib.error) as exc:
        # A truncated or corrupt archive: keep what was read, report the rest.
        found = True
        yield Failure(str(path), f"unreadable compressed data ({type(exc).__name__}: {exc})")
    if not found:
        yield Failure(str(path), "no records (only whitespace)")


def _parse_lines(
    stream: IO[bytes], source: str, compressed: IO[bytes] | None = None
) -> Iterator[RawDocument | Failure]:
    stem = input_stem(source)
    number = bad_run = unlisted = listed = 0
    decompressed = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        decompressed += len(raw)
        if compressed is not None and decompressed > RATIO_AFTER_BYTES:
            ratio = decompressed / max(compressed.tell(), 1)
            if ratio > MAX_RATIO:
                yield Failure(
                    source,
                    f"stopped at line {number:,}: decompresses {ratio:,.0f} times (limit {MAX_RATIO}); "
                    "a compression bomb, not a feed",
                )
                break
        item = _parse_line(raw, stream, source, number, stem)
        if isinstance(item, RawDocument):
            bad_run = 0
            yield item
            continue
        bad_run += 1
        if bad_run > MAX_CONSECUTIVE_BAD:
            yield Failure(
                source,
                f"stopped at line {number:,}: {MAX_CONSECUTIVE_BAD:,} blank or bad lines in a row",
            )
            break
        if item is None:
            continue
        if listed < MAX_LISTED_PER_FILE:
            listed += 1
            yield item
        else:
            unlisted += 1
    if unlisted:
        yield Failure(source, f"… and {unlisted:,} more bad lines")


def _parse_line(
    raw: bytes, stream: IO[bytes], source: str, number: int, stem: str
) -> RawDocument | Failure | None:
    """One line's record, its Failure, or None for a blank line."""
    where = f"{source}:{number}"
    if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
        _skip_rest_of_line(stream)
        return Failure(where, f"line longer than {MAX_LINE_BYTES} bytes")
    if number == 1 and raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not raw.strip():
        return None
    try:
        line = decode_bytes(raw)
    except (DecodeError, UnicodeDecodeError) as exc:
        return Failure(where, str(exc))
    return parse_record(line, where, default_id=f"{stem}-{number}")


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while chunk := stream.readline(_SKIP_CHUNK):
        if chunk.endswith(b"\n"):
            return


def parse_jsonl(text: str, source: str) -> Iterator[RawDocument | Failure]:
    """The records of JSONL already in memory (``source`` names it in reports and ids)."""
    stem = input_stem(source)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield parse_record(line, f"{source}:{number}", default_id=f"{stem}-{number}")


def parse_record(line: str, where: str, default_id: str) -> RawDocument | Failure:
    """One article per line, as newsbrief, trafilatura (``--json``) or news-please write it
    (``record_fields``)."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(where, f"malformed JSON ({exc.msg})")
    except RecursionError:
        return Failure(where, "malformed JSON (nested too deeply)")
    except ValueError as exc:  # e.g. an integer over Python's 4,300-digit conversion limit
        return Failure(where, f"malformed JSON ({first_line(exc)})")
    return record_document(record, where, default_id)


def record_document(record: object, where: str, default_id: str) -> RawDocument | Failure:
    """The document of one decoded JSON record."""
    if not isinstance(record, dict):
        return Failure(where, "record is not a JSON object")
    fields = record_fields(record)
    if fields.body is None:
        body_keys = {"newsbrief": "'text' or 'html'", "trafilatura": "'text'", "news-please": "'maintext'"}
        return Failure(where, f"no article text (a {fields.tool} record needs {body_keys[fields.tool]})")
    return CrawledDocument(
        id=fields.id or default_id,
        source=where,
        content=fields.body,
        format="html" if fields.format == "html" else "text",
        title=fields.title,
        url=fields.url,
        outlet=fields.outlet,
        published=fields.published,
        crawled=fields.crawled,
    )
