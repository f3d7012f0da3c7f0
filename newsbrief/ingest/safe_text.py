"""Untrusted strings made safe to print: no terminal escapes, no bidi overrides, no forged lines.

File names, JSONL fields and page metadata (``og:site_name``) reach the terminal, Markdown and
HTML. An ANSI/OSC escape in them can rewrite the terminal (colours, titles, hyperlinks, cursor
moves), a right-to-left override can reverse a citation label on screen, and a newline in a file
name can print a line that looks like another input's report. Everything that leaves the
program as a name or metadata goes through one of these functions first.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final byte), OSC/DCS/PM/APC/SOS (terminated by BEL or
# ESC \), and two-byte escapes. Removed whole, so no "[31m" residue is left behind.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[@-Z\\-_]"  # two-byte escapes (Fe)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
)
# Bidirectional embedding/override/isolate controls and the Arabic letter mark. Plain
# right-to-left text needs none of them; they are how "[EFE]" is made to display as "]EFE[".
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Every C0 control but tab, line feed and carriage return; DEL; every C1 control.
_CONTROL_IN_TEXT = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_ANY = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
_WS = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Article text: escape sequences and control characters removed; line breaks kept."""
    if not _CONTROL_IN_TEXT.search(text):
        return text
    return _CONTROL_IN_TEXT.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """A metadata field (title, outlet, byline, date): escapes and controls removed, every run
    of whitespace (line breaks included) one space, so it can never start a line of its own."""
    if _CONTROL_ANY.search(text):
        text = _CONTROL_ANY.sub(" ", _ESCAPE_SEQUENCE.sub("", text))
    return _WS.sub(" ", text).strip()


def visible_name(text: str) -> str:
    """A file name or input label, with each control character shown as an escape (``\\n``,
    ``\\x1b``, ``\\u202e``), so the name stays recognisable but prints on one line and inert."""
    if not _CONTROL_ANY.search(text):
        return text
    return _CONTROL_ANY.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
