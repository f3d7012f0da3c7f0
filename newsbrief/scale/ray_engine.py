"""The Ray Data engine: the same stages as the local engine, as a streaming Ray Data pipeline.

    shards ─ read ─ Cleaner + RowEmbedder (actor pool) ─▶ driver, in order
    brief tasks (files) ─ read_text ─ Briefer (actor pool) ─▶ driver, in order

Stages are ``map_batches`` over actor pools, so each actor loads its models once. Execution
streams: blocks flow through the stages under Ray Data's backpressure and the driver takes them
as they come (``iter_batches``), never materialising the dataset. ``preserve_order`` makes the
output order the input order, which the sequential consumer needs (and checks).

Every node must be able to import newsbrief and read the inputs and the output folder (brief
tasks read ``articles.jsonl``): on a cluster, install the package on each node and put the
inputs and ``--out`` on a filesystem every node mounts.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsbrief.scale.engine import UnavailableError
from newsbrief.scale.options import TASK_DOCUMENTS, TASK_EVENTS, RunOptions
from newsbrief.scale.records import ROW_COLUMNS, Row
from newsbrief.scale.shards import Shard, read_shard
from newsbrief.scale.stages import Briefer, BriefTask, Cleaner, RowEmbedder

if TYPE_CHECKING:
    import pyarrow as pa

INSTALL_HINT = 'pip install "newsbrief[ray]"'
# Brief tasks per scratch file Ray Data reads them from.
TASKS_PER_FILE = 10_000
# Brief tasks per block: an actor pool hands out whole blocks, so a block of thousands of tiny
# task lines would go to one actor.
TASKS_PER_BLOCK = 16
# Ray Data packs what a task yields into blocks of up to 128 MiB by default, and an actor pool
# hands out whole blocks: one big input file would become one block, cleaned by one actor.
# 256 KiB is about 60 raw articles, a second or two of cleaning per block.
BLOCK_BYTES = 256 << 10
# Reading a shard is I/O and JSON parsing, a small fraction of cleaning it.
READ_CPUS = 0.25
# Shards are listed in the driver; more read tasks than this only add scheduling overhead.
MAX_READ_TASKS = 4096


class RayUnavailableError(UnavailableError):
    pass


def import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise RayUnavailableError(f"the ray engine needs Ray Data: {INSTALL_HINT}") from exc
    return ray


def package_root() -> str:
    # The folder holding the newsbrief package (this file is newsbrief/scale/ray_engine.py).
    return str(Path(__file__).resolve().parents[2])


def init_local_ray(num_cpus: int) -> None:
    """A single-machine Ray, its workers able to import this newsbrief even uninstalled."""
    ray = import_ray()
    path = os.pathsep.join(p for p in (package_root(), os.environ.get("PYTHONPATH")) if p)
    ray.init(
        num_cpus=num_cpus,
        include_dashboard=False,
        logging_level=logging.WARNING,
        log_to_driver=False,
        configure_logging=False,
        runtime_env={"env_vars": {"PYTHONPATH": path}},
    )


def _schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema(
        [
            ("key", pa.int64()),
            ("kind", pa.string()),
            ("payload", pa.large_string()),
            ("signature", pa.binary()),
            ("vector", pa.binary()),
            ("vector_of", pa.binary()),
        ]
    )


def _table(rows: list[Row]) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=_schema())


def _read_shards(batch: pa.Table) -> Iterator[pa.Table]:
    """A generator UDF: a big file leaves this task in blocks, not as one list in memory."""
    for record in batch.to_pylist():
        missing = None
        if record["missing"] is not None:
            from newsbrief.types import Failure

            missing = Failure(record["path"], record["missing"])
        rows: list[Row] = []
        for row in read_shard(Shard(record["number"], record["path"], missing)):
            rows.append(row)
            if len(rows) == TASK_DOCUMENTS:
                yield _table(rows)
                rows = []
        if rows:
            yield _table(rows)


class _RayPreparer:
    """Cleaning and embedding in one actor: the static embedder costs a few percent of
    cleaning, so a stage of its own would only add a hop through the object store per row."""

    def __init__(self, article_seconds: float | None = None) -> None:
        self.cleaner = Cleaner(article_seconds)
        self.embedder = RowEmbedder()

    def __call__(self, batch: pa.Table) -> pa.Table:
        return _table(self.embedder(self.cleaner(batch.to_pylist())))


class _RayBriefer:
    def __init__(self, articles_path: str, words: int, analysis: bool) -> None:
        self.stage = Briefer(articles_path, words=words, analysis=analysis)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        tasks = [BriefTask.from_line(line) for line in batch.column("text").to_pylist()]
        return pa.Table.from_pylist(self.stage(tasks))


class RayEngine:
    def __init__(self, options: RunOptions, articles_path: Path, work: Path) -> None:
        self.ray = import_ray()
        self.options = options
        self.articles_path = articles_path
        self.work = work
        self._owns_ray = not self.ray.is_initialized()
        if self._owns_ray:
            if options.address:
                self.ray.init(
                    address=options.address,
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                    configure_logging=False,
                )
            else:
                # The driver's own work (the sequential consumer) needs a core too.
                init_local_ray(options.workers + 1)
        # Ray Data logs every execution at INFO; a command's stderr is for the user's problems.
        for name in ("ray", "ray.data"):
            logging.getLogger(name).setLevel(logging.WARNING)
        context = self.ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        context.target_max_block_size = BLOCK_BYTES

    def _pool(self) -> Any:
        """Up to ``--workers`` actors, started at once when the cluster has the CPUs for them
        (Ray Data's autoscaling adds actors only after a backlog builds up, too late for all
        but the longest runs), keeping one CPU for read tasks and the driver."""
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        initial = max(1, min(self.options.workers, cpus - 1))
        strategy = self.ray.data.ActorPoolStrategy
        try:
            return strategy(min_size=1, max_size=self.options.workers, initial_size=initial)
        except TypeError:  # a Ray Data without initial_size: start them all as the minimum
            return strategy(min_size=initial, max_size=self.options.workers)

    def prepared(self, shards: list[Shard]) -> Iterator[Row]:
        if not shards:
            return
        items = [
            {
                "number": s.number,
                "path": s.path,
                "missing": s.missing.reason if s.missing is not None else None,
            }
            for s in shards
        ]
        data = self.ray.data
        dataset = (
            data.from_items(items, override_num_blocks=min(len(items), MAX_READ_TASKS))
            # Its own tasks, not fused into the actors: each block read then goes to any actor.
            .map_batches(_read_shards, batch_size=1, batch_format="pyarrow", num_cpus=READ_CPUS)
            .map_batches(
                _RayPreparer,
                fn_constructor_kwargs={"article_seconds": self.options.article_seconds},
                batch_size=TASK_DOCUMENTS,
                batch_format="pyarrow",
                compute=self._pool(),
                num_cpus=1,
            )
        )
        for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
            yield from (dict(zip(ROW_COLUMNS, values, strict=True)) for values in _rows(batch))

    def briefs(self, tasks: Iterable[BriefTask]) -> Iterator[Row]:
        files, count = self._write_tasks(tasks)
        if not files:
            return
        dataset = self.ray.data.read_text(
            [str(f) for f in files],
            override_num_blocks=-(-count // TASKS_PER_BLOCK),
            ray_remote_args={"num_cpus": READ_CPUS},
        ).map_batches(
            _RayBriefer,
            fn_constructor_kwargs={
                "articles_path": str(self.articles_path),
                "words": self.options.words,
                "analysis": self.options.analysis,
            },
            batch_size=TASK_EVENTS,
            batch_format="pyarrow",
            compute=self._pool(),
            num_cpus=1,
        )
        for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
            yield from batch.to_pylist()

    def _write_tasks(self, tasks: Iterable[BriefTask]) -> tuple[list[Path], int]:
        """Brief tasks go to scratch files: Ray Data reads them in parallel, in file order,
        and the driver never holds the whole list. Returns the files and the task count."""
        files: list[Path] = []
        stream = None
        count = 0
        for count, task in enumerate(tasks, start=1):
            if (count - 1) % TASKS_PER_FILE == 0:
                if stream is not None:
                    stream.close()
                files.append(self.work / f"brief-tasks-{len(files):05d}.jsonl")
                stream = files[-1].open("w", encoding="utf-8")
            assert stream is not None
            stream.write(task.line() + "\n")
        if stream is not None:
            stream.close()
        return files, count

    def close(self) -> None:
        if self._owns_ray:
            self.ray.shutdown()


def _rows(batch: pa.Table) -> Iterator[tuple[Any, ...]]:
    columns = [batch.column(name).to_pylist() for name in ROW_COLUMNS]
    return zip(*columns, strict=True)
