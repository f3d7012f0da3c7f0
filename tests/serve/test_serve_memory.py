"""Issue 16 row 1: what one upload can make the server keep is bounded: failures per brief,
finished jobs by bytes, and the brief child's size (it is recycled after a big brief)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from functools import partial
from typing import Any

from fastapi.testclient import TestClient

from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.jobs import JobRunner, JobState, Progress

ARTICLE = {
    "id": "real",
    "title": "Council closes the harbor bridge",
    "text": "The city council closed the harbor bridge on Monday after a container ship struck "
    "its eastern pier, officials said.\n\nEngineers will inspect the damaged pier this week, "
    "Mayor Renata Voss said, and the bridge will stay closed until they declare it safe.",
}


def test_a_many_failures_upload_keeps_only_the_first_failures(client: TestClient, wait_for: Any) -> None:
    # 50,000 lines of `{}` (each "no 'text' field") and one article: within every upload limit.
    feed = b"{}\n" * 50_000 + json.dumps(ARTICLE).encode()
    accepted = client.post("/api/briefs", files={"files": ("bomb.jsonl", feed, "application/jsonl")})
    assert accepted.status_code == 202
    job = accepted.json()["id"]
    assert wait_for(client, job, timeout=120)["state"] == "done"
    brief = client.get(f"/api/jobs/{job}/brief")
    failures = brief.json()["failures"]
    assert len(failures) == 101
    assert failures[0]["source"] == "bomb.jsonl:1"
    assert failures[-1]["reason"] == "and 49,900 more inputs skipped (not listed)"
    page = client.get(f"/jobs/{job}")
    assert page.status_code == 200 and "49,900 more" in page.text
    # Both HTML copies stay small: the 50,000 failures are not each rendered.
    assert len(page.content) < 2_000_000 and len(brief.content) < 200_000


@dataclass
class Sized:
    nbytes: int


def _finish(runner: JobRunner, size: int) -> str:
    job = runner.submit("upload", f"{size} bytes", lambda job, progress: Sized(size))
    deadline = time.monotonic() + 10
    while runner.snapshot(job)["state"] != JobState.done:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    return job.id


def test_finished_jobs_are_capped_by_bytes() -> None:
    runner = JobRunner(max_pending=4, keep=64, keep_bytes=1000)
    first = _finish(runner, 400)
    second = _finish(runner, 400)
    assert runner.get(first) and runner.get(second)
    third = _finish(runner, 400)  # 1,200 bytes: the oldest goes
    assert runner.get(first) is None and runner.get(second) and runner.get(third)
    huge = _finish(runner, 5000)  # the newest is kept whatever its size, so its page opens
    assert runner.get(huge) is not None and runner.get(second) is None and runner.get(third) is None
    runner.shutdown()


def grow(megabytes: int, progress: Progress) -> int:
    """A task for the brief process that leaves memory behind in the child, as a big brief does."""
    global _kept
    _kept = bytearray(megabytes * 1024 * 1024)
    return megabytes


_kept: bytearray | None = None


def test_the_brief_child_is_recycled_after_a_big_brief() -> None:
    process = BriefProcess(recycle_rss_bytes=400 * 1024 * 1024)
    try:
        assert process.run(partial(grow, 1), lambda *a: None) == 1
        small = process.pid()
        assert small is not None and process.last_rss is not None
        assert process.run(partial(grow, 1), lambda *a: None) == 1 and process.pid() == small
        assert process.run(partial(grow, 500), lambda *a: None) == 500
        # The child that grew past the limit is gone; the next brief gets a fresh one.
        assert process.last_rss > 400 * 1024 * 1024 and process.pid() is None
        assert process.run(partial(grow, 1), lambda *a: None) == 1
        assert process.pid() not in (None, small)
    finally:
        process.close()
