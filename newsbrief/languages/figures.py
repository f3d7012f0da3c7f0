"""Figures written in digits, read in each language's number format, so reports in different
languages can be checked against each other: German and Spanish "100.000" and French "100 000"
are the English "100,000"; "2,5" is 2.5 outside English.

Only digits are read (number words are the numbers module's, English). A separator followed by
exactly three digits groups thousands in every supported language except where English uses it
as a decimal point ("1.500" in an English report is 1.5); any other separator is the decimal
mark.
"""

from __future__ import annotations

import re

# Digits with thousands groups (",", ".", a space or a no-break space) and a decimal part.
_FIGURE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:(?:[.,]|[ \u00a0\u202f])\d{3})+(?:[.,]\d+)?(?![\w])|\d+(?:[.,]\d+)?"
)
_COMMA_THOUSANDS = frozenset({"en", "zh"})  # 100,000 and 1.5


def figures_in(text: str, language: str | None) -> set[float]:
    """The values of the figures written in digits in ``text`` (a sentence in ``language``)."""
    found: set[float] = set()
    english = (language or "en") in _COMMA_THOUSANDS
    for match in _FIGURE.finditer(text):
        value = _value(match.group(0), english)
        if value is not None:
            found.add(value)
    return found


def _value(token: str, english: bool) -> float | None:
    token = re.sub(r"[ \u00a0\u202f]", "", token)
    thousands, decimal = (",", ".") if english else (".", ",")
    groups = re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+(?:{re.escape(decimal)}\d+)?", token)
    if groups:
        token = token.replace(thousands, "")
    elif not english and re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        token = token.replace(",", "")  # an English-style figure quoted in another language
    token = token.replace(decimal, ".")
    try:
        return float(token)
    except ValueError:
        return None
