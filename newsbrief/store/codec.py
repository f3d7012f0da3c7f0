"""Article ↔ the ``cleaned`` JSON column: everything cleaning found beyond the indexed columns.

The article record is the shared one (``newsbrief.article_codec``), with the fields that have a
column of their own left out and the other plain fields under ``"fields"``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from newsbrief.article_codec import article_from_record, article_record
from newsbrief.types import Article

CLEANED_FORMAT = 1


def content_hash(article: Article) -> str:
    """Same outlet, headline and cleaned text (whitespace aside) ⇒ the same article.

    Hashing the cleaned text, not the raw input, recognises a re-crawl whose page chrome
    changed; the outlet is part of the key so a wire story carried word for word by two
    outlets stays two articles (linked as near-duplicates instead).
    """
    key = "\x1f".join((article.outlet or "", article.headline or "", " ".join(article.text.split())))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# Article fields with a column of their own.
_COLUMN_FIELDS = frozenset({"id", "text", "source", "headline", "outlet", "published", "url"})


def encode_cleaned(article: Article) -> str:
    shared = article_record(article, leave_out=_COLUMN_FIELDS)
    lists = {name: shared.pop(name) for name in ("paragraphs", "dropped", "sentences")}
    record: dict[str, Any] = {"format": CLEANED_FORMAT, "fields": shared, **lists}
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
    columns = {
        "id": article_id,
        "text": text,
        "source": source,
        "headline": headline,
        "outlet": outlet,
        "published": published,
        "url": url,
    }
    # Fields written by another version of Article than this one are left out, not an error;
    # paragraphs written with their text (before the shared codec) still load.
    plain = {k: v for k, v in record.get("fields", {}).items() if k not in _COLUMN_FIELDS}
    lists = {name: record.get(name, []) for name in ("paragraphs", "dropped", "sentences")}
    return article_from_record({**plain, **columns, **lists})
