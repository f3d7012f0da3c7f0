"""Quantities the reports give, grouped by what they count, with conflicts between outlets.

A mention is a figure in a body sentence ("some 100,000 troops", "Twelve people", "a four-hour
meeting", "$38.5 million", "about 4%") with the noun it counts. Years, clock times, days of the
month, ordinals and identifiers ("Pier 4", "Nord Stream 2") are not quantities and are skipped;
dates belong to the timeline.

Mentions with the same value and unit that speak of the same thing become one number carried by
every outlet that gives it. Two numbers with the same unit about the same thing but different
values, from outlets that never give both, are a conflict ("12 injured" vs "14 injured"), unless
one is plainly a rounding of the other ("$7,953.34" vs "nearly $8,000").
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from text_to_num import text2num

from newsbrief.analyze.nlp import coarse
from newsbrief.text.calendar_names import MONTH
from newsbrief.text.stem import prefix_stem as stem
from newsbrief.text.tokens import LETTERS_WORD, OPENING_CAPITAL_WORD, tokenize
from newsbrief.types import Article, Mention, NumberFact, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MONTH = MONTH
_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "m": 1e6, "bn": 1e9, "k": 1e3,
}  # fmt: skip
_CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}

_BIG_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
_SMALL_NUMBER = (
    r"(?:(?:" + "|".join(_TENS_WORDS) + r")(?:[- ](?:" + "|".join(list(_UNITS_WORDS)[1:10]) + r"))?"
    r"|" + "|".join(_UNITS_WORDS) + r")"
)
_BIG_NUMBER = r"(?:" + "|".join(_BIG_WORDS) + r")"
# "two hundred and fifty", "three thousand five hundred", "a dozen", "two dozen", "a hundred".
_WORD_NUMBER = (
    r"(?:(?:(?:half\sa|a|" + _SMALL_NUMBER + r")\s)?dozen(?!\w)"
    r"|a\s(?:hundred|thousand)(?!\w)"
    r"|"
    + _SMALL_NUMBER
    + r"(?:(?:[ -]"
    + _BIG_NUMBER
    + r")+(?:\s(?:and\s)?"
    + _SMALL_NUMBER
    + r"(?:[ -]"
    + _BIG_NUMBER
    + r")*)*)?)"
)
# Unit abbreviations written right after a figure ("400m away", "5 km", "1.2t"); "m" is a
# million only after a currency sign ("$400m").
_ABBREVIATION = r"km/h|kph|mph|km|kg|cm|mm|lbs?|ft|t"
_FIGURE = re.compile(
    r"(?:(?P<currency>US\$|\$|£|€|¥)\s?)?"
    r"(?P<number>(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)|(?<![\w.,])\d+(?:\.\d+)?(?!\.\d)"
    r"|(?<![\w-])" + _WORD_NUMBER + r"(?!\w))"
    r"(?:(?P<scale>\s(?:hundred|thousand|million|billion|trillion)\b|(?:m|bn|k)\b)"
    r"|(?P<abbr>(?:" + _ABBREVIATION + r")(?![\w/])|\s(?:km/h|kph|mph|km|kg|cm|mm|lbs|ft)(?![\w/])))?"
    r"(?P<percent>\s?%|\s(?:percent|per cent)\b)?"
    r"(?:\s(?P<code>USD|EUR|GBP|JPY|CNY|RMB|BHD|BD|INR|CHF)\b)?",
    re.IGNORECASE,
)
# "one in five stores", "1 in 4 adults", "one in every three".
_RATIO = re.compile(
    r"(?<![\w-])(?P<part>one|\d+)\sin\s(?:every\s)?(?P<whole>" + _SMALL_NUMBER + r"|\d+)(?![\w-])",
    re.IGNORECASE,
)
# Units of measure by their normal name, so "1 ton" and "1.2 tonnes" or "5 km" and "five
# kilometres" are one unit (a short ton and a tonne differ by a tenth: not told apart).
_UNIT_NAMES = {
    "m": "metres", "metre": "metres", "metres": "metres", "meter": "metres", "meters": "metres",
    "km": "kilometres", "kilometre": "kilometres", "kilometres": "kilometres",
    "kilometer": "kilometres", "kilometers": "kilometres",
    "cm": "centimetres", "centimetre": "centimetres", "centimetres": "centimetres",
    "centimeter": "centimetres", "centimeters": "centimetres", "mm": "millimetres",
    "millimetre": "millimetres", "millimetres": "millimetres", "millimeters": "millimetres",
    "mi": "miles", "mile": "miles", "miles": "miles", "ft": "feet", "foot": "feet", "feet": "feet",
    "inch": "inches", "inches": "inches", "yard": "yards", "yards": "yards",
    "t": "tonnes", "ton": "tonnes", "tons": "tonnes", "tonne": "tonnes", "tonnes": "tonnes",
    "kg": "kilograms", "kilo": "kilograms", "kilos": "kilograms", "kilogram": "kilograms",
    "kilograms": "kilograms", "lb": "pounds", "lbs": "pounds", "pound": "pounds",
    "mph": "miles per hour", "kph": "kilometres per hour", "km/h": "kilometres per hour",
    "acre": "acres", "acres": "acres", "hectare": "hectares", "hectares": "hectares",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollars": "USD", "euros": "EUR", "euro": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupees": "INR", "roubles": "RUB", "rubles": "RUB",
}  # fmt: skip
_CURRENCY_PHRASES = {
    "bahraini dinars": "BHD", "canadian dollars": "CAD", "australian dollars": "AUD",
    "hong kong dollars": "HKD", "swiss francs": "CHF", "british pounds": "GBP",
}  # fmt: skip
_CURRENCY_CODES = {"BD": "BHD", "RMB": "CNY"}
_MONEY = frozenset(
    [
        *_CURRENCIES.values(),
        *_CURRENCY_WORDS.values(),
        *_CURRENCY_PHRASES.values(),
        *_CURRENCY_CODES.values(),
        *("EUR", "GBP", "JPY", "CNY", "INR", "CHF", "USD"),
    ]
)
# Nouns a hyphenated figure may measure ("a four-hour meeting", "a 210-metre vessel", "a 15-day
# list"); any other ("a two-state solution", "a three-judge panel") makes an adjective, not a
# quantity worth listing.
_MEASURE_WORDS = frozenset(
    [
        *("second", "minute", "hour", "day", "week", "month", "year", "decade", "century"),
        *("point", "percent", "storey", "story", "seat", "member", "game", "man"),
        *_UNIT_NAMES,
    ]
)
# "the third Model S fire in six weeks": a time window for the n-th occurrence of something.
_WINDOW = re.compile(
    r"\bthe\s(?P<ordinal>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s"
    r"(?P<thing>[^,.;:()]{1,40}?)\s(?:in|within|over)\s(?:the\s(?:past|last)\s)?$",
    re.IGNORECASE,
)
_HEIGHT = re.compile(r"\b(?P<feet>[4-7])(?:-foot-| feet )(?P<inches>\d{1,2})\b")
_AGE_APPOSITION = re.compile(r"^,\s(?P<age>\d{1,3}),")
# Words that say how a figure relates to the true value, by direction: the true value is at most
# the figure ("almost 6 million"), at least it ("more than 200"), or near it ("about 4%").
_BELOW = ("nearly", "almost", "just under", "close to", "up to", "less than", "fewer than", "under",
          "below", "as many as", "as much as")  # fmt: skip
_ABOVE = ("more than", "over", "at least", "upwards of", "just over", "above", "in excess of")
_AROUND = ("about", "around", "some", "approximately", "roughly", "an estimated", "estimated")
_APPROXIMATE = re.compile(
    r"\b(?P<qualifier>" + "|".join(sorted(_BELOW + _ABOVE + _AROUND, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)
_CLOCK_AFTER = re.compile(r"^(?:[:.]\d\d)?\s?(?:a\.?m\b\.?|p\.?m\b\.?|GMT|UTC|o'clock|h\b)", re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"\d[:.]$")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|s)\b", re.IGNORECASE)  # "32nd", "the 1980s"
_MONTH_BEFORE = re.compile(_MONTH + r"\.?\s?$")
_MONTH_AFTER = re.compile(r"^\s?(?:-\s?)?" + _MONTH + r"\b")
_IDENTIFIER_BEFORE = re.compile(r"(?:\b[A-Z][\w]*|[A-Z]-|#|No\.)\s?$")
_SPELLED_DURATION = re.compile(
    r"\b(?:a|an)\s(?P<unit>year|month|week|day|hour)(?P<half>\sand\sa\shalf)?(?P<late>\s(?:late|early))?\b",
    re.IGNORECASE,
)
_RATE = re.compile(r"^\s(?:a|an|per|each)\s(?P<per>second|minute|hour|day|week|month|year|share)\b")
_OFFSET_AFTER = re.compile(r"^\s(?:after|before|later|earlier|ago|from now)\b", re.IGNORECASE)
_WORD = LETTERS_WORD

# Words between a figure and the noun it counts ("3,000 Russian soldiers", "four more days").
# fmt: off
_MODIFIERS = frozenset({
    "more", "additional", "other", "new", "fresh", "extra", "further", "such", "some", "its",
    "their", "his", "her", "our", "another", "separate", "different", "young", "old", "former",
    "current", "local", "foreign"
})
# fmt: on
# Words that end the search for a counted noun: the figure stands alone ("Three remained").
# fmt: off
_NOT_NOUNS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "to", "in", "on", "at", "for", "with", "from",
    "by", "of", "per", "as", "than", "that", "which", "who", "whom", "whose", "when", "where",
    "while", "if", "so", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    "do", "does", "did", "will", "would", "can", "could", "may", "might", "must", "shall", "should",
    "said", "says", "say", "told", "after", "before", "since", "during", "until", "into", "onto",
    "over", "under", "about", "around", "near", "between", "among", "across", "against", "through",
    "up", "down", "out", "off", "now", "then", "there", "here", "this", "these", "those", "it",
    "they", "them", "he", "she", "we", "you", "i", "me", "us", "him", "her", "his", "their", "our",
    "its", "my", "your", "each", "every", "all", "both", "either", "neither", "not", "no", "also",
    "only", "just", "still", "already", "yet", "even", "ago", "later", "earlier", "times", "time",
    "percent", "began", "went", "came", "got", "made", "took", "gave", "saw", "met", "left",
    "found", "became", "ran", "fell", "rose", "won", "lost", "hit", "put", "set", "kept", "held",
    "led", "sent", "spent", "paid", "brought", "thought"
})
# fmt: on
# Participles that name what is counted ("12 injured", "two wounded").
_COUNTED_PARTICIPLES = frozenset(
    ["injured", "wounded", "killed", "dead", "displaced", "missing", "detained", "arrested"]
)
_TIME_UNITS = frozenset(["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"])
_DATE_UNITS = frozenset(["day", "week", "month", "year", "decade"])
_CLAUSE_JOINERS = frozenset(
    ["and", "but", "or", "which", "who", "whom", "while", "as", "because", "although"]
)
_PAST_REPORTING = frozenset(["said", "says", "told", "added", "reported", "announced", "stated"])


@dataclass(slots=True)
class NumberMention:
    """One figure in one sentence."""

    article: str
    sentence: int  # index into the article's sentences
    start: int
    end: int
    text: str
    value: float
    unit: str  # the counted noun as written ("troops"), a currency code, "%", "" when unknown
    what: str  # the phrase the figure counts or measures
    qualifier: str = ""  # "almost", "more than", "about", ... before the figure
    significant: int = 1  # significant digits as written, to tell a rounding from a conflict
    measures: str = ""  # for a duration or measure, what it measures ("talks", "age")
    nouns: frozenset[str] = field(default_factory=frozenset)  # the counted phrase's nouns
    context: frozenset[str] = field(default_factory=frozenset)
    precision: float = 0.0  # half a unit of the last digit written when the figure is rounded
    # Stems of the words that say what happens to the quantity: the predicate or head word right
    # before the figure and after its noun ("injuring 14 people", "12 people were treated for
    # injuries"), or from the parse its verb and subject.
    keys: frozenset[str] = field(default_factory=frozenset)
    # From the parse: stems of the verb the quantity goes with and of that verb's subject.
    parse_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def approximate(self) -> bool:
        return bool(self.qualifier)

    def bounds(self) -> tuple[float, float]:
        """The values the wording allows: "almost 6 million" is 5.7 to 6 million, "more than 200"
        200 to 260, "about 4%" 3.5 to 4.5, "$5.9 million" 5.85 to 5.95 million, "9 days" 9."""
        low, high = self.value - self.precision, self.value + self.precision
        if self.qualifier in _BELOW:
            return low * (1 - BELOW_SLACK), high
        if self.qualifier in _ABOVE:
            return low, high * (1 + ABOVE_SLACK)
        if self.qualifier in _AROUND:
            digit = (
                10 ** (math.floor(math.log10(abs(self.value))) - self.significant + 1) if self.value else 0
            )
            slack = max(AROUND_SLACK * abs(self.value), digit / 2)
            return low - slack, high + slack
        return low, high

    @property
    def unit_key(self) -> str:
        return unit_key(self.unit)

    @property
    def is_duration(self) -> bool:
        return self.unit_key in _TIME_UNITS


# Irregular plurals, and "kids" for "children" (row 239: "six kids" / "two children").
_SINGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "kid": "child"}


@functools.lru_cache(maxsize=4096)  # 220,000 calls for 100 articles, a few hundred distinct units
def unit_key(unit: str) -> str:
    unit = unit.lower()
    for suffix, replacement in (("ies", "y"), ("ves", "f"), ("sses", "ss"), ("s", "")):
        if unit.endswith(suffix) and len(unit) > len(suffix) + 2 and not unit.endswith("ss"):
            unit = unit[: -len(suffix)] + replacement
            break
    return _SINGULAR.get(unit, unit)


def context_words(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokenize(text) if not t[0].isdigit())


def parse_word_number(text: str) -> float | None:
    words = re.split(r"[- ]", text.lower())
    total = 0.0
    for word in words:
        if word in _UNITS_WORDS:
            total += _UNITS_WORDS[word]
        elif word in _TENS_WORDS:
            total += _TENS_WORDS[word]
        else:
            return None
    return total


def _significant_digits(number: str) -> int:
    digits = number.replace(",", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0")) or 1
    return len(digits.lstrip("0").rstrip("0")) or 1


def _counted_noun(after: str, gerund: bool = False) -> tuple[str, str, int]:
    """(unit, phrase, length consumed) for the words after a figure; ``gerund``: an -ing word
    right after it may be the noun ("a four-hour meeting"), not a verb ("two facing")."""
    words = list(_WORD.finditer(after[:80]))
    phrase: list[str] = []
    unit = ""
    consumed = 0
    position = 0
    for match in words[:5]:
        gap = after[position : match.start()]
        if gap.strip() and gap.strip() not in {"-"}:
            break  # punctuation ends the noun phrase
        word = match.group(0)
        lower = word.lower().strip("'’")
        verb_form = lower.endswith("ed") or (lower.endswith("ing") and not (gerund or phrase))
        if lower in _NOT_NOUNS or (verb_form and lower not in _COUNTED_PARTICIPLES):
            break  # a verb follows the figure ("Three remained", "vessel operated by")
        position = match.end()
        if word[0].isupper() or lower in _MODIFIERS:
            phrase.append(word)
            continue
        phrase.append(word)
        unit = word
        consumed = match.end()
        # Plural nouns end the phrase ("replica jerseys", "crew members", "troops"); a singular one
        # may be a modifier of the next noun ("prison sentence", "hour"), so look one further.
        if lower.endswith("s") and not lower.endswith("ss"):
            break
    if not unit:
        return "", "", 0
    return unit, " ".join(phrase[: phrase.index(unit) + 1]), consumed


def _measured_thing(after: str) -> str:
    """For "four hours of talks", the talks."""
    match = re.match(r"^\s(?:of|in)\s(?:the\s)?([a-z][a-z-]+)", after)
    return match.group(1) if match else ""


def find_numbers(
    article: Article, parses: Mapping[tuple[str, int], Doc] | None = None
) -> list[NumberMention]:
    """The figures of an article; ``parses`` (from ``parse_figure_sentences``) lets the
    dependency parse name what a figure counts and the verb and subject it goes with."""
    mentions: list[NumberMention] = []
    for sentence in article.sentences:
        doc = parses.get((article.id, sentence.index)) if parses else None
        mentions.extend(_sentence_numbers(article, sentence, doc))
    return mentions


def parse_figure_sentences(articles: Sequence[Article]) -> dict[tuple[str, int], Doc]:
    """spaCy parses of the sentences that hold a figure, keyed by (article, sentence index);
    empty without spaCy (the rules alone then read the figures)."""
    from newsbrief.analyze.nlp import load_pipeline

    nlp = load_pipeline()
    if nlp is None:
        return {}
    jobs = [(a.id, s.index, s.text) for a in articles for s in a.sentences if _FIGURE.search(s.text)]
    docs = nlp.pipe([text for *_, text in jobs], batch_size=64)
    return {(article, index): doc for (article, index, _), doc in zip(jobs, docs, strict=True)}


@dataclass(slots=True)
class _Reading:
    """A figure read off a sentence, before it becomes a mention (offsets within the sentence)."""

    start: int
    end: int
    value: float
    unit: str
    what: str
    qualifier: str = ""  # "almost", "more than", "about", ... as written before the figure
    significant: int = 2
    measures: str = ""
    precision: float = 0.0  # half a unit of the last digit written, when the figure is rounded
    counted: bool = False  # the unit is a noun read after the figure (the parse may correct it)
    keys: frozenset[str] = frozenset()  # from the parse: stems of the governing verb and subject


def _sentence_numbers(article: Article, sentence: Sentence, doc: Doc | None = None) -> list[NumberMention]:
    text = sentence.text
    readings = _spelled_durations(text) + _heights(text) + _ratios(text)
    previous_unit = ""
    for match in _FIGURE.finditer(text):
        if any(r.start <= match.start("number") < r.end for r in readings):
            continue
        reading = _read_figure(match, text, previous_unit)
        if reading is None:
            continue
        previous_unit = reading.unit or previous_unit
        readings.append(reading)
    if doc is not None:
        for reading in readings:
            _from_parse(reading, doc)
    context = context_words(text)
    return [
        _mention(article, sentence, r, context)
        for r in sorted(readings, key=lambda r: r.start)
        if r.unit  # a figure with nothing it counts ("434", "to 30 now" aside) is too ambiguous
    ]


def _figure_root(tokens: list[Token]) -> Token | None:
    """The token of a figure that the rest of the sentence hangs on ("fifty" in "two hundred
    and fifty", "million" in "$5.9 million")."""
    inside = {t.i for t in tokens}
    numbers = [t for t in tokens if t.like_num or t.lower_ in _BIG_WORDS or t.lower_ == "dozen"]
    for token in numbers:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return numbers[-1] if numbers else None


def _from_parse(reading: _Reading, doc: Doc) -> None:
    """Correct what a figure counts from the parse (the noun the figure is a ``nummod`` of,
    through ``quantmod``/``compound`` links: "3,000 Russian soldiers", "two new officers") and
    note the verb it goes with and that verb's subject ("injuring 14 people" -> injur)."""
    tokens = [t for t in doc if t.idx < reading.end and t.idx + len(t) > reading.start]
    root = _figure_root(tokens)
    if root is None:
        return
    while root.dep_ in {"quantmod", "compound", "nmod"} and root.head.like_num and root.head.i != root.i:
        root = root.head
    noun = root.head if root.dep_ == "nummod" and coarse(root.head) in {"NOUN", "PROPN"} else None
    if reading.counted and noun is not None and noun.i > root.i and noun.lower_ != reading.unit.lower():
        between = doc[root.i + 1 : noun.i]
        if all(t.head.i == noun.i and t.dep_ in {"amod", "compound", "nmod"} for t in between):
            phrase = " ".join(t.text for t in [*between, noun])
            reading.unit, reading.what = _named_unit(noun.text, phrase), phrase
            reading.end = max(reading.end, noun.idx + len(noun))
    keys: set[str] = set()
    node = noun if noun is not None else root
    for _ in range(4):  # up to the verb the quantity belongs to
        if node.head.i == node.i:
            break
        node = node.head
        if coarse(node) == "VERB":
            if node.lower_ not in _KEY_SKIP and node.lower_ not in _PAST_REPORTING:
                keys.add(stem(node.lower_))
            subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
            own = {root.i, noun.i if noun is not None else -1}
            for subject in subjects:
                if subject.i not in own and subject.is_alpha and subject.lower_ not in _NOT_NOUNS:
                    keys.add(stem(subject.lower_))
            break
    reading.keys = frozenset(keys)


def _qualifier(before: str) -> str:
    found = _APPROXIMATE.search(before)
    return found["qualifier"].lower() if found else ""


def _heights(text: str) -> list[_Reading]:
    readings = []
    for match in _HEIGHT.finditer(text):
        tail = re.match(r"^(?:-inch| inches)?", text[match.end() :])
        end = match.end() + (tail.end() if tail else 0)
        inches = int(match["feet"]) * 12 + int(match["inches"])
        readings.append(
            _Reading(match.start(), end, float(inches), "inches", "height", _qualifier(text[: match.start()]),
                     measures="height")
        )  # fmt: skip
    return readings


def _spelled_durations(text: str) -> list[_Reading]:
    """ "a year and a half", "over a year", "an hour late": durations written without a figure."""
    readings = []
    for match in _SPELLED_DURATION.finditer(text):
        half = bool(match["half"])
        qualifier = _qualifier(text[: match.start()]) or ("about" if match["late"] else "")
        if not (half or qualifier):
            continue  # "a day" after a figure is a rate, "a year" alone is rarely a quantity
        value = 1.5 if half else 1.0
        unit = match["unit"] + "s"
        readings.append(_Reading(match.start(), match.end(), value, unit, unit, qualifier, 2))
    return readings


def _ratios(text: str) -> list[_Reading]:
    """ "one in five stores", "1 in 4 adults": a share (as a percentage), not a count of five."""
    readings = []
    for match in _RATIO.finditer(text):
        part, whole = (_number_value(match[k]) for k in ("part", "whole"))
        if part is None or not whole or part >= whole:
            continue
        noun, phrase, consumed = _counted_noun(text[match.end() :])
        end = match.end() + (consumed if noun else 0)
        share = round(100 * part / whole, 2)
        readings.append(
            _Reading(match.start(), end, share, "%", phrase, _qualifier(text[: match.start()]), 2, noun)
        )
    return readings


def _number_value(number: str) -> float | None:
    """A figure written in digits or words ("250", "two hundred and fifty", "a dozen")."""
    if number[0].isdigit():
        return float(number.replace(",", ""))
    lower = re.sub(r"\s+", " ", number.lower())
    if lower.endswith("dozen"):
        head = lower[: -len("dozen")].strip()
        factor = {"": 1.0, "a": 1.0, "half a": 0.5}.get(head)
        if factor is None:
            factor = _number_value(head)
        return None if factor is None else factor * 12
    if lower.startswith("a "):
        lower = "one " + lower[2:]
    try:
        return float(text2num(lower, "en"))
    except ValueError:
        return parse_word_number(lower)


def _read_figure(match: re.Match[str], text: str, previous_unit: str) -> _Reading | None:
    number, currency = match["number"], match["currency"]
    start, end = match.start(), match.end()
    before, after = text[: match.start()], text[end:]
    is_word = number[0].isalpha()
    scale = (match["scale"] or "").strip().lower()
    abbreviation = (match["abbr"] or "").strip().lower()
    if scale == "m" and not currency:
        scale, abbreviation = "", "m"  # "400m away": metres; "$400m": a million
    if not currency and not is_word and _not_a_quantity(number, before, after, scale):
        return None
    if is_word and re.match(r"^-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b", after):
        return None  # "thirty-second birthday": an ordinal
    value = _number_value(number)
    if value is None:
        return None
    digits = number.replace(",", "")
    significant = _significant_digits(number) if not is_word else len(str(int(value)).rstrip("0")) or 1
    precision = 0.0
    if scale:
        value *= _SCALES[scale]
        # "$5.9 million" is rounded to the tenth of a million it writes.
        decimals = len(digits.split(".")[1]) if "." in digits and not is_word else 0
        precision = 0.5 * _SCALES[scale] / 10**decimals
    elif "." in digits and not is_word:
        precision = 0.5 / 10 ** len(digits.split(".")[1])  # "1.2 tons": 1.15 to 1.25
    reading = _Reading(
        start=start,
        end=end,
        value=round(value, 6),
        unit="",
        what="",
        qualifier=_qualifier(before),
        significant=significant,
        precision=precision,
    )
    code = match["code"]
    if currency or code:
        reading.unit = (
            _CURRENCIES[currency.lower()] if currency else _CURRENCY_CODES.get(code.upper(), code.upper())
        )
        reading.what = _following_noun(after)
    elif match["percent"]:
        reading.unit = "%"
        thing = re.match(r"^\s(?:of\s)(?:the\s)?([a-z]+(?:\s[a-z]+)?)", after)
        reading.what = thing.group(1) if thing else ""
    elif abbreviation:
        reading.unit = reading.what = _UNIT_NAMES.get(abbreviation, abbreviation)
    elif not is_word and _AGE_APPOSITION.match(text[match.start("number") - 2 :]):
        reading.unit, reading.what, reading.measures = "years", "age", "age"  # "Randy Taylor, 48,"
    else:
        _count_unit(reading, text, previous_unit, before)
    if not reading.unit:
        return None
    if unit_key(reading.unit) in _DATE_UNITS and _OFFSET_AFTER.match(text[reading.end :]):
        return None  # "two days after", "a week ago": a date offset, left to the timeline
    if is_word and value == 1 and unit_key(reading.unit) not in _TIME_UNITS:
        return None  # "one of", "no one", "one misstep": not a count
    if reading.unit == "cents":
        reading.value, reading.unit = round(reading.value / 100, 6), "USD"
        reading.counted = False
    rate = _RATE.match(text[reading.end :])
    if rate:
        reading.counted = False
        reading.unit = f"{reading.unit} per {rate['per']}"
        reading.end += rate.end()
    return reading


def _named_unit(noun: str, phrase: str) -> str:
    """The normal name of a unit of measure or currency ("tons" -> "tonnes", "Bahraini dinars" ->
    "BHD"); any other counted noun as written."""
    lower = noun.lower()
    return _CURRENCY_PHRASES.get(phrase.lower()) or _CURRENCY_WORDS.get(lower) or _UNIT_NAMES.get(lower, noun)


def _count_unit(reading: _Reading, text: str, previous_unit: str, before: str) -> None:
    """Fill in what a bare figure counts: the noun after it, or the one a neighbour counts."""
    after = text[reading.end :]
    hyphen = re.match(r"^-(?P<unit>[a-z]+)(?P<old>-old)?", after)
    if hyphen:
        if hyphen["old"]:
            reading.end += hyphen.end()
            reading.unit, reading.what, reading.measures = "years", "age", "age"
            return
        if hyphen["unit"] not in _MEASURE_WORDS and hyphen["unit"] + "s" not in _MEASURE_WORDS:
            return  # "a two-state solution", "10-and-younger": an adjective, not a quantity
        reading.end += hyphen.end()
        unit = hyphen["unit"] if hyphen["unit"] in _UNIT_NAMES else hyphen["unit"] + "s"
        reading.unit = _UNIT_NAMES.get(unit, unit)  # "a four-hour meeting" counts hours
        noun, phrase, consumed = _counted_noun(text[reading.end :], gerund=True)
        reading.what = phrase or reading.unit
        reading.measures = noun
        reading.end += consumed if noun else 0
        return
    noun, phrase, consumed = _counted_noun(after)
    if noun:
        reading.unit, reading.what = _named_unit(noun, phrase), phrase
        reading.end += consumed
        reading.counted = reading.unit == noun  # not a unit of measure or currency renamed
        if unit_key(noun) in _TIME_UNITS:
            reading.measures = _measured_thing(text[reading.end :])
            reading.what = f"{phrase} of {reading.measures}" if reading.measures else phrase
            window = _WINDOW.search(before)
            if window and not reading.measures:
                # "the third Model S fire in six weeks", "the third such incident in five weeks":
                # the time the third one took, whatever each outlet calls it.
                reading.measures = f"{window['ordinal'].lower()} within"
                reading.what = f"the {window['ordinal'].lower()} {window['thing']} in {phrase}"
    elif re.match(r"^\s(?:of them|of whom|of which)\b", after):
        # "Twelve people were injured, three of them seriously": the noun counted just before.
        reading.unit = reading.what = previous_unit
    elif previous_unit and re.search(r"\bto\s$", before):
        # "from 16 members at the end of the Cold War to 30 now": the same noun.
        reading.unit = reading.what = previous_unit


def _following_noun(after: str) -> str:
    thing = re.match(r"^\s(?:in\s)?([a-z]+(?:\s[a-z]+)?)", after)
    if thing and thing.group(1).split()[0] not in _NOT_NOUNS:
        return thing.group(1)
    return ""


def _not_a_quantity(number: str, before: str, after: str, scale: str | None) -> bool:
    plain = number.replace(",", "")
    if _CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before) or _ORDINAL_AFTER.match(after):
        return True
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True
    if plain == "911" or re.match(r"^[-)]\s?\d", after) or re.search(r"\d[-(]\s?$", before):
        return True  # the emergency number, phone numbers, ranges of codes
    # Years belong to the timeline ("in 2014", "the 2011 protests").
    if (
        not scale
        and "," not in number
        and "." not in number
        and len(plain) == 4
        and 1800 <= int(plain) <= 2100
    ):
        return True
    identifier = _IDENTIFIER_BEFORE.search(before)
    if identifier is None or before.endswith(", "):
        return False
    # "Pier 4", "Nord Stream 2" are names; "Its 23 crew", "The 30 members" are not.
    return identifier.group(0).strip().lower() not in ENGLISH_STOP_WORDS


def _mention(
    article: Article, sentence: Sentence, reading: _Reading, context: frozenset[str]
) -> NumberMention:
    text = sentence.text[reading.start : reading.end].strip()
    # The figure's own words would make every "N minutes" look alike.
    context = context - context_words(text) - context_words(reading.what)
    nouns = frozenset(unit_key(w) for w in reading.what.split() if w.islower() and w not in _MODIFIERS)
    offset = sentence.start + reading.start
    return NumberMention(
        article=article.id,
        sentence=sentence.index,
        start=offset,
        end=offset + len(text),
        text=text,
        value=reading.value,
        unit=reading.unit,
        what=_describe(sentence.text, reading),
        qualifier=reading.qualifier,
        precision=reading.precision,
        keys=_keys(sentence.text, reading),
        parse_keys=reading.keys,
        significant=max(reading.significant, 1),
        measures=reading.measures if " " in reading.measures else stem(reading.measures),
        nouns=nouns,
        context=context,
    )


def _describe(sentence: str, reading: _Reading) -> str:
    """What a figure counts, in the report's words without the figure: the word that governs it,
    the counted phrase, and the rest of its clause ("massing troops near the border with
    Ukraine", "people were injured")."""
    before = _APPROXIMATE.sub("", sentence[: reading.start]).rstrip()
    governing = re.search(r"([a-z][\w'’-]*)$", before)
    prefix = governing.group(1) if governing else ""
    if prefix in ENGLISH_STOP_WORDS or prefix in _PAST_REPORTING:
        prefix = ""
    if _money_or_share(reading.unit) and not reading.what:
        # "$27,000" says nothing of what is paid or worth: the words before it in its clause do
        # ("they add up in face value to $27,000" -> "add up in face value to").
        clause = re.split(r"[,;:()“”\"—–]", before)[-1].split()
        while clause and clause[0].lower() in _FUNCTION_WORDS | _CLAUSE_JOINERS:
            clause = clause[1:]
        prefix = " ".join(clause[-6:])
    rest = sentence[reading.end :]
    for said in (reading.measures, reading.what):
        if said and rest.startswith(f" of {said}"):
            rest = rest[len(f" of {said}") :]  # "hours of talks", "30% of its stores" already say it
        elif said and rest.startswith(f" {said}"):
            rest = rest[len(f" {said}") :]  # "an $80 million project set in ..."
    tail: list[str] = []
    for word in re.split(r"[,;:.()“”\"—–]", rest)[0].split()[:5]:
        if word.lower() in _CLAUSE_JOINERS:
            break
        tail.append(word)
    return " ".join(w for w in (prefix, reading.what, *tail) if w)


# Between a figure and the words that say what happens to it: auxiliaries, articles, particles.
_KEY_SKIP = frozenset(
    ["was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "of", "the", "a", "an",
     "its", "their", "his", "her", "by", "to", "from", "for", "at", "in", "on", "with", "than", "and",
     "some", "all", "them", "who", "which", "that", "reportedly", "also", "still", "already",
     # Time words say when, not what: "grew 12% last year" and "rose to 7% this year" are unrelated.
     "year", "years", "month", "months", "week", "weeks", "day", "days", "last", "this", "next",
     "today", "yesterday", "tonight", "morning", "afternoon", "evening", "night", "monday", "tuesday",
     "wednesday", "thursday", "friday", "saturday", "sunday", "earlier", "later"]
)  # fmt: skip
# sklearn's stop list without the content words it holds ("fire", "found", "bill", ...), which
# may be just what happens to a quantity.
_FUNCTION_WORDS = ENGLISH_STOP_WORDS - {
    "fire", "found", "bill", "call", "move", "show", "find", "fill", "interest", "system", "describe",
    "detail", "cry", "amount", "part", "side", "top", "bottom", "back", "front", "full", "empty",
}  # fmt: skip


def _money_or_share(unit: str) -> bool:
    return unit == "%" or unit.split(" per ")[0] in _MONEY


def _keys(sentence: str, reading: _Reading) -> frozenset[str]:
    """Stems of the predicate around a figure: the nearest content word before it and the first
    two after its counted phrase, each within a few words ("injuring 14 people" -> injur; "12
    people were treated for injuries" -> treat, injur; "30% of its stores" -> store)."""
    before = _APPROXIMATE.sub("", sentence[: reading.start])
    keys: set[str] = set()
    for word in reversed(OPENING_CAPITAL_WORD.findall(re.split(r"[,;:()“”\"—–]", before)[-1])[-3:]):
        lower = word.lower()
        if lower in _KEY_SKIP or lower in _FUNCTION_WORDS or lower in _PAST_REPORTING:
            continue
        if word[0].islower():
            keys.add(stem(lower))
        break
    after = re.split(r"[,;:.()“”\"—–]", sentence[reading.end :])[0]
    taken = 0
    for word in OPENING_CAPITAL_WORD.findall(after)[:5]:
        lower = word.lower()
        if lower in _CLAUSE_JOINERS or taken == 2:
            break
        if lower in _KEY_SKIP or lower in _FUNCTION_WORDS or not word[0].islower():
            continue
        keys.add(stem(lower))
        taken += 1
    if not _money_or_share(reading.unit):
        # A counted noun is matched as the unit; for money and percentages ("$30,000 in face
        # value", "30% of its stores") the words after the figure say what it is.
        keys -= {stem(w) for w in reading.what.split()}
    else:
        keys |= {stem(w) for w in reading.what.split() if w.lower() not in _FUNCTION_WORDS}
    if reading.measures and reading.measures != "age":  # every age would share "age"
        keys.add(stem(reading.measures))
    if reading.measures == "age":
        # Whose age: "John Miller, 46,", "Sid Ahmed Ghlam, a 24-year-old ..." or "15-year-old
        # Emily" (the name's last word; not "a 24-year-old Algerian national").
        name = re.search(r"([A-Z][\w'’-]+),\s(?:(?:a|an|the)\s)?$", sentence[: reading.start]) or re.match(
            r"^\s([A-Z][\w'’-]+)(?![\w'’-]|\s[a-z])", sentence[reading.end :]
        )
        if name:
            keys.add(f"who:{stem(name.group(1))}")
        else:  # "a 24-year-old computer science student", "the suspect, 46,"
            noun, _, _ = _counted_noun(sentence[reading.end :])
            described = re.search(r"([a-z][\w'’-]+),\s*$", sentence[: reading.start])
            if noun or described:
                keys.add(f"whom:{unit_key(noun or described.group(1))}")
    return frozenset(keys)


# ---------------------------------------------------------------------------------------------
# Grouping across outlets

# How far a qualified figure may be from the true value: "almost 6 million" is at most 5% below
# 6 million, "more than 200" at most 30% above 200, "about 50,000" within half a unit of its last
# significant digit (45,000 to 55,000) and at least 5%. These are judgements, checked on the tune
# half of the gold: "over a year" and "almost a year and a half" served in prison disagree there,
# and so do "nearly $30,000" and "$27,000" (row 105); "more than 200" agrees with 231.
BELOW_SLACK = 0.05
ABOVE_SLACK = 0.3
AROUND_SLACK = 0.05
SAME_THING = 0.25  # context overlap above which two figures with one unit speak of the same thing
# Durations are common ("a year", "two weeks"): two of them are one quantity only with closer
# contexts (row 127: "served over a year in prison" / "spent almost a year and a half in prison"
# share 0.67 of their words; the three-year sentence reduced on appeal shares 0.30 with the latter).
SAME_DURATION = 0.5
SAME_PARSED = 0.5
SMALL = 10  # below this one article may give the same figure for different things
ClaimIndex = dict[tuple[str, int], str]  # (article, sentence index) -> claim id


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller context found in the other (short contexts are judged on the larger)."""
    if not a or not b:
        return 0.0
    smaller = min(len(a), len(b))
    return len(a & b) / (smaller if smaller >= 3 else max(len(a), len(b)))


def same_unit(a: NumberMention, b: NumberMention) -> bool:
    if not a.unit_key or not b.unit_key:
        return False
    if a.is_duration or b.is_duration or a.measures or b.measures:
        # Durations and measures are told apart by what they measure, when both say it
        # ("four hours of talks", "four-hour talks"); an age is never a prison term.
        if a.unit_key != b.unit_key or ("age" in (a.measures, b.measures) and a.measures != b.measures):
            return False
        return not (a.measures and b.measures) or a.measures == b.measures
    if a.unit_key == b.unit_key:
        return True
    # "23 crew members" and "23 crew": one names the other's counted noun.
    return a.unit_key in b.nouns | {b.unit_key} or b.unit_key in a.nouns | {a.unit_key}


def same_thing(a: NumberMention, b: NumberMention, claim_of: ClaimIndex) -> bool:
    """Whether two figures with the same unit are about the same thing."""
    if not same_unit(a, b):
        return False
    ca, cb = claim_of.get((a.article, a.sentence)), claim_of.get((b.article, b.sentence))
    if ca is not None and ca == cb:
        return True
    return _overlap(a.context, b.context) >= SAME_THING


def _plain_count_or_named(a: NumberMention, b: NumberMention) -> bool:
    """Counts of one noun agree across outlets by default; two durations only when both say
    what they measure ("four hours of talks", "four-hour talks"): "a year" is too common."""
    if not (a.is_duration or b.is_duration):
        return True
    return bool(a.measures) and a.measures == b.measures


def rounding_of(a: NumberMention, b: NumberMention) -> bool:
    """One figure is the other rounded to fewer digits ("nearly $8,000" for "$7,953.34")."""
    precise, rough = (a, b) if a.significant >= b.significant else (b, a)
    if precise.significant < 3 or rough.significant > 2 or not rough.value:
        return False
    magnitude = 10 ** (math.floor(math.log10(abs(rough.value))) - rough.significant + 1)
    return round(precise.value / magnitude) * magnitude == rough.value


def group_numbers(mentions: Sequence[NumberMention], claim_of: ClaimIndex | None = None) -> list[NumberFact]:
    """One fact per (value, thing), carried by every article that gives it; conflicts marked."""
    claim_of = claim_of or {}
    links: list[tuple[float, int, int]] = []
    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            b = mentions[j]
            if a.value != b.value or not same_unit(a, b) or _different_people(a, b):
                continue
            if a.article == b.article and a.qualifier != b.qualifier:
                # One report giving "$30,000" (stolen in 1899) and "nearly $30,000" (found now)
                # states two amounts (row 105).
                continue
            if same_thing(a, b, claim_of):
                links.append((1.0 + _overlap(a.context, b.context), i, j))
            elif a.value >= SMALL or (a.article != b.article and _plain_count_or_named(a, b)):
                # Two outlets giving one figure for one unit mean the same thing, and so does one
                # outlet repeating a figure that is not small; a merge that would put two unrelated
                # small figures of one article together is refused below.
                links.append((_overlap(a.context, b.context), i, j))

    # Best links first; a merge may not put two unrelated figures of one article together
    # (row 94: "two new officers" sworn in, "two officers" wounded).
    groups = {i: [i] for i in range(len(mentions))}
    owner = list(range(len(mentions)))
    for _, i, j in sorted(links, reverse=True):
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        if any(
            mentions[x].article == mentions[y].article
            and mentions[x].value < SMALL
            and not same_thing(mentions[x], mentions[y], claim_of)
            for x in groups[gi]
            for y in groups[gj]
        ):
            continue
        groups[gi].extend(groups.pop(gj))
        for x in groups[gi]:
            owner[x] = gi

    ordered = sorted(
        ([mentions[i] for i in sorted(g, key=lambda k: (mentions[k].article, mentions[k].start))]
         for g in groups.values()),
        key=lambda g: (g[0].article, g[0].start),
    )  # fmt: skip
    facts = [_fact(g) for g in ordered]
    _mark_conflicts(facts, ordered, claim_of)
    return facts


def _fact(group: list[NumberMention]) -> NumberFact:
    first = group[0]
    what = max((m.what for m in group), key=len)
    reports = [Mention(m.article, m.start, m.end, m.text) for m in group]
    unit = first.unit if first.unit in _CURRENCIES.values() or first.unit == "%" else first.unit.lower()
    return NumberFact(value=first.value, unit=unit, what=what, reports=reports)


def _whose(mention: NumberMention, prefix: str = "who:") -> frozenset[str]:
    """Whose age a figure is: a name ("who:"), else a description ("whom:", "student")."""
    return frozenset(k for k in mention.keys if k.startswith(prefix))


def _different_people(a: NumberMention, b: NumberMention) -> bool:
    """Two ages of people who are not the same: named differently ("Miller, 45," / "Price,
    45,"), or, neither named, described differently ("a 24-year-old computer science student" /
    "a 32-year-old Frenchwoman", row 110)."""
    if _whose(a) and _whose(b):
        return not _whose(a) & _whose(b)
    if _whose(a) or _whose(b):
        return False
    described_a, described_b = _whose(a, "whom:"), _whose(b, "whom:")
    return bool(described_a) and bool(described_b) and not described_a & described_b


def same_quantity(a: NumberMention, b: NumberMention, claim_of: ClaimIndex) -> bool:
    """Two figures give the same quantity of the same thing: one unit, and either one claim or
    close contexts with a shared predicate word ("injuring 14 people" / "injuring 12 people").
    Close contexts alone are not enough: a share drop and a share of stores are both "%"."""
    if not same_unit(a, b):
        return False
    ca, cb = claim_of.get((a.article, a.sentence)), claim_of.get((b.article, b.sentence))
    if ca is not None and ca == cb:
        return True
    if _different_people(a, b):
        return False
    if _whose(a) and _whose(b):
        return True  # an age is the named person's, wherever it is given
    if a.measures.endswith(" within") and a.measures == b.measures:
        return True  # the time the n-th occurrence took ("the third fire in six weeks")
    needed = SAME_DURATION if a.is_duration else SAME_THING
    if a.keys & b.keys:
        return _overlap(a.context, b.context) >= needed
    # The same verb and subject from the parse ("Shares ... fell 4%" / "shares dropped 7%") say
    # less than a shared word next to the figure: "Dunn was found guilty on three charges of
    # attempted murder" / "found Dunn guilty on four of five charges for shooting at Davis'
    # friends" (row 121, 0.40 of their words shared) are two counts.
    return bool(a.parse_keys & b.parse_keys) and _overlap(a.context, b.context) >= max(needed, SAME_PARSED)


def reconcilable(a: NumberMention, b: NumberMention) -> bool:
    """The wording lets both figures be one value: a rounding ("nearly $8,000" for "$7,953.34"),
    or ranges that meet ("almost $6 million" and "$5.9 million", "more than 200" and "231")."""
    if rounding_of(a, b):
        return True
    (low_a, high_a), (low_b, high_b) = a.bounds(), b.bounds()
    margin = 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    return low_a <= high_b + margin and low_b <= high_a + margin


def _mark_conflicts(facts: list[NumberFact], groups: list[list[NumberMention]], claim_of: ClaimIndex) -> None:
    related = 0
    for i, a in enumerate(groups):
        for j in range(i + 1, len(groups)):
            b = groups[j]
            va, vb = facts[i].value, facts[j].value
            if va == vb or a[0].unit_key != b[0].unit_key:
                continue
            if not any(x.article != y.article and same_quantity(x, y, claim_of) for x in a for y in b):
                continue
            # An outlet giving both figures for one thing ("Twelve people were injured, three of
            # them seriously") is describing two quantities, not disagreeing with itself.
            # For durations only when the outlet ties both to the same thing: one report may give
            # a one-year sentence and, elsewhere, over a year already served.
            if any(
                x.article == y.article and (not x.is_duration or same_thing(x, y, claim_of))
                for x in a
                for y in b
            ):
                continue
            group = facts[i].group or facts[j].group
            if group is None:
                related += 1
                group = f"q{related}"
            facts[i].group = facts[j].group = group
            if not any(reconcilable(x, y) for x in a for y in b):
                facts[i].conflict = facts[j].conflict = True


def extract_numbers(
    articles: Sequence[Article], claim_of: ClaimIndex | None = None, parse: bool = True
) -> list[NumberFact]:
    """Every quantity the articles report, grouped across outlets (see module docstring);
    ``parse=False`` reads them by the rules alone even when spaCy is installed."""
    parses = parse_figure_sentences(articles) if parse else {}
    mentions = [m for article in articles for m in find_numbers(article, parses)]
    return group_numbers(mentions, claim_of)
