"""Which articles count as one source when measuring how widely a fact is reported.

A wire story printed by three papers is one report, not three: if copies counted separately,
whatever the wire said would outweigh every independent outlet. Two articles are taken as
copies of one report when most sentences of the shorter one appear, word for word after
normalisation, in the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.summarize.terms import terms
from newsbrief.text.sets import DisjointSet
from newsbrief.types import Article

# Share of the shorter article's sentences that must reappear in the other one.
COPY_SHARE = 0.5


def _sentence_keys(article: Article) -> set[str]:
    return {" ".join(terms(s.text)) for s in article.sentences} - {""}


def source_groups(articles: Sequence[Article]) -> list[int]:
    """For each article, the index of its source group (0, 1, ... in order of first article)."""
    keys = [_sentence_keys(a) for a in articles]
    sets = DisjointSet(range(len(articles)))
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            shorter = min(len(keys[i]), len(keys[j]))
            if shorter and len(keys[i] & keys[j]) >= COPY_SHARE * shorter:
                sets.merge(i, j)
    numbering: dict[int, int] = {}
    return [numbering.setdefault(sets[i], len(numbering)) for i in range(len(articles))]
