"""Article ↔ the ``cleaned`` JSON column: everything cleaning found beyond the indexed columns.

Sentences are kept as (start, end, paragraph) offsets only: their text is a slice of the
article text, and storing it twice would double the size of the store for nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from typing import Any

from newsbrief.types import Article, Paragraph, Sentence

CLEANED_FORMAT = 1


def content_hash(article: Article) -> str:
    """Same outlet, headline and cleaned text (whitespace aside) ⇒ the same article.

    Hashing the cleaned text, not the raw input, recognises a re-crawl whose page chrome
    changed; the outlet is part of the key so a wire story carried word for word by two
    outlets stays two articles (linked as near-duplicates instead).
    """
    key = "\x1f".join((article.outlet or "", article.headline or "", " ".join(article.text.split())))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# Article fields with a column of their own, or encoded specially below.
_COLUMN_FIELDS = frozenset({"id", "text", "source", "headline", "outlet", "published", "url"})
_LIST_FIELDS = frozenset({"paragraphs", "dropped", "sentences"})
# Every other Article field (dek, dateline, byline, language, ...) is a plain value kept under
# "fields", so a field added to types.Article is stored without a schema change.
_PLAIN_FIELDS = tuple(f.name for f in fields(Article) if f.name not in _COLUMN_FIELDS | _LIST_FIELDS)


def encode_cleaned(article: Article) -> str:
    record: dict[str, Any] = {
        "format": CLEANED_FORMAT,
        "fields": {name: getattr(article, name) for name in _PLAIN_FIELDS},
        "paragraphs": [_paragraph(p) for p in article.paragraphs],
        "dropped": [_paragraph(p) for p in article.dropped],
        "sentences": [[s.start, s.end, s.paragraph] for s in article.sentences],
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def decode_article(
    *,
    article_id: str,
    source: str,
    outlet: str | None,
    headline: str | None,
    published: str | None,
    url: str | None,
    text: str,
    cleaned: str,
) -> Article:
    record = json.loads(cleaned)
    # Fields written by another version of Article than this one are left out, not an error.
    plain = {k: v for k, v in record.get("fields", {}).items() if k in _PLAIN_FIELDS}
    return Article(
        id=article_id,
        text=text,
        source=source,
        headline=headline,
        outlet=outlet,
        published=published,
        url=url,
        paragraphs=[Paragraph(**p) for p in record.get("paragraphs", [])],
        dropped=[Paragraph(**p) for p in record.get("dropped", [])],
        sentences=[
            Sentence(
                article=article_id,
                index=i,
                start=start,
                end=end,
                text=text[start:end],
                paragraph=par,
            )
            for i, (start, end, par) in enumerate(record.get("sentences", []))
        ],
        **plain,
    )


def _paragraph(paragraph: Paragraph) -> dict[str, Any]:
    record: dict[str, Any] = {"text": paragraph.text, "kind": paragraph.kind}
    if paragraph.reason:
        record["reason"] = paragraph.reason
    if paragraph.start is not None:
        record["start"], record["end"] = paragraph.start, paragraph.end
    return record
