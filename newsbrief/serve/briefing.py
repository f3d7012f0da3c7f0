"""The work a brief job does: read, clean, brief, render, in the child process briefs run in.

Everything a page or API call later needs is computed here (the JSON record, both HTML forms,
the source texts), so serving a finished brief is a lookup. The tasks are module-level
functions, given to the child as ``functools.partial``s, since they travel pickled.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from newsbrief.pipeline import build_brief, clean_documents
from newsbrief.render.html import NavLink, render_html
from newsbrief.render.json import brief_record, dumps
from newsbrief.render.labels import citation_labels
from newsbrief.render.markdown import render_markdown
from newsbrief.serve.brief_process import BriefProcess, Task
from newsbrief.serve.catalog import display_source, now_iso, version_of
from newsbrief.serve.jobs import Job, JobError, Progress, Work
from newsbrief.serve.uploads import FailureList, PasteFormat, UploadedFile, collect_documents
from newsbrief.store import Store, StoredBrief
from newsbrief.types import Article, Brief, Failure, RawDocument


@dataclass(frozen=True, slots=True)
class BriefResult:
    """A finished brief as the app serves it: serialised once, in the brief process."""

    record: str  # JSON, exactly as `newsbrief brief --format json` prints it
    articles: str  # JSON list of the sources' cleaned texts
    # The page the app serves (with its navigation) and the standalone file to download.
    page: str
    standalone: str
    markdown: str

    @property
    def nbytes(self) -> int:
        """About what it holds in memory (characters, most of them ASCII)."""
        parts = (self.record, self.articles, self.page, self.standalone, self.markdown)
        return sum(len(part) for part in parts)

    @classmethod
    def from_stored(cls, stored: StoredBrief) -> BriefResult:
        return cls(stored.record, stored.articles, stored.page, stored.standalone, stored.markdown)


def job_links(job_id: str) -> dict[str, str]:
    return {
        "status": f"/api/jobs/{job_id}",
        "page": f"/jobs/{job_id}",
        "brief": f"/api/jobs/{job_id}/brief",
        "articles": f"/api/jobs/{job_id}/articles",
        "download": f"/jobs/{job_id}/report.html",
        "markdown": f"/jobs/{job_id}/brief.md",
        "claims_csv": f"/jobs/{job_id}/claims.csv",
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
            "source": display_source(a.source),
            "text": a.text,
        }
        for a in articles
    ]


def with_display_sources(articles: list[Article]) -> list[Article]:
    """The articles with each source cut to its display name (no server path in any page)."""
    return [dataclasses.replace(a, source=display_source(a.source)) for a in articles]


def finish(job_id: str, brief: Brief, failures: list[Failure], progress: Progress) -> BriefResult:
    progress("rendering")
    links = job_links(job_id)
    nav = [
        NavLink("← Events and upload", "/"),
        NavLink("JSON", links["brief"]),
        NavLink("Download this report", links["download"], download=True),
        NavLink("Markdown", links["markdown"], download=True),
        NavLink("Claims by outlet (CSV)", links["claims_csv"], download=True),
    ]
    return BriefResult(
        record=dumps(brief_record(brief, failures)),
        articles=json.dumps(source_texts(brief.event.articles), ensure_ascii=False),
        page=render_html(brief, failures, nav=nav),
        standalone=render_html(brief, failures),
        markdown=render_markdown(brief),
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
    max_failures: int,
    progress: Progress,
) -> BriefResult:
    progress("reading")
    failures = FailureList(max_failures)
    documents = collect_documents(files, text, fmt, max_articles, failures)
    articles, cleaning_failures = clean_documents(_counted(documents, progress))
    failures.extend(cleaning_failures)
    if not articles:
        reasons = "; ".join(str(f) for f in failures.listed()[:5]) or "nothing was given"
        raise JobError(f"no usable article ({reasons})")
    progress("analysing", 0, len(articles))
    return finish(job_id, build_brief(articles, words=words), failures.listed(), progress)


def event_task(job_id: str, db: Path, event_id: str, words: int, progress: Progress) -> BriefResult:
    """Brief a stored event and keep the brief in the store (under the job's id, so its links
    outlive the server), with the people and statements it found."""
    progress("loading")
    with Store(db, create=False) as store:
        event = store.event(event_id)
    if event is None or not event.articles:
        raise JobError(f"no event {event_id!r} in the store")
    progress("analysing", 0, len(event.articles))
    version = version_of([a.id for a in event.articles])
    brief = build_brief(with_display_sources(event.articles), words=words, event=event)
    result = finish(job_id, brief, [], progress)
    stored = StoredBrief(
        id=job_id,
        event=event_id,
        version=version,
        words=words,
        created_at=now_iso(),
        record=result.record,
        articles=result.articles,
        page=result.page,
        standalone=result.standalone,
        markdown=result.markdown,
    )
    try:
        with Store(db, create=False) as store:
            store.save_brief(stored)
    except (sqlite3.Error, OSError):
        # A store that cannot be written (read-only file, full disk) costs only the brief's
        # life after a restart: it is served from memory all the same.
        pass
    return result


def brief_uploads(
    process: BriefProcess,
    files: list[UploadedFile],
    text: str,
    fmt: PasteFormat,
    words: int,
    max_articles: int,
    max_failures: int,
) -> Work:
    """The job work for uploaded or pasted articles: ``upload_task`` in the brief process."""

    def work(job: Job, progress: Progress) -> BriefResult:
        task: Task = partial(upload_task, job.id, files, text, fmt, words, max_articles, max_failures)
        return process.run(task, progress, job.deadline)

    return work


def brief_event(process: BriefProcess, db: Path, event_id: str, words: int) -> Work:
    """The job work for a stored event: ``event_task`` in the brief process."""

    def work(job: Job, progress: Progress) -> BriefResult:
        task: Task = partial(event_task, job.id, db, event_id, words)
        return process.run(task, progress, job.deadline)

    return work
