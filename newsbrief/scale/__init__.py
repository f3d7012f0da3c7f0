"""Running the whole pipeline over large inputs, on a process pool or on Ray Data.

``run_pipeline(inputs, out, RunOptions(engine="local" | "ray"))`` cleans, embeds, de-duplicates
and clusters every article of the inputs and briefs every event, writing results to ``out`` as
they come. Both engines give identical output; see docs/scale.md.
"""

from newsbrief.scale.options import ENGINES, EngineName, RunOptions, RunSummary
from newsbrief.scale.run import read_events, run_pipeline

__all__ = ["ENGINES", "EngineName", "RunOptions", "RunSummary", "read_events", "run_pipeline"]
