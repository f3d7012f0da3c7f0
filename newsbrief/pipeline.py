"""The stages wired together: inputs → cleaned articles → brief. Pure functions except at the edges."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from newsbrief.analyze.event import analyze_event
from newsbrief.analyze.sentences import annotate_sentences
from newsbrief.clean.article import clean_document
from newsbrief.ingest import read_documents
from newsbrief.summarize import summarize
from newsbrief.types import Article, Brief, Event, Failure, RawDocument

MIN_BODY_CHARS = 80


def clean_documents(documents: Iterable[RawDocument | Failure]) -> tuple[list[Article], list[Failure]]:
    """Clean every document; a document that fails or has no body is reported, not fatal."""
    articles: list[Article] = []
    failures: list[Failure] = []
    seen: dict[str, int] = {}
    for document in documents:
        if isinstance(document, Failure):
            failures.append(document)
            continue
        try:
            article = annotate_sentences(clean_document(document))
        except Exception as exc:  # one bad article must never kill the batch
            failures.append(Failure(document.source, f"cleaning failed: {type(exc).__name__}: {exc}"))
            continue
        if len(article.text) < MIN_BODY_CHARS:
            failures.append(Failure(document.source, "no article body found"))
            continue
        count = seen.get(article.id, 0)
        seen[article.id] = count + 1
        if count:
            article.id = f"{article.id}-{count + 1}"
        articles.append(article)
    return articles, failures


def load_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[Failure]]:
    return clean_documents(read_documents(paths))


def event_id(articles: list[Article]) -> str:
    digest = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return f"ev-{digest[:12]}"


def build_brief(articles: list[Article], words: int = 100, analysis: bool = True) -> Brief:
    """The brief of one event; ``analysis=False`` skips the cross-source sections (faster)."""
    summary = summarize(articles, words=words)
    lead = summary[0].article if summary else (articles[0].id if articles else None)
    by_id = {a.id: a for a in articles}
    title = next(
        (a.headline for a in [by_id.get(lead), *articles] if a is not None and a.headline),
        "Untitled event",
    )
    event = Event(id=event_id(articles), title=title, articles=articles)
    sections = analyze_event(articles, summary) if analysis else {}
    return Brief(event=event, summary=summary, sections=sections)
