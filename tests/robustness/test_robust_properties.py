"""Property-based tests: the cleaner, the sentence splitter and the brief builder never crash, and
every offset they produce indexes the text it claims to."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief.clean.article import PARAGRAPH_SEPARATOR, clean_document
from newsbrief.pipeline import build_brief
from newsbrief.text.sentences import MAX_SEGMENT_CHARS, annotate_sentences, split_text
from newsbrief.types import SECTION_KEYS, Article, Brief, Paragraph, RawDocument

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces real scraped pages are made of, so generated inputs reach the cleaner's rules and not
# only its "no body" exit.
NEWS_PIECES = [
    "By Lena Sorvik | The Northbay Herald",
    "Published March 2, 2026 at 5:14 a.m.",
    "Advertisement",
    "Share this article",
    "PORT ELLIS (AP) — A container ship lost power and hit the bridge late Sunday.",
    "“Nobody crosses that bridge,” Mayor Renata Voss said. “Not until it is safe.”",
    "The U.S. Coast Guard said the vessel, the Orla Venn, was 210 metres long.",
    "Fire Chief Owen Adair said 12 people were treated; three remain in hospital.",
    "Sign up for our newsletter to get the latest news.",
    "Photo: Marcus Feld/Reuters",
    "Read more: Bridge closures across the region",
    "Officials expect repairs to take weeks, and traffic to be heavy until then.",
    "Mr. Adair, 54, has led the department since Jan. 2019.",
    "",
    "  ",
]
noise = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120
)  # any Unicode but lone surrogates (the pipeline scrubs those before cleaning)
line = st.one_of(st.sampled_from(NEWS_PIECES), noise)
page_text = st.lists(line, max_size=25).map("\n".join)
html_piece = st.one_of(
    st.sampled_from(NEWS_PIECES).map(lambda s: f"<p>{s}</p>"),
    st.sampled_from(
        ["<div>", "</div>", "<script>alert(1)</script>", "<br>", "<h1>Bridge hit</h1>", "<!--x-->"]
    ),
    noise,
)
page_html = st.lists(html_piece, max_size=25).map(lambda parts: f"<html><body>{''.join(parts)}</body></html>")


def _check_article(article: Article) -> None:
    body = [p for p in article.paragraphs if p.kind == "body"]
    assert article.text == PARAGRAPH_SEPARATOR.join(p.text for p in body)
    for paragraph in body:
        assert paragraph.start is not None and paragraph.end is not None
        assert article.text[paragraph.start : paragraph.end] == paragraph.text


@FAST
@given(page_text)
def test_cleaning_text_never_crashes_and_body_offsets_index_the_text(text: str) -> None:
    _check_article(clean_document(RawDocument(id="t", source="t.txt", content=text, format="text")))


@SLOW
@given(page_html)
def test_cleaning_html_never_crashes_and_body_offsets_index_the_text(html: str) -> None:
    article = clean_document(RawDocument(id="h", source="h.html", content=html, format="html"))
    _check_article(article)
    assert "<script" not in article.text and "alert(1)" not in article.text


sentence_text = st.one_of(
    st.lists(st.sampled_from(NEWS_PIECES), max_size=30).map(" ".join),
    noise,
    st.text(alphabet=" .!?\"'”’)(\nAaBb1U.S", max_size=200),
)


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    # No text is lost between sentences: everything outside the spans is whitespace.
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


@FAST
@given(sentence_text)
def test_sentence_spans_are_ordered_trimmed_and_cover_the_text(text: str) -> None:
    _check_spans(text, split_text(text))


@settings(max_examples=5, deadline=None)
@given(st.lists(st.sampled_from(NEWS_PIECES[4:13]), min_size=60, max_size=70).map(" ".join))
def test_long_paragraphs_are_split_in_pieces_without_losing_text(text: str) -> None:
    assert len(text) > MAX_SEGMENT_CHARS
    _check_spans(text, split_text(text))


def _article(article_id: str, paragraphs: list[str], outlet: str | None) -> Article:
    article = Article(id=article_id, text="", outlet=outlet)
    offset = 0
    for text in paragraphs:
        article.paragraphs.append(Paragraph(text=text, kind="body", start=offset, end=offset + len(text)))
        offset += len(text) + len(PARAGRAPH_SEPARATOR)
    article.text = PARAGRAPH_SEPARATOR.join(paragraphs)
    return annotate_sentences(article)


paragraph = st.one_of(
    st.lists(st.sampled_from(NEWS_PIECES[4:13]), min_size=1, max_size=4).map(" ".join),
    noise.filter(str.strip),
)
article_set = st.lists(
    st.tuples(
        st.lists(paragraph, min_size=1, max_size=5),
        st.one_of(st.none(), st.sampled_from(["AP", "Reuters", "The Herald", ""])),
    ),
    max_size=5,
).map(lambda items: [_article(f"a{i}", ps, outlet) for i, (ps, outlet) in enumerate(items)])


WORD = re.compile(r"\w+")


def _deletion_of(shorter: str, original: str) -> bool:
    """Whether ``shorter``'s words are ``original``'s words with some left out, in order."""
    remaining = iter(WORD.findall(original.casefold()))
    return all(word in remaining for word in WORD.findall(shorter.casefold()))


def _check_brief(brief: Brief, articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    for sentence in brief.summary:
        assert sentence.sources, sentence
        first = sentence.sources[0]
        assert first.article == sentence.article
        assert (first.start, first.end) == (sentence.start, sentence.end)
        # The first citation is the sentence the text was taken from: the text itself, or a
        # compression of it that only deletes words (summarize/compress.py).
        cited = by_id[first.article].text[first.start : first.end]
        assert cited == sentence.text or _deletion_of(sentence.text, cited), (sentence.text, cited)
        for citation in sentence.sources:
            text = by_id[citation.article].text
            assert 0 <= citation.start < citation.end <= len(text)
            # Every cited span is one of that article's sentences.
            spans = {(s.start, s.end) for s in by_id[citation.article].sentences}
            assert (citation.start, citation.end) in spans


@FAST
@given(article_set, st.integers(min_value=20, max_value=300))
def test_brief_never_crashes_and_every_citation_indexes_its_article(
    articles: list[Article], words: int
) -> None:
    _check_brief(build_brief(articles, words=words, analysis=False), articles)


@SLOW
@given(article_set)
def test_brief_with_cross_source_analysis_never_crashes(articles: list[Article]) -> None:
    brief = build_brief(articles, analysis=True)
    _check_brief(brief, articles)
    # Every mention the analysis sections cite indexes its article too.
    by_id = {a.id: a for a in articles}
    for found in _mentions([getattr(brief, key) for key in SECTION_KEYS]):
        text = by_id[found["article"]].text
        assert 0 <= found["start"] <= found["end"] <= len(text)
        if "text" in found and isinstance(found["text"], str):
            assert text[found["start"] : found["end"]] == found["text"]


def _mentions(value: object) -> list[dict[str, object]]:
    """Every dict-like span (article, start, end) anywhere in the analysis sections."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    found: list[dict[str, object]] = []
    if isinstance(value, dict):
        if {"article", "start", "end"} <= value.keys() and isinstance(value["start"], int):
            found.append(value)
        for item in value.values():
            found.extend(_mentions(item))
    elif isinstance(value, list | tuple):
        for item in value:
            found.extend(_mentions(item))
    return found


def test_the_helpers_detect_what_they_claim() -> None:
    nested = {"a": [{"article": "x", "start": 0, "end": 2, "text": "ab"}], "b": {"c": []}}
    assert _mentions(nested) == [{"article": "x", "start": 0, "end": 2, "text": "ab"}]
    assert _deletion_of("The bridge hit the ship.", "But the ship (AP) hit the bridge Sunday.") is False
    assert _deletion_of("The ship hit the bridge.", "But the ship (AP) hit the bridge Sunday.")
