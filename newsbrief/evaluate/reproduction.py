"""Check that our DUC 2004 ROUGE setting reproduces the published SumRepo scores.

SumRepo (Hong et al., LREC 2014) released the outputs of 13 systems on DUC 2004 Task 2
together with the ROUGE-1.5.5 output used for the paper. Re-scoring those outputs with
``run_perl_rouge`` must give the same numbers; otherwise our scores are not comparable
with the literature.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsbrief.evaluate.datasets import Cluster, load_duc2004, published_duc2004_rouge_path
from newsbrief.evaluate.rouge import parse_rouge_output, run_perl_rouge

# The published run used "-n 4 -x": ROUGE-1..4 recall, no ROUGE-L.
PUBLISHED_METRICS = ("rouge-1", "rouge-2", "rouge-3", "rouge-4")
# ROUGE prints five decimals, i.e. 0.001 in percent.
_PRINTED_PRECISION = 0.0011


@dataclass(frozen=True, slots=True)
class ReproductionRow:
    system: str
    ours: dict[str, float]
    published: dict[str, float]
    # Clusters whose per-cluster score differs from the published one in any metric.
    mismatched_clusters: tuple[str, ...] = ()

    def difference(self, metric: str) -> float:
        return self.ours[metric] - self.published[metric]


def duc_topic(cluster_id: str) -> str:
    """DUC topic key shared by both id styles: ``d30001t`` (docs) and ``d30001`` (ROUGE)."""
    return cluster_id.lower().removesuffix("t")


def reproduce_published(
    root: str | os.PathLike[str] | None = None,
    *,
    systems: Sequence[str] | None = None,
    cluster_ids: Sequence[str] | None = None,
    published_path: str | os.PathLike[str] | None = None,
    resamples: int = 1000,
) -> list[ReproductionRow]:
    """Re-score SumRepo's DUC 2004 outputs and pair them with the published recall (%).

    With ``cluster_ids`` only those clusters are scored, and the published side is the
    mean of the published per-cluster scores over the same clusters.
    """
    clusters: list[Cluster] = load_duc2004(root)
    if cluster_ids is not None:
        wanted = {duc_topic(c) for c in cluster_ids}
        clusters = [c for c in clusters if duc_topic(c.id) in wanted]
    if not clusters:
        raise ValueError("no DUC 2004 clusters selected")
    names = list(systems) if systems is not None else sorted(clusters[0].system_summaries)
    outputs = {name: {c.id: c.system_summaries[name] for c in clusters} for name in names}
    references = {c.id: list(c.references) for c in clusters}
    ours = run_perl_rouge(outputs, references, rouge_l=False, rouge_su4=False, resamples=resamples)

    path = Path(published_path) if published_path else published_duc2004_rouge_path(root)
    published = parse_rouge_output(path.read_text(encoding="utf-8"))
    rows = []
    for name in names:
        by_topic = {duc_topic(c): s for c, s in published[name].per_cluster.items()}
        if cluster_ids is None:
            reference_scores = {m: published[name].average[m] for m in PUBLISHED_METRICS}
            our_scores = {m: ours[name].average[m] for m in PUBLISHED_METRICS}
        else:
            # The printed average is a bootstrap mean over all clusters of the run, so a
            # subset is compared on plain means of per-cluster scores on both sides.
            chosen = [by_topic[duc_topic(c.id)] for c in clusters]
            reference_scores = {
                m: sum(scores[m] for scores in chosen) / len(chosen) for m in PUBLISHED_METRICS
            }
            our_scores = {m: ours[name].mean()[m] for m in PUBLISHED_METRICS}
        mismatched = tuple(
            cluster.id
            for cluster in clusters
            if any(
                abs(ours[name].per_cluster[cluster.id][m] - by_topic[duc_topic(cluster.id)][m])
                > _PRINTED_PRECISION
                for m in PUBLISHED_METRICS
            )
        )
        rows.append(
            ReproductionRow(
                system=name,
                ours=our_scores,
                published=reference_scores,
                mismatched_clusters=mismatched,
            )
        )
    return rows


def format_reproduction_table(
    rows: Sequence[ReproductionRow], metrics: Sequence[str] = ("rouge-1", "rouge-2", "rouge-4")
) -> str:
    """Plain-text table: ours / published / difference for each metric (recall, %)."""
    labels = [m.upper().replace("ROUGE-", "R") for m in metrics]
    header = f"{'system':<11}" + "".join(
        f" | {label + ' ours':>8} {'publ':>6} {'diff':>6}" for label in labels
    )
    lines = [header + " | clusters differing", "-" * (len(header) + 21)]
    for row in rows:
        cells = "".join(
            f" | {row.ours[m]:8.3f} {row.published[m]:6.3f} {row.difference(m):+6.3f}" for m in metrics
        )
        lines.append(f"{row.system:<11}{cells} | {len(row.mismatched_clusters):>3}")
    worst = {m: max(abs(r.difference(m)) for r in rows) for m in metrics}
    lines.append("max |diff|: " + ", ".join(f"{m} {v:.3f}" for m, v in worst.items()))
    return "\n".join(lines)
