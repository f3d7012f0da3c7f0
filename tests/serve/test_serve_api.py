"""The JSON API over a real store and the real pipeline."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from newsbrief.serve import Limits, ServeConfig, create_app
from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.schema import BriefModel
from newsbrief.store import Store

# The app answers only trusted Host names (TestClient's default is "testserver").
LOCAL = "http://localhost"


def test_health_and_openapi_schema_cover_the_api(client: TestClient) -> None:
    assert client.get("/api/health").json() == {
        "status": "ok",
        "store": True,
        "store_error": None,
        "jobs": {"queued": 0, "running": 0, "done": 0, "failed": 0},
    }
    schema = client.get("/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/events/{event_id}/brief",
        "/api/briefs",
        "/api/jobs/{job_id}",
        "/api/jobs/{job_id}/brief",
        "/api/jobs/{job_id}/articles",
    } <= set(schema["paths"])
    brief = schema["components"]["schemas"]["BriefModel"]["properties"]
    assert {"summary", "claims", "quotes", "entities", "numbers", "timeline", "coverage"} <= set(brief)
    # The pages are not API and stay out of the schema.
    assert "/" not in schema["paths"] and "/jobs/{job_id}" not in schema["paths"]


def test_events_are_listed_and_searched(client: TestClient, stored_db: Path) -> None:
    listed = client.get("/api/events").json()
    assert listed["store"] is True and listed["total"] == 2
    assert {e["id"] for e in listed["events"]} == {"ev-harbor_bridge", "ev-seeds"}
    harbor = next(e for e in listed["events"] if e["id"] == "ev-harbor_bridge")
    assert harbor["articles"] == 4 and harbor["independent_outlets"] == 3
    found = client.get("/api/events", params={"q": "NATO"}).json()
    assert [e["id"] for e in found["events"]] == ["ev-seeds"] and found["total"] == 1
    assert client.get("/api/events", params={"q": "nato bridge"}).json()["total"] == 0
    paged = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert paged["total"] == 2 and len(paged["events"]) == 1
    detail = client.get("/api/events/ev-seeds").json()
    with Store(stored_db) as store:
        assert [a["id"] for a in detail["articles"]] == store.event_article_ids("ev-seeds")
    assert client.get("/api/events/ev-nope").status_code == 404
    assert client.post("/api/events/ev-nope/brief").status_code == 404


def test_stored_event_is_briefed_off_the_event_loop_and_reused(
    client: TestClient, wait_for: Callable[..., dict[str, Any]]
) -> None:
    started = client.post("/api/events/ev-harbor_bridge/brief")
    assert started.status_code == 202
    job = started.json()
    assert started.headers["location"] == job["links"]["status"]
    assert job["state"] in ("queued", "running") and job["kind"] == "event"
    # The server answers while the brief is being made.
    assert client.get("/api/health").status_code == 200
    assert client.get(f"/api/jobs/{job['id']}/brief").status_code in (200, 409)
    status = wait_for(client, job["id"])
    assert status["state"] == "done", status
    brief = client.get(job["links"]["brief"]).json()
    BriefModel.model_validate(brief)
    assert brief["event"]["id"] == "ev-harbor_bridge" and len(brief["event"]["articles"]) == 4
    texts = {a["id"]: a["text"] for a in client.get(job["links"]["articles"]).json()}
    for sentence in brief["summary"]:
        for source in sentence["sources"]:
            assert 0 <= source["start"] < source["end"] <= len(texts[source["article"]])
        # The sentence is taken from its first source (possibly shortened).
        first = sentence["sources"][0]
        taken_from = texts[first["article"]][first["start"] : first["end"]]
        assert set(re.findall(r"\w+", sentence["text"])) <= set(re.findall(r"\w+", taken_from))
    # Same event, same articles: the finished brief is reused, not made again.
    assert client.post("/api/events/ev-harbor_bridge/brief").json()["id"] == job["id"]
    assert client.post("/api/events/ev-harbor_bridge/brief", params={"words": 60}).json()["id"] != job["id"]


def test_uploaded_text_html_and_jsonl_are_briefed_together(
    client: TestClient, wait_for: Callable[..., dict[str, Any]], hostile_files: list[Any]
) -> None:
    started = client.post("/api/briefs", files=hostile_files, data={"words": "60"})
    assert started.status_code == 202, started.text
    status = wait_for(client, started.json()["id"])
    assert status["state"] == "done", status
    brief = client.get(status["links"]["brief"]).json()
    assert {a["id"] for a in brief["event"]["articles"]} == {"herald", "courier", "wire-1"}
    articles = client.get(status["links"]["articles"]).json()
    wire = next(a for a in articles if a["id"] == "wire-1")
    assert wire["outlet"].startswith("Wire <img") and "</script><script>" in wire["text"]
    # The HTML page's script and img elements are markup, dropped by cleaning; escaped text stays.
    courier = next(a for a in articles if a["id"] == "courier")["text"]
    assert "<script>window.__pwned=1</script>" in courier and "onerror" not in courier


def test_pasted_articles_split_on_dashes(client: TestClient, wait_for: Callable[..., dict[str, Any]]) -> None:
    first = (
        "The council closed the harbor bridge on Monday after a ship struck the eastern pier.\n\n"
        "Repairs start soon, the mayor said."
    )
    second = (
        "A ship struck the harbor bridge, and the council closed the crossing on Monday night.\n\n"
        "Engineers will inspect the pier this week."
    )
    started = client.post("/api/briefs", data={"text": f"{first}\n---\n{second}"})
    status = wait_for(client, started.json()["id"])
    assert status["state"] == "done", status
    brief = client.get(status["links"]["brief"]).json()
    assert [a["id"] for a in brief["event"]["articles"]] == ["pasted-1", "pasted-2"]


def test_bad_uploads_are_explained(client: TestClient, wait_for: Callable[..., dict[str, Any]]) -> None:
    assert client.post("/api/briefs", data={"text": "   "}).status_code == 400
    started = client.post("/api/briefs", files=[("files", ("a.pdf", b"%PDF-1.4", "application/pdf"))])
    status = wait_for(client, started.json()["id"])
    assert status["state"] == "failed" and "unsupported file type" in status["error"]
    assert client.get(status["links"]["brief"]).status_code == 409
    assert client.get("/api/jobs/nope").status_code == 404
    assert client.post("/api/briefs", data={"text": "x", "words": "5"}).status_code == 422


def test_request_size_and_article_count_are_limited(
    stored_db: Path, wait_for: Callable[..., dict[str, Any]], brief_process: BriefProcess
) -> None:
    limits = Limits(max_body_bytes=2000, max_articles=2)
    config = ServeConfig(db=stored_db, limits=limits)
    with TestClient(create_app(config, process=brief_process), base_url=LOCAL) as small:
        big = small.post("/api/briefs", data={"text": "word " * 1000})
        assert big.status_code == 413
        # Without Content-Length (chunked), the limit is enforced on what arrives.
        chunked = small.post(
            "/api/briefs",
            content=(b"x" * 500 for _ in range(10)),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert chunked.status_code == 413
        pasted = "\n---\n".join(
            f"Article {n}: the council closed the harbor bridge on Monday after a ship hit it.\n\n"
            "Engineers will inspect the pier this week."
            for n in range(3)
        )
        status = wait_for(small, small.post("/api/briefs", data={"text": pasted}).json()["id"])
        assert status["state"] == "done", status
        brief = small.get(status["links"]["brief"]).json()
        assert len(brief["event"]["articles"]) == 2
        assert "over the limit of 2 articles" in brief["failures"][0]["reason"]


def test_server_without_store_serves_uploads_only(brief_process: BriefProcess) -> None:
    with TestClient(create_app(ServeConfig(db=None), process=brief_process), base_url=LOCAL) as bare:
        assert bare.get("/api/events").json() == {
            "store": False,
            "query": "",
            "total": 0,
            "offset": 0,
            "events": [],
        }
        assert bare.get("/api/events/ev-seeds").status_code == 404
        assert "No article store" in bare.get("/").text


def test_since_must_be_a_date(client: TestClient) -> None:
    dated = client.get("/api/events", params={"since": "2022-01-01"})
    assert dated.status_code == 200 and dated.json()["total"] >= 1
    assert client.get("/api/events", params={"since": "2999-01-01"}).json()["total"] == 0
    bad = client.get("/api/events", params={"since": "last week"})
    assert bad.status_code == 422 and "not an ISO date" in bad.json()["detail"]
    page = client.get("/", params={"since": "last week"})
    assert page.status_code == 422 and "not an ISO date" in page.text
