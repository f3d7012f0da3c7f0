"""Screenshots of the report and the app for the docs, in headless Chromium (not a test).

    python3 tests/browser/make_screenshots.py [--seeds ../shared/seeds] [--out docs/img]

Writes report.png (desktop), report-passages.png (a citation opened), report-phone.png and
app.png (the front page over a store holding the seeds and the bundled example).
"""

from __future__ import annotations

import argparse
import importlib.util
import socket
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import Page, sync_playwright

from newsbrief.examples import example_paths
from newsbrief.pipeline import build_brief, load_articles
from newsbrief.render.html import render_html
from newsbrief.serve import ServeConfig, create_app
from newsbrief.store import Store
from newsbrief.store.ingest import ingest_paths, open_clusterer
from newsbrief.types import Article

REPO = Path(__file__).resolve().parents[2]


class FolderEvents:
    """One event per input folder, for a store without the event clusterer installed."""

    @classmethod
    def load(cls, _: object) -> FolderEvents:
        return cls()

    def add(self, articles: list[Article]) -> dict[str, str]:
        return {a.id: "ev-" + Path(a.source).parent.name for a in articles}

    def save(self, _: object) -> None:
        pass


def report_shots(page: Page, report: Path, out: Path) -> None:
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(report.as_uri())
    page.screenshot(path=out / "report.png")
    chip = page.locator('a.chip[data-sentence][data-source="1"]').first
    chip.click()
    sentence = chip.get_attribute("data-sentence")
    page.locator(f"#s{sentence}").scroll_into_view_if_needed()
    page.evaluate(f"document.getElementById('s{sentence}').scrollIntoView()")
    page.screenshot(path=out / "report-passages.png")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(report.as_uri() + "#claims")
    page.screenshot(path=out / "report-phone.png")


def app_shot(page: Page, db: Path, out: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(ServeConfig(db=db)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"http://127.0.0.1:{sock.getsockname()[1]}/")
    page.screenshot(path=out / "app.png")
    server.should_exit = True
    thread.join(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    articles, _ = load_articles([args.seeds])
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "brief.html"
        report.write_text(render_html(build_brief(articles)), encoding="utf-8")
        db = Path(tmp) / "news.db"
        with Store(db) as store:
            # The real event clusterer where installed, else one event per folder.
            real = importlib.util.find_spec("newsbrief.group.cluster") is not None
            factory = open_clusterer if real else FolderEvents.load
            ingest_paths(store, [example_paths()[0].parent, args.seeds], clusterer_factory=factory)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium)
            page = browser.new_page()
            report_shots(page, report, args.out)
            app_shot(page, db, args.out)
            browser.close()
    for png in sorted(args.out.glob("*.png")):
        print(f"{png}: {png.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
