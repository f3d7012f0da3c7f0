"""Article extraction from raw HTML: body paragraphs plus page metadata.

Several extractors are run on the page (trafilatura in precision and balanced modes,
readability-lxml, jusText) and the output that agrees most with the others is kept
(minimum-Bayes-risk selection). Each extractor fails in its own way (trafilatura
truncating a body split over several containers, readability keeping a related-links
block, jusText dropping short paragraphs), so the consensus output is the one least
likely to carry any single extractor's failure. Metadata always comes from trafilatura.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import trafilatura
from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document

from newsbrief.clean.nesting import flatten_deep_nesting
from newsbrief.text.tokens import WORD_CHARS

# Larger inputs are cut: no news article needs more, and the parsers' cost grows with size.
MAX_HTML_CHARS = 8_000_000
# Extraction cost grows with the number of tags (counted as "<"); the largest of 181 benchmark
# news pages has ~3,200. Far beyond that, only the primary extractor runs, and a page beyond
# the hard cap is not an article at all (usually a generated or hostile page).
ENSEMBLE_MAX_TAGS = 20_000
MAX_TAGS = 100_000
# libxml2 checks each attribute against the others of its element, so one element's parse is
# quadratic in its attributes (20,000 in one <p>: 1.1 s; 100,000: 107 s, then about 7 parses per
# page). Across elements the cost is linear. Of 181 benchmark news pages the most attributes in
# one element is a few hundred and the most in a page 5,143 (see docs/robustness.md).
MAX_ELEMENT_ATTRIBUTES = 2_000
MAX_ATTRIBUTES = 300_000
# jusText's context pass is quadratic in runs of short blocks; real pages have a few hundred.
MAX_JUSTEXT_BLOCKS = 2_000

_WS = re.compile(r"\s+")
# C0/C1 control characters never belong in text; they come from binary junk or bad decoding.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TOKEN = WORD_CHARS
# Publication date only: no guessing from dates that merely appear in the page text.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# fast: trafilatura's internal fallbacks are skipped because the ensemble below runs its own
# (same benchmark F1, 40% less time).
_COMMON = {"include_comments": False, "include_tables": False, "fast": True}

# Elements of trafilatura's output tree that start a new paragraph.
_TRAFILATURA_BLOCKS = frozenset(
    {"p", "head", "item", "list", "quote", "lb", "row", "table", "code", "div", "graphic"}
)
# HTML elements that start a new paragraph in readability's cleaned HTML.
_HTML_BLOCKS = frozenset(
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "blockquote", "pre", "table", "tr", "section", "article", "header", "footer",
        "figure", "figcaption", "aside", "main", "hr", "body", "html",
    }
)  # fmt: skip
_PRIMARY = frozenset({"trafilatura", "trafilatura-balanced"})
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta"})


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


@dataclass(slots=True)
class _Candidate:
    extractor: str
    paragraphs: list[str]


def _norm(text: str | None) -> str | None:
    if not text:
        return None
    text = _WS.sub(" ", _CONTROL.sub("", text)).strip()
    return text or None


def _block_texts(root: etree._Element, blocks: frozenset[str], skip: frozenset[str]) -> list[str]:
    """Plain-text paragraphs of a tree: block elements break lines, inline ones do not.

    Iterative on purpose: hostile pages nest thousands of levels deep.
    """
    pieces: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag is None or tag in skip:
                walker.skip_subtree()
                continue
            if tag in blocks:
                pieces.append("\n")
            if element.text:
                pieces.append(element.text)
        else:
            if tag in blocks:
                pieces.append("\n")
            elif tag in ("cell", "td", "th"):
                pieces.append(" ")
            if element.tail and element is not root:
                pieces.append(element.tail)
    lines = (_norm(line) for line in "".join(pieces).split("\n"))
    return [line for line in lines if line]


def _trafilatura_paragraphs(document: Document | None) -> list[str]:
    if document is None or document.body is None:
        return []
    return _block_texts(document.body, _TRAFILATURA_BLOCKS, frozenset())


def _balanced_paragraphs(html: str, url: str | None) -> list[str]:
    return _trafilatura_paragraphs(trafilatura.bare_extraction(html, url=url, **_COMMON))


def _readability_paragraphs(html: str, url: str | None) -> list[str]:
    import readability

    summary = readability.Document(html, url=url).summary(html_partial=True)
    return _block_texts(lxml_html.fromstring(summary), _HTML_BLOCKS, _INVISIBLE)


@lru_cache(maxsize=1)
def _justext_stoplists() -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplists())


@lru_cache(maxsize=16)
def _stoplist(name: str) -> frozenset[str]:
    import justext

    return justext.get_stoplist(name)


def _stoplist_name(sample: str) -> str | None:
    """jusText needs the page language's stop words; guess the language from the text."""
    import py3langid
    import pycountry

    code, _ = py3langid.classify(sample)
    language = pycountry.languages.get(alpha_2=code)
    name = getattr(language, "name", None)
    return name if name in _justext_stoplists() else None


def _justext_paragraphs(html: str, sample: str) -> list[str]:
    """jusText's own pipeline (as in ``justext.justext``), refusing pages with too many blocks."""
    from justext.core import (
        ParagraphMaker,
        classify_paragraphs,
        html_to_dom,
        preprocessor,
        revise_paragraph_classification,
    )

    paragraphs = ParagraphMaker.make_paragraphs(preprocessor(html_to_dom(html)))
    if len(paragraphs) > MAX_JUSTEXT_BLOCKS:
        return []
    name = _stoplist_name(sample) if sample else None
    if name:
        classify_paragraphs(paragraphs, _stoplist(name))
    else:
        # Unknown language: jusText's language-independent mode.
        classify_paragraphs(paragraphs, frozenset(), stopwords_low=0, stopwords_high=0)
    revise_paragraph_classification(paragraphs)
    return [t for p in paragraphs if not p.is_boilerplate and (t := _norm(p.text))]


def _shingles(paragraphs: Iterable[str], n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(" ".join(paragraphs).casefold())
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def _agreement(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    """Shingle F1 between two outputs."""
    overlap = sum((a & b).values())
    return 2 * overlap / (sum(a.values()) + sum(b.values())) if overlap else 0.0


def _consensus(candidates: list[_Candidate]) -> _Candidate | None:
    """The candidate with the highest total agreement with the others (earlier wins ties).

    The fallback extractors alone are not trusted: an output of theirs that no other
    extractor corroborates (often text scraped from junk input) is not used.
    """
    pool = [c for c in candidates if c.paragraphs]
    shingles = [_shingles(c.paragraphs) for c in pool]
    scores = [sum(_agreement(s, o) for j, o in enumerate(shingles) if j != i) for i, s in enumerate(shingles)]
    ranked = sorted(range(len(pool)), key=lambda i: (-scores[i], i))
    if ranked and scores[ranked[0]] > 0:
        return pool[ranked[0]]
    return next((c for c in pool if c.extractor in _PRIMARY), None)


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


def _drop_title(paragraphs: list[str], title: str | None) -> list[str]:
    """The headline repeated inside the body is not body text (it is kept as the title)."""
    if not title:
        return paragraphs
    title_key = _key(title)
    return [p for p in paragraphs if _key(p) != title_key]


def _attempt(run: Callable[[], list[str]]) -> list[str]:
    try:
        return run()
    except Exception:  # one failing extractor must not sink the others
        return []


def _metadata(html: str, url: str | None, document: Document | None) -> Document | None:
    if document is not None:
        return document
    try:
        return trafilatura.extract_metadata(html, default_url=url, date_config=_DATE_PARAMS)
    except Exception:
        return None


def _publication_date(html: str, found: str | None) -> str | None:
    if found:
        return found
    try:
        return find_date(html, extensive_search=False, original_date=True)
    except Exception:
        return None


_TAG_OPEN = re.compile(r"<[A-Za-z!?/]")
_ATTRIBUTE = re.compile(r"""\s*(?:[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?|/)""")


def complexity_problem(html: str) -> str | None:
    """Why ``html`` is too complex to hand to any parser, or None: a linear pre-pass counting
    tags and attributes (per element and in all), run before libxml2 sees the page."""
    tags = html.count("<")
    if tags > MAX_TAGS:
        return f"HTML too complex for an article page ({tags:,} tags, limit {MAX_TAGS:,})"
    total = 0
    position = 0
    find, attribute = html.find, _ATTRIBUTE.match
    while (position := find("<", position)) >= 0:
        opened = _TAG_OPEN.match(html, position)
        position += 1
        if opened is None:
            continue
        position = opened.end()
        count = 0
        # Each match consumes at least one character or ends the element, so the scan is linear.
        while (match := attribute(html, position)) is not None and match.end() > position:
            position = match.end()
            count += 1
            if count > MAX_ELEMENT_ATTRIBUTES:
                return (
                    f"HTML too complex for an article page (an element with over "
                    f"{MAX_ELEMENT_ATTRIBUTES:,} attributes)"
                )
        total += count
        if total > MAX_ATTRIBUTES:
            return f"HTML too complex for an article page (over {MAX_ATTRIBUTES:,} attributes)"
    return None


def _extract(html: str, url: str | None) -> HtmlExtraction:
    # Lone surrogates (from broken decoding upstream) make lxml stop mid-document.
    html = html[:MAX_HTML_CHARS].encode("utf-8", errors="replace").decode("utf-8")
    html = _CONTROL.sub("", html)
    if not html.strip() or complexity_problem(html):
        return HtmlExtraction(url=url)
    tags = html.count("<")
    html = flatten_deep_nesting(html)
    try:
        precise = trafilatura.bare_extraction(
            html, url=url, favor_precision=True, with_metadata=True,
            date_extraction_params=_DATE_PARAMS, **_COMMON,
        )  # fmt: skip
    except Exception:
        precise = None
    # Order is preference: the first output wins ties in the consensus.
    candidates = [_Candidate("trafilatura", _attempt(lambda: _trafilatura_paragraphs(precise)))]
    if tags <= ENSEMBLE_MAX_TAGS:
        candidates += [
            _Candidate("trafilatura-balanced", _attempt(lambda: _balanced_paragraphs(html, url))),
            _Candidate("readability", _attempt(lambda: _readability_paragraphs(html, url))),
        ]
        sample = " ".join(next((c.paragraphs for c in candidates if c.paragraphs), []))[:2000]
        candidates.append(_Candidate("justext", _attempt(lambda: _justext_paragraphs(html, sample))))

    meta = _metadata(html, url, precise)
    title = _norm(getattr(meta, "title", None))
    chosen = _consensus(candidates)
    return HtmlExtraction(
        paragraphs=_drop_title(chosen.paragraphs, title) if chosen else [],
        title=title,
        author=_norm(getattr(meta, "author", None)),
        date=_publication_date(html, getattr(meta, "date", None)),
        sitename=_norm(getattr(meta, "sitename", None)),
        url=getattr(meta, "url", None) or url,
        description=_norm(getattr(meta, "description", None)),
        extractor=chosen.extractor if chosen else "none",
    )


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article body and metadata.

    Never raises: hostile or empty input gives an extraction with no paragraphs.
    The result holds plain text only; no markup survives.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not isinstance(html, str):
        return HtmlExtraction(url=url)
    try:
        return _extract(html, url)
    except Exception:  # hostile input must never crash the pipeline
        return HtmlExtraction(url=url)
