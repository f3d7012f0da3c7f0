"""--fetch against a real HTTP server on the loopback interface (no other network is used)."""

from __future__ import annotations

import html
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from newsbrief.examples import example_paths
from newsbrief.ingest.fetch import USER_AGENT, FetchPolicy, fetch_documents, page_id, read_url_list
from newsbrief.types import Failure, RawDocument

ROOT = Path(__file__).resolve().parents[2]


class _Handler(SimpleHTTPRequestHandler):
    requests: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        type(self).requests.append((self.path, self.headers.get("User-Agent", "")))
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _page(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    head = f"<head><title>{html.escape(lines[0])}</title></head>"
    return f"<html>{head}<body><article>{body}</article></body></html>"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """The bundled example's reports as pages; /private/ is disallowed by robots.txt."""
    (tmp_path / "private").mkdir()
    names = []
    for i, path in enumerate(example_paths()):
        folder = tmp_path / "private" if i == 3 else tmp_path
        (folder / f"{path.stem}.html").write_text(_page(path.read_text(encoding="utf-8")), encoding="utf-8")
        names.append(f"private/{path.stem}.html" if i == 3 else f"{path.stem}.html")
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    _Handler.requests = []
    handler = lambda *a, **k: _Handler(*a, directory=str(tmp_path), **k)  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/{n}</link></item>" for i, n in enumerate(names)
    )
    (tmp_path / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    locs = "".join(f"<url><loc>{base}/{n}</loc></url>" for n in names[:2])
    (tmp_path / "sitemap.xml").write_text(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
        encoding="utf-8",
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_feed_pages_are_fetched_politely_and_robots_txt_is_obeyed(site: str) -> None:
    items = list(fetch_documents(feeds=[f"{site}/feed.xml"], policy=FetchPolicy(delay_s=0)))
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(docs) == 3 and all(d.format == "html" and d.url == d.source for d in docs)
    assert [d.title for d in docs] == ["Story 0", "Story 1", "Story 2"]
    (refused,) = failures
    assert "/private/" in refused.source and "robots.txt" in refused.reason
    paths = [path for path, _ in _Handler.requests]
    assert not any(p.startswith("/private/") for p in paths)  # never requested at all
    assert paths.count("/robots.txt") == 1  # read once per host
    assert all(agent == USER_AGENT for _, agent in _Handler.requests)


def test_sitemap_and_page_limit(site: str) -> None:
    items = list(
        fetch_documents(sitemaps=[f"{site}/sitemap.xml"], policy=FetchPolicy(delay_s=0, max_pages=1))
    )
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], Failure) and "limit of 1 pages" in items[1].reason


def test_a_public_feed_cannot_point_the_fetcher_at_a_private_address() -> None:
    # The user named no private host, so 127.0.0.1 stays behind trafilatura's SSRF guard.
    from newsbrief.ingest.fetch import Fetcher

    fetcher = Fetcher(FetchPolicy(delay_s=0))
    fetcher.trust(["https://news.example.org/feed.xml"])
    assert fetcher._config("127.0.0.1")["DEFAULT"]["ssrf_protection"] == "on"
    fetcher.trust(["http://127.0.0.1:8000/feed.xml"])
    assert fetcher._config("127.0.0.1")["DEFAULT"]["ssrf_protection"] == "off"


def test_policy_bounds_are_validated() -> None:
    with pytest.raises(ValueError, match="max_pages"):
        FetchPolicy(max_pages=0)
    with pytest.raises(ValueError, match="timeout_s"):
        FetchPolicy(timeout_s=1000)


def test_url_list_and_ids() -> None:
    assert read_url_list("# mine\nhttp://a.org/x\n\n  https://b.org/y/  \n") == [
        "http://a.org/x",
        "https://b.org/y/",
    ]
    assert page_id("https://b.org/news/ship-hits-bridge/").startswith("ship-hits-bridge-")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsbrief", "brief", *args, "--no-progress"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


def test_cli_briefs_a_feed_with_fetch_and_refuses_without_it(site: str) -> None:
    done = _cli("--fetch", "--feed", f"{site}/feed.xml", "--fetch-delay", "0", "--format", "json")
    assert done.returncode == 1, done.stderr  # a brief, with one input skipped (robots.txt)
    record = json.loads(done.stdout)
    assert len(record["event"]["articles"]) == 3
    assert any("robots.txt" in f["reason"] for f in record["failures"])
    before = len(_Handler.requests)
    refused = _cli("--feed", f"{site}/feed.xml")
    assert refused.returncode == 2 and "--fetch" in refused.stderr
    assert len(_Handler.requests) == before  # without --fetch nothing is requested
