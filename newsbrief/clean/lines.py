"""Label each line of scraped article text: body, headline, caption, boilerplate, ...

Scrapers flatten a page into lines: navigation, ads, captions and related-story
headlines sit between the paragraphs of the story. The signals here are generic
shape features (length, terminal punctuation, stop-word density, repetition,
position relative to the body) plus a short vocabulary of web-furniture phrases
that recur across sites, not strings from any one sample.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.types import Paragraph, ParagraphKind

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# Phrases that only ever label page furniture when they make up (most of) a short line.
_FURNITURE = re.compile(
    r"""^(?:
        advertisement|advertisements?|ad|sponsored(?:\ content)?|loading(?:\.\.\.)?|
        read\ (?:next|more|also)|more\ (?:stories|from\ .*|news)|
        related(?:\ articles|\ stories|\ news|\ coverage)?|
        (?:most\ (?:read|popular|viewed))|editors?['’]?\ picks?|featured(?:\ stories)?|trending(?:\ now)?|
        recommended(?:\ for\ you)?|you\ may\ also\ like|top\ stories|latest(?:\ news)?|search\ trends|
        back\ to\ top(?:\ button)?|view\ comments?|comments?|\d+\ comments?|show\ comments|
        share(?:\ this(?:\ article|\ story)?)?|tweet|email|print|download|subscribe|sign\ up|log\ ?in|
        follow\ us.*|skip\ to\ (?:main\ )?content|cookie.*|accept(?:\ all)?|close|menu|home|
        share\ (?:on|via)\ .*|listen\ to\ (?:this\ )?article.*|
        \d+|[^\w\s]+
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Prompts that are sentences in form but address the reader, not the story.
_READER_PROMPT = re.compile(
    r"\b(?:subscribe|newsletter|sign up|sign in|log in|download (?:our|the) app|"
    r"follow us|click here|don['’]t miss|all rights reserved|copyright|cookies?|"
    r"why you can trust|reading time|powered by automated translation|"
    r"with input from agencies|this (?:article|story) (?:was|has been) (?:updated|corrected)|"
    r"(?:get|receive) (?:the|our) .{0,30}(?:in your inbox|delivered)|"
    r"tweet with a location|learn more|share this article|"
    r"we may earn|affiliate|support (?:our|independent) journalism)\b",
    re.IGNORECASE,
)

_END_MARKER = re.compile(
    r"^(?:read next|related(?: articles| stories| news| coverage)?|more (?:stories|from .*)|"
    r"most (?:read|popular|viewed)|recommended(?: for you)?|you may also like|"
    r"editors?['’]? picks?|top stories|back to top(?: button)?)$",
    re.IGNORECASE,
)

_CREDIT = re.compile(
    r"(?:\b(?:photo|picture|image|video|file photo|credit|illustration)s?\s*(?:by|:|/)\s*[\w .,&/'-]{2,60}$"
    r"|/\s*(?:CFP|AFP|AP|Xinhua|Getty(?: Images)?|EPA|Reuters|dpa|IANS|PTI)\s*$"
    r"|\bvia (?:REUTERS|Reuters|AP|AFP|Getty Images)\s*$"
    # "... in Brussels. Olivier Hoslet/Pool", "... 2026. Coastline Wire/Ines Talbot"
    r"|[.)]\s+[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}/[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}\s*$"
    r"|[.)]\s*(?:EPA|AFP|AP|Reuters|REUTERS|Getty Images|Bloomberg|dpa|Shutterstock)\s*$"
    r"|\((?:AP|AFP|Reuters|EPA|Getty Images) Photo[^)]*\)\s*$)",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(r"^\(?(?:L-R|R-L|from left|left to right|pictured)\b", re.IGNORECASE)
_METADATA = re.compile(
    r"^(?:updated|published|posted|last updated|first published|modified|reading time|"
    r"\d+\s*min(?:ute)?s? read)\b",
    re.IGNORECASE,
)
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s*)?"
    r"(?:\d{1,2}[-/ .](?:\w{3,9}|\d{1,2})[-/ .,]+\d{2,4}|\w{3,9}\.? \d{1,2},? \d{4})"
    r"(?:[ ,]+(?:at )?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\w{2,4})?)?$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|reporting by|text by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)*", re.IGNORECASE
)
# Navigation bars flattened to one line: "World | Business | Markets".
_NAV_SEPARATORS = re.compile(r"\s[|•·›»/]\s")
_ROUTING_CODE = re.compile(r"^[a-z]{2,5}(?:[-/][a-z]{2,5}){1,5}$")
_BULLET = re.compile(r"^[•·●▪■◦*-]\s+")
_TERMINAL = re.compile(r"""[.!?…:;]["'”’)\]]*$|["”’]$""")

# Common function words: prose has many, headlines, names and menus have few.
_STOPWORDS = frozenset(
    """
    a about after against all also an and any are as at be because been before but by can could did
    do does for from had has have he her his how i if in into is it its itself more most no not of
    on one or other our out over said says she should so some such than that the their them then
    there these they this those through to under up was we were what when where which while who
    will with would you
    """.split()  # noqa: SIM905
)


@dataclass(slots=True)
class LineFeatures:
    text: str
    words: int
    stop_ratio: float
    terminal: bool

    @classmethod
    def of(cls, text: str) -> LineFeatures:
        tokens = _WORD.findall(text.lower())
        stops = sum(token in _STOPWORDS for token in tokens)
        return cls(
            text=text,
            words=len(tokens),
            stop_ratio=stops / len(tokens) if tokens else 0.0,
            terminal=bool(_TERMINAL.search(text)),
        )

    @property
    def sentence_like(self) -> bool:
        """Prose: long enough, punctuated, and with the function words running text has."""
        if self.words >= 25 and self.stop_ratio >= 0.2:
            return True
        return self.terminal and self.words >= 7 and self.stop_ratio >= 0.15


def normalize_line(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def _static_kind(features: LineFeatures) -> tuple[ParagraphKind, str] | None:
    """Kinds decided by the line alone, before looking at its neighbours."""
    text = features.text
    bare = text.strip(" .:|>»›-–—")
    if _FURNITURE.match(bare) or (features.words <= 3 and _FURNITURE.match(bare.split(":")[0])):
        return "boilerplate", "page furniture"
    if len(_NAV_SEPARATORS.findall(text)) >= 2 and not features.terminal:
        return "boilerplate", "navigation bar"
    if _ROUTING_CODE.match(text):
        return "boilerplate", "agency routing code"
    if features.words <= 40 and _READER_PROMPT.search(text):
        return "boilerplate", "reader prompt"
    if _METADATA.match(bare) or _DATE_ONLY.match(bare):
        return "metadata", "date or reading-time line"
    if features.words <= 60 and (_CREDIT.search(text) or _CAPTION_START.match(text)):
        return "caption", "photo caption or credit"
    if features.words <= 8 and _BYLINE.match(text) and not features.terminal:
        return "byline", "byline"
    return None


def classify_lines(text: str, title: str | None = None) -> list[Paragraph]:
    """Label every non-empty line of ``text``; the returned list keeps input order."""
    lines = [normalize_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    features = [LineFeatures.of(line) for line in lines]
    kinds: list[tuple[ParagraphKind, str] | None] = [_static_kind(f) for f in features]

    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = line.casefold()
        if key in seen:
            kinds[i] = ("duplicate", "repeats an earlier line")
        seen.add(key)

    for i, f in enumerate(features):
        if kinds[i] is None and f.sentence_like:
            kinds[i] = ("body", "prose")

    body_rows = [i for i, k in enumerate(kinds) if k and k[0] == "body"]
    # Bulleted summaries sit above the story; the body starts at the first plain paragraph.
    plain_body = [i for i in body_rows if not _BULLET.match(lines[i])]
    first_body = plain_body[0] if plain_body else len(lines)
    _drop_after_end_marker(lines, kinds, body_rows)
    _label_headline_and_dek(lines, features, kinds, first_body, title)

    for i, f in enumerate(features):
        if kinds[i] is not None:
            continue
        prev_body = _neighbour_is_body(kinds, i, -1)
        next_body = _neighbour_is_body(kinds, i, +1)
        if prev_body and next_body and f.words <= 10 and not f.terminal:
            kinds[i] = ("subheading", "short title between body paragraphs")
        else:
            kinds[i] = ("boilerplate", "short non-prose line outside the body")

    return [Paragraph(text=line, kind=k[0], reason=k[1]) for line, k in zip(lines, kinds, strict=True) if k]


def _neighbour_is_body(kinds: list[tuple[ParagraphKind, str] | None], i: int, step: int) -> bool:
    j = i + step
    while 0 <= j < len(kinds):
        kind = kinds[j]
        if kind is None or kind[0] in ("body",):
            return kind is not None
        if kind[0] in ("caption", "duplicate"):
            j += step
            continue
        return False
    return False


def _drop_after_end_marker(
    lines: list[str], kinds: list[tuple[ParagraphKind, str] | None], body_rows: list[int]
) -> None:
    """After 'Read Next' or 'Related Articles', the rest of the page is other stories."""
    for i, line in enumerate(lines):
        if _END_MARKER.match(line.strip(" .:")) and body_rows and i > body_rows[0]:
            for j in range(i + 1, len(lines)):
                kinds[j] = ("boilerplate", f"after end-of-article marker {line!r}")
            return


def _label_headline_and_dek(
    lines: list[str],
    features: list[LineFeatures],
    kinds: list[tuple[ParagraphKind, str] | None],
    first_body: int,
    title: str | None,
) -> None:
    """The headline is the first title-shaped line before the body; prose or bullets between it and
    the body form the dek."""
    headline_row = None
    for i in range(first_body):
        if title and normalize_line(title).casefold() == lines[i].casefold():
            headline_row = i
            break
    if headline_row is None and not title:
        for i in range(first_body):
            f = features[i]
            if kinds[i] is None and 4 <= f.words <= 30 and not lines[i].endswith("."):
                headline_row = i
                break
    if headline_row is not None:
        kinds[headline_row] = ("headline", "title line before the body")
    start = headline_row + 1 if headline_row is not None else first_body
    for i in range(start, first_body):
        f = features[i]
        if kinds[i] is not None and kinds[i][0] != "body":
            continue
        if _BULLET.match(lines[i]) or (f.words >= 6 and f.stop_ratio >= 0.1):
            kinds[i] = ("dek", "standfirst between headline and body")
