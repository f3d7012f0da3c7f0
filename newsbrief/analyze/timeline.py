"""Timeline: dated happenings, with relative dates resolved, and the articles reporting each.

Date expressions are read off body sentences: full dates ("January 12, 2022", "12-Jan-2022"),
days without a year ("Jan 12", "3 December"), months and years ("October 2014", "in 2002",
"in December"), weekdays ("on Monday", "earlier on Wednesday", "Tuesday night"), deictic words
("today", "yesterday", "last month", "this year") and offsets ("two days after", "a week ago",
"the next day").

Relative expressions are resolved against the article's *anchor*, the day its text speaks from:

1. its publication date;
2. else the earliest full date on a metadata line the cleaner kept aside ("Published March 2, 2026
   at 5:14 a.m. | Updated ...");
3. else the day in its dateline ("Brussels, Jan 12 (EFE).-"), the year taken from the cluster;
4. else a full date in a photo caption of the article (the day the pictures were taken);
5. else the cluster's consensus anchor (the most common anchor of the other articles): reports
   of one event are written within a day or two of each other, and one undated copy should
   read "Wednesday" the way its dated siblings do.

A weekday resolves to the latest such day on or before the anchor, or the first on or after it
when the sentence looks ahead ("will", "from", "next", "due"). An expression that cannot be
resolved keeps ``date: null`` (or ``--MM-DD`` when only day and month are known): nothing is
guessed from outside the texts.

Mentions of the same happening are grouped: same date (or a weekday matching the date) and the
same claim or close sentences. The opening sentences of each report, dated on the report's
anchor, all describe the main event and form one entry.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from dateutil.relativedelta import relativedelta

from newsbrief.analyze.claims import entity_keys
from newsbrief.analyze.numbers import context_words, parse_word_number
from newsbrief.clean.metadata import parse_date
from newsbrief.text import calendar_names
from newsbrief.text.tokens import LOWER_LETTERS
from newsbrief.types import Article, Mention, Sentence, TimelineEntry

_MONTHS = calendar_names.MONTH_NUMBERS
_WEEKDAYS = tuple(name.lower() for name in calendar_names.WEEKDAY_NAMES)
_MONTH = calendar_names.MONTH_DOTTED
_FULL_MONTH = calendar_names.FULL_MONTH
_WEEKDAY = calendar_names.WEEKDAY
_WEEKDAY_MODIFIER = "last|next|this|earlier on|later on|late on|early on|on|from|until|by|since"
_NUMBER_WORD = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Order matters: longer, more specific forms first; later patterns skip spans already taken.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    (
        "dmy_dash",
        re.compile(r"\b(?P<day>\d{1,2})-(?P<mon>" + _MONTH + r")-(?P<year>(?:19|20)\d{2})\b"),
    ),
    (
        "mdy",
        re.compile(
            r"\b(?:(?P<wd>"
            + _WEEKDAY
            + r"),?\s)?(?P<mon>"
            + _MONTH
            + r")\s?(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
            r"(?!:)(?:,?\s(?P<year>(?:19|20)\d{2})\b)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            r"\b(?:(?P<wd>"
            + _WEEKDAY
            + r"),?\s)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s(?:of\s)?(?P<mon>"
            + _MONTH
            + r")(?:,?\s(?P<year>(?:19|20)\d{2})\b)?"
        ),
    ),
    ("month_year", re.compile(r"\b(?P<mon>" + _MONTH + r"),?\s(?P<year>(?:19|20)\d{2})\b")),
    (
        "offset",
        re.compile(
            r"\b(?P<n>"
            + _NUMBER_WORD
            + r")\s(?P<unit>day|week|month|year)s?\s(?P<rel>ago|earlier|later|after|before)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "next_day",
        re.compile(r"\b(?:the\s(?P<rel>next|following)\sday|the\sday\s(?P<before>before))\b", re.IGNORECASE),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<mod>(?i:" + _WEEKDAY_MODIFIER + r"))\s)?(?P<wd>" + _WEEKDAY + r")"
            r"(?:['’]s)?(?:\s(?P<part>morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?P<word>today|tonight|yesterday|tomorrow|last night"
            r"|this (?:morning|afternoon|evening))\b",
            re.IGNORECASE,
        ),
    ),
    ("relative", re.compile(r"\b(?P<mod>last|this|next)\s(?P<unit>month|year)\b", re.IGNORECASE)),
    (
        "month",
        re.compile(
            r"\b(?P<mod>in|since|until|by|early|late|mid-|last|next|this|earlier in|later in)\s?"
            r"(?P<mon>" + _FULL_MONTH + r")\b(?!\s\d)"
        ),
    ),
    ("year", re.compile(r"(?<![\d$£€,.])\b(?P<year>(?:19|20)\d{2})\b(?!\d|,\d|s\b|-\d)")),
]

_CALENDAR_WORDS = frozenset(
    [*_WEEKDAYS, *(calendar.month_name[m].lower() for m in range(1, 13)), *_MONTHS, "sept"]
)
# fmt: off
_FUTURE_CUES = frozenset({
    "will", "'ll", "shall", "next", "upcoming", "scheduled", "due", "starts", "start", "begins",
    "begin", "from", "until", "planned", "plans", "expected", "tomorrow"
})
# fmt: on
# fmt: off
_PAST_CUES = frozenset({
    "said", "says", "told", "announced", "was", "were", "had", "did", "ended", "met", "came",
    "reported", "added"
})
# fmt: on
_EXPLICIT_KINDS = frozenset({"iso", "dmy_dash", "mdy", "dmy", "month_year", "year"})
_LEAD_SENTENCES = 2  # sentences of a report's opening that describe its main event
_YEARLESS = "2000"  # stand-in year for arithmetic on --MM-DD dates (a leap year)


@dataclass(slots=True)
class Anchor:
    day: date | None
    source: str  # published, metadata, dateline, caption, cluster, year, none
    year: int | None = None


@dataclass(slots=True)
class DateMention:
    article: str
    sentence: int
    start: int
    end: int
    text: str
    date: str | None
    weekday: int | None = None  # stated weekday, 0 = Monday
    key: str = ""  # the expression's meaning when it cannot be dated ("saturday", "today")
    lead: bool = False  # in the opening sentences and dated on the anchor: the main event
    explicit: bool = False  # the text states the date itself, no anchor needed
    context: frozenset[str] = field(default_factory=frozenset)


# ---------------------------------------------------------------------------------------------
# Anchors


def _month_number(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def _date_of(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


def _metadata_date(article: Article) -> date | None:
    lines = [p.text for p in article.paragraphs if p.kind in {"metadata", "byline", "dateline"}]
    lines += [p.text for p in article.dropped if p.kind != "caption" and "end-of-article" not in p.reason]
    found = [d for line in lines for piece in line.split("|") if (d := _date_of(parse_date(piece)))]
    return min(found) if found else None


def _dateline_day(article: Article) -> tuple[int, int] | None:
    for paragraph in article.paragraphs:
        if paragraph.kind != "dateline":
            continue
        match = re.search(r"\b(?P<mon>" + _MONTH + r")\s?(?P<day>\d{1,2})\b", paragraph.text)
        if match:
            return _month_number(match["mon"]), int(match["day"])
    return None


def _caption_date(article: Article) -> date | None:
    captions = [p.text for p in [*article.paragraphs, *article.dropped] if p.kind == "caption"]
    for caption in captions:
        match = re.search(
            r"\b(?P<mon>" + _MONTH + r")\s(?P<day>\d{1,2}),?\s(?P<year>(?:19|20)\d{2})\b", caption
        )
        if match:
            return _safe_date(int(match["year"]), _month_number(match["mon"]), int(match["day"]))
    return None


def _year_hint(article: Article) -> int | None:
    """A copyright year: not a day, but it dates "Nov. 30" in an undated report."""
    for paragraph in [*article.paragraphs, *article.dropped]:
        match = re.search(r"(?:copyright|©)\s*(?P<year>(?:19|20)\d{2})", paragraph.text, re.IGNORECASE)
        if match:
            return int(match["year"])
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def article_anchors(articles: Sequence[Article]) -> dict[str, Anchor]:
    """The day each article speaks from (see module docstring for the order of evidence)."""
    own: dict[str, Anchor] = {}
    for article in articles:
        published = _date_of(article.published)
        if published:
            own[article.id] = Anchor(published, "published", published.year)
        elif metadata := _metadata_date(article):
            own[article.id] = Anchor(metadata, "metadata", metadata.year)
    years = Counter(a.day.year for a in own.values() if a.day)
    hints = [h for a in articles if (h := _year_hint(a))]
    cluster_year = (
        years.most_common(1)[0][0] if years else (Counter(hints).most_common(1)[0][0] if hints else None)
    )

    for article in articles:
        if article.id in own:
            continue
        day_month = _dateline_day(article)
        year = _year_hint(article) or cluster_year
        if day_month and year and (day := _safe_date(year, day_month[0], day_month[1])):
            own[article.id] = Anchor(day, "dateline", year)
        elif caption := _caption_date(article):
            own[article.id] = Anchor(caption, "caption", caption.year)

    consensus = Counter(a.day for a in own.values() if a.day).most_common()
    best = min(d for d, n in consensus if n == consensus[0][1]) if consensus else None
    anchors = {}
    for article in articles:
        if article.id in own:
            anchors[article.id] = own[article.id]
        elif best is not None:
            anchors[article.id] = Anchor(best, "cluster", best.year)
        else:
            anchors[article.id] = Anchor(
                None, "year" if cluster_year else "none", _year_hint(article) or cluster_year
            )
    return anchors


# ---------------------------------------------------------------------------------------------
# Date expressions


def _looks_ahead(before: str) -> bool:
    """Whether the words just before a date expression put it in the future."""
    words = LOWER_LETTERS.findall(before.lower())[-16:]
    text = " ".join(words)
    if text.endswith(("being held", "to be held", "is to", "are to")):
        return True
    for word in reversed(words):
        if word in _FUTURE_CUES:
            return True
        if word in _PAST_CUES or (word.endswith("ed") and len(word) > 4):
            return False
    return False


def _weekday_date(anchor: date, weekday: int, ahead: bool, modifier: str) -> date:
    if modifier == "next" or (ahead and modifier != "last"):
        delta = (weekday - anchor.weekday()) % 7
        if modifier == "next" and delta == 0:
            delta = 7
        return anchor + timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    if modifier == "last" and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


def _shift(day: date, n: int, unit: str) -> str:
    if unit == "day":
        return (day + timedelta(days=n)).isoformat()
    if unit == "week":
        return (day + timedelta(weeks=n)).isoformat()
    if unit == "month":
        return (day + relativedelta(months=n)).strftime("%Y-%m")
    return str(day.year + n)


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    if word.lower() in {"a", "an"}:
        return 1
    value = parse_word_number(word)
    return int(value) if value is not None else 1


def _nearest_year(anchor: date, month: int, day: int, ahead: bool) -> date | None:
    """The year that puts month/day nearest the anchor: past unless the sentence looks ahead."""
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))
    ]
    if ahead:
        later = [d for d in candidates if d >= anchor]
        return min(later) if later else None
    # A report may mention a day a few days ahead without a cue ("the Dec. 13 fundraiser").
    earlier = [d for d in candidates if d <= anchor + timedelta(days=10)]
    return max(earlier) if earlier else None


def find_dates(article: Article, anchor: Anchor) -> list[DateMention]:
    """Every date expression of the article's body, resolved where the anchor allows."""
    mentions: list[DateMention] = []
    for sentence in article.sentences:
        mentions.extend(_sentence_dates(article, sentence, anchor, mentions))
    return mentions


def _sentence_dates(
    article: Article, sentence: Sentence, anchor: Anchor, earlier: list[DateMention]
) -> list[DateMention]:
    text = sentence.text
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str | None, int | None, str, re.Match[str], str]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, end, None, None, "", match, kind))
    found.sort(key=lambda f: f[0])

    context = context_words(text)
    resolved: list[DateMention] = []
    # Offsets ("two days after") refer to another date of the same sentence when there is one.
    for start, end, _, _, _, match, kind in sorted(found, key=lambda f: f[6] in {"offset", "next_day"}):
        iso, weekday, key = _resolve(kind, match, text[:start], anchor, resolved, earlier)
        this_year = anchor.day.year if anchor.day else anchor.year
        if kind == "year" and iso and this_year and int(iso) > this_year + 1:
            continue  # "by 2050": a target, not a happening
        if kind == "year" and re.match(r"\s[A-Z]", text[end:]):
            continue  # "a 2003 Nissan Maxima": a model year
        if iso is None and not key:
            continue
        surface = text[start:end]
        offset = sentence.start + start
        resolved.append(
            DateMention(
                article=article.id,
                sentence=sentence.index,
                start=offset,
                end=offset + len(surface),
                text=surface,
                date=iso,
                weekday=weekday,
                key=key,
                explicit=kind in _EXPLICIT_KINDS,
                lead=bool(
                    anchor.day
                    and iso == anchor.day.isoformat()
                    and sentence.index < _LEAD_SENTENCES
                    and not re.match(r"(?i)earlier|later", surface)
                ),
                context=context - context_words(surface),
            )
        )
    resolved.sort(key=lambda m: m.start)
    return resolved


def _resolve(
    kind: str,
    match: re.Match[str],
    before: str,
    anchor: Anchor,
    same_sentence: list[DateMention],
    earlier: list[DateMention],
) -> tuple[str | None, int | None, str]:
    """(ISO date or None, stated weekday, key for an unresolved expression)."""
    groups = match.groupdict()
    day_anchor = anchor.day
    ahead = _looks_ahead(before)
    if kind == "iso":
        return f"{groups['year']}-{groups['month']}-{groups['day']}", None, ""
    if kind in {"dmy_dash", "mdy", "dmy"}:
        month, day = _month_number(groups["mon"]), int(groups["day"])
        weekday = _WEEKDAYS.index(groups["wd"].lower()) if groups.get("wd") else None
        if not 1 <= day <= 31:
            return None, None, ""
        if groups.get("year"):
            found = _safe_date(int(groups["year"]), month, day)
            return (found.isoformat() if found else None), weekday, ""
        if day_anchor:
            found = _nearest_year(day_anchor, month, day, ahead)
            if found:
                return found.isoformat(), weekday, ""
        if anchor.year and (found := _safe_date(anchor.year, month, day)):
            return found.isoformat(), weekday, ""
        return f"--{month:02d}-{day:02d}", weekday, ""
    if kind == "month_year":
        return f"{groups['year']}-{_month_number(groups['mon']):02d}", None, ""
    if kind == "year":
        return groups["year"], None, ""
    if kind == "month":
        month = _month_number(groups["mon"])
        if not day_anchor:
            return None, None, f"month-{month:02d}"
        year = day_anchor.year
        looks_ahead = ahead or groups["mod"] in {"next", "until"}
        if looks_ahead and month < day_anchor.month:
            year += 1
        elif not looks_ahead and month > day_anchor.month:
            year -= 1
        return f"{year}-{month:02d}", None, ""
    if kind == "weekday":
        weekday = _WEEKDAYS.index(groups["wd"].lower())
        modifier = (groups["mod"] or "").lower()
        if not day_anchor:
            return None, weekday, _WEEKDAYS[weekday]
        ahead = ahead or modifier in {"from", "until", "next"}
        return _weekday_date(day_anchor, weekday, ahead, modifier).isoformat(), weekday, ""
    if kind == "deictic":
        word = groups["word"].lower()
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        key = "today" if shift == 0 else word
        return ((day_anchor + timedelta(days=shift)).isoformat() if day_anchor else None), None, key
    if kind == "relative":
        if not day_anchor:
            return None, None, ""  # "this year" with nothing to date it says nothing
        n = {"last": -1, "this": 0, "next": 1}[groups["mod"].lower()]
        return _shift(day_anchor, n, groups["unit"].lower()), None, ""
    if kind == "offset":
        n, unit, rel = _count(groups["n"]), groups["unit"].lower(), groups["rel"].lower()
        # "X, two days after Y": Y is two days before the sentence's other date (or the anchor);
        # "two days later": after the last date mentioned; "a week ago": before the anchor.
        reference: date | None
        if rel == "after":
            reference, n = _reference(same_sentence, day_anchor), -n
        elif rel == "before":
            reference = _reference(same_sentence, day_anchor)
        elif rel == "later":
            reference = _reference(same_sentence or earlier, day_anchor)
        else:
            reference, n = day_anchor, -n
        if reference is None:
            return None, None, match.group(0).lower()
        shifted = _shift(reference, n, unit)
        return (
            (_iso_or_yearless(date.fromisoformat(shifted)) if len(shifted) == 10 else shifted),
            None,
            "",
        )
    if kind == "next_day":
        reference = _reference(same_sentence or earlier, day_anchor)
        n = -1 if groups.get("before") else 1
        if reference is None:
            return None, None, match.group(0).lower()
        return _iso_or_yearless(reference + timedelta(days=n)), None, ""
    return None, None, ""


def _reference(mentions: Sequence[DateMention], fallback: date | None) -> date | None:
    for mention in reversed(mentions):
        if mention.date and mention.date.startswith("--"):
            # A day without a year: shifted within a leap year, then printed without one.
            return date.fromisoformat(_YEARLESS + mention.date[1:])
        if mention.date and len(mention.date) == 10:
            return date.fromisoformat(mention.date)
    return fallback


def _iso_or_yearless(day: date) -> str:
    return "-" + day.isoformat()[4:] if day.year == int(_YEARLESS) else day.isoformat()


# ---------------------------------------------------------------------------------------------
# Grouping into entries

# Closeness of the clauses around two date expressions above which they tell one happening:
# embedding cosine (the Geneva talks of the seeds score 0.62-0.71 across reports, different
# happenings of the same day 0.42-0.58), or word overlap when no embedding model is installed.
SAME_HAPPENING_COSINE = 0.6
SAME_HAPPENING_OVERLAP = 0.25
UNDECIDED_COSINE = 0.4
RARE_NAME_SHARE = 0.15  # a name in at most this share of the clauses identifies a happening
_CLAUSE_BREAK = re.compile(r"[,;:—–“”\"()]")


def clause_around(sentence_text: str, start: int, end: int, words: int = 8) -> str:
    """The words around a date expression within its clause: what happened on that date. For
    "two days after X" the happening is X, so only the words after the expression count."""
    expression = sentence_text[start:end]
    right = _CLAUSE_BREAK.split(sentence_text[end:])[0].split()
    if re.search(r"(?i)\b(?:after|before)$", expression):
        return " ".join(right[: words + 4])
    left = _CLAUSE_BREAK.split(sentence_text[:start])[-1].split()
    if len(left) + len(right) < 6:
        left, right = sentence_text[:start].split(), sentence_text[end:].split()
    return " ".join([*left[-words:], expression, *right[:words]])


class ClauseSimilarity:
    """Pairwise closeness of the clauses around date mentions: embedding cosine, helped by a
    shared rare name ("Geneva") when the cosine alone is undecided; word overlap when no
    embedding model is installed."""

    def __init__(self, clauses: Sequence[str], embeddings: np.ndarray | None) -> None:
        self.cosine = embeddings @ embeddings.T if embeddings is not None else None
        self.words = [context_words(c) for c in clauses]
        names = [entity_keys(c) - _CALENDAR_WORDS for c in clauses]
        frequency = Counter(k for keys in names for k in keys)
        limit = max(1, int(RARE_NAME_SHARE * len(clauses)))
        self.rare_names = [frozenset(k for k in keys if frequency[k] <= limit) for keys in names]

    def close(self, i: int, j: int, loose: bool = False) -> bool:
        """``loose``: the dates themselves already say much (the same stated day, or the same
        undatable weekday), so an undecided cosine is enough."""
        if self.cosine is not None:
            cosine = float(self.cosine[i, j])
            if cosine >= SAME_HAPPENING_COSINE:
                return True
            return cosine >= UNDECIDED_COSINE and (loose or bool(self.rare_names[i] & self.rare_names[j]))
        union = self.words[i] | self.words[j]
        return bool(union) and len(self.words[i] & self.words[j]) / len(union) >= SAME_HAPPENING_OVERLAP


def _dates_agree(a: DateMention, b: DateMention) -> bool:
    if a.date and b.date:
        return a.date == b.date
    dated, other = (a, b) if a.date else (b, a)
    if dated.date is None:
        return bool(a.key) and a.key == b.key
    if other.weekday is not None and len(dated.date) == 10 and not dated.date.startswith("--"):
        return date.fromisoformat(dated.date).weekday() == other.weekday
    return False


def group_dates(
    mentions: Sequence[DateMention],
    sentences: dict[tuple[str, int], Sentence],
    similarity: ClauseSimilarity,
    claim_of: dict[tuple[str, int], str] | None = None,
) -> list[TimelineEntry]:
    """Entries of mentions that agree on the date and tell the same happening."""
    claim_of = claim_of or {}

    def close(i: int, j: int) -> bool:
        a, b = mentions[i], mentions[j]
        if (a.article, a.sentence) == (b.article, b.sentence) or (a.lead and b.lead):
            return True
        claim = claim_of.get((a.article, a.sentence))
        if claim is not None and claim == claim_of.get((b.article, b.sentence)):
            return True
        loose = (a.explicit and b.explicit) or (a.date is None and b.date is None)
        return similarity.close(i, j, loose)

    groups: list[list[int]] = []
    for i, mention in enumerate(mentions):
        for group in groups:
            if all(_dates_agree(mention, mentions[j]) for j in group) and any(close(i, j) for j in group):
                group.append(i)
                break
        else:
            groups.append([i])

    entries = []
    for group in groups:
        members = [mentions[i] for i in group]
        dated = [m.date for m in members if m.date]
        best = max(dated, key=lambda d: (not d.startswith("--"), len(d))) if dated else None
        first = members[0]
        entries.append(
            TimelineEntry(
                date=best,
                what=_shorten(_happening(first, sentences.get((first.article, first.sentence)))),
                reports=[Mention(m.article, m.start, m.end, m.text) for m in members],
                articles=list(dict.fromkeys(m.article for m in members)),
            )
        )
    entries.sort(key=_sort_key)
    return entries


def _happening(mention: DateMention, sentence: Sentence | None) -> str:
    """The sentence that tells what happened; for "two days after X", X itself."""
    if sentence is None:
        return mention.text
    if re.search(r"(?i)\b(?:after|before)$", mention.text):
        rest = sentence.text[mention.end - sentence.start :].strip(" ,")
        if len(rest.split()) >= 3:
            return rest[0].upper() + rest[1:]
    return sentence.text


def _sort_key(entry: TimelineEntry) -> tuple[int, str]:
    if entry.date is None:
        return (2, "")
    if entry.date.startswith("--"):
        return (1, entry.date)
    return (0, entry.date)


def _shorten(text: str, words: int = 40) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


def build_timeline(
    articles: Sequence[Article],
    claim_of: dict[tuple[str, int], str] | None = None,
    embed: Callable[[Sequence[str]], np.ndarray | None] | None = None,
) -> tuple[list[TimelineEntry], dict[str, Anchor]]:
    """Timeline entries in date order (undated last), and the anchor used for each article.
    ``embed`` maps texts to unit vectors (or None); without it clauses are compared by words."""
    anchors = article_anchors(articles)
    mentions = [m for a in articles for m in find_dates(a, anchors[a.id])]
    sentences = {(s.article, s.index): s for a in articles for s in a.sentences}
    clauses = []
    for m in mentions:
        sentence = sentences[(m.article, m.sentence)]
        clauses.append(clause_around(sentence.text, m.start - sentence.start, m.end - sentence.start))
    embeddings = embed(clauses) if embed is not None and clauses else None
    return group_dates(mentions, sentences, ClauseSimilarity(clauses, embeddings), claim_of), anchors
