"""Indirect speech keeps its meaning: a denying frame travels with its content as
``polarity: "denial"``, and the complement clause is kept whole (issue 13 item 2).

The sentences are written for this test; the two seed sentences come from ../shared/seeds (003)."""

from __future__ import annotations

from typing import Any

import pytest

from newsbrief.analyze.event import SECTIONS, analyze_event, analyze_sections
from newsbrief.analyze.nlp import load_pipeline
from newsbrief.render.markdown import render_quotes
from newsbrief.types import Article, Brief, Event, Paragraph

QUOTE_SECTIONS = [s for s in SECTIONS if s.key in {"entities", "quotes"}]

# (sentence, the reported content, polarity)
CASES = [
    ("The ministry denied that its troops had crossed the border overnight.",
     "its troops had crossed the border overnight", "denial"),
    ("Mayor Lisa Grant rejected claims that the city had hidden the test results from residents.",
     "the city had hidden the test results from residents", "denial"),
    ("The company dismissed reports that it was preparing to close its factory in Leeds.",
     "it was preparing to close its factory in Leeds", "denial"),
    ("Police refuted suggestions that officers had used tear gas on the crowd.",
     "officers had used tear gas on the crowd", "denial"),
    ("The general repeated the army's denials on Monday that it plans to attack the capital.",
     "it plans to attack the capital", "denial"),
    ("Coach Dan Reyes did not say that the team would sell its best player this summer.",
     "the team would sell its best player this summer", "denial"),
    ("The senator has never said that the tax would apply to small farms.",
     "the tax would apply to small farms", "denial"),
    ("The regulator disputed allegations that it had ignored warnings about the dam for years.",
     "it had ignored warnings about the dam for years", "denial"),
    ("Health minister Ana Ruiz denied that hospitals were running out of oxygen in the north.",
     "hospitals were running out of oxygen in the north", "denial"),
    ("The spokesman rejected accusations that the government had rigged the vote in three provinces.",
     "the government had rigged the vote in three provinces", "denial"),
    ("The airline denies that the pilots were too tired to fly the plane safely.",
     "the pilots were too tired to fly the plane safely", "denial"),
    # A negated denial is no denial.
    ("Ms Park did not deny that the deal had been signed before the election.",
     "the deal had been signed before the election", None),
    # Long complements: never cut at a preposition or a participle.
    ("The prime minister said that a further rise in fuel prices would come with a heavy cost for "
     "families across the country.",
     "a further rise in fuel prices would come with a heavy cost for families across the country", None),
    ("She said the new rules would apply to every school in the region, including private academies "
     "and religious schools.",
     "the new rules would apply to every school in the region, including private academies and "
     "religious schools", None),
    ("The envoy warned that any attack on the port would be met with a swift response from the whole "
     "alliance.",
     "any attack on the port would be met with a swift response from the whole alliance", None),
    ("Finance minister Omar Haddad said the budget gap would widen in the second half of the year "
     "because of lower oil revenue.",
     "the budget gap would widen in the second half of the year because of lower oil revenue", None),
    ("The coach insisted that the club had followed every rule on player transfers during the window.",
     "the club had followed every rule on player transfers during the window", None),
    ("The judge noted that the defendant had shown no remorse at any point during the long trial.",
     "the defendant had shown no remorse at any point during the long trial", None),
    ("Officials said the storm would hit the coast on Friday with winds of up to 150 kilometres an hour.",
     "the storm would hit the coast on Friday with winds of up to 150 kilometres an hour", None),
    ("The union said that workers would strike for three days from Monday unless the company raised "
     "its offer.",
     "workers would strike for three days from Monday unless the company raised its offer", None),
    ("The mayor said the bridge would stay closed until engineers were sure of its safety.",
     "the bridge would stay closed until engineers were sure of its safety", None),
]  # fmt: skip


def article(article_id: str, *paragraphs: str) -> Article:
    text = "\n\n".join(paragraphs)
    parts, at = [], 0
    for p in paragraphs:
        parts.append(Paragraph(text=p, kind="body", start=at, end=at + len(p)))
        at += len(p) + 2
    return Article(id=article_id, text=text, paragraphs=parts)


@pytest.fixture(scope="module")
def nlp() -> None:
    if load_pipeline() is None:
        pytest.skip("spaCy or its English model is not installed")


def statement(quotes: list[dict[str, Any]], content: str) -> dict[str, Any]:
    found = [q for q in quotes if content in q["text"]]
    assert found, f"no statement carries {content!r}: {[q['text'] for q in quotes]}"
    return found[0]


@pytest.mark.parametrize(("sentence", "content", "polarity"), CASES)
def test_frame_polarity_and_whole_complement(
    nlp: None, sentence: str, content: str, polarity: str | None
) -> None:
    quotes = analyze_event([article("a", sentence)], [], sections=QUOTE_SECTIONS)["quotes"]
    found = statement(quotes, content)
    assert found["kind"] == "indirect"
    assert found["text"].rstrip(".") == content
    assert found["polarity"] == polarity


def test_a_denied_claim_never_groups_with_its_assertion(nlp: None) -> None:
    articles = [
        article("a", "The ministry denied that its troops had crossed the border overnight."),
        article("b", "The ministry said that its troops had crossed the border overnight."),
    ]
    quotes = analyze_event(articles, [], sections=QUOTE_SECTIONS)["quotes"]
    assert sorted(q["polarity"] or "" for q in quotes) == ["", "denial"]
    assert all(len(q["carried_by"]) == 1 for q in quotes)


def test_seed_sentences_keep_denial_and_whole_complement(nlp: None, seed_articles: list[Article]) -> None:
    seed = next(a for a in seed_articles if a.id.startswith("003"))
    sections = analyze_event([seed], [], sections=QUOTE_SECTIONS)
    quotes = sections["quotes"]
    peskov = statement(quotes, "it intends to invade Ukraine")
    assert peskov["speaker"] == "Dmitry Peskov"
    assert peskov["polarity"] == "denial"
    truss = statement(quotes, "a further military incursion into Ukraine would come")
    assert truss["speaker"] == "Liz Truss"
    assert truss["polarity"] is None
    assert (
        truss["text"]
        .rstrip(".")
        .endswith("severe cost on Russia’s economy, including co-ordinated sanctions")
    )
    # The Markdown brief says what Peskov did with the claim.
    brief = analyze_sections(Brief(Event(id="e", title="T", articles=[seed])), QUOTE_SECTIONS)
    markdown = "\n".join(render_quotes(brief, {seed.id: "003"}))
    assert "denied that it intends to invade Ukraine" in markdown
