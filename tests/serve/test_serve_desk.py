"""Issue 17 item 5, the desk: full-text search with snippets, filters, outlet and person pages,
CSV and Markdown exports, briefs kept in the store (links outlive a restart, an unchanged event
is not briefed again), no server paths in any answer, ISO times, and the API reference."""

from __future__ import annotations

import csv
import io
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsbrief.serve import ServeConfig, create_app
from newsbrief.serve.brief_process import BriefProcess

LOCAL = "http://localhost"
SEEDS_FOLDER = Path(__file__).resolve().parents[1] / "data" / "serve" / "seeds"


@pytest.fixture(scope="module")
def desk_db(stored_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's store: these tests write briefs into it."""
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    shutil.copy(stored_db, db)
    return db


@pytest.fixture(scope="module")
def desk(desk_db: Path, brief_process: BriefProcess) -> Iterator[TestClient]:
    with TestClient(create_app(ServeConfig(db=desk_db), process=brief_process), base_url=LOCAL) as client:
        yield client


@pytest.fixture(scope="module")
def briefed(desk: TestClient) -> dict[str, Any]:
    """The seeds event briefed once (about 10 s), its job status."""
    started = desk.post("/api/events/ev-seeds/brief")
    assert started.status_code == 202
    job = started.json()["id"]
    for _ in range(600):
        status = desk.get(f"/api/jobs/{job}").json()
        if status["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert status["state"] == "done", status
    return status


def test_search_covers_article_text_with_marked_snippets(desk: TestClient) -> None:
    found = desk.get("/api/events", params={"q": "disputed waters"}).json()
    assert [e["id"] for e in found["events"]] == ["ev-seeds"]
    runs = found["events"][0]["match"]["snippet"]
    assert any(run["match"] and run["text"].lower() == "disputed" for run in runs)
    # Operators and quotes are plain words, never a query syntax error.
    assert desk.get("/api/events", params={"q": 'signal" OR NEAR('}).status_code == 200
    page = lxml.html.document_fromstring(desk.get("/", params={"q": "disputed"}).text)
    assert [m.text_content().lower() for m in page.cssselect("table.events p.snippet mark.hit")] == [
        "disputed"
    ]
    # An outlet's name is searchable too.
    by_outlet = desk.get("/api/events", params={"q": "Harbor Times"}).json()["events"]
    assert "ev-seeds" in [e["id"] for e in by_outlet]


def test_filters_by_outlet_and_dates(desk: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        return [e["id"] for e in desk.get("/api/events", params=params).json()["events"]]

    assert ids(outlet="harbor times") == ["ev-seeds"]
    assert ids(outlet="Meridian Daily") == ["ev-harbor_bridge"]
    assert ids(since="2026-01-01") == ["ev-harbor_bridge"]
    assert ids(until="2021-11-17") == ["ev-seeds"]
    assert ids(since="2021-11-01", until="2021-12-31") == ["ev-seeds"]
    assert ids(q="bridge", outlet="Harbor Times") == []
    assert desk.get("/api/events", params={"until": "soon"}).status_code == 422
    page = lxml.html.document_fromstring(desk.get("/", params={"outlet": "Harbor Times"}).text)
    assert [a.get("href") for a in page.cssselect("table.events a")] == ["/events/ev-seeds"]


def test_outlet_page_lists_what_it_reported(desk: TestClient) -> None:
    assert desk.get("/api/outlets").json()[0].keys() == {"outlet", "articles", "events"}
    reports = desk.get("/api/outlets/Harbor Times").json()
    assert [(r["event"], r["article"]) for r in reports] == [("ev-seeds", "02_harbor_times")]
    page = desk.get("/outlets/Harbor%20Times")
    assert page.status_code == 200 and "NATO talks in Brussels stall" in page.text
    assert desk.get("/outlets/Nobody").status_code == 404


def test_a_stored_brief_survives_a_restart_and_is_not_made_again(
    briefed: dict[str, Any], desk_db: Path, brief_process: BriefProcess
) -> None:
    job = briefed["id"]
    with TestClient(create_app(ServeConfig(db=desk_db), process=brief_process), base_url=LOCAL) as restarted:
        assert restarted.get(f"/jobs/{job}").status_code == 200
        assert restarted.get(f"/api/jobs/{job}").json()["state"] == "done"
        again = restarted.post("/api/events/ev-seeds/brief")
        assert again.status_code == 202
        assert again.json()["id"] == job and again.json()["state"] == "done"
        assert restarted.get("/api/health").json()["jobs"]["running"] == 0


def test_person_page_lists_statements_across_events(desk: TestClient, briefed: dict[str, Any]) -> None:
    record = desk.get(f"/api/jobs/{briefed['id']}/brief").json()
    speakers = Counter(q["speaker"] for q in record["quotes"] if q["speaker"])
    name, quoted = speakers.most_common(1)[0]
    people = {p["name"]: p for p in desk.get("/api/people").json()}
    assert people[name]["statements"] >= quoted
    said = desk.get(f"/api/people/{name}").json()
    assert [s["text"] for s in said if s["event"] == "ev-seeds"] == [
        q["text"] for q in record["quotes"] if q["speaker"] == name
    ]
    page = lxml.html.document_fromstring(desk.get(f"/people/{name}").text)
    assert len(page.cssselect("li.statement")) == len(said)
    filtered = desk.get("/api/events", params={"person": name}).json()["events"]
    assert "ev-seeds" in [e["id"] for e in filtered]
    assert desk.get("/people/Nobody%20Atall").status_code == 404


def test_claims_csv_and_markdown_exports(desk: TestClient, briefed: dict[str, Any]) -> None:
    job = briefed["id"]
    record = desk.get(f"/api/jobs/{job}/brief").json()
    exported = desk.get(briefed["links"]["claims_csv"])
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    labels = [s["label"] for s in desk.get(f"/api/jobs/{job}/articles").json()]
    assert rows[0] == ["claim", "reports", "independent", *labels]
    assert len(rows) == 1 + len(record["claims"])
    for row, claim in zip(rows[1:], record["claims"], strict=True):
        assert row[0].lstrip("'") == claim["text"] and int(row[1]) == claim["support_count"]["articles"]
        assert row[3:].count("states") == len(claim["support"])
        assert set(row[3:]) <= {"states", "contradicts", ""}
    markdown = desk.get(briefed["links"]["markdown"])
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# ") and record["summary"][0]["text"][:30] in markdown.text


def test_no_server_path_in_any_answer(desk: TestClient, briefed: dict[str, Any], desk_db: Path) -> None:
    job = briefed["id"]
    answers = [
        desk.get("/api/events/ev-seeds").text,
        desk.get(f"/api/jobs/{job}/brief").text,
        desk.get(f"/api/jobs/{job}/articles").text,
        desk.get(f"/jobs/{job}").text,
        desk.get(f"/jobs/{job}/report.html").text,
        desk.get(briefed["links"]["markdown"]).text,
        desk.get("/api/outlets/Harbor Times").text,
    ]
    for text in answers:
        assert str(SEEDS_FOLDER) not in text and str(desk_db.parent) not in text
    sources = [a["source"] for a in desk.get("/api/events/ev-seeds").json()["articles"]]
    assert "02_harbor_times.txt" in sources and all("/" not in s for s in sources)


def test_job_times_are_iso(briefed: dict[str, Any]) -> None:
    for key in ("created", "finished"):
        when = datetime.fromisoformat(briefed[key])
        assert when.utcoffset() is not None and when.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_docs_page_lists_the_api(desk: TestClient) -> None:
    page = desk.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    doc = lxml.html.document_fromstring(page.text)
    listed = {h.text_content() for h in doc.cssselect("section.operation h2 code")}
    assert {"GET /api/events", "POST /api/briefs", "GET /api/people/{name}"} <= listed
    assert not doc.cssselect("script[src]") and not doc.cssselect("link[href]")
