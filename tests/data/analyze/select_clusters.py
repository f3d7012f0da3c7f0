"""Deterministic choice of the Multi-News clusters annotated in gold/ (documented in README.md).

Run: python3 tests/data/analyze/select_clusters.py  (prints the chosen rows)
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


def select_rows(path: Path = SAMPLE) -> list[int]:
    """First N_CLUSTERS rows (file order) that satisfy every criterion."""
    chosen: list[int] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            docs: list[str] = row["documents"]
            total = sum(len(d) for d in docs)
            if len(docs) < 2 or not 2000 <= total <= MAX_CHARS:
                continue
            if any(len(d) < 600 for d in docs):
                continue
            quotes = sum(len(QUOTE.findall(d)) for d in docs)
            said = sum(len(re.findall(r"\bsaid\b", d)) for d in docs)
            digits = sum(len(re.findall(r"\d", d)) for d in docs)
            dates = sum(len(DATE_WORD.findall(d)) for d in docs)
            if quotes >= 3 and said >= 3 and digits >= 5 and dates >= 2:
                chosen.append(int(row["row"]))
            if len(chosen) == N_CLUSTERS:
                break
    return chosen


if __name__ == "__main__":
    print(select_rows())
