"""Locust users for benchmarks/load.py (run it, not this file: it builds the store, starts the
server, warms the briefs and writes the settings this file reads).

Users send requests back to back (no think time), so the user count is the number of requests
in flight. A response is an error unless its status is the one the endpoint should give; a 429
with Retry-After from a brief submission is shed load, counted apart and not an error.

Settings come from the JSON file named by $NEWSBRIEF_LOAD_CONFIG:
``{"events": {event_id: job_id}, "queries": [...], "article": "...", "upload_every": seconds,
"tally": path}``; at exit the counts locust's statistics lack (429s, statuses, cached briefs
that were not finished, load-generator CPU warnings) are written to ``tally``.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, constant, constant_pacing, events, task
from locust.contrib.fasthttp import ResponseContextManager

_config_path = os.environ.get("NEWSBRIEF_LOAD_CONFIG")
if not _config_path:
    raise SystemExit("run benchmarks/load.py: this locustfile needs $NEWSBRIEF_LOAD_CONFIG")
CONFIG: dict[str, Any] = json.loads(Path(_config_path).read_text(encoding="utf-8"))
EVENT_JOBS: dict[str, str] = CONFIG["events"]
EVENT_IDS = sorted(EVENT_JOBS)
JOB_IDS = [EVENT_JOBS[e] for e in EVENT_IDS]
QUERIES: list[str] = CONFIG["queries"]
UPLOAD_BODY = urlencode({"text": CONFIG["article"]})
# A new connection per paste, as from a new visitor: kept alive across the pause between pastes
# it would be closed by the server's keep-alive timeout (5 s) just as the next one is sent.
PASTE_HEADERS = {"Content-Type": "application/x-www-form-urlencoded", "Connection": "close"}

statuses: Counter[str] = Counter()
connection_errors: Counter[str] = Counter()
shed: Counter[str] = Counter()
not_cached: Counter[str] = Counter()
cpu_warnings: list[float] = []


def judge(response: ResponseContextManager, name: str, expected: int, sheds: bool = False) -> None:
    """Mark the response a success or a failure for locust's statistics; tally its status."""
    status = response.status_code
    statuses[f"{name} {status}"] += 1
    if status == expected:
        response.success()
    elif sheds and status == 429 and response.headers.get("Retry-After"):
        shed[name] += 1
        response.success()
    else:
        # Status 0 is a connection error (refused, reset, timed out).
        if status == 0:
            connection_errors[f"{name}: {response.error!r}"[:300]] += 1
        response.failure(f"status {status}")


class HealthUser(FastHttpUser):
    """The baseline: the cheapest route, so the framework's own cost per request."""

    wait_time = constant(0)

    @task
    def health(self) -> None:
        name = "GET /api/health"
        with self.client.get("/api/health", name=name, catch_response=True) as response:
            judge(response, name, 200)


class Reader(FastHttpUser):
    """Someone browsing: events, searches, event details, and briefs already made."""

    wait_time = constant(0)

    def _get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            judge(response, name, 200)

    @task(2)
    def event_list(self) -> None:
        self._get("/api/events", "GET /api/events")

    @task(2)
    def event_search(self) -> None:
        query = urlencode({"q": random.choice(QUERIES)})
        self._get(f"/api/events?{query}", "GET /api/events?q=")

    @task(2)
    def event_detail(self) -> None:
        self._get(f"/api/events/{random.choice(EVENT_IDS)}", "GET /api/events/{id}")

    @task(2)
    def brief_event(self) -> None:
        name = "POST /api/events/{id}/brief"
        event_id = random.choice(EVENT_IDS)
        path = f"/api/events/{event_id}/brief"
        with self.client.post(path, name=name, catch_response=True) as response:
            judge(response, name, 202, sheds=True)
            # Warmed up, so this should be the finished job: anything else means it was
            # evicted and is being briefed again (work, not the lookup this row measures).
            if response.status_code == 202 and response.json().get("state") != "done":
                not_cached[event_id] += 1

    @task(2)
    def job_status(self) -> None:
        self._get(f"/api/jobs/{random.choice(JOB_IDS)}", "GET /api/jobs/{id}")

    @task(2)
    def job_brief(self) -> None:
        self._get(f"/api/jobs/{random.choice(JOB_IDS)}/brief", "GET /api/jobs/{id}/brief")

    @task(1)
    def job_page(self) -> None:
        self._get(f"/jobs/{random.choice(JOB_IDS)}", "GET /jobs/{id} (report page)")

    @task(1)
    def front_page(self) -> None:
        self._get("/", "GET / (events page)")


class Uploader(FastHttpUser):
    """One person pasting an article now and then: each submission is a real brief."""

    fixed_count = 1
    wait_time = constant_pacing(float(CONFIG.get("upload_every") or 5))

    @task
    def upload(self) -> None:
        name = "POST /api/briefs (paste)"
        with self.client.post(
            "/api/briefs", data=UPLOAD_BODY, headers=PASTE_HEADERS, name=name, catch_response=True
        ) as response:
            judge(response, name, 202, sheds=True)


@events.cpu_warning.add_listener
def _on_cpu_warning(cpu_usage: float, **_: Any) -> None:
    cpu_warnings.append(cpu_usage)


@events.quitting.add_listener
def _write_tally(**_: Any) -> None:
    tally = {
        "statuses": dict(statuses),
        "connection_errors": dict(connection_errors),
        "shed": dict(shed),
        "not_cached": dict(not_cached),
        "cpu_warnings": cpu_warnings,
    }
    Path(CONFIG["tally"]).write_text(json.dumps(tally, indent=2), encoding="utf-8")
