from __future__ import annotations

import pytest

from newsbrief.analyze.numbers import extract_numbers, find_numbers, rounding_of
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import Article, NumberFact, Paragraph


def article(article_id: str, *paragraphs: str) -> Article:
    text, body, offset = "", [], 0
    for paragraph in paragraphs:
        body.append(Paragraph(paragraph, "body", start=offset, end=offset + len(paragraph)))
        text += paragraph + "\n\n"
        offset = len(text)
    return annotate_sentences(Article(id=article_id, text=text.rstrip(), paragraphs=body))


def readings(text: str) -> list[tuple[float, str, str]]:
    return [(m.value, m.unit, m.text) for m in find_numbers(article("a", text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Russia massed some 100,000 troops near the border.",
            (100000, "troops", "100,000 troops"),
        ),
        ("It ended after four hours of talks.", (4, "hours", "four hours")),
        ("They met for a four-hour meeting.", (4, "hours", "four-hour meeting")),
        ("Tesla said it lost $38.5 million in the quarter.", (38_500_000, "USD", "$38.5 million")),
        ("Shares fell 3.2% on Monday.", (3.2, "%", "3.2%")),
        (
            "The bridge carries about 48,000 vehicles a day.",
            (48000, "vehicles per day", "48,000 vehicles a day"),
        ),
        ("The loss was 32 cents a share.", (0.32, "USD per share", "32 cents a share")),
        ("The suspect, a 28-year-old man, fled.", (28, "years", "28-year-old")),
        ("Randy Taylor, 48, was charged.", (48, "years", "48")),
        ("A 5-foot-8-inch man was seen.", (68, "inches", "5-foot-8-inch")),
        ("She served a year and a half in prison.", (1.5, "years", "a year and a half")),
    ],
)
def test_reads_value_unit_and_span(text: str, expected: tuple[float, str, str]) -> None:
    assert expected in readings(text)


def test_spelled_count_and_pronoun_inherit_the_counted_noun() -> None:
    found = readings("Twelve people were injured, three of them seriously.")
    assert (12, "people", "Twelve people") in found
    assert (3, "people", "three") in found


@pytest.mark.parametrize(
    "text",
    [
        "The council was established in 2002.",
        "The ship struck the pier at 11:40 p.m. on Sunday.",
        "The ferry starts on March 2 from Pier 4.",
        "It was her 32nd birthday and the third fire.",
        "Call 911 or (434) 263-7050.",
        "No one was hurt in the 1980s.",
        "One of the officers was there, two days after the attack.",
    ],
)
def test_skips_years_times_dates_ordinals_and_identifiers(text: str) -> None:
    assert readings(text) == []


def test_offsets_index_the_article_text() -> None:
    doc = article("a", "Intro sentence here.", "Officials said 14 people were hurt.")
    (mention,) = find_numbers(doc)
    assert doc.text[mention.start : mention.end] == "14 people"


def _fact(facts: list[NumberFact], value: float) -> NumberFact:
    (fact,) = [f for f in facts if f.value == value]
    return fact


def test_different_figures_for_the_same_thing_conflict(example_articles: list[Article]) -> None:
    facts = extract_numbers(example_articles)
    twelve, fourteen = _fact(facts, 12), _fact(facts, 14)
    assert twelve.conflict and fourteen.conflict and twelve.group == fourteen.group
    assert {r.article for r in twelve.reports} == {"01_northbay_herald", "03_meridian_daily"}
    assert {r.article for r in fourteen.reports} == {
        "02_coastline_wire",
        "04_kestrel_valley_courier",
    }
    traffic = _fact(facts, 48000), _fact(facts, 50000)
    assert all(f.conflict for f in traffic) and traffic[0].group == traffic[1].group
    # Figures nobody disputes are not flagged; "23 crew members" and "23 crew" are one number.
    crew = _fact(facts, 23)
    assert not crew.conflict and len({r.article for r in crew.reports}) == 4
    assert not any(f.conflict for f in facts if f.value in (210, 72))
    # "Three people were admitted to hospital" (wire) is not another count of the injured: the
    # Meridian gives both "Twelve people were injured" and "three of them" kept in hospital.
    (hospital,) = [f for f in facts if f.value == 3 and f.unit == "people"]
    assert not hospital.conflict


def test_an_outlet_giving_both_figures_is_not_a_conflict() -> None:
    a = article("a", "Twelve people were injured and three people were kept in hospital.")
    b = article("b", "Three people were kept in hospital after the crash.")
    facts = extract_numbers([a, b])
    assert not any(f.conflict for f in facts)
    assert {r.article for r in _fact(facts, 3).reports} == {"a", "b"}


def test_a_rounding_is_related_but_not_a_conflict() -> None:
    a = article("a", "The court imposed a fine of $7,953.34 on the activist.")
    b = article("b", "The court fined the activist nearly $8,000 on the same charge.")
    facts = extract_numbers([a, b])
    precise, rough = _fact(facts, 7953.34), _fact(facts, 8000)
    assert precise.group is not None and precise.group == rough.group
    assert not precise.conflict and not rough.conflict


def test_rounding_rule() -> None:
    def mention(text: str):
        (m,) = find_numbers(article("x", f"The fine was {text}."))
        return m

    assert rounding_of(mention("$7,953.34"), mention("$8,000"))
    assert not rounding_of(mention("48,000 vehicles"), mention("50,000 vehicles"))


def test_seed_troops_are_one_number_carried_by_two_outlets(seed_articles: list[Article]) -> None:
    facts = extract_numbers(seed_articles)
    troops = [f for f in facts if f.value == 100000]
    assert len(troops) == 1
    assert troops[0].unit == "troops"
    assert {r.article for r in troops[0].reports} == {
        "001_682d915408f2116c",
        "003_400caf59efe26353",
    }
    assert not troops[0].conflict
