"""Sentence splitting with offsets into Article.text.

pysbd handles the abbreviations news is full of ("U.S.", "Jan.", "Mr.") and
quotes ending in punctuation; it runs per body paragraph so no sentence
crosses a paragraph boundary.
"""

from __future__ import annotations

from functools import lru_cache

import pysbd

from newsbrief.types import Article, Sentence


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_text(text: str, base: int = 0) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, shifted by ``base``, whitespace trimmed."""
    spans = []
    for piece in _segmenter().segment(text):
        start, end = piece.start, piece.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((base + start, base + end))
    return spans


def split_sentences(article: Article) -> list[Sentence]:
    sentences: list[Sentence] = []
    body = [p for p in article.paragraphs if p.kind == "body" and p.start is not None]
    for number, paragraph in enumerate(body):
        assert paragraph.start is not None
        for start, end in split_text(paragraph.text, paragraph.start):
            sentences.append(
                Sentence(
                    article=article.id,
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    paragraph=number,
                )
            )
    return sentences


def annotate_sentences(article: Article) -> Article:
    article.sentences = split_sentences(article)
    return article
