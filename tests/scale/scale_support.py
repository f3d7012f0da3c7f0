"""Shared by the scale tests (fixtures are in conftest.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.scale import RunOptions, RunSummary

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
# Analysis (spaCy) is the costliest stage and has nothing to do with how work is distributed;
# leaving it out keeps these tests quick.
OPTIONS = RunOptions(engine="local", workers=2, analysis=False)


@dataclass(frozen=True, slots=True)
class ScaleInput:
    paths: list[Path]
    copied: str  # id of the example article the feed carries a syndicated copy of
    repeated: str  # id of the example article the feed repeats word for word


@dataclass(frozen=True, slots=True)
class Run:
    out: Path
    summary: RunSummary
    # What run_pipeline told its progress hook: (stage, done) in order.
    progress: tuple[tuple[str, int], ...] = ()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
