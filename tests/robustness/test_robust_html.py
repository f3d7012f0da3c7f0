"""Hostile and pathological HTML: no markup or script reaches the cleaned text, nothing recurses
or hangs, and a page that yields no article is reported as such."""

from __future__ import annotations

import json
import time

import pytest

from newsbrief.pipeline import clean_documents
from newsbrief.types import Article, RawDocument, to_dict

HOSTILE = [
    "<script>alert('xss-script')</script>",
    "<style>body{background:url('javascript:alert(1)')}</style>",
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "<img src=x onerror=\"alert('xss-onerror')\">",
    "<a href=\"javascript:alert('xss-link')\">Read more about the bridge</a>",
    "<svg onload=\"alert('xss-svg')\"><script>alert('xss-svg2')</script></svg>",
    '<object data="javascript:alert(\'xss-object\')"></object><embed src="javascript:alert(1)">',
    "<noscript><img src=x onerror=alert('xss-noscript')></noscript>",
    "<template><script>alert('xss-template')</script></template>",
    "<!-- <script>alert('xss-comment')</script> -->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-mxss')>",
    "<form action=\"javascript:alert('xss-form')\"><input onfocus=alert('xss-input') autofocus></form>",
    "<p onclick=\"alert('xss-attr')\" style=\"x:expression(alert('xss-css'))\">Handlers here.</p>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss-meta\')">',
    "<![CDATA[<script>alert('xss-cdata')</script>]]>",
    "<base href=\"javascript:alert('xss-base')//\">",
]


def _clean_one(html: str) -> tuple[list[Article], list[str]]:
    articles, failures = clean_documents(
        [RawDocument(id="page", source="page.html", content=html, format="html")]
    )
    return articles, [f.reason for f in failures]


def _page(body: str, head: str = "<title>Ship strikes bridge</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_no_script_or_markup_survives_into_any_text_field(english_paragraphs: list[str]) -> None:
    body = "".join(
        f"<p>{p}</p>{HOSTILE[i % len(HOSTILE)]}{HOSTILE[(i + 7) % len(HOSTILE)]}"
        for i, p in enumerate(english_paragraphs[:8])
    )
    html = _page(
        f"<article><h1>Ship strikes bridge</h1>{body}</article>{''.join(HOSTILE)}",
        head=f"<title>Bridge <script>alert('xss-title')</script></title>{''.join(HOSTILE[:3])}",
    )
    (article,), failures = _clean_one(html)
    assert not failures
    everything = json.dumps(to_dict(article), ensure_ascii=False)
    for needle in ("alert(", "javascript:", "onerror", "onload", "xss", "<", ">"):
        assert needle not in everything, needle
    assert english_paragraphs[1][:60] in article.text


@pytest.mark.parametrize(("tag", "depth"), [("div", 100_000), ("span", 60_000), ("b", 99_000)])
def test_absurdly_deep_or_tag_heavy_pages_are_refused_quickly(tag: str, depth: int) -> None:
    html = _page(f"<{tag}>" * depth + "<p>deep</p>" + f"</{tag}>" * depth)
    started = time.perf_counter()
    articles, reasons = _clean_one(html)
    assert not articles and len(reasons) == 1
    assert "HTML too complex" in reasons[0] or "no article body" in reasons[0]
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(("tag", "depth"), [("div", 3_000), ("blockquote", 5_000), ("table", 3_000)])
def test_deep_nesting_keeps_the_body(tag: str, depth: int, english_paragraphs: list[str]) -> None:
    body = "".join(f"<p>{p}</p>" for p in english_paragraphs[:5])
    articles, reasons = _clean_one(_page(f"<{tag}>" * depth + body + f"</{tag}>" * depth))
    # Deeper than libxml2 parses even with huge_tree (2048): the wrappers are stripped as text.
    assert not reasons, reasons
    assert english_paragraphs[2][:60] in articles[0].text


def test_a_body_nested_300_deep_is_still_extracted(english_paragraphs: list[str]) -> None:
    body = "".join(f"<p>{p}</p>" for p in english_paragraphs[:5])
    articles, reasons = _clean_one(_page("<div>" * 300 + f"<article>{body}</article>" + "</div>" * 300))
    assert not reasons and english_paragraphs[2][:60] in articles[0].text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<",
        "<<<<>>>>",
        "<html>",
        "<!DOCTYPE html><html><head></head><body></body></html>",
        "<p>" * 5000,
        "</p>" * 5000,
        "<html><body>\x00\x01\x02\ufffe\uffff</body></html>",
        "<?xml version='1.0' encoding='ebcdic'?><html><body>text</body></html>",
        "<html><body><p>\ud800 lone surrogate</p></body></html>",
        "<a href='" + "x" * 1_000_000 + "'>long attribute</a>",
        "&" * 100_000,
        "&#99999999999999999999;&#x110000;&#0;&#xD800;",
    ],
)
def test_junk_html_gives_a_reason_not_an_exception(html: str) -> None:
    articles, reasons = _clean_one(html)
    assert not articles
    assert len(reasons) == 1 and not reasons[0].startswith("cleaning failed"), reasons
