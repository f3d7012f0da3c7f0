"""Cut an article's cleaned text into paragraphs of segments, each marked by the spans covering it.

The HTML report highlights the passages a brief uses (citations, quotes, figures) in each source's
text, from character offsets into ``Article.text``. Spans may overlap (a quote inside a cited
sentence), so the text is cut at every span boundary and each piece carries the set of spans
over it; the template then only prints pieces, never slices text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted passage: ``anchor`` is its HTML id, ``kind`` its CSS class."""

    start: int
    end: int
    kind: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    # CSS classes of the spans covering this piece (sorted, distinct).
    kinds: tuple[str, ...] = ()
    # Anchors of the spans covering it: the report's script lights up every piece of a span.
    spans: tuple[str, ...] = ()
    # Anchors of spans that start here, printed as link targets just before the piece.
    anchors: tuple[str, ...] = ()


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every paragraph: cleaned text separates paragraphs by blank lines."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > position:
            bounds.append((position, match.start()))
        position = match.end()
    if position < len(text):
        bounds.append((position, len(text)))
    return bounds


def segment_text(text: str, spans: list[Span]) -> list[list[Segment]]:
    """The paragraphs of ``text``, each a list of segments that together spell it exactly."""
    valid = [
        Span(max(0, s.start), min(len(text), s.end), s.kind, s.anchor)
        for s in spans
        if s.end > s.start and s.start < len(text) and s.end > 0
    ]
    cuts = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})
    pending = sorted(valid, key=lambda s: (s.start, -s.end, s.anchor))
    placed: set[str] = set()
    paragraphs: list[list[Segment]] = []
    for p_start, p_end in paragraph_bounds(text):
        points = [p_start, *(c for c in cuts if p_start < c < p_end), p_end]
        pieces: list[Segment] = []
        for a, b in pairwise(points):
            covering = [s for s in valid if s.start <= a and s.end >= b]
            # A span that starts in the blank line between paragraphs is anchored at the next piece.
            starting = [s.anchor for s in pending if s.start <= a and s.anchor not in placed]
            placed.update(starting)
            pieces.append(
                Segment(
                    text=text[a:b],
                    kinds=tuple(sorted({s.kind for s in covering})),
                    spans=tuple(dict.fromkeys(s.anchor for s in covering)),
                    anchors=tuple(dict.fromkeys(starting)),
                )
            )
        paragraphs.append(pieces)
    return paragraphs
