"""The records a run passes between processes and writes to its output folder.

Every stage talks in plain rows (``dict`` of str / int / bytes) so the same rows travel through
a process pool (pickled) and through Ray Data (Arrow columns) unchanged. An article row's
``payload`` is exactly the line later written to ``articles.jsonl``: a lossless record of the
cleaned article (sentences as offsets), which the brief stage reads back.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import numpy as np

from newsbrief import article_codec as codec
from newsbrief.ingest.crawled import CrawledDocument, crawled_at
from newsbrief.types import Article, Failure, RawDocument

RowKind = Literal["document", "article", "failure"]
Row = dict[str, Any]
ROW_COLUMNS = ("key", "kind", "payload", "signature", "vector", "vector_of")

# Input order as one integer: (shard number, record number in the shard). Ray Data keeps rows in
# this order; the sequential consumer checks it.
_SHARD_SHIFT = 32


def order_key(shard: int, index: int) -> int:
    return (shard << _SHARD_SHIFT) | index


def make_row(key: int, kind: RowKind, payload: str, signature: bytes = b"") -> Row:
    """``vector``: the clustering embedding, float32 bytes; ``vector_of``: the key
    (``vectors.text_key``) of the text it embeds. Both stay empty until the embedding stage."""
    # Every row has every column, so Ray Data never sees two schemas in one stream.
    return {
        "key": key,
        "kind": kind,
        "payload": payload,
        "signature": signature,
        "vector": b"",
        "vector_of": b"",
    }


def _dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


# Documents and failures


def document_row(key: int, document: RawDocument) -> Row:
    record = {
        "id": document.id,
        "source": document.source,
        "content": document.content,
        "format": document.format,
        "title": document.title,
        "url": document.url,
        "outlet": document.outlet,
        "published": document.published,
        "crawled": crawled_at(document),
    }
    return make_row(key, "document", _dumps(record))


def row_document(row: Row) -> RawDocument:
    return CrawledDocument(**json.loads(row["payload"]))


def failure_row(key: int, failure: Failure) -> Row:
    return make_row(key, "failure", _dumps({"source": failure.source, "reason": failure.reason}))


def row_failure(row: Row) -> Failure:
    return Failure(**json.loads(row["payload"]))


# Articles


def article_record(article: Article, duplicate_of: str | None = None) -> dict[str, Any]:
    """One ``articles.jsonl`` line: the shared article record (``newsbrief.article_codec``) and
    the id of the article it duplicates, if any."""
    record = codec.article_record(article)
    record["duplicate_of"] = duplicate_of
    return record


def article_line(article: Article, duplicate_of: str | None = None) -> str:
    return _dumps(article_record(article, duplicate_of))


article_from_record = codec.article_from_record


def article_from_line(line: str | bytes) -> Article:
    return article_from_record(json.loads(line))


def vector_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f4")
