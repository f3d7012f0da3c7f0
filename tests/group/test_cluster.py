from __future__ import annotations

import json
import random
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from newsbrief.evaluate.clustering import bcubed
from newsbrief.group import StatefulClusterer, assign_events, load_event_clusterer
from newsbrief.group.cluster import ClusterConfig, EventClusterer, MemoryState, cluster_articles
from newsbrief.group.event_features import article_terms, capitalised_names, publication_day
from newsbrief.types import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MULTINEWS = SHARED / "data" / "multinews" / "multinews_raw_sample250_val.jsonl"
# 280 Multi-News articles: cleaning them (~40 ms each) is most of this module's run time.
MULTINEWS_ROWS = 100


def _copy(article: Article, new_id: str, published: str | None = None) -> Article:
    return replace(article, id=new_id, published=published, sentences=list(article.sentences))


def _lexical() -> ClusterConfig:
    # Embeddings off keeps these unit tests independent of the bundled model.
    return ClusterConfig(embedder=None)


def test_capitalised_names_skip_sentence_start_and_split_at_punctuation() -> None:
    names = capitalised_names("The talks with Jens Stoltenberg’s team, Russia and the U.S. ended.")
    assert names == ["jens stoltenberg", "jens", "stoltenberg", "russia", "u.s"]


def test_names_and_words_match_with_or_without_diacritics() -> None:
    # Multi-News row 42: one report spells the pole vaulter "Grünberg", another "Grunberg".
    accented = article_terms(Article(id="a", text="Austria's Kira Grünberg was hurt in Innsbruck."))
    plain = article_terms(Article(id="b", text="The parents of Kira Grunberg were watching."))
    assert "kira grunberg" in accented.terms["e:"] and "kira grunberg" in plain.terms["e:"]
    assert "grunberg" in accented.terms["b:"]


def test_a_state_saved_before_the_learnt_join_keeps_the_weighted_mean_join() -> None:
    saved = {k: v for k, v in asdict(ClusterConfig()).items() if k != "join_model"}
    assert ClusterConfig.from_dict(saved).join_model is None
    assert ClusterConfig.from_dict(asdict(ClusterConfig())).join_model == ClusterConfig().join_model


def test_publication_day_reads_dates_and_datetimes() -> None:
    day = publication_day(Article(id="a", text="x", published="2022-01-12"))
    later = publication_day(Article(id="b", text="x", published="2022-01-13T22:56:00"))
    assert day is not None and later == day + 1
    assert publication_day(Article(id="c", text="x", published="last week")) is None


def test_lead_terms_come_from_headline_and_first_sentences(seed_articles: list[Article]) -> None:
    article = seed_articles[0]
    terms = article_terms(article, lead_sentences=1)
    assert article.headline and terms.lead_text.startswith(article.headline)
    assert len(terms.terms["l:"]) < len(terms.terms["b:"])
    assert "stoltenberg" in terms.terms["e:"]


def test_seed_reports_form_one_event_apart_from_the_example(
    seed_articles: list[Article], example_articles: list[Article]
) -> None:
    labels = cluster_articles([*seed_articles, *example_articles], _lexical())
    seed_events = {labels[a.id] for a in seed_articles}
    example_events = {labels[a.id] for a in example_articles}
    assert len(seed_events) == 1
    assert len(example_events) == 1
    assert seed_events.isdisjoint(example_events)


def test_same_input_gives_same_events(seed_articles: list[Article], example_articles: list[Article]) -> None:
    articles = [*example_articles, *seed_articles]
    random.Random(3).shuffle(articles)
    first = cluster_articles(articles, _lexical(), batch_size=3)
    second = cluster_articles(articles, _lexical(), batch_size=3)
    assert first == second


def test_time_window_keeps_the_same_story_a_month_apart_separate(
    seed_articles: list[Article],
) -> None:
    base = seed_articles[2]
    close = [_copy(base, "a", "2022-01-12"), _copy(base, "b", "2022-01-14")]
    far = _copy(base, "c", "2022-02-20")
    undated = _copy(base, "d", None)
    labels = cluster_articles([*close, undated, far], replace(_lexical(), merge_threshold=None))
    assert labels["a"] == labels["b"] == labels["d"]
    assert labels["c"] != labels["a"]


def test_events_merge_and_earlier_articles_are_reported_moved(
    seed_articles: list[Article],
) -> None:
    base = seed_articles[2]
    # Nothing may join an event directly, so only the merge step can bring copies together.
    config = replace(_lexical(), join_model=None, threshold=1.01, merge_threshold=0.3, window_days=7)
    clusterer = EventClusterer(config)
    # 12 days apart: too far to merge with each other...
    first = clusterer.add([_copy(base, "early", "2022-01-01"), _copy(base, "late", "2022-01-13")])
    assert first["early"] != first["late"] and not clusterer.merges
    # ...until a report in between makes one story of them; the older event survives.
    second = clusterer.add([_copy(base, "middle", "2022-01-07")])
    survivor = first["early"]
    assert second == {"middle": survivor, "late": survivor}
    assert len(clusterer.merges) == 2 and clusterer.merges[-1].survivor == survivor
    absorbed = [m.absorbed for m in clusterer.merges]
    assert first["late"] in absorbed and survivor not in absorbed and len(set(absorbed)) == 2
    assert set(clusterer.events) == {survivor}
    assert sorted(clusterer.events[survivor].members) == ["early", "late", "middle"]


def test_saved_state_resumes_exactly_and_writes_only_what_changed(
    seed_articles: list[Article], example_articles: list[Article]
) -> None:
    articles = [*seed_articles, *example_articles]
    random.Random(1).shuffle(articles)
    batches = [articles[:4], articles[4:7], articles[7:]]
    uninterrupted = EventClusterer(_lexical())
    expected = [uninterrupted.add(b) for b in batches]

    state = _CountingState()
    results = []
    for batch in batches:
        clusterer = EventClusterer.load(state, _lexical())
        results.append(clusterer.add(batch))
        state.writes.clear()
        clusterer.save(state)
        events_written = [k for k in state.writes if k.startswith("event/")]
        assert len(events_written) <= len(set(results[-1].values()))
    assert results == expected
    restored = EventClusterer.load(state)
    assert restored.assignments() == uninterrupted.assignments()
    assert json.loads(state.data["meta"])["config"]["embedder"] is None
    with pytest.raises(ValueError, match="different clustering configuration"):
        EventClusterer.load(state, replace(_lexical(), threshold=0.9))


def test_repeated_article_keeps_its_event(seed_articles: list[Article]) -> None:
    clusterer = EventClusterer(_lexical())
    first = clusterer.add(seed_articles[:2])
    again = clusterer.add(seed_articles[:1])
    assert again == {seed_articles[0].id: first[seed_articles[0].id]}
    assert sum(len(e.members) for e in clusterer.events.values()) == 2


def test_implements_the_group_protocol_and_loads_through_it(
    seed_articles: list[Article],
) -> None:
    state = MemoryState()
    assert isinstance(load_event_clusterer(state), StatefulClusterer)
    assignment = assign_events(state, seed_articles)
    assert set(assignment) == {a.id for a in seed_articles}
    assert isinstance(load_event_clusterer(state), EventClusterer)
    assert load_event_clusterer(state).assignments() == assignment


class _CountingState(MemoryState):
    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def put_state(self, key: str, value: bytes) -> None:
        self.writes.append(key)
        super().put_state(key, value)


@pytest.fixture(scope="module")
def multinews_articles() -> list[Article]:
    if not MULTINEWS.is_file():
        pytest.skip("../shared/data/multinews is not available")
    from newsbrief.pipeline import clean_documents
    from newsbrief.types import RawDocument

    documents = []
    with MULTINEWS.open(encoding="utf-8") as handle:
        for line, _ in zip(handle, range(MULTINEWS_ROWS), strict=False):
            record = json.loads(line)
            for index, text in enumerate(record["documents"]):
                documents.append(
                    RawDocument(
                        id=f"mn{record['row']}-{index}",
                        source=f"multinews:{record['row']}:{index}",
                        content=text,
                        format="text",
                    )
                )
    articles, _ = clean_documents(documents)
    return articles


def test_seeds_mixed_into_multinews_form_one_event_of_their_own(
    seed_articles: list[Article], multinews_articles: list[Article]
) -> None:
    """The issue's done criterion, with the shipped configuration (embeddings on)."""
    assert len(multinews_articles) >= 250
    articles = [*multinews_articles, *seed_articles]
    random.Random(0).shuffle(articles)
    labels = cluster_articles(articles)
    seed_ids = {a.id for a in seed_articles}
    seed_events = {labels[i] for i in seed_ids}
    assert len(seed_events) == 1
    (seed_event,) = seed_events
    assert {i for i, e in labels.items() if e == seed_event} == seed_ids
    # The Multi-News reports are grouped too, mostly as Multi-News grouped them (measured:
    # BCubed P 0.944, R 0.702; the impure events are mostly Wayback Machine placeholder pages
    # that Multi-News kept as documents, identical across its clusters).
    gold = [a.id.split("-")[0] for a in multinews_articles]
    scores = bcubed(gold, [labels[a.id] for a in multinews_articles])
    assert scores.precision >= 0.9
    assert scores.recall >= 0.6
