from __future__ import annotations

from newsbrief.summarize.independence import source_groups
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import Article, Paragraph


def _article(article_id: str, text: str) -> Article:
    article = Article(id=article_id, text=text, paragraphs=[Paragraph(text, "body", start=0, end=len(text))])
    return annotate_sentences(article)


WIRE = (
    "A ship struck the bridge late on Sunday. Fourteen people were hurt. "
    "The crossing will stay shut. Engineers are inspecting the pier."
)


def test_copies_of_one_report_are_one_source() -> None:
    copy = WIRE.replace("Sunday", "Sunday night") + " Local schools will open late."
    other = "Divers searched the harbour. The port stayed closed on Monday. Traffic was diverted."
    groups = source_groups([_article("a", WIRE), _article("b", other), _article("c", copy)])
    assert groups == [0, 1, 0]


def test_different_reports_are_separate_sources() -> None:
    other = "The mayor declared an emergency. The bridge carries 48,000 vehicles a day."
    assert source_groups([_article("a", WIRE), _article("b", other)]) == [0, 1]
