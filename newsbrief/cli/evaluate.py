"""`newsbrief evaluate`: ROUGE of newsbrief's summarizer next to baselines and published systems.

Every system is scored in one run, on the same clusters, in the dataset's official setting:

- ``duc2004``: ROUGE-1.5.5 recall, Porter stemming, summaries cut at 100 words, 4 human
  summaries per cluster (``newsbrief.evaluate.rouge.run_perl_rouge``). The 13 published
  systems collected by SumRepo are scored from their own outputs.
- ``multinews``: ROUGE F1 with Porter stemming (Google's ``rouge-score``) on the 250-cluster
  raw validation sample, 250-word summaries.

newsbrief's concept weights were learned on half of each dataset's clusters (``newsbrief.summarize
.learn``); a second table scores every system on the other, held-out half only.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsbrief.cli.app import EXIT_NOTHING_USABLE, ReportFormat, app, missing_extra
from newsbrief.cli.output import OutOption, emit
from newsbrief.render.json import dumps

# Systems of this project: the summarizer as shipped, and without sentence compression.
# Our systems as summarize.Options overrides (built on use: the summarizer is slow to import).
OURS: dict[str, dict[str, Any]] = {
    "newsbrief": {},
    "newsbrief-extract": {"compress": False},
}


class Dataset(StrEnum):
    duc2004 = "duc2004"
    multinews = "multinews"


@dataclass(frozen=True, slots=True)
class Setting:
    title: str
    words: int
    metrics: tuple[str, ...]
    measure: str
    # Scraped text goes through the pipeline's cleaner; DUC's clean text takes the light path.
    clean: bool
    # ROUGE cuts DUC summaries at the word limit, so the space after the last whole sentence
    # is filled with one more sentence, as the published systems' outputs do.
    overflow: bool
    model_key: str


SETTINGS = {
    Dataset.duc2004: Setting(
        title="DUC 2004 Task 2, ROUGE-1.5.5 -n 4 -m -l 100 -2 4 -u, recall (%)",
        words=100,
        metrics=("rouge-1", "rouge-2", "rouge-4", "rouge-l", "rouge-su4"),
        measure="recall",
        clean=False,
        overflow=True,
        model_key="duc2004",
    ),
    Dataset.multinews: Setting(
        title="Multi-News raw validation sample, rouge-score F1 (%), Porter stemming",
        words=250,
        metrics=("rouge-1", "rouge-2", "rouge-l", "rouge-lsum"),
        measure="F1",
        clean=True,
        overflow=False,
        model_key="multinews-val",
    ),
}


@dataclass(slots=True)
class Row:
    system: str
    kind: str
    scores: dict[str, float]
    interval: dict[str, tuple[float, float]] | None = None
    seconds: float | None = None

    def record(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "kind": self.kind,
            "scores": {m: round(v, 2) for m, v in self.scores.items()},
            "interval": (
                {m: [round(lo, 2), round(hi, 2)] for m, (lo, hi) in self.interval.items()}
                if self.interval
                else None
            ),
            "seconds": None if self.seconds is None else round(self.seconds, 2),
        }


@dataclass(slots=True)
class Outputs:
    summaries: dict[str, dict[str, str]]
    kinds: dict[str, str]
    seconds: dict[str, float]


def _load_clusters(dataset: Dataset, clusters_file: Path | None, root: str | None) -> list[Any]:
    from newsbrief.evaluate.datasets import load_clusters_jsonl, load_duc2004, load_multinews_sample

    if clusters_file is not None:
        return load_clusters_jsonl(clusters_file)
    return load_duc2004(root) if dataset is Dataset.duc2004 else load_multinews_sample("val", root)


def _our_outputs(
    clusters: Sequence[Any], names: Sequence[str], setting: Setting, words: int
) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    from newsbrief.evaluate.texts import articles_from_texts
    from newsbrief.summarize import Options, summarize

    started = time.perf_counter()
    prepared = {c.id: articles_from_texts(c.documents, clean=setting.clean) for c in clusters}
    preparing = time.perf_counter() - started
    summaries: dict[str, dict[str, str]] = {}
    seconds: dict[str, float] = {}
    for name in names:
        options = Options(**OURS[name], overflow=setting.overflow)
        started = time.perf_counter()
        summaries[name] = {
            cid: "\n".join(" ".join(s.text.split()) for s in summarize(articles, words, options))
            for cid, articles in prepared.items()
        }
        # Sentence splitting and cleaning are part of the cost of each of our systems.
        seconds[name] = time.perf_counter() - started + preparing
    return summaries, seconds


def run_systems(clusters: Sequence[Any], names: Sequence[str], setting: Setting, words: int) -> Outputs:
    from newsbrief.evaluate.baselines import BASELINES

    ours = [n for n in names if n in OURS]
    summaries, seconds = _our_outputs(clusters, ours, setting, words)
    kinds = dict.fromkeys(ours, "newsbrief")
    for name in names:
        if name in BASELINES:
            started = time.perf_counter()
            summaries[name] = {c.id: BASELINES[name](list(c.documents), words) for c in clusters}
            seconds[name] = time.perf_counter() - started
            kinds[name] = "baseline"
        elif name not in OURS:
            summaries[name] = {c.id: c.system_summaries[name] for c in clusters}
            kinds[name] = "published"
    return Outputs(summaries, kinds, seconds)


def score(outputs: Outputs, references: Mapping[str, Sequence[str]], setting: Setting) -> list[Row]:
    """One row per system over the clusters of ``references``, best ROUGE-1 first."""
    from newsbrief.evaluate.rouge import run_perl_rouge, score_multinews

    systems = {name: {c: summaries[c] for c in references} for name, summaries in outputs.summaries.items()}
    rows = []
    if setting.measure == "recall":
        results = run_perl_rouge(systems, references, word_limit=setting.words)
        for name, result in results.items():
            scores = {m: result.average[m] for m in setting.metrics}
            interval = {m: result.interval[m] for m in setting.metrics}
            rows.append(Row(name, outputs.kinds[name], scores, interval, outputs.seconds.get(name)))
    else:
        for name, summaries in systems.items():
            found = score_multinews(summaries, references)
            scores = {m: found[m] for m in setting.metrics}
            rows.append(Row(name, outputs.kinds[name], scores, None, outputs.seconds.get(name)))
    return sorted(rows, key=lambda r: -r.scores[setting.metrics[0]])


def held_out_ids(cluster_ids: Sequence[str]) -> list[str]:
    """Clusters the shipped concept model did not learn from."""
    from newsbrief.summarize.concepts import default_model

    trained = {cid for ids in default_model().meta.get("trained_on", {}).values() for cid in ids}
    return [cid for cid in cluster_ids if cid not in trained]


def format_table(title: str, rows: Sequence[Row], setting: Setting) -> str:
    labels = [m.upper().replace("ROUGE-", "R") for m in setting.metrics]
    first = setting.metrics[0]
    with_interval = any(row.interval for row in rows)
    header = f"{'system':<20}{'kind':<11}" + "".join(f"{label:>8}" for label in labels)
    if with_interval:
        header += f"{labels[0] + ' 95% CI':>15}"
    lines = [title, header + f"{'sec':>8}"]
    for row in rows:
        cells = "".join(f"{row.scores[m]:8.2f}" for m in setting.metrics)
        if with_interval:
            low, high = row.interval[first] if row.interval else (float("nan"),) * 2
            cells += f"{f'{low:.2f}-{high:.2f}':>15}"
        took = f"{row.seconds:8.1f}" if row.seconds is not None else f"{'-':>8}"
        lines.append(f"{row.system:<20}{row.kind:<11}{cells}{took}")
    return "\n".join(lines)


def _all_names(clusters: Sequence[Any]) -> list[str]:
    from newsbrief.evaluate.baselines import BASELINES

    published = sorted(clusters[0].system_summaries) if clusters else []
    return [*OURS, *BASELINES, *published]


def _check_names(names: Sequence[str], known: Sequence[str]) -> None:
    unknown = [n for n in names if n not in known]
    if unknown:
        raise typer.BadParameter(
            f"unknown system(s) {', '.join(unknown)}; known: {', '.join(known)}",
            param_hint="--system",
        )


@app.command()
def evaluate(
    dataset: Annotated[Dataset, typer.Argument(help="duc2004 or multinews")],
    system: Annotated[
        list[str] | None,
        typer.Option("--system", "-s", help="Score only these systems (repeatable)"),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N clusters")] = None,
    words: Annotated[
        int | None, typer.Option(min=10, help="Summary length (default: 100 DUC, 250 Multi-News)")
    ] = None,
    clusters_file: Annotated[
        Path | None,
        typer.Option("--clusters", help="JSONL of clusters to use instead of the dataset's own"),
    ] = None,
    data_root: Annotated[
        str | None,
        typer.Option(help="Evaluation data root (default: $NEWSBRIEF_DATA, ../shared/data)"),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="text or json")
    ] = ReportFormat.text,
    out: OutOption = None,
) -> None:
    """Score newsbrief, lead/LexRank/TextRank and (DUC 2004) the published systems with ROUGE."""
    try:
        _evaluate(dataset, system, limit, words, clusters_file, data_root, output_format, out)
    except ModuleNotFoundError as exc:
        message = missing_extra(exc)
        if message is None:
            raise
        print(f"newsbrief: evaluate: {message}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE) from None


def _evaluate(
    dataset: Dataset,
    system: list[str] | None,
    limit: int | None,
    words: int | None,
    clusters_file: Path | None,
    data_root: str | None,
    output_format: ReportFormat,
    out: Path | None,
) -> None:
    from newsbrief.evaluate.datasets import DatasetNotFoundError
    from newsbrief.evaluate.rouge import RougeUnavailableError

    setting = SETTINGS[dataset]
    length = words or setting.words
    try:
        clusters = _load_clusters(dataset, clusters_file, data_root)
    except (DatasetNotFoundError, ValueError) as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE) from exc
    clusters = clusters[:limit] if limit else clusters
    if not clusters:
        print("newsbrief: no cluster to evaluate", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE)
    known = _all_names(clusters)
    names = list(dict.fromkeys(system)) if system else known
    _check_names(names, known)
    setting = replace(setting, words=length)

    outputs = run_systems(clusters, names, setting, length)
    references = {c.id: list(c.references) for c in clusters}
    held = held_out_ids([c.id for c in clusters])
    try:
        tables = [("all", len(clusters), score(outputs, references, setting))]
        if held and len(held) < len(clusters):
            held_refs = {cid: references[cid] for cid in held}
            tables.append(("held-out", len(held), score(outputs, held_refs, setting)))
    except RougeUnavailableError as exc:
        print(f"newsbrief: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_NOTHING_USABLE) from exc

    if output_format is ReportFormat.json:
        emit(dumps(_record(dataset, setting, tables)), out)
        return
    blocks = []
    for which, count, rows in tables:
        scope = (
            f"all {count} clusters"
            if which == "all"
            else f"{count} held-out clusters (not used to learn newsbrief's concept weights)"
        )
        blocks.append(format_table(f"{setting.title}, {setting.words} words, {scope}", rows, setting))
    emit("\n\n".join(blocks), out)


def _record(
    dataset: Dataset, setting: Setting, tables: Sequence[tuple[str, int, list[Row]]]
) -> dict[str, Any]:
    return {
        "dataset": dataset.value,
        "setting": setting.title,
        "measure": setting.measure,
        "words": setting.words,
        "tables": [
            {"clusters": which, "count": count, "rows": [r.record() for r in rows]}
            for which, count, rows in tables
        ],
    }
