"""The HTML pages: events, upload form, progress, report; all escaped and locked down."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import lxml.html
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsbrief.cli import app


def test_index_lists_and_searches_events(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    doc = lxml.html.document_fromstring(page.text)
    links = {a.get("href") for a in doc.cssselect("table.events a")}
    assert links == {"/events/ev-harbor_bridge", "/events/ev-seeds"}
    assert doc.cssselect('form[action="/briefs"] input[type=file][name=files]')
    # The event whose title holds the words comes first (full-text search may find more).
    searched = lxml.html.document_fromstring(client.get("/", params={"q": "harbor bridge"}).text)
    assert next(a.get("href") for a in searched.cssselect("table.events a")) == "/events/ev-harbor_bridge"
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"


def test_event_page_shows_progress_then_the_report(
    client: TestClient, wait_for: Callable[..., dict[str, Any]]
) -> None:
    opened = client.get("/events/ev-harbor_bridge", follow_redirects=False)
    assert opened.status_code == 303
    job_id = opened.headers["location"].removeprefix("/jobs/")
    first = client.get(f"/jobs/{job_id}")
    assert first.status_code == 200
    assert wait_for(client, job_id)["state"] == "done"
    report = lxml.html.document_fromstring(client.get(f"/jobs/{job_id}").text)
    assert report.cssselect("#summary a.chip.cite") and len(report.cssselect("article.source")) == 4
    assert report.cssselect(f'nav.app-nav a[href="/api/jobs/{job_id}/brief"]')
    download = client.get(f"/jobs/{job_id}/report.html")
    assert "attachment" in download.headers["content-disposition"]
    # The standalone file has no links back to the app.
    assert not lxml.html.document_fromstring(download.text).cssselect("nav.app-nav")
    assert client.get("/events/ev-nope").status_code == 404
    assert client.get("/jobs/nope").status_code == 404


def test_uploaded_payloads_are_escaped_in_the_served_report(
    client: TestClient, wait_for: Callable[..., dict[str, Any]], hostile_files: list[Any]
) -> None:
    posted = client.post("/briefs", files=hostile_files, follow_redirects=False)
    assert posted.status_code == 303
    job_id = posted.headers["location"].removeprefix("/jobs/")
    assert wait_for(client, job_id)["state"] == "done"
    html = client.get(f"/jobs/{job_id}").text
    doc = lxml.html.document_fromstring(html)
    assert [s.get("type") for s in doc.xpath("//script")] == ["application/json", None]
    assert not doc.xpath("//img") and not doc.xpath('//a[starts-with(@href, "javascript:")]')
    assert not [el for el in doc.iter() if any(name.startswith("on") for name in el.attrib)]
    assert "<script>window.__pwned=1</script>" in doc.text_content()


def test_empty_form_and_failed_brief_say_why(client: TestClient, wait_for: Callable[..., Any]) -> None:
    empty = client.post(
        "/briefs", data={"text": ""}, files=[("files", ("", b"", "application/octet-stream"))]
    )
    assert empty.status_code == 400 and "Nothing to brief" in empty.text
    posted = client.post("/briefs", data={"text": "too short"}, follow_redirects=False)
    job_id = posted.headers["location"].removeprefix("/jobs/")
    assert wait_for(client, job_id)["state"] == "failed"
    failed = client.get(f"/jobs/{job_id}")
    assert failed.status_code == 422 and "no usable article" in failed.text


def test_serve_refuses_a_missing_store(tmp_path: Any) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3 and "no store at" in result.stderr
    assert not (tmp_path / "none.db").exists()
