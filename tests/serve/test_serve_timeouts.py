"""Time limits: requests (slow work, slow bodies, slow headers) and brief jobs past their deadline.

Nothing here asserts a duration: each test uses a tiny limit and work that would outlast it by
far (blocked until the test releases it, or sleeping for a minute), and checks what the client
and the job see.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send
from typer.testing import CliRunner

from newsbrief.cli import app as cli_app
from newsbrief.serve import Limits, ServeConfig, create_app
from newsbrief.serve import catalog as catalog_module
from newsbrief.serve.brief_process import BriefProcess, Task
from newsbrief.serve.jobs import Deadline, Job, JobError, JobRunner, JobTimeout, Progress
from newsbrief.serve.server import HeaderDeadlineProtocol, serving_in_thread, uvicorn_settings
from newsbrief.serve.timeouts import RequestTimeout

# The app answers only trusted Host names (TestClient's default is "testserver").
LOCAL = "http://localhost"

ARTICLE = (
    "The council closed the harbor bridge on Monday after a container ship struck its eastern "
    "pier, officials said.\n\nEngineers will inspect the pier this week, the mayor said."
)


# Tasks for the brief process: module-level, so they can be pickled to the child.
def hang(progress: Progress) -> None:
    progress("cleaning", 0, 1)
    time.sleep(60)


def answer(value: int, progress: Progress) -> int:
    progress("analysing", 1, 2)
    return value * 2


def die(progress: Progress) -> None:
    os._exit(3)


def refuse(progress: Progress) -> None:
    raise JobError("no usable article (nothing was given)")


@pytest.fixture(scope="module")
def process() -> Iterator[BriefProcess]:
    shared = BriefProcess()
    yield shared
    shared.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child of the fork server may linger as a zombie until reaped (Linux: /proc).
    stat = Path(f"/proc/{pid}/stat")
    if not Path("/proc/self").is_dir():
        return True
    try:
        return stat.read_text().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


# --- the request time limit, on a bare ASGI app ---------------------------------------------


async def sleepy_app(scope: Scope, receive: Receive, send: Send) -> None:
    await anyio.sleep(60)


async def slow_stream_app(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await anyio.sleep(0.3)
    await send({"type": "http.response.body", "body": b"first ", "more_body": True})
    await send({"type": "http.response.body", "body": b"second"})


async def broken_app(scope: Scope, receive: Receive, send: Send) -> None:
    raise KeyError("the app's own error")


def test_slow_work_gets_503_and_a_closed_connection() -> None:
    # No ``with``: these bare apps have no lifespan to run.
    response = TestClient(RequestTimeout(sleepy_app, timeout_s=0.05)).get("/anything")
    assert response.status_code == 503
    assert response.json() == {"detail": "the request took longer than 0.05 s"}
    assert response.headers["connection"] == "close"


def test_a_started_response_is_not_cut_and_errors_pass_through() -> None:
    response = TestClient(RequestTimeout(slow_stream_app, timeout_s=0.05)).get("/")
    assert (response.status_code, response.text) == (200, "first second")
    with pytest.raises(KeyError):
        TestClient(RequestTimeout(broken_app, timeout_s=5)).get("/")


def test_a_body_that_stops_arriving_gets_408(run_async: Callable[..., Any]) -> None:
    """The client sends half its body and then nothing: the app waits on it until the limit."""
    sent: list[Message] = []
    app_saw: list[str] = []

    async def body_reader(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            while (await receive()).get("more_body"):
                app_saw.append("chunk")
        except anyio.get_cancelled_exc_class():
            app_saw.append("cancelled")
            raise

    async def trickle() -> Message:
        if not app_saw:
            return {"type": "http.request", "body": b"text=half", "more_body": True}
        await anyio.sleep(60)  # the rest never comes
        raise AssertionError("unreachable")

    async def record(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/briefs", "headers": []}
    run_async(RequestTimeout(body_reader, timeout_s=0.1), scope, trickle, record)
    start, body = sent
    assert start["status"] == 408 and (b"connection", b"close") in start["headers"]
    assert json.loads(body["body"]) == {"detail": "the request body arrived too slowly (limit 0.1 s)"}
    assert app_saw == ["chunk", "cancelled"]


def upload(
    run_async: Callable[..., Any], chunk: bytes, chunks: int, pause: float, timeout_s: float, rate: float
) -> int:
    """The status a body of ``chunks`` × ``chunk`` sent ``pause`` s apart gets."""
    sent: list[Message] = []
    left = chunks

    async def read_all_then_answer(scope: Scope, receive: Receive, send: Send) -> None:
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"read"})

    async def steady() -> Message:
        nonlocal left
        await anyio.sleep(pause)
        left -= 1
        return {"type": "http.request", "body": chunk, "more_body": left > 0}

    async def record(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/briefs", "headers": []}
    run_async(RequestTimeout(read_all_then_answer, timeout_s, upload_rate=rate), scope, steady, record)
    return sent[0]["status"]


def test_a_steady_upload_gets_more_time_and_a_trickle_does_not(
    run_async: Callable[..., Any],
) -> None:
    # 10 × 1,000 bytes over 0.5 s, past the 0.2 s limit: each chunk earns 1 s more.
    assert upload(run_async, b"x" * 1000, 10, 0.05, timeout_s=0.2, rate=1000) == 200
    # The same pace, a byte at a time: each earns 1 ms.
    assert upload(run_async, b"x", 10, 0.05, timeout_s=0.2, rate=1000) == 408


# --- the real server: slow thread-pool work, slow bodies, slow headers -----------------------


@contextmanager
def serving(config: ServeConfig) -> Iterator[tuple[str, int]]:
    """The app under uvicorn with `newsbrief serve`'s settings, on a free loopback port."""
    with serving_in_thread(create_app(config), **uvicorn_settings(config.limits)) as address:
        yield address


def raw_exchange(address: tuple[str, int], parts: list[bytes]) -> bytes:
    """Send ``parts`` and read until the server closes the connection (at most 10 s)."""
    with socket.create_connection(address, timeout=10) as conn:
        for part in parts:
            conn.sendall(part)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    return received


def test_the_server_answers_while_a_thread_is_stuck(stored_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entered, release = threading.Event(), threading.Event()
    real_search = catalog_module.search_events

    def stuck_search(*args: Any) -> catalog_module.EventPage:
        entered.set()
        release.wait(30)
        return real_search(*args)

    monkeypatch.setattr(catalog_module, "search_events", stuck_search)
    limits = Limits(request_timeout_s=0.3, header_timeout_s=0.3)
    with serving(ServeConfig(db=stored_db, limits=limits)) as address:
        base = f"http://{address[0]}:{address[1]}"
        try:
            with httpx.Client(base_url=base, timeout=10) as http:
                timed_out = http.get("/api/events")
                # Answered while the search is still blocked in its thread.
                assert entered.is_set() and not release.is_set()
                assert timed_out.status_code == 503
                assert timed_out.json()["detail"] == "the request took longer than 0.3 s"
                assert timed_out.headers["connection"] == "close"
                # The event loop is free: other requests are served meanwhile.
                assert http.get("/api/health").status_code == 200
                assert http.get("/api/events/ev-seeds").status_code == 200
        finally:
            release.set()

        # A body that stops arriving: 408, and the server closes the connection.
        head = (
            b"POST /api/briefs HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        )
        reply = raw_exchange(address, [head, b"text=only+the+start"])
        assert reply.startswith(b"HTTP/1.1 408 ")
        assert b"arrived too slowly (limit 0.3 s, plus 1 s per 65,536 bytes received)" in reply
        # Headers that stop arriving (slowloris): 408 from the protocol, connection closed.
        reply = raw_exchange(address, [b"GET /api/health HTTP/1.1\r\nHost: localhost\r\n", b"X-Slow: 1\r\n"])
        assert reply.startswith(b"HTTP/1.1 408 ") and b"headers did not arrive" in reply
        # A complete request on the same server is still fine.
        reply = raw_exchange(
            address, [b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"]
        )
        assert reply.startswith(b"HTTP/1.1 200 ")


def test_serve_passes_its_limits_to_the_app_and_uvicorn(
    tmp_path: Path, stored_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(app: Any, **settings: Any) -> None:
        seen.update(settings, limits=app.state.newsbrief.config.limits)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    args = ["serve", "--db", str(stored_db), "--request-timeout", "7", "--job-timeout", "90"]
    result = CliRunner().invoke(cli_app, args)
    assert result.exit_code == 0, result.output
    limits = seen["limits"]
    assert (limits.request_timeout_s, limits.job_timeout_s) == (7, 90)
    assert issubclass(seen["http"], HeaderDeadlineProtocol)
    assert seen["http"].header_timeout_s == limits.header_timeout_s
    assert seen["limit_concurrency"] == limits.max_connections
    assert seen["timeout_keep_alive"] == limits.keep_alive_s
    refused = CliRunner().invoke(cli_app, [*args[:3], "--job-timeout", "0"])
    assert refused.exit_code == 2 and "--job-timeout" in refused.output


# --- the job deadline -----------------------------------------------------------------------


def wait(runner: JobRunner, job: Job, timeout: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while (status := runner.snapshot(job))["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, status
        time.sleep(0.01)
    return status


def test_in_thread_work_is_stopped_at_its_next_progress_report() -> None:
    runner = JobRunner(timeout_s=0.2)
    reports: list[int] = []

    def endless(job: Job, progress: Progress) -> None:
        for number in range(1000):
            progress("cleaning", number, 1000)
            reports.append(number)
            time.sleep(0.02)

    stopped = runner.submit("upload", "endless", endless)
    after = runner.submit("upload", "quick", lambda job, progress: "ok")
    status = wait(runner, stopped)
    assert status["state"] == "failed"
    assert status["error"] == "the brief took longer than 0.2 s and was stopped"
    assert 0 < len(reports) < 1000
    # The queue moves on.
    assert wait(runner, after)["state"] == "done" and after.result == "ok"
    runner.shutdown()


def test_a_brief_past_its_deadline_is_killed_and_the_next_runs(process: BriefProcess) -> None:
    seen: list[tuple[str, int, int]] = []

    def progress(stage: str, done: int = 0, total: int = 0) -> None:
        seen.append((stage, done, total))

    assert process.run(partial(answer, 21), progress, Deadline.starting_now(30)) == 42
    first = process.pid()
    assert first is not None and alive(first)
    # The child is reused from brief to brief.
    assert process.run(partial(answer, 1), progress) == 2 and process.pid() == first
    assert seen == [("analysing", 1, 2)] * 2
    with pytest.raises(JobTimeout, match=r"^the brief took longer than 0\.5 s and was stopped$"):
        process.run(hang, progress, Deadline.starting_now(0.5))
    assert seen[-1] == ("cleaning", 0, 1)
    # Nothing is left running: the child was killed, not abandoned.
    assert process.pid() is None and not alive(first)
    assert process.run(partial(answer, 4), progress, Deadline.starting_now(30)) == 8
    assert process.pid() != first


def test_a_child_that_dies_or_refuses_fails_only_its_brief(process: BriefProcess) -> None:
    with pytest.raises(JobError, match=r"stopped unexpectedly \(exit code 3\)"):
        process.run(die, lambda *a: None)
    with pytest.raises(JobError, match=r"^no usable article \(nothing was given\)$"):
        process.run(refuse, lambda *a: None)
    assert process.run(partial(answer, 5), lambda *a: None) == 10


class Scripted(BriefProcess):
    """Runs the given tasks, one per brief, in place of the real ones (so no models load). Only
    the first gets the app's deadline: a fresh child unpickling a later one imports this test
    module, whose start-up time is not what is tested."""

    def __init__(self, *tasks: Task) -> None:
        super().__init__()
        self.tasks = list(tasks)
        self.given = 0

    def run(self, task: Task, progress: Progress, deadline: Deadline | None = None) -> Any:
        self.given += 1
        return super().run(self.tasks.pop(0), progress, deadline if self.given == 1 else None)


def test_the_app_reports_a_stopped_brief_and_runs_the_next(
    wait_for: Callable[..., dict[str, Any]],
) -> None:
    process = Scripted(hang, partial(answer, 1))
    limits = Limits(job_timeout_s=1)
    try:
        with TestClient(create_app(ServeConfig(limits=limits), process=process), base_url=LOCAL) as client:
            stopped = client.post("/api/briefs", data={"text": ARTICLE}).json()
            # Queued behind the one that hangs.
            queued = client.post("/api/briefs", data={"text": ARTICLE}).json()
            status = wait_for(client, stopped["id"])
            message = "the brief took longer than 1 s and was stopped"
            assert (status["state"], status["error"]) == ("failed", message)
            page = client.get(f"/jobs/{stopped['id']}")
            assert page.status_code == 422 and message in page.text
            assert client.get(f"/api/jobs/{stopped['id']}/brief").status_code == 409
            # The worker moved on: the next brief ran to the end, in a fresh child.
            assert wait_for(client, queued["id"])["state"] == "done"
            assert not process.tasks
    finally:
        process.close()
