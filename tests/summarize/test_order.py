from __future__ import annotations

from newsbrief.summarize.order import reading_order
from newsbrief.types import Article, Citation, SummarySentence


def _sentence(article: str, start: int) -> SummarySentence:
    return SummarySentence(article, start, start + 1, text="x", sources=[Citation(article, start, start + 1)])


def test_sentences_of_one_report_keep_their_order_and_leads_come_first() -> None:
    articles = [Article(id="a", text="a" * 100), Article(id="b", text="b" * 100)]
    summary = [_sentence("a", 60), _sentence("b", 30), _sentence("a", 10)]
    assert reading_order(summary, articles) == [2, 1, 0]


def test_earlier_news_comes_first_when_every_article_is_dated() -> None:
    articles = [
        Article(id="late", text="a" * 100, published="2022-01-13"),
        Article(id="early", text="b" * 100, published="2022-01-12T10:00:00"),
    ]
    summary = [_sentence("late", 0), _sentence("early", 90)]
    assert reading_order(summary, articles) == [1, 0]
