"""The JSON API: everything the pages show, with an OpenAPI schema at /openapi.json."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Response, UploadFile

from newsbrief.options import BriefOptions
from newsbrief.serve import catalog
from newsbrief.serve.briefing import BriefResult
from newsbrief.serve.jobs import Busy, Job, JobState
from newsbrief.serve.schema import (
    BriefModel,
    EventDetail,
    EventList,
    Health,
    JobStatus,
    OutletItem,
    OutletReport,
    PersonItem,
    SourceText,
    StatementItem,
)
from newsbrief.serve.state import AppState, EventNotFound, NoStore, app_state
from newsbrief.serve.uploads import PasteFormat, UploadedFile

router = APIRouter(prefix="/api", tags=["api"])
State = Annotated[AppState, Depends(app_state)]
Words = Annotated[
    int | None,
    Query(ge=BriefOptions.MIN_WORDS, le=BriefOptions.MAX_WORDS, description="summary length in words"),
]


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(state: State, response: Response) -> dict[str, Any]:
    """``ok``, or ``degraded`` (503) with ``store_error`` when the store cannot be read."""
    error = state.store_error()
    if error is not None:
        response.status_code = 503
    return {
        "status": "ok" if error is None else "degraded",
        "store": state.db is not None,
        "store_error": error,
        "jobs": state.runner.counts(),
    }


Since = Annotated[str | None, Query(max_length=40, description="ISO date: events active since")]
Until = Annotated[str | None, Query(max_length=40, description="ISO date: events started by")]
Name = Annotated[str | None, Query(max_length=200)]


@router.get("/events", response_model=EventList, responses={422: {}, 503: {}})
def list_events(
    state: State,
    q: Annotated[str, Query(max_length=200, description="words to search for (full text)")] = "",
    since: Since = None,
    until: Until = None,
    outlet: Annotated[str | None, Query(max_length=200, description="only events it reported")] = None,
    person: Annotated[str | None, Query(max_length=200, description="only events a brief names")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    """Stored events: with ``q``, ranked by full-text search over headlines, text, outlets and
    people (each with its best snippet, matched words marked); else most recent first."""
    if state.db is None:
        return {"store": False, "query": q, "total": 0, "offset": offset, "events": []}
    filters = catalog.EventFilters(q, outlet or None, person or None, since or None, until or None)
    try:
        page = catalog.search_events(state.db, filters, limit, offset)
    except ValueError as exc:  # `since` or `until` is not a date
        raise HTTPException(422, str(exc)) from exc
    events = [catalog.event_record(e, page.hits.get(e.id)) for e in page.events]
    return {"store": True, "query": q, "total": page.total, "offset": offset, "events": events}


@router.get("/events/{event_id}", response_model=EventDetail, responses={404: {}})
def get_event(event_id: str, state: State) -> dict[str, Any]:
    try:
        event = catalog.load_event(state.store_path(), event_id)
    except NoStore as exc:
        raise HTTPException(404, str(exc)) from exc
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    articles = [
        {
            "id": a.id,
            "outlet": a.outlet,
            "headline": a.headline,
            "published": a.published,
            "url": a.url,
            "source": catalog.display_source(a.source),
        }
        for a in event.articles
    ]
    return {"id": event.id, "title": event.title, "articles": articles}


@router.get("/outlets", response_model=list[OutletItem], responses={404: {}})
def list_outlets(state: State) -> list[dict[str, Any]]:
    """Every named outlet in the store, most articles first."""
    db = _store(state)
    return [{"outlet": o, "articles": a, "events": e} for o, a, e in catalog.outlets(db)]


@router.get("/outlets/{outlet}", response_model=list[OutletReport], responses={404: {}})
def outlet_reports(outlet: str, state: State) -> list[dict[str, Any]]:
    """What ``outlet`` reported: each of its articles with the event it belongs to."""
    found = catalog.outlet_articles(_store(state), outlet)
    if not found:
        raise HTTPException(404, f"no articles from {outlet[:200]!r}")
    return [dataclasses.asdict(a) for a in found]


@router.get("/people", response_model=list[PersonItem], responses={404: {}})
def list_people(state: State) -> list[dict[str, Any]]:
    """Every person a stored brief names, in most events first."""
    db = _store(state)
    return [{"name": n, "events": e, "statements": c} for n, e, c in catalog.people(db)]


@router.get("/people/{name}", response_model=list[StatementItem], responses={404: {}})
def person_statements(name: str, state: State) -> list[dict[str, Any]]:
    """What ``name`` said across the briefed events (direct and reported), newest event first."""
    found = catalog.statements_by(_store(state), name)
    if not found:
        raise HTTPException(404, f"no statements by {name[:200]!r} in the stored briefs")
    return [dataclasses.asdict(s) for s in found]


def _store(state: AppState) -> Path:
    try:
        return state.store_path()
    except NoStore as exc:
        raise HTTPException(404, str(exc)) from exc


def _accepted(state: AppState, job: Job, response: Response) -> dict[str, Any]:
    response.headers["Location"] = f"/api/jobs/{job.id}"
    return state.status(job)


@router.post(
    "/events/{event_id}/brief",
    response_model=JobStatus,
    status_code=202,
    responses={404: {}, 429: {}},
)
def brief_stored_event(
    event_id: str, state: State, response: Response, words: Words = None
) -> dict[str, Any]:
    """Start briefing a stored event (or return the job already doing it); poll the status."""
    try:
        job = state.start_event_brief(event_id, words)
    except (NoStore, EventNotFound) as exc:
        raise HTTPException(404, f"no event {event_id!r}: {exc}") from exc
    except Busy as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": "5"}) from exc
    return _accepted(state, job, response)


async def read_uploads(files: list[UploadFile | str], max_files: int) -> list[UploadedFile]:
    """The uploaded files; an empty file input (a part with no file name) arrives as a string."""
    chosen = [f for f in files if not isinstance(f, str)]
    if len(chosen) > max_files:
        raise HTTPException(413, f"over the limit of {max_files} files per request")
    return [UploadedFile(f.filename or "upload", await f.read()) for f in chosen]


@router.post("/briefs", response_model=JobStatus, status_code=202, responses={400: {}, 413: {}, 429: {}})
async def brief_articles(
    state: State,
    response: Response,
    files: Annotated[list[UploadFile | str] | None, File(description=".txt, .html, .htm or .jsonl")] = None,
    text: Annotated[str, Form(description="pasted articles; plain-text ones split by ---")] = "",
    pasted_as: Annotated[PasteFormat, Form(alias="format", description="what was pasted")] = "auto",
    words: Annotated[int | None, Form(ge=BriefOptions.MIN_WORDS, le=BriefOptions.MAX_WORDS)] = None,
) -> dict[str, Any]:
    """Brief uploaded files and/or pasted text as one event; poll the returned status."""
    uploads = await read_uploads(files or [], state.config.limits.max_files)
    if not uploads and not text.strip():
        raise HTTPException(400, "give at least one file or some pasted text")
    try:
        job = state.start_upload_brief(uploads, text, pasted_as, words)
    except Busy as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": "5"}) from exc
    return _accepted(state, job, response)


def _job(state: AppState, job_id: str) -> Job:
    job = state.find_job(job_id)
    if job is None:
        raise HTTPException(404, "no such job (finished jobs are kept for a while only)")
    return job


def _result(state: AppState, job_id: str) -> BriefResult:
    job = _job(state, job_id)
    status = state.runner.snapshot(job)
    if status["state"] == JobState.failed:
        raise HTTPException(409, f"the brief failed: {status['error']}")
    if status["state"] != JobState.done:
        raise HTTPException(409, f"the brief is not ready ({status['stage']})")
    return job.result


@router.get("/jobs/{job_id}", response_model=JobStatus, responses={404: {}})
def job_status(job_id: str, state: State) -> dict[str, Any]:
    return state.status(_job(state, job_id))


# The brief's JSON is made once, in the brief process, and sent as it is (the response models
# document it; FastAPI does not check a Response it is handed).
@router.get("/jobs/{job_id}/brief", response_model=BriefModel, responses={404: {}, 409: {}})
def job_brief(job_id: str, state: State) -> Response:
    """The finished brief, exactly as `newsbrief brief --format json` prints it."""
    return Response(_result(state, job_id).record, media_type="application/json")


@router.get("/jobs/{job_id}/articles", response_model=list[SourceText], responses={404: {}, 409: {}})
def job_articles(job_id: str, state: State) -> Response:
    """The cleaned text of every source of the brief: its offsets index these."""
    return Response(_result(state, job_id).articles, media_type="application/json")
