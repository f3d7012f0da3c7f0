"""Deterministic choice of the Multi-News clusters annotated in gold/ (documented in README.md).

Run: python3 tests/data/analyze/select_clusters.py  (prints the chosen rows)

First round (10 clusters, all ``tune``): the first 10 rows passing every criterion with
MAX_CHARS=5,500. Second round (issue 13, 30 clusters): the same criteria with 10,000 characters,
the first 80 passing rows, without the first round's rows, the first 30 in file order; every
third of them (index 0, 3, 6, ...) is ``tune``, the others ``test``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

SHARED = Path(os.environ.get("NEWSBRIEF_SHARED", Path(__file__).resolve().parents[4] / "shared"))
SAMPLE = SHARED / "data/multinews/multinews_raw_sample250_val.jsonl"
# A month or weekday name signals a date the timeline can be resolved against.
DATE_WORD = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
QUOTE = re.compile(r"[\"“][^\"”]{10,}[\"”]")
MAX_CHARS = 5500  # keeps hand annotation of ten clusters tractable
N_CLUSTERS = 10
# Second round: longer clusters allowed, so that 30 more qualify early in the file.
SECOND_MAX_CHARS = 10000
SECOND_POOL = 80
SECOND_N = 30
TUNE_EVERY = 3


def select_rows(path: Path = SAMPLE, max_chars: int = MAX_CHARS, n_clusters: int = N_CLUSTERS) -> list[int]:
    """First ``n_clusters`` rows (file order) that satisfy every criterion."""
    chosen: list[int] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            docs: list[str] = row["documents"]
            total = sum(len(d) for d in docs)
            if len(docs) < 2 or not 2000 <= total <= max_chars:
                continue
            if any(len(d) < 600 for d in docs):
                continue
            quotes = sum(len(QUOTE.findall(d)) for d in docs)
            said = sum(len(re.findall(r"\bsaid\b", d)) for d in docs)
            digits = sum(len(re.findall(r"\d", d)) for d in docs)
            dates = sum(len(DATE_WORD.findall(d)) for d in docs)
            if quotes >= 3 and said >= 3 and digits >= 5 and dates >= 2:
                chosen.append(int(row["row"]))
            if len(chosen) == n_clusters:
                break
    return chosen


def select_second_round(path: Path = SAMPLE) -> dict[str, list[int]]:
    """The issue-13 rows, split into ``tune`` (every third, from the first) and ``test``."""
    first = set(select_rows(path))
    pool = [r for r in select_rows(path, SECOND_MAX_CHARS, SECOND_POOL) if r not in first]
    rows = pool[:SECOND_N]
    return {
        "tune": [r for i, r in enumerate(rows) if i % TUNE_EVERY == 0],
        "test": [r for i, r in enumerate(rows) if i % TUNE_EVERY != 0],
    }


if __name__ == "__main__":
    print("first round (tune):", select_rows())
    for split, rows in select_second_round().items():
        print(f"second round ({split}):", rows)
