"""`newsbrief clean`: print the cleaned text and metadata of articles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsbrief.cli.app import EXIT_NOTHING_USABLE, EXIT_SOME_FAILED, INPUT_HELP, ReportFormat, app
from newsbrief.cli.output import emit, report_failures
from newsbrief.render.json import cleaned_record, dumps


@app.command()
def clean(
    paths: Annotated[list[Path], typer.Argument(help=INPUT_HELP)],
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text or json")
    ] = ReportFormat.text,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
) -> None:
    """Clean articles; JSON prints one object for one article, else a list."""
    from newsbrief.pipeline import load_articles  # heavy: see brief.py

    articles, failures = load_articles(paths)
    report_failures(failures)
    if not articles:
        print("newsbrief: no usable article in the input", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE)
    if output_format is ReportFormat.json:
        records = [cleaned_record(a) for a in articles]
        emit(
            dumps(
                records[0]
                if len(records) == 1
                and len(paths) == 1
                and paths[0].is_file()
                and paths[0].suffix != ".jsonl"
                else records
            ),
            out,
        )
    else:
        blocks = []
        for article in articles:
            head = article.headline or article.id
            meta = " | ".join(x for x in (article.outlet, article.published, article.dateline) if x)
            blocks.append(f"# {head}\n{meta}\n\n{article.text}\n")
        emit("\n".join(blocks), out)
    if failures:
        raise typer.Exit(EXIT_SOME_FAILED)
