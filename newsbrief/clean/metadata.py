"""Publication date and byline from the lines a page prints around its story.

A date is only reported when the page states a full day, month and year: an absent
date is null, never a guess. Dates inside the story ("on Jan. 5, 2018 Trump tweeted")
are events, not the publication date, so only non-body lines are read, plus a dateline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import dateparser

from newsbrief.text.calendar_names import MONTH

_MONTH = MONTH  # compiled with re.IGNORECASE
_ORDINAL = r"(?:st|nd|rd|th)?"
_CLOCK = (
    r"(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?\s?m\.?)"
    r"(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|HKT|SGT|JST|IST|AEST|AEDT)\b"
    r"|\s*[+-]\d{2}:?\d{2})?"
)
# The date itself: ISO, "12-Jan-2022", "20th October 2011", "January 12, 2022", "Jan. 24. 2018",
# or an unambiguous numeric date (handled in _parse).
_DATE_CORE = (
    r"(?P<core>\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    rf"|\d{{1,2}}{_ORDINAL}[ -](?:of )?{_MONTH}\.?,?[ -]\d{{4}}"
    rf"|{_MONTH}\.? \d{{1,2}}{_ORDINAL}[.,]? \d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})"
)
_FULL_DATE = re.compile(
    rf"(?:(?P<pre>{_CLOCK})\s*,?\s*(?:on\s+)?)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    + _DATE_CORE
    + rf"(?:\s*(?:,|at|-|–|\|)?\s*(?P<post>{_CLOCK}))?",
    re.IGNORECASE,
)
# A month and day without a year, as in datelines: "Jan 12", "May 18".
_MONTH_DAY = re.compile(rf"^{_MONTH}\.? (\d{{1,2}})$", re.IGNORECASE)

_PUBLISHED = re.compile(r"\b(?:published|posted|first published|first posted|created)\b", re.I)
_UPDATED = re.compile(r"\b(?:updated?|modified|last updated)\b", re.IGNORECASE)
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
_MAX_DATE_LINE_WORDS = 30

_BYLINE_PREFIX = re.compile(r"^(?:/\s*)?(?:updated\s+)?(?:by|written by|words by|text by)\s+", re.I)
# What follows the names: "/ Published March 24, 2017", "| Reuters", "Updated ...".
_BYLINE_TAIL = re.compile(r"\s*(?:[/|•]\s*|\b(?:published|updated|posted)\b).*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str
    month: int
    day: int
    has_time: bool


def _iso(moment: datetime, has_time: bool) -> str:
    if not has_time:
        return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat()


def _parse(match: re.Match[str]) -> FoundDate | None:
    core = match.group("core")
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", core)
    order = "DMY"
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        # 03/04/2021 could be March or April: refuse rather than guess.
        if first <= 12 and second <= 12 and first != second:
            return None
        order = "MDY" if second > 12 else "DMY"
    clock = match.group("pre") or match.group("post")
    # "08.40 GMT" → "08:40 GMT"; the dots of "a.m." stay.
    clock = re.sub(r"^(\d{1,2})\.(\d{2})", r"\1:\2", clock) if clock else ""
    text = f"{core} {clock}".strip()
    # A dotted "Jan. 24. 2018" confuses the parser; the dots carry nothing.
    text = re.sub(r"(?<=[A-Za-z]{3})\.(?= )|(?<=\d)\.(?= \d{4})", "", text)
    settings = dict(_SETTINGS, DATE_ORDER=order)
    parsed = dateparser.parse(text, settings=settings, languages=["en"])  # type: ignore[arg-type]
    if parsed is None:
        return None
    has_time = bool(clock) or "T" in core
    return FoundDate(_iso(parsed, has_time), parsed.month, parsed.day, has_time)


def find_dates(text: str) -> list[FoundDate]:
    """Every full date (with its time when one is attached) stated in ``text``."""
    found = []
    for match in _FULL_DATE.finditer(text):
        date = _parse(match)
        if date is not None:
            found.append(date)
    return found


def parse_date(text: str) -> str | None:
    """ISO 8601 for the first full date in a short line, else None."""
    if len(text.split()) > _MAX_DATE_LINE_WORDS:
        return None
    dates = find_dates(text)
    return dates[0].iso if dates else None


def _rank(line: str) -> int:
    """Lower is better: an explicit publication stamp beats a bare date beats an update stamp."""
    if _PUBLISHED.search(line):
        return 0
    if _UPDATED.search(line):
        return 2
    return 1


def publication_date(stamp_lines: Iterable[str]) -> str | None:
    """The publication date among a page's stamp lines (metadata, byline, header lines)."""
    best: tuple[int, int, str] | None = None
    for order, line in enumerate(stamp_lines):
        if len(line.split()) > _MAX_DATE_LINE_WORDS:
            continue
        # "Published March 2, 2026 at 5:14 a.m. | Updated ...": rank each part on its own.
        for part in re.split(r"\s[|•]\s|\s/\s", line):
            date = parse_date(part)
            if date is not None:
                candidate = (_rank(part), order, date)
                best = candidate if best is None or candidate < best else best
    return best[2] if best else None


def complete_dateline_date(month_day: str | None, lines: Iterable[str]) -> str | None:
    """A dateline gives "Jan 12" without a year; use a full date elsewhere on the page only
    when it names the same month and day."""
    if not month_day:
        return None
    match = _MONTH_DAY.match(month_day.strip())
    if not match:
        return None
    parsed = dateparser.parse(month_day, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    for line in lines:
        for date in find_dates(line):
            if (date.month, date.day) == (parsed.month, parsed.day):
                return date.iso[:10]
    return None


def clean_byline(line: str) -> str | None:
    """The names in a byline line: "By Sarah Fitzmaurice" → "Sarah Fitzmaurice"."""
    names = _BYLINE_TAIL.sub("", _BYLINE_PREFIX.sub("", line.strip())).strip(" ,;:-–—")
    return names or None
