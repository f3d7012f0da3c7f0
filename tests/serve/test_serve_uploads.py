"""Reading uploads and pasted text the way `newsbrief brief` reads files."""

from __future__ import annotations

import json

from newsbrief.serve.uploads import (
    FailureList,
    UploadedFile,
    collect_documents,
    file_documents,
    paste_format,
    pasted_documents,
)
from newsbrief.types import Failure, RawDocument


def test_paste_format_is_detected() -> None:
    assert paste_format('{"text": "a"}\n\n{"text": "b"}\n') == "jsonl"
    assert paste_format("<html><body><p>Story</p></body></html>") == "html"
    assert paste_format("Plain story with a <b> tag in it and {braces}.") == "text"


def test_pasted_text_splits_on_dash_lines_only() -> None:
    documents = pasted_documents("First story.\n---\nSecond story -- with dashes.\n  -----  \nThird.")
    assert [d.content for d in documents] == [
        "First story.",
        "Second story -- with dashes.",
        "Third.",
    ]
    assert [d.id for d in documents] == ["pasted-1", "pasted-2", "pasted-3"]
    assert pasted_documents("   \n") == []
    jsonl = list(pasted_documents(json.dumps({"id": "x", "html": "<p>Hi</p>", "outlet": "O"}), "auto"))
    assert isinstance(jsonl[0], RawDocument) and jsonl[0].format == "html" and jsonl[0].outlet == "O"


def test_file_names_and_types_are_checked() -> None:
    [document] = file_documents(UploadedFile("C:\\Users\\me\\story.HTML", b"<p>Hello</p>"))
    assert isinstance(document, RawDocument)
    assert (document.id, document.source, document.format) == ("story", "story.HTML", "html")
    [refused] = file_documents(UploadedFile("../../etc/passwd", b"root:x:0:0"))
    assert isinstance(refused, Failure) and refused.source == "passwd"
    [binary] = file_documents(UploadedFile("a.txt", b"\x00\x01\x02 binary"))
    assert isinstance(binary, Failure) and "binary" in binary.reason
    lines = list(file_documents(UploadedFile("feed.jsonl", b'{"text": "one"}\nnot json\n')))
    assert isinstance(lines[0], RawDocument) and isinstance(lines[1], Failure)


def test_article_limit_refuses_the_rest() -> None:
    feed = "\n".join(json.dumps({"id": f"a{n}", "text": "story"}) for n in range(5)).encode()
    failures = FailureList(limit=100)
    documents = collect_documents([UploadedFile("f.jsonl", feed)], "Pasted story.", "auto", 3, failures)
    assert [d.id for d in documents] == ["a0", "a1", "a2"]
    listed = failures.listed()
    assert len(listed) == 3 and all("over the limit of 3" in f.reason for f in listed)


def test_failures_are_kept_up_to_a_limit_and_the_rest_counted() -> None:
    feed = b"{}\n" * 50_000 + json.dumps({"id": "real", "text": "The council met."}).encode()
    failures = FailureList(limit=10)
    documents = collect_documents([UploadedFile("bomb.jsonl", feed)], "", "auto", 100, failures)
    assert [d.id for d in documents] == ["real"]
    listed = failures.listed()
    assert len(listed) == 11 and failures.more == 49_990
    assert listed[0].source == "bomb.jsonl:1"
    assert listed[-1].reason == "and 49,990 more inputs skipped (not listed)"
