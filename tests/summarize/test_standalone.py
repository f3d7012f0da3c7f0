from __future__ import annotations

import re

from newsbrief.pipeline import build_brief
from newsbrief.render.json import brief_record
from newsbrief.render.markdown import render_markdown
from newsbrief.summarize.standalone import stand_alone
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import (
    Article,
    Brief,
    Citation,
    Event,
    Paragraph,
    Quote,
    QuoteCarrier,
    SummarySentence,
    SummarySupport,
)

_UNRESOLVED = re.compile(r"[”\"’'],?\s(?:he|she)\s(?:said|added)\b|^(?:He|She)\s(?:said|added)\b")


def _article(article_id: str, *paragraphs: str) -> Article:
    text, body, offset = "", [], 0
    for paragraph in paragraphs:
        body.append(Paragraph(paragraph, "body", start=offset, end=offset + len(paragraph)))
        text += paragraph + "\n\n"
        offset = len(text)
    return annotate_sentences(Article(id=article_id, text=text.rstrip(), paragraphs=body))


def _bullet(article: Article, fragment: str) -> SummarySentence:
    (sentence,) = [s for s in article.sentences if fragment in s.text]
    cite = Citation(article=article.id, start=sentence.start, end=sentence.end)
    return SummarySentence(
        article=article.id, start=sentence.start, end=sentence.end, text=sentence.text, sources=[cite]
    )


def _quote(article: str, speaker: str, speaker_type: str | None, start: int) -> Quote:
    carrier = QuoteCarrier(article=article, start=start, end=start + 9)
    return Quote(speaker=speaker, text="", speaker_type=speaker_type, carried_by=[carrier])


def _brief(doc: Article, summary: list[SummarySentence], **sections: object) -> Brief:
    return Brief(event=Event(id="e", title="t", articles=[doc]), summary=summary, **sections)  # type: ignore[arg-type]


def test_seed_quote_after_grushko_names_stoltenberg(seed_articles: list[Article]) -> None:
    brief = build_brief(seed_articles)
    texts = {a.id: a.text for a in seed_articles}
    (bridge,) = [s for s in brief.summary if "easy to bridge" in s.text]
    assert "Stoltenberg added" in bridge.text and " he added" not in bridge.text
    assert bridge.rewritten
    # The citation is still the source sentence, which says "he added".
    source = bridge.sources[0]
    assert "he added" in texts[source.article][source.start : source.end]
    assert not any(_UNRESOLVED.search(s.text) for s in brief.summary)
    item = next(i for i in brief_record(brief)["summary"] if "easy to bridge" in i["text"])
    assert item["rewritten"] is True


def test_pronoun_resolved_without_the_parse_from_the_article() -> None:
    doc = _article(
        "a",
        "Mayor Renata Voss said the bridge would stay shut. Engineers began an inspection.",
        "“Nobody crosses that bridge until it is safe,” she added on Monday.",
    )
    summary = [_bullet(doc, "Nobody crosses")]
    (kept,) = stand_alone(_brief(doc, summary, quotes=None)).summary
    assert kept.text.startswith("“Nobody crosses that bridge until it is safe,” Voss added")
    assert kept.rewritten and kept.start == summary[0].start


def test_the_quote_analysis_speaker_wins_and_bare_quotes_get_one() -> None:
    doc = _article(
        "a", "Jens Stoltenberg spoke first.", "“Our differences are real.”", "He said talks go on."
    )
    quotes = [_quote("a", "Jens Stoltenberg", "PERSON", doc.text.index("Our differences"))]
    bare, opening = _bullet(doc, "Our differences"), _bullet(doc, "He said")
    kept = stand_alone(_brief(doc, [bare, opening], quotes=quotes)).summary
    assert kept[0].text == "Jens Stoltenberg: “Our differences are real.”" and kept[0].rewritten
    # Without a quote of its own, "He said" goes to the last named speaker... of which there is
    # none ("spoke" is no reporting verb): the sentence is left out.
    assert len(kept) == 1


def test_an_unresolved_pronoun_leaves_the_summary_and_support_is_renumbered() -> None:
    doc = _article(
        "a", "The crowd waited outside.", "“We will rebuild,” he said.", "The bridge opened in 1968."
    )
    summary = [_bullet(doc, "crowd"), _bullet(doc, "rebuild"), _bullet(doc, "1968")]
    support = [SummarySupport(0, 1, 1), SummarySupport(1, 1, 1), SummarySupport(2, 2, 2)]
    brief = stand_alone(_brief(doc, summary, summary_support=support))
    kept = brief.summary
    assert [s.text for s in kept] == ["The crowd waited outside.", "The bridge opened in 1968."]
    assert brief.summary_support == [SummarySupport(0, 1, 1), SummarySupport(1, 2, 2)]


def test_example_injured_count_is_contested_wherever_a_bullet_states_it(
    example_articles: list[Article],
) -> None:
    injured = re.compile(r"\b(?:14|12|Twelve|Fourteen) people\b")
    stated = 0
    for words in (60, 100, 150, 250):
        brief = build_brief(example_articles, words=words)
        for sentence in brief.summary:
            if not injured.search(sentence.text):
                assert not sentence.contested
                continue
            stated += 1
            (figure,) = sentence.contested
            assert figure.text in sentence.text
            values = [v.value for v in figure.values]
            assert values[0] in (12, 14) and sorted(values) == [12, 14]
            sides = {v.value: {r.article for r in v.reports} for v in figure.values}
            assert sides[14] == {"02_coastline_wire", "04_kestrel_valley_courier"}
            assert sides[12] == {"01_northbay_herald", "03_meridian_daily"}
    assert stated >= 4  # the lead sentence at every length, more at the longer ones
    brief = build_brief(example_articles)
    lead = render_markdown(brief).split("## Summary")[1].split("\n## ")[0]
    assert "contested: **14 people** [Coastline Wire][Kestrel Valley Courier] vs **12 people**" in lead
    record = brief_record(brief)["summary"][0]["contested"][0]
    assert record["text"] == "14 people" and [v["value"] for v in record["values"]] == [14, 12]
    assert {r["article"] for r in record["values"][1]["reports"]} == {
        "01_northbay_herald",
        "03_meridian_daily",
    }


def test_an_unnamed_speaker_gets_an_article() -> None:
    doc = _article("a", "A woman who interned there spoke to reporters.", "“I watched C-SPAN,” she said.")
    quotes = [_quote("a", "woman", None, doc.text.index("I watched"))]
    (kept,) = stand_alone(_brief(doc, [_bullet(doc, "C-SPAN")], quotes=quotes)).summary
    assert kept.text == "“I watched C-SPAN,” the woman said." and kept.rewritten
