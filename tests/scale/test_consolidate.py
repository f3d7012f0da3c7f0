"""The sequential consumer on its own: ids, repeats, near-duplicate links, event merges, order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.examples import example_paths
from newsbrief.scale.clustering import EventAssigner
from newsbrief.scale.consolidate import Consolidator, OrderError
from newsbrief.scale.outputs import OutputFolder
from newsbrief.scale.records import Row
from newsbrief.scale.shards import list_shards, read_shard
from newsbrief.scale.spill import Spill
from newsbrief.scale.stages import Cleaner, RowEmbedder
from newsbrief.types import Article


class MergingClusterer:
    """Test double: each article starts its own event; the third article merges the first two
    events into it, so earlier articles change event, as a real merge does."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def add(self, articles: list[Article]) -> dict[str, str]:
        assignment = {}
        for article in articles:
            self.seen.append(article.id)
            if len(self.seen) == 3:
                assignment.update({a: "ev-merged" for a in self.seen})
            else:
                assignment[article.id] = f"ev-{len(self.seen)}"
        return assignment

    def save(self, state: object) -> None:
        pass


@pytest.fixture(scope="module")
def prepared_rows(tmp_path_factory: pytest.TempPathFactory) -> list[Row]:
    """The example cluster, then a feed with an edited copy of its first article and a verbatim
    repeat of its second, both under the original ids; cleaned in this process."""
    first, second = example_paths()[:2]
    feed = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    copy = first.read_text(encoding="utf-8").replace("slammed into", "struck", 1)
    feed.write_text(
        json.dumps({"id": first.stem, "text": copy})
        + "\n"
        + json.dumps({"id": second.stem, "text": second.read_text(encoding="utf-8")})
        + "\n",
        encoding="utf-8",
    )
    rows = [row for shard in list_shards([*example_paths(), feed]) for row in read_shard(shard)]
    return RowEmbedder()(Cleaner()(rows))


def _consolidate(tmp_path: Path, rows: list[Row], batch_size: int) -> tuple[Spill, Consolidator]:
    spill = Spill(tmp_path / "spill.sqlite")
    consolidator = Consolidator(
        spill, OutputFolder(tmp_path / "out"), EventAssigner(MergingClusterer()), batch_size
    )
    consolidator.consume(rows)
    consolidator.out.close()
    return spill, consolidator


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_ids_repeats_and_copies(tmp_path: Path, prepared_rows: list[Row]) -> None:
    spill, consolidator = _consolidate(tmp_path, prepared_rows, batch_size=2)
    articles = _lines(tmp_path / "out" / "articles.jsonl")
    first, second = (p.stem for p in example_paths()[:2])
    # The edited copy keeps its place under a new id and points at the article it copies.
    assert [a["id"] for a in articles] == [*(p.stem for p in example_paths()), f"{first}-2"]
    assert articles[-1]["duplicate_of"] == first
    # The verbatim repeat is no new article: it is reported, naming the first source.
    (failure,) = _lines(tmp_path / "out" / "failures.jsonl")
    assert str(failure["source"]).endswith("feed.jsonl:2")
    assert failure["reason"] == (f"duplicate of {example_paths()[1]} (same id {second!r} and text)")
    assert consolidator.report.articles == 5 and consolidator.report.failures == 1
    spill.close()


def test_a_merge_moves_earlier_articles_into_the_merged_event(
    tmp_path: Path, prepared_rows: list[Row]
) -> None:
    # Batches of two: the merge on the third article rewrites an earlier batch's events.
    spill, _ = _consolidate(tmp_path, prepared_rows, batch_size=2)
    events = [(event, [m.id for m in members]) for event, members in spill.events()]
    ids = [p.stem for p in example_paths()]
    assert events[0] == ("ev-merged", ids[:3])
    assert [e for e, _ in events[1:]] == ["ev-4", "ev-5"]
    assert spill.unassigned() == 0
    spill.close()


def test_rows_out_of_input_order_are_refused(tmp_path: Path, prepared_rows: list[Row]) -> None:
    swapped = [prepared_rows[1], prepared_rows[0], *prepared_rows[2:]]
    with pytest.raises(OrderError):
        _consolidate(tmp_path, swapped, batch_size=2)
