"""Ingest throughput and how it scales: articles/second, time and memory against store size.

Usage:
    python benchmarks/ingest.py                 # 1k, 2.5k, 5k, 10k articles + 400 end to end
    python benchmarks/ingest.py --full          # adds 25k, 50k and 100k
    python benchmarks/ingest.py --sizes 2000 --end-to-end 0 --json out.json

Two measurements, each in its own process pinned to one CPU core:

* scale: N synthetic *cleaned* articles go through everything ingest does after cleaning
  (content hash, MinHash + LSH near-duplicate search against the whole store, SQLite writes
  in one transaction per batch, event clustering when newsbrief.group.cluster exists).
  Reported per N: wall seconds and articles/s; CPU seconds and articles per CPU second
  (steady on a machine shared with other work); articles per CPU second over the first and
  the last tenth of the run (a rate that falls as the store grows would betray an all-pairs
  step); peak RSS growth over the process's size just before ingesting; the store file size.
* end to end: real `ingest_paths` on a .jsonl.gz of raw documents (reading, cleaning with
  pipeline.clean_documents including sentence splitting, then all of the above).

Synthetic articles are built from the documents of ../shared/data/multinews (raw sample) and
../shared/data/duc2004: each synthetic event takes one source cluster, renames its capitalised
words with event-specific invented names, gets its own date, and draws 1-8 articles from the
cluster's documents with 8% of words replaced (so they are not near-duplicates of each other);
10% of articles are followed by a syndicated copy with 1% of words replaced.
Evaluation data is only read here, never copied into the package.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsbrief.types import Article, Paragraph, RawDocument, Sentence

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
MULTINEWS = SHARED / "multinews" / "multinews_raw_sample250_val.jsonl"
DUC = SHARED / "duc2004" / "duc2004_task2.jsonl"
DEFAULT_SIZES = (1_000, 2_500, 5_000, 10_000)
FULL_SIZES = (25_000, 50_000, 100_000)

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")
_KEEP = frozenset(
    {
        "The", "This", "That", "These", "Those", "And", "But", "For", "With", "From", "When",
        "While", "After", "Before", "His", "Her", "Their", "They", "She", "Its", "Our", "Not",
        "One", "Two", "Three", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday",
    }
)  # fmt: skip
_SYLLABLES = (
    "ka lo mi ren tu sa vel dor an is bri tho ma ne xu pel gar fin ost ru".split()  # noqa: SIM905
)


@dataclass(slots=True)
class Template:
    """One source document as paragraphs; a group is the documents of one source cluster."""

    paragraphs: list[str]


def load_groups() -> list[list[Template]]:
    groups: list[list[Template]] = []
    if MULTINEWS.is_file():
        for line in MULTINEWS.open(encoding="utf-8"):
            docs = [_paragraphs_of(d) for d in json.loads(line)["documents"]]
            groups.append([Template(p) for p in docs if len(p) >= 3])
    if DUC.is_file():
        for line in DUC.open(encoding="utf-8"):
            docs = [_paragraphs_of(d["text"]) for d in json.loads(line)["documents"]]
            groups.append([Template(p) for p in docs if len(p) >= 3])
    groups = [g for g in groups if g]
    if not groups:
        raise SystemExit(f"no source documents under {SHARED}")
    return groups


def _paragraphs_of(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.splitlines() if len(ln.strip()) > 40]
    if len(lines) >= 3:
        return lines
    # DUC documents are one block: cut them into three-sentence paragraphs.
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    return [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]


class Synthesizer:
    def __init__(self, groups: list[list[Template]], seed: int = 13) -> None:
        self.groups = groups
        self.rng = random.Random(seed)
        self.vocabulary = sorted({w for g in groups[:50] for t in g for p in t.paragraphs for w in p.split()})
        self.outlets = [f"Outlet {self._name(i, 'outlet')}" for i in range(200)]
        self.start = datetime(2024, 1, 1)

    def _name(self, key: Any, salt: str) -> str:
        digest = hashlib.blake2b(f"{salt}:{key}".encode(), digest_size=8).digest()
        return "".join(_SYLLABLES[b % len(_SYLLABLES)] for b in digest[:3]).capitalize()

    def events(self) -> Iterator[list[tuple[list[str], str, str]]]:
        """Each event: (paragraphs, outlet, published) per article."""
        k = 0
        while True:
            group = self.groups[self.rng.randrange(len(self.groups))]
            names: dict[str, str] = {}

            def rename(match: re.Match[str], k: int = k, names: dict[str, str] = names) -> str:
                word = match.group(0)
                if word in _KEEP:
                    return word
                if word not in names:
                    names[word] = self._name((k, word), "entity")
                return names[word]

            day = self.start + timedelta(hours=k * 0.75)
            size = min(8, 1 + int(self.rng.expovariate(0.6)))
            articles = []
            for _ in range(size):
                template = group[self.rng.randrange(len(group))]
                paragraphs = [_CAPITALISED.sub(rename, p) for p in template.paragraphs]
                published = (day + timedelta(hours=self.rng.uniform(0, 36))).isoformat(timespec="seconds")
                articles.append((self._edit(paragraphs, 0.08), self.rng.choice(self.outlets), published))
                if self.rng.random() < 0.1:
                    articles.append(
                        (
                            self._edit(articles[-1][0], 0.01),
                            self.rng.choice(self.outlets),
                            published,
                        )
                    )
            yield articles
            k += 1

    def _edit(self, paragraphs: list[str], rate: float) -> list[str]:
        rng, vocab = self.rng, self.vocabulary
        return [
            " ".join(rng.choice(vocab) if rng.random() < rate else w for w in p.split()) for p in paragraphs
        ]

    def articles(self, count: int) -> Iterator[tuple[RawDocument, Article]]:
        made = 0
        for number, event in enumerate(self.events()):
            for index, (paragraphs, outlet, published) in enumerate(event):
                if made == count:
                    return
                article_id = f"syn{number}-{index}"
                yield (
                    _document(article_id, outlet, published),
                    _article(article_id, paragraphs, outlet, published),
                )
                made += 1


def _document(article_id: str, outlet: str, published: str) -> RawDocument:
    return RawDocument(
        id=article_id,
        source=f"synthetic/{article_id}",
        content="",
        format="text",
        outlet=outlet,
        published=published,
    )


def _article(article_id: str, paragraphs: list[str], outlet: str, published: str) -> Article:
    """A cleaned article as clean_documents would give it (body paragraphs, sentence offsets)."""
    article = Article(
        id=article_id, text="", source=f"synthetic/{article_id}", outlet=outlet, published=published
    )
    article.headline = " ".join(paragraphs[0].split()[:12])
    body, offset = [], 0
    for number, text in enumerate(paragraphs):
        article.paragraphs.append(Paragraph(text=text, kind="body", start=offset, end=offset + len(text)))
        position = 0
        for piece in _SENTENCE_END.split(text):
            start = text.index(piece, position)
            article.sentences.append(
                Sentence(
                    article_id,
                    offset + start,
                    offset + start + len(piece),
                    index=len(article.sentences),
                    text=piece,
                    paragraph=number,
                )
            )
            position = start + len(piece)
        body.append(text)
        offset += len(text) + 2
    article.text = "\n\n".join(body)
    return article


# Child processes


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _rss_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def run_scale(size: int, batch_size: int, cluster: bool, workdir: Path) -> dict[str, Any]:
    from newsbrief.store import Store
    from newsbrief.store.ingest import Ingestor, open_clusterer

    _pin_to_one_core()
    synthesizer = Synthesizer(load_groups())
    db = workdir / f"scale-{size}.db"
    with Store(db) as store:
        clusterer = open_clusterer(store) if cluster else None
        ingestor = Ingestor(store, clusterer, batch_size=batch_size)
        stream = synthesizer.articles(size)
        # Warm up caches and lazily loaded models on a throwaway store before measuring.
        with Store(workdir / f"warm-{size}.db") as warm:
            Ingestor(warm, open_clusterer(warm) if cluster else None).write_batch(
                list(Synthesizer(synthesizer.groups, seed=99).articles(20)), []
            )
        rss_before = _rss_kib("VmRSS")
        spent, cpu, done, marks = 0.0, 0.0, 0, []
        while done < size:
            batch = [pair for _, pair in zip(range(batch_size), stream, strict=False)]
            started, cpu_started = time.perf_counter(), time.process_time()
            ingestor.write_batch(batch, [])
            spent += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
            done += len(batch)
            marks.append((done, cpu))
        counts = store.counts()
    peak = _rss_kib("VmHWM")
    # Rates over the first and last tenth, in CPU time: a step whose cost grows with the store
    # (an all-pairs comparison) would make the last tenth slower than the first.
    tenth = max(1, size // 10)
    first = next((d, c) for d, c in marks if d >= tenth)
    before_last = max(((d, c) for d, c in marks if d <= size - tenth), default=(0, 0.0))
    return {
        "articles": size,
        "seconds": round(spent, 2),
        "articles_per_second": round(size / spent, 1),
        # CPU time is what one core spent; wall time also counts waiting for a busy machine.
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_second": round(size / cpu, 1),
        "first_tenth_per_cpu_second": round(first[0] / first[1], 1),
        "last_tenth_per_cpu_second": round((size - before_last[0]) / (cpu - before_last[1]), 1),
        "rss_growth_mib": round(max(0, peak - rss_before) / 1024, 1),
        "db_mib": round(db.stat().st_size / 2**20, 1),
        "near_duplicates": counts.near_duplicates,
        "events": counts.events,
        "clustered": clusterer is not None,
    }


def run_end_to_end(size: int, batch_size: int, cluster: bool, workdir: Path) -> dict[str, Any]:
    from newsbrief.store import Store
    from newsbrief.store.ingest import ingest_paths, no_clusterer, open_clusterer

    _pin_to_one_core()
    feed = workdir / "feed.jsonl.gz"
    with gzip.open(feed, "wt", encoding="utf-8") as out:
        for document, article in Synthesizer(load_groups(), seed=5).articles(size):
            record = {
                "id": document.id,
                "outlet": document.outlet,
                "published": document.published,
                "text": f"{article.headline}\n\n{article.text}",
            }
            out.write(json.dumps(record) + "\n")
    with Store(workdir / "e2e.db") as store:
        factory = open_clusterer if cluster else no_clusterer
        started, cpu_started = time.perf_counter(), time.process_time()
        report = ingest_paths(store, [feed], clusterer_factory=factory, batch_size=batch_size)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    return {
        "articles": size,
        "added": report.added,
        "failed": len(report.failures),
        "seconds": round(seconds, 2),
        "articles_per_second": round(report.added / seconds, 1),
        "cpu_seconds": round(cpu, 2),
        "articles_per_cpu_second": round(report.added / cpu, 1),
        "failure_reasons": sorted({f.reason for f in report.failures}),
        "near_duplicates": report.near_duplicates,
        "clustered": report.clustered,
    }


def _child(mode: str, size: int, args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--child", mode, "--sizes", str(size),
        "--batch-size", str(args.batch_size), "--workdir", str(workdir),
    ]  # fmt: skip
    if args.no_cluster:
        command.append("--no-cluster")
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} {size} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--full", action="store_true", help="also 25k, 50k and 100k articles")
    parser.add_argument(
        "--end-to-end", type=int, default=400, help="raw documents through real ingest (0: skip)"
    )
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--no-cluster", action="store_true", help="leave event clustering out")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", choices=["scale", "e2e"], help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip() and int(s) > 0]
    if args.child:
        runner = run_scale if args.child == "scale" else run_end_to_end
        print(json.dumps(runner(sizes[0], args.batch_size, not args.no_cluster, args.workdir)))
        return
    if args.full:
        sizes += [s for s in FULL_SIZES if s not in sizes]
    results: dict[str, Any] = {"scale": [], "end_to_end": None}
    with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as tmp:
        print(f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'cpu s':>7} {'art/cpu s':>9} "
              f"{'first10%':>9} {'last10%':>8} {'RSS+MiB':>8} {'DB MiB':>7} {'dups':>6} "
              f"{'events':>7}")  # fmt: skip
        for size in sizes:
            row = _child("scale", size, args, Path(tmp))
            results["scale"].append(row)
            print(
                f"{row['articles']:>9} {row['seconds']:>8} {row['articles_per_second']:>7} "
                f"{row['cpu_seconds']:>7} {row['articles_per_cpu_second']:>9} "
                f"{row['first_tenth_per_cpu_second']:>9} {row['last_tenth_per_cpu_second']:>8} "
                f"{row['rss_growth_mib']:>8} {row['db_mib']:>7} {row['near_duplicates']:>6} "
                f"{row['events']:>7}",
                flush=True,
            )
        if results["scale"]:
            print(f"clustering: {'on' if results['scale'][0]['clustered'] else 'off'}")
        if args.end_to_end:
            row = _child("e2e", args.end_to_end, args, Path(tmp))
            results["end_to_end"] = row
            print(
                f"end to end (read + clean + store + dedup"
                f"{' + cluster' if row['clustered'] else ''}): "
                f"{row['added']} articles in {row['seconds']} s = "
                f"{row['articles_per_second']} articles/s ({row['cpu_seconds']} CPU s = "
                f"{row['articles_per_cpu_second']} articles per CPU second), {row['failed']} failed"
                + (f": {'; '.join(row['failure_reasons'])}" if row["failure_reasons"] else "")
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
