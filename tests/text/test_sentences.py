from __future__ import annotations

from newsbrief.text.sentences import split_text
from newsbrief.types import Article


def test_abbreviations_and_quotes_do_not_split() -> None:
    text = (
        "The U.S. envoy met Mr. Grushko on Jan. 12 in Brussels. "
        "“We have no plans, no intentions to attack Ukraine,” he said. Talks ended."
    )
    sentences = [text[s:e] for s, e in split_text(text)]
    assert sentences == [
        "The U.S. envoy met Mr. Grushko on Jan. 12 in Brussels.",
        "“We have no plans, no intentions to attack Ukraine,” he said.",
        "Talks ended.",
    ]


def test_sentence_offsets_index_the_article_text(seed_articles: list[Article]) -> None:
    for article in seed_articles:
        assert article.sentences
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip()
