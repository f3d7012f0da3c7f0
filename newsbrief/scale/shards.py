"""Inputs as numbered shards: each file is read by one task, its records keep their order.

A shard is one input file (a JSONL feed, a WARC archive, a single article). Numbering shards
in the order ``expand_paths`` lists them, and records in file order, gives every record an
``order_key`` that is the same whichever engine reads it and however many workers there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsbrief.ingest import expand_paths
from newsbrief.pipeline import read_safely
from newsbrief.scale.records import Row, document_row, failure_row, order_key
from newsbrief.types import Failure


@dataclass(frozen=True, slots=True)
class Shard:
    number: int
    path: str
    # A path that named nothing: expand_paths reports it, and the shard passes the report on.
    missing: Failure | None = None


def list_shards(inputs: Iterable[str | Path]) -> list[Shard]:
    """One entry per input file (or missing path): a list of names, small even for a big crawl."""
    shards = []
    for number, item in enumerate(expand_paths(inputs)):
        if isinstance(item, Failure):
            shards.append(Shard(number, item.source, missing=item))
        else:
            shards.append(Shard(number, str(item)))
    return shards


def read_shard(shard: Shard) -> Iterator[Row]:
    """The shard's records as document and failure rows, streamed (never the whole file)."""
    if shard.missing is not None:
        yield failure_row(order_key(shard.number, 0), shard.missing)
        return
    for index, item in enumerate(read_safely([shard.path])):
        key = order_key(shard.number, index)
        yield failure_row(key, item) if isinstance(item, Failure) else document_row(key, item)
