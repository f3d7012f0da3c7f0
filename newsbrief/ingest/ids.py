"""Unique article ids when inputs reuse one: the n-th article with id ``x`` becomes ``x-n``.

Inputs are free to reuse ids (two crawls of one site, files named ``1.txt`` in two folders),
but citations, the store and the scale engine key everything by article id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath


def input_stem(source: str | PurePath) -> str:
    """The default id of an input: its file name without the format suffix, a ``.gz`` included
    ("feed.jsonl.gz" → "feed", "page.html.gz" → "page")."""
    name = PurePath(source).name
    return PurePath(name[:-3]).stem if name.lower().endswith(".gz") else PurePath(name).stem


def free_id(wanted: str, earlier: int, taken: Callable[[str], bool]) -> str:
    """The id for an article that asks for ``wanted`` after ``earlier`` articles did.

    ``wanted-(earlier+1)`` for a repeat, bumped further while ``taken`` says an input already
    uses it as its own id (``x``, ``x``, ``x-2`` must not give ``x-2`` twice)."""
    if not earlier and not taken(wanted):
        return wanted
    # Numbering starts at 2: the first holder of an id keeps it bare.
    number = max(earlier + 1, 2)
    candidate = f"{wanted}-{number}"
    while taken(candidate):
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


class IdAllocator:
    """``free_id`` over the ids handed out so far, in memory (one batch or one brief)."""

    def __init__(self) -> None:
        self._asked: dict[str, int] = {}
        self._given: set[str] = set()

    def claim(self, wanted: str) -> str:
        earlier = self._asked.get(wanted, 0)
        self._asked[wanted] = earlier + 1
        article_id = free_id(wanted, earlier, self._given.__contains__)
        self._given.add(article_id)
        return article_id
