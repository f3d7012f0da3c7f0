from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsbrief.ingest import input_suffix, jsonl, read_documents
from newsbrief.types import Failure, RawDocument


def _lines(count: int) -> bytes:
    records = [{"id": f"r{i}", "text": f"Body number {i}.", "outlet": "Wire"} for i in range(count)]
    return "\n".join(json.dumps(r) for r in records).encode()


def test_gzip_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(_lines(3) + b"\n{broken\n"))
    items = list(read_documents([tmp_path]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.id for d in docs] == ["r0", "r1", "r2"]
    assert docs[2].content == "Body number 2." and docs[2].outlet == "Wire"
    assert [f.source for f in items if isinstance(f, Failure)] == [f"{path}:4"]


def test_ids_default_to_the_name_without_both_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "wire.feed.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"text": "No id here."}).encode()))
    (doc,) = read_documents([path])
    assert isinstance(doc, RawDocument) and doc.id == "wire.feed-1"


def test_truncated_gzip_keeps_records_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(_lines(2000))
    path.write_bytes(data[: len(data) // 2])
    items = list(read_documents([path]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert 0 < len(docs) < 2000
    assert isinstance(items[-1], Failure) and "compressed" in items[-1].reason


def test_not_gzip_at_all_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "fake.jsonl.gz"
    path.write_text('{"text": "plain, not compressed"}')
    (item,) = read_documents([path])
    assert isinstance(item, Failure) and item.source == str(path)


def test_compound_suffixes_are_recognised() -> None:
    assert input_suffix(Path("a/b.JSONL.GZ")) == ".jsonl.gz"
    assert input_suffix(Path("crawl.warc.gz")) == ".warc.gz"
    assert input_suffix(Path("notes.v2.txt")) == ".txt"
    assert input_suffix(Path("archive.tar.gz")) == ".gz"


def test_folder_walk_skips_unsupported_compressed_files(tmp_path: Path) -> None:
    (tmp_path / "a.tar.gz").write_bytes(gzip.compress(b"x"))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(_lines(1)))
    assert [d.source for d in read_documents([tmp_path])] == [f"{tmp_path / 'b.jsonl.gz'}:1"]


def test_an_overlong_line_is_skipped_and_numbering_continues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(jsonl, "_SKIP_CHUNK", 64)
    huge = json.dumps({"id": "huge", "text": "word " * 5000})
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(f"{huge}\n{huge}\n".encode() + _lines(2)))
    items = list(read_documents([path]))
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Failure", f"{path}:1"),
        ("Failure", f"{path}:2"),
        ("CrawledDocument", f"{path}:3"),
        ("CrawledDocument", f"{path}:4"),
    ]
    assert "longer than 1000 bytes" in items[0].reason


def test_a_deeply_nested_line_is_one_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"[" * 50_000 + b"]" * 50_000 + b"\n" + _lines(1))
    first, second = read_documents([path])
    assert isinstance(first, Failure) and "nested too deeply" in first.reason
    assert isinstance(second, RawDocument) and second.id == "r0"
