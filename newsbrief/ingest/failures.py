"""Failures kept in bounded memory: the first ones listed, the rest only counted.

A 3 KB ``.jsonl.gz`` can hold a million bad lines; keeping (and printing, and rendering) a Failure
for each took 1.4 GB and a 90 MB JSON report. Every reader and batch keeps at most a fixed number
and closes the list with one summary entry: ``… and 999,990 more``.
"""

from __future__ import annotations

import re

from newsbrief.types import Failure

# Listed per file by the streaming readers, and per batch (one brief, one ingest).
MAX_LISTED_PER_FILE = 100
MAX_LISTED = 1000
MORE_SOURCE = "…"
_NUMBER = re.compile(r"(\d+)")


def first_line(problem: BaseException | str, empty: str | None = None) -> str:
    """The first line of an exception's message (a report is one line per input, and some
    messages run over several); ``empty`` when there is none, else the exception's type name."""
    text = str(problem).strip()
    if text:
        return text.splitlines()[0]
    return empty if empty is not None else type(problem).__name__


def more_failures(count: int, what: str = "inputs skipped") -> Failure:
    """The entry standing for ``count`` failures that were counted but not listed."""
    return Failure(MORE_SOURCE, f"and {count:,} more {what}")


def is_summary(failure: Failure) -> bool:
    return failure.source == MORE_SOURCE or failure.reason.startswith("… and ")


class FailureLog:
    """Append failures; ``listed()`` is the first ``limit`` and one summary of the rest (the
    summary entries readers wrote for their own files are added into it)."""

    def __init__(self, limit: int = MAX_LISTED) -> None:
        self.limit = limit
        self._listed: list[Failure] = []
        self.total = 0
        self._unlisted = 0

    def add(self, failure: Failure) -> None:
        self.total += 1
        if len(self._listed) < self.limit:
            self._listed.append(failure)
        else:
            self._unlisted += 1

    def __len__(self) -> int:
        return self.total

    def listed(self) -> list[Failure]:
        """In a stable order (by source, numbers compared as numbers), so the same inputs in
        another order report the same list."""
        ordered = sorted(self._listed, key=lambda f: (_natural(f.source), f.reason))
        if self._unlisted:
            ordered.append(more_failures(self._unlisted))
        return ordered


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in _NUMBER.split(text) if part)
