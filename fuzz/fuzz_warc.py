"""Fuzz the WARC reader with damaged archives, plain and gzip-compressed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from harness_support import Target, check_items, fuzz


def load() -> Target:
    from newsbrief.ingest import read_documents

    folder = Path(tempfile.mkdtemp(prefix="newsbrief-fuzz-warc-"))

    def target(data: bytes) -> None:
        # Compressed archives start with the gzip magic; anything else is read as plain WARC.
        name = "crawl.warc.gz" if data[:2] == b"\x1f\x8b" else "crawl.warc"
        path = folder / name
        path.write_bytes(data)
        for document in check_items(read_documents([path])):
            assert document.format == "html"

    return target


if __name__ == "__main__":
    fuzz(load)
