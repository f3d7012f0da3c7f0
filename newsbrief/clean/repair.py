"""Mend the damage scrapers do at paragraph edges, returning what was cut so nothing is lost."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Debris from a caption or link the scraper cut in half: ") The Nato allies ..."
_LEADING_DEBRIS = re.compile(r"^[)\]}|>»›,;:]+\s*(?=\S)")
# An agency credit fused to the last sentence: "... Nato members.EFE"
_GLUED_TAG = re.compile(r"(?<=[a-z0-9%][.!?])([\"”’]?)([A-Z]{2,6})$")
# "Brussels, Jan 12 (EFE).- ", "WASHINGTON (Reuters) - ", "PARIS, March 3 (AP) — "
_AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’ .-]{1,40}?)(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*[.:]?\s*[-–—]+\s*"
)
# "BRUSSELS The differences ...", "LONDON — The ...", "KYIV, Ukraine — ..."
_CAPS_DATELINE = re.compile(
    r"^(?P<place>[A-Z]{3,}(?:[ -][A-Z]{2,})*(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)?)"
    # Without a dash, only before words that open sentences, so "NATO Secretary-General" stays.
    r"(?:\s*[-–—:]+\s*|\s+(?=(?:The|A|An|In|On|At|After|As|When|While|Police|Officials)\b))"
)


@dataclass(slots=True)
class Dateline:
    place: str
    date: str | None
    agency: str | None
    text: str


def strip_leading_debris(line: str) -> tuple[str, str]:
    match = _LEADING_DEBRIS.match(line)
    if not match:
        return line, ""
    return line[match.end() :], match.group(0).strip()


def split_glued_tag(line: str) -> tuple[str, str | None]:
    match = _GLUED_TAG.search(line)
    if not match:
        return line, None
    return line[: match.start()] + match.group(1), match.group(2)


def split_dateline(paragraph: str) -> tuple[str, Dateline | None]:
    """Separate an opening dateline from the first body paragraph."""
    match = _AGENCY_DATELINE.match(paragraph)
    if match:
        dateline = Dateline(
            place=match.group("place").strip(),
            date=match.group("date"),
            agency=match.group("agency").strip(),
            text=match.group(0).strip(),
        )
        return paragraph[match.end() :], dateline
    match = _CAPS_DATELINE.match(paragraph)
    if match:
        place = match.group("place").strip()
        return paragraph[match.end() :], Dateline(place=place, date=None, agency=None, text=place)
    return paragraph, None
