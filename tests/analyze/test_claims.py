from __future__ import annotations

import pytest

from newsbrief.analyze.claims import build_claims, build_space, claim_index, cluster_sentences
from newsbrief.analyze.coverage import compare_sources
from newsbrief.group.sources import SourceIndex, independent_sources
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import Article, Claim, Paragraph


def article(article_id: str, *paragraphs: str) -> Article:
    text, body, offset = "", [], 0
    for paragraph in paragraphs:
        body.append(Paragraph(paragraph, "body", start=offset, end=offset + len(paragraph)))
        text += paragraph + "\n\n"
        offset = len(text)
    return annotate_sentences(Article(id=article_id, text=text.rstrip(), paragraphs=body))


@pytest.fixture(scope="module")
def example_claims(example_articles: list[Article]) -> list[Claim]:
    return compare_sources(example_articles).claims


def _claim_with(claims: list[Claim], words: str) -> Claim:
    found = [c for c in claims if any(words in m.text for m in c.members)]
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def test_a_quote_carried_by_three_outlets_is_one_claim(example_claims: list[Claim]) -> None:
    claim = _claim_with(example_claims, "Nobody crosses that bridge")
    assert claim.support == ["01_northbay_herald", "02_coastline_wire", "04_kestrel_valley_courier"]
    assert (claim.support_count.articles, claim.support_count.independent) == (3, 2)
    assert claim.omit == ["03_meridian_daily"]


def test_paraphrases_group_across_outlets(example_claims: list[Claim]) -> None:
    # "The ship's 23 crew were unharmed." / "Its 23 crew members were not hurt." / "... were unhurt"
    crew = _claim_with(example_claims, "23 crew were unharmed")
    assert len(crew.support) == 4 and crew.support_count.independent == 3


def test_a_different_figure_contradicts(example_claims: list[Claim]) -> None:
    fourteen = _claim_with(example_claims, "injuring 14 people")
    assert fourteen.support == ["02_coastline_wire", "04_kestrel_valley_courier"]
    assert set(fourteen.contradict) == {"01_northbay_herald", "03_meridian_daily"}
    assert not set(fourteen.omit) & set(fourteen.contradict)
    fifty = _claim_with(example_claims, "50,000 vehicles")
    assert "01_northbay_herald" in fifty.contradict


def test_claims_are_well_formed(example_articles: list[Article], example_claims: list[Claim]) -> None:
    ids = {a.id for a in example_articles}
    texts = {a.id: a.text for a in example_articles}
    for claim in example_claims:
        articles = [m.article for m in claim.members]
        assert len(articles) == len(set(articles)), "one sentence per article"
        assert set(claim.support) | set(claim.omit) | set(claim.contradict) == ids
        assert not set(claim.support) & (set(claim.omit) | set(claim.contradict))
        assert claim.text in {m.text for m in claim.members}
        for member in claim.members:
            assert texts[member.article][member.start : member.end] == member.text
    counts = [(c.support_count.independent, c.support_count.articles) for c in example_claims]
    assert counts == sorted(counts, reverse=True)


def test_negation_is_a_contradiction_not_support() -> None:
    a = article("a", "The harbour bridge will reopen to traffic on Monday morning, the mayor said.")
    b = article("b", "The harbour bridge will not reopen to traffic on Monday morning, the mayor said.")
    space = build_space([a, b], embeddings=False)
    claims = build_claims([a, b], space, SourceIndex(independent_sources([a, b], [["a"], ["b"]])))
    assert len(claims) == 2
    assert all(c.contradict == [other] for c, other in zip(claims, ["b", "a"], strict=True))


def test_merely_topical_sentences_do_not_group() -> None:
    a = article("a", "Stoltenberg said Russia would pay a high price for any use of force against Ukraine.")
    b = article("b", "Stoltenberg said Nato allies and Russia sat down around the same table in Brussels.")
    c = article("c", "Russia would pay a high price for using force against Ukraine, Stoltenberg warned.")
    space = build_space([a, b, c], embeddings=False)
    groups = [sorted(space.sentences[i].article for i in g) for g in cluster_sentences(space)]
    assert ["a", "c"] in groups
    assert ["b"] in groups


def test_claim_index_maps_sentences_to_claims(example_articles: list[Article]) -> None:
    comparison = compare_sources(example_articles, embeddings=False)
    index = claim_index(comparison.claims, comparison.space)
    claim_ids = {c.id for c in comparison.claims}
    assert set(index.values()) <= claim_ids
    assert len(index) == len(comparison.space.sentences)


def test_seed_lead_quote_groups_four_outlets(seed_articles: list[Article]) -> None:
    claims = compare_sources(seed_articles).claims
    claim = _claim_with(claims, "There are significant differences between NATO allies and Russia,” NATO")
    assert claim.support_count.independent >= 4
