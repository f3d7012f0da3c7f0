"""The run's output folder, written as results arrive (never held whole in memory).

articles.jsonl    every cleaned article, in input order (records.article_record)
failures.jsonl    {"source", "reason"} per input or event that could not be used
events.jsonl      one line per event, ordered by the event's first article
briefs/<id>.json  the brief of each event with enough articles (newsbrief brief's JSON)
summary.json      what ``newsbrief run --format json`` printed
.newsbrief-run    marks the folder as a run's output, so a later run may replace what is in it

The folder must not overlap an input (``run D --out D`` truncated ``D/articles.jsonl`` before
reading it), and a run only ever replaces files a run made: an existing folder without the
marker is refused unless it is empty, and only ``briefs/*.json`` are removed from an old run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from newsbrief.types import Failure

ARTICLES = "articles.jsonl"
FAILURES = "failures.jsonl"
EVENTS = "events.jsonl"
BRIEFS = "briefs"
SUMMARY = "summary.json"
MARKER = ".newsbrief-run"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def brief_name(event_id: str) -> str:
    """A file name for the event's brief; ids are already safe, but the clusterer owns them."""
    return f"{_UNSAFE.sub('_', event_id)[:120] or 'event'}.json"


class OutputFolderError(ValueError):
    """The output folder cannot be used without risking data the run did not make."""


def check_out_folder(out: Path, inputs: Iterable[str | Path]) -> None:
    """Raise ``OutputFolderError`` when ``out`` overlaps an input (is one, holds one, or lies in
    one) or is an existing folder that is neither empty nor a previous run's output."""
    where = out.resolve()
    for raw in inputs:
        given = Path(raw).resolve()
        if where == given or where.is_relative_to(given) or given.is_relative_to(where):
            raise OutputFolderError(
                f"--out {out} overlaps the input {raw}; give an output folder outside the inputs"
            )
    if where.exists() and not where.is_dir():
        raise OutputFolderError(f"--out {out} is not a folder")
    if where.is_dir() and not (where / MARKER).is_file() and any(where.iterdir()):
        raise OutputFolderError(
            f"--out {out} is a folder with files that no newsbrief run made; give a new or empty folder"
        )


class OutputFolder:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        (root / MARKER).write_text("written by newsbrief run; its files are replaced by the next run\n")
        # A previous run's briefs would mix with this run's: remove them (only the files a run
        # writes there, never anything else).
        briefs = root / BRIEFS
        if briefs.is_symlink() or (briefs.exists() and not briefs.is_dir()):
            raise OutputFolderError(f"{briefs} is not a folder this run made; move it away")
        if briefs.is_dir():
            for old in briefs.glob("*.json"):
                if old.is_file() and not old.is_symlink():
                    old.unlink()
        else:
            briefs.mkdir()
        self._articles: IO[bytes] = (root / ARTICLES).open("wb")
        self._failures: IO[str] = (root / FAILURES).open("w", encoding="utf-8")
        self._events: IO[str] | None = None
        self.failures = 0

    @property
    def articles_path(self) -> Path:
        return self.root / ARTICLES

    def add_article(self, line: str) -> tuple[int, int]:
        """Append one article line; returns its (byte offset, length without the newline)."""
        data = line.encode("utf-8")
        offset = self._articles.tell()
        self._articles.write(data + b"\n")
        return offset, len(data)

    def finish_articles(self) -> None:
        self._articles.close()

    def add_failure(self, failure: Failure) -> None:
        self.failures += 1
        self._failures.write(_line({"source": failure.source, "reason": failure.reason}))

    def add_event(self, record: dict[str, Any]) -> None:
        if self._events is None:
            self._events = (self.root / EVENTS).open("w", encoding="utf-8")
        self._events.write(_line(record))

    def write_brief(self, event_id: str, brief_json: str) -> str:
        name = f"{BRIEFS}/{brief_name(event_id)}"
        (self.root / name).write_text(brief_json + "\n", encoding="utf-8")
        return name

    def write_summary(self, record: dict[str, Any]) -> None:
        (self.root / SUMMARY).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")

    def close(self) -> None:
        if not self._articles.closed:
            self._articles.close()
        self._failures.close()
        if self._events is None:
            (self.root / EVENTS).write_text("", encoding="utf-8")
        else:
            self._events.close()


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
