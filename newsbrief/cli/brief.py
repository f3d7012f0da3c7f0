"""`newsbrief brief`: read articles about one event and print a cited brief."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsbrief.cli.app import EXIT_NOTHING_USABLE, EXIT_SOME_FAILED, INPUT_HELP, BriefFormat, app
from newsbrief.cli.output import emit, progress_counter, report_failures
from newsbrief.cli.stored import DbOption, stored_event_articles
from newsbrief.examples import example_paths
from newsbrief.progress import counted


@app.command()
def brief(
    paths: Annotated[list[Path] | None, typer.Argument(help=INPUT_HELP)] = None,
    output_format: Annotated[
        BriefFormat, typer.Option("--format", "-f", help="md, json or html")
    ] = BriefFormat.md,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
    words: Annotated[int, typer.Option(min=20, max=2000, help="Summary length in words")] = 100,
    example: Annotated[bool, typer.Option("--example", help="Brief the bundled example cluster")] = False,
    event: Annotated[
        str | None, typer.Option("--event", help="Brief a stored event (ids: `newsbrief events`)")
    ] = None,
    db: DbOption = None,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress on stderr (default: on a terminal)"),
    ] = None,
) -> None:
    """Brief the given articles as one event."""
    # Imported here: the pipeline loads scikit-learn and the NLP stack, which `--help` and
    # the other commands should not wait for.
    from newsbrief.pipeline import build_brief, clean_documents, read_safely
    from newsbrief.render.html import render_html
    from newsbrief.render.json import brief_record, dumps
    from newsbrief.render.markdown import render_markdown

    inputs: list[Path] = list(paths or [])
    if example:
        inputs.extend(example_paths())
    if event is not None and inputs:
        raise typer.BadParameter("give PATHs (or --example), or --event, not both")
    if not inputs and event is None:
        raise typer.BadParameter("give at least one PATH, or --example, or --event")
    show = sys.stderr.isatty() if progress is None else progress
    labels = {"read": "inputs read and cleaned", "briefing": "articles: writing the brief"}
    with progress_counter(show, labels) as on_progress:
        if event is not None:
            articles, failures = stored_event_articles(event, db), []
        else:
            articles, failures = clean_documents(counted(read_safely(inputs), "read", on_progress))
        if on_progress is not None:
            on_progress("briefing", len(articles))
        result = build_brief(articles, words=words) if articles else None
    report_failures(failures)
    if result is None:
        print("newsbrief: no usable article in the input", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE)
    if event is not None:
        result.event.id = event
    if output_format is BriefFormat.json:
        emit(dumps(brief_record(result, failures)), out)
    elif output_format is BriefFormat.html:
        emit(render_html(result, failures), out)
    else:
        emit(render_markdown(result), out)
    if failures:
        raise typer.Exit(EXIT_SOME_FAILED)
