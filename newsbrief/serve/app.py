"""The FastAPI application: pages for people, a JSON API for programs, one worker for briefs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsbrief.render.html import asset, content_security_policy
from newsbrief.serve import api, pages
from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.config import ServeConfig
from newsbrief.serve.headers import SecurityHeaders
from newsbrief.serve.jobs import JobRunner
from newsbrief.serve.limits import BodySizeLimit
from newsbrief.serve.state import JOB_SCRIPT, AppState
from newsbrief.serve.timeouts import RequestTimeout
from newsbrief.version import __version__


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

    app.include_router(api.router)
    app.include_router(pages.router)
    policy = content_security_policy([asset("report.js"), asset(JOB_SCRIPT)], connect=True, forms=True)
    # The last added runs first: the time limit covers reading the body through the size
    # limit, and the security headers go on every response, refusals included.
    app.add_middleware(BodySizeLimit, max_bytes=limits.max_body_bytes)
    app.add_middleware(RequestTimeout, timeout_s=limits.request_timeout_s, upload_rate=limits.upload_rate)
    app.add_middleware(SecurityHeaders, policy=f"{policy}; frame-ancestors 'none'")
    return app
