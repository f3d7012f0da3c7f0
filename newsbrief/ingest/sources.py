"""Find input files and read them into RawDocuments.

Plain text and HTML files (optionally gzip-compressed) give one document each; a JSON file one
per record (an object, or a list of them: newsbrief, trafilatura ``--json`` and news-please
records, see ``record_fields``); JSONL (optionally gzip-compressed) one per line; a WARC file one
per archived HTML page; ``-`` reads one input from standard input, its format sniffed.
Problems are yielded as Failures so one bad input never stops a batch. ``read_documents`` is
the one entry point for every format.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsbrief.ingest.decode import DecodeError, decode_bytes
from newsbrief.ingest.ids import input_stem
from newsbrief.ingest.jsonl import parse_jsonl, read_jsonl, record_document
from newsbrief.ingest.warc import read_warc
from newsbrief.types import Failure, RawDocument

TEXT_SUFFIXES = {".txt", ".txt.gz"}
HTML_SUFFIXES = {".html", ".htm", ".html.gz", ".htm.gz"}
JSON_SUFFIXES = {".json", ".json.gz"}
JSONL_SUFFIXES = {".jsonl", ".jsonl.gz"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES
# The path that means standard input, as in most Unix tools.
STDIN = "-"

# Whole-file formats are read into memory; streamed formats (JSONL, WARC) have no such cap.
MAX_FILE_BYTES = 200 * 1024 * 1024

Reader = Callable[[Path], Iterator[RawDocument | Failure]]


def input_suffix(path: Path) -> str:
    """The format suffix of ``path``: two parts for compressed formats (``.jsonl.gz``)."""
    name = path.name.lower()
    compound = "".join(Path(name).suffixes[-2:])
    return compound if compound in SUPPORTED_SUFFIXES else Path(name).suffix


def expand_paths(paths: Iterable[str | Path] | str | Path) -> Iterator[Path | Failure]:
    """Files as given, folders walked recursively in sorted order for their supported files.

    Nothing is passed over silently: a symlinked subfolder (not followed: links can loop or
    leave the tree), a subfolder that cannot be read, and a FIFO, socket or device with a
    supported name are each reported. A path given directly that is not a regular file or a
    folder is named for what it is, not "no such file"."""
    if isinstance(paths, str | os.PathLike):  # one path, not an iterable of its characters
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        else:
            yield Failure(str(path), _not_a_file(path))


def _walk(folder: Path) -> Iterator[Path | Failure]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(str(folder), f"folder not read ({exc.strerror or type(exc).__name__})")
        return
    for entry in entries:
        child = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(child)
            elif entry.is_symlink() and entry.is_dir():
                yield Failure(str(child), "symlinked folder not followed (give it directly to read it)")
            elif input_suffix(child) not in SUPPORTED_SUFFIXES:
                continue
            elif entry.is_file():
                yield child
            else:
                yield Failure(str(child), _not_a_file(child))
        except OSError as exc:
            yield Failure(str(child), f"not read ({exc.strerror or type(exc).__name__})")


def _not_a_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken symlink" if path.is_symlink() else "no such file or folder"
    except OSError as exc:
        return f"not read ({exc.strerror or type(exc).__name__})"
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return f"not a regular file: {kind}"
    return "not a regular file"


def read_documents(paths: Iterable[str | Path] | str | Path) -> Iterator[RawDocument | Failure]:
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            yield item
            continue
        yield from _read_file(item)


def _read_file(path: Path) -> Iterator[RawDocument | Failure]:
    if str(path) == STDIN:
        yield from _read_stdin()
        return
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
        return
    kind = "html" if suffix in HTML_SUFFIXES else "json" if suffix in JSON_SUFFIXES else "text"
    try:
        data = _read_bytes(path, size)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        yield Failure(str(path), str(exc) or type(exc).__name__)
        return
    yield from _documents_of(data, kind, str(path), input_stem(path))


def _read_bytes(path: Path, size: int) -> bytes:
    """The file's bytes, inflated when it is gzip-compressed; never more than MAX_FILE_BYTES
    are held, whatever the archive claims (a small .gz can inflate to gigabytes)."""
    if not path.name.lower().endswith(".gz"):
        if size > MAX_FILE_BYTES:
            raise ValueError(f"file too large ({size} bytes > {MAX_FILE_BYTES})")
        return path.read_bytes()
    with gzip.open(path, "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"inflates to more than {MAX_FILE_BYTES} bytes")
    return data


def _read_stdin() -> Iterator[RawDocument | Failure]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield Failure("<stdin>", "no standard input")
        return
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield Failure("<stdin>", f"input too large (more than {MAX_FILE_BYTES} bytes)")
        return
    yield from _documents_of(data, _sniff(data), "<stdin>", "stdin")


def _sniff(data: bytes) -> str:
    """The format of an unnamed input from its first characters: JSON, HTML, else text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:1] == b"<" and re.match(rb"<(?:!doctype|html|head|body|\?xml|meta|div|p|article)\b", head, re.I):
        return "html"
    return "text"


def _documents_of(data: bytes, kind: str, source: str, stem: str) -> Iterator[RawDocument | Failure]:
    if not data.strip():
        yield Failure(source, "empty input" if not data else "no text (only whitespace)")
        return
    try:
        text = decode_bytes(data)
    except (DecodeError, UnicodeDecodeError) as exc:
        yield Failure(source, str(exc))
        return
    if not text.strip():
        yield Failure(source, "no text (only whitespace)")
    elif kind == "json":
        yield from _json_records(text, source, stem)
    else:
        yield RawDocument(id=stem, source=source, content=text, format="html" if kind == "html" else "text")


def _json_records(text: str, source: str, stem: str) -> Iterator[RawDocument | Failure]:
    """A JSON object is one record, a list one record per item; a file of one object per line
    (trafilatura writes that too) is read as JSONL."""
    try:
        value = json.loads(text)
    except RecursionError:
        yield Failure(source, "malformed JSON (nested too deeply)")
        return
    except ValueError:
        yield from parse_jsonl(text, source)
        return
    records = value if isinstance(value, list) else [value]
    if not records:
        yield Failure(source, "no records (an empty JSON list)")
    for number, record in enumerate(records, start=1):
        where = source if len(records) == 1 else f"{source}:{number}"
        yield record_document(record, where, default_id=stem if len(records) == 1 else f"{stem}-{number}")


__all__ = [
    "SUPPORTED_SUFFIXES",
    "expand_paths",
    "input_suffix",
    "parse_jsonl",
    "read_documents",
]
