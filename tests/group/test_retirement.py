"""Events the stream has left behind are retired, so the clusterer's state stays bounded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from newsbrief.group import load_event_clusterer
from newsbrief.group.cluster import EVENT_PREFIX, ClusterConfig, EventClusterer, MemoryState, cluster_articles
from newsbrief.types import Article

START = date(2022, 1, 3)


def _stream(articles: list[Article], stories: int, days_apart: int) -> list[Article]:
    """The same reports retold every ``days_apart`` days: one event per telling (the time
    window keeps them apart), in publication order."""
    return [
        replace(
            article,
            id=f"s{story:02d}-{article.id}",
            published=(START + timedelta(days=story * days_apart)).isoformat(),
            sentences=list(article.sentences),
        )
        for story in range(stories)
        for article in articles
    ]


def _config(retire: float | None) -> ClusterConfig:
    return ClusterConfig(embedder=None, retire_after_days=retire)


def _partition(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, event in labels.items():
        groups.setdefault(event, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def test_retiring_changes_no_event_of_an_ordered_stream_and_bounds_what_is_held(
    example_articles: list[Article],
) -> None:
    stream = _stream(example_articles, stories=12, days_apart=10)
    kept = cluster_articles(stream, _config(None), batch_size=len(example_articles))
    retiring = cluster_articles(stream, _config(30), batch_size=len(example_articles))
    assert set(retiring) == {a.id for a in stream}
    assert _partition(retiring) == _partition(kept)
    assert len(_partition(kept)) >= 12

    clusterer = EventClusterer(_config(30))
    state = MemoryState()
    for start in range(0, len(stream), len(example_articles)):
        clusterer.add(stream[start : start + len(example_articles)])
        clusterer.save(state)
    # The clock is at day 110: events last seen before day 80 are gone, from memory and state.
    held_days = {a.published for a in stream if a.id in clusterer.assignments()}
    assert held_days == {(START + timedelta(days=d)).isoformat() for d in (80, 90, 100, 110)}
    assert clusterer.retired == len(_partition(kept)) - len(clusterer.events) > 0
    assert {k.removeprefix(EVENT_PREFIX) for k, _ in state.iter_state(EVENT_PREFIX)} == set(clusterer.events)
    restored = load_event_clusterer(state)
    assert restored.assignments() == clusterer.assignments() and restored.retired == clusterer.retired


def _other_story(article_id: str, published: str) -> Article:
    text = (
        "Farmers in the valley brought in a record apple harvest this autumn, the growers' "
        "cooperative said. Orchard owner Mara Lindqvist said the cider presses ran day and night."
    )
    return Article(id=article_id, text=text, headline="Record apple harvest", published=published)


def test_one_misdated_article_does_not_retire_everything(example_articles: list[Article]) -> None:
    clusterer = EventClusterer(_config(30))
    first = _stream(example_articles, stories=1, days_apart=0)
    clusterer.add(first)
    # The clock moves by the batch's median date, so the year-2099 article is not "now".
    misdated = [_other_story(f"apple-{n}", "2022-01-05") for n in range(3)]
    misdated.append(_other_story("apple-wrong-date", "2099-01-01"))
    clusterer.add(misdated)
    assert clusterer.retired == 0
    assert all(a.id in clusterer.assignments() for a in first)


def test_undated_events_are_never_retired(example_articles: list[Article]) -> None:
    clusterer = EventClusterer(_config(1))
    undated = [replace(a, id=f"u-{a.id}", published=None) for a in example_articles]
    clusterer.add(undated)
    clusterer.add([_other_story(f"apple-{n}", "2022-01-05") for n in range(3)])
    clusterer.add([_other_story(f"apple-late-{n}", "2023-06-01") for n in range(3)])
    assert clusterer.retired == 1  # the dated harvest event of 2022
    assert all(f"u-{a.id}" in clusterer.assignments() for a in example_articles)
