"""`newsbrief run`: the whole pipeline over many files, on a process pool or on Ray Data."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Annotated

import typer

from newsbrief.cli.app import (
    ARTICLE_TIMEOUT_DEFAULT,
    EXIT_NOTHING_USABLE,
    INPUT_HELP,
    ArticleTimeoutOption,
    ReportFormat,
    Verbosity,
    app,
)
from newsbrief.cli.output import exit_for, print_summary, progress_counter
from newsbrief.ingest.safe_text import one_line, visible_name
from newsbrief.options import BriefOptions
from newsbrief.scale.options import RunOptions, RunSummary, default_workers
from newsbrief.scale.outputs import FAILURES

# Failures named on stderr; the rest are in failures.jsonl (a crawl can have millions).
SHOWN_FAILURES = 20


class EngineChoice(StrEnum):
    local = "local"
    ray = "ray"


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help=f"{INPUT_HELP}, .jsonl.gz, .warc/.warc.gz")],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Output folder: new, empty, or an earlier run's (its files replaced); "
            "never one holding or inside an input",
        ),
    ],
    engine: Annotated[
        EngineChoice, typer.Option(help="local: process pool; ray: Ray Data")
    ] = EngineChoice.local,
    address: Annotated[
        str | None,
        typer.Option(help="Ray cluster to join (auto, or HEAD:6379); default: start one here"),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes, or actors per Ray stage")
    ] = default_workers(),
    words: Annotated[
        int,
        typer.Option(min=BriefOptions.MIN_WORDS, max=BriefOptions.MAX_WORDS, help="Summary length in words"),
    ] = BriefOptions.DEFAULT_WORDS,
    min_articles: Annotated[
        int, typer.Option(min=1, help="Brief only events with at least this many articles")
    ] = 2,
    analysis: Annotated[
        bool,
        typer.Option(help="Cross-source sections in each brief (claims, quotes, entities, ...)"),
    ] = True,
    keep_work: Annotated[bool, typer.Option(help="Keep the scratch folder OUT/.work")] = False,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text or json summary")
    ] = ReportFormat.text,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress on stderr (default: on a terminal)"),
    ] = None,
    article_timeout: ArticleTimeoutOption = ARTICLE_TIMEOUT_DEFAULT,
) -> None:
    """Clean, embed, de-duplicate and cluster every article, then brief every event."""
    if address is not None and engine is not EngineChoice.ray:
        raise typer.BadParameter("--address needs --engine ray")
    options = RunOptions(
        engine=engine.value,
        workers=workers,
        address=address,
        words=words,
        min_articles=min_articles,
        analysis=analysis,
        keep_work=keep_work,
        article_seconds=article_timeout or None,
    )
    from newsbrief.scale.engine import UnavailableError
    from newsbrief.scale.outputs import OutputFolderError, check_out_folder

    try:
        check_out_folder(out, paths)
    except OutputFolderError as exc:
        raise typer.BadParameter(str(exc), param_hint="--out") from None
    from newsbrief.scale.run import run_pipeline  # heavy: loads every stage

    show = sys.stderr.isatty() if progress is None else progress
    try:
        labels = {"inputs": "inputs cleaned and clustered", "briefs": "briefs written"}
        with progress_counter(show, labels) as on_progress:
            summary = run_pipeline(paths, out, options, on_progress=on_progress)
    except UnavailableError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE) from None
    _report_failures(out, summary)
    print_summary(
        output_format,
        summary.record(),
        f"{summary.articles} articles ({summary.duplicates} near-duplicates), "
        f"{summary.events} events, {summary.briefs} briefs, {summary.failures} failed, "
        f"in {summary.seconds:.1f} s ({summary.engine} engine).\nOutput: {summary.out}",
    )
    exit_for(summary.articles, summary.failures)


def _report_failures(out: Path, summary: RunSummary) -> None:
    if not summary.failures or Verbosity.level == 0:
        return
    with (out / FAILURES).open(encoding="utf-8") as lines:
        for line in islice(lines, SHOWN_FAILURES):
            failure = json.loads(line)
            source, reason = visible_name(failure["source"]), one_line(failure["reason"])
            print(f"newsbrief: skipped {source}: {reason}", file=sys.stderr)
    if summary.failures > SHOWN_FAILURES:
        print(
            f"newsbrief: … and {summary.failures - SHOWN_FAILURES:,} more in {out / FAILURES}",
            file=sys.stderr,
        )
