"""The HTML report: every section from the brief's data, passages from offsets, nothing executable
from article text. Parsed with lxml, as a browser would build the document."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import lxml.html
import pytest
from typer.testing import CliRunner

from newsbrief.cli import app
from newsbrief.pipeline import build_brief
from newsbrief.render.highlight import Span, segment_text
from newsbrief.render.html import render_html, script_json
from newsbrief.render.json import brief_record
from newsbrief.types import (
    AnalysisInfo,
    Article,
    ArticleCoverage,
    Brief,
    Citation,
    Claim,
    Entity,
    Event,
    Failure,
    Mention,
    NumberFact,
    Quote,
    QuoteCarrier,
    SectionFailure,
    SourceGroup,
    SummarySentence,
    SummarySupport,
    SupportCount,
    TimelineEntry,
)

SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">'
BREAKOUT_PAYLOAD = "</script><script>window.__pwned=1</script>"

TEXT_A = (
    "The council closed the bridge on Monday after a ship struck it.\n\n"
    f"Mayor Voss said 12 people were hurt {SCRIPT_PAYLOAD} and the crossing would stay shut."
)
TEXT_B = (
    f"A ship struck the bridge and the council closed it on Monday {IMG_PAYLOAD}.\n\n"
    f"Officials said 11 people were hurt {BREAKOUT_PAYLOAD}, and “the crossing stays shut”."
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def hostile_brief(with_sections: bool = True) -> Brief:
    a = Article(
        id="a",
        text=TEXT_A,
        source="a.txt",
        headline=f"Bridge shut {SCRIPT_PAYLOAD}",
        outlet=f"Herald {IMG_PAYLOAD}",
        url="javascript:window.__pwned=1",
    )
    b = Article(
        id="b",
        text=TEXT_B,
        source="b.txt",
        headline="Ship hits bridge",
        outlet="Wire",
        url="https://example.org/story",
    )
    s_a = span(TEXT_A, "The council closed the bridge on Monday after a ship struck it.")
    s_b = span(TEXT_B, f"A ship struck the bridge and the council closed it on Monday {IMG_PAYLOAD}.")
    summary = [
        SummarySentence(
            text=TEXT_A[s_a[0] : s_a[1]],
            article="a",
            start=s_a[0],
            end=s_a[1],
            sources=[Citation("a", *s_a, 1.0), Citation("b", *s_b, 0.61)],
        )
    ]
    brief = Brief(
        event=Event(id="ev-test", title=f"Bridge {SCRIPT_PAYLOAD}", articles=[a, b]),
        summary=summary,
    )
    if not with_sections:
        return brief
    hurt_a, hurt_b = span(TEXT_A, "12 people"), span(TEXT_B, "11 people")
    quote_b = span(TEXT_B, "the crossing stays shut")
    brief.claims = [
        Claim(
            "c1",
            summary[0].text,
            support=["a", "b"],
            support_count=SupportCount(2, 2),
            members=[Mention("a", *s_a, ""), Mention("b", *s_b, "")],
        ),
        Claim(
            "c2",
            f"12 people were hurt {SCRIPT_PAYLOAD}",
            support=["a"],
            contradict=["b"],
            support_count=SupportCount(1, 1),
            members=[Mention("a", *hurt_a, "")],
        ),
    ]
    brief.quotes = [
        Quote(
            f"Renata Voss {IMG_PAYLOAD}",
            "the crossing stays shut",
            "direct",
            "PERSON",
            [QuoteCarrier("b", *quote_b, verbatim=False, paraphrase_in_quotes=True)],
        ),
    ]
    brief.entities = [
        Entity(
            f"Renata Voss {IMG_PAYLOAD}",
            "PERSON",
            roles=[f"Mayor {SCRIPT_PAYLOAD}"],
            articles=["a"],
            mentions=[Mention("a", *span(TEXT_A, "Voss"), "Voss")],
        ),
        Entity("Port Ellis", "GPE", articles=["a", "b"]),
    ]
    brief.numbers = [
        NumberFact(12, "people", "people hurt", [Mention("a", *hurt_a, "")], True, "g1"),
        NumberFact(11, "people", "people hurt", [Mention("b", *hurt_b, "")], True, "g1"),
    ]
    brief.timeline = [
        TimelineEntry(
            "2026-03-02",
            "The council closed the bridge",
            [Mention("a", *span(TEXT_A, "Monday"), "Monday")],
            ["a", "b"],
        ),
    ]
    brief.coverage = [ArticleCoverage("a", exclusive=[], omits=[], contradicts=["c2"])]
    brief.independent_sources = [SourceGroup("s1", ["a"]), SourceGroup("s2", ["b"])]
    brief.summary_support = [SummarySupport(sentence=0, articles=2, independent=2)]
    brief.analysis = AnalysisInfo(notes=[f"a note {SCRIPT_PAYLOAD}"])
    return brief


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def span_text(doc: lxml.html.HtmlElement, anchor: str) -> str:
    pieces = doc.xpath(f'//*[contains(concat(" ", @data-spans, " "), " {anchor} ")]')
    return "".join(p.text_content() for p in pieces)


def test_segments_spell_the_text_and_carry_overlapping_spans() -> None:
    text = "One two three.\n\nFour five six."
    spans = [Span(4, 13, "cite", "x"), Span(8, 20, "quote", "y"), Span(16, 20, "number", "z")]
    paragraphs = segment_text(text, spans)
    assert ["".join(s.text for s in p) for p in paragraphs] == ["One two three.", "Four five six."]
    pieces = [s for p in paragraphs for s in p]
    assert "".join(s.text for s in pieces if "x" in s.spans) == "two three"
    # A span across a paragraph break keeps both parts, without the break.
    assert "".join(s.text for s in pieces if "y" in s.spans) == "three.Four"
    assert [s.text for s in pieces if "x" in s.anchors] == ["two "]
    assert {s.kinds for s in pieces if s.text == "three"} == {("cite", "quote")}
    # Offsets past the text are clipped, empty spans ignored.
    clipped = segment_text("abc", [Span(1, 99, "cite", "c"), Span(2, 2, "cite", "e")])
    assert [(s.text, s.spans) for s in clipped[0]] == [("a", ()), ("bc", ("c",))]


def test_summary_chips_link_to_passages_shown_side_by_side() -> None:
    brief = hostile_brief()
    doc = parse(render_html(brief))
    chips = doc.cssselect("a.chip.cite[data-sentence]")
    assert [c.get("data-source") for c in chips] == ["0", "1"]
    cards = doc.cssselect("#passages-0 .passage blockquote")
    for chip, card, citation in zip(chips, cards, brief.summary[0].sources, strict=True):
        text = next(a.text for a in brief.event.articles if a.id == citation.article)
        assert card.text_content() == text[citation.start : citation.end]
        anchor = chip.get("href").removeprefix("#")
        assert doc.get_element_by_id(anchor) is not None
        # The passage is highlighted in its source's text, whole.
        assert span_text(doc, anchor) == text[citation.start : citation.end]
    assert "2 reports, 2 independent" in doc.get_element_by_id("s0").text_content()


def test_every_section_renders_from_the_brief_data() -> None:
    doc = parse(render_html(hostile_brief()))
    for section in (
        "summary",
        "claims",
        "quotes",
        "entities",
        "numbers",
        "timeline",
        "coverage",
        "independent",
        "notes",
        "sources",
    ):
        assert doc.get_element_by_id(section) is not None, section
    matrix = {
        row.get("id"): [cell.get("class").split()[1] for cell in row.cssselect("td.cell")]
        for row in doc.cssselect("table.matrix tbody tr")
    }
    assert matrix == {"claim-c1": ["support", "support"], "claim-c2": ["support", "contradict"]}
    dispute = doc.cssselect("#numbers .disputes li")[0].text_content()
    assert "12 people" in dispute and "11 people" in dispute
    assert len(doc.cssselect("#numbers tr.conflict")) == 2
    # The disputed figures are marked in the sources' text.
    assert [m.text_content() for m in doc.cssselect(".source mark.conflict")] == [
        "12 people",
        "11 people",
    ]
    quote = doc.cssselect("#quotes li")[0]
    assert "warn" in quote.cssselect("a.chip")[0].get("class")
    assert "different words" in quote.text_content()
    assert "Mayor" in doc.cssselect("#quotes h3 .role")[0].text_content()
    assert doc.cssselect("#timeline .when")[0].text_content() == "2026-03-02"
    assert "Contradicts" in doc.get_element_by_id("coverage").text_content()


def test_absent_or_failed_sections_are_skipped() -> None:
    brief = hostile_brief(with_sections=False)
    doc = parse(render_html(brief))
    assert doc.get_element_by_id("summary") is not None
    assert doc.get_element_by_id("sources") is not None
    for section in ("claims", "quotes", "entities", "numbers", "timeline", "coverage", "notes"):
        assert doc.get_element_by_id(section, None) is None
    brief.claims = None
    brief.analysis = AnalysisInfo(failed=[SectionFailure("claims", "boom")])
    doc = parse(render_html(brief, [Failure("bad.txt", "empty file")]))
    assert doc.get_element_by_id("claims", None) is None
    notes = doc.get_element_by_id("notes").text_content()
    assert "claims section failed: boom" in notes and "bad.txt" in notes


def test_offsets_that_do_not_fit_the_text_link_to_the_article_instead() -> None:
    brief = hostile_brief(with_sections=False)
    brief.summary[0].sources.append(Citation("b", 5, 10_000, 0.2))
    brief.summary[0].sources.append(Citation("unknown", 0, 3, 0.2))
    doc = parse(render_html(brief))
    hrefs = [c.get("href") for c in doc.cssselect("a.chip.cite")]
    assert hrefs[2] == "#src-1" and len(hrefs) == 3


def test_article_text_never_becomes_markup() -> None:
    brief = hostile_brief()
    html = render_html(brief, [Failure(f"x{SCRIPT_PAYLOAD}.txt", IMG_PAYLOAD)])
    doc = parse(html)
    scripts = doc.xpath("//script")
    # Ours only: the embedded JSON and the report's script.
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert "__pwned" not in scripts[1].text
    assert not doc.xpath("//img | //iframe | //object | //embed")
    assert not [el for el in doc.iter() if any(name.startswith("on") for name in el.attrib)]
    assert not doc.xpath('//a[starts-with(normalize-space(@href), "javascript:")]')
    text = doc.text_content()
    for payload in (SCRIPT_PAYLOAD, IMG_PAYLOAD, BREAKOUT_PAYLOAD):
        assert payload in text
    # The https URL stays a link; the javascript: one is shown as text only.
    assert doc.xpath('//a[@href="https://example.org/story"]')
    # The embedded JSON is the brief's record and cannot end its element early.
    assert json.loads(scripts[0].text) == json.loads(
        json.dumps(brief_record(brief, [Failure(f"x{SCRIPT_PAYLOAD}.txt", IMG_PAYLOAD)]))
    )
    assert html.count("</script>") == 2
    assert "<" not in script_json({"x": BREAKOUT_PAYLOAD, "y": "a&b\u2028"})


def test_the_policy_allows_exactly_the_inline_script() -> None:
    doc = parse(render_html(hostile_brief()))
    policy = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
    script = doc.xpath("//script[not(@type)]")[0].text
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert re.search(r"script-src ([^;]+)", policy).group(1) == f"'sha256-{digest}'"
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert not doc.xpath("//link | //*[@src]")  # nothing is fetched


@pytest.fixture(scope="module")
def seed_brief(seed_articles: list[Article]) -> Brief:
    return build_brief(seed_articles)


def test_seed_report_shows_every_analysis_section_and_cited_passages(seed_brief: Brief) -> None:
    record = brief_record(seed_brief)
    doc = parse(render_html(seed_brief))
    expected = {
        "claims": "claims",
        "quotes": "quotes",
        "entities": "entities",
        "numbers": "numbers",
        "timeline": "timeline",
        "coverage": "coverage",
        "independent_sources": "independent",
    }
    for key, section in expected.items():
        present = doc.get_element_by_id(section, None) is not None
        assert present == bool(record.get(key)), key
    texts = {a.id: a.text for a in seed_brief.event.articles}
    for number, sentence in enumerate(record["summary"]):
        cards = doc.cssselect(f"#passages-{number} .passage blockquote")
        assert [c.text_content() for c in cards] == [
            texts[s["article"]][s["start"] : s["end"]] for s in sentence["sources"]
        ]
    names = {e["name"] for e in record.get("entities") or []}
    shown = {th.text_content() for th in doc.cssselect("#entities th[scope=row]")}
    assert shown == names
    # Each source's text is shown whole, paragraph breaks aside.
    for index, article in enumerate(seed_brief.event.articles):
        shown_text = doc.get_element_by_id(f"src-{index}").cssselect(".text")[0].text_content()
        assert re.sub(r"\s+", "", shown_text) == re.sub(r"\s+", "", article.text)


def test_cli_writes_html_report(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    result = CliRunner().invoke(app, ["brief", "--example", "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = parse(out.read_text(encoding="utf-8"))
    assert doc.cssselect("h1")[0].text_content()
    assert doc.cssselect("a.chip.cite") and len(doc.cssselect("article.source")) == 4
