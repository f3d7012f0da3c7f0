"""What every route shares (``AppState``), and how a route gets it: the app holds one, the
routes (``api``, ``pages``) read it per request through ``app_state``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request

from newsbrief.serve import catalog
from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.briefing import brief_event, brief_uploads, job_links
from newsbrief.serve.config import ServeConfig
from newsbrief.serve.jobs import Job, JobRunner
from newsbrief.serve.uploads import PasteFormat, UploadedFile

JOB_SCRIPT = "job.js"


class EventNotFound(LookupError):
    pass


class NoStore(LookupError):
    pass


@dataclass
class AppState:
    """What every route shares: the settings, the job runner and the process briefs run in."""

    config: ServeConfig
    runner: JobRunner
    process: BriefProcess

    @property
    def db(self) -> Path | None:
        return self.config.db

    def store_path(self) -> Path:
        if self.config.db is None:
            raise NoStore("this server has no store; start it with --db FILE")
        return self.config.db

    def status(self, job: Job) -> dict[str, Any]:
        return {**self.runner.snapshot(job), "links": job_links(job.id)}

    def start_event_brief(self, event_id: str, words: int | None = None) -> Job:
        """Brief a stored event, or return the job already briefing its current articles."""
        db = self.store_path()
        version = catalog.event_version(db, event_id)
        if version is None:
            raise EventNotFound(event_id)
        event = catalog.load_event(db, event_id)
        words = words or self.config.words
        return self.runner.submit(
            "event",
            event.title if event else event_id,
            brief_event(self.process, db, event_id, words),
            key=f"event:{event_id}:{version}:{words}",
        )

    def start_upload_brief(
        self, files: list[UploadedFile], text: str, fmt: PasteFormat, words: int | None = None
    ) -> Job:
        names = [f.name for f in files] + (["pasted text"] if text.strip() else [])
        label = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        work = brief_uploads(
            self.process, files, text, fmt, words or self.config.words, self.config.limits.max_articles
        )
        return self.runner.submit("upload", label or "upload", work)


def app_state(request: Request) -> AppState:
    return request.app.state.newsbrief
