"""A time budget per article that holds even inside C code.

Cleaning an HTML page spends most of its time in libxml2 (through lxml, trafilatura, readability
and jusText). A Python signal handler or a watchdog thread cannot stop that: the interpreter
runs handlers only between bytecodes, and lxml holds the thread until the parse returns (a page
with 100,000 attributes in one element took 107 s per parse). The only thing that reliably
stops a C-level parse is ending the process doing it, so each article is cleaned in a worker
process, one at a time, and a worker that runs past the budget is killed (SIGKILL) and replaced.

The worker is forked from the calling process: it starts at once, with whatever the caller has
loaded, and the caller's threads are not copied (only the forking thread runs in the child, and
the child runs nothing but the cleaning function). Where fork does not exist, the function runs
in the calling process without a bound. A worker that dies (a crash in C code) costs the article
it was cleaning, and the next article gets a fresh worker.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


WARM_UP_SECONDS = 300


class BudgetExceeded(Exception):
    """The call ran past its budget; the worker was killed."""


class WorkerDied(Exception):
    """The worker ended without answering (a crash in native code, or killed from outside)."""


class Fatal(Exception):
    """An error the function marked as fatal for the whole batch (``fatal`` types); raised in the
    caller with the worker's message."""


def fork_available() -> bool:
    """Whether a worker can be forked here: not where fork does not exist, and not inside a
    daemonic multiprocessing child (the web app's brief process, which may not have children;
    the web app's job timeout kills that whole process instead)."""
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def _serve(
    conn: Connection,
    parent_end: Connection,
    function: Callable[[Any], Any],
    fatal: tuple[type[BaseException], ...],
) -> None:
    # The parent's end, inherited by the fork, would keep the pipe open after the parent died.
    parent_end.close()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, Any] = ("ok", function(item))
        except fatal as exc:
            answer = ("fatal", str(exc))
        except Exception as exc:
            answer = ("error", exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}"))
        conn.send(answer)


def _picklable(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.dumps(exc)
    except Exception:
        return False
    return True


class BoundedWorker(Generic[T, R]):
    """``worker(item)`` is ``function(item)``, run in a forked worker process and stopped after
    ``seconds`` (``BudgetExceeded``). Exceptions of ``function`` are raised in the caller."""

    def __init__(
        self,
        function: Callable[[T], R],
        seconds: float,
        fatal: tuple[type[BaseException], ...] = (),
        warm_up: Callable[[], T] | None = None,
    ) -> None:
        self.function = function
        self.seconds = seconds
        self.fatal = fatal
        # A trusted input run first in each new worker, outside the budget: loading models is
        # the worker's cost, not the next article's (a replacement worker starts cold).
        self.warm_up = warm_up
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self._owner = os.getpid()

    def __call__(self, item: T) -> R:
        conn = self._connection()
        try:
            conn.send(item)
        except OSError:
            # The worker ended since the last call (killed from outside): one fresh try.
            self.close()
            conn = self._connection()
            conn.send(item)
        if not conn.poll(self.seconds):
            self.close()
            raise BudgetExceeded(f"stopped after {self.seconds:g} s")
        try:
            status, value = conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            self.close()
            raise WorkerDied(_death(code)) from None
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if status == "fatal":
            raise Fatal(value)
        raise value

    def _connection(self) -> Connection:
        if self._owner != os.getpid():
            # Inherited through a fork of the caller: that worker belongs to the parent.
            self._process, self._conn, self._owner = None, None, os.getpid()
        if self._conn is None or self._process is None or not self._process.is_alive():
            self.close()
            context = multiprocessing.get_context("fork")
            ours, theirs = context.Pipe()
            process = context.Process(
                target=_serve,
                args=(theirs, ours, self.function, self.fatal),
                daemon=True,
                name="newsbrief-clean",
            )
            process.start()
            theirs.close()
            self._process, self._conn = process, ours
            if self.warm_up is not None:
                ours.send(self.warm_up())
                if not ours.poll(WARM_UP_SECONDS):
                    self.close()
                    raise BudgetExceeded(f"the worker did not start within {WARM_UP_SECONDS} s")
                ours.recv()
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None and self._owner == os.getpid():
            if self._process.is_alive():
                self._process.kill()
            self._process.join(timeout=5)
        self._process = None


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        return f"the cleaning worker died (signal {-code})"
    return f"the cleaning worker died (exit status {code})"


_workers: list[BoundedWorker[Any, Any]] = []


def shared_worker(
    function: Callable[[T], R],
    seconds: float,
    fatal: tuple[type[BaseException], ...] = (),
    warm_up: Callable[[], T] | None = None,
) -> BoundedWorker[T, R]:
    """One worker per (function, budget) per process, kept for the process's lifetime, so a
    batch of many calls (ingest cleans one document per call) forks once."""
    for worker in _workers:
        if worker.function is function and worker.seconds == seconds and worker._owner == os.getpid():
            return worker
    worker = BoundedWorker(function, seconds, fatal, warm_up)
    _workers.append(worker)
    return worker


@atexit.register
def close_shared_workers() -> None:
    """Stop every shared worker of this process (they also stop at exit). A forked worker holds
    the parent's open descriptors, so a caller that waits for a pipe to close (Playwright's
    driver, a subprocess's stdin) must stop the workers first."""
    for worker in _workers:
        worker.close()
