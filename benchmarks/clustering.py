"""Event clustering: ECB+ and Multi-News quality against two TF-IDF baselines, and throughput.

Usage:
    python3 benchmarks/clustering.py                     # ECB+, Multi-News feed, throughput at 10k
    python3 benchmarks/clustering.py --sizes 2500 5000 10000 20000 --skip-ecbplus --skip-multinews
    python3 benchmarks/clustering.py --train-join        # re-learn the join model on tune data
    python3 benchmarks/clustering.py --tune --json out.json

Multi-News (../shared/data/multinews, the 250-story validation sample): every article is
cleaned as ingest cleans it and the whole sample is streamed as one feed (file order, and five
shuffled orders); every cluster is one story. The baselines use the distance thresholds tuned
on ECB+ dev in the same run. Splits: ``tune`` (even rows less the issue-13 test rows: the join
model learnt from these), ``test`` (odd rows, never tuned on) and ``all``. Each table also
shows the clusterer with its former join decision (weighted mean of cosines), in the same run.

ECB+ (../shared/data/ecbplus, or $NEWSBRIEF_DATA): thresholds are chosen on the odd topics
(dev) and reported on the even topics (test) and on all 43 topics; ours is averaged over five
seeded stream orders (batches of 100), the baseline is order-independent. See
``newsbrief.evaluate.clustering``. ``--tune`` re-tunes our join threshold on dev in this run.

Throughput: synthetic articles (generated here, no data needed) streamed through a fresh
``EventClusterer`` in batches of 100, in a child process pinned to one CPU core with BLAS
threads at 1. Reported per size: articles/s (wall and CPU; clustering only), the rate over the
first and
the last tenth of the stream (a rate falling with the number of events would betray an
all-pairs step), peak RSS growth, the CPU time of ``save`` per batch into an in-memory state
and that state's size, and how many events came out against how many were generated.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsbrief.types import Article, Sentence

_SYLLABLES = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def synthetic_articles(count: int, seed: int = 0) -> tuple[list[Article], dict[str, str]]:
    """``count`` articles about ``count // 4`` events, in publication order, and gold labels.

    Background words follow a Zipf law over a 20k-word vocabulary shared by all events; each
    event has its own names, numbers, topic words (shared with the other events of one of 50
    topics, so events are not trivially separable) and a date; events run for up to 3 days
    and overlap in time."""
    rng = random.Random(seed)
    vocabulary = [_word(rng, rng.randint(2, 4)) for _ in range(20_000)]
    zipf = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocabulary))))
    topics = [[_word(rng, 3) for _ in range(30)] for _ in range(50)]
    events = []
    for index in range(max(1, count // 4)):
        events.append(
            {
                "id": f"g{index}",
                "topic": rng.randrange(len(topics)),
                "names": [f"{_word(rng, 2).title()} {_word(rng, 3).title()}" for _ in range(4)],
                "numbers": [str(rng.randint(2, 5000)) for _ in range(3)],
                "words": [_word(rng, 3) for _ in range(15)],
                # One event starts every ~30 minutes, so at 10k articles they span ~50 days.
                "day": 738000 + index / 48,
            }
        )
    articles: list[tuple[float, Article]] = []
    gold: dict[str, str] = {}
    for number in range(count):
        event = events[number % len(events)] if number < len(events) else rng.choice(events)
        day = event["day"] + rng.random() * 3
        topic = topics[event["topic"]]
        sentences = []
        for _ in range(rng.randint(8, 20)):
            words = rng.choices(vocabulary, cum_weights=zipf, k=rng.randint(10, 22))
            words += rng.sample(topic, 2) + rng.sample(event["words"], 2)
            rng.shuffle(words)
            words.insert(rng.randrange(1, len(words)), rng.choice(event["names"]))
            if rng.random() < 0.4:
                words.insert(rng.randrange(1, len(words)), rng.choice(event["numbers"]))
            sentences.append(" ".join([words[0].title(), *words[1:]]) + ".")
        article_id = f"syn{number:07d}"
        gold[article_id] = event["id"]
        articles.append((day, _article(article_id, sentences, day)))
    articles.sort(key=lambda pair: (pair[0], pair[1].id))
    return [a for _, a in articles], gold


def _article(article_id: str, sentences: list[str], day: float) -> Article:
    from datetime import date

    text, spans, start = "", [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(article_id, start, start + len(sentence), index=index, text=sentence))
        start += len(sentence) + 1
    text = " ".join(sentences)
    return Article(
        id=article_id,
        text=text,
        headline=sentences[0][:80],
        published=date.fromordinal(int(day)).isoformat(),
        sentences=spans,
    )


def measure_throughput(size: int, retire: bool = True, batch: int = 100) -> dict[str, Any]:
    """Runs in the child process: generate, then time clustering only. ``retire=False`` is the
    baseline that keeps every event (the clusterer before event retirement)."""
    import resource

    from newsbrief.evaluate.clustering import bcubed
    from newsbrief.group.cluster import ClusterConfig, EventClusterer, MemoryState

    config = ClusterConfig() if retire else ClusterConfig(retire_after_days=None)
    articles, gold = synthetic_articles(size)
    clusterer = EventClusterer(config)
    clusterer.add(articles[:1])  # loads the embedding model outside the timed part
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    clusterer = EventClusterer(config)
    state = MemoryState()
    marks: list[tuple[int, float]] = []
    saving = 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    labels: dict[str, str] = {}
    for start in range(0, size, batch):
        labels.update(clusterer.add(articles[start : start + batch]))
        marks.append((min(start + batch, size), time.process_time() - cpu - saving))
        # What ingest does after each batch (minus SQLite): touched events + frequencies.
        saved = time.process_time()
        clusterer.save(state)
        saving += time.process_time() - saved
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu - saving
    tenth = max(1, len(marks) // 10)
    first = marks[tenth - 1]
    last_start, last_end = marks[-tenth - 1], marks[-1]
    ids = list(gold)
    quality = bcubed([gold[i] for i in ids], [labels[i] for i in ids])
    return {
        "articles": size,
        "retire": retire,
        "seconds": wall,
        "articles_per_second": size / wall,
        "cpu_seconds": cpu,
        "articles_per_cpu_second": size / cpu,
        "first_tenth_per_cpu_second": first[0] / first[1],
        "last_tenth_per_cpu_second": (last_end[0] - last_start[0]) / (last_end[1] - last_start[1]),
        "peak_rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_rss) / 1024,
        "save_ms_per_batch": 1000 * saving / len(marks),
        "state_mb": sum(len(v) for v in state.data.values()) / 2**20,
        "events_found": len(set(labels.values())),
        "events_held": len(clusterer.events),
        "events_retired": clusterer.retired,
        "events_generated": len(set(gold.values())),
        "synthetic_bcubed_f1": quality.f1,
    }


def _child(size: int, retire: bool = True) -> dict[str, Any]:
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
        env[var] = "1"
    command = [sys.executable, __file__, "--child", str(size)]
    if not retire:
        command.append("--keep-events")
    if hasattr(os, "sched_setaffinity"):
        command = ["taskset", "-c", "0", *command]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fmt(scores: dict[str, float]) -> str:
    return f"{scores['precision']:.3f} {scores['recall']:.3f} {scores['f1']:.3f}"


def print_ecbplus(result: dict[str, Any]) -> None:
    print(
        f"ECB+: {result['documents']} documents, {result['events']} events; "
        f"ours: join model {result['config']['join_model']} (threshold "
        f"{result['thresholds']['ours']} when None), mean of stream orders "
        f"{result['order_seeds']}; baselines: TF-IDF + average-link agglomerative, cosine "
        f"distance threshold {result['thresholds']['baseline_distance']} (unigrams) and "
        f"{result['thresholds']['baseline_bigrams_distance']} (+bigrams), tuned on dev"
    )
    _print_splits(result["splits"])
    per_order = result["splits"]["all"]["ours"]["bcubed_f1_by_order"]
    print("ours, BCubed F1 on all topics per stream order:", " ".join(f"{f:.3f}" for f in per_order))


def _print_splits(splits: dict[str, dict[str, Any]]) -> None:
    """One row per split and system: BCubed and pairwise P/R/F1, throughput."""
    header = f"{'BCubed P  R    F1':>19} {'pairwise P R   F1':>19} {'docs/s':>8}"
    print(f"{'split':6} {'system':26} {header}")
    for split, systems in splits.items():
        for name, row in systems.items():
            print(
                f"{split:6} {name:26} {_fmt(row['bcubed']):>19} {_fmt(row['pairwise']):>19} "
                f"{row['docs_per_second']:8.0f}"
            )


def print_multinews(result: dict[str, Any]) -> None:
    distances = result["thresholds"]
    print(
        f"Multi-News one feed: {result['documents']} articles, {result['events']} stories; "
        f"baselines at ECB+-tuned distances {distances['baseline_distance']} (unigrams) and "
        f"{distances['baseline_bigrams_distance']} (+bigrams); shuffled: mean of orders "
        f"{result['order_seeds']}"
    )
    _print_splits(result["splits"])


def train_join(data: str | None) -> None:
    """Learn the join model on the tune data only and print it (for ``group/join_model.py``)."""
    from newsbrief.evaluate.clustering import (
        join_pairs,
        load_ecbplus,
        load_multinews_stream,
        split_multinews,
        split_topics,
        train_join_model,
    )

    ecb = join_pairs(split_topics(load_ecbplus(data))["dev"], [0, 1, 2])
    multinews = join_pairs(split_multinews(load_multinews_stream(data))["tune"], [None, 0, 1, 2])
    print(
        f"pairs: ECB+ dev {len(ecb[1])} ({ecb[1].sum()} joins), Multi-News tune {len(multinews[1])} "
        f"({multinews[1].sum()} joins)"
    )
    print(train_join_model([multinews, ecb]))


def print_throughput(rows: list[dict[str, Any]]) -> None:
    print("Throughput (one core, batches of 100, synthetic articles):")
    print(
        f"{'events kept':<14} {'articles':>9} {'art/s':>7} {'art/cpu-s':>9} {'first 10%':>9} "
        f"{'last 10%':>9} {'RSS +MB':>8} {'save ms':>7} {'state MB':>8} {'events':>7} "
        f"{'held':>6} {'true':>6} {'B3 F1':>6}"
    )
    for r in rows:
        kept = "last 30 days" if r["retire"] else "all (baseline)"
        print(
            f"{kept:<14} {r['articles']:>9} {r['articles_per_second']:7.0f} "
            f"{r['articles_per_cpu_second']:9.0f} "
            f"{r['first_tenth_per_cpu_second']:9.0f} {r['last_tenth_per_cpu_second']:9.0f} "
            f"{r['peak_rss_growth_mb']:8.0f} {r['save_ms_per_batch']:7.1f} {r['state_mb']:8.1f} "
            f"{r['events_found']:7} {r['events_held']:6} {r['events_generated']:6} "
            f"{r['synthetic_bcubed_f1']:6.3f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="evaluation data root (default: ../shared/data)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000])
    parser.add_argument("--skip-ecbplus", action="store_true")
    parser.add_argument("--skip-multinews", action="store_true")
    parser.add_argument("--train-join", action="store_true", help="learn the join model and print it")
    parser.add_argument("--tune", action="store_true", help="re-tune our threshold on dev")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--keep-events", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_throughput(args.child, retire=not args.keep_events)))
        return
    if args.train_join:
        train_join(args.data)
        return
    from newsbrief.group.cluster import ClusterConfig

    before = {"before: weighted-mean join": ClusterConfig(join_model=None)}
    results: dict[str, Any] = {}
    if not (args.skip_ecbplus and args.skip_multinews):
        from newsbrief.evaluate.clustering import load_multinews_stream, run_ecbplus, run_multinews

        # Multi-News's baselines use ECB+'s tuned distances, so ECB+ always runs first.
        results["ecbplus"] = run_ecbplus(args.data, tune_ours=args.tune, compare=before)
        if not args.skip_ecbplus:
            print_ecbplus(results["ecbplus"])
        if not args.skip_multinews:
            thresholds = results["ecbplus"]["thresholds"]
            distances = {name: thresholds[f"{name}_distance"] for name in ("baseline", "baseline_bigrams")}
            docs = load_multinews_stream(args.data)
            results["multinews"] = run_multinews(
                docs, distances, compare={"before: weighted mean, file order": ClusterConfig(join_model=None)}
            )
            print_multinews(results["multinews"])
    if args.sizes:
        results["throughput"] = [_child(size, retire) for size in args.sizes for retire in (False, True)]
        print_throughput(results["throughput"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
