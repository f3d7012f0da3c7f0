"""Records written by other tools keep their date, URL and outlet (issue 17)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief.ingest import read_documents
from newsbrief.ingest.crawled import crawled_at
from newsbrief.ingest.record_fields import record_fields
from newsbrief.types import Failure, RawDocument

BODY = (
    "The harbour authority said on Tuesday that the bridge would reopen next week after engineers "
    "finished their inspection. Officials said 14 people had been treated for minor injuries."
)
ROOT = Path(__file__).resolve().parents[2]

# As `trafilatura --json` writes it (trafilatura 2.0: keys from its JSON exporter).
TRAFILATURA = {
    "title": "Bridge to reopen next week",
    "author": "Ann Lee",
    "hostname": "reuters.com",
    "date": "2026-03-03",
    "fingerprint": "b1d2a0",
    "id": None,
    "license": None,
    "comments": "",
    "raw_text": BODY,
    "text": BODY,
    "language": "en",
    "image": None,
    "pagetype": "article",
    "source": "https://www.reuters.com/world/bridge-reopen-2026-03-03/",
    "source-hostname": "Reuters",
    "excerpt": "",
    "categories": "",
    "tags": "",
}
# As news-please writes one article (its JSON file per article).
NEWS_PLEASE = {
    "authors": ["Ann Lee", "Bo Chen"],
    "date_download": "2026-03-03 10:15:00",
    "date_modify": None,
    "date_publish": "2026-03-03 08:49:26",
    "description": "The bridge reopens next week.",
    "filename": "https%3A%2F%2Fwww.theguardian.com%2Fworld%2Fbridge.json",
    "image_url": None,
    "language": "en",
    "localpath": None,
    "maintext": BODY,
    "source_domain": "www.theguardian.com",
    "title": "Bridge to reopen next week",
    "title_page": None,
    "title_rss": None,
    "url": "https://www.theguardian.com/world/bridge",
}


def test_trafilatura_record_keeps_date_url_and_outlet() -> None:
    fields = record_fields(TRAFILATURA)
    assert (fields.tool, fields.body, fields.published) == ("trafilatura", BODY, "2026-03-03")
    assert fields.url == TRAFILATURA["source"]
    assert fields.outlet == "Reuters"
    assert fields.author == "Ann Lee"


def test_trafilatura_hostname_only_is_mapped_through_the_outlet_table() -> None:
    record = {**TRAFILATURA, "source-hostname": None, "hostname": "www.reuters.com"}
    assert record_fields(record).outlet == "Reuters"


def test_news_please_record_keeps_date_url_and_outlet() -> None:
    fields = record_fields(NEWS_PLEASE)
    assert (fields.tool, fields.body) == ("news-please", BODY)
    assert fields.published == "2026-03-03T08:49:26"
    assert fields.url == NEWS_PLEASE["url"]
    assert fields.outlet == "The Guardian"
    assert fields.author == "Ann Lee, Bo Chen"
    # The download time is a crawl date, never the publication date.
    assert fields.crawled == "2026-03-03T10:15:00"


def test_a_record_without_text_names_the_field_its_tool_needs(tmp_path: Path) -> None:
    path = tmp_path / "np.json"
    path.write_text(json.dumps({**NEWS_PLEASE, "maintext": None}), encoding="utf-8")
    (failure,) = read_documents([path])
    assert isinstance(failure, Failure) and "'maintext'" in failure.reason


@pytest.mark.parametrize("shape", ["object", "list", "lines"])
def test_json_files_of_other_tools_are_read(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "records.json"
    if shape == "object":
        path.write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    elif shape == "list":
        path.write_text(json.dumps([NEWS_PLEASE, TRAFILATURA]), encoding="utf-8")
    else:  # trafilatura writes one object per line into a .json file too
        path.write_text(json.dumps(NEWS_PLEASE) + "\n" + json.dumps(TRAFILATURA) + "\n", encoding="utf-8")
    docs = list(read_documents([path]))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert docs[0].outlet == "The Guardian" and docs[0].url == NEWS_PLEASE["url"]
    assert docs[0].published == "2026-03-03T08:49:26"
    assert crawled_at(docs[0]) == "2026-03-03T10:15:00"
    if shape != "object":
        assert docs[1].outlet == "Reuters" and docs[1].published == "2026-03-03"


def test_gzip_pages_are_read_and_bounded(tmp_path: Path) -> None:
    page = tmp_path / "story.html.gz"
    page.write_bytes(gzip.compress(f"<html><body><article><p>{BODY}</p></article></body></html>".encode()))
    text = tmp_path / "story2.txt.gz"
    text.write_bytes(gzip.compress(BODY.encode()))
    docs = {d.id: d for d in read_documents([page, text])}
    assert docs["story"].format == "html" and BODY in docs["story"].content
    assert docs["story2"].format == "text" and docs["story2"].content == BODY
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(BODY.encode())[:20])
    (failure,) = read_documents([broken])
    assert isinstance(failure, Failure)


def test_a_gzip_bomb_page_is_refused_without_inflating_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsbrief.ingest import sources

    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1000)
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 100_000))
    (failure,) = read_documents([bomb])
    assert isinstance(failure, Failure) and "inflates to more than 1000 bytes" in failure.reason


def _brief_stdin(data: bytes) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "newsbrief", "brief", "-", "--format", "json", "--no-progress"],
        input=data,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


def test_brief_reads_standard_input_text_and_records() -> None:
    seeds = ROOT.parent / "shared" / "seeds"
    text = next(seeds.glob("002_*.txt"), None)
    if text is None:
        pytest.skip("../shared/seeds not present")
    record = _brief_stdin(text.read_bytes())
    (article,) = record["event"]["articles"]
    assert (article["source"], article["outlet"]) == ("<stdin>", "EFE")
    record = _brief_stdin(json.dumps(NEWS_PLEASE).encode())
    (article,) = record["event"]["articles"]
    assert (article["outlet"], article["published"]) == ("The Guardian", "2026-03-03T08:49:26")
