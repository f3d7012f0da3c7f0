from __future__ import annotations

from typing import Any

import pytest

from newsbrief.analyze import event, nlp
from newsbrief.analyze.event import SECTIONS, EventContext, Section, analyze_event, analyze_sections
from newsbrief.pipeline import build_brief
from newsbrief.render.json import brief_record
from newsbrief.render.markdown import render_markdown
from newsbrief.types import (
    AnalysisInfo,
    Article,
    Brief,
    Entity,
    Event,
    Paragraph,
    Quote,
    QuoteCarrier,
    SectionFailure,
)

MINE = [s for s in SECTIONS if s.key in {"entities", "quotes"}]


def article(article_id: str, *paragraphs: str, outlet: str | None = None) -> Article:
    text = "\n\n".join(paragraphs)
    parts, at = [], 0
    for p in paragraphs:
        parts.append(Paragraph(text=p, kind="body", start=at, end=at + len(p)))
        at += len(p) + 2
    return Article(id=article_id, text=text, paragraphs=parts, outlet=outlet)


ARTICLES = [
    article(
        "a",
        "“The bridge will reopen on Friday,” harbour master Tom Reyes said.",
        "“Nobody was hurt,” he added.",
        outlet="Herald",
    ),
    article("b", "“The bridge will reopen on Friday,” Tom Reyes told reporters.", outlet="Wire"),
]


def test_a_failing_section_is_reported_and_the_others_still_run() -> None:
    def broken(context: EventContext) -> Any:
        raise RuntimeError("boom")

    result = analyze_event(ARTICLES, [], sections=[Section("broken", broken), *MINE])
    assert result["broken"] is None
    assert result["analysis"]["failed"] == [{"section": "broken", "error": "RuntimeError: boom"}]
    assert isinstance(result["quotes"], list) and result["quotes"]


def test_without_spacy_entities_are_empty_with_a_note_and_quotes_still_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = nlp.NlpStatus(model=None, reason="spaCy is not installed (test)")
    monkeypatch.setattr(nlp, "load_pipeline", lambda: None)
    monkeypatch.setattr(event, "nlp_status", lambda: missing)
    result = analyze_event(ARTICLES, [], sections=MINE)
    assert result["entities"] == []
    assert any("spaCy is not installed" in n for n in result["analysis"]["notes"])
    assert result["analysis"]["nlp"]["model"] is None and result["analysis"]["nlp"]["install"]
    reopen = next(q for q in result["quotes"] if q["text"] == "The bridge will reopen on Friday")
    assert reopen["speaker"] == "Tom Reyes"
    assert {c["article"] for c in reopen["carried_by"]} == {"a", "b"}
    hurt = next(q for q in result["quotes"] if q["text"] == "Nobody was hurt")
    assert hurt["speaker"] == "Tom Reyes"


def test_brief_json_and_markdown_carry_the_sections() -> None:
    brief = build_brief(ARTICLES)
    record = brief_record(brief)
    for key in ("entities", "quotes", "analysis"):
        assert key in record
    assert record["analysis"]["failed"] == []
    markdown = render_markdown(brief)
    assert markdown.index("## Summary") < markdown.index("## Who said what")
    assert markdown.index("## Who said what") < markdown.index("## Sources")
    assert "“The bridge will reopen on Friday” [Herald][Wire]" in markdown


def test_markdown_sections_escape_article_text() -> None:
    brief = Brief(event=Event(id="e", title="T", articles=ARTICLES))
    brief.quotes = [
        Quote(
            speaker="Eve [admin](http://x)",
            text="click <b>*here*</b>",
            kind="direct",
            carried_by=[
                QuoteCarrier("a", 0, 5, verbatim=True, kind="direct"),
                QuoteCarrier("b", 0, 5, paraphrase_in_quotes=True),
            ],
        )
    ]
    brief.entities = [Entity(name="_Acme_", type="ORG", articles=["a"])]
    brief.analysis = AnalysisInfo(failed=[SectionFailure("claims", "Boom [x]")])
    markdown = render_markdown(brief)
    assert "**Eve \\[admin\\](http://x)**" in markdown
    assert (
        "“click &lt;b&gt;\\*here\\*&lt;/b&gt;” [Herald]; other words in quotation marks: [Wire]" in markdown
    )
    assert "**\\_Acme\\_**" in markdown
    assert "The claims section failed: Boom \\[x\\]" in markdown


def test_sections_are_typed_on_the_brief_and_a_failure_is_none() -> None:
    def broken(context: EventContext) -> Any:
        raise RuntimeError("boom")

    def extra(context: EventContext) -> Any:
        return [{"n": len(context.articles)}]

    brief = Brief(event=Event(id="e", title="T", articles=ARTICLES))
    analyze_sections(brief, [*MINE, Section("claims", broken), Section("later", extra)])
    assert all(isinstance(q, Quote) for q in brief.quotes) and brief.quotes
    assert brief.claims is None
    assert brief.analysis is not None and [f.section for f in brief.analysis.failed] == ["claims"]
    record = brief_record(brief)
    assert record["claims"] is None and record["later"] == [{"n": 2}]
    assert record["quotes"][0]["speaker"] == brief.quotes[0].speaker
    # Without the analysis, the JSON has no section keys at all.
    assert "quotes" not in brief_record(Brief(event=brief.event))
