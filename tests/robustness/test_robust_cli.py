"""Bad inputs through the commands: each is named on stderr with its reason, once; the rest of
the batch goes on; the exit code is 1 when some inputs failed and 3 when none was usable."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import shutil
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsbrief.cli.ingest as ingest_command
from newsbrief.cli import app
from newsbrief.store import Store

runner = CliRunner()
SKIPPED = re.compile(r"^newsbrief: skipped (.+?): (.+)$")


def _skipped(stderr: str) -> dict[str, str]:
    """source → reason for every "skipped" line; each source must be named only once."""
    found: dict[str, str] = {}
    for line in stderr.splitlines():
        match = SKIPPED.match(line)
        if match:
            assert match.group(1) not in found, f"{match.group(1)} reported twice"
            found[match.group(1)] = match.group(2)
    return found


def _bad_inputs(folder: Path, english: str, dutch: str) -> dict[str, str]:
    """Write one file per kind of bad input; return file name → words its reason must contain."""
    rng = random.Random(8)
    folder.mkdir()
    files: dict[str, tuple[bytes, str]] = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b" \n\t\r\n  \n", "only whitespace"),
        "noise.txt": (bytes(rng.randrange(256) for _ in range(4096)) + b"\x00", "binary"),
        "photo.html": (b"\x89PNG\r\n\x1a\n" + bytes(2000), "PNG data"),
        "packed.txt": (gzip.compress(english.encode()), "gzip data"),
        "dutch.txt": (dutch.encode(), "unsupported language (detected 'nl'"),
        "nested.html": (
            b"<html><body>" + b"<div>" * 100_000 + b"<p>deep</p>" + b"</div>" * 100_000,
            "HTML too complex",
        ),
        "stub.txt": (b"Breaking news. More soon.", "no article body found"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: words for name, (_, words) in files.items()}


def test_brief_names_every_bad_input_and_briefs_the_rest(
    tmp_path: Path,
    example_files: list[Path],
    english_paragraphs: list[str],
    foreign_articles: dict[str, str],
) -> None:
    bad = tmp_path / "bad"
    expected = _bad_inputs(bad, "\n\n".join(english_paragraphs), foreign_articles["nl"])
    # Two good reports keep the brief (and its cross-source analysis) quick.
    good = example_files[:2]
    result = runner.invoke(app, ["brief", *map(str, good), str(bad), "--format", "json"])
    assert result.exit_code == 1, result.output
    skipped = _skipped(result.stderr)
    assert {Path(source).name for source in skipped} == expected.keys()
    for source, reason in skipped.items():
        assert expected[Path(source).name] in reason, (source, reason)
    record = json.loads(result.stdout)
    assert len(record["event"]["articles"]) == len(good)
    assert record["summary"], "the good inputs still make a brief"
    assert {Path(f["source"]).name for f in record["failures"]} == expected.keys()


def test_nothing_usable_exits_3_with_every_input_named(
    tmp_path: Path, english_paragraphs: list[str], foreign_articles: dict[str, str]
) -> None:
    bad = tmp_path / "bad"
    expected = _bad_inputs(bad, "\n\n".join(english_paragraphs), foreign_articles["nl"])
    for command in ("brief", "clean"):
        result = runner.invoke(app, [command, str(bad)])
        assert result.exit_code == 3, (command, result.output)
        assert {Path(s).name for s in _skipped(result.stderr)} == expected.keys()


def test_clean_reports_bad_jsonl_lines_by_number(
    tmp_path: Path, english_paragraphs: list[str], foreign_articles: dict[str, str]
) -> None:
    body = "\n\n".join(english_paragraphs[:3])
    lines = [
        json.dumps({"id": "good-1", "text": body}),
        '{"id": "cut", "text": "the line ends mid-str',
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "empty", "text": "   "}),
        "",
        json.dumps({"id": "good-2", "text": body.replace("Orla Venn", "Ship")}),
        json.dumps({"id": "nl", "text": foreign_articles["nl"]}),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes("\n".join(lines).encode() + b"\n\xff\xfe\x00garbage\x00\n")
    result = runner.invoke(app, ["clean", str(feed), "--format", "json"])
    assert result.exit_code == 1, result.output
    skipped = _skipped(result.stderr)
    assert {source.rsplit(":", 1)[1] for source in skipped} == {"2", "3", "4", "7", "8"}
    assert "malformed JSON" in skipped[f"{feed}:2"]
    assert "not a JSON object" in skipped[f"{feed}:3"]
    assert "unsupported language" in skipped[f"{feed}:7"]
    assert [a["id"] for a in json.loads(result.stdout)] == ["good-1", "good-2"]


def test_encodings_are_detected_not_garbled(tmp_path: Path, english_paragraphs: list[str]) -> None:
    body = "\n\n".join(english_paragraphs[:4])
    accented = "Officials in Zürich and São Paulo called the façade naïve, café owners said."
    latin = f"{body}\n\n{accented}".translate(str.maketrans("“”’‘—", "\"\"''-"))
    text = f"{body}\n\n{accented} The “quoted” phrase — with a dash — stayed."
    files = {
        "latin1.txt": (latin.encode("latin-1"), latin),
        "cp1252.txt": (text.encode("cp1252"), text),
        "utf16.txt": (text.encode("utf-16"), text),
        "utf16le.txt": (text.encode("utf-16-le"), text),
        "utf8bom.txt": (b"\xef\xbb\xbf" + text.encode(), text),
        # A file pasted together from a UTF-8 source and a cp1252 one.
        "mixed.txt": (
            body.encode() + b"\n\n" + f"{accented} The “end” — here.".encode("cp1252"),
            f"{body}\n\n{accented} The “end” — here.",
        ),
    }
    for name, (data, _) in files.items():
        (tmp_path / name).write_bytes(data)
    result = runner.invoke(app, ["clean", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    cleaned = {f"{a['id']}.txt": a["text"] for a in json.loads(result.stdout)}
    assert cleaned.keys() == files.keys()
    for name, (_, original) in files.items():
        # Body lines survive decoding intact (no mojibake, no replacement characters); the
        # first is left out because the cleaner moves its dateline out of the text.
        for line in original.split("\n\n")[1:4]:
            assert line in cleaned[name], name
        assert "\ufffd" not in cleaned[name] and "Ã" not in cleaned[name], name
        assert "Zürich" in cleaned[name] and "façade" in cleaned[name], name


def test_same_article_twice_is_one_article_and_one_report(tmp_path: Path, example_files: list[Path]) -> None:
    copy = tmp_path / "mirror" / example_files[0].name
    copy.parent.mkdir()
    shutil.copy(example_files[0], copy)
    # Same id (file stem), different text: both kept, the second renamed.
    other = tmp_path / "other" / example_files[0].name
    other.parent.mkdir()
    other.write_text(example_files[1].read_text())
    result = runner.invoke(app, ["clean", str(example_files[0]), str(copy), str(other), "--format", "json"])
    assert result.exit_code == 1, result.output
    skipped = _skipped(result.stderr)
    # Which of the two is kept does not depend on the order given (the smaller source name).
    kept, dropped = sorted([str(example_files[0]), str(copy)])
    assert list(skipped) == [dropped]
    assert "duplicate of" in skipped[dropped] and kept in skipped[dropped]
    ids = [a["id"] for a in json.loads(result.stdout)]
    assert ids == [example_files[0].stem, f"{example_files[0].stem}-2"]


def test_lone_surrogates_in_jsonl_do_not_break_the_output(
    tmp_path: Path, english_paragraphs: list[str]
) -> None:
    body = "\n\n".join(english_paragraphs[:3])
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "s\ud800", "title": "T\udfff", "text": body + " \ud83d"}))
    result = runner.invoke(app, ["clean", str(feed), "--format", "json"])
    assert result.exit_code == 0, result.output
    (article,) = json.loads(result.stdout)
    assert article["id"] == "s\ufffd" and article["headline"] == "T\ufffd"
    assert not re.search("[\ud800-\udfff]", result.stdout)


def _warc_page(writer: WARCWriter, url: str, html: str) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=BytesIO(html.encode()), http_headers=http)
    )


def test_ingest_keeps_what_was_read_before_damage(
    tmp_path: Path, english_paragraphs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_command, "open_clusterer", lambda store: None)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    records = [
        {"id": f"r{i}", "text": f"Report {i}. " + "\n\n".join(english_paragraphs[i : i + 3])}
        for i in range(12)
    ]
    feed = gzip.compress("\n".join(json.dumps(r) for r in records).encode())
    (inputs / "cut.jsonl.gz").write_bytes(feed[: len(feed) * 2 // 3])
    pages = BytesIO()
    writer = WARCWriter(pages, gzip=True)
    for i in range(3):
        paragraphs = "".join(f"<p>{p} (Page {i}.)</p>" for p in english_paragraphs[i : i + 4])
        _warc_page(writer, f"https://news.example/{i}", f"<html><body><article>{paragraphs}</article>")
    (inputs / "cut.warc.gz").write_bytes(pages.getvalue()[:-40])
    (inputs / "empty.txt").write_bytes(b"")
    db = tmp_path / "store.db"
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--format", "json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    sources = {Path(f["source"].split("@")[0].split(":")[0]).name for f in summary["failures"]}
    assert sources == {"cut.jsonl.gz", "cut.warc.gz", "empty.txt"}
    assert any("compressed" in f["reason"] for f in summary["failures"])
    # Every record and page before each cut is stored: the whole lines that the truncated gzip
    # stream still holds, and the two pages before the cut WARC record.
    readable = zlib.decompressobj(wbits=31).decompress(feed[: len(feed) * 2 // 3])
    whole_lines = readable.count(b"\n")
    assert whole_lines > 0
    assert summary["added"] == whole_lines + 2
    with Store(db) as store:
        assert all(store.has_input(f"r{i}", f"{inputs / 'cut.jsonl.gz'}:{i + 1}") for i in range(whole_lines))
    again = runner.invoke(app, ["ingest", str(inputs), "--db", str(db), "--format", "json"])
    assert json.loads(again.stdout)["added"] == 0, "re-running adds nothing twice"


def test_unreadable_and_missing_paths_are_reported(tmp_path: Path, example_files: list[Path]) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Some text")
    locked.chmod(0)
    missing = tmp_path / "nowhere.txt"
    result = runner.invoke(app, ["clean", str(example_files[0]), str(locked), str(missing)])
    skipped = _skipped(result.stderr)
    assert str(missing) in skipped
    if os.geteuid() != 0:  # root reads any file
        assert str(locked) in skipped
    assert result.exit_code == 1
