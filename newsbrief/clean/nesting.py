"""Flatten pathologically deep HTML before extraction.

libxml2's HTML parser, which trafilatura, readability and jusText all use, silently drops
every element below depth 256 unless asked for a "huge tree". Pages with hundreds of
unclosed <font> or <div> tags exist in old crawls, and their whole body sits below that
line. Rather than teach each extractor a parser option, such pages are parsed once with
huge_tree and the presentational wrappers past a safe depth are unwrapped (their text and
children kept), so every extractor sees a tree of ordinary depth.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

# libxml2 stops at 256; stay well below it so the extractors' own wrapping has room.
SAFE_DEPTH = 180
# Below this depth wrappers are left alone: the article's own structure lives there.
KEEP_DEPTH = 60
# Tags that only wrap or style content; unwrapping them loses no text or block structure
# worth keeping at such depths.
_WRAPPERS = frozenset(
    [
        "div",
        "span",
        "font",
        "b",
        "i",
        "u",
        "em",
        "strong",
        "small",
        "big",
        "center",
        "section",
        "tt",
        "s",
        "strike",
        "sub",
        "sup",
        "abbr",
        "label",
        "nobr",
        "blockquote",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
    ]
)


# Even with huge_tree, libxml2 stops at depth 2048; a page that reaches it cannot be flattened
# as a tree, so its wrapper tags are removed as text instead.
_PARSER_MAX_DEPTH = 2048
_WRAPPER_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_WRAPPERS))})\b[^<>]*>", re.IGNORECASE)


def _depths(root: etree._Element) -> tuple[int, list[tuple[etree._Element, int]]]:
    """The tree's maximum depth and the wrapper elements deeper than KEEP_DEPTH."""
    deepest, depth, deep_wrappers = 0, 0, []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        deepest = max(deepest, depth)
        if depth > KEEP_DEPTH and isinstance(element.tag, str) and element.tag in _WRAPPERS:
            deep_wrappers.append((element, depth))
    return deepest, deep_wrappers


def flatten_deep_nesting(html: str) -> str:
    """``html`` unchanged if it nests less than SAFE_DEPTH deep, else re-serialised with the
    wrappers below KEEP_DEPTH unwrapped."""
    if html.count("<") < SAFE_DEPTH:
        return html
    try:
        root = lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return html
    deepest, deep_wrappers = _depths(root)
    if deepest < SAFE_DEPTH:
        return html
    if deepest >= _PARSER_MAX_DEPTH - 1:
        return _WRAPPER_TAG.sub(" ", html)
    # Deepest first, so unwrapping a child never touches an element already detached.
    for element, _ in sorted(deep_wrappers, key=lambda pair: -pair[1]):
        element.drop_tag()
    return etree.tostring(root, method="html", encoding="unicode")
