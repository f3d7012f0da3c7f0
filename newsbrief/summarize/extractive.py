"""Extractive multi-document summary whose every sentence cites the articles that state it.

Salience favours what several outlets report (cross-source support), what is
central to the cluster, and what comes early in a report; redundancy is removed
greedily (MMR-style) within a word budget; the chosen sentences are ordered by
where they appear in the reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsbrief.summarize.similarity import SentenceSimilarity
from newsbrief.summarize.support import SupportIndex
from newsbrief.types import Article, Sentence, SummarySentence

MIN_WORDS = 6
MAX_WORDS = 55
REDUNDANCY = 0.5

# Openings that lean on a previous sentence read badly out of context.
_DANGLING = re.compile(
    r"^(?:he|she|it|they|this|that|these|those|but|and|however|also|meanwhile)\b", re.IGNORECASE
)


@dataclass(slots=True)
class Weights:
    support: float = 1.0
    centrality: float = 1.0
    position: float = 0.35
    dangling: float = 0.3


def word_count(text: str) -> int:
    return len(text.split())


def summarize(
    articles: list[Article], words: int = 100, weights: Weights | None = None
) -> list[SummarySentence]:
    weights = weights or Weights()
    sentences = [s for a in articles for s in a.sentences]
    if not sentences:
        return []
    similarity = SentenceSimilarity.fit([s.text for s in sentences])
    index = SupportIndex(sentences, similarity)
    scores = _salience(articles, sentences, similarity.cosine, index, weights)
    redundancy = similarity.overlap()

    chosen: list[int] = []
    total = 0
    for i in np.argsort(-scores, kind="stable"):
        i = int(i)
        length = word_count(sentences[i].text)
        if not MIN_WORDS <= length <= MAX_WORDS:
            continue
        if chosen and redundancy[i, chosen].max() >= REDUNDANCY:
            continue
        if total and total + length > words * 1.15:
            continue
        chosen.append(i)
        total += length
        if total >= words * 0.9:
            break

    summary = [_cited(sentences[i], index) for i in chosen]
    summary.sort(key=lambda s: _reading_position(s, articles))
    return summary


def _salience(
    articles: list[Article],
    sentences: list[Sentence],
    similarity: np.ndarray,
    index: SupportIndex,
    weights: Weights,
) -> np.ndarray:
    n_articles = max(len(articles), 1)
    lengths = {a.id: max(len(a.sentences), 1) for a in articles}
    article_of = np.array([s.article for s in sentences])
    scores = np.zeros(len(sentences), dtype=np.float64)
    for i, sentence in enumerate(sentences):
        support = len(index.citations(i)) / n_articles
        others = article_of != sentence.article
        centrality = float(similarity[i, others].mean()) if others.any() else 0.0
        rank = sentence.index / lengths[sentence.article]
        position = 1.0 - rank
        dangling = 1.0 if _DANGLING.match(sentence.text) else 0.0
        scores[i] = (
            weights.support * support
            + weights.centrality * centrality * 5
            + weights.position * position
            - weights.dangling * dangling
        )
    return scores


def _cited(sentence: Sentence, index: SupportIndex) -> SummarySentence:
    i = index.sentences.index(sentence)
    return SummarySentence(
        text=sentence.text,
        article=sentence.article,
        start=sentence.start,
        end=sentence.end,
        sources=index.citations(i),
    )


def _reading_position(sentence: SummarySentence, articles: list[Article]) -> float:
    """Mean relative offset of the sentence across the articles that state it."""
    lengths = {a.id: max(len(a.text), 1) for a in articles}
    return float(np.mean([c.start / lengths[c.article] for c in sentence.sources]))
