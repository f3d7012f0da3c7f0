"""Uploaded files and pasted text → RawDocuments, read the way `newsbrief brief` reads files.

Runs in the worker thread: decoding (charset detection) and JSONL parsing are not cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


def pasted_documents(text: str, fmt: PasteFormat = "auto") -> list[RawDocument | Failure]:
    if not text.strip():
        return []
    kind = paste_format(text) if fmt == "auto" else fmt
    if kind == "jsonl":
        return list(parse_jsonl(text, "pasted.jsonl"))
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


def file_documents(upload: UploadedFile) -> list[RawDocument | Failure]:
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
        return list(parse_jsonl(text, name))
    stem = name[: -len(suffix)] or "upload"
    kind: Literal["text", "html"] = "text" if suffix == ".txt" else "html"
    return [RawDocument(id=stem, source=name, content=text, format=kind)]


def collect_documents(
    files: list[UploadedFile], text: str, fmt: PasteFormat, max_articles: int
) -> tuple[list[RawDocument], list[Failure]]:
    """Every document of the request, in order; past ``max_articles`` the rest are refused."""
    documents: list[RawDocument] = []
    failures: list[Failure] = []
    items = [item for upload in files for item in file_documents(upload)]
    items += pasted_documents(text, fmt)
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
        elif len(documents) >= max_articles:
            failures.append(Failure(item.source, f"over the limit of {max_articles} articles per brief"))
        else:
            documents.append(item)
    return documents, failures
