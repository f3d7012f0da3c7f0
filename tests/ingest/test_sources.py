from __future__ import annotations

import json
from pathlib import Path

from newsbrief.ingest import read_documents
from newsbrief.types import Failure, RawDocument


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "Body one.", "outlet": "Wire", "title": "T"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "Body two.", "url": "https://example.org/x"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_documents([path]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [d.id for d in docs] == ["a1", "feed-5"]
    assert docs[0].outlet == "Wire" and docs[0].title == "T"
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:3", f"{path}:4"]


def test_bad_files_are_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    (tmp_path / "latin1.txt").write_bytes("Café in São Paulo — naïve façade.".encode("cp1252"))
    (tmp_path / "utf16.txt").write_bytes("UTF-16 text with BOM.".encode("utf-16"))
    items = {Path(i.source).name: i for i in read_documents([tmp_path, tmp_path / "missing.txt"])}
    assert isinstance(items["empty.txt"], Failure) and "empty" in items["empty.txt"].reason
    assert isinstance(items["binary.txt"], Failure) and "binary" in items["binary.txt"].reason
    assert isinstance(items["missing.txt"], Failure)
    latin = items["latin1.txt"]
    assert isinstance(latin, RawDocument) and "Café" in latin.content and "façade" in latin.content
    utf16 = items["utf16.txt"]
    assert isinstance(utf16, RawDocument) and utf16.content == "UTF-16 text with BOM."
