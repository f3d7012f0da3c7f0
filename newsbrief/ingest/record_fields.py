"""JSON article records from the tools people already use, mapped field by field.

One record is one article. Three shapes are recognised by their keys:

- newsbrief: ``text`` or ``html``, ``id``, ``title``, ``url``, ``outlet``, ``published``,
  ``crawled``;
- trafilatura ``--json``: ``text`` (else ``raw_text``), ``title``, ``date``, ``source`` (else
  ``url``), outlet from ``sitename``, else ``source-hostname``, else ``hostname``; ``author``;
- news-please: ``maintext``, ``title``, ``date_publish``, ``url``, outlet from
  ``source_domain``, ``authors``, ``date_download`` (kept as the crawl date, never as
  publication).

A domain in the outlet field is turned into the outlet's name where the outlet table knows it
(``reuters.com`` → Reuters). Anything else in a record is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RecordFields:
    """What one JSON record says about its article; ``body`` is None when it has no text."""

    body: str | None
    format: str  # "text" or "html"
    id: str | None
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    author: str | None
    crawled: str | None
    tool: str  # "newsbrief", "trafilatura" or "news-please"


def record_fields(record: Mapping[str, object]) -> RecordFields:
    """The article fields of ``record``, whichever tool wrote it."""
    if "maintext" in record:
        return _news_please(record)
    if "source-hostname" in record or "raw_text" in record or "fingerprint" in record:
        return _trafilatura(record)
    text, html = _text(record.get("text")), _text(record.get("html"))
    return RecordFields(
        body=text or html,
        format="text" if text else "html",
        id=_id(record.get("id")),
        title=_text(record.get("title")),
        url=_text(record.get("url")),
        outlet=_text(record.get("outlet")),
        published=_text(record.get("published")),
        author=_text(record.get("author")),
        crawled=_text(record.get("crawled")),
        tool="newsbrief",
    )


def _trafilatura(record: Mapping[str, object]) -> RecordFields:
    url = _text(record.get("source")) or _text(record.get("url"))
    host = _text(record.get("source-hostname")) or _text(record.get("hostname"))
    return RecordFields(
        body=_text(record.get("text")) or _text(record.get("raw_text")),
        format="text",
        id=_id(record.get("id")) or _id(record.get("fingerprint")),
        title=_text(record.get("title")),
        url=url,
        outlet=_text(record.get("sitename")) or _outlet_of_host(host) or outlet_from_url(url),
        published=_iso(record.get("date")),
        author=_text(record.get("author")),
        crawled=None,
        tool="trafilatura",
    )


def _news_please(record: Mapping[str, object]) -> RecordFields:
    url = _text(record.get("url"))
    authors = record.get("authors")
    names = (
        [a.strip() for a in authors if isinstance(a, str) and a.strip()] if isinstance(authors, list) else []
    )
    return RecordFields(
        body=_text(record.get("maintext")),
        format="text",
        id=_id(record.get("id")) or _id(record.get("filename")),
        title=_text(record.get("title")),
        url=url,
        outlet=_outlet_of_host(_text(record.get("source_domain"))) or outlet_from_url(url),
        published=_iso(record.get("date_publish")),
        author=", ".join(names) or None,
        crawled=_iso(record.get("date_download")),
        tool="news-please",
    )


def _outlet_of_host(host: str | None) -> str | None:
    """A host name ("www.reuters.com") as the outlet's name; a name that is not a host
    ("The Guardian", trafilatura's ``source-hostname`` is often the site's name) as given."""
    if not host:
        return None
    if "." in host and " " not in host:
        return outlet_from_url(f"https://{host}/") or host
    return host


def _iso(value: object) -> str | None:
    """A tool's timestamp in ISO 8601 ("2026-03-03 08:49:26" → "2026-03-03T08:49:26"); a value
    that is not a date is passed on as written, for the caller's validation to judge."""
    text = _text(value)
    if text is None:
        return None
    try:
        if len(text) == len("2026-03-03"):
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return text


def outlet_from_url(url: str | None) -> str | None:
    # Imported on use: the cleaning package loads trafilatura and the line model, which the
    # CLI's start-up (reading inputs lazily) should not pay for.
    from newsbrief.clean.outlets import outlet_from_url as from_url

    return from_url(url)


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _id(value: object) -> str | None:
    # An id may be a number in some tools' output; bools and containers are not ids.
    if isinstance(value, bool):
        return None
    if isinstance(value, int | str):
        return str(value).strip() or None
    return None
