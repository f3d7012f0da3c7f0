"""Where command output goes, and how input problems are reported on stderr."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from newsbrief.cli.app import EXIT_NOTHING_USABLE, EXIT_SOME_FAILED, ReportFormat, Verbosity
from newsbrief.ingest.failures import MORE_SOURCE, is_summary
from newsbrief.ingest.safe_text import one_line, visible_name
from newsbrief.progress import ProgressHook
from newsbrief.render.json import dumps
from newsbrief.types import Failure

# Skipped inputs named on stderr one line each; the rest are counted (-v lists every listed one).
SHOWN_FAILURES = 50
OUT_HELP = "Write here instead of stdout (atomically: a temporary file renamed into place)"


def emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_atomically(out, text)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, flushed to disk and
    renamed over ``path``: a full disk or a crash leaves the old file whole, never half a new one."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain write would have.
        os.chmod(temporary, _mode_for(path))
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_output_path(out: Path | None) -> Path | None:
    """Typer callback for ``-o``: refuse, before any work, a file that could not be written."""
    if out is None:
        return None
    parent = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise typer.BadParameter(f"{out} is a folder; give a file name")
    if not parent.is_dir():
        raise typer.BadParameter(f"folder {parent} does not exist; create it first")
    if not os.access(parent, os.W_OK):
        raise typer.BadParameter(f"cannot write into folder {parent}")
    return out


def check_output_file_or_folder(out: Path | None) -> Path | None:
    """As ``check_output_path``, but an existing folder passes (``brief --split`` writes one)."""
    return out if out is not None and out.is_dir() else check_output_path(out)


OutOption = Annotated[Path | None, typer.Option("--output", "-o", help=OUT_HELP, callback=check_output_path)]
OutOrFolderOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help=f"{OUT_HELP}; a folder with --split --format html",
        callback=check_output_file_or_folder,
    ),
]


def format_from_suffix(out: Path | None, known: dict[str, str], default: str) -> str:
    """The output format ``-o FILE`` implies by its extension (``x.html`` → html), else ``default``."""
    if out is None:
        return default
    return known.get(out.suffix.lower(), default)


def report_failures(failures: list[Failure]) -> None:
    """One line per skipped input on stderr (at most SHOWN_FAILURES unless -v; none with -q),
    each name shown with its control characters escaped so it cannot forge a line."""
    if Verbosity.level == 0:
        return
    shown = failures if Verbosity.level >= 2 else failures[:SHOWN_FAILURES]
    for failure in shown:
        if is_summary(failure) and failure.source == MORE_SOURCE:
            print(f"newsbrief: … {failure.reason}", file=sys.stderr)
        else:
            print(
                f"newsbrief: skipped {visible_name(failure.source)}: {one_line(failure.reason)}",
                file=sys.stderr,
            )
    rest = len(failures) - len(shown)
    if rest:
        print(
            f"newsbrief: … and {rest:,} more skipped (-v lists them; --format json has them)",
            file=sys.stderr,
        )


def print_summary(output_format: ReportFormat, record: dict[str, Any], text: str) -> None:
    """A command's closing summary: ``record`` for scripts, ``text`` for people."""
    emit(dumps(record) if output_format is ReportFormat.json else text, None)


def exit_for(usable: int, failed: int) -> None:
    """The exit code every batch command shares: 3 when nothing usable came out, 1 when some
    inputs were skipped, else return (0)."""
    if usable == 0:
        raise typer.Exit(EXIT_NOTHING_USABLE)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@contextmanager
def progress_counter(show: bool, labels: dict[str, str]) -> Iterator[ProgressHook | None]:
    """A hook ``(stage, done)`` drawing a spinner with a count per stage on stderr (inputs are
    streamed, so there is no total for a bar), or None when ``show`` is false."""
    if not show or Verbosity.level == 0:
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
