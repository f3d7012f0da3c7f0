"""What a scale-out run is asked to do, and what it reports back."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

EngineName = Literal["local", "ray"]
ENGINES: tuple[EngineName, ...] = ("local", "ray")

# Articles handed to the event clusterer at a time. Fixed, never derived from the engine or the
# number of workers, so every engine feeds the clusterer exactly the same batches.
CLUSTER_BATCH = 256
# Documents per worker task: big enough to amortise the hop between processes, small enough
# that a worker's share of memory stays a few MB.
TASK_DOCUMENTS = 32
# Events per brief task.
TASK_EVENTS = 4


def default_workers() -> int:
    """One worker per core this process may run on, leaving one to the sequential consumer."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, (cores or 1) - 1)


@dataclass(frozen=True, slots=True)
class RunOptions:
    """``workers``: processes (local) or actors per stage (ray). ``min_articles``: an event gets
    a brief when it has at least this many articles. ``analysis``: the cross-source sections of
    each brief (claims, quotes, entities, ...), by far the costliest stage. ``article_seconds``:
    the time budget per article while cleaning (None: no bound)."""

    engine: EngineName = "local"
    workers: int = field(default_factory=default_workers)
    address: str | None = None
    words: int = 100
    min_articles: int = 2
    analysis: bool = True
    keep_work: bool = False
    # Time budget per article while cleaning (pipeline.ARTICLE_SECONDS); None: no bound.
    article_seconds: float | None = 60.0


@dataclass(slots=True)
class RunSummary:
    """What ``newsbrief run --format json`` prints; the keys are part of the documented output."""

    articles: int = 0
    failures: int = 0
    events: int = 0
    duplicates: int = 0
    briefs: int = 0
    seconds: float = 0.0
    out: str = ""
    engine: EngineName = "local"
    # Wall seconds per phase: read + clean + embed with consolidation (which overlaps them),
    # of which the clusterer alone; then the brief phase.
    prepare_seconds: float = 0.0
    cluster_seconds: float = 0.0
    brief_seconds: float = 0.0

    def record(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "failures": self.failures,
            "events": self.events,
            "duplicates": self.duplicates,
            "briefs": self.briefs,
            "seconds": round(self.seconds, 3),
            "out": self.out,
            "engine": self.engine,
            "timings": {
                "prepare": round(self.prepare_seconds, 3),
                "cluster": round(self.cluster_seconds, 3),
                "briefs": round(self.brief_seconds, 3),
            },
        }


def work_dir(out: Path) -> Path:
    """Scratch files of a run (the consolidation database, brief task lists)."""
    return out / ".work"
