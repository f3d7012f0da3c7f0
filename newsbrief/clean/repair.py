"""Mend the damage scrapers do at paragraph edges, returning what was cut so nothing is lost."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.text.calendar_names import MONTH

# Debris from a caption or link the scraper cut in half: ") The Nato allies ..."
_LEADING_DEBRIS = re.compile(r"^[)\]}|>»›,;:]+\s*(?=\S)")
# An agency credit fused to the last sentence: "... Nato members.EFE"
_GLUED_TAG = re.compile(r"(?<=[a-z0-9%][.!?])([\"”’]?)([A-Z]{2,6})$")

_MONTH = MONTH + r"\.?"
# "MONTPELIER, Vt.", "OSAN AIR BASE, South Korea", "FT LAUDERDALE", "Brussels" (mixed case only
# before an agency tag, where the tag vouches for it being a dateline).
_CAPS_PLACE = r"[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,4}"
_ANY_PLACE = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w'’.]+(?: [A-Z][\w'’.]+){0,2})?"
_DATE = rf"(?:,\s*(?P<date>{_MONTH} \d{{1,2}}(?:,? \d{{4}})?))?"
_DASH = r"(?:\s*\.?-{1,2}\s*|\s*[–—]+\s*|\.-\s*)"
# "DENVER (AP) — ", "Brussels, Jan 12 (EFE).- ", "SAN FRANCISCO--(BUSINESS WIRE)--",
# "Washington (CNN) Sarah ...", "(CNN) -- As ..."
_AGENCY_DATELINE = re.compile(
    rf"^(?:(?P<place>(?:{_CAPS_PLACE}|{_ANY_PLACE}){_REGION}){_DATE}(?:\s*-{{1,2}}\s*|\s+))?"
    r"\((?P<agency>[A-Z][\w.&-]*(?: [\w.&-]+){0,3})\)"
    rf"(?:{_DASH}|\s+(?=[A-Z“\"‘']))"
)
# "WASHINGTON — ", "IRVINE, Calif. — ", "HIROSHIMA--", "BRUSSELS The differences ..."
_CAPS_DATELINE = re.compile(
    rf"^(?P<place>{_CAPS_PLACE}{_REGION}){_DATE}"
    # Without a dash, only before words that open sentences, so "NATO Secretary-General" stays.
    r"(?:\s*(?:-{1,2}|[–—]+)\s*|\s+(?=(?:The|A|An|In|On|At|After|As|When|While|Police|Officials)\b))"
)
_MAX_PLACE_CHARS = 45
# "US - China talks" is a headline, not a dateline from "US".
_MIN_CAPS_PLACE_CHARS = 3


@dataclass(slots=True)
class Dateline:
    place: str | None
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


def _clean_place(place: str | None) -> str | None:
    if not place:
        return None
    place = place.strip(" ,-–—")
    return place if 0 < len(place) <= _MAX_PLACE_CHARS else None


def split_dateline(paragraph: str) -> tuple[str, Dateline | None]:
    """Separate an opening dateline from the first body paragraph.

    Returns the paragraph without it and the parsed dateline; a paragraph that is nothing
    but a dateline ("MOUNT DORA, Fla. -") comes back empty.
    """
    match = _AGENCY_DATELINE.match(paragraph)
    if match:
        place = _clean_place(match.group("place"))
        if match.group("place") and place is None:
            return paragraph, None
        dateline = Dateline(
            place=place,
            date=match.group("date"),
            agency=match.group("agency").strip(),
            text=match.group(0).strip(),
        )
        return paragraph[match.end() :], dateline
    match = _CAPS_DATELINE.match(paragraph)
    if match:
        place = _clean_place(match.group("place"))
        rest = paragraph[match.end() :]
        # Body text must follow, or the whole line is the dateline; a lone capitalised
        # word ("UPDATE -") is a label, not a place.
        if (
            place is None
            or len(place) < _MIN_CAPS_PLACE_CHARS
            or (rest and not rest[:1].isupper() and rest[:1] not in "“\"‘'")
        ):
            return paragraph, None
        date = match.group("date")
        return rest, Dateline(place=place, date=date, agency=None, text=match.group(0).strip())
    return paragraph, None


def is_standalone_dateline(line: str) -> bool:
    rest, dateline = split_dateline(line)
    return dateline is not None and dateline.place is not None and not rest.strip()
