"""Deep HTML is flattened so no extractor loses the body below libxml2's depth limit."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from newsbrief.clean.nesting import SAFE_DEPTH, flatten_deep_nesting

BODY = "<article><p>The council met on Wednesday in Brussels.</p><p>Talks lasted hours.</p></article>"


def _max_depth(html: str) -> int:
    root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def test_an_ordinary_page_is_returned_as_it_is() -> None:
    page = "<html><body>" + "<div>" * 20 + BODY + "</div>" * 20 + "</body></html>"
    assert flatten_deep_nesting(page) is page


def test_a_page_nested_past_the_parser_limit_keeps_its_text_at_a_safe_depth() -> None:
    page = "<html><body>" + "<div>" * 400 + BODY + "</div>" * 400 + "</body></html>"
    flat = flatten_deep_nesting(page)
    assert _max_depth(flat) < SAFE_DEPTH
    # The default parser, as the extractors use it, now sees the body.
    text = lxml_html.fromstring(flat).text_content()
    assert "The council met on Wednesday in Brussels." in text and "Talks lasted hours." in text


def test_unclosed_font_tags_lose_no_text() -> None:
    words = [f"word{n}" for n in range(500)]
    page = "<html><body>" + "".join(f"<font>{w} " for w in words) + "</body></html>"
    text = lxml_html.fromstring(flatten_deep_nesting(page)).text_content()
    assert text.split() == words


def test_a_page_deeper_than_the_parser_can_go_keeps_its_text() -> None:
    # libxml2 stops at depth 2048 even with huge_tree.
    page = "<html><body>" + "<span>" * 3000 + BODY + "</span>" * 3000 + "</body></html>"
    text = lxml_html.fromstring(flatten_deep_nesting(page)).text_content()
    assert "The council met on Wednesday in Brussels." in text
