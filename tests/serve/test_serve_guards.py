"""Issue 16 rows 6, 7 and 19: a trusted Host only, relative redirects, state changes from the
app's own origin only, HEAD wherever GET works, and errors in the style of the route (a broken
store included, which /api/health reports)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import newsbrief.cli.serve as serve_command
from newsbrief.cli import app as cli_app
from newsbrief.serve import ServeConfig, create_app
from newsbrief.serve.brief_process import BriefProcess
from newsbrief.serve.guards import allowed_hosts

LOCAL = "http://localhost"


def test_a_foreign_host_gets_nothing(client: TestClient) -> None:
    for path in ("/api/events", "/", "/api/events/ev-seeds"):
        response = client.get(path, headers={"Host": "attacker.example"})
        assert response.status_code == 400, path
        assert "ev-seeds" not in response.text and "harbor" not in response.text.lower()
    assert client.get("/api/events", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/api/events", headers={"Host": "[::1]:8000"}).status_code == 200


def test_the_trailing_slash_redirect_names_no_host(client: TestClient) -> None:
    response = client.get("/api/events/?q=x", headers={"Host": "localhost:8000"}, follow_redirects=False)
    assert response.status_code in (307, 308)
    assert response.headers["location"] == "/api/events?q=x"


def test_allowed_hosts_add_the_listen_address_and_extra_names(
    stored_db: Path, brief_process: BriefProcess
) -> None:
    assert allowed_hosts("0.0.0.0", ["news.example.org"]) == (
        "localhost",
        "127.0.0.1",
        "[::1]",
        "news.example.org",
    )
    assert "10.0.0.5" in allowed_hosts("10.0.0.5")
    config = ServeConfig(db=stored_db, allowed_hosts=allowed_hosts("0.0.0.0", ["news.example.org"]))
    with TestClient(create_app(config, process=brief_process), base_url="http://news.example.org") as other:
        assert other.get("/api/events").status_code == 200
        assert other.get("/api/events", headers={"Host": "evil.example"}).status_code == 400


def test_serve_passes_allowed_hosts_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}

    def fake_run(app: object, **options: object) -> None:
        seen["hosts"] = app.state.newsbrief.config.allowed_hosts  # type: ignore[attr-defined]

    monkeypatch.setattr("uvicorn.run", fake_run)
    result = CliRunner().invoke(
        cli_app, ["serve", "--host", "0.0.0.0", "--allowed-host", "desk.example", "--port", "0"]
    )
    assert result.exit_code == 0, result.output
    assert seen["hosts"] == ("localhost", "127.0.0.1", "[::1]", "desk.example")
    assert serve_command is not None


def test_cross_origin_posts_are_refused(client: TestClient) -> None:
    files = {"files": ("a.txt", b"The council met on Wednesday, officials said.", "text/plain")}
    attempts = [
        ("/api/briefs", {"files": files}, {"Origin": "http://evil.example"}),
        ("/briefs", {"data": {"text": "Pasted words."}}, {"Origin": "null"}),
        ("/briefs", {"data": {"text": "Pasted words."}}, {"Sec-Fetch-Site": "cross-site"}),
        ("/api/briefs", {"data": {"text": "Pasted."}}, {"Origin": "http://localhost:9999"}),
        ("/api/events/ev-seeds/brief", {}, {"Sec-Fetch-Site": "same-site"}),
    ]
    for path, body, headers in attempts:
        response = client.post(path, headers=headers, **body)  # type: ignore[arg-type]
        assert response.status_code == 403, (path, headers)
        assert "cross-origin" in response.json()["detail"]
    assert sum(client.get("/api/health").json()["jobs"].values()) == 0
    same = client.post(
        "/api/events/ev-seeds/brief",
        headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
    )
    assert same.status_code == 202
    # A browser's own form under a no-referrer policy: Origin null, but Fetch Metadata says so.
    form = client.post(
        "/briefs",
        data={"text": "Pasted words."},
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert form.status_code == 303


def _example_path(route: APIRoute) -> str:
    return route.path.replace("{event_id}", "ev-seeds").replace("{job_id}", "no-such-job")


def test_head_answers_like_get_on_every_get_route(client: TestClient) -> None:
    every = [
        route
        for top in client.app.routes  # type: ignore[attr-defined]
        for route in getattr(getattr(top, "original_router", None), "routes", [top])
    ]
    routes = [r for r in every if isinstance(r, APIRoute) and "GET" in r.methods]
    assert len(routes) >= 8
    for route in routes:
        if route.path.startswith("/events/"):
            continue  # opening an event starts a brief; its HEAD is checked below with a job id
        path = _example_path(route)
        get, head = client.get(path, follow_redirects=False), client.head(path, follow_redirects=False)
        assert head.status_code == get.status_code != 405, path
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"], path


def test_a_broken_store_is_reported_in_the_apps_style(
    stored_db: Path, brief_process: BriefProcess, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    shutil.copy(stored_db, db)
    with TestClient(create_app(ServeConfig(db=db), process=brief_process), base_url=LOCAL) as broken:
        assert broken.get("/api/health").json()["status"] == "ok"
        db.write_bytes(b"this is no longer an SQLite file" * 200)
        api = broken.get("/api/events")
        assert api.status_code == 503 and api.headers["content-type"] == "application/json"
        assert "news.db cannot be read" in api.json()["detail"]
        assert str(tmp_path) not in api.text
        page = broken.get("/")
        assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
        assert "cannot be read" in page.text and str(tmp_path) not in page.text
        event = broken.get("/events/ev-seeds")
        assert event.status_code == 503 and event.headers["content-type"].startswith("text/html")
        broken.app.state.newsbrief._store_checked = (float("-inf"), None)  # type: ignore[attr-defined]
        health = broken.get("/api/health")
        assert health.status_code == 503
        assert health.json()["status"] == "degraded" and "cannot be read" in health.json()["store_error"]
        db.unlink()
        assert broken.get("/api/events").status_code == 503
        assert not db.exists()


def test_the_form_route_answers_errors_as_pages(client: TestClient) -> None:
    bad = client.post("/briefs", data={"text": "Some words.", "words": "5"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html")
    assert "words" in bad.text and "<!doctype html>" in bad.text.lower()
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert client.get("/api/no/such").headers["content-type"] == "application/json"
