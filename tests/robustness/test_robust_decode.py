"""decode_bytes: every encoding news files come in reads back exactly; binary is refused by name."""

from __future__ import annotations

import gzip
import random
import zipfile
from io import BytesIO

import pytest

from newsbrief.ingest.decode import DecodeError, decode_bytes

ENGLISH = (
    "The mayor said the bridge would stay closed. “Nobody crosses it,” she said — "
    "repairs could take weeks, officials in Zürich and São Paulo noted.\n"
) * 20
JAPANESE = (
    "港湾局によると、貨物船は衝突の数分前に動力を失った。消防隊は一時間以内に橋の上で立ち往生した"
    "運転手を全員避難させた。市長は非常事態を宣言し、上流の橋を使うよう運転手に呼びかけた。\n"
    "技術者は今後数日間で橋脚を詳しく点検し、その後で橋をいつ再開できるかを判断する。\n"
)
ACCENTED_ONLY = ENGLISH.translate(str.maketrans("“”—", '""-'))


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", ENGLISH),
        ("utf-8-sig", ENGLISH),
        ("cp1252", ENGLISH),
        ("latin-1", ACCENTED_ONLY),
        ("utf-16", ENGLISH),  # with BOM
        ("utf-16-le", ENGLISH),  # no BOM: recognised by its zero bytes
        ("utf-16-be", ENGLISH),
        ("utf-32", ENGLISH),
        ("cp1251", "Министр заявил, что переговоры продолжатся на следующей неделе.\n" * 5),
        (
            "cp1253",
            "Ο υπουργός δήλωσε ότι οι συνομιλίες θα συνεχιστούν την επόμενη εβδομάδα.\n" * 5,
        ),
        ("shift_jis", JAPANESE),
    ],
)
def test_encodings_read_back_exactly(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


def test_short_legacy_text_prefers_cp1252() -> None:
    assert decode_bytes("Café au lait, naïve façade.".encode("cp1252")) == "Café au lait, naïve façade."


def test_mixed_utf8_and_cp1252_lines_both_read_right() -> None:
    utf8 = "First source: “quoted” — Zürich.\n"
    legacy = "Second source: “quoted” — São Paulo.\n"
    assert decode_bytes(utf8.encode() + legacy.encode("cp1252")) == utf8 + legacy
    # Both encodings inside one line.
    assert decode_bytes(utf8.strip().encode() + b" " + legacy.encode("cp1252")) == (
        utf8.strip() + " " + legacy
    )


def test_utf8_with_bom_and_a_damaged_byte_keeps_the_rest() -> None:
    assert decode_bytes(b"\xef\xbb\xbfcaf\xe9 \xe2\x80\x94 ok") == "café — ok"


def test_a_file_cut_mid_character_keeps_what_came_before() -> None:
    data = "Le pont est fermé.".encode("utf-16")
    assert decode_bytes(data[:-1]) == "Le pont est fermé"


def _random_bytes(seed: int, low: int, high: int, size: int = 5000) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(low, high) for _ in range(size))


def _zip() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "hello")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "PNG"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "JPEG"),
        (b"GIF89a" + bytes(64), "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (gzip.compress(ENGLISH.encode()), "gzip"),
        (_zip(), "zip"),
        (b"\x7fELF\x02\x01\x01" + bytes(64), "ELF"),
        (b"SQLite format 3\x00" + bytes(64), "SQLite"),
        (_random_bytes(1, 0, 256), "binary"),
        # No NUL byte, but mostly control characters.
        (_random_bytes(2, 1, 32), "control characters"),
        # Random bytes without NUL (charset detection must not make text of them).
        (_random_bytes(3, 1, 256), "binary|encoding"),
    ],
)
def test_binary_is_refused_with_a_reason(data: bytes, named: str) -> None:
    with pytest.raises(DecodeError, match=named):
        decode_bytes(data)


def test_little_endian_integers_are_not_taken_for_utf16() -> None:
    data = b"".join(n.to_bytes(2, "little") for n in range(1, 3000))
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(data)


def test_empty_input_is_empty_text() -> None:
    assert decode_bytes(b"") == ""
