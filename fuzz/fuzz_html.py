"""Fuzz HTML extraction: never raises, and gives plain, trimmed, single-line paragraphs."""

from __future__ import annotations

import re

from harness_support import Target, fuzz

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def load() -> Target:
    from newsbrief.clean.html import extract_html

    def target(data: bytes) -> None:
        # surrogateescape: undecodable bytes become lone surrogates, which extraction must survive.
        extraction = extract_html(data.decode("utf-8", errors="surrogateescape"))
        for paragraph in extraction.paragraphs:
            assert paragraph and paragraph == paragraph.strip(), repr(paragraph)
            assert "\n" not in paragraph and not _CONTROL.search(paragraph), repr(paragraph)

    return target


if __name__ == "__main__":
    fuzz(load)
