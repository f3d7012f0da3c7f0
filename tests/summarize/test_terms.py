"""Terms are counted as ROUGE-1.5.5 counts them (lower case, punctuation out, Porter stems)."""

from __future__ import annotations

from newsbrief.summarize.terms import bigrams, content_terms, tagged_terms, terms


def test_terms_are_stemmed_lower_case_words_without_punctuation() -> None:
    assert terms("The talks' outcome: allies re-elected Stoltenberg.") == [
        "the",
        "talk",
        "outcom",
        "alli",
        "re",
        "elect",
        "stoltenberg",
    ]


def test_words_of_three_letters_are_not_stemmed() -> None:
    # ROUGE leaves short words alone ("was" would stem to "wa").
    assert terms("was its") == ["was", "its"]


def test_capitals_are_recorded() -> None:
    assert tagged_terms("Hun Sen said") == [("hun", True), ("sen", True), ("said", False)]


def test_bigrams_skip_pairs_of_stop_words_only() -> None:
    t = terms("the talks of the alliance ended")
    assert bigrams(t) == [("the", "talk"), ("talk", "of"), ("the", "allianc"), ("allianc", "end")]
    assert content_terms(t) == ["talk", "allianc", "end"]
