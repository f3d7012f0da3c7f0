"""The local engine end to end: what it writes, and that it writes it in input order."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from scale_support import Run, ScaleInput, read_json, read_jsonl

from newsbrief.group.cluster import cluster_articles
from newsbrief.pipeline import load_articles, read_safely
from newsbrief.scale.local import chunked, ordered_map
from newsbrief.scale.options import CLUSTER_BATCH
from newsbrief.scale.records import article_from_record


def test_ordered_map_keeps_order_and_bounds_work_in_flight() -> None:
    running = 0
    most = 0
    lock = threading.Lock()

    def work(chunk: list[int]) -> list[int]:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        # Later chunks finish first: results must still come back in chunk order.
        time.sleep(0.02 / (1 + chunk[0]))
        with lock:
            running -= 1
        return [n * 10 for n in chunk]

    submitted = 0

    def submit(chunk: list[int]) -> Future[list[int]]:
        nonlocal submitted
        submitted += 1
        return pool.submit(work, chunk)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = ordered_map(submit, chunked(range(40), 3), in_flight=3)
        first = next(results)
        # Taking one result must not have drained the whole input into the pool.
        assert submitted <= 3
        rest = list(results)
    assert [first, *rest] == [n * 10 for n in range(40)]
    assert most <= 3


def test_every_usable_input_becomes_an_article_in_input_order(
    local_run: Run, scale_input: ScaleInput
) -> None:
    articles = read_jsonl(local_run.out / "articles.jsonl")
    expected, _ = load_articles(scale_input.paths)
    # Same cleaning and the same ids as `newsbrief brief`, in input order (brief sorts its
    # articles by content, so a repeated id may go to the other text there).
    assert sorted(a["id"] for a in articles) == sorted(a.id for a in expected)
    assert sorted(a["text"] for a in articles) == sorted(a.text for a in expected)
    kept = {a.source for a in expected}
    read_order = [d.source for d in read_safely(scale_input.paths) if d.source in kept]
    assert [a["source"] for a in articles] == read_order
    assert local_run.summary.articles == len(expected)
    # Both web pages of the WARC shard, not its image.
    assert sum(str(a["url"]).startswith("https://news.example/") for a in articles) == 2


def test_the_feed_copy_is_renamed_and_linked_as_a_duplicate(local_run: Run, scale_input: ScaleInput) -> None:
    by_id = {a["id"]: a for a in read_jsonl(local_run.out / "articles.jsonl")}
    copy = by_id[f"{scale_input.copied}-2"]
    assert copy["duplicate_of"] == scale_input.copied
    assert local_run.summary.duplicates >= 1


def test_failures_are_listed_and_counted(local_run: Run, scale_input: ScaleInput) -> None:
    failures = read_jsonl(local_run.out / "failures.jsonl")
    reasons = {f["source"].rsplit("/", 1)[-1]: f["reason"] for f in failures}
    assert reasons["feed.jsonl:2"].startswith(f"duplicate of {scale_input.paths[0]}")
    assert reasons["feed.jsonl:3"].startswith("malformed JSON")
    assert reasons["feed.jsonl:4"] == "no article body found"
    assert reasons["missing.jsonl"] == "no such file or folder"
    assert local_run.summary.failures == len(failures) == 4


def test_every_article_is_in_exactly_one_event(local_run: Run) -> None:
    articles = [a["id"] for a in read_jsonl(local_run.out / "articles.jsonl")]
    events = read_jsonl(local_run.out / "events.jsonl")
    members = [m for e in events for m in e["articles"]]
    assert sorted(members) == sorted(articles)
    assert len({e["id"] for e in events}) == len(events) == local_run.summary.events
    # Events come in the order of their first article, members in input order.
    position = {article: i for i, article in enumerate(articles)}
    firsts = [position[e["articles"][0]] for e in events]
    assert firsts == sorted(firsts)
    for event in events:
        assert [position[m] for m in event["articles"]] == sorted(position[m] for m in event["articles"])


def test_events_with_two_or_more_articles_get_a_brief(local_run: Run) -> None:
    events = read_jsonl(local_run.out / "events.jsonl")
    briefed = [e for e in events if len(e["articles"]) >= 2]
    assert briefed, "the example cluster alone is four articles of one event"
    assert local_run.summary.briefs == len(briefed)
    for event in events:
        if event["brief"] is None:
            assert len(event["articles"]) < 2
            continue
        brief = read_json(local_run.out / event["brief"])
        assert brief["event"]["id"] == event["id"]
        # The brief lists its articles in (id, text) order, whatever order they came in.
        assert [a["id"] for a in brief["event"]["articles"]] == sorted(event["articles"])
        cited = {c["article"] for s in brief["summary"] for c in s["sources"]}
        assert brief["summary"] and cited <= set(event["articles"])


def test_events_are_those_the_clusterer_finds_on_its_own(local_run: Run) -> None:
    # Workers embedded the articles; the clusterer embedding them itself must agree exactly.
    articles = [article_from_record(r) for r in read_jsonl(local_run.out / "articles.jsonl")]
    expected = cluster_articles(articles, batch_size=CLUSTER_BATCH)
    events = read_jsonl(local_run.out / "events.jsonl")
    assert {a: e["id"] for e in events for a in e["articles"]} == expected


def test_progress_counts_inputs_then_briefs(local_run: Run) -> None:
    stages = [stage for stage, _ in local_run.progress]
    inputs = [done for stage, done in local_run.progress if stage == "inputs"]
    briefs = [done for stage, done in local_run.progress if stage == "briefs"]
    # Every input row is counted once, in order, before any brief is written.
    assert inputs == list(range(1, len(inputs) + 1))
    assert stages == ["inputs"] * len(inputs) + ["briefs"] * len(briefs)
    assert len(inputs) >= local_run.summary.articles + local_run.summary.failures
    assert briefs and briefs[-1] == local_run.summary.briefs
