"""Short, unique citation labels per article: the outlet where known, numbered when repeated."""

from __future__ import annotations

from collections import Counter

from newsbrief.types import Article


def citation_labels(articles: list[Article]) -> dict[str, str]:
    totals = Counter(a.label for a in articles)
    seen: Counter[str] = Counter()
    labels = {}
    for article in articles:
        seen[article.label] += 1
        labels[article.id] = (
            f"{article.label} {seen[article.label]}" if totals[article.label] > 1 else article.label
        )
    return labels
