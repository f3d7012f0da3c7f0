"""The calendar lexicon: month and weekday names as the stages read them in dates.

Patterns are regular-expression sources (to embed in larger patterns), capitalised as written
in English; compile with ``re.IGNORECASE`` to accept any case.
"""

from __future__ import annotations

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Month number by the first three letters of its name ("sept", "September" → "sep" → 9).
MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}

# A month name or abbreviation, without a point: "Jan", "January", "Sept", "Sep", "June".
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# The same, where an abbreviation includes its point: "Jan.", "Sept.", "January" (not "January.").
MONTH_DOTTED = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
FULL_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + ")"


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Jan", "Sept.", "december")."""
    return MONTH_NUMBERS[name.lower()[:3]]
