from __future__ import annotations

import numpy as np

from newsbrief.ingest.crawled import CrawledDocument
from newsbrief.scale.records import (
    article_from_line,
    article_line,
    document_row,
    order_key,
    row_document,
    vector_bytes,
    vector_from_bytes,
)
from newsbrief.types import Article


def test_an_article_line_gives_back_the_same_article(example_articles: list[Article]) -> None:
    # The brief stage rebuilds articles from articles.jsonl: any loss would change the briefs.
    for article in example_articles:
        assert article.sentences and article.paragraphs
        assert article_from_line(article_line(article)) == article


def test_a_renamed_article_keeps_its_sentences_pointing_at_it(
    example_articles: list[Article],
) -> None:
    article = article_from_line(article_line(example_articles[0]))
    article.id = "renamed"
    rebuilt = article_from_line(article_line(article))
    assert {s.article for s in rebuilt.sentences} == {"renamed"}


def test_a_document_row_keeps_the_crawl_date() -> None:
    document = CrawledDocument(
        id="a", source="x.warc@0", content="<p>hi</p>", format="html", crawled="2024-01-02"
    )
    assert row_document(document_row(1, document)) == document


def test_order_keys_sort_by_shard_then_record() -> None:
    keys = [order_key(0, 5), order_key(1, 0), order_key(1, 7), order_key(2, 0)]
    assert keys == sorted(keys)
    assert order_key(0, 2**31) < order_key(1, 0)


def test_vectors_survive_the_byte_round_trip() -> None:
    vector = np.random.default_rng(0).standard_normal(8).astype(np.float32)
    assert np.array_equal(vector_from_bytes(vector_bytes(vector)), vector)
