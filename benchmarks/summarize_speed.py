"""Time and memory of summarizing one 10-article cluster, against sumy's LexRank in the same run.

For each DUC 2004 cluster (10 news articles, about 5,000 words): sentence splitting (pysbd,
the pipeline's splitter) and newsbrief's summarizer, timed separately; then sumy's LexRank on
the same texts, with its sentence splitting (the same pysbd splitter) timed in. CPU time
(``time.process_time``) is what one core spends; wall time is shown too, and is larger on a
busy machine. Threads are pinned to one before numpy loads. Peak memory of one summary is
measured with tracemalloc (Python allocations, numpy included), and the process peak RSS is
printed at the end.

Usage: python benchmarks/summarize_speed.py [--clusters N] [--words 100] [--data-root PATH]
(newsbrief must be importable: pip install -e ".[eval]" or PYTHONPATH=.)
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import TypeVar  # noqa: E402

T = TypeVar("T")


def timed(function: Callable[[], T]) -> tuple[T, float, float]:
    """Result, CPU seconds, wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def peak_memory(function: Callable[[], object]) -> float:
    """Peak traced allocation of one call, in MiB."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def describe(label: str, values: list[float]) -> str:
    return f"{label:<34} median {statistics.median(values) * 1000:7.0f} ms   max {max(values) * 1000:7.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=10, help="how many DUC clusters")
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--data-root", help="evaluation data root (default: $NEWSBRIEF_DATA)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    from newsbrief.evaluate.texts import articles_from_texts
    from newsbrief.summarize import summarize
    from newsbrief.summarize.concepts import default_model

    default_model()
    import_seconds = time.perf_counter() - started

    from newsbrief.evaluate import sentence_split
    from newsbrief.evaluate.baselines import lexrank
    from newsbrief.evaluate.datasets import load_duc2004

    clusters = load_duc2004(args.data_root)[: args.clusters]
    # Warm-up: pysbd and sumy build their rules on first use.
    summarize(articles_from_texts(clusters[0].documents), args.words)
    lexrank(list(clusters[0].documents), args.words)

    split_cpu, ours_cpu, total_cpu, lexrank_cpu = [], [], [], []
    total_wall, lexrank_wall, memory, words_in = [], [], [], []
    for cluster in clusters:
        documents = list(cluster.documents)
        words_in.append(sum(len(d.split()) for d in documents))
        articles, split_c, split_w = timed(lambda d=documents: articles_from_texts(d))
        _, ours_c, ours_w = timed(lambda a=articles: summarize(a, args.words))
        split_cpu.append(split_c)
        ours_cpu.append(ours_c)
        total_cpu.append(split_c + ours_c)
        total_wall.append(split_w + ours_w)
        memory.append(peak_memory(lambda a=articles: summarize(a, args.words)))
        # sumy's LexRank, its sentence splitting included (the evaluation cache is emptied).
        sentence_split._split_cached.cache_clear()
        _, lex_c, lex_w = timed(lambda d=documents: lexrank(d, args.words))
        lexrank_cpu.append(lex_c)
        lexrank_wall.append(lex_w)

    print(
        f"{len(clusters)} DUC 2004 clusters of 10 articles "
        f"({statistics.mean(words_in):.0f} words on average), {args.words}-word summaries, "
        "one thread"
    )
    print(f"import newsbrief.summarize + load concept model: {import_seconds * 1000:.0f} ms (once)")
    print(describe("sentence split (pysbd), CPU", split_cpu))
    print(describe("newsbrief summarize, CPU", ours_cpu))
    print(describe("newsbrief split + summarize, CPU", total_cpu))
    print(describe("newsbrief split + summarize, wall", total_wall))
    print(describe("sumy LexRank incl. split, CPU", lexrank_cpu))
    print(describe("sumy LexRank incl. split, wall", lexrank_wall))
    print(
        f"{'newsbrief summarize, peak memory':<34} median {statistics.median(memory):7.1f} MiB"
        f"   max {max(memory):7.1f} MiB (tracemalloc)"
    )
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'process peak RSS':<34} {peak_rss:.0f} MiB (all of the above, sumy included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
