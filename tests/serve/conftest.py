"""Fixtures for the web app tests: a store with two events, a client, hostile articles."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import anyio
import pytest

from newsbrief.examples import example_paths
from newsbrief.store import Store
from newsbrief.store.ingest import ingest_paths
from newsbrief.types import Article

try:
    from fastapi.testclient import TestClient

    from newsbrief.serve import ServeConfig, create_app
    from newsbrief.serve.brief_process import BriefProcess
except ModuleNotFoundError:  # the serve extra is not installed: nothing here can run
    collect_ignore_glob = ["test_*.py"]

EXAMPLE = example_paths()[0].parent
# The app answers only trusted Host names (TestClient's default is "testserver").
LOCAL = "http://localhost"
SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">'


class FolderEvents:
    """Stands in for the event clusterer: one event per input folder, no state kept."""

    @classmethod
    def load(cls, _: object) -> FolderEvents:
        return cls()

    def add(self, articles: list[Article]) -> dict[str, str]:
        return {a.id: "ev-" + Path(a.source).parent.name for a in articles}

    def save(self, _: object) -> None:
        pass


# Five short fictional reports of a NATO council meeting (tests/data/serve/seeds/README.md), so
# the app tests need no ../shared data; their folder name makes the event "ev-seeds".
SECOND_EVENT = Path(__file__).resolve().parents[1] / "data" / "serve" / "seeds"


@pytest.fixture(scope="session")
def stored_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "newsbrief.db"
    with Store(db) as store:
        report = ingest_paths(store, [EXAMPLE, SECOND_EVENT], clusterer_factory=FolderEvents.load)
    assert report.added == 9 and not report.failures
    return db


@pytest.fixture(scope="session")
def brief_process() -> Iterator[BriefProcess]:
    """One briefing child for the session's apps, so its models load once (about 3 s)."""
    process = BriefProcess()
    yield process
    process.close()


@pytest.fixture
def client(stored_db: Path, brief_process: BriefProcess) -> Iterator[TestClient]:
    with TestClient(
        create_app(ServeConfig(db=stored_db), process=brief_process), base_url=LOCAL
    ) as test_client:
        yield test_client


def wait_until_finished(client: TestClient, job_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/api/jobs/{job_id}").json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in {timeout} s")


def hostile_upload() -> list[tuple[str, tuple[str, bytes, str]]]:
    """A text, an HTML and a JSONL article carrying script payloads in text and metadata."""
    body = (
        "The harbor bridge was closed on Monday after a container ship struck its eastern pier, "
        f"officials said. The sign read {SCRIPT_PAYLOAD} and {IMG_PAYLOAD} near the pier.\n\n"
        "Mayor Renata Voss said nobody would cross the bridge until engineers had inspected it."
    )
    html = (
        "<html><head><title>Bridge closed</title></head><body><article><h1>Bridge closed</h1>"
        "<p>The harbor bridge was closed on Monday after a container ship struck its eastern "
        "pier, officials said. Engineers will inspect the damaged pier this week.</p>"
        "<p>A banner said &lt;script&gt;window.__pwned=1&lt;/script&gt; in large letters, and "
        "Mayor Renata Voss said nobody would cross the bridge until it was declared safe.</p>"
        '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"></article>'
        "</body></html>"
    )
    record = {
        "id": "wire-1",
        "title": f"Ship hits bridge {SCRIPT_PAYLOAD}",
        "outlet": f"Wire {IMG_PAYLOAD}",
        "url": "javascript:window.__pwned=1",
        "text": "A container ship struck the harbor bridge on Monday and the city closed it, "
        "officials said.\n\nMayor Renata Voss said nobody would cross the bridge until engineers "
        "had inspected it, calling </script><script>window.__pwned=1</script> a prank.",
    }
    return [
        ("files", ("herald.txt", body.encode(), "text/plain")),
        ("files", ("courier.html", html.encode(), "text/html")),
        ("files", ("wire.jsonl", (json.dumps(record) + "\n").encode(), "application/jsonl")),
    ]


def run_in_fresh_loop(function: Callable[..., Awaitable[Any]], *args: Any) -> Any:
    """Run a coroutine function to completion on a fresh event loop in its own thread: the
    browser tests' session-wide Playwright keeps an event loop running in the main thread, and
    anyio.run / asyncio.run refuse to start inside it."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, function, *args).result()


RunAsync = Callable[..., Any]


@pytest.fixture
def run_async() -> RunAsync:
    return run_in_fresh_loop


WaitFor = Callable[..., dict[str, Any]]
Upload = list[tuple[str, tuple[str, bytes, str]]]


@pytest.fixture
def wait_for() -> WaitFor:
    return wait_until_finished


@pytest.fixture
def hostile_files() -> Upload:
    return hostile_upload()
