from __future__ import annotations

import pytest

from newsbrief.analyze.nlp import load_pipeline
from newsbrief.analyze.numbers import (
    extract_numbers,
    find_numbers,
    parse_figure_sentences,
    reconcilable,
    rounding_of,
)
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
    # "about 48,000" and "about 50,000" vehicles a day: the same quantity, and the wording lets
    # both be one value (48,000 is "about 50,000"), so related but not a conflict.
    traffic = _fact(facts, 48000), _fact(facts, 50000)
    assert not any(f.conflict for f in traffic) and traffic[0].group == traffic[1].group is not None
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two hundred and fifty people were hurt.", (250, "people", "Two hundred and fifty people")),
        ("A dozen officers arrived.", (12, "officers", "A dozen officers")),
        ("Two dozen tanks crossed.", (24, "tanks", "Two dozen tanks")),
        (
            "Three thousand five hundred soldiers left.",
            (3500, "soldiers", "Three thousand five hundred soldiers"),
        ),
        ("One in five stores closed.", (20, "%", "One in five stores")),
        ("The blast was 400m away.", (400, "metres", "400m")),
        ("The ship weighed 1.2 tons.", (1.2, "tonnes", "1.2 tons")),
        ("The ship weighed 1.2t.", (1.2, "tonnes", "1.2t")),
        ("It raised £40m in a year.", (40_000_000, "GBP", "£40m")),
        ("The car drove 5 km.", (5, "kilometres", "5 km")),
        ("She was fined 3,000 Bahraini dinars.", (3000, "BHD", "3,000 Bahraini dinars")),
        ("She was fined 3,000 BD.", (3000, "BHD", "3,000 BD")),
    ],
)
def test_number_words_ratios_and_units(text: str, expected: tuple[float, str, str]) -> None:
    assert expected in readings(text)


@pytest.mark.parametrize(
    "text",
    ["They backed a two-state solution.", "A three-judge panel heard it.", "The blast was 400m away."],
)
def test_no_false_quantities(text: str) -> None:
    found = readings(text)
    assert not any(unit in {"states", "judges", "away"} or value > 1e6 for value, unit, _ in found)


def _one(text: str):
    (mention,) = find_numbers(article("x", text))
    return mention


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("Donors gave almost $6 million.", "Donors gave $5.9 million.", True),
        ("More than 200 people came.", "231 people came.", True),
        ("The court fined him nearly $8,000.", "The court fined him $7,953.34.", True),
        ("It took 9 days.", "It took 10 days.", False),
        ("The object weighed 1 ton.", "The object weighed 1.2 tons.", False),
        ("Smith, 46, was charged.", "Smith, 45, was charged.", False),
        ("She served over a year in prison.", "She spent almost a year and a half in prison.", False),
        ("Shares fell about 4%.", "Shares fell 3.2%.", False),
    ],
)
def test_wording_decides_whether_two_values_disagree(a: str, b: str, agree: bool) -> None:
    assert reconcilable(_one(a), _one(b)) is agree


def test_conflicts_need_the_same_quantity_of_the_same_thing() -> None:
    # Five percentages of one event, each of something else: no conflict, no group.
    a = article("a", "Shares of the retailer fell 4% on Friday. About 30% of its stores will close.")
    b = article("b", "Sales at the retailer grew 12% last year. The settlement is 2% of its revenue.")
    c = article("c", "Unemployment in the county where the retailer is based rose to 7% this year.")
    facts = extract_numbers([a, b, c])
    assert not any(f.conflict for f in facts)
    assert {f.group for f in facts} == {None}
    # Another outlet's figure for the same share drop does disagree.
    d = article("d", "The retailer's shares fell 7% on Friday.")
    facts = extract_numbers([a, b, d])
    assert _fact(facts, 4).conflict and _fact(facts, 7).conflict
    assert not any(f.conflict for f in facts if f.value in (30, 12, 2))


def test_the_parse_ties_a_figure_to_its_subject() -> None:
    if load_pipeline() is None:
        pytest.skip("spaCy or its English model is not installed")
    # "fell" / "dropped" share no word; the parse gives both the subject "shares".
    a = article("a", "Shares of the retailer fell 4% on Friday.")
    d = article("d", "The retailer's shares dropped 7% on Friday.")
    facts = extract_numbers([a, d])
    assert _fact(facts, 4).conflict and _fact(facts, 7).conflict
    assert not extract_numbers([a, d], parse=False)[0].conflict
    # The counted noun from the parse: the noun the figure modifies, without the possessive.
    doc = article("x", "He got three interns' names wrong.")
    (mention,) = find_numbers(doc, parse_figure_sentences([doc]))
    assert mention.unit == "interns"


def test_like_quantities_conflict_across_outlets() -> None:
    a = article("a", "The search for the missing hiker lasted 9 days in the snow of the high mountains.")
    b = article("b", "The search for the missing hiker lasted 10 days in the snow of the high mountains.")
    c = article("c", "Rescuers said the boulder that trapped the hiker weighed 1 ton.")
    d = article("d", "Rescuers said the boulder that trapped the hiker weighed 1.2 tons.")
    facts = extract_numbers([a, b, c, d])
    assert _fact(facts, 9).conflict and _fact(facts, 10).conflict
    assert _fact(facts, 1).conflict and _fact(facts, 1.2).conflict
    assert _fact(facts, 9).group != _fact(facts, 1).group


def test_a_rounded_figure_with_its_qualifier_is_not_a_conflict() -> None:
    a = article("a", "The charity said donors had given almost $6 million to the fund.")
    b = article("b", "The charity said donors had given $5.9 million to the fund.")
    facts = extract_numbers([a, b])
    assert _fact(facts, 6_000_000).group == _fact(facts, 5_900_000).group is not None
    assert not any(f.conflict for f in facts)


def test_an_age_belongs_to_the_named_person() -> None:
    a = article("a", "Police arrested John Miller, 46, at his home in Dayton on Tuesday night.")
    b = article("b", "The suspect, John Miller, 45, was charged with arson and held without bail.")
    c = article("c", "His neighbour, Ann Price, 45, called the police.")
    facts = extract_numbers([a, b, c])
    (miller_46,) = [f for f in facts if f.value == 46]
    (miller_45,) = [f for f in facts if f.value == 45 and f.reports[0].article == "b"]
    (price,) = [f for f in facts if f.value == 45 and f.reports[0].article == "c"]
    assert miller_46.conflict and miller_45.conflict and miller_46.group == miller_45.group
    assert not price.conflict and price.group is None and len(price.reports) == 1


def test_the_window_of_the_nth_occurrence_is_one_quantity() -> None:
    # Row 143 of the tune half: two outlets count the weeks of the third fire differently.
    a = article("a", "It was the third Model S fire in six weeks, and it helped drive down the stock.")
    b = article("b", "It was the third such incident in five weeks and triggered calls for an inquiry.")
    c = article("c", "The company has sold cars for six weeks in Norway.")
    facts = extract_numbers([a, b, c])
    (six,) = [f for f in facts if f.value == 6 and f.reports[0].article == "a"]
    assert six.conflict and _fact(facts, 5).conflict and six.group == _fact(facts, 5).group
    assert "third" in six.what
    assert not [f for f in facts if f.reports[0].article == "c" and f.group]


def test_money_is_described_by_its_clause() -> None:
    facts = extract_numbers([article("a", "The coins are mint, and they add up in face value to $27,000.")])
    assert "face value" in _fact(facts, 27000).what
    facts = extract_numbers(
        [article("a", "Scott was prepping Lucky Strike, an $80 million project set in Rome.")]
    )
    assert _fact(facts, 80_000_000).what.count("project") == 1
