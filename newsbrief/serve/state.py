"""What every route shares (``AppState``), and how a route gets it: the app holds one, the
routes (``api``, ``pages``) read it per request through ``app_state``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request

from newsbrief.serve import catalog
from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.briefing import BriefResult, brief_event, brief_uploads, job_links
from newsbrief.serve.config import ServeConfig
from newsbrief.serve.jobs import Job, JobRunner, JobState
from newsbrief.serve.uploads import PasteFormat, UploadedFile
from newsbrief.store import StoredBrief

JOB_SCRIPT = "job.js"


class EventNotFound(LookupError):
    pass


class NoStore(LookupError):
    pass


# /api/health opens the store at most this often (a load balancer may poll it many times a
# second); a store that breaks is reported within this.
HEALTH_CHECK_S = 1.0


@dataclass
class AppState:
    """What every route shares: the settings, the job runner and the process briefs run in."""

    config: ServeConfig
    runner: JobRunner
    process: BriefProcess
    _store_checked: tuple[float, str | None] = (float("-inf"), None)

    def store_error(self) -> str | None:
        """Why the store cannot be read now (checked at most once per ``HEALTH_CHECK_S``)."""
        if self.config.db is None:
            return None
        at, error = self._store_checked
        if time.monotonic() - at >= HEALTH_CHECK_S:
            error = catalog.check_store(self.config.db)
            self._store_checked = (time.monotonic(), error)
        return error

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
        """Brief a stored event, or return the job already briefing its current articles, or
        the brief the store keeps of them (an unchanged event is never briefed again)."""
        db = self.store_path()
        version = catalog.event_version(db, event_id)
        if version is None:
            raise EventNotFound(event_id)
        words = words or self.config.words
        key = f"event:{event_id}:{version}:{words}"
        known = self.runner.find(key)
        if known is not None:
            return known
        stored = catalog.current_brief(db, event_id, words, version)
        if stored is not None:
            return self.runner.adopt(stored_job(stored, catalog.event_title(db, event_id)), key)
        return self.runner.submit(
            "event",
            catalog.event_title(db, event_id) or event_id,
            brief_event(self.process, db, event_id, words),
            key=key,
        )

    def find_job(self, job_id: str) -> Job | None:
        """A job of this server, or a brief the store keeps under that id (briefs of stored
        events outlive the server that made them)."""
        job = self.runner.get(job_id)
        if job is not None or self.config.db is None:
            return job
        stored = catalog.stored_brief(self.config.db, job_id)
        if stored is None:
            return None
        key = f"event:{stored.event}:{stored.version}:{stored.words}"
        return self.runner.adopt(stored_job(stored, catalog.event_title(self.config.db, stored.event)), key)

    def start_upload_brief(
        self, files: list[UploadedFile], text: str, fmt: PasteFormat, words: int | None = None
    ) -> Job:
        names = [f.name for f in files] + (["pasted text"] if text.strip() else [])
        label = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        limits = self.config.limits
        work = brief_uploads(
            self.process,
            files,
            text,
            fmt,
            words or self.config.words,
            limits.max_articles,
            limits.max_failures,
        )
        return self.runner.submit("upload", label or "upload", work)


def stored_job(stored: StoredBrief, title: str | None) -> Job:
    """A finished job for a brief read back from the store."""
    made = datetime.fromisoformat(stored.created_at).timestamp()
    return Job(
        id=stored.id,
        kind="event",
        label=title or stored.event,
        state=JobState.done,
        stage="done",
        created=made,
        finished=made,
        result=BriefResult.from_stored(stored),
    )


def app_state(request: Request) -> AppState:
    return request.app.state.newsbrief
