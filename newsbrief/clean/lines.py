"""Label each line of scraped article text: body, headline, caption, boilerplate, ...

Scrapers flatten a page into lines: navigation, ads, captions and related-story
headlines sit between the paragraphs of the story. Whether a line is story text is
decided by a small logistic-regression model over generic shape and context features
(``features.py``, ``line_model.py``). The other kinds are then told apart by where a line
sits relative to the body and by the cues in ``cues.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.clean import cues
from newsbrief.clean.features import LineShape, capital_ratio, line_features
from newsbrief.clean.line_model import LineModel, load_model
from newsbrief.clean.outlets import is_named_masthead
from newsbrief.clean.repair import is_standalone_dateline
from newsbrief.types import Paragraph, ParagraphKind

ROUTING_CODE_REASON = "agency routing code"
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# After an end-of-article marker only a line the model is this sure of is still story.
_SURE_BODY = 0.9
_HEADLINE_WORDS = (3, 50)
# Section headings are short; longer title-like lines inside a story link to other stories.
_SUBHEADING_MAX_WORDS = 7
_CREDIT_MAX_WORDS = 4
_NEIGHBOUR_REACH = 3
_STAMP_MAX_WORDS = 12
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_STAMP_REASON = "date or update stamp"
_URL_LINE_MAX_WORDS = 6
_BARE_TIME = re.compile(rf"(?:{cues.DATE_ONLY.pattern})|(?:{cues.CLOCK_ONLY.pattern})", re.IGNORECASE)


@dataclass(slots=True)
class LabelledLine:
    index: int  # position in the caller's list of lines
    text: str
    kind: ParagraphKind
    reason: str
    body_probability: float


def normalize_line(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def page_features(
    lines: Sequence[str],
) -> tuple[list[tuple[int, str]], list[LineShape], list[dict[str, float]]]:
    """The non-empty lines (with their input positions) and their model features."""
    kept = [(i, text) for i, line in enumerate(lines) if (text := normalize_line(line))]
    shapes, rows = line_features([text for _, text in kept])
    return kept, shapes, rows


def label_lines(
    lines: Sequence[str],
    title: str | None = None,
    model: LineModel | None = None,
    extracted: bool = False,
) -> list[LabelledLine]:
    """Label every non-empty line; ``index`` points back into ``lines``.

    ``model`` replaces the shipped body-line weights (cross-validation passes its own).
    ``extracted``: the lines are an HTML extractor's output, which has already chosen the
    body; a line is then dropped only on a cue (furniture, prompt, credit, stamp), never
    because it is short or unpunctuated, since headings and list items are part of it.
    """
    kept, shapes, rows = page_features(lines)
    if not kept:
        return []
    texts = [text for _, text in kept]
    model = model or load_model()
    probs = model.probabilities(rows)
    kinds: list[tuple[ParagraphKind, str] | None] = [
        _self_evident_kind(shape, row) or (("body", f"prose (p={p:.2f})") if p >= model.threshold else None)
        for shape, row, p in zip(shapes, rows, probs, strict=True)
    ]
    _drop_after_end_marker(texts, kinds, probs)
    first_body = next((i for i, k in enumerate(kinds) if k and k[0] == "body"), len(texts))
    for i in range(len(texts)):
        if kinds[i] is None:
            kinds[i] = _cue_kind(shapes[i], rows[i])
    if extracted:
        kinds = [kind or ("body", "kept by the HTML extractor") for kind in kinds]
    _label_headline_and_dek(texts, shapes, kinds, first_body, title)
    counts = Counter(texts)
    headline = next((i for i, k in enumerate(kinds) if k and k[0] == "headline"), len(texts))
    for i in range(len(texts)):
        if kinds[i] is None:
            kinds[i] = _position_kind(
                i, shapes, kinds, first_body, repeats=counts[texts[i]] > 1, after_headline=i > headline
            )
    _mark_time_headings(texts, kinds)
    if not extracted:
        # Extractors already drop repeated blocks; what repeats in their output (the same
        # question put to each interviewee) is part of the page's text.
        _mark_duplicates(texts, kinds)
    return [
        LabelledLine(index, text, kind[0], kind[1], prob)
        for (index, text), kind, prob in zip(kept, kinds, probs, strict=True)
        if kind is not None
    ]


def classify_lines(text: str, title: str | None = None) -> list[Paragraph]:
    """Label every non-empty line of ``text``; the returned list keeps input order."""
    return [
        Paragraph(text=line.text, kind=line.kind, reason=line.reason)
        for line in label_lines(text.splitlines(), title=title)
    ]


def _mark_duplicates(texts: list[str], kinds: list[tuple[ParagraphKind, str] | None]) -> None:
    """A repeated story paragraph is dropped once; a repeated caption keeps its own kind."""
    seen: set[str] = set()
    for i, text in enumerate(texts):
        key = text.casefold()
        kind = kinds[i]
        if key in seen and kind is not None and kind[0] == "body":
            kinds[i] = ("duplicate", "repeats an earlier line")
        seen.add(key)


def _drop_after_end_marker(
    texts: list[str], kinds: list[tuple[ParagraphKind, str] | None], probs: list[float]
) -> None:
    """After 'Read Next' or 'Related Articles', the rest of the page is other stories."""
    body_rows = [i for i, k in enumerate(kinds) if k and k[0] == "body"]
    if not body_rows:
        return
    for i, text in enumerate(texts):
        if i > body_rows[0] and cues.END_MARKER.match(text.strip(" .:")):
            kinds[i] = ("boilerplate", "end-of-article marker")
            for j in range(i + 1, len(texts)):
                if probs[j] < _SURE_BODY:
                    kinds[j] = ("boilerplate", f"after end-of-article marker {text!r}")
            return


def _self_evident_kind(shape: LineShape, row: dict[str, float]) -> tuple[ParagraphKind, str] | None:
    """Lines that are page furniture whatever the model says: a routing code, a separator, a
    bare furniture word, a timestamp, a URL, a dateline standing alone."""
    text = shape.text
    if row["routing_code"]:
        return "metadata", ROUTING_CODE_REASON
    if not any(c.isalnum() for c in text) or row["furniture"]:
        return "boilerplate", "page furniture"
    if _is_timestamp(text):
        return "metadata", _STAMP_REASON
    if is_standalone_dateline(text):
        return "dateline", "dateline on its own line"
    if cues.EMAIL.fullmatch(text):
        return "byline", "author contact"
    if row["url"] and shape.words <= _URL_LINE_MAX_WORDS and not shape.terminal:
        return "boilerplate", "link"
    return None


def _cue_kind(shape: LineShape, row: dict[str, float]) -> tuple[ParagraphKind, str] | None:
    """Kinds a non-body line's own cues decide; None leaves it to its position."""
    if row["byline"]:
        return "byline", "byline or contributor credit"
    if row["credit"]:
        return "caption", "photo caption or credit"
    if cues.EMAIL.search(shape.text) and shape.words <= 8:
        return "byline", "author contact"
    if row["furniture"] or row["nav_bar"] or row["end_marker"]:
        return "boilerplate", "page furniture"
    if row["reader_prompt"] or row["prompt_share"] >= 0.5 or row["link_teaser"]:
        return "boilerplate", "reader prompt or link to another story"
    if row["url"] and shape.words <= 12:
        return "boilerplate", "link"
    return None


def _label_headline_and_dek(
    texts: list[str],
    shapes: list[LineShape],
    kinds: list[tuple[ParagraphKind, str] | None],
    first_body: int,
    title: str | None,
) -> None:
    """The headline is the first title-shaped line before the body; prose between it and the
    body is the dek (standfirst)."""
    headline = None
    if title:
        wanted = normalize_line(title).casefold()
        headline = next((i for i in range(first_body) if texts[i].casefold() == wanted), None)
    if headline is None and not title:
        low, high = _HEADLINE_WORDS
        headline = next(
            (
                i
                for i in range(first_body)
                if kinds[i] is None
                and low <= shapes[i].words <= high
                and not texts[i][:1].islower()
                and not _is_timestamp(texts[i])
                and not _is_masthead(texts, i)
            ),
            None,
        )
    if headline is not None:
        kinds[headline] = ("headline", "title line before the body")
    start = headline + 1 if headline is not None else 0
    for i in range(start, first_body):
        shape = shapes[i]
        if kinds[i] is not None or _is_timestamp(texts[i]):
            continue
        second_title = headline is not None and i == headline + 1 and capital_ratio(texts[i]) >= 0.6
        if second_title and shape.words >= _HEADLINE_WORDS[0]:
            kinds[i] = ("headline", "second title line")
        elif cues.BULLET.match(texts[i]) or (shape.words >= 6 and shape.stop_ratio >= 0.15):
            kinds[i] = ("dek", "standfirst between headline and body")


def _is_masthead(texts: list[str], i: int) -> bool:
    """A site name sits directly above the navigation bar, or opens the page naming a paper
    ("The Valley Gazette"); the headline comes after it."""
    if i == 0 and is_named_masthead(texts[0]):
        return True
    following = texts[i + 1] if i + 1 < len(texts) else ""
    return len(cues.NAV_SEPARATORS.findall(following)) >= 2


def _mark_time_headings(texts: list[str], kinds: list[tuple[ParagraphKind, str] | None]) -> None:
    """Between body paragraphs a bare date or time ("3:30 p.m.", "Feb. 5, 2018:") heads a
    section of a timeline or live story."""
    for i, text in enumerate(texts):
        kind = kinds[i]
        if kind is None or kind[1] != _STAMP_REASON or not _BARE_TIME.match(text.strip(" .:|>»›-–—")):
            continue
        if _neighbour_is_body(kinds, i, -1) and _neighbour_is_body(kinds, i, +1):
            kinds[i] = ("subheading", "time heading between body paragraphs")


def _is_timestamp(text: str) -> bool:
    """A date or time standing alone, or a short stamp line: "Updated 22:56, 12-Jan-2022"."""
    bare = text.strip(" .:|>»›-–—")
    if _BARE_TIME.match(bare) or cues.DATE_STAMP.match(bare):
        return True
    return bool(cues.METADATA.match(bare)) and len(bare.split()) <= _STAMP_MAX_WORDS


def _position_kind(
    i: int,
    shapes: list[LineShape],
    kinds: list[tuple[ParagraphKind, str] | None],
    first_body: int,
    repeats: bool,
    after_headline: bool,
) -> tuple[ParagraphKind, str]:
    shape = shapes[i]
    between = _neighbour_is_body(kinds, i, -1) and _neighbour_is_body(kinds, i, +1)
    if cues.METADATA.match(shape.text):
        return "metadata", "article metadata"
    next_text = shapes[i + 1].text if i + 1 < len(shapes) else ""
    if len(shape.text) == 1 and shape.text.isalpha() and next_text[:1].islower():
        return "body", "drop capital of the next paragraph"
    strictly_between = _neighbour_is_body(kinds, i, -1, strict=True) and _neighbour_is_body(
        kinds, i, +1, strict=True
    )
    if repeats and shape.words <= _CREDIT_MAX_WORDS and strictly_between:
        return "caption", "repeated credit line inside the story"
    # "Has this affected you?" in a Q&A is story; "Why Is This Important?" is a heading.
    heading_question = shape.text.endswith("?") and _is_name(shape.text)
    if between and _SENTENCE_END.search(shape.text) and not heading_question:
        return "body", "short sentence inside the story"
    if between and shape.words <= _SUBHEADING_MAX_WORDS:
        return "subheading", "short title between body paragraphs"
    # Above the headline a lone name is a section label ("Politics"); below it, a credit.
    if after_headline and i < first_body and 0 < shape.words <= 3 and _is_name(shape.text):
        return "byline", "name in the byline slot"
    return "boilerplate", "non-prose line outside the story"


def _is_name(text: str) -> bool:
    return all(token[:1].isupper() for token in text.split())


def _neighbour_is_body(
    kinds: list[tuple[ParagraphKind, str] | None], i: int, step: int, strict: bool = False
) -> bool:
    """Whether the nearest body line that way is close, looking past captions, ads and lines
    not labelled yet (``strict``: past captions only)."""
    passable = ("caption", "duplicate") if strict else ("caption", "duplicate", "boilerplate")
    j = i + step
    for _ in range(_NEIGHBOUR_REACH):
        if not 0 <= j < len(kinds):
            return False
        kind = kinds[j]
        if kind is not None and kind[0] == "body":
            return True
        if (kind is None and strict) or (kind is not None and kind[0] not in passable):
            return False
        j += step
    return False
