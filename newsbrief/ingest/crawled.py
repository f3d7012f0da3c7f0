"""A RawDocument that also knows when a crawler fetched it."""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.types import RawDocument


@dataclass(slots=True)
class CrawledDocument(RawDocument):
    """``crawled`` is when the page was fetched (e.g. WARC-Date), ISO 8601.

    It is kept apart from ``published`` on purpose: a crawl date says nothing about when the
    story came out, and treating it as one would put re-crawled old stories into new events.
    """

    crawled: str | None = None


def crawled_at(document: RawDocument) -> str | None:
    return document.crawled if isinstance(document, CrawledDocument) else None
