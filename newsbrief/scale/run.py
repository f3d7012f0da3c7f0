"""A whole run: inputs → cleaned, embedded, de-duplicated, clustered articles → briefs.

    1. parallel   read, clean, sign (MinHash), embed        engine.prepared
    2. sequential ids, near-duplicate links, event clusters  Consolidator (driver)
    3. parallel   one brief per event with enough articles   engine.briefs

Stage 2 is the only one that sees all articles, and it sees them through an on-disk spill: the
driver holds no article beyond the clusterer's current batch. The event clusterer's own state
does grow with the input (docs/scale.md, Memory).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsbrief.group import StatefulClusterer
from newsbrief.group.dedup import independent_outlet_count
from newsbrief.progress import ProgressHook, counted
from newsbrief.scale.clustering import EventAssigner
from newsbrief.scale.consolidate import Consolidator
from newsbrief.scale.engine import Engine
from newsbrief.scale.options import RunOptions, RunSummary, work_dir
from newsbrief.scale.outputs import BRIEFS, OutputFolder, brief_name, check_out_folder
from newsbrief.scale.shards import Shard, list_shards
from newsbrief.scale.spill import Spill, SpilledArticle
from newsbrief.scale.stages import BriefTask
from newsbrief.types import Failure


def make_engine(options: RunOptions, articles_path: Path, work: Path) -> Engine:
    if options.engine == "ray":
        from newsbrief.scale.ray_engine import RayEngine

        return RayEngine(options, articles_path, work)
    from newsbrief.scale.local import LocalEngine

    return LocalEngine(options, articles_path)


def run_pipeline(
    inputs: Iterable[str | Path],
    out: Path,
    options: RunOptions | None = None,
    clusterer: StatefulClusterer | None = None,
    on_progress: ProgressHook | None = None,
) -> RunSummary:
    """``clusterer``: a fresh ``newsbrief.group.cluster.EventClusterer`` unless given.
    ``on_progress`` is told ``("inputs", n)`` as documents are read, cleaned and clustered,
    then ``("briefs", n)`` as briefs are written.

    Raises ``UnavailableError`` before writing anything when Ray or the clusterer is missing,
    ``OutputFolderError`` when ``out`` overlaps an input or holds files no run made."""
    options = options or RunOptions()
    inputs = list(inputs)
    check_out_folder(out, inputs)
    started = time.perf_counter()
    assigner = EventAssigner(clusterer)
    if options.engine == "ray":
        from newsbrief.scale.ray_engine import import_ray

        import_ray()
    summary = RunSummary(out=str(out), engine=options.engine)
    folder = OutputFolder(out)
    work = work_dir(out)
    work.mkdir(parents=True, exist_ok=True)
    spill = Spill(work / "consolidate.sqlite")
    try:
        engine = make_engine(options, folder.articles_path, work)
        try:
            _run_stages(
                engine,
                list_shards(inputs),
                Consolidator(spill, folder, assigner),
                options,
                summary,
                on_progress,
            )
        finally:
            engine.close()
    finally:
        spill.close()
        folder.close()
    summary.failures = folder.failures
    summary.seconds = time.perf_counter() - started
    folder.write_summary(summary.record())
    if not options.keep_work:
        shutil.rmtree(work, ignore_errors=True)
    return summary


def _run_stages(
    engine: Engine,
    shards: list[Shard],
    consolidator: Consolidator,
    options: RunOptions,
    summary: RunSummary,
    progress: ProgressHook | None,
) -> None:
    folder = consolidator.out
    started = time.perf_counter()
    report = consolidator.consume(counted(engine.prepared(shards), "inputs", progress))
    folder.finish_articles()
    summary.prepare_seconds = time.perf_counter() - started
    summary.cluster_seconds = consolidator.assigner.seconds
    summary.articles, summary.duplicates = report.articles, report.duplicates
    started = time.perf_counter()
    for result in engine.briefs(_event_pass(consolidator.spill, folder, options, summary)):
        if result["error"]:
            folder.add_failure(Failure(f"event {result['event']}", result["error"]))
        else:
            folder.write_brief(result["event"], result["brief"])
            summary.briefs += 1
        if progress is not None:
            progress("briefs", summary.briefs)
    summary.brief_seconds = time.perf_counter() - started


def _event_pass(
    spill: Spill, folder: OutputFolder, options: RunOptions, summary: RunSummary
) -> Iterator[BriefTask]:
    """Write every event's line and yield a brief task for each event with enough articles."""
    for event_id, members in spill.events():
        summary.events += 1
        briefed = len(members) >= options.min_articles
        folder.add_event(event_record(event_id, members, briefed))
        if briefed:
            yield BriefTask(event_id, [(m.offset, m.length) for m in members])


def event_record(event_id: str, members: list[SpilledArticle], briefed: bool) -> dict[str, Any]:
    published = sorted(m.published for m in members if m.published)
    links = [(m.id, m.duplicate_of) for m in members if m.duplicate_of]
    return {
        "id": event_id,
        "title": next((m.headline for m in members if m.headline), None),
        "articles": [m.id for m in members],
        "outlets": sorted({m.outlet for m in members if m.outlet}),
        "independent": independent_outlet_count([(m.id, m.outlet) for m in members], links),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "brief": f"{BRIEFS}/{brief_name(event_id)}" if briefed else None,
    }


def read_events(out: Path) -> list[dict[str, Any]]:
    """The events a run wrote (for tests and tools; a big run's file is better streamed)."""
    with (out / "events.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]
