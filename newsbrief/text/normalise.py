"""Text folding for comparing what outlets print: quote marks, dashes, case, punctuation.

``fold`` maps one character to one character, so an offset into the folded text is an offset into
the original; alignment results can be mapped back to ``Article.text`` without bookkeeping.
"""

from __future__ import annotations

import unicodedata

from newsbrief.text.tokens import FOLDED_WORD

_CHAR_MAP = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "‐": "-",
        "\u00a0": " ",
    }
)
_WORD = FOLDED_WORD


def fold(text: str) -> str:
    """Lower-case with typographic quotes and dashes made ASCII; same length as ``text``."""
    folded = text.translate(_CHAR_MAP)
    # str.lower() may lengthen a few characters (e.g. "İ"); keep those as they are.
    return "".join(c if len(low := c.lower()) != 1 else low for c in folded)


def words(text: str) -> list[str]:
    """The words of ``text`` for comparison: folded, NFKC, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", fold(text)))


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text``; ``fold`` keeps offsets, so these index ``text``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(fold(text))]


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    """Whether ``needle`` occurs as a contiguous run of words in ``haystack``."""
    if not needle or len(needle) > len(haystack):
        return False
    first = needle[0]
    width = len(needle)
    return any(
        haystack[i] == first and haystack[i : i + width] == needle for i in range(len(haystack) - width + 1)
    )
