"""Where command output goes, and how input problems are reported on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from newsbrief.types import Failure


def emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")


def report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        print(f"newsbrief: skipped {failure}", file=sys.stderr)
