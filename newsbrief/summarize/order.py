"""Reading order of the chosen sentences.

News reports put the general statement first and details after it, so a sentence's relative
position in its report says where it belongs in a summary too; two sentences of one report
keep their order, so "he added" stays after the sentence that names him. When every article
has a publication date, earlier news comes first (chronological ordering, as in Barzilay et
al. 2002), and relative position orders sentences of the same day.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.types import Article, SummarySentence


def _day(article: Article) -> str | None:
    return article.published[:10] if article.published else None


def reading_order(summary: Sequence[SummarySentence], articles: Sequence[Article]) -> list[int]:
    """Indices of ``summary`` in the order a reader should see them."""
    by_id = {a.id: a for a in articles}
    lengths = {a.id: max(len(a.text), 1) for a in articles}
    dated = bool(articles) and all(_day(a) for a in articles)

    def key(i: int) -> tuple[str, float, int]:
        sentence = summary[i]
        position = sentence.start / lengths.get(sentence.article, 1)
        cited = [c.article for c in sentence.sources if c.article in by_id]
        day = min((_day(by_id[a]) or "" for a in cited), default="") if dated else ""
        return day, position, i

    return sorted(range(len(summary)), key=key)
