"""Articles given as strings rather than files: pasted into the web app or passed to the
Python API. One rule decides whether a string is an HTML page or plain text."""

from __future__ import annotations

import re

from newsbrief.types import RawDocument

_HTML_TAG = re.compile(r"<\s*(?:!doctype|html|body|article|div|p|h1|h2|main)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is (part of) an HTML page: it has a document or block tag."""
    return _HTML_TAG.search(text) is not None


def string_document(text: str, article_id: str, *, source: str = "", url: str | None = None) -> RawDocument:
    """``text`` as one input document, HTML or plain text as it looks."""
    return RawDocument(
        id=article_id,
        source=source or article_id,
        content=text,
        format="html" if looks_like_html(text) else "text",
        url=url,
    )
