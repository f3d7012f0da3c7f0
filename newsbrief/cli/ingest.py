"""`newsbrief ingest`: read articles into the store, link near-duplicates, assign events."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from filelock import Timeout
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsbrief.cli.app import (
    ARTICLE_TIMEOUT_DEFAULT,
    EXIT_NOTHING_USABLE,
    INPUT_HELP,
    ArticleTimeoutOption,
    ReportFormat,
    app,
)
from newsbrief.cli.output import exit_for, print_summary, report_failures
from newsbrief.cli.stored import DbOption, open_store
from newsbrief.ingest import expand_paths
from newsbrief.store.defaults import DEFAULT_BATCH_SIZE

if TYPE_CHECKING:
    from newsbrief.group import StatefulClusterer
    from newsbrief.store import Store
    from newsbrief.store.ingest import IngestReport
    from newsbrief.types import Failure

EXIT_INTERRUPTED = 130


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help=f"{INPUT_HELP}, .jsonl.gz, .warc/.warc.gz")],
    db: DbOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text or json summary")
    ] = ReportFormat.text,
    batch_size: Annotated[
        int, typer.Option(min=1, max=10_000, help="Articles per transaction")
    ] = DEFAULT_BATCH_SIZE,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)"),
    ] = None,
    article_timeout: ArticleTimeoutOption = ARTICLE_TIMEOUT_DEFAULT,
) -> None:
    """Add articles to the store; re-running skips what is stored, so it also resumes."""
    from newsbrief import pipeline

    # The store's ingest cleans through pipeline.clean_documents with the module's budget.
    pipeline.ARTICLE_SECONDS = article_timeout or None
    started = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    with open_store(db) as store:
        try:
            report = _run(store, paths, batch_size, show)
        except Timeout:
            print(
                f"newsbrief: another ingest is writing to {store.path}; run again when it is done",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_NOTHING_USABLE) from None
        except KeyboardInterrupt:
            print(
                "newsbrief: interrupted; finished batches are stored, run the same command to resume",
                file=sys.stderr,
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None
        summary = _summary(report, store, time.perf_counter() - started)
    if not report.clustered:
        print("newsbrief: event clustering is not installed; no events assigned", file=sys.stderr)
    report_failures(listed_failures(report.failures))
    print_summary(
        output_format,
        summary,
        f"{report.read} read: {report.added} added ({report.near_duplicates} near-duplicate), "
        f"{report.already_stored} already stored, {report.same_content} same content as a "
        f"stored article, {len(report.failures)} failed; {len(report.events_changed)} events "
        f"changed.\nStore {summary['db']}: {summary['store']['articles']} articles, "
        f"{summary['store']['events']} events.",
    )
    exit_for(report.usable, len(report.failures))


def listed_failures(failures: list[Failure]) -> list[Failure]:
    """At most ``MAX_LISTED`` failures and one entry counting the rest (a crawl can have millions)."""
    from newsbrief.ingest.failures import FailureLog

    log = FailureLog()
    for failure in failures:
        log.add(failure)
    return log.listed()


def open_clusterer(store: Store) -> StatefulClusterer | None:
    # Imported on use: the ingest code loads the whole cleaning pipeline.
    from newsbrief.store.ingest import open_clusterer as load

    return load(store)


def _clusterer(store: Store) -> StatefulClusterer | None:
    # Looked up at call time, so tests can substitute the clusterer.
    return open_clusterer(store)


def _run(store: Store, paths: list[Path], batch_size: int, show: bool) -> IngestReport:
    from newsbrief.store.ingest import ingest_paths

    options: dict[str, Any] = {
        "clusterer_factory": _clusterer,
        "batch_size": batch_size,
        "lock_timeout": 0,
    }
    if not show:
        return ingest_paths(store, paths, **options)
    total = sum(1 for _ in expand_paths(paths))
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingesting", total=total)

        def on_batch(report: IngestReport) -> None:
            bar.update(
                task,
                description=f"{report.added} added, {report.near_duplicates} near-dup, "
                f"{report.already_stored + report.same_content} known, "
                f"{len(report.failures)} failed",
            )

        def on_file(_: Path | Failure) -> None:
            bar.advance(task)

        return ingest_paths(store, paths, on_batch=on_batch, on_file=on_file, **options)


def _summary(report: IngestReport, store: Store, seconds: float) -> dict[str, Any]:
    counts = store.counts()
    return {
        "db": str(store.path),
        "read": report.read,
        "added": report.added,
        "already_stored": report.already_stored,
        "same_content": report.same_content,
        "near_duplicates": report.near_duplicates,
        "events_changed": len(report.events_changed),
        "clustered": report.clustered,
        "failed": len(report.failures),
        "failures": [{"source": f.source, "reason": f.reason} for f in listed_failures(report.failures)],
        "store": {
            "articles": counts.articles,
            "near_duplicates": counts.near_duplicates,
            "events": counts.events,
        },
        "seconds": round(seconds, 3),
    }
