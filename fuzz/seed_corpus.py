"""Seed inputs for each harness, built from the bundled example reports at run time (nothing
binary is kept in the repository). Fuzzing starts from valid inputs so mutations reach deep."""

from __future__ import annotations

import gzip
import json
from io import BytesIO

from harness_support import REPO  # noqa: F401  (puts the repository on the import path)
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsbrief.examples import example_paths

HOSTILE_HTML = (
    "<script>alert(1)</script><style>p{}</style><iframe src='javascript:alert(1)'></iframe>"
    "<img src=x onerror=alert(1)><a href='javascript:alert(1)'>x</a><!-- c --><![CDATA[x]]>"
)


# libFuzzer dictionaries: tokens a mutation can insert whole, so the fuzzer reaches structure
# (deep nesting, record headers, tags) that byte flips alone rarely build.
DICTIONARIES: dict[str, list[bytes]] = {
    "decode": [
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\x00",
        b"\xc3\xa9",
        b"\xe2\x80\x94",
        b"\xe9",
        b"\x93",
        b"\x1f\x8b",
        b"%PDF-",
        b"\r\n",
    ],
    "jsonl": [
        b'{"text": "',
        b'"html": "',
        b'"id": ',
        b"[",
        b"]",
        b"{",
        b"}",
        b"[[[[[[[[",
        b"\\u",
        b"\\ud800",
        b"null",
        b"1e999",
        b'":',
        b"\n",
        b"\xef\xbb\xbf",
    ],
    "warc": [
        b"WARC/1.0\r\n",
        b"WARC-Type: response\r\n",
        b"WARC-Type: resource\r\n",
        b"Content-Length: ",
        b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n",
        b"Content-Type: text/html; charset=",
        b"WARC-Target-URI: ",
        b"WARC-Date: ",
    ],
    "html": [
        b"<div>",
        b"</div>",
        b"<p>",
        b"</p>",
        b"<script>",
        b"</script>",
        b"<table><tr><td>",
        b"<!--",
        b"-->",
        b"<![CDATA[",
        b"&#x",
        b"&amp;",
        b"<meta charset=",
        b"javascript:",
        b" onerror=",
        b"<article>",
        b"<h1>",
        b"<title>",
        b"<br>",
        b"<svg>",
        b"<math>",
    ],
    "lines": [
        b"\n",
        b"By ",
        b"Advertisement",
        b" (AP) \xe2\x80\x94 ",
        b"Photo: ",
        b"Jan. ",
        b"U.S. ",
        b"\xe2\x80\x9c",
        b"\xe2\x80\x9d",
        b"Published ",
        b"Read more",
        b"\xc2\xa0",
        b"\t",
    ],
    "pipeline": [b"\n", b"<p>", b"</p>", b'{"text": "', b"By ", b" (AP) \xe2\x80\x94 ", b"\x00"],
}


def dictionary_file(name: str) -> str:
    """The libFuzzer dictionary text for harness ``name`` (one quoted token a line)."""
    return "".join('"' + "".join(f"\\x{byte:02x}" for byte in token) + '"\n' for token in DICTIONARIES[name])


def _texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in example_paths()]


def _html(text: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return (
        "<html><head><title>Ship strikes bridge</title><meta name='author' content='A. Writer'>"
        f"</head><body><nav>Home | News</nav><article><h1>Ship strikes bridge</h1>{paragraphs}"
        f"</article>{HOSTILE_HTML}<footer>© 2026</footer></body></html>"
    )


def _jsonl(texts: list[str]) -> bytes:
    lines = [json.dumps({"id": f"a{i}", "text": t[:1500], "outlet": "Wire"}) for i, t in enumerate(texts)]
    lines += [
        '{"id": "cut", "text": "unterminated',
        "[1, 2]",
        json.dumps({"html": _html(texts[0])[:1500]}),
    ]
    return "\n".join(lines).encode()


def _warc(gzipped: bool, page: str) -> bytes:
    out = BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("seed.warc", {"software": "newsbrief-fuzz"}))
    for url, status, kind, payload in [
        ("https://news.example/bridge", "200 OK", "text/html; charset=utf-8", page.encode()),
        ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://news.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
        (
            "https://news.example/latin",
            "200 OK",
            "text/html; charset=latin-1",
            "<p>Café</p>".encode("latin-1"),
        ),
    ]:
        http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=http)
        )
    return out.getvalue()


def _attribute_heavy(text: str) -> str:
    """A page whose article sits in an element with more attributes than the pre-pass allows
    (libxml2's parse is quadratic in one element's attributes; issue 16 row 2)."""
    attributes = " ".join(f"data-a{i}=x" for i in range(2_100))
    return f"<html><body><article><div {attributes}><p>{text[:1000]}</p></div></article></body></html>"


def _many_short_lines(texts: list[str]) -> list[bytes]:
    """JSONL bombs in miniature (issue 16 row 5): thousands of `{}` and blank lines around one good
    record, as a gzip payload the harness compresses (mode 1) and as a ready gzip file (mode 3)."""
    good = json.dumps({"id": "good", "text": texts[0][:800]}).encode() + b"\n"
    lines = b"{}\n" * 2_500 + b"\n" * 2_500 + good
    return [bytes([1]) + lines, bytes([3]) + gzip.compress(b"{}\n" * 20_000 + good, 9, mtime=0)]


def seeds() -> dict[str, list[bytes]]:
    texts = _texts()
    short = [t[:3000] for t in texts]
    page = _html(short[0])
    mixed = short[1].encode() + "\nCafé “quoted” — naïve.\n".encode("cp1252")
    return {
        "decode": [
            short[0].encode(),
            short[1].encode("cp1252", errors="replace"),
            short[2].encode("utf-16"),
            short[2].encode("utf-16-le"),
            b"\xef\xbb\xbf" + short[3].encode(),
            mixed,
            b"\x89PNG\r\n\x1a\n" + bytes(32),
            gzip.compress(b"hello", mtime=0),
        ],
        "jsonl": [*(bytes([mode]) + _jsonl(short) for mode in range(4)), *_many_short_lines(short)],
        "warc": [_warc(False, page[:6000]), _warc(True, page[:6000])],
        "html": [
            page.encode(),
            _html(short[1])[:4000].encode(),
            HOSTILE_HTML.encode(),
            _attribute_heavy(short[2]).encode(),
        ],
        "lines": [t.encode() for t in short],
        "pipeline": [
            b"\x00" + short[0].encode(),
            b"\x01" + page.encode(),
            b"\x02" + _jsonl(short[:2]),
        ],
    }
