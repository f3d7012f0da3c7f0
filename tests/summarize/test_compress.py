"""Compression deletes only relative time references, openings and short parentheticals."""

from __future__ import annotations

import pytest

from newsbrief.summarize.compress import compress


def _rebuilt(text: str) -> str:
    found = compress(text)
    assert found is not None, text
    kept, position = [], 0
    for start, end in found.removed:
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    # The text is exactly the original minus the removed spans (spacing and one capital aside).
    joined = " ".join("".join(kept).split()).replace(" ,", ",").replace(" .", ".")
    assert found.text.lower() == joined.lower().strip(" ,"), (found.text, joined)
    return found.text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hun Sen on Friday rejected the opposition's demands.",
            "Hun Sen rejected the opposition's demands.",
        ),
        (
            "At least 231 people died, the commission said Saturday.",
            "At least 231 people died, the commission said.",
        ),
        ("On Monday, the rebels shot down a plane.", "The rebels shot down a plane."),
        ("But the talks ended last week after a row.", "The talks ended after a row."),
        (
            "It had winds near 180 mph (289 kph) at landfall.",
            "It had winds near 180 mph at landfall.",
        ),
    ],
)
def test_deletable_words_are_deleted(sentence: str, expected: str) -> None:
    assert _rebuilt(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The shops stay closed until Friday.",  # the date is what is said
        "They signed the Good Friday agreement in 1998.",  # part of a name
        "He said Friday's meeting was good.",
        "The vote is on Tuesday, Nov. 3, officials said.",  # a full date is kept
        "According to U.S. officials, the camps were used for training.",  # attribution kept
        "“We will meet on Monday in Paris,” the minister said.",  # quotations untouched
    ],
)
def test_meaningful_words_are_kept(sentence: str) -> None:
    assert compress(sentence) is None


def test_quotation_is_kept_while_the_opening_goes() -> None:
    found = compress("But the minister said “we will meet on Monday” in Paris.")
    assert found is not None
    assert found.text == "The minister said “we will meet on Monday” in Paris."
