"""Outlet and publication date from the cues scraped pages leave behind.

A date is only reported when the page states a full day, month and year:
an absent date is null, never a guess.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlparse

import dateparser

_DATE_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
}
_METADATA_PREFIX = re.compile(
    r"^(?:updated|published|posted|last updated|first published|modified)\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_TRUST_CUE = re.compile(r"^why you can trust (?P<outlet>[\w .&'-]{2,40})$", re.IGNORECASE)
# A bare masthead line: "CGTN", "BBC News", "Reuters".
_MASTHEAD = re.compile(r"^[A-Z][A-Za-z&]{1,5}(?: News)?$")
_NOT_MASTHEADS = frozenset(
    {
        "Home",
        "Menu",
        "News",
        "Politics",
        "World",
        "Business",
        "Sports",
        "Share",
        "Email",
        "Print",
        "Tweet",
        "Close",
        "Search",
        "Video",
        "Live",
        "Opinion",
    }
)


def parse_date(text: str) -> str | None:
    """ISO 8601 for a line that is a full date (optionally with time), else None."""
    candidate = _METADATA_PREFIX.sub("", text).strip()
    if not candidate or len(candidate) > 60 or not re.search(r"\d{4}", candidate):
        return None
    # dateparser reads "22:56, 12-Jan-2022" better without the leading clock time.
    clock = re.match(r"^(\d{1,2}:\d{2})\s*,?\s*(.+)$", candidate)
    if clock:
        candidate = f"{clock.group(2)} {clock.group(1)}"
    parsed = dateparser.parse(candidate, settings=_DATE_SETTINGS, languages=["en"])
    if parsed is None:
        return None
    return _iso(parsed)


def _iso(moment: datetime) -> str:
    if moment.hour == moment.minute == moment.second == 0:
        return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat()


def outlet_from_line(line: str) -> str | None:
    """An outlet named by a trust badge or a bare masthead line."""
    match = _TRUST_CUE.match(line.strip())
    if match:
        return match.group("outlet").strip()
    stripped = line.strip()
    if _MASTHEAD.match(stripped) and stripped not in _NOT_MASTHEADS:
        return stripped
    return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "edition", "news")]
    return parts[0] if parts else None
