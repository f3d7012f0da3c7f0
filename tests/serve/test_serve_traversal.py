"""No path traversal through any parameter of the app, nor through the CLI's ids.

Every route and every parameter is read from the app itself (its routes' dependants: path,
query and form fields, uploaded file names), so one added later is attacked too. A sentinel
article with a random token lies next to the store's folder and inside it: if anything were
opened by a name a client gives, the token would show up in a response or a brief.
"""

from __future__ import annotations

import inspect
import os
import secrets
import shutil
import time
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from annotated_types import MaxLen
from fastapi import FastAPI
from fastapi.params import Body, File, Form, Query
from fastapi.params import Path as PathParam
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount, Route
from typer.testing import CliRunner

import newsbrief.serve
from newsbrief.cli import app as cli_app
from newsbrief.serve import Limits, ServeConfig, create_app
from newsbrief.serve.brief_process import BriefProcess

# The app answers only trusted Host names (TestClient's default is "testserver").
LOCAL = "http://localhost"

PASSWD = "root:x:0:0"
LONG = "../" * 2000 + "etc/passwd"


def payloads(secret: Path, store: Path) -> list[str]:
    up = "/".join([".."] * 12)
    return [
        "../../../../etc/passwd",
        f"{up}/etc/passwd",
        "..%2f..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "..%252f..%252fetc%252fpasswd",
        "....//....//....//etc/passwd",
        "..;/..;/etc/passwd",
        "/etc/passwd",
        "file:///etc/passwd",
        "C:\\Windows\\win.ini",
        "..\\..\\..\\..\\Windows\\win.ini",
        "/etc/passwd%00.html",
        "secret.txt\x00.html",
        "%00",
        "\x00",
        # The sentinel, from the store's folder (the working directory), absolutely and bare.
        os.path.relpath(secret, store),
        f"../../{secret.parent.name}/secret.txt",
        f"{store}/../secret.txt",
        str(secret),
        "secret.txt",
        "./secret.txt",
        LONG,
    ]


@dataclass(frozen=True)
class Param:
    route: APIRoute
    method: str
    name: str
    kind: str  # path, query, form, file
    annotation: Any
    max_length: int | None

    def __str__(self) -> str:
        return f"{self.method} {self.route.path} {self.kind}:{self.name}"


def all_routes(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route of the app, inside included routers (FastAPI keeps them whole) and mounts
    (yielded too: a mount may serve anything)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from all_routes(included.routes)
            continue
        yield route
        if isinstance(route, Mount):
            yield from all_routes(route.routes)


def parameters(app: FastAPI) -> list[Param]:
    found = []
    for route in all_routes(app.routes):
        if not isinstance(route, APIRoute):
            continue
        stack = [route.dependant]
        while stack:
            dependant = stack.pop()
            stack.extend(dependant.dependencies)
            fields = [
                *dependant.path_params,
                *dependant.query_params,
                *dependant.header_params,
                *dependant.cookie_params,
                *dependant.body_params,
            ]
            for field in fields:
                info = field.field_info
                kind = (
                    "path"
                    if isinstance(info, PathParam)
                    else "query"
                    if isinstance(info, Query)
                    else "file"
                    if isinstance(info, File)
                    else "form"
                    if isinstance(info, Form)
                    else "body"
                    if isinstance(info, Body)
                    else type(info).__name__
                )
                limit = next((m.max_length for m in info.metadata if isinstance(m, MaxLen)), None)
                for method in sorted(route.methods):
                    found.append(Param(route, method, field.alias, kind, info.annotation, limit))
    return found


def is_number(annotation: Any) -> bool:
    return int in {annotation, *typing.get_args(annotation)}


def is_choice(annotation: Any) -> bool:
    return typing.get_origin(annotation) is typing.Literal


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory, stored_db: Path) -> dict[str, Any]:
    """A store in ``root/store/``, and sentinel articles in ``root/`` and ``root/store/``."""
    root = tmp_path_factory.mktemp("traversal")
    token = f"sentinel{secrets.token_hex(8)}"
    article = (
        f"The harbor council met on Monday and agreed the secret code word {token} for the new "
        f"bridge inspections, officials said.\n\nThe mayor said the code word {token} would be "
        "used by every engineer who inspects the damaged pier this week."
    )
    store = root / "store"
    store.mkdir()
    db = store / "newsbrief.db"
    shutil.copyfile(stored_db, db)
    for folder in (root, store):
        (folder / "secret.txt").write_text(article)
    return {"root": root, "store": store, "db": db, "token": token, "secret": root / "secret.txt"}


@pytest.fixture(scope="module")
def process() -> Iterator[BriefProcess]:
    shared = BriefProcess()
    # Started before the tests change folder: the child imports from sys.path, whose "" is the
    # current folder (it would import an installed newsbrief, not this checkout, from there).
    shared.start()
    yield shared
    shared.close()


@pytest.fixture
def client(
    layout: dict[str, Any], process: BriefProcess, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    # Relative names resolve from the store's folder, where the bare sentinel lies.
    monkeypatch.chdir(layout["store"])
    limits = Limits(max_pending_jobs=10_000, keep_jobs=10_000)
    app = create_app(ServeConfig(db=layout["db"], limits=limits), process=process)
    # A server error is a finding to list with the others, not a reason to stop.
    with TestClient(app, raise_server_exceptions=False, base_url=LOCAL) as test_client:
        yield test_client


def leaks(text: str, token: str) -> bool:
    return token in text or PASSWD in text or "[fonts]" in text  # win.ini's first section


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if not p.name.startswith("newsbrief.db")}


def raw_request(run_async: Callable[..., Any], app: FastAPI, method: str, path: str) -> tuple[int, bytes]:
    """One request with ``path`` exactly as given: HTTP clients resolve ``..`` segments
    before sending, a hostile one does not (and uvicorn passes them on)."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape"),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
    }
    run_async(app, scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body


def fill_path(route: APIRoute, values: dict[str, str]) -> str:
    path = route.path
    for name in route.param_convertors:
        path = path.replace("{" + name + "}", values.get(name, "x"))
    return path


def send(client: TestClient, param: Param, value: str) -> Any:
    """``value`` in ``param``, every other parameter left at its default (or a plain id)."""
    path = fill_path(param.route, {param.name: quote(value, safe="")} if param.kind == "path" else {})
    if param.kind == "query":
        return client.request(param.method, path, params={param.name: value}, follow_redirects=False)
    if param.kind == "form":
        return client.request(param.method, path, data={param.name: value}, follow_redirects=False)
    if param.kind == "file":
        files = [(param.name, (value, b"Too short to be an article.", "text/plain"))]
        return client.request(param.method, path, files=files, follow_redirects=False)
    return client.request(param.method, path, follow_redirects=False)


def expected(param: Param, value: str) -> set[int]:
    if param.kind == "path":
        return {404}
    if is_number(param.annotation) or is_choice(param.annotation):
        return {422}
    if param.max_length is not None and len(value) > param.max_length:
        return {422}
    if param.name in ("since", "until"):
        return {422}  # not an ISO date
    started = {202} if param.route.path.startswith("/api/") else {303}
    if param.kind == "file" and len(value) > 1000:
        return {400}  # a multipart part header that long is malformed to the form parser
    if param.kind in ("form", "file"):
        return started
    return {200}


def job_id(response: Any) -> str | None:
    if response.status_code == 202:
        return response.json()["id"]
    if response.status_code == 303:
        return response.headers["location"].removeprefix("/jobs/")
    return None


def test_every_parameter_refuses_traversal(
    client: TestClient, layout: dict[str, Any], wait_for: Callable[..., dict[str, Any]]
) -> None:
    token, root = layout["token"], layout["root"]
    params = parameters(client.app)
    # The enumeration sees what the schema lists, and the pages the schema leaves out.
    schema_paths = set(client.get("/openapi.json").json()["paths"])
    assert schema_paths <= {p.route.path for p in params} | {"/api/health", "/api/outlets", "/api/people"}
    kinds = {(p.route.path, p.kind, p.name) for p in params}
    assert {
        ("/api/events/{event_id}", "path", "event_id"),
        ("/jobs/{job_id}/report.html", "path", "job_id"),
        ("/api/events", "query", "since"),
        ("/", "query", "q"),
        ("/api/briefs", "form", "text"),
        ("/briefs", "file", "files"),
        ("/api/events/{event_id}/brief", "query", "words"),
    } <= kinds
    assert {p.kind for p in params} <= {"path", "query", "form", "file"}, "a new kind of parameter"
    before = files_under(root)
    problems, jobs = [], []
    for param in params:
        for value in payloads(layout["secret"], layout["store"]):
            response = send(client, param, value)
            where = f"{param} = {value[:40]!r}"
            if response.status_code not in expected(param, value):
                problems.append(f"{where}: {response.status_code} {response.text[:200]}")
            if leaks(response.text, token):
                problems.append(f"{where}: leaked into the response")
            if (found := job_id(response)) is not None:
                jobs.append((where, found))
    assert not problems, "\n".join(problems)
    assert jobs, "no payload reached a brief job"
    # Every brief given a hostile text or file name fails for want of an article: none read
    # the sentinel (which would brief) or any other file.
    deadline = time.monotonic() + 120  # for all of them together
    for where, found in jobs:
        status = wait_for(client, found, timeout=max(0.0, deadline - time.monotonic()))
        assert status["state"] == "failed", f"{where}: {status}"
        assert "no usable article" in status["error"] and not leaks(status["error"], token)
        # Uploaded file names are reduced to their last part.
        source = status["error"].split("(", 1)[1].split(": ")[0]
        assert "/" not in source and "\\" not in source, f"{where}: {status['error']}"
        page = client.get(f"/jobs/{found}")
        assert page.status_code == 422 and not leaks(page.text, token)
    assert files_under(root) == before, "a request wrote a file"


def test_raw_dot_segments_in_the_url_reach_no_file(
    client: TestClient, layout: dict[str, Any], run_async: Callable[..., Any]
) -> None:
    app, token = client.app, layout["token"]
    routes = [r for r in all_routes(app.routes) if isinstance(r, APIRoute) and r.param_convertors]
    assert routes
    for route in routes:
        for method in route.methods:
            for tail in ("../../../etc/passwd", "../secret.txt", "..\\..\\secret.txt", "x/../../secret.txt"):
                path = fill_path(route, dict.fromkeys(route.param_convertors, tail))
                status, body = raw_request(run_async, app, method, path)
                assert status in (404, 405), (method, path, status)
                assert not leaks(body.decode("utf-8", "replace"), token)
    top = ("/../../../etc/passwd", "/secret.txt", "/../secret.txt", "/newsbrief.db", "/%2e%2e/secret.txt")
    for path in top:
        status, body = raw_request(run_async, app, "GET", path)
        assert status == 404 and not leaks(body.decode("utf-8", "replace"), token), path


def test_upload_names_are_reduced_to_a_base_name_and_never_written(
    client: TestClient, layout: dict[str, Any], wait_for: Callable[..., dict[str, Any]]
) -> None:
    store, root, token = layout["store"], layout["root"], layout["token"]
    evil = f"evil-{secrets.token_hex(4)}.txt"
    names = [f"../../{evil}", f"..\\..\\{evil}", f"/tmp/{evil}", f"{root}/{evil}", f"....//{evil}"]
    article = (
        "The harbor bridge was closed on Monday after a container ship struck its eastern pier, "
        "officials said.\n\nEngineers will inspect the damaged pier this week, the mayor said."
    )
    files = [("files", (name, article.encode(), "text/plain")) for name in names]
    started = client.post("/api/briefs", files=files)
    assert started.status_code == 202
    found = started.json()["id"]
    status = wait_for(client, found, timeout=120)
    assert status["state"] == "done", status
    brief = client.get(f"/api/jobs/{found}/brief").json()
    sources = [a["source"] for a in brief["event"]["articles"]] + [f["source"] for f in brief["failures"]]
    # Five uploads of one text under one base name: one article, four duplicates.
    assert sources and set(sources) == {evil}
    assert not leaks(str(brief), token)
    written = [p for p in (store, root, root.parent, Path("/tmp")) if (p / evil).exists()]
    assert written == [] and not any(root.rglob(evil))


def test_no_route_serves_files_from_disk(client: TestClient) -> None:
    for route in all_routes(client.app.routes):
        assert not isinstance(route, Mount), f"a mount at {route.path}"
        assert isinstance(route, (APIRoute, Route)), route
        if isinstance(route, APIRoute):
            assert "FileResponse" not in getattr(route.response_class, "__name__", "")
        else:
            assert route.path == "/openapi.json"
    package = Path(inspect.getfile(newsbrief.serve)).parent
    for module in package.glob("*.py"):
        source = module.read_text()
        for name in ("FileResponse", "StaticFiles", "send_file"):
            assert name not in source, f"{module.name} uses {name}"


def test_cli_ids_are_looked_up_never_opened(layout: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(layout["store"])
    runner, db, token = CliRunner(), str(layout["db"]), layout["token"]
    for event in ("../secret.txt", "secret.txt", str(layout["secret"]), "../../../etc/passwd", "..\\secret"):
        result = runner.invoke(cli_app, ["brief", "--event", event, "--db", db])
        assert result.exit_code == 3 and "no event" in result.output, (event, result.output)
        assert not leaks(result.output, token)
    result = runner.invoke(cli_app, ["events", "--since", "../../etc/passwd", "--db", db])
    assert result.exit_code == 2 and not leaks(result.output, token)
    # --db does name a file: one that is not a store is refused, not shown, and left unchanged.
    before = layout["secret"].read_bytes()
    for command in (["events"], ["brief", "--event", "ev-seeds"], ["serve"]):
        result = runner.invoke(cli_app, [*command, "--db", "../secret.txt"])
        assert result.exit_code == 3 and "cannot open store" in result.output, result.output
        assert not leaks(result.output, token)
    assert layout["secret"].read_bytes() == before
