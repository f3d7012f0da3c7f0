"""Find input files and read them into RawDocuments.

Plain text and HTML files give one document each; JSONL gives one per line.
Problems are yielded as Failures so one bad input never stops a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsbrief.ingest.decode import DecodeError, decode_bytes
from newsbrief.types import Failure, RawDocument

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

MAX_FILE_BYTES = 200 * 1024 * 1024


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Files as given, folders walked recursively in sorted order for their supported files."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Failure(str(path), "no such file or folder")


def read_documents(paths: Iterable[str | Path]) -> Iterator[RawDocument | Failure]:
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            yield item
            continue
        yield from _read_file(item)


def _read_file(path: Path) -> Iterator[RawDocument | Failure]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield Failure(str(path), f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
        if size == 0:
            yield Failure(str(path), "empty file")
            return
        if size > MAX_FILE_BYTES:
            yield Failure(str(path), f"file too large ({size} bytes > {MAX_FILE_BYTES})")
            return
        text = decode_bytes(path.read_bytes())
    except (OSError, DecodeError, UnicodeDecodeError) as exc:
        yield Failure(str(path), str(exc))
        return
    if not text.strip():
        yield Failure(str(path), "no text (only whitespace)")
        return
    if suffix in JSONL_SUFFIXES:
        yield from parse_jsonl(text, str(path))
    else:
        kind = "html" if suffix in HTML_SUFFIXES else "text"
        yield RawDocument(id=path.stem, source=str(path), content=text, format=kind)


def parse_jsonl(text: str, source: str) -> Iterator[RawDocument | Failure]:
    """One article per line: ``text`` (or ``html``) required; title, url, outlet, published, id optional."""
    stem = Path(source).stem
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"malformed JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield Failure(where, "line is not a JSON object")
            continue
        body = record.get("text") or record.get("html")
        if not isinstance(body, str) or not body.strip():
            yield Failure(where, "no 'text' field")
            continue
        yield RawDocument(
            id=str(record.get("id") or f"{stem}-{number}"),
            source=where,
            content=body,
            format="text" if record.get("text") else "html",
            title=_optional_str(record.get("title")),
            url=_optional_str(record.get("url")),
            outlet=_optional_str(record.get("outlet")),
            published=_optional_str(record.get("published")),
        )


def _optional_str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
