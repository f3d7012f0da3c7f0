"""Where command output goes, and how input problems are reported on stderr."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from newsbrief.cli.app import EXIT_NOTHING_USABLE, EXIT_SOME_FAILED, ReportFormat
from newsbrief.progress import ProgressHook
from newsbrief.render.json import dumps
from newsbrief.types import Failure


def emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        out.write_text(text, encoding="utf-8")


def report_failures(failures: list[Failure]) -> None:
    for failure in failures:
        print(f"newsbrief: skipped {failure}", file=sys.stderr)


def print_summary(output_format: ReportFormat, record: dict[str, Any], text: str) -> None:
    """A command's closing summary: ``record`` for scripts, ``text`` for people."""
    emit(dumps(record) if output_format is ReportFormat.json else text, None)


def exit_for(usable: int, failed: int) -> None:
    """The exit code every batch command shares: 2 when nothing usable came out, 1 when some
    inputs were skipped, else return (0)."""
    if usable == 0:
        raise typer.Exit(EXIT_NOTHING_USABLE)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@contextmanager
def progress_counter(show: bool, labels: dict[str, str]) -> Iterator[ProgressHook | None]:
    """A hook ``(stage, done)`` drawing a spinner with a count per stage on stderr (inputs are
    streamed, so there is no total for a bar), or None when ``show`` is false."""
    if not show:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting")

        def on_progress(stage: str, done: int) -> None:
            bar.update(task, description=f"{done:,} {labels.get(stage, stage)}")

        yield on_progress
