"""Article extraction from raw HTML: body paragraphs plus page metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura
from htmldate import find_date
from lxml import etree

_WS = re.compile(r"\s+")
# Conservative date settings: publication date only, no guessing from free text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(slots=True)
class HtmlExtraction:
    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    description: str | None = None
    extractor: str = "none"


def _norm(text: str | None) -> str | None:
    if not text:
        return None
    text = _WS.sub(" ", text).strip()
    return text or None


# Trafilatura's output elements that start a new paragraph; everything else is inline.
_BLOCK_TAGS = frozenset({"p", "head", "item", "list", "quote", "lb", "row", "table", "code", "div"})


def _flatten(element: etree._Element, pieces: list[str]) -> None:
    block = element.tag in _BLOCK_TAGS
    if block:
        pieces.append("\n")
    if element.text:
        pieces.append(element.text)
    for child in element:
        _flatten(child, pieces)
    if block:
        pieces.append("\n")
    elif element.tag == "cell":
        pieces.append(" ")
    if element.tail:
        pieces.append(element.tail)


def _body_paragraphs(body: etree._Element | None) -> list[str]:
    if body is None:
        return []
    pieces: list[str] = []
    if body.text:
        pieces.append(body.text)
    for child in body:
        _flatten(child, pieces)
    lines = (_norm(line) for line in "".join(pieces).split("\n"))
    return [line for line in lines if line]


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article body and metadata; never raises, returns an empty extraction."""
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:
        doc = None
    if doc is None:
        return HtmlExtraction(url=url, extractor="none")
    date = doc.date
    if not date:
        try:
            date = find_date(html, extensive_search=False, original_date=True)
        except Exception:
            date = None
    return HtmlExtraction(
        paragraphs=_body_paragraphs(doc.body),
        title=_norm(doc.title),
        author=_norm(doc.author),
        date=date,
        sitename=_norm(doc.sitename),
        url=doc.url or url,
        description=_norm(doc.description),
        extractor="trafilatura",
    )
