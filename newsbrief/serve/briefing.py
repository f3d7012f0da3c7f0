"""The work a brief job does: read, clean, brief, render, in the child process briefs run in.

Everything a page or API call later needs is computed here (the JSON record, both HTML forms,
the source texts), so serving a finished brief is a lookup. The tasks are module-level
functions, given to the child as ``functools.partial``s, since they travel pickled.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from newsbrief.pipeline import build_brief, clean_documents
from newsbrief.render.html import NavLink, render_html
from newsbrief.render.json import brief_record
from newsbrief.render.labels import citation_labels
from newsbrief.serve.brief_process import BriefProcess, Task
from newsbrief.serve.jobs import Job, JobError, Progress, Work
from newsbrief.serve.uploads import PasteFormat, UploadedFile, collect_documents
from newsbrief.store import Store
from newsbrief.types import Article, Brief, Failure, RawDocument


@dataclass(frozen=True, slots=True)
class BriefResult:
    record: dict[str, Any]
    articles: list[dict[str, Any]]
    # The page the app serves (with its navigation) and the standalone file to download.
    page: str
    standalone: str


def job_links(job_id: str) -> dict[str, str]:
    return {
        "status": f"/api/jobs/{job_id}",
        "page": f"/jobs/{job_id}",
        "brief": f"/api/jobs/{job_id}/brief",
        "articles": f"/api/jobs/{job_id}/articles",
        "download": f"/jobs/{job_id}/report.html",
    }


def source_texts(articles: list[Article]) -> list[dict[str, Any]]:
    """The cleaned texts the report shows, which the brief's offsets index."""
    labels = citation_labels(articles)
    return [
        {
            "id": a.id,
            "label": labels[a.id],
            "outlet": a.outlet,
            "headline": a.headline,
            "published": a.published,
            "url": a.url,
            "source": a.source,
            "text": a.text,
        }
        for a in articles
    ]


def finish(job_id: str, brief: Brief, failures: list[Failure], progress: Progress) -> BriefResult:
    progress("rendering")
    links = job_links(job_id)
    nav = [
        NavLink("← Events and upload", "/"),
        NavLink("JSON", links["brief"]),
        NavLink("Download this report", links["download"], download=True),
    ]
    return BriefResult(
        record=brief_record(brief, failures),
        articles=source_texts(brief.event.articles),
        page=render_html(brief, failures, nav=nav),
        standalone=render_html(brief, failures),
    )


def _counted(documents: list[RawDocument], progress: Progress) -> Iterator[RawDocument]:
    for number, document in enumerate(documents):
        progress("cleaning", number, len(documents))
        yield document


def upload_task(
    job_id: str,
    files: list[UploadedFile],
    text: str,
    fmt: PasteFormat,
    words: int,
    max_articles: int,
    progress: Progress,
) -> BriefResult:
    progress("reading")
    documents, failures = collect_documents(files, text, fmt, max_articles)
    articles, cleaning_failures = clean_documents(_counted(documents, progress))
    failures += cleaning_failures
    if not articles:
        reasons = "; ".join(str(f) for f in failures[:5]) or "nothing was given"
        raise JobError(f"no usable article ({reasons})")
    progress("analysing", 0, len(articles))
    return finish(job_id, build_brief(articles, words=words), failures, progress)


def event_task(job_id: str, db: Path, event_id: str, words: int, progress: Progress) -> BriefResult:
    progress("loading")
    with Store(db, create=False) as store:
        event = store.event(event_id)
    if event is None or not event.articles:
        raise JobError(f"no event {event_id!r} in the store")
    progress("analysing", 0, len(event.articles))
    brief = build_brief(event.articles, words=words, event=event)
    return finish(job_id, brief, [], progress)


def brief_uploads(
    process: BriefProcess,
    files: list[UploadedFile],
    text: str,
    fmt: PasteFormat,
    words: int,
    max_articles: int,
) -> Work:
    """The job work for uploaded or pasted articles: ``upload_task`` in the brief process."""

    def work(job: Job, progress: Progress) -> BriefResult:
        task: Task = partial(upload_task, job.id, files, text, fmt, words, max_articles)
        return process.run(task, progress, job.deadline)

    return work


def brief_event(process: BriefProcess, db: Path, event_id: str, words: int) -> Work:
    """The job work for a stored event: ``event_task`` in the brief process."""

    def work(job: Job, progress: Progress) -> BriefResult:
        task: Task = partial(event_task, job.id, db, event_id, words)
        return process.run(task, progress, job.deadline)

    return work
