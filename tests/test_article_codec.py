"""One article record for the store and a run's articles.jsonl: lossless, and tolerant of
records written by other versions."""

from __future__ import annotations

import json

from newsbrief.article_codec import article_from_record, article_record
from newsbrief.scale.records import article_from_line, article_line
from newsbrief.store.codec import decode_article, encode_cleaned
from newsbrief.types import Article


def test_record_round_trip_is_lossless_and_body_text_is_not_stored_twice(
    example_articles: list[Article],
) -> None:
    for article in example_articles:
        record = article_record(article)
        body = [p for p in record["paragraphs"] if "start" in p]
        assert body and all("text" not in p for p in body)
        assert all("text" in p for p in record["dropped"])
        assert article_from_record(json.loads(json.dumps(record))) == article
        assert article_from_line(article_line(article)) == article


def test_the_store_column_uses_the_same_record(example_articles: list[Article]) -> None:
    article = example_articles[0]
    cleaned = encode_cleaned(article)
    columns = {
        "article_id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "headline": article.headline,
        "published": article.published,
        "url": article.url,
        "text": article.text,
    }
    assert decode_article(**columns, cleaned=cleaned) == article
    assert "text" not in json.loads(cleaned)["fields"]  # a column of its own


def test_records_of_other_versions_still_load(example_articles: list[Article]) -> None:
    article = example_articles[0]
    body = next(p for p in article.paragraphs if p.start is not None)
    written = {"text": body.text, "kind": body.kind, "start": body.start, "end": body.end}
    # Before the shared codec the store wrote every paragraph with its text, "reason" only when
    # set; a field a later Article may have is left out, not an error.
    old = {
        "format": 1,
        "fields": {"dek": article.dek, "byline": article.byline, "mood": "calm"},
        "paragraphs": [{**written, **({"reason": body.reason} if body.reason else {})}],
        "dropped": [],
        "sentences": [[s.start, s.end, s.paragraph] for s in article.sentences[:1]],
    }
    loaded = decode_article(
        article_id=article.id,
        source=article.source,
        outlet=article.outlet,
        headline=article.headline,
        published=article.published,
        url=article.url,
        text=article.text,
        cleaned=json.dumps(old),
    )
    assert loaded.paragraphs == [body] and loaded.sentences == article.sentences[:1]
    assert loaded.byline == article.byline
