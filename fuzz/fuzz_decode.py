"""Fuzz ``decode_bytes``: any bytes give text or a ``DecodeError``, and the text can be written."""

from __future__ import annotations

from harness_support import Target, fuzz


def load() -> Target:
    from newsbrief.ingest.decode import DecodeError, decode_bytes

    def target(data: bytes) -> None:
        try:
            text = decode_bytes(data)
        except DecodeError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        text.encode("utf-8")  # no lone surrogates

    return target


if __name__ == "__main__":
    fuzz(load)
