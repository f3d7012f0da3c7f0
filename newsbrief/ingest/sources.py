"""Find input files and read them into RawDocuments.

Plain text and HTML files give one document each; JSONL (optionally gzip-compressed) gives one
per line; a WARC file gives one per archived HTML page. Problems are yielded as Failures so
one bad input never stops a batch. ``read_documents`` is the one entry point for every format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsbrief.ingest.decode import DecodeError, decode_bytes
from newsbrief.ingest.jsonl import parse_jsonl, read_jsonl
from newsbrief.ingest.warc import read_warc
from newsbrief.types import Failure, RawDocument

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".jsonl.gz"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES

# Whole-file formats are read into memory; streamed formats (JSONL, WARC) have no such cap.
MAX_FILE_BYTES = 200 * 1024 * 1024

Reader = Callable[[Path], Iterator[RawDocument | Failure]]


def input_suffix(path: Path) -> str:
    """The format suffix of ``path``: two parts for compressed formats (``.jsonl.gz``)."""
    name = path.name.lower()
    compound = "".join(Path(name).suffixes[-2:])
    return compound if compound in SUPPORTED_SUFFIXES else Path(name).suffix


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Files as given, folders walked recursively in sorted order for their supported files."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and input_suffix(child) in SUPPORTED_SUFFIXES:
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
    suffix = input_suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        yield Failure(str(path), f"unsupported file type {suffix or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Failure(str(path), str(exc))
        return
    if size == 0:
        yield Failure(str(path), "empty file")
        return
    streamed: Reader | None = (
        read_jsonl if suffix in JSONL_SUFFIXES else read_warc if suffix in WARC_SUFFIXES else None
    )
    if streamed is not None:
        yield from streamed(path)
    else:
        yield from _read_whole_file(path, size, "html" if suffix in HTML_SUFFIXES else "text")


def _read_whole_file(path: Path, size: int, kind: str) -> Iterator[RawDocument | Failure]:
    if size > MAX_FILE_BYTES:
        yield Failure(str(path), f"file too large ({size} bytes > {MAX_FILE_BYTES})")
        return
    try:
        text = decode_bytes(path.read_bytes())
    except (OSError, DecodeError, UnicodeDecodeError) as exc:
        yield Failure(str(path), str(exc))
        return
    if not text.strip():
        yield Failure(str(path), "no text (only whitespace)")
        return
    yield RawDocument(
        id=path.stem, source=str(path), content=text, format="html" if kind == "html" else "text"
    )


__all__ = [
    "SUPPORTED_SUFFIXES",
    "expand_paths",
    "input_suffix",
    "parse_jsonl",
    "read_documents",
]
