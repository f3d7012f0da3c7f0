"""The real server under concurrent requests: only expected statuses, no 5xx or dropped
connections, one job per brief however many ask at once, and 429 past the queue limit.

Nothing here is timed: benchmarks/load.py measures speed; this checks behaviour under load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsbrief.serve import Limits, ServeConfig, create_app
from newsbrief.serve.server import serving_in_thread

EVENTS = ("ev-harbor_bridge", "ev-seeds")
THREADS = 32


@dataclass(frozen=True, slots=True)
class Call:
    method: str
    path: str
    expected: frozenset[int]


@dataclass(frozen=True, slots=True)
class Outcome:
    call: Call
    status: int | None
    response: httpx.Response | None
    error: str | None


@contextmanager
def running_server(config: ServeConfig) -> Iterator[str]:
    """The app under uvicorn on a free loopback port, in a thread of this process."""
    with serving_in_thread(create_app(config)) as (host, port):
        yield f"http://{host}:{port}"


@pytest.fixture
def client(stored_db: Path) -> Iterator[httpx.Client]:
    limits = httpx.Limits(max_connections=THREADS * 2, max_keepalive_connections=THREADS)
    with (
        running_server(ServeConfig(db=stored_db)) as base,
        httpx.Client(base_url=base, timeout=60, limits=limits) as http,
    ):
        yield http


def fire(http: httpx.Client, calls: list[Call]) -> list[Outcome]:
    """Send every call at once from a thread pool; a dropped connection is an outcome too."""

    def send(call: Call) -> Outcome:
        try:
            response = http.request(call.method, call.path)
        except httpx.TransportError as exc:
            return Outcome(call, None, None, f"{type(exc).__name__}: {exc}")
        return Outcome(call, response.status_code, response, None)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(send, calls))


def unexpected(outcomes: list[Outcome]) -> list[str]:
    return [
        f"{o.call.method} {o.call.path}: {o.error or o.status}"
        for o in outcomes
        if o.status not in o.call.expected
    ]


def mixed_calls(jobs: dict[str, str], count: int, brief_ready: bool) -> list[Call]:
    """``count`` calls cycling over every read endpoint, cached brief submissions and misses."""
    ok, accepted, missing = frozenset({200}), frozenset({202}), frozenset({404})
    # Until a brief is done its JSON answers 409 (not ready): expected, not an error.
    brief = ok if brief_ready else frozenset({200, 409})
    per_event = [
        call
        for event_id, job_id in jobs.items()
        for call in (
            Call("GET", f"/api/events/{event_id}", ok),
            Call("POST", f"/api/events/{event_id}/brief", accepted),
            Call("GET", f"/api/jobs/{job_id}", ok),
            Call("GET", f"/api/jobs/{job_id}/brief", brief),
            Call("GET", f"/jobs/{job_id}", ok),
        )
    ]
    shared = [
        Call("GET", "/api/health", ok),
        Call("GET", "/api/events", ok),
        Call("GET", "/api/events?q=harbor+bridge", ok),
        Call("GET", "/", ok),
        Call("GET", "/api/events/ev-nope", missing),
        Call("GET", "/api/jobs/no-such-job", missing),
        Call("GET", "/jobs/no-such-job", missing),
    ]
    cycle = per_event + shared
    return [cycle[n % len(cycle)] for n in range(count)]


def test_concurrent_briefs_of_one_event_make_one_job(client: httpx.Client) -> None:
    calls = [Call("POST", f"/api/events/{EVENTS[n % 2]}/brief", frozenset({202})) for n in range(80)]
    outcomes = fire(client, calls)
    assert unexpected(outcomes) == []
    ids = {
        event_id: {o.response.json()["id"] for o in outcomes if event_id in o.call.path}
        for event_id in EVENTS
    }
    assert all(len(found) == 1 for found in ids.values()), ids
    assert ids[EVENTS[0]] != ids[EVENTS[1]]
    # Exactly two jobs exist: nothing was queued twice behind the de-duplication.
    assert sum(client.get("/api/health").json()["jobs"].values()) == 2


def test_concurrent_mixed_requests_get_only_expected_statuses(
    client: httpx.Client, wait_for: Callable[..., dict[str, Any]]
) -> None:
    jobs = {e: client.post(f"/api/events/{e}/brief").json()["id"] for e in EVENTS}
    # While the worker is briefing: every read is answered, none blocked into an error.
    during = fire(client, mixed_calls(jobs, 200, brief_ready=False))
    assert unexpected(during) == []
    for job_id in jobs.values():
        assert wait_for(client, job_id, timeout=120)["state"] == "done"
    after = fire(client, mixed_calls(jobs, 200, brief_ready=True))
    assert unexpected(after) == []
    for outcome in during + after:
        path, response = outcome.call.path, outcome.response
        assert response is not None
        if outcome.call.method == "POST":
            event_id = path.split("/")[3]
            assert response.json()["id"] == jobs[event_id]
        elif path.endswith("/brief") and response.status_code == 200:
            job_id = path.split("/")[3]
            event_id = next(e for e, j in jobs.items() if j == job_id)
            assert response.json()["event"]["id"] == event_id
        elif path.startswith("/api/events/ev-") and response.status_code == 200:
            assert response.json()["id"] == path.rsplit("/", 1)[1]
    assert client.get("/api/health").json()["jobs"] == {"queued": 0, "running": 0, "done": 2, "failed": 0}


def test_submissions_past_the_queue_limit_are_shed_with_retry_after(stored_db: Path) -> None:
    config = ServeConfig(db=stored_db, limits=Limits(max_pending_jobs=2))
    with running_server(config) as base, httpx.Client(base_url=base, timeout=60) as http:
        # Distinct summary lengths: each submission is new work, none a lookup.
        calls = [
            Call("POST", f"/api/events/{EVENTS[0]}/brief?words={30 + n}", frozenset({202, 429}))
            for n in range(12)
        ]
        outcomes = fire(http, calls)
        assert unexpected(outcomes) == []
        accepted = [o.response.json()["id"] for o in outcomes if o.status == 202]
        shed = [o.response for o in outcomes if o.status == 429]
        assert accepted and len(set(accepted)) == len(accepted)
        assert shed and all(r.headers.get("Retry-After") for r in shed)
        jobs = http.get("/api/health").json()["jobs"]
        assert jobs["queued"] + jobs["running"] <= 2
