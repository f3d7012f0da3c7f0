"""End-to-end tests in headless Chromium, driven by Playwright.

They need Debian's Chromium (``apt-get install -y chromium``) and the ``playwright`` Python
package; Playwright's own browser download is never used. Without either they are skipped,
saying which is missing. Deselect them with ``-m "not browser"``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import WatchedPage

CHROMIUM = Path(os.environ.get("NEWSBRIEF_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium")
INSTALL_HINT = "apt-get install -y chromium && pip install playwright"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: end-to-end test in headless Chromium (deselect: -m 'not browser')"
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} ({INSTALL_HINT})")
    sync_api = pytest.importorskip("playwright.sync_api", reason=f"no playwright ({INSTALL_HINT})")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()
        # Cleaning workers forked by later tests inherited the Playwright driver's pipes, and
        # leaving the `with` waits for the driver, which waits for those pipes to close.
        from newsbrief.clean.time_budget import close_shared_workers

        close_shared_workers()


@pytest.fixture
def watched(chromium: Any) -> Iterator[WatchedPage]:
    context = chromium.new_context(viewport={"width": 1200, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    watched = WatchedPage(page)

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: watched.errors.append(str(error)))
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    yield watched
    context.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The web app under uvicorn on a free loopback port, in a thread of this process."""
    pytest.importorskip("uvicorn", reason="the web app needs the serve extra")
    from newsbrief.serve import ServeConfig, create_app
    from newsbrief.serve.server import serving_in_thread

    with serving_in_thread(create_app(ServeConfig())) as (host, port):
        yield f"http://{host}:{port}"
