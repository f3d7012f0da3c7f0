from __future__ import annotations

import pytest

pytest.importorskip("sumy")

from newsbrief.evaluate.baselines import (
    BASELINES,
    fit_to_budget,
    lead,
    lead_round_robin,
    lexrank,
)
from newsbrief.evaluate.datasets import DatasetNotFoundError, load_duc2004

DOCUMENTS = [
    "NATO and Russia met in Brussels on Wednesday. The talks lasted four hours. "
    "Both sides said the meeting was frank.",
    "Russia demanded guarantees that NATO would not expand. NATO rejected the demand. "
    "Officials said the talks lasted four hours.",
    "The meeting in Brussels ended without agreement. Diplomats plan to meet again.",
]


def _words(summary: str) -> int:
    return len(summary.split())


@pytest.mark.parametrize("words", [1, 7, 12, 25, 400])
def test_lead_respects_word_budget(words: int) -> None:
    summary = lead(DOCUMENTS, words)
    total = sum(_words(d) for d in DOCUMENTS)
    assert _words(summary) == min(words, total)
    opening = ["NATO", "and", "Russia", "met", "in"][:words]
    assert summary.split()[: len(opening)] == opening


def test_lead_cuts_the_sentence_that_overflows() -> None:
    # First sentence has 8 words; a 10-word budget takes 2 words of the second.
    assert lead(DOCUMENTS, 10).splitlines() == [
        "NATO and Russia met in Brussels on Wednesday.",
        "The talks",
    ]


def test_round_robin_takes_each_document_lead_first() -> None:
    lines = lead_round_robin(DOCUMENTS, 30).splitlines()
    assert lines[:3] == [
        "NATO and Russia met in Brussels on Wednesday.",
        "Russia demanded guarantees that NATO would not expand.",
        "The meeting in Brussels ended without agreement.",
    ]


def test_repeated_sentences_are_used_once() -> None:
    assert fit_to_budget(["A b c.", "a  B c.", "D e."], 50) == ["A b c.", "D e."]


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_baselines_return_source_sentences_within_budget(name: str) -> None:
    summary = BASELINES[name](DOCUMENTS, 15)
    assert 0 < _words(summary) <= 15
    source = " ".join(DOCUMENTS)
    for line in summary.splitlines()[:-1]:
        assert line in source


def test_graph_baselines_need_no_nltk_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk  # installed with sumy

    # With no NLTK data path, anything that tried to load punkt would raise LookupError.
    monkeypatch.setattr(nltk.data, "path", [])
    assert _words(lexrank(DOCUMENTS, 20)) == 20


def test_baselines_on_duc_respect_the_100_word_limit() -> None:
    try:
        cluster = load_duc2004()[0]
    except DatasetNotFoundError as error:
        pytest.skip(str(error))
    for summarize in (lead, lead_round_robin):
        assert _words(summarize(list(cluster.documents), 100)) == 100
