"""The HTML pages: events and upload, a brief's progress, then its report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsbrief.options import BriefOptions
from newsbrief.render.html import asset, environment, page_context
from newsbrief.serve import catalog
from newsbrief.serve.api import read_uploads
from newsbrief.serve.exports import api_operations, claims_csv
from newsbrief.serve.jobs import Busy, Job, JobState
from newsbrief.serve.state import JOB_SCRIPT, AppState, EventNotFound, NoStore, app_state
from newsbrief.serve.uploads import PasteFormat

router = APIRouter(include_in_schema=False)
SAME_ORIGIN = "same-origin"
State = Annotated[AppState, Depends(app_state)]


def page(template: str, status: int = 200, scripts: list[str] | None = None, **context: Any) -> HTMLResponse:
    # The app's own pages send their origin to the app (and nothing to other sites): with
    # no-referrer, Chromium sends `Origin: null` on the upload form's POST, which the
    # cross-origin check cannot tell from a sandboxed attacker frame.
    settings = {**page_context(scripts or [], connect=bool(scripts), forms=True), "referrer": SAME_ORIGIN}
    html = environment().get_template(template).render(page=settings, **context)
    headers = {"Cache-Control": "no-store", "Referrer-Policy": SAME_ORIGIN}
    return HTMLResponse(html, status_code=status, headers=headers)


def error_page(status: int, title: str, message: str) -> HTMLResponse:
    return page("error.html.j2", status, title=title, message=message)


@router.get("/", response_class=HTMLResponse)
def index(
    state: State,
    q: Annotated[str, Query(max_length=200)] = "",
    since: Annotated[str | None, Query(max_length=40)] = None,
    until: Annotated[str | None, Query(max_length=40)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    person: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    limits = state.config.limits
    filters = catalog.EventFilters(q, outlet or None, person or None, since or None, until or None)
    context: dict[str, Any] = {
        "store": state.db is not None,
        "filters": filters,
        "query": q,
        "since": since or None,
        "events": [],
        "hits": {},
        "total": 0,
        "previous": None,
        "next": None,
        "limits": limits,
        "words": state.config.words,
        "outlets": [],
        "people": [],
    }
    if state.db is not None:
        try:
            found = catalog.search_events(state.db, filters, limits.page_size, offset)
        except ValueError as exc:  # `since` or `until` is not a date
            return error_page(422, "Not a date", str(exc))
        context["events"], context["total"], context["hits"] = found.events, found.total, found.hits
        context["outlets"] = [o for o, _, _ in catalog.outlets(state.db)]
        context["people"] = [n for n, _, _ in catalog.people(state.db)]
        if offset > 0:
            context["previous"] = max(0, offset - limits.page_size)
        if offset + limits.page_size < found.total:
            context["next"] = offset + limits.page_size
    return page("index.html.j2", **context)


def _store(state: AppState) -> Path | None:
    return state.db


@router.get("/outlets/{outlet}", response_class=HTMLResponse)
def outlet_page(outlet: str, state: State) -> HTMLResponse:
    """What one outlet reported, event by event."""
    db = _store(state)
    found = catalog.outlet_articles(db, outlet) if db is not None else []
    if not found:
        return error_page(404, "No such outlet", f"No stored article is from {outlet[:200]!r}.")
    events: dict[str, list[Any]] = {}
    for article in found:
        events.setdefault(article.event, []).append(article)
    return page("outlet.html.j2", outlet=outlet, events=events, count=len(found))


@router.get("/people/{name}", response_class=HTMLResponse)
def person_page(name: str, state: State) -> HTMLResponse:
    """What one person said across the briefed events."""
    db = _store(state)
    found = catalog.statements_by(db, name) if db is not None else []
    if not found:
        return error_page(
            404, "No statements", f"No stored brief has statements by {name[:200]!r} (brief an event first)."
        )
    events: dict[str, list[Any]] = {}
    for statement in found:
        events.setdefault(statement.event, []).append(statement)
    return page("person.html.j2", name=found[0].speaker, events=events, count=len(found))


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
    job = state.find_job(job_id)
    if job is None:
        return error_page(404, "No such brief", "It may have expired; start it again.")
    status = state.status(job)
    if status["state"] == JobState.done:
        return HTMLResponse(job.result.page, headers={"Cache-Control": "no-store"})
    code = 422 if status["state"] == JobState.failed else 200
    return page("job.html.j2", code, scripts=[asset(JOB_SCRIPT)], job=status)


def _finished(state: AppState, job_id: str) -> Job | None:
    job = state.find_job(job_id)
    if job is None or state.runner.snapshot(job)["state"] != JobState.done:
        return None
    return job


@router.get("/jobs/{job_id}/report.html")
def download_report(job_id: str, state: State) -> Response:
    job = _finished(state, job_id)
    if job is None:
        return error_page(404, "No such brief", "It is not ready, or it has expired.")
    return HTMLResponse(
        job.result.standalone,
        headers={"Content-Disposition": f'attachment; filename="brief-{job.id}.html"'},
    )


@router.get("/jobs/{job_id}/brief.md")
def download_markdown(job_id: str, state: State) -> Response:
    """The brief as Markdown, as `newsbrief brief --format md` writes it."""
    job = _finished(state, job_id)
    if job is None:
        return error_page(404, "No such brief", "It is not ready, or it has expired.")
    return Response(
        job.result.markdown,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="brief-{job.id}.md"'},
    )


@router.get("/jobs/{job_id}/claims.csv")
def download_claims(job_id: str, state: State) -> Response:
    """The claim × outlet matrix: a row per claim, a column per source."""
    job = _finished(state, job_id)
    if job is None:
        return error_page(404, "No such brief", "It is not ready, or it has expired.")
    return Response(
        claims_csv(job.result.record, job.result.articles),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="claims-{job.id}.csv"'},
    )


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The JSON API's reference, made here from the OpenAPI schema: Swagger UI would load its
    code from a CDN, which neither an offline tool nor the pages' script policy allows."""
    return page("docs.html.j2", operations=api_operations(request.app.openapi()))
