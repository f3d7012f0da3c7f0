"""The default engine: a process pool on this machine.

Each worker process builds its stage objects once, in the pool initializer, so models load
once per worker. The driver reads the inputs, sends fixed-size chunks to the pool and keeps at
most ``2 × workers`` chunks in flight, taking results back in submission order: memory stays
bounded however large the input, and the order is the input order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TypeVar

from newsbrief.scale.options import TASK_DOCUMENTS, TASK_EVENTS, RunOptions
from newsbrief.scale.records import Row
from newsbrief.scale.shards import Shard, read_shard
from newsbrief.scale.stages import Briefer, BriefTask, Cleaner, RowEmbedder

T = TypeVar("T")
R = TypeVar("R")

# The stage objects of this worker process, made once by ``_start_worker``.
_cleaner: Cleaner | None = None
_embedder: RowEmbedder | None = None
_briefer: Briefer | None = None


def _start_worker(options: RunOptions, articles_path: str) -> None:
    global _cleaner, _embedder, _briefer
    _cleaner = Cleaner(options.article_seconds)
    _embedder = RowEmbedder()
    _briefer = Briefer(articles_path, words=options.words, analysis=options.analysis)


def _prepare(rows: list[Row]) -> list[Row]:
    assert _cleaner is not None and _embedder is not None, "worker not initialised"
    return _embedder(_cleaner(rows))


def _brief(tasks: list[BriefTask]) -> list[Row]:
    assert _briefer is not None, "worker not initialised"
    return _briefer(tasks)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(
    submit: Callable[[list[T]], Future[list[R]]], chunks: Iterable[list[T]], in_flight: int
) -> Iterator[R]:
    """Results of every chunk, in chunk order, with at most ``in_flight`` chunks submitted."""
    pending: deque[Future[list[R]]] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _context() -> multiprocessing.context.BaseContext:
    """Not fork: a child forked from this process would inherit its threads' locks mid-use
    (tokenizers, BLAS). A fork server starts clean, imports the stages once, and forks the
    workers from that; where there is none (Windows), each worker is spawned and imports them."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


class LocalEngine:
    def __init__(self, options: RunOptions, articles_path: Path) -> None:
        self.options = options
        self.in_flight = 2 * options.workers
        self._pool = ProcessPoolExecutor(
            max_workers=options.workers,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(options, str(articles_path)),
        )

    def prepared(self, shards: list[Shard]) -> Iterator[Row]:
        rows = (row for shard in shards for row in read_shard(shard))
        yield from ordered_map(self._submit_rows, chunked(rows, TASK_DOCUMENTS), self.in_flight)

    def _submit_rows(self, chunk: list[Row]) -> Future[list[Row]]:
        if any(row["kind"] == "document" for row in chunk):
            return self._pool.submit(_prepare, chunk)
        # Only read failures: nothing to load models for (and an input that is all failures
        # never starts a worker).
        done: Future[list[Row]] = Future()
        done.set_result([Cleaner.clean(row) for row in chunk])
        return done

    def briefs(self, tasks: Iterable[BriefTask]) -> Iterator[Row]:
        chunks = chunked(tasks, TASK_EVENTS)
        yield from ordered_map(lambda c: self._pool.submit(_brief, c), chunks, self.in_flight)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
