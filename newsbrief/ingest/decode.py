"""Bytes to text: detect binary input and unknown or mixed encodings instead of garbling them.

Order of evidence, strongest first: a byte-order mark, a known binary file signature, the zero
bytes of BOM-less UTF-16, valid UTF-8, and only then statistical detection (charset-normalizer).
Every refusal is a ``DecodeError`` whose message says why, for the batch report.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    pass


# Leading bytes of binary formats people mistake for text (or name .txt/.html by accident).
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")
# UTF-32 marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE_BYTES = 8192
# BOM-less UTF-16 is taken as likely when at least this share of the bytes on one side of each
# byte pair are zero (mostly-Latin text in UTF-16 has a zero in every other byte) and at most
# the second share on the other side.
_UTF16_ZERO_SHARE = 0.3
_UTF16_OTHER_SIDE_ZERO_SHARE = 0.02
# Control characters (other than whitespace) above this share of the text mean binary data.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# One well-formed multi-byte UTF-8 sequence (RFC 3629).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# A file whose valid multi-byte UTF-8 sequences are at least this many per invalid byte is UTF-8
# with legacy text pasted in, even within one line; legacy text has next to none by chance.
_MIXED_UTF8_RATIO = 0.5
# Encoding detection reads this much of a large file (its cost grows with the input).
_DETECT_SAMPLE_BYTES = 1 << 20
# Lines that fail UTF-8 sampled for detecting the other encoding of a mixed file.
_LEGACY_SAMPLE_BYTES = 65536
_DEFAULT_LEGACY = "cp1252"


def looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in text encodings we accept (UTF-16 is recognised before this)."""
    return b"\x00" in data[:_SAMPLE_BYTES]


def binary_signature(data: bytes) -> str | None:
    """The name of the binary format ``data`` starts with, if it is a known one."""
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    return "bzip2" if _BZIP2.match(data) else None


def decode_bytes(data: bytes) -> str:
    """The text of ``data``; raises ``DecodeError`` (with the reason) when it is not text."""
    if not data:
        return ""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_unicode(data[len(bom) :], encoding, "byte-order mark"))
    if data.startswith(codecs.BOM_UTF8):
        # Declared UTF-8: any invalid bytes are damage or pasted-in legacy text, not another
        # encoding for the whole file.
        data = data[len(codecs.BOM_UTF8) :]
        try:
            return _checked(data.decode("utf-8"))
        except UnicodeDecodeError:
            lines, failing, _ = _utf8_lines(data)
            return _checked(_decode_mixed(data, lines, failing))
    kind = binary_signature(data)
    if kind:
        raise DecodeError(f"binary content ({kind} data), not text")
    utf16 = _bomless_utf16(data[:_SAMPLE_BYTES])
    if utf16:
        return _checked(_decode_unicode(data, utf16, "zero-byte pattern"))
    if looks_binary(data):
        raise DecodeError("binary content, not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    lines, failing, utf8_text = _utf8_lines(data)
    if utf8_text or _mostly_utf8(data):
        return _checked(_decode_mixed(data, lines, failing))
    encoding = _guess_encoding(_head(data))
    if encoding is None:
        raise DecodeError("cannot determine the text encoding")
    return _checked(data.decode(encoding, errors="replace"))


def _head(data: bytes) -> bytes:
    """The first ``_DETECT_SAMPLE_BYTES`` of ``data``, cut after a line end when there is one
    (so no character is split)."""
    if len(data) <= _DETECT_SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, _DETECT_SAMPLE_BYTES)
    return data[: cut + 1] if cut > 0 else data[:_DETECT_SAMPLE_BYTES]


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's choice, preferring cp1252 among candidates as free of mess.

    Mostly-ASCII inputs fit dozens of code pages equally well; cp1252 is by far the most common
    legacy encoding of English and Western European news. UTF-16/32 guesses are refused: UTF-16
    has a byte-order mark or the zero-byte pattern checked before this.
    """
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    best = matches[0]
    # Coherence (language fit) is noise when few characters are non-ASCII, so cp1252 wins
    # whenever it reads the bytes as cleanly as the best candidate.
    tied = (m for m in matches if m.chaos <= best.chaos)
    if any(_DEFAULT_LEGACY in m.could_be_from_charset for m in tied):
        return _DEFAULT_LEGACY
    return best.encoding


def _decode_unicode(data: bytes, encoding: str, evidence: str) -> str:
    width = 4 if "32" in encoding else 2
    # A file cut mid-character keeps every whole character before the cut.
    data = data[: len(data) - len(data) % width]
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"invalid {encoding.upper()} ({evidence}) at byte {exc.start}: {exc.reason}"
        ) from None


def _bomless_utf16(sample: bytes) -> str | None:
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0) / pairs
    odd = sample[1 : pairs * 2 : 2].count(0) / pairs
    if odd >= _UTF16_ZERO_SHARE and even <= _UTF16_OTHER_SIDE_ZERO_SHARE:
        return "utf-16-le"
    if even >= _UTF16_ZERO_SHARE and odd <= _UTF16_OTHER_SIDE_ZERO_SHARE:
        return "utf-16-be"
    return None


def _checked(text: str) -> str:
    """Refuse text that decoded but is mostly control characters (binary data in disguise)."""
    sample = text[:_SAMPLE_BYTES]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise DecodeError("binary content (control characters), not text")
    return text


def _utf8_lines(data: bytes) -> tuple[list[bytes], list[int], bool]:
    """The lines of ``data``, the numbers of those that are not valid UTF-8, and whether any
    line with non-ASCII text is valid UTF-8 (else the file is in one legacy encoding)."""
    lines = data.splitlines(keepends=True)
    failing: list[int] = []
    utf8_text = False
    for number, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            failing.append(number)
        else:
            utf8_text = utf8_text or not line.isascii()
    return lines, failing, utf8_text


def _mostly_utf8(data: bytes) -> bool:
    valid = len(_UTF8_MULTIBYTE.findall(data))
    invalid = len(data) - len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    return valid >= _MIXED_UTF8_RATIO * invalid


def _decode_mixed(data: bytes, lines: list[bytes], failing: list[int]) -> str:
    """Text that is UTF-8 in some lines and a legacy encoding in others (files pasted together
    from several sources).

    Lines that fail UTF-8 are read in the legacy encoding detected from those lines: byte by byte
    between valid UTF-8 runs for a one-byte encoding (so a line mixing both still reads right),
    whole for a multi-byte one.
    """
    sample = bytearray()
    for number in failing:
        # Only the legacy bytes: the UTF-8 sequences in a mixed line would mislead detection.
        sample += _UTF8_MULTIBYTE.sub(b"", lines[number])
        if len(sample) >= _LEGACY_SAMPLE_BYTES:
            break
    legacy = _guess_encoding(bytes(sample)) or _DEFAULT_LEGACY
    if _single_byte(legacy):
        return data.decode("utf-8", errors=_fallback_handler(legacy))
    bad = set(failing)
    return "".join(
        line.decode(legacy if number in bad else "utf-8", errors="replace")
        for number, line in enumerate(lines)
    )


@lru_cache(maxsize=32)
def _single_byte(encoding: str) -> bool:
    try:
        decoded = bytes(range(256)).decode(encoding, errors="replace")
    except LookupError:
        return False
    return len(decoded) == 256


@lru_cache(maxsize=32)
def _fallback_handler(encoding: str) -> str:
    """Register (once) a codec error handler that reads undecodable bytes in ``encoding``."""
    name = f"newsbrief-fallback-{encoding}"

    def handler(error: UnicodeError) -> tuple[str, int]:
        if not isinstance(error, UnicodeDecodeError):
            raise error
        bad = error.object[error.start : error.end]
        return bad.decode(encoding, errors="replace"), error.end

    codecs.register_error(name, handler)
    return name
