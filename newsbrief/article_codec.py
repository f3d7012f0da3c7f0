"""One lossless record of a cleaned ``Article`` as plain JSON data, shared by every place that
writes articles down: the SQLite store (``store/codec.py``), a run's ``articles.jsonl``
(``scale/records.py``) and the web app's jobs.

The record holds every ``Article`` field under its own name, except:

* ``sentences``: ``[start, end, paragraph]`` triples; their text is a slice of the article text.
* ``paragraphs`` / ``dropped``: ``{"kind", "reason", "start", "end"}``, plus ``"text"`` only
  when the paragraph is not a slice of the article text (dropped lines, or no offsets).

Storing the text twice would double the size of the store and of ``articles.jsonl`` for
nothing. Reading is tolerant: a field this version of ``Article`` lacks is left out, a missing
one takes its default, and a paragraph may carry its text or not, so records written by another
version still load. A field added to ``types.Article`` is written and read without any change here.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from newsbrief.types import Article, Paragraph, Sentence

LIST_FIELDS = frozenset({"paragraphs", "dropped", "sentences"})
# Every Article field that is a plain value (str or None), in declaration order.
PLAIN_FIELDS = tuple(f.name for f in fields(Article) if f.name not in LIST_FIELDS)


def article_record(article: Article, *, leave_out: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The record of ``article``; ``leave_out``: plain fields the caller stores elsewhere."""
    record: dict[str, Any] = {name: getattr(article, name) for name in PLAIN_FIELDS if name not in leave_out}
    record["paragraphs"] = [paragraph_record(p, article.text) for p in article.paragraphs]
    record["dropped"] = [paragraph_record(p, article.text) for p in article.dropped]
    record["sentences"] = [[s.start, s.end, s.paragraph] for s in article.sentences]
    return record


def article_from_record(record: dict[str, Any]) -> Article:
    plain = {name: record[name] for name in PLAIN_FIELDS if name in record}
    article = Article(**plain)
    article.paragraphs = [paragraph_from_record(p, article.text) for p in record.get("paragraphs", [])]
    article.dropped = [paragraph_from_record(p, article.text) for p in record.get("dropped", [])]
    article.sentences = sentences_from_records(article.id, article.text, record.get("sentences", []))
    return article


def paragraph_record(paragraph: Paragraph, text: str) -> dict[str, Any]:
    record: dict[str, Any] = {"kind": paragraph.kind, "reason": paragraph.reason}
    start, end = paragraph.start, paragraph.end
    if start is not None and end is not None:
        record["start"], record["end"] = start, end
    if start is None or end is None or text[start:end] != paragraph.text:
        record["text"] = paragraph.text
    return record


def paragraph_from_record(record: dict[str, Any], text: str) -> Paragraph:
    start, end = record.get("start"), record.get("end")
    body = record["text"] if "text" in record else text[start:end]
    return Paragraph(body, record["kind"], record.get("reason", ""), start, end)


def sentences_from_records(article_id: str, text: str, triples: list[list[int]]) -> list[Sentence]:
    return [
        Sentence(article_id, start, end, index=index, text=text[start:end], paragraph=paragraph)
        for index, (start, end, paragraph) in enumerate(triples)
    ]
