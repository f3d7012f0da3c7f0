from __future__ import annotations

import pytest

from newsbrief.analyze.coverage import SourceComparison, compare_sources, summary_support
from newsbrief.summarize import summarize
from newsbrief.types import Article, Claim


@pytest.fixture(scope="module")
def comparison(example_articles: list[Article]) -> SourceComparison:
    return compare_sources(example_articles)


def _claims(comparison: SourceComparison, ids: list[str]) -> list[Claim]:
    by_id = {c.id: c for c in comparison.claims}
    return [by_id[i] for i in ids]


def test_exclusive_claims_are_reported_by_no_other_independent_source(
    comparison: SourceComparison,
) -> None:
    coverage = {c.article: c for c in comparison.coverage}
    meridian = _claims(comparison, coverage["03_meridian_daily"].exclusive)
    assert any("free emergency ferry" in c.text for c in meridian)
    assert all(c.support == ["03_meridian_daily"] for c in meridian)
    # The wire story's own facts are exclusive to the wire *source*: original and copy alike.
    wire = _claims(comparison, coverage["04_kestrel_valley_courier"].exclusive)
    assert any("Marine Accident Board" in c.text for c in wire)
    assert set(coverage["02_coastline_wire"].exclusive) >= {
        c.id for c in wire if "02_coastline_wire" in c.support
    }


def test_omitted_claims_are_major_and_missing(comparison: SourceComparison) -> None:
    for coverage in comparison.coverage:
        for claim in _claims(comparison, coverage.omits):
            assert coverage.article in claim.omit
            assert claim.support_count.independent >= 2
    meridian = next(c for c in comparison.coverage if c.article == "03_meridian_daily")
    assert any("Nobody crosses that bridge" in c.text for c in _claims(comparison, meridian.omits))


def test_contradicted_claims_are_listed(comparison: SourceComparison) -> None:
    herald = next(c for c in comparison.coverage if c.article == "01_northbay_herald")
    assert any("injuring 14 people" in c.text for c in _claims(comparison, herald.contradicts))


def test_summary_support_counts_independent_sources(
    example_articles: list[Article], comparison: SourceComparison
) -> None:
    summary = summarize(example_articles, words=120)
    records = summary_support(summary, comparison.index)
    assert [r["sentence"] for r in records] == list(range(len(summary)))
    for record, sentence in zip(records, summary, strict=True):
        cited = {c.article for c in sentence.sources}
        assert record["articles"] == len(cited)
        wire_copies = {"02_coastline_wire", "04_kestrel_valley_courier"} <= cited
        assert record["independent"] == len(cited) - wire_copies


def test_markdown_shows_agreement_disagreement_and_sources(example_articles: list[Article]) -> None:
    from newsbrief.pipeline import build_brief
    from newsbrief.render.markdown import render_markdown

    markdown = render_markdown(build_brief(example_articles))
    disagree = markdown.split("## Where the reports disagree")[1].split("\n## ")[0]
    assert "**12 people**" in disagree and "vs **14 people**" in disagree
    # "about 48,000" vs "about 50,000" vehicles a day: the wording lets both be one value.
    assert "**48,000 vehicles per day**" not in disagree
    assert "4 reports come from 3 independent sources" in markdown
    assert "(3 reports, 2 independent)" in markdown.split("## Summary")[1].split("\n## ")[0]
    assert "**2026-03-01**" in markdown.split("## Timeline")[1]
