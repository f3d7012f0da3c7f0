"""The issue-13 trust figures: hand-built gold and predictions, each error class once."""

from __future__ import annotations

from typing import Any

from newsbrief.evaluate.analysis import (
    Rate,
    quoted_span,
    right_what,
    score_analysis,
    score_number_trust,
    score_quote_trust,
    score_trust,
    speaker_matches,
    trust_forms,
)

TEXT = (
    'Police said the man fled. "We are looking for him," said Chief Ann Lee. "He is dangerous. '
    'Do not approach him." The mayor denied that the city had cut police funding.\n\n'
    '"Stay home," a neighbour said.'
)


def _at(span: str) -> tuple[int, int]:
    start = TEXT.index(span)
    return start, start + len(span)


def _quote(speaker: str | None, span: str, kind: str = "direct", **extra: Any) -> dict[str, Any]:
    start, end = _at(span)
    return {
        "speaker": speaker,
        "kind": kind,
        "carried_by": [{"article": "a", "start": start, "end": end, "kind": kind}],
        **extra,
    }


def _gold_quote(speaker: str, text: str, kind: str = "direct", **extra: Any) -> dict[str, Any]:
    return {"speaker": speaker, "text": text, "kind": kind, "docs": ["a"], "verbatim_in": ["a"], **extra}


GOLD: dict[str, Any] = {
    "annotated": ["quotes", "entities", "numbers"],
    "entities": [
        {"name": "Ann Lee", "type": "PERSON", "variants": ["Lee"], "roles": ["Chief"], "docs": ["a"]},
        {"name": "Tom Roe", "type": "PERSON", "variants": [], "roles": ["mayor"], "docs": ["a"]},
    ],
    "quotes": [
        _gold_quote("Ann Lee", "We are looking for him"),
        # The gold cut the second quotation to its first sentence.
        _gold_quote("Ann Lee", "He is dangerous."),
        _gold_quote("neighbour", "Stay home", unnamed=True),
        _gold_quote("Tom Roe", "the city had cut police funding", kind="indirect", polarity="denial"),
    ],
    "numbers": [],
}  # fmt: skip


def test_speaker_matching_knows_name_variants_and_descriptions() -> None:
    forms = {"Ann Lee": {"ann lee", "lee"}}
    assert speaker_matches("Lee", "Ann Lee", False, forms)
    assert speaker_matches("Chief Ann Lee", "Ann Lee", False, forms)
    assert not speaker_matches("Ann", "Ann Lee", False, forms)
    assert speaker_matches("a neighbour", "neighbour", True, forms)
    assert not speaker_matches("Police", "neighbour", True, forms)
    assert not speaker_matches(None, "Ann Lee", False, forms)
    # a speaker given by a role the gold records for the entity is that entity
    gold_forms = trust_forms(GOLD)
    assert speaker_matches("the mayor", "Tom Roe", False, gold_forms)
    assert not speaker_matches("the mayor", "Ann Lee", False, gold_forms)


def test_later_sentence_of_a_cut_quotation_is_inside_its_span() -> None:
    start, end = _at("He is dangerous.")
    left, right = quoted_span(start, end, TEXT)
    assert TEXT[left:right] == '"He is dangerous. Do not approach him."'


def test_quote_figures_count_each_error_class() -> None:
    quotes = [
        _quote("Ann Lee", "We are looking for him"),
        _quote("Police", "He is dangerous."),  # found, wrong speaker
        _quote("Ann Lee", "Do not approach him."),  # the cut part of a gold quotation: right
        _quote("Ann Lee", "Police said the man fled."),  # not a quote at all
        _quote("Tom Roe", "the city had cut police funding", kind="indirect"),  # denial dropped
    ]
    scores = score_quote_trust(quotes, {"a": TEXT}, GOLD)
    assert scores["direct_recall"] == Rate(2, 3)  # "Stay home" missed
    assert scores["attribution"] == Rate(1, 2)
    assert scores["wrong_direct"] == Rate(2, 4)
    assert scores["denial_kept"] == Rate(0, 1)


def test_denial_is_kept_by_polarity_or_by_the_frame_words() -> None:
    by_polarity = [_quote("Tom Roe", "the city had cut police funding", kind="indirect", polarity="denial")]
    by_frame = [_quote("Tom Roe", "denied that the city had cut police funding", kind="indirect")]
    for quotes in (by_polarity, by_frame):
        assert score_quote_trust(quotes, {"a": TEXT}, GOLD)["denial_kept"] == Rate(1, 1)


def _number(value: float, unit: str, what: str, article: str, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "value": value,
        "unit": unit,
        "what": what,
        "reports": [{"article": article, "text": text}],
        **extra,
    }


NUMBER_GOLD: dict[str, Any] = {
    "numbers": [
        {"value": 9, "unit": "days", "what": "length of the strike", "docs": ["a"], "surface": ["9 days"],
         "group": "g", "conflict": True},
        {"value": 10, "unit": "days", "what": "length of the strike", "docs": ["b"], "surface": ["10 days"],
         "group": "g", "conflict": True},
        {"value": 5000000, "unit": "USD", "what": "settlement", "docs": ["a"], "surface": ["$5 million"]},
        {"value": 12, "unit": "people", "what": "people injured", "docs": ["a"], "surface": ["12 people"]},
    ],
}  # fmt: skip


def test_number_what_and_conflict_pairs() -> None:
    predicted = [
        _number(9, "days", "days", "a", "9 days", group="q1", conflict=True),
        _number(10, "days", "days", "b", "10 days", group="q1", conflict=True),
        # a currency says nothing about the thing: "USD" alone is not the right what
        _number(5000000, "USD", "", "a", "$5 million", group="q2", conflict=True),
        _number(12, "people", "people", "a", "12 people", group="q2", conflict=True),
    ]
    scores = score_number_trust(predicted, NUMBER_GOLD)
    assert scores["number_what"] == Rate(3, 4)
    pairs = scores["conflict_pairs"]
    assert (pairs.matched_pred, pairs.n_pred, pairs.matched_gold, pairs.n_gold) == (1, 2, 1, 1)


def test_right_what_compares_content_words() -> None:
    assert right_what({"what": "injured people", "unit": ""}, {"what": "people injured", "unit": "people"})
    assert not right_what({"what": "the deal", "unit": "USD"}, {"what": "settlement", "unit": "USD"})
    assert right_what(
        {"what": "jerseys", "unit": "jersey"}, {"what": "replica jerseys handed out", "unit": "jerseys"}
    )


def test_layers_not_annotated_are_not_scored() -> None:
    quotes_only = {**GOLD, "annotated": ["quotes", "entities"]}
    assert "number_what" not in score_trust({"quotes": [], "numbers": []}, {"a": TEXT}, quotes_only)
    assert "direct_recall" in score_trust({"quotes": [], "numbers": []}, {"a": TEXT}, quotes_only)
    keys = score_analysis({}, {"a": TEXT}, {**quotes_only, "timeline": []})
    assert "quotes" in keys and "entities" in keys
    assert "numbers" not in keys and "timeline" not in keys
