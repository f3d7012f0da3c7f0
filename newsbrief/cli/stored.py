"""What the commands that read or write the article store share: the --db option, opening."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsbrief.cli.app import EXIT_NOTHING_USABLE
from newsbrief.store import default_db_path

if TYPE_CHECKING:
    from newsbrief.store import Store
    from newsbrief.types import Event

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar="NEWSBRIEF_DB",
        help=f"SQLite store (default: {default_db_path()})",
        dir_okay=False,
    ),
]


def open_store(db: Path | None, *, create: bool = True) -> Store:
    """Open the store, turning a wrong or foreign file into a message and exit code 3; reading
    commands pass ``create=False``, so a mistyped --db is an error, never a new empty store."""
    from newsbrief.store import SchemaError, Store

    try:
        return Store(db, create=create)
    except (SchemaError, sqlite3.DatabaseError, OSError) as exc:
        print(f"newsbrief: cannot open store {db or default_db_path()}: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE) from exc


def stored_event(event_id: str, db: Path | None) -> Event:
    """A stored event (id, title, articles oldest first); exit code 3 when there is none."""
    with open_store(db, create=False) as store:
        event = store.event(event_id)
        where = store.path
    if event is None or not event.articles:
        print(f"newsbrief: no event {event_id!r} in {where} (see `newsbrief events`)", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE)
    return event
