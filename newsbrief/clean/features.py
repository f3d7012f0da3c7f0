"""Numeric features of each line of a scraped page, for the line model.

Two kinds: what a line looks like on its own (length, stop-word density, punctuation,
capitalisation, link-like tokens, furniture cues) and where it sits (its neighbours, whether
it lies before, inside or after the run of prose lines that forms the story, and whether it
repeats). The weights in ``line_model.json`` name the features they use; a test checks that
they match the keys computed here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from newsbrief.clean import cues
from newsbrief.text import languages as profiles
from newsbrief.text.tokens import LETTER_WORD

_BYLINE_MAX_WORDS = 20
_STOP_PRIOR = 0.2
_STOP_PRIOR_WEIGHT = 3
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_WORD = LETTER_WORD
_CJK_TERMINAL = re.compile(r"[。！？][」』”’）]*$")

# Common English function words: prose has many, headlines, names and menus have few.
STOPWORDS = frozenset(
    """
    a about after again against all also am an and any are as at be because been before being but
    by can could did do does doing down during each even few for from further had has have having
    he her here hers him his how i if in into is it its itself just me more most my no nor not now
    of off on once one only or other our out over own said same says she should so some such than
    that the their them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your
    """.split()  # noqa: SIM905
)


@dataclass(slots=True)
class LineShape:
    """What one line looks like, without its context."""

    text: str
    words: int
    stop_ratio: float
    terminal: bool

    @classmethod
    def of(cls, text: str) -> LineShape:
        if not profiles.is_english():
            return cls._of_other_language(text)
        tokens = _WORD.findall(text.lower())
        stops = sum(token in STOPWORDS for token in tokens)
        return cls(
            text=text,
            words=len(tokens),
            # Shrunk towards a neutral prior: one stop word alone ("AND") is not prose.
            stop_ratio=(stops + _STOP_PRIOR * _STOP_PRIOR_WEIGHT) / (len(tokens) + _STOP_PRIOR_WEIGHT),
            terminal=bool(cues.TERMINAL.search(text)),
        )

    @classmethod
    def _of_other_language(cls, text: str) -> LineShape:
        """The same shape in the language in force (``text.languages``): its function words;
        for Chinese, words estimated from characters and stop characters weighted up, since a
        Chinese line has no spaces and its function words are single characters."""
        words, stops = profiles.line_words(text)
        return cls(
            text=text,
            words=words,
            stop_ratio=(stops + _STOP_PRIOR * _STOP_PRIOR_WEIGHT) / (words + _STOP_PRIOR_WEIGHT),
            terminal=bool(cues.TERMINAL.search(text) or _CJK_TERMINAL.search(text)),
        )

    @property
    def prose(self) -> bool:
        """Running text: long enough, punctuated, with the function words sentences carry.

        Used only to locate the story on the page; the model makes the final call.
        """
        if self.words >= 25 and self.stop_ratio >= 0.2:
            return True
        return self.terminal and self.words >= 8 and self.stop_ratio >= 0.2


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def capital_ratio(text: str) -> float:
    """Share of words after the first that start with a capital: high in titles and names."""
    tokens = [t for t in _WORD.findall(text) if t[0].isalpha()][1:]
    return _ratio(sum(t[0].isupper() for t in tokens), len(tokens))


def _prompt_share(text: str) -> float:
    """Share of the line's sentences that address the reader (subscribe, follow, click ...)."""
    sentences = [s for s in _SENTENCE_BREAK.split(text) if s.strip()]
    return _ratio(sum(bool(cues.READER_PROMPT.search(s)) for s in sentences), len(sentences))


def _cue_features(shape: LineShape) -> dict[str, float]:
    text = shape.text
    bare = text.strip(" .:|>»›-–—")
    short = shape.words <= 12
    furniture = bool(cues.FURNITURE.match(bare)) or (
        shape.words <= 3 and bool(cues.FURNITURE.match(bare.split(":")[0]))
    )
    return {
        "furniture": float(furniture),
        "reader_prompt": float(shape.words <= 60 and bool(cues.READER_PROMPT.search(text))),
        "prompt_share": _prompt_share(text),
        "embed_signature": float(bool(cues.EMBED_SIGNATURE.search(text))),
        "kicker_prefix": float(bool(cues.KICKER_PREFIX.match(text))),
        "imperative_start": float(bool(cues.IMPERATIVE_START.match(text))),
        "reporting_verb": float(bool(cues.REPORTING_VERB.search(text))),
        "second_person": min(len(cues.SECOND_PERSON.findall(text)) / max(shape.words, 1) * 10, 1.0),
        "end_marker": float(bool(cues.END_MARKER.match(bare))),
        "link_teaser": float(bool(cues.LINK_TEASER.match(text) or cues.BRACKETED.match(text))),
        "credit": float(
            shape.words <= 80 and bool(cues.CREDIT.search(text) or cues.CAPTION_START.match(text))
        ),
        "timestamp": float(
            shape.words <= 20
            and bool(cues.METADATA.match(bare) or cues.DATE_ONLY.match(bare) or cues.CLOCK_ONLY.match(bare))
        ),
        "byline": float(
            (shape.words <= _BYLINE_MAX_WORDS and bool(cues.BYLINE.match(text)))
            or bool(cues.CONTRIBUTOR.search(text))
        ),
        "email_or_handle": float(bool(cues.EMAIL.search(text) or cues.HANDLE.search(text))),
        "url": float(bool(cues.URL.search(text))),
        "nav_bar": float(len(cues.NAV_SEPARATORS.findall(text)) >= 2 and not shape.terminal),
        "routing_code": float(bool(cues.ROUTING_CODE.match(text))),
        "bullet": float(bool(cues.BULLET.match(text))),
        "agency_opening": float(bool(cues.AGENCY_OPENING.match(text))),
        "short_and_capitalised": float(short and capital_ratio(text) >= 0.6),
    }


def shape_features(shape: LineShape) -> dict[str, float]:
    text = shape.text
    chars = max(len(text), 1)
    features = {
        "log_words": math.log1p(shape.words),
        "under_8_words": float(shape.words < 8),
        "stop_ratio": shape.stop_ratio,
        "no_stopwords": float(not any(t in STOPWORDS for t in _WORD.findall(text.lower()))),
        "terminal": float(shape.terminal),
        "ends_colon": float(text.rstrip().endswith(":")),
        "ends_question": float(bool(re.search(r"\?[\"'”’]*$", text))),
        "opening_quote": float(bool(cues.OPENING_QUOTE.match(text))),
        "capital_ratio": capital_ratio(text),
        "digit_ratio": sum(c.isdigit() for c in text) / chars,
        "symbol_ratio": sum(not (c.isalnum() or c.isspace()) for c in text) / chars,
        "sentences": min(len(re.findall(r"[a-z0-9%][.!?][\"”’]?\s+[A-Z“\"]", text)), 5) / 5,
    }
    features.update(_cue_features(shape))
    return features


def _zone(shapes: list[LineShape]) -> tuple[int, int]:
    """First and last prose line: the story lies between them, furniture mostly outside."""
    prose = [i for i, s in enumerate(shapes) if s.prose]
    if not prose:
        return len(shapes), -1
    return prose[0], prose[-1]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    tokens = _WORD.findall(text.casefold())
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


def _echo_shares(shapes: list[LineShape]) -> list[float]:
    """Share of each line's word trigrams found in another line: pull quotes, teaser deks and
    captions restate the story, while a story's own paragraphs rarely repeat each other."""
    grams = [_trigrams(s.text) for s in shapes]
    lines_with: Counter[tuple[str, ...]] = Counter(g for line in grams for g in line)
    return [_ratio(sum(lines_with[g] > 1 for g in line), len(line)) for line in grams]


def context_features(shapes: list[LineShape]) -> list[dict[str, float]]:
    """Per-line features that depend on the neighbours and on the page as a whole."""
    first, last = _zone(shapes)
    echoes = _echo_shares(shapes)
    counts = Counter(s.text.casefold() for s in shapes)
    prose_share = _ratio(sum(s.prose for s in shapes), len(shapes))
    rows: list[dict[str, float]] = []
    for i, shape in enumerate(shapes):
        prev = shapes[i - 1] if i > 0 else None
        nxt = shapes[i + 1] if i + 1 < len(shapes) else None
        rows.append(
            {
                "prev_prose": float(prev is not None and prev.prose),
                "next_prose": float(nxt is not None and nxt.prose),
                "prev_log_words": math.log1p(prev.words) if prev else 0.0,
                "next_log_words": math.log1p(nxt.words) if nxt else 0.0,
                "prev_terminal": float(prev is not None and prev.terminal),
                "next_starts_lower": float(nxt is not None and nxt.text[:1].islower()),
                "before_story": float(i < first),
                "after_story": float(i > last),
                "first_line": float(i == 0),
                "last_line": float(i == len(shapes) - 1),
                "repeated": float(counts[shape.text.casefold()] > 1),
                "echo_share": echoes[i],
                "page_prose_share": prose_share,
            }
        )
    return rows


def line_features(texts: list[str]) -> tuple[list[LineShape], list[dict[str, float]]]:
    """Shape and full feature dict for each (non-empty, normalised) line of one page."""
    shapes = [LineShape.of(text) for text in texts]
    rows = [shape_features(s) | c for s, c in zip(shapes, context_features(shapes), strict=True)]
    return shapes, rows
