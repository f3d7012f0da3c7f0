"""Command-line interface; each command lives in its own module and registers on ``app``."""

from newsbrief.cli import (  # noqa: F401  (registers the commands)
    brief,
    clean,
    evaluate,
    events,
    ingest,
    run,
    serve,
)
from newsbrief.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
