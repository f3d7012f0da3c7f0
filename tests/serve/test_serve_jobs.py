"""The job runner: work runs in its worker thread, reports progress, fails politely, is bounded."""

from __future__ import annotations

import threading
import time

import pytest

from newsbrief.serve.jobs import Busy, Job, JobError, JobRunner, Progress


def wait(runner: JobRunner, job: Job, timeout: float = 5) -> dict:
    deadline = time.monotonic() + timeout
    while (status := runner.snapshot(job))["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, status
        time.sleep(0.01)
    return status


def test_work_runs_in_the_worker_with_progress() -> None:
    runner = JobRunner()
    release = threading.Event()
    seen: list[str] = []

    def work(job: Job, progress: Progress) -> str:
        seen.append(threading.current_thread().name)
        progress("cleaning", 1, 3)
        release.wait(5)
        return f"result of {job.id}"

    job = runner.submit("upload", "three files", work)
    deadline = time.monotonic() + 5
    while runner.snapshot(job)["stage"] != "cleaning":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    status = runner.snapshot(job)
    assert (status["state"], status["done"], status["total"]) == ("running", 1, 3)
    release.set()
    assert wait(runner, job)["state"] == "done"
    assert job.result == f"result of {job.id}"
    assert seen[0].startswith("newsbrief-brief") and seen[0] != threading.current_thread().name
    runner.shutdown()


def test_failures_are_reported_not_raised() -> None:
    runner = JobRunner()

    def refused(job: Job, progress: Progress) -> None:
        raise JobError("no usable article (a.pdf: unsupported file type)")

    def broken(job: Job, progress: Progress) -> None:
        raise ValueError("bad offsets")

    first, second = runner.submit("upload", "a", refused), runner.submit("upload", "b", broken)
    assert wait(runner, first)["error"] == "no usable article (a.pdf: unsupported file type)"
    assert wait(runner, second)["error"] == "briefing failed: ValueError: bad offsets"
    # The worker survives both.
    third = runner.submit("upload", "c", lambda job, progress: 42)
    assert wait(runner, third)["state"] == "done" and third.result == 42
    runner.shutdown()


def test_queue_is_bounded_and_keyed_jobs_are_reused() -> None:
    runner = JobRunner(max_pending=2, keep=1)
    release = threading.Event()
    blocked = runner.submit("event", "e1", lambda job, progress: release.wait(5), key="e1")
    assert runner.submit("event", "e1", lambda job, progress: None, key="e1") is blocked
    runner.submit("event", "e2", lambda job, progress: None, key="e2")
    with pytest.raises(Busy):
        runner.submit("upload", "one too many", lambda job, progress: None)
    release.set()
    wait(runner, blocked)
    # Finished jobs beyond ``keep`` are forgotten, oldest first.
    for n in range(3):
        wait(runner, runner.submit("upload", f"u{n}", lambda job, progress: None))
    assert runner.counts()["done"] <= 2
    assert runner.get(blocked.id) is None
    runner.shutdown()
