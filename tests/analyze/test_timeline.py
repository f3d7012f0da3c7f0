from __future__ import annotations

from datetime import date

import pytest

from newsbrief.analyze.claims import sentence_embeddings
from newsbrief.analyze.timeline import Anchor, article_anchors, build_timeline, find_dates
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import Article, Paragraph, TimelineEntry

GENEVA = "001_682d915408f2116c", "002_5b40414f7fd98d56", "003_400caf59efe26353"


def article(article_id: str, body: str, published: str | None = None) -> Article:
    paragraph = Paragraph(body, "body", start=0, end=len(body))
    return annotate_sentences(Article(id=article_id, text=body, published=published, paragraphs=[paragraph]))


def dates(body: str, anchor: date | None, year: int | None = None) -> list[tuple[str, str | None]]:
    found = find_dates(article("a", body), Anchor(anchor, "published" if anchor else "none", year))
    return [(m.text, m.date) for m in found]


WEDNESDAY = date(2022, 1, 12)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Russia and the US met on Monday.", ("on Monday", "2022-01-10")),
        ("Stoltenberg said Wednesday that gaps remain.", ("Wednesday", "2022-01-12")),
        (
            "The talks will continue with a meeting of the OSCE on Thursday.",
            ("on Thursday", "2022-01-13"),
        ),
        ("Russia sent a draft treaty last month.", ("last month", "2021-12")),
        ("Russia made its proposals in December.", ("in December", "2021-12")),
        (
            "The talks came two days after diplomats met in Geneva.",
            ("two days after", "2022-01-10"),
        ),
        ("The council was set up in 2002.", ("2002", "2002")),
        ("Photos from January 12, 2022 show the meeting.", ("January 12, 2022", "2022-01-12")),
        ("It happened on 3 December.", ("3 December", "2021-12-03")),
        ("Updated 12-Jan-2022 at noon.", ("12-Jan-2022", "2022-01-12")),
        ("She ripped up a photo in October 2014.", ("October 2014", "2014-10")),
        ("A week ago the drills began.", ("A week ago", "2022-01-05")),
        ("He spoke to reporters yesterday.", ("yesterday", "2022-01-11")),
    ],
)
def test_resolves_against_the_anchor(body: str, expected: tuple[str, str]) -> None:
    assert expected in dates(body, WEDNESDAY)


def test_without_an_anchor_nothing_is_guessed() -> None:
    assert dates("The fire broke out on Saturday night.", None) == [("on Saturday night", None)]
    assert dates("The first fire, on October 1, was near Seattle.", None) == [("October 1", "--10-01")]
    # A copyright year dates a day, and "the next day" follows the day before it.
    found = dates("She was caught on July 6. The police called her the next day.", None, year=None)
    assert found == [("July 6", "--07-06"), ("the next day", "--07-07")]
    assert dates("The accident happened on Nov. 30.", None, year=2014) == [("Nov. 30", "2014-11-30")]


def test_not_dates() -> None:
    assert dates("They bought a 2003 Nissan Maxima and spent 2,014 dollars by 2050.", WEDNESDAY) == []


def test_anchor_evidence_order(seed_articles: list[Article]) -> None:
    anchors = article_anchors(seed_articles)
    sources = {a: (anchor.day, anchor.source) for a, anchor in anchors.items()}
    assert sources["003_400caf59efe26353"] == (WEDNESDAY, "published")
    assert sources["002_5b40414f7fd98d56"] == (WEDNESDAY, "dateline")  # "Brussels, Jan 12 (EFE).-"
    assert sources["001_682d915408f2116c"] == (WEDNESDAY, "caption")
    assert sources["000_075e90a57bfb2e96"] == (WEDNESDAY, "cluster")


@pytest.fixture(scope="module")
def seed_timeline(seed_articles: list[Article]) -> list[TimelineEntry]:
    return build_timeline(seed_articles, embed=sentence_embeddings)[0]


def test_seed_geneva_talks_resolve_to_monday_10_january(seed_timeline: list[TimelineEntry]) -> None:
    geneva = [e for e in seed_timeline if set(GENEVA) & set(e.articles) and e.date == "2022-01-10"]
    assert len(geneva) == 1
    assert set(geneva[0].articles) == set(GENEVA)
    assert any(r.text == "two days after" for r in geneva[0].reports)


def test_seed_meeting_is_one_entry_from_every_report(
    seed_timeline: list[TimelineEntry], seed_articles: list[Article]
) -> None:
    meeting = max((e for e in seed_timeline if e.date == "2022-01-12"), key=lambda e: len(e.articles))
    assert sorted(meeting.articles) == sorted(a.id for a in seed_articles)
    assert [e.date for e in seed_timeline if e.date] == sorted(e.date for e in seed_timeline if e.date)
    texts = {a.id: a.text for a in seed_articles}
    for entry in seed_timeline:
        for report in entry.reports:
            assert texts[report.article][report.start : report.end] == report.text


def test_example_crash_is_sunday_1_march_in_every_report(example_articles: list[Article]) -> None:
    entries, anchors = build_timeline(example_articles, embed=sentence_embeddings)
    assert anchors["03_meridian_daily"].day == date(2026, 3, 3)
    crash = [e for e in entries if e.date == "2026-03-01"]
    assert len(crash) == 1 and len(crash[0].articles) == 4
    ferry = [e for e in entries if any(r.text == "from Wednesday" for r in e.reports)]
    assert [e.date for e in ferry] == ["2026-03-04"]  # the Meridian's Tuesday + "from": ahead
