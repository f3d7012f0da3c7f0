"""Find the spans of text inside quotation marks in one paragraph.

Outlets mix curly and straight marks, sometimes in one quotation (“... security".), use single
curly marks in British style, and leave a quotation open at the end of a paragraph when the
next paragraph goes on quoting. Apostrophes (Russia’s, don't) must not open or close anything.
"""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
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


def _span(text: str, start: int, end: int, closed: bool) -> QuotedSpan | None:
    inner_start = start + 1
    inner_end = end - 1 if closed else end
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
    for i, char in enumerate(text):
        if open_at is None:
            if char in DOUBLE_OPEN or (char == STRAIGHT and _opens_straight(text, i)):
                open_at, open_kind = i, "double"
            elif char == SINGLE_OPEN and i + 1 < len(text) and text[i + 1].isalnum():
                open_at, open_kind = i, "single"
            continue
        closes = (open_kind == "double" and (char in DOUBLE_CLOSE or char == STRAIGHT)) or (
            open_kind == "single" and char == SINGLE_CLOSE and not _is_apostrophe(text, i)
        )
        if closes:
            if span := _span(text, open_at, i + 1, closed=True):
                spans.append(span)
            open_at = None
    if open_at is not None and (span := _span(text, open_at, len(text), closed=False)):
        spans.append(span)
    return spans
