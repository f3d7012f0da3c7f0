"""Briefing runs in a worker thread, never on the server's event loop; pages poll its status.

One worker: briefing is CPU-bound Python (threads would only take turns on the GIL) and the
pipeline's lazily loaded models are not guaranteed thread-safe. Jobs wait in a bounded queue;
finished ones are kept, up to a limit, so their pages can be opened again.

A running job has a deadline. A thread cannot be stopped, so here it is cooperative: every
progress report past the deadline raises ``JobTimeout``. The brief jobs themselves run in a
child process that is killed at the deadline (``brief_process``), so their bound holds even
where the pipeline reports no progress for a long time.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol


class JobState(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class Progress(Protocol):
    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None: ...


class JobError(Exception):
    """A failure to show the user as it is (bad input, unknown event), not a server error."""


class JobTimeout(JobError):
    def __init__(self, limit_s: float) -> None:
        super().__init__(f"the brief took longer than {limit_s:g} s and was stopped")


class Busy(Exception):
    """Too many briefs are queued; the client should retry later."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a running job must be done by (``time.monotonic`` seconds)."""

    limit_s: float
    at: float

    @classmethod
    def starting_now(cls, limit_s: float) -> Deadline:
        return cls(limit_s, time.monotonic() + limit_s)

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise JobTimeout(self.limit_s)


@dataclass(slots=True)
class Job:
    id: str
    kind: str
    label: str
    state: JobState = JobState.queued
    stage: str = "queued"
    done: int = 0
    total: int = 0
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    result: Any = None
    # Set when the job starts running, if the runner has a time limit.
    deadline: Deadline | None = None


Work = Callable[[Job, Progress], Any]


def iso_time(epoch: float | None) -> str | None:
    """A Unix time as ISO 8601 in UTC, like every other time the app shows."""
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def result_bytes(job: Job) -> int:
    """About the memory a finished job's result holds (``nbytes`` where the result says)."""
    return int(getattr(job.result, "nbytes", 0) or 0)


class JobRunner:
    def __init__(
        self,
        max_pending: int = 8,
        keep: int = 64,
        timeout_s: float | None = None,
        keep_bytes: int | None = None,
    ) -> None:
        self.max_pending = max_pending
        self.keep = keep
        self.keep_bytes = keep_bytes
        self.timeout_s = timeout_s
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._by_key: dict[str, str] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsbrief-brief")

    def submit(self, kind: str, label: str, work: Work, key: str | None = None) -> Job:
        """Queue ``work``; with a ``key``, a queued, running or finished job for the same key
        is returned instead of doing the work twice (a failed one is retried)."""
        with self._lock:
            existing = self._jobs.get(self._by_key.get(key, "")) if key is not None else None
            if existing is not None and existing.state is not JobState.failed:
                return existing
            pending = sum(j.state in (JobState.queued, JobState.running) for j in self._jobs.values())
            if pending >= self.max_pending:
                raise Busy(f"{pending} briefs are already queued; try again shortly")
            job = Job(id=secrets.token_urlsafe(12), kind=kind, label=label)
            self._jobs[job.id] = job
            if key is not None:
                self._by_key[key] = job.id
            self._evict()
        self._executor.submit(self._run, job, work)
        return job

    def find(self, key: str) -> Job | None:
        """The queued, running or finished (not failed) job for ``key``."""
        with self._lock:
            job = self._jobs.get(self._by_key.get(key, ""))
            return job if job is not None and job.state is not JobState.failed else None

    def adopt(self, job: Job, key: str | None = None) -> Job:
        """Keep a job finished elsewhere (a brief read back from the store) like one run here;
        a job already known under ``key`` or id wins."""
        with self._lock:
            known = self._jobs.get(self._by_key.get(key, "") if key is not None else job.id)
            if known is not None and known.state is not JobState.failed:
                return known
            self._jobs[job.id] = job
            if key is not None:
                self._by_key[key] = job.id
            self._evict()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def snapshot(self, job: Job) -> dict[str, Any]:
        """The job's status fields, read consistently while the worker may be updating them."""
        with self._lock:
            return {
                "id": job.id,
                "kind": job.kind,
                "label": job.label,
                "state": job.state.value,
                "stage": job.stage,
                "done": job.done,
                "total": job.total,
                "error": job.error,
                "created": iso_time(job.created),
                "finished": iso_time(job.finished),
            }

    def counts(self) -> dict[str, int]:
        with self._lock:
            counts = dict.fromkeys((s.value for s in JobState), 0)
            for job in self._jobs.values():
                counts[job.state.value] += 1
            return counts

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, work: Work) -> None:
        def progress(stage: str, done: int = 0, total: int = 0) -> None:
            if job.deadline is not None:
                job.deadline.check()
            with self._lock:
                job.stage, job.done, job.total = stage, done, total

        with self._lock:
            job.state, job.stage = JobState.running, "starting"
            if self.timeout_s is not None:
                job.deadline = Deadline.starting_now(self.timeout_s)
        try:
            result = work(job, progress)
        except JobError as exc:
            self._finish(job, None, str(exc))
        except Exception as exc:  # the worker must survive any one bad brief
            self._finish(job, None, f"briefing failed: {type(exc).__name__}: {exc}")
        else:
            self._finish(job, result, None)

    def _finish(self, job: Job, result: Any, error: str | None) -> None:
        with self._lock:
            job.result, job.error, job.finished = result, error, time.time()
            job.state = JobState.failed if error else JobState.done
            job.stage = "failed" if error else "done"
            self._evict()

    def _evict(self) -> None:
        """Drop the oldest finished jobs past ``keep`` of them, or past ``keep_bytes`` of
        results (the newest is always kept, whatever its size, so its page can be read)."""
        finished = [j for j in self._jobs.values() if j.state in (JobState.done, JobState.failed)]
        drop = max(0, len(finished) - self.keep)
        if self.keep_bytes is not None:
            total = sum(result_bytes(j) for j in finished[drop:])
            while drop < len(finished) - 1 and total > self.keep_bytes:
                total -= result_bytes(finished[drop])
                drop += 1
        for job in finished[:drop]:
            del self._jobs[job.id]
        live = set(self._jobs)
        self._by_key = {k: v for k, v in self._by_key.items() if v in live}
