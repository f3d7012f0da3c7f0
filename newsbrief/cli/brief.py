"""`newsbrief brief`: read articles about one event and print a cited brief."""

from __future__ import annotations

import sys
from itertools import chain
from pathlib import Path
from typing import Annotated

import typer

from newsbrief.cli.app import (
    ARTICLE_TIMEOUT_DEFAULT,
    EXIT_NOTHING_USABLE,
    EXIT_SOME_FAILED,
    INPUT_HELP,
    ArticleTimeoutOption,
    BriefFormat,
    app,
)
from newsbrief.cli.output import (
    OutOrFolderOption,
    emit,
    format_from_suffix,
    progress_counter,
    report_failures,
)
from newsbrief.cli.stored import DbOption, stored_event
from newsbrief.examples import example_paths
from newsbrief.options import BriefOptions
from newsbrief.progress import counted
from newsbrief.types import Brief, Failure


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


_SUFFIX_FORMATS = {".json": "json", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


@app.command()
def brief(
    paths: Annotated[
        list[str] | None, typer.Argument(help=f"{INPUT_HELP}; http(s) URLs with --fetch")
    ] = None,
    output_format: Annotated[
        BriefFormat | None,
        typer.Option("--format", "-f", help="md, json or html (default: from -o's extension, else md)"),
    ] = None,
    out: OutOrFolderOption = None,
    words: Annotated[
        int,
        typer.Option(min=BriefOptions.MIN_WORDS, max=BriefOptions.MAX_WORDS, help="Summary length in words"),
    ] = BriefOptions.DEFAULT_WORDS,
    example: Annotated[bool, typer.Option("--example", help="Brief the bundled example cluster")] = False,
    event: Annotated[
        str | None, typer.Option("--event", help="Brief a stored event (ids: `newsbrief events`)")
    ] = None,
    db: DbOption = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Allow network access: download URLs, --feed and --sitemap pages")
    ] = False,
    feeds: Annotated[
        list[str] | None, typer.Option("--feed", help="RSS/Atom feed URL (needs --fetch)")
    ] = None,
    sitemaps: Annotated[
        list[str] | None, typer.Option("--sitemap", help="Sitemap URL (needs --fetch)")
    ] = None,
    url_list: Annotated[
        Path | None, typer.Option("--urls", help="File of page URLs, one per line (needs --fetch)")
    ] = None,
    split: Annotated[
        bool,
        typer.Option(
            "--split", help="One brief per story when the inputs hold several (html: -o names a folder)"
        ),
    ] = False,
    fetch_delay: Annotated[
        float, typer.Option("--fetch-delay", min=0, max=60, help="Seconds between requests to one host")
    ] = 1.0,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress on stderr (default: on a terminal)"),
    ] = None,
    article_timeout: ArticleTimeoutOption = ARTICLE_TIMEOUT_DEFAULT,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="Summary language (en es fr de it pt ru ar zh; default: the reports' majority language)",
        ),
    ] = None,
) -> None:
    """Brief the given articles as one event."""
    # Imported here: the pipeline loads scikit-learn and the NLP stack, which `--help` and
    # the other commands should not wait for.
    from newsbrief.ingest.fetch import FetchPolicy, fetch_documents, read_url_list
    from newsbrief.pipeline import add_note, build_brief, clean_documents, group_into_events, read_safely
    from newsbrief.render.html import render_html
    from newsbrief.render.json import brief_record, dumps
    from newsbrief.render.markdown import render_markdown

    inputs: list[str | Path] = [p for p in paths or [] if not is_url(p)]
    urls = [p for p in paths or [] if is_url(p)]
    if url_list is not None:
        urls.extend(read_url_list(url_list.read_text(encoding="utf-8", errors="replace")))
    if (urls or feeds or sitemaps) and not fetch:
        raise typer.BadParameter("URLs, --feed, --sitemap and --urls download pages: add --fetch to allow it")
    if example:
        inputs.extend(example_paths())
    remote = bool(urls or feeds or sitemaps)
    if event is not None and (inputs or remote):
        raise typer.BadParameter("give PATHs (or --example), or --event, not both")
    if not inputs and not remote and event is None:
        raise typer.BadParameter("give at least one PATH, or --example, or --event")
    if out is not None and out.is_dir() and not (split and output_format is BriefFormat.html):
        raise typer.BadParameter(f"{out} is a folder; give a file name", param_hint="-o")
    if language is not None:
        from newsbrief.text.languages import SUPPORTED

        if language not in SUPPORTED:
            raise typer.BadParameter(f"one of {', '.join(sorted(SUPPORTED))}", param_hint="--language")
    show = sys.stderr.isatty() if progress is None else progress
    labels = {"read": "inputs read and cleaned", "briefing": "articles: writing the brief"}
    with progress_counter(show, labels) as on_progress:
        if event is not None:
            stored = stored_event(event, db)
            articles, failures = stored.articles, []
        else:
            documents = chain(
                read_safely(inputs),
                fetch_documents(urls, feeds or [], sitemaps or [], FetchPolicy(delay_s=fetch_delay)),
            )
            documents = counted(documents, "read", on_progress)
            articles, failures = clean_documents(documents, article_seconds=article_timeout or None)
        groups = [stored] if event is not None else group_into_events(articles)
        if on_progress is not None:
            on_progress("briefing", len(articles))
        if split:
            results = [
                build_brief(group.articles, words=words, event=group, language=language) for group in groups
            ]
        elif len(groups) == 1:
            results = [build_brief(articles, words=words, event=groups[0], language=language)]
        else:
            results = [build_brief(articles, words=words, language=language)] if articles else []
    report_failures(failures)
    if not results:
        print("newsbrief: no usable article in the input", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE)
    if len(groups) > 1 and not split:
        sizes = ", ".join(str(len(g.articles)) for g in groups)
        warning = (
            f"the inputs look like {len(groups)} separate stories ({sizes} articles); they were "
            "briefed as one event, so claims may be compared across unrelated stories. "
            "Use --split for one brief per story."
        )
        print(f"newsbrief: warning: {warning}", file=sys.stderr)
        add_note(results[0], warning[0].upper() + warning[1:])
    if output_format is None:
        output_format = BriefFormat(format_from_suffix(out, _SUFFIX_FORMATS, BriefFormat.md.value))
    if split and len(results) > 1:
        _emit_split(results, failures, output_format, out)
    elif output_format is BriefFormat.json:
        emit(dumps(brief_record(results[0], failures)), out)
    elif output_format is BriefFormat.html:
        emit(render_html(results[0], failures), out)
    else:
        emit(render_markdown(results[0]), out)
    if failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _emit_split(
    results: list[Brief], failures: list[Failure], output_format: BriefFormat, out: Path | None
) -> None:
    """Several briefs: a JSON list, Markdown sections under a list of the stories, or (HTML) a
    folder with one page per story and an index page linking them."""
    from newsbrief.render.html import render_html, render_index
    from newsbrief.render.json import brief_record, dumps
    from newsbrief.render.markdown import render_markdown_set

    if output_format is BriefFormat.json:
        emit(dumps([brief_record(result, failures) for result in results]), out)
    elif output_format is BriefFormat.html:
        if out is None or out.suffix.lower() in (".html", ".htm"):
            raise typer.BadParameter("--split --format html writes a folder: give -o FOLDER", param_hint="-o")
        out.mkdir(parents=True, exist_ok=True)
        for result in results:
            (out / f"{result.event.id}.html").write_text(render_html(result, failures), encoding="utf-8")
        (out / "index.html").write_text(render_index(results), encoding="utf-8")
        print(f"newsbrief: wrote {len(results)} briefs and index.html to {out}", file=sys.stderr)
    else:
        emit(render_markdown_set(results), out)
