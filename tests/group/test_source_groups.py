from __future__ import annotations

from newsbrief.group.sources import (
    SourceIndex,
    agency_credits,
    agency_name,
    independent_sources,
    source_numbers,
)
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import Article, Paragraph


def article(
    article_id: str, body: str, outlet: str | None = None, extra: list[Paragraph] | None = None
) -> Article:
    paragraphs = [Paragraph(body, "body", start=0, end=len(body)), *(extra or [])]
    return annotate_sentences(Article(id=article_id, text=body, outlet=outlet, paragraphs=paragraphs))


def test_wire_copy_and_its_original_are_one_source(example_articles: list[Article]) -> None:
    groups = independent_sources(example_articles)
    assert [g.articles for g in groups] == [
        ["01_northbay_herald"],
        ["02_coastline_wire", "04_kestrel_valley_courier"],
        ["03_meridian_daily"],
    ]
    wire = groups[1]
    assert wire.label == "Coastline Wire"
    assert "near-identical text" in wire.reasons
    assert any(r.startswith("same agency credit") for r in wire.reasons)


def test_independent_reports_stay_apart(seed_articles: list[Article]) -> None:
    groups = independent_sources(seed_articles)
    assert len(groups) == 5
    assert all(g.reasons == [] for g in groups)


def test_same_agency_credit_links_articles_with_different_text() -> None:
    a = article("a", "ALLENTOWN, Pa. (AP) — Animal welfare workers say 71 beagles were removed from a home.")
    b = article(
        "b",
        "DENVER (AP) — Officials said the shelter was full after the rescue of the dogs this week.",
    )
    c = article(
        "c",
        "The Lehigh County Humane Society has come to the rescue of 71 beagles, officials said.",
    )
    groups = independent_sources([a, b, c], duplicate_groups=[["a"], ["b"], ["c"]])
    assert [g.articles for g in groups] == [["a", "b"], ["c"]]
    assert groups[0].label == "Associated Press"
    assert groups[0].reasons == ["same agency credit: Associated Press"]


def test_credits_come_from_datelines_bylines_and_licence_lines_not_photo_credits() -> None:
    dateline = Paragraph("Brussels, Jan 12 (EFE).-", "dateline")
    assert agency_credits(article("x", "A meeting took place.", extra=[dateline])) == {"EFE"}
    licensed = article("y", "The bridge closed.\n\nContent distributed under license from Coastline Wire.")
    assert agency_credits(licensed) == {"Coastline Wire"}
    photo = Paragraph("Stoltenberg chats with Grushko. Olivier Hoslet/Pool via REUTERS", "caption")
    agencies_note = article("z", "Talks ended. (With input from agencies)", extra=[photo])
    assert agency_credits(agencies_note) == set()


def test_agency_names_are_canonical() -> None:
    assert agency_name("The Associated Press") == "Associated Press"
    assert agency_name("REUTERS") == "Reuters"
    assert agency_name("agencies") is None


def test_support_counts_say_articles_and_independent_sources(
    example_articles: list[Article],
) -> None:
    index = SourceIndex(independent_sources(example_articles))
    count = index.count(["02_coastline_wire", "04_kestrel_valley_courier", "03_meridian_daily"])
    assert (count.articles, count.independent) == (3, 2)


# Copies that re-top or extend a wire story: most sentences of the shorter one reappear.
WIRE = (
    "A ship struck the bridge late on Sunday. Fourteen people were hurt. "
    "The crossing will stay shut. Engineers are inspecting the pier."
)


def test_copies_of_one_report_are_one_source() -> None:
    copy = WIRE.replace("Sunday", "Sunday night") + " Local schools will open late."
    other = "Divers searched the harbour. The port stayed closed on Monday. Traffic was diverted."
    groups = source_numbers(
        [_sentences_article("a", WIRE), _sentences_article("b", other), _sentences_article("c", copy)]
    )
    assert groups == [0, 1, 0]


def test_different_reports_are_separate_sources() -> None:
    other = "The mayor declared an emergency. The bridge carries 48,000 vehicles a day."
    assert source_numbers([_sentences_article("a", WIRE), _sentences_article("b", other)]) == [0, 1]


def _sentences_article(article_id: str, text: str) -> Article:
    article = Article(id=article_id, text=text, paragraphs=[Paragraph(text, "body", start=0, end=len(text))])
    return annotate_sentences(article)
