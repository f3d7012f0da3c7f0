"""ROUGE of the baseline summarizers on DUC 2004 (recall, official setting) and on the
Multi-News raw validation sample (F1).

Usage: python benchmarks/baseline_rouge.py [--dataset duc2004|multinews|all] [--data-root PATH]
(newsbrief must be importable: pip install -e . or PYTHONPATH=.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence

from newsbrief.evaluate.baselines import BASELINES
from newsbrief.evaluate.datasets import load_duc2004, load_multinews_sample
from newsbrief.evaluate.rouge import run_perl_rouge, score_multinews

# SumRepo's own outputs of two classic baselines, scored in the same run for context.
SUMREPO_CONTEXT = ("Lead", "LexRank")
DUC_METRICS = ("rouge-1", "rouge-2", "rouge-4", "rouge-l", "rouge-su4")
MULTINEWS_METRICS = ("rouge-1", "rouge-2", "rouge-l", "rouge-lsum")


def _summaries(
    names: Sequence[str], clusters: Sequence[tuple[str, Sequence[str]]], words: int
) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    outputs: dict[str, dict[str, str]] = {}
    seconds: dict[str, float] = {}
    for name in names:
        started = time.perf_counter()
        outputs[name] = {cid: BASELINES[name](list(docs), words) for cid, docs in clusters}
        seconds[name] = time.perf_counter() - started
    return outputs, seconds


def run_duc(root: str | None, names: Sequence[str], words: int) -> None:
    clusters = load_duc2004(root)
    outputs, seconds = _summaries(names, [(c.id, c.documents) for c in clusters], words)
    for system in SUMREPO_CONTEXT:
        outputs[f"SumRepo {system}"] = {c.id: c.system_summaries[system] for c in clusters}
    scores = run_perl_rouge(outputs, {c.id: list(c.references) for c in clusters})
    print(
        f"DUC 2004 Task 2 ({len(clusters)} clusters), {words}-word summaries, "
        "ROUGE-1.5.5 -n 4 -m -l 100 -2 4 -u, recall (%), model average"
    )
    header = f"{'system':<18}" + "".join(f"{m.upper():>10}" for m in DUC_METRICS)
    print(header + f"{'R1 95% CI':>16}{'sec':>7}")
    for name, result in scores.items():
        low, high = result.interval["rouge-1"]
        cells = "".join(f"{result.average[m]:10.2f}" for m in DUC_METRICS)
        took = f"{seconds[name]:7.1f}" if name in seconds else f"{'-':>7}"
        print(f"{name:<18}{cells}{f'{low:.2f}-{high:.2f}':>16}{took}")


def run_multinews(root: str | None, names: Sequence[str], words: int) -> None:
    clusters = load_multinews_sample("val", root)
    outputs, seconds = _summaries(names, [(c.id, c.documents) for c in clusters], words)
    references = {c.id: list(c.references) for c in clusters}
    reference_words = [len(c.references[0].split()) for c in clusters]
    print(
        f"Multi-News raw val sample ({len(clusters)} clusters), {words}-word summaries, "
        "rouge-score F1 (%), Porter stemming; reference length mean "
        f"{statistics.mean(reference_words):.0f}, median {statistics.median(reference_words):.0f}"
    )
    print(f"{'system':<18}" + "".join(f"{m.upper():>12}" for m in MULTINEWS_METRICS) + "   sec")
    for name, summaries in outputs.items():
        scores = score_multinews(summaries, references)
        cells = "".join(f"{scores[m]:12.2f}" for m in MULTINEWS_METRICS)
        print(f"{name:<18}{cells}{seconds[name]:6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("duc2004", "multinews", "all"), default="all")
    parser.add_argument("--data-root", help="evaluation data root (default: $NEWSBRIEF_DATA)")
    parser.add_argument("--baselines", nargs="+", choices=sorted(BASELINES), default=None)
    parser.add_argument("--duc-words", type=int, default=100)
    parser.add_argument("--multinews-words", type=int, default=250)
    args = parser.parse_args(argv)
    names = args.baselines or list(BASELINES)
    if args.dataset in ("duc2004", "all"):
        run_duc(args.data_root, names, args.duc_words)
    if args.dataset == "all":
        print()
    if args.dataset in ("multinews", "all"):
        run_multinews(args.data_root, names, args.multinews_words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
