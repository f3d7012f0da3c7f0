"""Coverage: what each article alone reports and which widely reported claims it leaves out,
computed with the rest of the cross-source comparison (sources, claims, numbers, timeline).

``compare_sources`` runs the comparison once per event; the brief's sections read from it:

- an article's *exclusive* claims are those no other independent source states (its own wire
  copies do not count as confirmation);
- its *omitted* claims are the major ones it does not state: claims stated by a majority of the
  other independent sources, and by at least two of them;
- its *contradicted* claims are those it states differently (another figure, a negation).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsbrief.analyze.claims import (
    SentenceSpace,
    build_claims,
    claim_index,
    mark_number_conflicts,
    sentence_embeddings,
)
from newsbrief.analyze.context import BriefContext
from newsbrief.analyze.numbers import extract_numbers
from newsbrief.analyze.timeline import Anchor, build_timeline
from newsbrief.group.sources import SourceIndex
from newsbrief.types import (
    Article,
    ArticleCoverage,
    Claim,
    NumberFact,
    SourceGroup,
    SummarySentence,
    TimelineEntry,
)


@dataclass(slots=True)
class SourceComparison:
    """Everything the cross-source sections need, computed once per event."""

    sources: list[SourceGroup]
    index: SourceIndex
    space: SentenceSpace
    claims: list[Claim]
    numbers: list[NumberFact]
    timeline: list[TimelineEntry]
    anchors: dict[str, Anchor]
    coverage: list[ArticleCoverage] = field(default_factory=list)

    @property
    def semantic(self) -> bool:
        """Whether sentence embeddings were available (else claims were aligned lexically)."""
        return self.space.semantic_used


def compare_sources(
    articles: Sequence[Article], embeddings: bool = True, context: BriefContext | None = None
) -> SourceComparison:
    """``embeddings=False`` aligns claims and dates on words alone (faster, less recall).
    Sources, sentence space and fact alignment come from the event's ``context``."""
    if context is None:
        context = BriefContext(articles, embeddings=embeddings)
    sources, index, space = context.sources, context.source_index, context.space
    claims = build_claims(articles, space, index, context.facts)
    claim_of = claim_index(claims, space)
    numbers = extract_numbers(articles, claim_of)
    mark_number_conflicts(claims, numbers)
    embed = sentence_embeddings if space.semantic_used else None
    timeline, anchors = build_timeline(articles, claim_of, embed=embed)
    comparison = SourceComparison(sources, index, space, claims, numbers, timeline, anchors)
    comparison.coverage = article_coverage(articles, claims, index)
    return comparison


def is_major_for(claim: Claim, others: int) -> bool:
    """Stated by most of the ``others`` independent sources, and by at least two."""
    independent = claim.support_count.independent
    return independent >= 2 and independent * 2 > others


def article_coverage(
    articles: Sequence[Article], claims: Sequence[Claim], index: SourceIndex
) -> list[ArticleCoverage]:
    total = index.independent(a.id for a in articles)
    result = []
    for article in articles:
        own = index.group_of(article.id)
        others = total - 1
        result.append(
            ArticleCoverage(
                article=article.id,
                exclusive=[
                    c.id
                    for c in claims
                    if article.id in c.support and {index.group_of(a) for a in c.support} == {own}
                ],
                omits=[c.id for c in claims if article.id in c.omit and is_major_for(c, others)],
                contradicts=[c.id for c in claims if article.id in c.contradict],
            )
        )
    return result


def summary_support(summary: Sequence[SummarySentence], index: SourceIndex) -> list[dict[str, int]]:
    """For each summary sentence: how many articles state it, and how many independent sources."""
    records = []
    for number, sentence in enumerate(summary):
        count = index.count(c.article for c in sentence.sources)
        records.append({"sentence": number, "articles": count.articles, "independent": count.independent})
    return records
