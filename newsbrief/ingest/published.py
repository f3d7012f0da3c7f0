"""A publication date given with an input (a JSONL ``published`` field) is checked before use.

The store sorts events and filters ``--since`` by these strings, so an unchecked value decides
where an event appears: ``"zzzz"`` sorted after every real date and passed every ``--since``.
A value that is not a real date is dropped (the page's own date, if any, is used instead), never
stored as given.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

# News is not published before this, nor (allowing for time zones and clock skew) in the future.
EARLIEST = date(1800, 1, 1)
FUTURE_SLACK = timedelta(days=2)


def checked_published(value: str | None) -> str | None:
    """``value`` when it is a real, plausible ISO 8601 date or date-time (as given, trimmed); an
    RFC 2822 date (feeds) converted to ISO 8601; else None."""
    if not value:
        return None
    text = value.strip()
    if len(text) > 64:
        return None
    parsed, iso = _parse(text)
    if parsed is None:
        return None
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if day < EARLIEST or day > (datetime.now(UTC) + FUTURE_SLACK).date():
        return None
    return text if iso else parsed.isoformat()


def _parse(text: str) -> tuple[date | datetime | None, bool]:
    """The parsed value and whether ``text`` was ISO 8601."""
    try:
        return (date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)), True
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text), False
    except (TypeError, ValueError, IndexError):
        return None, False
