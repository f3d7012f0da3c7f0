"""`newsbrief events`: list the events in the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsbrief.cli.app import ReportFormat, app
from newsbrief.cli.output import OutOption, emit, format_from_suffix
from newsbrief.cli.stored import DbOption, open_store
from newsbrief.ingest.safe_text import one_line
from newsbrief.render.json import SCHEMA_VERSION, dumps

if TYPE_CHECKING:
    from newsbrief.store import EventSummary


@app.command()
def events(
    db: DbOption = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only events with an article published on/after this ISO date (2026-03-01)"),
    ] = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option("--format", "-f", help="text or json (default: json when -o ends in .json)"),
    ] = None,
    out: OutOption = None,
) -> None:
    """List stored events, most recent first; brief one with `newsbrief brief --event ID`."""
    cutoff = _iso_date(since) if since else None
    if output_format is None:
        output_format = ReportFormat(format_from_suffix(out, {".json": "json"}, "text"))
    with open_store(db, create=False) as store:
        found = store.events(since=cutoff)
        where = str(store.path)
    if output_format is ReportFormat.json:
        emit(
            dumps(
                {
                    "schema_version": SCHEMA_VERSION,
                    "db": where,
                    "events": [_record(e) for e in found],
                }
            ),
            out,
        )
    else:
        emit(_table(found) if found else "No events.", out)


def _iso_date(text: str) -> str:
    from newsbrief.store.database import iso_date

    try:
        return iso_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--since") from None


def _record(event: EventSummary) -> dict[str, Any]:
    return event.to_record()


def _table(found: list[EventSummary]) -> str:
    header = ("id", "first", "last", "articles", "outlets", "title")
    rows = [
        (
            e.id,
            (e.first_published or "-")[:10],
            (e.last_published or "-")[:10],
            str(e.article_count),
            str(e.independent_outlets),
            # Stored before titles were scrubbed on input, a title may still carry escapes.
            one_line(e.title or ""),
        )
        for e in found
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(row[:-1], widths, strict=True)), row[-1]])
        for row in [header, *rows]
    )
