from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.evaluate.clustering import (
    LabelledArticle,
    bcubed,
    evaluate,
    load_ecbplus,
    pairwise,
    run_ecbplus,
    shuffled,
    split_topics,
    streaming_system,
    tfidf_agglomerative_system,
)
from newsbrief.group.cluster import ClusterConfig

ECBPLUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ecbplus"


def test_bcubed_and_pairwise_on_a_worked_example() -> None:
    gold = ["a", "a", "b", "b"]
    predicted = ["1", "1", "1", "2"]
    # BCubed precision: (2/3 + 2/3 + 1/3 + 1) / 4; recall: (1 + 1 + 1/2 + 1/2) / 4.
    b3 = bcubed(gold, predicted)
    assert b3.precision == pytest.approx(2 / 3)
    assert b3.recall == pytest.approx(3 / 4)
    assert b3.f1 == pytest.approx(2 * (2 / 3) * (3 / 4) / (2 / 3 + 3 / 4))
    # Pairs: predicted {12, 13, 23}, gold {12, 34}; one shared.
    pairs = pairwise(gold, predicted)
    assert pairs.precision == pytest.approx(1 / 3)
    assert pairs.recall == pytest.approx(1 / 2)


def test_metrics_ignore_label_names_and_reward_only_the_partition() -> None:
    gold = ["x", "x", "y", "z", "z", "z"]
    renamed = ["p", "p", "q", "r", "r", "r"]
    assert bcubed(gold, renamed).f1 == pytest.approx(1.0)
    assert pairwise(gold, renamed).f1 == pytest.approx(1.0)
    singletons = [str(i) for i in range(len(gold))]
    assert bcubed(gold, singletons).precision == pytest.approx(1.0)
    assert bcubed(gold, singletons).recall == pytest.approx((1 / 2 * 2 + 1 + 1 / 3 * 3) / 6)
    lumped = ["all"] * len(gold)
    assert bcubed(gold, lumped).recall == pytest.approx(1.0)
    assert pairwise(gold, lumped).precision == pytest.approx(4 / 15)


def test_metrics_reject_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        bcubed(["a"], ["1", "2"])
    with pytest.raises(ValueError):
        pairwise(["a"], ["1", "2"])


@pytest.fixture(scope="module")
def ecbplus_docs() -> list[LabelledArticle]:
    if not ECBPLUS.is_dir():
        pytest.skip("../shared/data/ecbplus is not available")
    return load_ecbplus(ECBPLUS.parent)


def test_ecbplus_loads_all_documents_without_url_lines(ecbplus_docs: list[LabelledArticle]) -> None:
    assert len(ecbplus_docs) == 982
    assert len({d.event for d in ecbplus_docs}) == 86
    assert not any(d.article.text.lower().startswith("http") for d in ecbplus_docs)
    splits = split_topics(ecbplus_docs)
    assert len(splits["dev"]) + len(splits["test"]) == 982
    assert {d.topic % 2 for d in splits["dev"]} == {1}


def test_streaming_beats_chance_and_is_order_stable_on_a_few_topics(
    ecbplus_docs: list[LabelledArticle],
) -> None:
    docs = [d for d in ecbplus_docs if d.topic in {2, 4, 6, 8}]
    result = evaluate(streaming_system(ClusterConfig()), docs, seeds=(0, 1))
    # Eight events, two per topic: one event per topic would score about 0.67 BCubed F1.
    assert result.bcubed.f1 >= 0.85
    assert min(result.bcubed_f1_by_order) >= 0.8
    order = shuffled(docs, 0)
    assert streaming_system(ClusterConfig(embedder=None))(order) == streaming_system(
        ClusterConfig(embedder=None)
    )(order)


def test_baseline_threshold_moves_precision_against_recall(
    ecbplus_docs: list[LabelledArticle],
) -> None:
    docs = [d for d in ecbplus_docs if d.topic in {1, 3}]
    tight = evaluate(tfidf_agglomerative_system(0.5), docs, seeds=(0,)).bcubed
    loose = evaluate(tfidf_agglomerative_system(0.95), docs, seeds=(0,)).bcubed
    assert tight.precision > loose.precision
    assert loose.recall > tight.recall


def test_run_ecbplus_reports_every_split_and_system(ecbplus_docs: list[LabelledArticle]) -> None:
    result = run_ecbplus(ECBPLUS.parent, ClusterConfig(embedder=None), seeds=(0,), topics={1, 2, 3, 4})
    assert result["documents"] == len([d for d in ecbplus_docs if d.topic <= 4])
    splits = result["splits"]
    assert set(splits) == {"dev", "test", "all"}
    for systems in splits.values():
        assert set(systems) == {"ours", "baseline", "baseline_bigrams"}
        for row in systems.values():
            assert 0.0 < row["bcubed"]["f1"] <= 1.0
            assert 0.0 < row["pairwise"]["f1"] <= 1.0
            assert row["docs_per_second"] > 0
