"""The FastAPI application: pages for people, a JSON API for programs, one worker for briefs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request

from newsbrief import __version__
from newsbrief.render.html import asset, content_security_policy
from newsbrief.serve import catalog
from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.briefing import brief_event, brief_uploads, job_links
from newsbrief.serve.config import ServeConfig
from newsbrief.serve.headers import SecurityHeaders
from newsbrief.serve.jobs import Job, JobRunner
from newsbrief.serve.limits import BodySizeLimit
from newsbrief.serve.timeouts import RequestTimeout
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


def create_app(config: ServeConfig | None = None, process: BriefProcess | None = None) -> FastAPI:
    """The app; briefs run in ``process``, else in a child process of its own, stopped with it."""
    config = config or ServeConfig()
    limits = config.limits
    runner = JobRunner(limits.max_pending_jobs, limits.keep_jobs, limits.job_timeout_s)
    own_process = process is None
    process = process or BriefProcess()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        runner.shutdown()
        if own_process:
            process.close()

    # Swagger UI and ReDoc load their code from a CDN, which an offline tool cannot use;
    # the schema itself is served at /openapi.json.
    app = FastAPI(
        title="newsbrief",
        version=__version__,
        description="Neutral, cited multi-source briefs: list stored events, brief them or "
        "uploaded articles, and read every part of a brief as JSON.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.newsbrief = AppState(config=config, runner=runner, process=process)

    from newsbrief.serve import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    policy = content_security_policy([asset("report.js"), asset(JOB_SCRIPT)], connect=True, forms=True)
    # The last added runs first: the time limit covers reading the body through the size
    # limit, and the security headers go on every response, refusals included.
    app.add_middleware(BodySizeLimit, max_bytes=limits.max_body_bytes)
    app.add_middleware(RequestTimeout, timeout_s=limits.request_timeout_s, upload_rate=limits.upload_rate)
    app.add_middleware(SecurityHeaders, policy=f"{policy}; frame-ancestors 'none'")
    return app
