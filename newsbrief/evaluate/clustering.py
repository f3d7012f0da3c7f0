"""Event-clustering evaluation on ECB+: BCubed and pairwise P/R/F1, ours against a baseline.

ECB+ (Cybulska & Vossen 2014) has 43 topics, each with two similar but different "seminal
events" (two earthquakes, two emergency browser patches), 86 events over 982 documents. The
baseline is the usual batch method: TF-IDF (unigrams, sublinear tf, English stop words) and
average-linkage agglomerative clustering on cosine distance; ``baseline_bigrams`` adds word
pairs seen in two or more documents. Both compare every pair of documents. Ours streams the
documents in a seeded random order, in batches of 100 like ``newsbrief ingest``, through
``EventClusterer``.

Thresholds are chosen on the odd-numbered topics (``dev``) only and reported on the
even-numbered ones (``test``) and on all topics, each split clustered on its own. The
documents carry no publication dates, so the clusterer's time window plays no part here.
The first line of most ECB+ documents is the source URL; it is dropped (a URL is metadata,
and its slug would give the event away).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from newsbrief.evaluate.datasets import DatasetNotFoundError, find_data_root
from newsbrief.group.cluster import ClusterConfig, cluster_articles
from newsbrief.types import Article, Sentence

ECBPLUS_FILE = Path("ecbplus") / "ecbplus_docs.jsonl"
ORDER_SEEDS = (0, 1, 2, 3, 4)
STREAM_BATCH = 100
OURS_THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.15, 0.401, 0.025))
BASELINE_THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.5, 0.976, 0.025))
_URL_LINE = re.compile(r"^\s*(?:https?\s*:|www\s*\.)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """BCubed precision/recall (Bagga & Baldwin 1998), averaged over items."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    if not gold:
        return Scores(0.0, 0.0, 0.0)
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    both = Counter(zip(gold, predicted, strict=True))
    n = len(gold)
    precision = sum(c * c / predicted_sizes[p] for (_, p), c in both.items()) / n
    recall = sum(c * c / gold_sizes[g] for (g, _), c in both.items()) / n
    return Scores(precision, recall, _f1(precision, recall))


def pairwise(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Precision/recall over the pairs of items put in the same cluster."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")

    def pairs(counts: Counter) -> int:  # type: ignore[type-arg]
        return sum(c * (c - 1) // 2 for c in counts.values())

    shared = pairs(Counter(zip(gold, predicted, strict=True)))
    predicted_pairs, gold_pairs = pairs(Counter(predicted)), pairs(Counter(gold))
    precision = shared / predicted_pairs if predicted_pairs else 1.0
    recall = shared / gold_pairs if gold_pairs else 1.0
    return Scores(precision, recall, _f1(precision, recall))


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    article: Article
    event: str
    topic: int


def load_ecbplus(data_dir: str | Path | None = None) -> list[LabelledArticle]:
    """ECB+ documents as articles (one sentence per line, URL line dropped), with gold labels.

    ``data_dir``: the data root, its ``ecbplus`` folder, or the ``.jsonl`` file itself."""
    path = _ecbplus_file(data_dir)
    labelled = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            lines = [s.strip() for s in record["text"].split("\n")]
            lines = [s for s in lines if s and not _URL_LINE.match(s)]
            labelled.append(
                LabelledArticle(
                    _article(f"ecb-{record['doc']}", lines),
                    str(record["event_cluster"]),
                    int(record["topic"]),
                )
            )
    return labelled


def _ecbplus_file(data_dir: str | Path | None) -> Path:
    if data_dir is not None and Path(data_dir).is_file():
        return Path(data_dir)
    root = find_data_root(data_dir) if data_dir is None or Path(data_dir).is_dir() else None
    if root is None:
        raise DatasetNotFoundError(f"{data_dir} is neither the ECB+ file nor a folder")
    for candidate in (root / ECBPLUS_FILE, root / ECBPLUS_FILE.name):
        if candidate.is_file():
            return candidate
    raise DatasetNotFoundError(f"ECB+ not found under {root} (expected {ECBPLUS_FILE})")


def _article(article_id: str, lines: list[str]) -> Article:
    text = "\n".join(lines)
    sentences, start = [], 0
    for index, line in enumerate(lines):
        sentences.append(Sentence(article_id, start, start + len(line), index=index, text=line))
        start += len(line) + 1
    return Article(id=article_id, text=text, source="ecbplus", sentences=sentences)


def split_topics(docs: Sequence[LabelledArticle]) -> dict[str, list[LabelledArticle]]:
    """``dev`` (odd topics: thresholds are tuned here), ``test`` (even topics), ``all``."""
    return {
        "dev": [d for d in docs if d.topic % 2 == 1],
        "test": [d for d in docs if d.topic % 2 == 0],
        "all": list(docs),
    }


# Systems: each maps documents (in stream order) to predicted labels.

Clusterer = Callable[[Sequence[LabelledArticle]], list[str]]


def streaming_system(config: ClusterConfig) -> Clusterer:
    def run(docs: Sequence[LabelledArticle]) -> list[str]:
        labels = cluster_articles([d.article for d in docs], config, batch_size=STREAM_BATCH)
        return [labels[d.article.id] for d in docs]

    return run


def tfidf_agglomerative_system(distance_threshold: float, bigrams: bool = False) -> Clusterer:
    """The batch baseline: every document compared with every other (quadratic).

    ``bigrams`` adds word pairs seen in at least two documents, a stronger variant reported
    alongside the usual unigram one."""

    def run(docs: Sequence[LabelledArticle]) -> list[str]:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer

        if len(docs) < 2:
            return ["0"] * len(docs)
        vectorizer = TfidfVectorizer(
            sublinear_tf=True,
            stop_words="english",
            ngram_range=(1, 2) if bigrams else (1, 1),
            min_df=2 if bigrams else 1,
        )
        vectors = vectorizer.fit_transform([d.article.text for d in docs])
        distances = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 2.0)
        labels = AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=distance_threshold,
        ).fit_predict(distances)
        return [str(label) for label in labels]

    return run


@dataclass(frozen=True, slots=True)
class RunResult:
    bcubed: Scores
    pairwise: Scores
    seconds: float
    documents: int
    # BCubed F1 over each stream order (one value for order-independent systems).
    bcubed_f1_by_order: tuple[float, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "bcubed": self.bcubed.as_dict(),
            "pairwise": self.pairwise.as_dict(),
            "docs_per_second": self.documents / self.seconds if self.seconds else None,
            "documents": self.documents,
            "bcubed_f1_by_order": list(self.bcubed_f1_by_order),
        }


def shuffled(docs: Sequence[LabelledArticle], seed: int) -> list[LabelledArticle]:
    order = list(docs)
    random.Random(seed).shuffle(order)
    return order


def evaluate(
    system: Clusterer, docs: Sequence[LabelledArticle], seeds: Sequence[int] = ORDER_SEEDS
) -> RunResult:
    """Scores averaged over stream orders (one per seed)."""
    b_scores, p_scores, seconds = [], [], 0.0
    for seed in seeds:
        order = shuffled(docs, seed)
        started = time.perf_counter()
        predicted = system(order)
        seconds += time.perf_counter() - started
        gold = [d.event for d in order]
        b_scores.append(bcubed(gold, predicted))
        p_scores.append(pairwise(gold, predicted))
    return RunResult(
        bcubed=_mean(b_scores),
        pairwise=_mean(p_scores),
        seconds=seconds,
        documents=len(docs) * len(seeds),
        bcubed_f1_by_order=tuple(s.f1 for s in b_scores),
    )


def _mean(scores: list[Scores]) -> Scores:
    precision = float(np.mean([s.precision for s in scores]))
    recall = float(np.mean([s.recall for s in scores]))
    return Scores(precision, recall, float(np.mean([s.f1 for s in scores])))


def tune(
    make: Callable[[float], Clusterer],
    thresholds: Sequence[float],
    dev: Sequence[LabelledArticle],
    seeds: Sequence[int] = ORDER_SEEDS,
) -> tuple[float, dict[float, float]]:
    """The threshold with the best mean BCubed F1 on ``dev`` (ties: the first), and all F1s."""
    f1 = {t: evaluate(make(t), dev, seeds).bcubed.f1 for t in thresholds}
    best = max(thresholds, key=lambda t: (f1[t], -thresholds.index(t)))
    return best, f1


def run_ecbplus(
    data_dir: str | Path | None = None,
    config: ClusterConfig | None = None,
    seeds: Sequence[int] = ORDER_SEEDS,
    tune_ours: bool = False,
    topics: Collection[int] | None = None,
) -> dict[str, object]:
    """The ECB+ table: ours and the TF-IDF + agglomerative baseline on dev, test and all topics.

    The baseline's distance threshold is always tuned on ``dev``. Ours runs with ``config``
    (default: the shipped ``ClusterConfig``, itself tuned on ``dev``); ``tune_ours`` re-tunes
    its join threshold on ``dev`` here. Returns plain JSON-able data:
    ``{"dataset", "documents", "events", "splits": {split: {"ours": ..., "baseline": ...}},
    "thresholds": {...}, "dev_f1_by_threshold": {...}}``. ``topics`` restricts the run to
    some topics (for quick checks)."""
    docs = load_ecbplus(data_dir)
    if topics is not None:
        docs = [d for d in docs if d.topic in set(topics)]
    splits = split_topics(docs)
    config = config or ClusterConfig()
    baselines = {
        "baseline": lambda t: tfidf_agglomerative_system(t),
        "baseline_bigrams": lambda t: tfidf_agglomerative_system(t, bigrams=True),
    }
    tuned = {
        name: tune(make, BASELINE_THRESHOLDS, splits["dev"], seeds[:1]) for name, make in baselines.items()
    }
    ours_curve: dict[float, float] = {}
    if tune_ours:
        best, ours_curve = tune(
            lambda t: streaming_system(replace(config, threshold=t)),
            OURS_THRESHOLDS,
            splits["dev"],
            seeds,
        )
        config = replace(config, threshold=best)
    systems = {"ours": (streaming_system(config), seeds)}
    for name, make in baselines.items():
        # Agglomerative clustering does not depend on input order: one order is enough.
        systems[name] = (make(tuned[name][0]), seeds[:1])
    table = {
        split_name: {
            name: evaluate(system, split, system_seeds).as_dict()
            for name, (system, system_seeds) in systems.items()
        }
        for split_name, split in splits.items()
    }
    return {
        "dataset": "ECB+",
        "documents": len(docs),
        "events": len({d.event for d in docs}),
        "order_seeds": list(seeds),
        "splits": table,
        "thresholds": {
            "ours": config.threshold,
            **{f"{name}_distance": tuned[name][0] for name in baselines},
        },
        "config": _config_dict(config),
        "dev_f1_by_threshold": {
            "ours": {str(k): v for k, v in ours_curve.items()},
            **{name: {str(k): v for k, v in tuned[name][1].items()} for name in baselines},
        },
    }


def _config_dict(config: ClusterConfig) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(config)
