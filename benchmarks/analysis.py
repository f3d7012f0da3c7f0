"""Cross-source analysis benchmark: precision/recall per key against the hand-made gold clusters.

Usage: python3 benchmarks/analysis.py [--only NAME ...] [--per-cluster] [--format text|json]

Gold: tests/data/analyze/gold/*.json (the seeds and ten Multi-News validation clusters; see
tests/data/analyze/README.md). Each cluster's documents are cleaned by the normal pipeline and
analysed as one event with ``newsbrief.analyze.event.analyze_event``; the keys are scored by
``newsbrief.evaluate.analysis`` and pooled over clusters (micro-average). Also prints the NLP
model's load time and the analysis throughput measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsbrief.analyze.event import analyze_event
from newsbrief.analyze.nlp import nlp_status
from newsbrief.evaluate.analysis import Score, score_analysis
from newsbrief.pipeline import clean_documents, load_articles
from newsbrief.types import Article, RawDocument

REPO = Path(__file__).resolve().parents[1]
GOLD_MODULE = REPO / "tests" / "data" / "analyze" / "gold.py"


def load_gold_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsbrief_gold", GOLD_MODULE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GOLD_MODULE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def cluster_articles(gold_module: ModuleType, gold: dict[str, Any]) -> list[Article]:
    """The gold cluster's documents, cleaned, with the gold document ids as article ids."""
    source = gold["source"]
    if source["kind"] == "seeds":
        articles, failures = load_articles([gold_module.shared_dir() / source["path"]])
    else:
        documents = [
            RawDocument(
                id=d["id"],
                source=f"{gold['name']}:{d['id']}",
                content=gold_module.load_text(d["id"], source),
                format="text",
            )
            for d in gold["documents"]
        ]
        articles, failures = clean_documents(documents)
    for failure in failures:
        print(f"warning: {gold['name']}: {failure}", file=sys.stderr)
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="gold cluster names (default: all)")
    parser.add_argument("--per-cluster", action="store_true", help="also print each cluster")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args()

    gold_module = load_gold_module()
    names = args.only or gold_module.list_gold()
    # Wall and CPU time: CPU time stays meaningful on a busy shared machine.
    began, began_cpu = time.perf_counter(), time.process_time()
    status = nlp_status()  # loads the model, so its time is not counted as analysis
    load_seconds, load_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    totals: dict[str, Score] = {}
    per_cluster: dict[str, dict[str, Any]] = {}
    analysis_seconds = analysis_cpu = 0.0
    n_articles = n_chars = 0
    for name in names:
        gold = gold_module.load_gold(name)
        articles = cluster_articles(gold_module, gold)
        began, began_cpu = time.perf_counter(), time.process_time()
        sections = analyze_event(articles, [])
        analysis_seconds += time.perf_counter() - began
        analysis_cpu += time.process_time() - began_cpu
        n_articles += len(articles)
        n_chars += sum(len(a.text) for a in articles)
        for failure in sections["analysis"]["failed"]:
            print(
                f"warning: {name}: section {failure['section']} failed: {failure['error']}",
                file=sys.stderr,
            )
        scores = score_analysis(sections, {a.id: a.text for a in articles}, gold)
        per_cluster[name] = {key: score.record() for key, score in scores.items()}
        for key, score in scores.items():
            totals[key] = totals.get(key, Score()) + score

    report = {
        "clusters": names,
        "nlp": {"model": status.model, "version": status.version, "reason": status.reason or None},
        "timing": {
            "model_load_s": round(load_seconds, 3),
            "model_load_cpu_s": round(load_cpu, 3),
            "analysis_s": round(analysis_seconds, 3),
            "analysis_cpu_s": round(analysis_cpu, 3),
            "articles": n_articles,
            "articles_per_s": round(n_articles / analysis_seconds, 2) if analysis_seconds else None,
            "chars_per_s": round(n_chars / analysis_seconds) if analysis_seconds else None,
        },
        "total": {key: score.record() for key, score in totals.items()},
    }
    if args.per_cluster:
        report["per_cluster"] = per_cluster
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{len(names)} gold clusters, {n_articles} articles; NLP model: {status.model or 'none'}"
        f" {status.version or ''} {status.reason}".rstrip()
    )
    timing = report["timing"]
    print(
        f"model load {timing['model_load_s']} s ({timing['model_load_cpu_s']} s CPU); "
        f"analysis, all sections: {timing['analysis_s']} s ({timing['analysis_cpu_s']} s CPU; "
        f"{timing['articles_per_s']} articles/s, {timing['chars_per_s']} chars/s)"
    )
    print()
    print(f"{'key':<18}{'P':>7}{'R':>7}{'F1':>7}   pred/gold matched")
    rows = [("total", totals)]
    if args.per_cluster:
        rows += [(n, {k: Score(**_counts(v)) for k, v in per_cluster[n].items()}) for n in names]
    for label, scores in rows:
        if label != "total":
            print(f"\n[{label}]")
        for key, s in scores.items():
            print(
                f"{key:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}   "
                f"{s.matched_pred}/{s.n_pred}  {s.matched_gold}/{s.n_gold}"
            )
    return 0


def _counts(record: dict[str, Any]) -> dict[str, int]:
    return {k: record[k] for k in ("matched_pred", "n_pred", "matched_gold", "n_gold")}


if __name__ == "__main__":
    sys.exit(main())
