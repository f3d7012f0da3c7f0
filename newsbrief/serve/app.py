"""The FastAPI application: pages for people, a JSON API for programs, one worker for briefs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from newsbrief.render.html import asset, content_security_policy
from newsbrief.serve import api, catalog, pages
from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.config import ServeConfig
from newsbrief.serve.guards import HeadAsGet, RelativeRedirects, SameOrigin
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
    runner = JobRunner(limits.max_pending_jobs, limits.keep_jobs, limits.job_timeout_s, limits.keep_bytes)
    own_process = process is None
    process = process or BriefProcess(recycle_rss_bytes=limits.recycle_rss_bytes)

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
    add_error_handlers(app)
    policy = content_security_policy([asset("report.js"), asset(JOB_SCRIPT)], connect=True, forms=True)
    # The last added runs first: the time limit covers reading the body through the size
    # limit; a foreign Host or Origin is refused before anything else is done; the security
    # headers go on every response, refusals included.
    app.add_middleware(BodySizeLimit, max_bytes=limits.max_body_bytes)
    app.add_middleware(RequestTimeout, timeout_s=limits.request_timeout_s, upload_rate=limits.upload_rate)
    app.add_middleware(RelativeRedirects)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SameOrigin)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts), www_redirect=False)
    app.add_middleware(SecurityHeaders, policy=f"{policy}; frame-ancestors 'none'")
    return app


def wants_html(request: Request) -> bool:
    """Pages (everything outside /api) answer errors as pages, the API as JSON."""
    return not request.url.path.startswith("/api/") and request.url.path != "/openapi.json"


def add_error_handlers(app: FastAPI) -> None:
    """Errors in the style of the route: an HTML page for the pages (a form sent with a bad
    field, a missing page), FastAPI's JSON ``detail`` for the API; a store that cannot be read
    is a 503 saying so, never a plain-text 500."""

    @app.exception_handler(catalog.StoreUnavailable)
    async def store_unavailable(request: Request, exc: catalog.StoreUnavailable) -> Response:
        if wants_html(request):
            return pages.error_page(503, "The store cannot be read", str(exc))
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):
            problems = "; ".join(
                f"{'.'.join(str(p) for p in error.get('loc', [])[1:]) or 'request'}: {error.get('msg', '')}"
                for error in exc.errors()[:5]
            )
            return pages.error_page(422, "Check the form", problems)
        return await request_validation_exception_handler(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request):
            titles = {404: "Not found", 405: "Method not allowed", 413: "Too large"}
            page = pages.error_page(exc.status_code, titles.get(exc.status_code, "Refused"), str(exc.detail))
            page.headers.update(exc.headers or {})
            return page
        return await http_exception_handler(request, exc)
