"""`newsbrief serve`: the web app over the article store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsbrief.cli.app import EXIT_NOTHING_USABLE, app
from newsbrief.cli.stored import DbOption, open_store
from newsbrief.options import BriefOptions
from newsbrief.store import default_db_path

SERVE_EXTRA_HINT = 'the web app needs its extra: pip install "newsbrief[serve]"'


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free port)")] = 8000,
    words: Annotated[
        int,
        typer.Option(min=BriefOptions.MIN_WORDS, max=BriefOptions.MAX_WORDS, help="Summary length in words"),
    ] = BriefOptions.DEFAULT_WORDS,
    max_upload_mb: Annotated[
        float, typer.Option(min=0.1, max=1024, help="Largest request body, in MiB")
    ] = 10,
    request_timeout: Annotated[
        float,
        typer.Option(min=1, max=3600, help="Seconds a request may take to arrive and be answered"),
    ] = 30,
    job_timeout: Annotated[
        float, typer.Option(min=1, max=86400, help="Seconds one brief may run before it is stopped")
    ] = 300,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Another Host name the app answers (repeatable; '*.example.org' allowed); "
            "localhost, 127.0.0.1, ::1 and --host always are",
        ),
    ] = None,
) -> None:
    """Serve the web app: events from the store, uploads, briefs as pages and JSON."""
    try:
        import uvicorn

        from newsbrief.serve import Limits, ServeConfig, create_app
        from newsbrief.serve.guards import allowed_hosts
        from newsbrief.serve.server import uvicorn_settings
    except ModuleNotFoundError as exc:
        print(f"newsbrief: {SERVE_EXTRA_HINT} ({exc.name} is missing)", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE) from exc
    store = _existing_store(db)
    limits = Limits(
        max_body_bytes=int(max_upload_mb * 1024 * 1024),
        request_timeout_s=request_timeout,
        job_timeout_s=job_timeout,
    )
    hosts = allowed_hosts(host, allowed_host or [])
    config = ServeConfig(db=store, words=words, limits=limits, allowed_hosts=hosts)
    where = store or "none (uploads only; `newsbrief ingest` fills one)"
    print(f"newsbrief: serving on http://{host}:{port}/ (store: {where})", file=sys.stderr)
    print(f"newsbrief: answering requests for Host {', '.join(hosts)}", file=sys.stderr)
    uvicorn.run(create_app(config), host=host, port=port, log_level="info", **uvicorn_settings(limits))


def _existing_store(db: Path | None) -> Path | None:
    """The store to serve: a --db that does not exist is an error (no empty store is made);
    without --db, the default store if there is one. It is opened once here, so a file that
    is not a store is refused at start rather than failing every request."""
    if db is None:
        default = default_db_path()
        db = default if default.is_file() else None
    elif not db.is_file():
        print(
            f"newsbrief: no store at {db} (make one with `newsbrief ingest --db {db}`)",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_NOTHING_USABLE)
    if db is not None:
        with open_store(db, create=False):
            pass
    return db
