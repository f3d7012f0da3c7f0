"""Joining the events of different languages: the clusterer's words and names rarely cross a
language (or a script), so reports of one story in English and Spanish come out as two events.

Two events whose languages do not overlap are joined when their reports are close in the
multilingual embedding space (``newsbrief.languages.embed``: multilingual-e5-small, headline and
opening): the mean cosine over their cross-language article pairs reaches ``JOIN_COSINE``, and
their dates (where both have them) are within ``WINDOW_DAYS``. Same-language decisions are the
clusterer's and are never undone: a join is refused when the two sides share a language, so two
English events the clusterer kept apart never meet through a Spanish report.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

import numpy as np

from newsbrief.languages import embed
from newsbrief.types import Article

# Tuned for best same-story F1 on the cross-language (de-en) pairs of the tune half of the
# SemEval-2022 Task 8 real pairs (benchmarks/multilingual.py): on the test half, P 0.80 R 0.80
# (10 same-story pairs of 43). Cross-language cosines run lower than same-language ones (whose
# best threshold is 0.883), so the join does not borrow the same-language threshold.
JOIN_COSINE = 0.848
WINDOW_DAYS = 7.0


def languages_of(articles: Sequence[Article]) -> frozenset[str]:
    return frozenset(a.language or "en" for a in articles)


def join_across_languages(groups: list[list[Article]]) -> list[list[Article]]:
    """``groups`` (each one event) with cross-language reports of one story joined; order kept
    (a joined group sits where its first part was). Unchanged without the model or with one
    language."""
    languages = [languages_of(g) for g in groups]
    if len(groups) < 2 or len(frozenset().union(*languages)) < 2 or not embed.available():
        return groups
    texts = [embed.document_text(a.headline, a.text) for g in groups for a in g]
    vectors = embed.encode(texts)
    offsets = np.cumsum([0, *(len(g) for g in groups)])
    rows = [vectors[offsets[i] : offsets[i + 1]] for i in range(len(groups))]
    candidates = []
    for i, j in itertools.combinations(range(len(groups)), 2):
        if languages[i] & languages[j] or not _within_window(groups[i], groups[j]):
            continue
        score = float((rows[i] @ rows[j].T).mean())
        if score >= JOIN_COSINE:
            candidates.append((score, i, j))
    parent = list(range(len(groups)))
    members = {i: set(languages[i]) for i in range(len(groups))}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        a, b = root(i), root(j)
        if a == b or members[a] & members[b]:
            continue
        first, second = min(a, b), max(a, b)
        parent[second] = first
        members[first] |= members.pop(second)
    joined: dict[int, list[Article]] = {}
    for i, group in enumerate(groups):
        joined.setdefault(root(i), []).extend(group)
    return list(joined.values())


def _within_window(a: Sequence[Article], b: Sequence[Article]) -> bool:
    days_a, days_b = _days(a), _days(b)
    if not days_a or not days_b:
        return True
    gap = max(min(days_b) - max(days_a), min(days_a) - max(days_b), 0)
    return gap <= WINDOW_DAYS


def _days(articles: Sequence[Article]) -> list[int]:
    out = []
    for article in articles:
        try:
            out.append(date.fromisoformat((article.published or "")[:10]).toordinal())
        except ValueError:
            continue
    return out
