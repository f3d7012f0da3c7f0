from __future__ import annotations

import re

import pytest

from newsbrief.text.calendar_names import MONTH, MONTH_DOTTED, WEEKDAY, month_number
from newsbrief.text.stem import fold_suffixes, porter_stem, prefix_stem
from newsbrief.text.tokens import rouge_words, tokenize


def test_tokenize_keeps_numbers_whole_drops_stop_words_and_folds_suffixes() -> None:
    assert tokenize("The parties held talks on 100,000 troops and 3.5 billion") == [
        "party",
        "held",
        "talk",
        "100,000",
        "troop",
        "3.5",
        "billion",
    ]


def test_rouge_words_split_on_everything_but_ascii_letters_and_digits() -> None:
    assert rouge_words("Nato's co-operation: 12%") == ["Nato", "s", "co", "operation", "12"]


def test_stemmers_each_fold_their_own_way() -> None:
    assert porter_stem("differences") == "differ" and porter_stem("was") == "was"
    assert fold_suffixes("parties") == "party" and fold_suffixes("allies") == "alli"
    assert fold_suffixes("bus") == "bus"
    assert {prefix_stem(w) for w in ("injured", "Injuries", "injuring'")} == {"injur"}


@pytest.mark.parametrize("name", ["Jan", "January", "Sept", "Sep", "September", "May", "June", "Jun"])
def test_month_names_and_abbreviations(name: str) -> None:
    assert re.fullmatch(MONTH, name)
    assert re.fullmatch(MONTH, name.lower(), re.IGNORECASE)
    assert 1 <= month_number(name) <= 12


def test_month_pattern_is_not_any_word_that_starts_like_a_month() -> None:
    for word in ("Mayor", "Marching", "Junior", "Decade"):
        assert not re.fullmatch(MONTH + r"\.?", word)
    assert re.fullmatch(MONTH_DOTTED, "Sept.") and not re.fullmatch(MONTH_DOTTED, "January.")
    assert re.fullmatch(WEEKDAY, "Wednesday") and month_number("Sept.") == 9
