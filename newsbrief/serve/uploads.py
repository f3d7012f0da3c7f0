"""Uploaded files and pasted text → RawDocuments, read the way `newsbrief brief` reads files.

Runs in the worker thread: decoding (charset detection) and JSONL parsing are not cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from newsbrief.ingest.decode import DecodeError, decode_bytes
from newsbrief.ingest.jsonl import parse_jsonl
from newsbrief.ingest.strings import looks_like_html
from newsbrief.types import Failure, RawDocument

PasteFormat = Literal["auto", "text", "html", "jsonl"]
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
# Several pasted plain-text articles are separated by a line of three or more dashes.
_SEPARATOR = re.compile(r"^[ \t]*-{3,}[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class UploadedFile:
    name: str
    data: bytes


def paste_format(text: str) -> Literal["text", "html", "jsonl"]:
    """Guess what was pasted: JSON objects one a line, an HTML page, or plain text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and all(line.startswith("{") and line.endswith("}") for line in lines):
        return "jsonl"
    return "html" if looks_like_html(text) else "text"


def pasted_documents(text: str, fmt: PasteFormat = "auto") -> Iterable[RawDocument | Failure]:
    if not text.strip():
        return []
    kind = paste_format(text) if fmt == "auto" else fmt
    if kind == "jsonl":
        return parse_jsonl(text, "pasted.jsonl")
    if kind == "html":
        return [RawDocument(id="pasted", source="pasted", content=text, format="html")]
    parts = [p for p in _SEPARATOR.split(text) if p.strip()]
    return [
        RawDocument(
            id=f"pasted-{number}" if len(parts) > 1 else "pasted",
            source=f"pasted article {number}",
            content=part.strip("\n"),
            format="text",
        )
        for number, part in enumerate(parts, start=1)
    ]


def file_documents(upload: UploadedFile) -> Iterable[RawDocument | Failure]:
    # Browsers send a bare file name, other clients may not: never trust a path in it.
    name = PurePath(upload.name.replace("\\", "/")).name or "upload"
    lowered = name.lower()
    suffix = next((s for s in UPLOAD_SUFFIXES if lowered.endswith(s)), None)
    if suffix is None:
        return [Failure(name, f"unsupported file type (use {', '.join(UPLOAD_SUFFIXES)})")]
    if not upload.data.strip():
        return [Failure(name, "empty file")]
    try:
        text = decode_bytes(upload.data)
    except (DecodeError, UnicodeDecodeError) as exc:
        return [Failure(name, str(exc))]
    if suffix == ".jsonl":
        return parse_jsonl(text, name)  # a stream: a JSONL upload may hold millions of lines
    stem = name[: -len(suffix)] or "upload"
    kind: Literal["text", "html"] = "text" if suffix == ".txt" else "html"
    return [RawDocument(id=stem, source=name, content=text, format=kind)]


@dataclass(slots=True)
class FailureList:
    """The first ``limit`` failures, and how many more there were: a 10 MB upload of 3.4 M
    lines of ``{}`` kept 3.4 M failures and rendered each into the report (3.9 GB)."""

    limit: int
    kept: list[Failure] = field(default_factory=list)
    more: int = 0

    def add(self, failure: Failure) -> None:
        if len(self.kept) < self.limit:
            self.kept.append(failure)
        else:
            self.more += 1

    def extend(self, failures: Iterable[Failure]) -> None:
        for failure in failures:
            self.add(failure)

    def listed(self) -> list[Failure]:
        """The kept failures, and one line counting the rest when there are any."""
        if not self.more:
            return list(self.kept)
        return [*self.kept, Failure("…", f"and {self.more:,} more inputs skipped (not listed)")]


def collect_documents(
    files: list[UploadedFile], text: str, fmt: PasteFormat, max_articles: int, failures: FailureList
) -> list[RawDocument]:
    """Every document of the request, in order; past ``max_articles`` the rest are refused.
    Failures go to ``failures``, which keeps only the first few."""
    documents: list[RawDocument] = []
    for item in _items(files, text, fmt):
        if isinstance(item, Failure):
            failures.add(item)
        elif len(documents) >= max_articles:
            failures.add(Failure(item.source, f"over the limit of {max_articles} articles per brief"))
        else:
            documents.append(item)
    return documents


def _items(files: list[UploadedFile], text: str, fmt: PasteFormat) -> Iterator[RawDocument | Failure]:
    for upload in files:
        yield from file_documents(upload)
    yield from pasted_documents(text, fmt)
