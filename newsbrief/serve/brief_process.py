"""Briefs run in a child process, so one that overruns its deadline can really be stopped.

Why a process and not a deadline checked in the worker thread: the pipeline reports progress
per document while cleaning, but ``build_brief`` (summary and every analysis section) is one
call with no progress in between. 50 uploaded articles of about 190,000 characters each (within
the upload limits) spent 40.6 s in it, of a 65.9 s brief; a stored event has no article limit,
much of the time is inside spaCy and other compiled code, and the analysis catches exceptions
section by section, so a cooperative check there could neither interrupt it nor be sure to get
out. A process can be killed at any point, and the memory it held (1.2 GB there) goes with it.

One child at a time, reused from brief to brief, so the models it loads lazily are loaded once;
it is started on the first brief, and again after one was killed or died. Tasks and results
travel pickled through a pipe: a task is a module-level function (or a ``functools.partial`` of
one) called with a ``progress`` callback, whose reports come back as messages.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from newsbrief.serve.jobs import Deadline, JobError, JobTimeout, Progress

Task = Callable[[Progress], Any]
# An idle child is asked to exit; one that has not within this is killed.
_STOP_GRACE_S = 2.0


def _context() -> multiprocessing.context.BaseContext:
    """Not fork: the server has threads (event loop, thread pool) whose locks a forked child
    would inherit mid-use. A fork server starts clean with the pipeline imported, and forks the
    child from that; where there is none (Windows), the child is spawned."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The pipeline imports spaCy and model2vec only when first used; importing them here
    # (imports only, no models: those load in the child) saves each new child about a second.
    context.set_forkserver_preload(["newsbrief.serve.briefing", "spacy", "model2vec"])
    return context


def _child(connection: Connection) -> None:
    """The child's loop: run each task received, send back its progress and outcome."""
    # Ctrl-C in the terminal reaches the whole process group; the server stops the child itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def progress(stage: str, done: int = 0, total: int = 0) -> None:
        connection.send(("progress", stage, done, total))

    while True:
        try:
            task = connection.recv()
        except EOFError:  # the server is gone
            return
        if task is None:
            return
        try:
            result = task(progress)
        except JobError as exc:
            connection.send(("refused", str(exc), resident_bytes()))
        except Exception as exc:  # the child must survive any one bad brief, like the thread did
            connection.send(("failed", f"{type(exc).__name__}: {exc}", resident_bytes()))
        else:
            try:
                connection.send(("done", result, resident_bytes()))
            except Exception as exc:  # the result could not be pickled
                connection.send(("failed", f"{type(exc).__name__}: {exc}", resident_bytes()))


def resident_bytes() -> int:
    """This process's resident memory now (Linux), else its peak."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class BriefProcess:
    """The child process briefs run in, one brief at a time (callers in other threads wait,
    and the wait counts against their deadline). An app makes its own unless given one; apps
    in one program (tests) may share one, so its models load once."""

    def __init__(self, recycle_rss_bytes: int | None = None) -> None:
        # A child larger than this after a brief is ended and the next brief starts a fresh
        # one: Python keeps memory it freed for reuse, so one big brief would keep it large.
        self.recycle_rss_bytes = recycle_rss_bytes
        self.last_rss: int | None = None
        self._running = threading.Lock()  # held for a whole brief
        self._lock = threading.Lock()  # guards the fields below
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._closed = False
        self._last_exit: int | None = None

    def run(self, task: Task, progress: Progress, deadline: Deadline | None = None) -> Any:
        """``task(progress)`` in the child; ``JobTimeout`` (and the child killed) at the deadline."""
        wait = -1 if deadline is None else max(0.0, deadline.remaining())
        if not self._running.acquire(timeout=wait):
            assert deadline is not None
            raise JobTimeout(deadline.limit_s)
        try:
            kind, value = self._run(task, progress, deadline)
            if self.recycle_rss_bytes is not None and (self.last_rss or 0) > self.recycle_rss_bytes:
                self._stop(idle=True)
        finally:
            self._running.release()
        if kind == "done":
            return value
        if kind == "refused":
            raise JobError(value)
        raise JobError(f"briefing failed: {value}")

    def start(self) -> None:
        """Start the child now rather than on the first brief (it imports from ``sys.path`` as
        it is then: a program that changes folder later, as tests do, should start it first)."""
        self._start()

    def close(self) -> None:
        """Stop the child, killing a brief in progress; no brief runs after this."""
        with self._lock:
            self._closed = True
        self._stop()

    def pid(self) -> int | None:
        """The child's process id, while there is one."""
        with self._lock:
            return self._process.pid if self._process is not None else None

    def _run(self, task: Task, progress: Progress, deadline: Deadline | None) -> tuple[str, Any]:
        connection = self._start()
        try:
            connection.send(task)
            while True:
                if deadline is not None and not connection.poll(max(0.0, deadline.remaining())):
                    raise JobTimeout(deadline.limit_s)
                kind, *rest = connection.recv()
                if kind != "progress":
                    self.last_rss = rest[1]
                    return kind, rest[0]
                progress(*rest)
        except (EOFError, OSError) as exc:
            self._stop()
            raise JobError(self._death_note()) from exc
        except BaseException:
            # Past the deadline (or stopped by a progress report past it): the child is mid-task
            # and nothing but killing it stops it.
            self._stop()
            raise

    def _start(self) -> Connection:
        with self._lock:
            if self._closed:
                raise JobError("the server is shutting down")
            if self._process is not None and self._connection is not None and self._process.is_alive():
                return self._connection
            context = _context()
            ours, theirs = context.Pipe()
            process = context.Process(target=_child, args=(theirs,), name="newsbrief-brief", daemon=True)
            process.start()
            theirs.close()
            self._process, self._connection = process, ours
            return ours

    def _stop(self, idle: bool = False) -> None:
        """End the child: an idle one when told to, a busy one (or one that does not) killed."""
        with self._lock:
            process, connection = self._process, self._connection
            self._process = self._connection = None
        if process is None or connection is None:
            return
        if idle or not self._running.locked():
            with contextlib.suppress(OSError, ValueError):
                connection.send(None)
            process.join(_STOP_GRACE_S)
        if process.is_alive():
            process.kill()
            process.join()
        connection.close()
        self._last_exit = process.exitcode

    def _death_note(self) -> str:
        if self._closed:
            return "the server is shutting down"
        code = self._last_exit
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return f"the briefing process stopped unexpectedly ({how})"
