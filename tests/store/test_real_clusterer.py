"""Ingest wired to the real event clusterer (skipped until newsbrief.group.cluster exists)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.examples import example_paths
from newsbrief.group import StatefulClusterer, load_event_clusterer
from newsbrief.store import Store
from newsbrief.store.ingest import ingest_paths, open_clusterer

pytest.importorskip("newsbrief.group.cluster")


def test_two_unrelated_clusters_become_two_events(db_path: Path, second_event_dir: Path) -> None:
    example = [p.stem for p in example_paths()]
    seeds = [p.stem for p in sorted(second_event_dir.glob("*.txt"))]
    with Store(db_path) as store:
        assert isinstance(open_clusterer(store), StatefulClusterer)
        report = ingest_paths(store, [second_event_dir, example_paths()[0].parent])
        assert report.added == 9 and not report.failures and report.clustered
        assert len({store.event_of(i) for i in example}) == 1
        assert len({store.event_of(i) for i in seeds}) == 1
        assert store.event_of(example[0]) != store.event_of(seeds[0])


def test_clusterer_state_survives_a_reopen(db_path: Path, second_event_dir: Path) -> None:
    seeds = sorted(second_event_dir.glob("*.txt"))
    with Store(db_path) as store:
        ingest_paths(store, seeds[:3])
    with Store(db_path) as store:
        # A fresh process: the clusterer must come back from the store alone.
        ingest_paths(store, seeds[3:], clusterer_factory=load_event_clusterer)
        assert len({store.event_of(p.stem) for p in seeds}) == 1


def test_seeds_mixed_into_other_news_form_one_event_of_their_own(
    db_path: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    multinews = seeds_dir.parent / "data" / "multinews" / "multinews_raw_sample250_val.jsonl"
    if not multinews.is_file():
        pytest.skip("../shared/data/multinews is not available")
    feed = tmp_path / "other-news.jsonl"
    with multinews.open(encoding="utf-8") as rows, feed.open("w", encoding="utf-8") as out:
        for number, line in zip(range(15), rows, strict=False):
            for index, text in enumerate(json.loads(line)["documents"]):
                out.write(json.dumps({"id": f"mn{number}-{index}", "text": text}) + "\n")
    seeds = [p.stem for p in sorted(seeds_dir.glob("*.txt"))]
    with Store(db_path) as store:
        ingest_paths(store, [feed, seeds_dir], batch_size=25)
        (event,) = {store.event_of(i) for i in seeds}
        assert event is not None
        assert sorted(store.event_article_ids(event)) == seeds
