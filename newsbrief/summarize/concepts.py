"""Concepts of a cluster (stemmed bigrams and content words) and how much each is worth.

A summary is scored by the concepts it covers, each counted once (Gillick and Favre's concept
coverage, which also makes repetition worthless). A concept's worth is the probability that a
person summarizing the event would use it, predicted by a logistic model from what the
cluster itself shows:

- cross-source support: in how many independent sources it occurs (``df_frac``, ``log_df``),
  and how often (``log_tf``);
- position: how early it first occurs (``first_pos``), how early in each source (``mean_early``),
  in how many sources it is in the first three sentences (``lead_docs``);
- content: share of stop words (``stop``), written with capitals (``caps``: names), inside
  quotations (``quote``), numbers (``num``).

Each feature also enters multiplied by the log of the number of sources, so one model serves
two-article and ten-article clusters. The coefficients are learned by ``newsbrief.evaluate.concept_learning``
and shipped in ``concept_model.json``.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np

from newsbrief.summarize.terms import STOP_WORDS, Bigram, is_stop, tagged_terms
from newsbrief.types import Article

Kind = Literal["bigram", "unigram"]
Concept = Bigram | str

FEATURES = (
    "df_frac",
    "log_df",
    "log_tf",
    "first_pos",
    "mean_early",
    "lead_docs",
    "stop",
    "caps",
    "quote",
    "num",
)
LEAD_SENTENCES = 3
MODEL_FILE = "concept_model.json"


@dataclass(slots=True)
class SentenceUnit:
    """What the concept statistics need to know about one sentence."""

    source: int
    index: int
    relative: float
    tagged: list[tuple[str, bool]]
    quoted: bool

    @property
    def terms(self) -> list[str]:
        return [t for t, _ in self.tagged]


_QUOTE_MARKS = re.compile(r"[“”\"]")


def sentence_units(
    articles: Sequence[Article],
    groups: Sequence[int],
    tagged: Sequence[list[tuple[str, bool]]] | None = None,
) -> list[SentenceUnit]:
    """Units of every sentence of ``articles``, in order; ``groups[i]`` is article i's source;
    ``tagged``: every sentence's ``tagged_terms``, in the same order, when already computed."""
    units = []
    at = 0
    for article, group in zip(articles, groups, strict=True):
        count = max(len(article.sentences), 1)
        for s in article.sentences:
            units.append(
                SentenceUnit(
                    source=group,
                    index=s.index,
                    relative=s.index / count,
                    tagged=tagged_terms(s.text) if tagged is None else tagged[at],
                    quoted=bool(_QUOTE_MARKS.search(s.text)),
                )
            )
            at += 1
    return units


@dataclass(slots=True)
class _Stats:
    first: dict[int, int] = field(default_factory=dict)
    early: dict[int, float] = field(default_factory=dict)
    tf: int = 0
    caps: int = 0
    quoted: int = 0


def min_sources(n_sources: int) -> int:
    """Concepts found in fewer sources are not candidates: with three or more sources, a concept
    only one of them uses is that source's detail, not the event's."""
    return 2 if n_sources >= 3 else 1


def _items(unit: SentenceUnit, kind: Kind) -> Iterable[tuple[Concept, bool]]:
    tagged = unit.tagged
    if kind == "unigram":
        return ((t, cap) for t, cap in tagged if t not in STOP_WORDS)
    return (
        ((a, b), cap_a or cap_b)
        for (a, cap_a), (b, cap_b) in itertools.pairwise(tagged)
        if not (a in STOP_WORDS and b in STOP_WORDS)
    )


def concept_features(
    units: Sequence[SentenceUnit], n_sources: int, kind: Kind
) -> tuple[list[Concept], np.ndarray]:
    """Candidate concepts of one kind and their feature rows (columns: ``FEATURES``)."""
    stats: dict[Concept, _Stats] = {}
    for unit in units:
        for concept, capitalised in _items(unit, kind):
            s = stats.get(concept)
            if s is None:
                s = stats[concept] = _Stats()
            s.tf += 1
            s.caps += capitalised
            s.quoted += unit.quoted
            if unit.index < s.first.get(unit.source, 1 << 30):
                s.first[unit.source] = unit.index
            early = 1.0 - unit.relative
            if early > s.early.get(unit.source, -1.0):
                s.early[unit.source] = early
    threshold = min_sources(n_sources)
    concepts: list[Concept] = []
    rows: list[list[float]] = []
    for concept, s in stats.items():
        df = len(s.first)
        if df < threshold:
            continue
        parts = concept if isinstance(concept, tuple) else (concept,)
        concepts.append(concept)
        rows.append(
            [
                df / n_sources,
                math.log(df),
                math.log1p(s.tf),
                math.log1p(min(s.first.values())),
                sum(s.early.values()) / n_sources,
                sum(1 for f in s.first.values() if f < LEAD_SENTENCES) / n_sources,
                sum(is_stop(p) for p in parts) / len(parts),
                s.caps / s.tf,
                s.quoted / s.tf,
                float(any(p.isdigit() for p in parts)),
            ]
        )
    return concepts, np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def expand(features: np.ndarray, n_sources: int) -> np.ndarray:
    """Features, features × log(number of sources), and log(number of sources)."""
    size = math.log(max(n_sources, 1))
    column = np.full((features.shape[0], 1), size)
    return np.hstack([features, features * size, column])


@dataclass(frozen=True, slots=True)
class LogisticModel:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, features: np.ndarray, n_sources: int) -> np.ndarray:
        if features.shape[0] == 0:
            return np.zeros(0)
        x = (expand(features, n_sources) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))

    def record(self) -> dict[str, Any]:
        return {
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "coef": self.coef.round(6).tolist(),
            "intercept": round(float(self.intercept), 6),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> LogisticModel:
        return cls(
            mean=np.asarray(record["mean"], dtype=np.float64),
            scale=np.asarray(record["scale"], dtype=np.float64),
            coef=np.asarray(record["coef"], dtype=np.float64),
            intercept=float(record["intercept"]),
        )


@dataclass(frozen=True, slots=True)
class ConceptModel:
    """Probability that a concept is used by a human summary, and how that becomes a weight.

    A concept's weight is ``p - floor`` (concepts below the floor are ignored: covering a
    likely-irrelevant concept should not pay for words); content words are scaled by
    ``unigram_scale`` so that bigrams, which identify facts, lead.
    """

    bigram: LogisticModel
    unigram: LogisticModel
    floor: float = 0.1
    unigram_floor: float = 0.1
    unigram_scale: float = 0.25
    meta: dict[str, Any] = field(default_factory=dict)

    def weights(self, kind: Kind, features: np.ndarray, n_sources: int) -> np.ndarray:
        model, floor, scale = (
            (self.bigram, self.floor, 1.0)
            if kind == "bigram"
            else (self.unigram, self.unigram_floor, self.unigram_scale)
        )
        return scale * np.maximum(model.probability(features, n_sources) - floor, 0.0)

    def record(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "expansion": "features, features * log(n_sources), log(n_sources); standardised",
            "bigram": self.bigram.record(),
            "unigram": self.unigram.record(),
            "floor": self.floor,
            "unigram_floor": self.unigram_floor,
            "unigram_scale": self.unigram_scale,
            **self.meta,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ConceptModel:
        if tuple(record["features"]) != FEATURES:
            raise ValueError("concept model was learned on other features")
        known = {
            "features",
            "expansion",
            "bigram",
            "unigram",
            "floor",
            "unigram_floor",
            "unigram_scale",
        }
        return cls(
            bigram=LogisticModel.from_record(record["bigram"]),
            unigram=LogisticModel.from_record(record["unigram"]),
            floor=float(record["floor"]),
            unigram_floor=float(record["unigram_floor"]),
            unigram_scale=float(record["unigram_scale"]),
            meta={k: v for k, v in record.items() if k not in known},
        )

    @classmethod
    def load(cls, path: str | Path | None = None) -> ConceptModel:
        if path is None:
            return default_model()
        return cls.from_record(json.loads(Path(path).read_text(encoding="utf-8")))


@functools.cache
def default_model() -> ConceptModel:
    text = resources.files("newsbrief.summarize").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return ConceptModel.from_record(json.loads(text))


@dataclass(slots=True)
class ConceptSpace:
    """The cluster's weighted concepts, and a lookup from any sentence's terms to them."""

    ids: dict[Concept, int]
    weights: np.ndarray

    @classmethod
    def build(cls, units: Sequence[SentenceUnit], n_sources: int, model: ConceptModel) -> ConceptSpace:
        ids: dict[Concept, int] = {}
        parts: list[np.ndarray] = []
        for kind in ("bigram", "unigram"):
            concepts, features = concept_features(units, n_sources, kind)
            weights = model.weights(kind, features, n_sources)
            keep = np.flatnonzero(weights > 0)
            for k in keep:
                ids[concepts[int(k)]] = len(ids)
            parts.append(weights[keep])
        return cls(ids, np.concatenate(parts) if parts else np.zeros(0))

    def of(self, sentence_terms: Sequence[str]) -> list[int]:
        """Ids of the weighted concepts a sentence with these terms covers (each once)."""
        found = {self.ids.get(t) for t in sentence_terms}
        found.update(self.ids.get((a, b)) for a, b in itertools.pairwise(sentence_terms))
        found.discard(None)
        return sorted(found)  # type: ignore[arg-type]
