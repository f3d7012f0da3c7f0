"""What an engine does: run the parallel stages and hand back their results in input order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from newsbrief.scale.records import Row
from newsbrief.scale.shards import Shard
from newsbrief.scale.stages import BriefTask


class UnavailableError(RuntimeError):
    """A part the run needs (Ray) is not installed; nothing was run."""


class Engine(Protocol):
    def prepared(self, shards: list[Shard]) -> Iterator[Row]:
        """Article and failure rows (cleaned, signed, embedded), in ``order_key`` order."""
        ...

    def briefs(self, tasks: Iterable[BriefTask]) -> Iterator[Row]:
        """One brief result row (``event``, ``brief``, ``error``) per task, in task order."""
        ...

    def close(self) -> None: ...
