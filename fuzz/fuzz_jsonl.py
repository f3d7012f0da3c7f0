"""Fuzz the JSONL reader, plain and gzip-compressed (whole, cut short, or not gzip at all)."""

from __future__ import annotations

import gzip
import tempfile
from pathlib import Path

from harness_support import Target, check_items, fuzz


def load() -> Target:
    from newsbrief.ingest import read_documents

    folder = Path(tempfile.mkdtemp(prefix="newsbrief-fuzz-jsonl-"))

    def target(data: bytes) -> None:
        mode, payload = (data[0] % 4, data[1:]) if data else (0, b"")
        if mode == 0:
            path, content = folder / "feed.jsonl", payload
        elif mode == 1:
            path, content = folder / "feed.jsonl.gz", gzip.compress(payload, mtime=0)
        elif mode == 2:  # compressed, then cut: the reader must keep what came before
            packed = gzip.compress(payload, mtime=0)
            path, content = folder / "feed.jsonl.gz", packed[: max(10, len(packed) * 2 // 3)]
        else:
            path, content = folder / "feed.jsonl.gz", payload
        path.write_bytes(content)
        for document in check_items(read_documents([path])):
            assert document.source.startswith(f"{path}:"), document.source

    return target


if __name__ == "__main__":
    fuzz(load)
