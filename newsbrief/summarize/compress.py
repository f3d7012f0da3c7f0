"""Sentence compression by deletion: drop words that cost summary space and carry no fact.

Only three kinds of words are deleted, because deleting them cannot change what a sentence
claims:

- time references relative to the article's own date ("on Friday", "said Saturday", "last
  week"), which mean nothing in a brief read on another day;
- a leading connective or time adverbial ("But", "However,", "On Monday,"), which also lets a
  sentence stand outside its original paragraph;
- short parentheticals ("(289 kph)", "(AP)").

Attributions ("officials said") are kept: dropping them would state a claim as fact, and on
DUC 2004 it gained nothing measurable. Nothing inside quotation marks is touched. The result
is always the original sentence minus the deleted spans (plus a capital letter where the
opening was cut), so the span it was taken from still states everything it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.text.calendar_names import MONTH, WEEKDAY

_DAY = WEEKDAY
_DAY_PART = r"(?: (?:morning|afternoon|evening|night))?"
_MONTH = MONTH + r"\.?"
_NOT_WORD_AFTER = r"(?![\w’'-])"
_NOT_DATE_AFTER = rf"(?!,? {_MONTH} \d)(?!,? \d)"

# A day name, with "on"/"late"/"early" or bare after a verb ("arrested Friday").
_TIME = re.compile(
    rf"(?:(?P<prep>,? (?:on|late|early) )|(?P<bare> )){_DAY}{_DAY_PART}"
    rf"{_NOT_WORD_AFTER}{_NOT_DATE_AFTER}"
    rf"|,? (?:today|yesterday|last night|this week|last week|earlier this week|earlier today)"
    rf"{_NOT_WORD_AFTER}"
)
_OPENING = re.compile(
    rf"^(?:(?:(?:On|Late|Early) )?{_DAY}{_DAY_PART}|Last week|This week|Earlier this week"
    r"|Earlier|Later|Meanwhile|However|Moreover|Nevertheless|Nonetheless|In addition|Also"
    r"|Separately|Still|Instead),\s+"
    r"|^(?:But|And|Yet)\s+(?=[\w“\"‘'])"
)
# After these the time reference is an argument, not a modifier ("closed until Friday").
_GOVERNING = frozenset({"until", "till", "since", "by", "before", "after", "from", "through", "of", "than"})
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)")
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
_DOUBLE_COMMA = re.compile(r",\s*([,.;:!?])")


@dataclass(frozen=True, slots=True)
class Compression:
    """A shorter wording of a sentence; ``removed`` are spans of the original sentence."""

    text: str
    removed: tuple[tuple[int, int], ...]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _preceding_word(text: str, position: int) -> str:
    words = text[:position].split()
    return words[-1] if words else ""


def _deletions(text: str) -> list[tuple[int, int]]:
    quoted = _quoted_spans(text)
    spans: list[tuple[int, int]] = []
    opening = _OPENING.match(text)
    if opening and not _overlaps(opening.span(), quoted):
        spans.append(opening.span())
    for match in _TIME.finditer(text):
        start = match.start()
        previous = _preceding_word(text, start)
        if previous.lower().strip(",") in _GOVERNING:
            continue
        # A bare day name after a capitalised word is part of a name ("Good Friday").
        if match.group("bare") is not None and (not previous or previous[0].isupper()):
            continue
        span = (start, match.end())
        if not _overlaps(span, quoted) and not _overlaps(span, spans):
            spans.append(span)
    for match in _PARENTHETICAL.finditer(text):
        span = match.span()
        if not _overlaps(span, quoted) and not _overlaps(span, spans):
            spans.append(span)
    return sorted(spans)


def compress(text: str) -> Compression | None:
    """The sentence without its deletable words, or None when nothing can be deleted."""
    spans = _deletions(text)
    if not spans:
        return None
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    shorter = " ".join("".join(pieces).split())
    shorter = _DOUBLE_COMMA.sub(r"\1", _SPACE_BEFORE_PUNCT.sub(r"\1", shorter)).strip(" ,")
    if not shorter or len(shorter.split()) < 3:
        return None
    if spans[0][0] == 0:
        shorter = shorter[0].upper() + shorter[1:]
    return Compression(shorter, tuple(spans))
