"""The HTML pages: events and upload, a brief's progress, then its report."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsbrief.options import BriefOptions
from newsbrief.render.html import asset, environment, page_context
from newsbrief.serve import catalog
from newsbrief.serve.api import read_uploads
from newsbrief.serve.jobs import Busy, Job, JobState
from newsbrief.serve.state import JOB_SCRIPT, AppState, EventNotFound, NoStore, app_state
from newsbrief.serve.uploads import PasteFormat

router = APIRouter(include_in_schema=False)
State = Annotated[AppState, Depends(app_state)]


def page(template: str, status: int = 200, scripts: list[str] | None = None, **context: Any) -> HTMLResponse:
    html = (
        environment()
        .get_template(template)
        .render(page=page_context(scripts or [], connect=bool(scripts), forms=True), **context)
    )
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def error_page(status: int, title: str, message: str) -> HTMLResponse:
    return page("error.html.j2", status, title=title, message=message)


@router.get("/", response_class=HTMLResponse)
def index(
    state: State,
    q: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str | None, Query(max_length=40)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    limits = state.config.limits
    context: dict[str, Any] = {
        "store": state.db is not None,
        "query": q,
        "since": since or None,
        "events": [],
        "total": 0,
        "previous": None,
        "next": None,
        "limits": limits,
        "words": state.config.words,
    }
    if state.db is not None:
        try:
            found = catalog.search_events(state.db, q, since or None, limits.page_size, offset)
        except ValueError as exc:  # `since` is not a date
            return error_page(422, "Not a date", str(exc))
        context["events"], context["total"] = found.events, found.total
        if offset > 0:
            context["previous"] = max(0, offset - limits.page_size)
        if offset + limits.page_size < found.total:
            context["next"] = offset + limits.page_size
    return page("index.html.j2", **context)


def _to_job_page(job: Job) -> RedirectResponse:
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/events/{event_id}")
def open_event(event_id: str, state: State) -> Response:
    """Brief the event (or reuse the brief of its current articles) and show its page."""
    try:
        return _to_job_page(state.start_event_brief(event_id))
    except (NoStore, EventNotFound):
        return error_page(404, "No such event", f"There is no event {event_id!r} in the store.")
    except Busy as exc:
        return error_page(429, "Busy", str(exc))


@router.post("/briefs")
async def submit_articles(
    state: State,
    files: Annotated[list[UploadFile | str] | None, File()] = None,
    text: Annotated[str, Form()] = "",
    pasted_as: Annotated[PasteFormat, Form(alias="format")] = "auto",
    words: Annotated[int | None, Form(ge=BriefOptions.MIN_WORDS, le=BriefOptions.MAX_WORDS)] = None,
) -> Response:
    uploads = await read_uploads(files or [], state.config.limits.max_files)
    if not uploads and not text.strip():
        return error_page(400, "Nothing to brief", "Choose files or paste some articles.")
    try:
        return _to_job_page(state.start_upload_brief(uploads, text, pasted_as, words))
    except Busy as exc:
        return error_page(429, "Busy", str(exc))


@router.get("/jobs/{job_id}")
def job_page(job_id: str, state: State) -> Response:
    job = state.runner.get(job_id)
    if job is None:
        return error_page(404, "No such brief", "It may have expired; start it again.")
    status = state.status(job)
    if status["state"] == JobState.done:
        return HTMLResponse(job.result.page, headers={"Cache-Control": "no-store"})
    code = 422 if status["state"] == JobState.failed else 200
    return page("job.html.j2", code, scripts=[asset(JOB_SCRIPT)], job=status)


@router.get("/jobs/{job_id}/report.html")
def download_report(job_id: str, state: State) -> Response:
    job = state.runner.get(job_id)
    if job is None or state.runner.snapshot(job)["state"] != JobState.done:
        return error_page(404, "No such brief", "It is not ready, or it has expired.")
    return HTMLResponse(
        job.result.standalone,
        headers={"Content-Disposition": f'attachment; filename="brief-{job.id}.html"'},
    )
