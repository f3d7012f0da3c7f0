"""JSONL lines that are hostile rather than merely malformed: each must cost only its own line."""

from __future__ import annotations

import json
import tracemalloc
import zlib
from pathlib import Path

from newsbrief.ingest import read_documents
from newsbrief.types import Failure, RawDocument

GOOD = json.dumps({"id": "after", "text": "The record after the bad line is still read."})


def test_a_deeply_nested_line_is_one_bad_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("[" * 100_000 + "]" * 100_000 + "\n" + GOOD + "\n")
    items = list(read_documents([feed]))
    assert isinstance(items[0], Failure) and items[0].source == f"{feed}:1"
    assert isinstance(items[1], RawDocument) and items[1].id == "after"


def test_a_compressed_line_bomb_does_not_exhaust_memory(tmp_path: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    parts = [packer.compress(b'{"id": "bomb", "text": "')]
    parts += [packer.compress(b"a" * (1 << 20)) for _ in range(96)]
    parts += [packer.compress(b'"}\n' + GOOD.encode() + b"\n"), packer.flush()]
    feed = tmp_path / "bomb.jsonl.gz"
    feed.write_bytes(b"".join(parts))
    assert feed.stat().st_size < 200_000
    tracemalloc.start()
    try:
        items = list(read_documents([feed]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [getattr(i, "id", None) for i in items][-1] == "after"
    assert peak < 64 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB for a 96 MiB line"
