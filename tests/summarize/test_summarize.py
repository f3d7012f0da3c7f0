"""Behaviour of the summarizer on the bundled example cluster."""

from __future__ import annotations

from dataclasses import replace

from newsbrief.analyze.context import BriefContext
from newsbrief.evaluate.texts import article_from_text
from newsbrief.summarize import Options, summarize
from newsbrief.types import Article


def _words(summary: list) -> int:  # type: ignore[type-arg]
    return sum(len(s.text.split()) for s in summary)


def test_budget_and_overflow(example_articles: list[Article]) -> None:
    overflowed = 0
    for words in range(40, 90, 7):
        plain = summarize(example_articles, words)
        assert 0 < _words(plain) <= words
        filled = summarize(example_articles, words, Options(overflow=True))
        # At most one more sentence, placed last, to be cut at the word limit by evaluation.
        assert [s.text for s in filled[: len(plain)]] == [s.text for s in plain]
        assert len(filled) - len(plain) in (0, 1)
        if len(filled) > len(plain):
            overflowed += 1
            assert _words(filled) > words
    assert overflowed


def test_the_most_widely_reported_fact_leads(example_articles: list[Article]) -> None:
    # Citations come from the event's context (its fact alignment), as build_brief passes it.
    summary = summarize(example_articles, 60, context=BriefContext(example_articles))
    sources = [len({c.article for c in s.sources}) for s in summary]
    assert max(sources) >= 3


def test_compressed_sentences_cite_the_whole_original_sentence(
    example_articles: list[Article],
) -> None:
    by_id = {a.id: a for a in example_articles}
    compressed = 0
    for words in (60, 120, 200, 300):
        for s in summarize(example_articles, words):
            own = by_id[s.article].text[s.start : s.end]
            assert s.sources[0].start == s.start and s.sources[0].end == s.end
            if s.text != own:
                compressed += 1
                assert len(s.text) < len(own)
    assert compressed, "the example has day names to drop; some summary should be compressed"


def test_without_compression_every_sentence_is_verbatim(example_articles: list[Article]) -> None:
    by_id = {a.id: a for a in example_articles}
    for s in summarize(example_articles, 200, Options(compress=False)):
        assert by_id[s.article].text[s.start : s.end] == s.text


def test_no_sentence_repeats_another(example_articles: list[Article]) -> None:
    summary = summarize(example_articles, 300, replace(Options(), compress=False))
    spans = [(s.article, s.start) for s in summary]
    assert len(spans) == len(set(spans))
    texts = [s.text.lower() for s in summary]
    assert len(texts) == len(set(texts))


def test_a_single_short_article_gives_its_lead() -> None:
    article = article_from_text("D1", "Storm hits coast. Power is out. Schools closed.")
    summary = summarize([article], 4)
    assert [s.text for s in summary] == ["Storm hits coast."]


def test_nothing_to_summarize() -> None:
    assert summarize([], 100) == []
    assert summarize([article_from_text("D1", "")], 100) == []
