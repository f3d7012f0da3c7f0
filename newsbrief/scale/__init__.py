"""Running the whole pipeline over large inputs, on a process pool or on Ray Data.

``run_pipeline(inputs, out, RunOptions(engine="local" | "ray"))`` cleans, embeds, de-duplicates
and clusters every article of the inputs and briefs every event, writing results to ``out`` as
they come. Both engines give identical output; see docs/scale.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsbrief.scale.options import ENGINES, EngineName, RunOptions, RunSummary

if TYPE_CHECKING:
    from newsbrief.scale.run import read_events, run_pipeline


def __getattr__(name: str) -> Any:
    # The runner loads every stage (cleaning, embeddings, clustering); importing it on first
    # use keeps `newsbrief --help` and the options quick to load.
    if name in ("read_events", "run_pipeline"):
        from newsbrief.scale import run

        return getattr(run, name)
    raise AttributeError(f"module 'newsbrief.scale' has no attribute {name!r}")


__all__ = ["ENGINES", "EngineName", "RunOptions", "RunSummary", "read_events", "run_pipeline"]
