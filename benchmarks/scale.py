"""`newsbrief run` throughput and memory, local engine against Ray Data, on this machine.

Usage:
    python benchmarks/scale.py                          # 2,000 articles, both engines
    python benchmarks/scale.py --articles 5000 --workers 2 --engines local
    python benchmarks/scale.py --stages-only --articles 600   # per-article cost per stage
    python benchmarks/scale.py --json out.json

Two measurements on the same generated input:

* stages: every stage run in this process, on one core, one after another, timed in CPU
  seconds per article: read + clean + sentence split + MinHash (the Cleaner), the clustering
  embedding (the RowEmbedder), the sequential consumer (ids, LSH near-duplicate search, event
  clustering), and briefs without and with the cross-source analysis (spaCy). These are the
  per-article costs docs/scale.md turns into a cluster plan.
* engines: ``python -m newsbrief run INPUT --engine E --workers W --no-analysis`` as a child
  process, for each engine. Reported: wall seconds and articles per second (start-up
  included: a Ray cluster and its actors, or the worker pool); the CPU seconds (user + system)
  of every process of the tree, as last seen while polling; peak memory of the tree, as the
  largest sum of PSS (proportional set size, so
  memory shared between processes, like Ray's object store, is counted once) seen while
  polling every 0.2 s, and the driver's own peak RSS (VmHWM); and the phase timings the run
  reports. PSS needs Linux (``/proc/PID/smaps_rollup``).

The input: JSONL shards of raw article text built from ../shared/data/multinews (raw sample)
and ../shared/data/duc2004. Each synthetic event takes one source cluster, renames its
capitalised words with invented event-specific names, gets its own publication date (events
start 45 minutes apart), and turns each of the cluster's documents into one article with 8% of
its words replaced, so that articles are neither copies nor all about the same few events.
Evaluation data is only read here, never copied into the package.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SHARED = REPO.parent / "shared" / "data"
MULTINEWS = SHARED / "multinews" / "multinews_raw_sample250_val.jsonl"
DUC = SHARED / "duc2004" / "duc2004_task2.jsonl"
SHARDS = 8
POLL_SECONDS = 0.2

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_KEEP = frozenset(
    """The This That These Those And But For With From When While After Before His Her Their
    They She Its Our Not One Two Three Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    """.split()  # noqa: SIM905
)
_SYLLABLES = "ka lo mi ren tu sa vel dor an is bri tho ma ne xu pel gar fin ost ru".split()  # noqa: SIM905


# Input


def source_clusters() -> list[list[str]]:
    clusters: list[list[str]] = []
    if MULTINEWS.is_file():
        with MULTINEWS.open(encoding="utf-8") as lines:
            clusters.extend(json.loads(line)["documents"] for line in lines)
    if DUC.is_file():
        with DUC.open(encoding="utf-8") as lines:
            clusters.extend([d["text"] for d in json.loads(line)["documents"]] for line in lines)
    clusters = [[d for d in c if len(d.split()) >= 80] for c in clusters]
    clusters = [c for c in clusters if c]
    if not clusters:
        raise SystemExit(f"no source documents under {SHARED}")
    return clusters


def _name(key: str) -> str:
    digest = hashlib.blake2b(key.encode(), digest_size=3).digest()
    return "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest).capitalize()


def synthetic_articles(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    clusters = source_clusters()
    vocabulary = sorted({w for c in clusters[:40] for d in c for w in d.split()})
    rng = random.Random(seed)
    start = datetime(2024, 1, 1)
    made = 0
    for event in range(count):
        cluster = clusters[rng.randrange(len(clusters))]
        names: dict[str, str] = {}

        def rename(match: re.Match[str], event: int = event, names: dict[str, str] = names) -> str:
            word = match.group(0)
            if word in _KEEP:
                return word
            return names.setdefault(word, _name(f"{event}:{word}"))

        day = start + timedelta(hours=event * 0.75)
        for index, document in enumerate(cluster):
            if made == count:
                return
            words = _CAPITALISED.sub(rename, document).split(" ")
            text = " ".join(rng.choice(vocabulary) if rng.random() < 0.08 else w for w in words)
            published = day + timedelta(hours=rng.uniform(0, 36))
            yield {
                "id": f"syn{event}-{index}",
                "text": text,
                "outlet": f"Outlet {_name(f'outlet:{rng.randrange(300)}')}",
                "published": published.isoformat(timespec="seconds"),
            }
            made += 1


def write_input(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"shard-{i:02d}.jsonl" for i in range(SHARDS)]
    streams = [p.open("w", encoding="utf-8") for p in paths]
    for number, record in enumerate(synthetic_articles(count)):
        # Consecutive stretches of the stream, as a crawl's files (one per hour, say) hold it.
        streams[number * SHARDS // count].write(json.dumps(record) + "\n")
    for stream in streams:
        stream.close()
    return paths


# Stage costs (in this process, one core)


def stage_costs(inputs: list[Path], brief_events: int) -> dict[str, Any]:
    from newsbrief.pipeline import build_brief
    from newsbrief.scale.clustering import EventAssigner
    from newsbrief.scale.consolidate import Consolidator
    from newsbrief.scale.outputs import OutputFolder
    from newsbrief.scale.records import article_from_line
    from newsbrief.scale.shards import list_shards, read_shard
    from newsbrief.scale.spill import Spill
    from newsbrief.scale.stages import Briefer, Cleaner, RowEmbedder

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cleaner, embedder = Cleaner(), RowEmbedder()
    Briefer("/dev/null", analysis=True)  # loads spaCy before anything is timed
    timings: dict[str, float] = {}

    def timed(name: str, work: Any) -> Any:
        started = time.process_time()
        result = work()
        timings[name] = time.process_time() - started
        return result

    shards = list_shards(inputs)
    rows = timed("read", lambda: [row for shard in shards for row in read_shard(shard)])
    rows = timed("clean", lambda: cleaner(rows))
    rows = timed("embed", lambda: embedder(rows))
    articles = sum(1 for row in rows if row["kind"] == "article")
    with tempfile.TemporaryDirectory() as scratch:
        spill = Spill(Path(scratch) / "spill.sqlite")
        out = OutputFolder(Path(scratch) / "out")
        assigner = EventAssigner()
        consolidator = Consolidator(spill, out, assigner)
        half = len(rows) // 2
        timed("consolidate", lambda: consolidator.consume(rows[:half]))
        # Growth over the second half only: the first batches allocate fixed-size tables
        # (document frequencies, scratch vectors) that do not grow with the input.
        rss_half, articles_half = _rss_kib(os.getpid(), "VmRSS"), consolidator.report.articles
        second = timed("consolidate_rest", lambda: consolidator.consume(rows[half:]))
        timings["consolidate"] += timings.pop("consolidate_rest")
        out.close()
        later = second.articles - articles_half
        growth = {
            "rss_kib_per_article": round((_rss_kib(os.getpid(), "VmRSS") - rss_half) / later, 1),
            "spill_kib_per_article": round(
                (Path(scratch) / "spill.sqlite").stat().st_size / 1024 / articles, 1
            ),
            "events": sum(1 for _ in spill.events()),
        }
        timings["cluster"] = assigner.cpu_seconds  # part of consolidate
        events = [[m.id for m in ms] for _, ms in spill.events() if len(ms) >= 2][:brief_events]
        wanted = {i for ids in events for i in ids}
        found = {a.id: a for a in map(article_from_line, payloads(rows)) if a.id in wanted}
        groups = [[found[i] for i in ids] for ids in events]
        spill.close()
    briefed = sum(len(g) for g in groups)
    timed("brief", lambda: [build_brief(g, analysis=False) for g in groups])
    timed("brief_analysis", lambda: [build_brief(g, analysis=True) for g in groups])
    per_article = {
        name: round(1000 * seconds / articles, 3)
        for name, seconds in timings.items()
        if not name.startswith("brief")
    }
    for name in ("brief", "brief_analysis"):
        per_article[name] = round(1000 * timings[name] / max(1, briefed), 3)
    return {
        "articles": articles,
        "consolidation": growth,
        "briefed_articles": briefed,
        "briefed_events": len(groups),
        "cpu_ms_per_article": per_article,
    }


def payloads(rows: list[dict[str, Any]]) -> Iterator[str]:
    return (row["payload"] for row in rows if row["kind"] == "article")


# Engines (child processes, polled)


class TreeMonitor:
    """Peak PSS of a process and all its descendants, and their CPU seconds."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak_pss_kib = 0
        self.peak_processes = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._ticks = os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> TreeMonitor:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.is_set():
            pids = self._tree()
            total = 0
            for pid in pids:
                total += _pss_kib(pid)
                cpu = _cpu_seconds(pid, self._ticks)
                if cpu is not None:
                    self.cpu[pid] = max(cpu, self.cpu.get(pid, 0.0))
            self.peak_pss_kib = max(self.peak_pss_kib, total)
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop.wait(POLL_SECONDS)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                parent = _parent(int(entry))
                if parent is not None:
                    children.setdefault(parent, []).append(int(entry))
        found, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _cpu_seconds(pid: int, ticks: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime only: cutime/cstime would count again the children polled on their own.
    return sum(int(v) for v in fields[11:13]) / ticks


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _rss_kib(pid: int, field: str = "VmHWM") -> int:
    """``VmHWM`` (peak resident set) or ``VmRSS`` (now) of ``pid``, in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_engine(engine: str, inputs: list[Path], workers: int, out: Path) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "newsbrief", "run", *map(str, inputs), "--out", str(out),
        "--engine", engine, "--workers", str(workers), "--no-analysis", "--format", "json",
    ]  # fmt: skip
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, text=True
    )
    driver_hwm = 0
    with TreeMonitor(child.pid) as monitor:
        while child.poll() is None:
            driver_hwm = max(driver_hwm, _rss_kib(child.pid))
            time.sleep(POLL_SECONDS)
        stdout, stderr = child.communicate()
    seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):
        raise SystemExit(f"{engine} run failed ({child.returncode}):\n{stderr[-3000:]}")
    summary = json.loads(stdout)
    articles = summary["articles"]
    cpu = sum(monitor.cpu.values())
    return {
        "engine": engine,
        "workers": workers,
        "articles": articles,
        "events": summary["events"],
        "duplicates": summary["duplicates"],
        "briefs": summary["briefs"],
        "seconds": round(seconds, 2),
        "articles_per_second": round(articles / seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_article": round(1000 * cpu / max(1, articles), 2),
        "peak_pss_mib": round(monitor.peak_pss_kib / 1024, 1),
        "driver_peak_rss_mib": round(driver_hwm / 1024, 1),
        "processes": monitor.peak_processes,
        "timings": summary.get("timings", {}),
    }


# Report


def print_stages(result: dict[str, Any]) -> None:
    costs = result["cpu_ms_per_article"]
    print(
        f"\nStage costs, one core, CPU ms per article ({result['articles']} articles; briefs "
        f"over {result['briefed_events']} events / {result['briefed_articles']} articles):"
    )
    for name, value in costs.items():
        print(f"  {name:<16}{value:>10.2f}")
    growth = result["consolidation"]
    print(
        f"Sequential consumer: driver RSS +{growth['rss_kib_per_article']} KiB and spill "
        f"{growth['spill_kib_per_article']} KiB per article ({growth['events']} events)"
    )


def print_engines(results: list[dict[str, Any]]) -> None:
    header = (
        f"{'engine':<7}{'workers':>8}{'articles':>9}{'events':>7}{'seconds':>9}{'art/s':>8}"
        f"{'cpu s':>8}{'cpu ms/art':>11}{'peak PSS MiB':>13}{'driver MiB':>11}{'procs':>6}"
        f"  phases (prepare / cluster / briefs s)"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for r in results:
        t = r["timings"]
        print(
            f"{r['engine']:<7}{r['workers']:>8}{r['articles']:>9}{r['events']:>7}"
            f"{r['seconds']:>9.1f}{r['articles_per_second']:>8.1f}{r['cpu_seconds']:>8.1f}"
            f"{r['cpu_ms_per_article']:>11.2f}{r['peak_pss_mib']:>13.1f}"
            f"{r['driver_peak_rss_mib']:>11.1f}{r['processes']:>6}"
            f"  {t.get('prepare', 0):.1f} / {t.get('cluster', 0):.1f} / {t.get('briefs', 0):.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="local,ray")
    parser.add_argument("--stages-only", action="store_true")
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument("--brief-events", type=int, default=40, help="events briefed in stages")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    report: dict[str, Any] = {"articles_requested": args.articles, "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="newsbrief-scale-") as scratch:
        inputs = write_input(Path(scratch) / "input", args.articles)
        size = sum(p.stat().st_size for p in inputs)
        print(f"input: {args.articles} articles in {len(inputs)} shards, {size / 2**20:.1f} MiB")
        if not args.no_stages:
            report["stages"] = stage_costs(inputs, args.brief_events)
            print_stages(report["stages"])
        if not args.stages_only:
            report["engines"] = [
                run_engine(engine, inputs, args.workers, Path(scratch) / f"out-{engine}")
                for engine in args.engines.split(",")
            ]
            print_engines(report["engines"])
            outputs = {
                e: (Path(scratch) / f"out-{e}" / "events.jsonl").read_bytes() for e in args.engines.split(",")
            }
            print(f"\nevents.jsonl identical across engines: {len(set(outputs.values())) == 1}")
            report["identical_events"] = len(set(outputs.values())) == 1
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
