"""The typer application every command module registers on."""

from __future__ import annotations

from enum import StrEnum

import typer

app = typer.Typer(
    name="newsbrief",
    help="Turn many news reports of the same event into a neutral, cited multi-source brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

INPUT_HELP = (
    "Files or folders: .txt, .html/.htm (also .gz), .json (newsbrief, trafilatura, news-please records),"
    " .jsonl(.gz), .warc(.gz); - for standard input"
)

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_NOTHING_USABLE = 2


class ReportFormat(StrEnum):
    """What commands that print data take: text for people, json for scripts."""

    text = "text"
    json = "json"


class BriefFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"
