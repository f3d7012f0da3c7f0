"""Re-score SumRepo's 13 DUC 2004 systems and compare with the published ROUGE-1.5.5 rows.

Usage: python benchmarks/rouge_reproduction.py [--data-root PATH]
(newsbrief must be importable: pip install -e . or PYTHONPATH=.)
Exits non-zero if any system's R1 or R2 recall is more than --tolerance points off.
"""

from __future__ import annotations

import argparse
import sys
import time

from newsbrief.evaluate.reproduction import (
    PUBLISHED_METRICS,
    format_reproduction_table,
    reproduce_published,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", help="evaluation data root (default: $NEWSBRIEF_DATA)")
    parser.add_argument("--tolerance", type=float, default=0.1, help="allowed |diff| in points")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    rows = reproduce_published(args.data_root)
    elapsed = time.perf_counter() - started
    print("DUC 2004 Task 2, ROUGE-1.5.5 -n 4 -m -l 100 -f A -p 0.5 -t 0, recall (%)")
    print(format_reproduction_table(rows, PUBLISHED_METRICS))
    print(f"scored {len(rows)} systems in {elapsed:.1f} s")
    off = [
        row.system
        for row in rows
        if max(abs(row.difference("rouge-1")), abs(row.difference("rouge-2"))) > args.tolerance
    ]
    if off:
        print(f"outside ±{args.tolerance}: {', '.join(off)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
