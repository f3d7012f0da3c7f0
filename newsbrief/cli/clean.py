"""`newsbrief clean`: print the cleaned text and metadata of articles."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsbrief.cli.app import (
    ARTICLE_TIMEOUT_DEFAULT,
    EXIT_NOTHING_USABLE,
    EXIT_SOME_FAILED,
    INPUT_HELP,
    ArticleTimeoutOption,
    ReportFormat,
    app,
)
from newsbrief.cli.output import OutOption, emit, format_from_suffix, report_failures
from newsbrief.render.json import cleaned_record, dumps


@app.command()
def clean(
    paths: Annotated[list[Path], typer.Argument(help=INPUT_HELP)],
    output_format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="text or json (default: json when -o ends in .json)"),
    ] = None,
    out: OutOption = None,
    article_timeout: ArticleTimeoutOption = ARTICLE_TIMEOUT_DEFAULT,
) -> None:
    """Clean articles; JSON prints one object for one article, else a list."""
    from newsbrief.pipeline import clean_documents, read_safely  # heavy: see brief.py

    if output_format is None:
        output_format = ReportFormat(format_from_suffix(out, {".json": "json"}, "text"))
    articles, failures = clean_documents(read_safely(paths), article_seconds=article_timeout or None)
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
