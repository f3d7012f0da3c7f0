"""Find the spans of text inside quotation marks in one paragraph.

Outlets mix curly and straight marks, sometimes in one quotation (“... security".), use single
curly marks in British style, and leave a quotation open at the end of a paragraph when the
next paragraph goes on quoting. Apostrophes (Russia’s, don't) must not open or close anything.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "“„«「『"
DOUBLE_CLOSE = "”»」』"
# German and much of Central Europe open low and close with the English opening mark: „so“.
LOW_OPEN_CLOSE = "“"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
TWO_APOSTROPHES = "''"
# A straight quote opens after these (or at the start), closes otherwise.
_BEFORE_OPENING = " \t\n([{—–-/:;"
_TRAILING = " \t\n,"


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Offsets into the paragraph text: ``start``/``end`` include the marks, ``inner_*`` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _BEFORE_OPENING and not after.isspace()


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _span(text: str, start: int, end: int, closed: bool, width: int = 1) -> QuotedSpan | None:
    inner_start = start + 1
    inner_end = end - width if closed else end
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1] in _TRAILING:
        inner_end -= 1
    if inner_end <= inner_start:
        return None
    return QuotedSpan(start, end, inner_start, inner_end, closed)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Quoted spans of ``text`` in order; a quotation still open at the end runs to the end."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    open_kind = ""
    skip_to = 0
    low = False
    for i, char in enumerate(text):
        if i < skip_to:
            continue
        if open_at is None:
            low = char == "„"
            if char in DOUBLE_OPEN or (char == STRAIGHT and _opens_straight(text, i)):
                open_at, open_kind = i, "double"
            elif char == SINGLE_OPEN and i + 1 < len(text) and text[i + 1].isalnum():
                open_at, open_kind = i, "single"
            continue
        if open_kind == "double" and text.startswith(TWO_APOSTROPHES, i):
            # "We didn't plan it,'' she said": typewriter style closes with two apostrophes; read
            # as a single mark, the quotation swallowed the attribution and the next quotation.
            if span := _span(text, open_at, i + 2, closed=True, width=2):
                spans.append(span)
            open_at, skip_to = None, i + 2
            continue
        closes = (
            open_kind == "double"
            and (char in DOUBLE_CLOSE or char == STRAIGHT or (low and char in LOW_OPEN_CLOSE))
        ) or (open_kind == "single" and char == SINGLE_CLOSE and not _is_apostrophe(text, i))
        if closes:
            if span := _span(text, open_at, i + 1, closed=True):
                spans.append(span)
            open_at = None
    if open_at is not None and (span := _span(text, open_at, len(text), closed=False)):
        spans.append(span)
    return spans


# A quoted span of at most this many words with no one saying it ("answered “yes”", a name such as
# “Frank”) is a term, a poll answer or a name, not a quotation.
MAX_TERM_WORDS = 3
# A paragraph that is only a short quotation with no sentence punctuation is a subheading.
MAX_HEADING_WORDS = 10
_SENTENCE_END = (".", "!", "?", "…", ",")
_NAME_LINKS = frozenset({"the", "of", "and", "de", "van", "von", "al"})


def word_count(inner: str) -> int:
    return len([w for w in inner.split() if any(c.isalnum() for c in w)])


def looks_like_name(inner: str) -> bool:
    """“Frank”, “The Rock”: a few capitalised words and no sentence punctuation; a name or a
    title in quotation marks, not speech."""
    words = [w.strip(".,;:!?") for w in inner.split()]
    words = [w for w in words if w]
    if not words or len(words) > MAX_TERM_WORDS or inner.rstrip().endswith(("!", "?", ".")):
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in words)


# Nouns a title in quotation marks stands in apposition to ("a new book, “The Brainy Bunch: ...”").
TITLE_NOUNS = frozenset(
    {"book", "novel", "memoir", "film", "movie", "documentary", "song", "album", "single", "show"}
    | {"series", "play", "musical", "poem", "essay", "column", "podcast", "titled", "entitled"}
)


def is_title(paragraph: str, span: QuotedSpan) -> bool:
    """A capitalised quotation right after a work's noun or "titled": the work's title, not speech."""
    before = paragraph[: span.start].rstrip(" ,:").split()
    inner = paragraph[span.inner_start : span.inner_end]
    last = before[-1].lower().strip("(") if before else ""
    return last in TITLE_NOUNS and inner[:1].isupper()


def is_heading(paragraph: str, span: QuotedSpan) -> bool:
    """A paragraph that is nothing but a short quotation without a full stop: a section heading
    quoting a phrase of the story ("“A NEW ERA”")."""
    inner = paragraph[span.inner_start : span.inner_end]
    rest = (paragraph[: span.start] + paragraph[span.end :]).strip(" .,")
    return not rest and word_count(inner) <= MAX_HEADING_WORDS and not inner.rstrip().endswith(_SENTENCE_END)
