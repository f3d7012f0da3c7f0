"""Learn the concept model (``concept_model.json``) from clusters with human summaries.

A concept of a cluster is a positive example when a human summary of that cluster uses it
(after the same stemming ROUGE applies). Only tuning clusters are used: DUC 2004 has no
validation split, so every other cluster (positions 0, 2, 4, ... in file order) tunes and the
rest are held out; Multi-News tunes on every other validation cluster the same way. The ids
of the tuning clusters are stored in the model, so evaluation can report the held-out
clusters separately.

Usage: python -m newsbrief.evaluate.concept_learning [--data-root PATH] [--output FILE]
(needs the evaluation data and the ``eval`` extra; see docs/summary-quality.md)
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsbrief.group.sources import source_numbers
from newsbrief.summarize.concepts import (
    MODEL_FILE,
    ConceptModel,
    Kind,
    LogisticModel,
    SentenceUnit,
    concept_features,
    expand,
    sentence_units,
)
from newsbrief.summarize.terms import terms
from newsbrief.types import Article

# Strong regularisation: 25 + 125 tuning clusters, and the model must transfer.
REGULARISATION = 0.1
KINDS: tuple[Kind, ...] = ("bigram", "unigram")


@dataclass(slots=True)
class Example:
    """One tuning cluster: its articles and its human summaries."""

    id: str
    articles: list[Article]
    references: Sequence[str]


def tuning_half(ids: Sequence[str]) -> list[str]:
    """Every other cluster, in the dataset's own order: the clusters the model may learn from."""
    return list(ids[0::2])


def _reference_concepts(references: Iterable[str], kind: Kind) -> set[object]:
    found: set[object] = set()
    for reference in references:
        t = terms(reference)
        found.update(itertools.pairwise(t) if kind == "bigram" else t)
    return found


def cluster_rows(example: Example, kind: Kind) -> tuple[np.ndarray, np.ndarray]:
    """Expanded feature rows of the cluster's candidate concepts, and their labels."""
    units: list[SentenceUnit] = sentence_units(example.articles, source_numbers(example.articles))
    n_sources = len({u.source for u in units}) or 1
    concepts, features = concept_features(units, n_sources, kind)
    used = _reference_concepts(example.references, kind)
    labels = np.array([c in used for c in concepts], dtype=bool)
    return expand(features, n_sources), labels


def fit(examples: Sequence[Example], kind: Kind, regularisation: float = REGULARISATION) -> LogisticModel:
    rows, labels = zip(*(cluster_rows(e, kind) for e in examples), strict=True)
    x, y = np.vstack(rows), np.concatenate(labels)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=regularisation, max_iter=5000).fit((x - mean) / scale, y)
    return LogisticModel(mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))


def learn(examples: Sequence[Example], **meta: object) -> ConceptModel:
    return ConceptModel(bigram=fit(examples, "bigram"), unigram=fit(examples, "unigram"), meta=dict(meta))


def dump_model(model: ConceptModel) -> str:
    """JSON with one top-level key per line, so a re-learned model diffs readably."""
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in model.record().items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def load_examples(root: str | None) -> tuple[list[Example], dict[str, list[str]]]:
    """The tuning clusters of DUC 2004 (light path) and the Multi-News sample (cleaned)."""
    from newsbrief.evaluate.datasets import load_duc2004, load_multinews_sample
    from newsbrief.evaluate.texts import articles_from_texts

    examples: list[Example] = []
    trained_on: dict[str, list[str]] = {}
    for name, clusters, clean in (
        ("duc2004", load_duc2004(root), False),
        ("multinews-val", load_multinews_sample("val", root), True),
    ):
        chosen = set(tuning_half([c.id for c in clusters]))
        trained_on[name] = [c.id for c in clusters if c.id in chosen]
        for cluster in clusters:
            if cluster.id in chosen:
                articles = articles_from_texts(cluster.documents, clean=clean)
                examples.append(Example(cluster.id, articles, cluster.references))
    return examples, trained_on


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-root", help="evaluation data root (default: $NEWSBRIEF_DATA)")
    parser.add_argument("--output", type=Path, default=Path(__file__).parents[1] / "summarize" / MODEL_FILE)
    args = parser.parse_args(argv)
    examples, trained_on = load_examples(args.data_root)
    model = learn(
        examples,
        trained_on=trained_on,
        command="python -m newsbrief.evaluate.concept_learning",
    )
    args.output.write_text(dump_model(model), encoding="utf-8")
    print(f"learned from {len(examples)} clusters -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
