"""The web app in Chromium: upload articles, follow the progress page, read and use the brief."""

from __future__ import annotations

import re

import pytest
from browser_support import SCRIPT_PAYLOAD, WatchedPage, hostile_jsonl, hostile_text

from newsbrief.examples import example_paths

pytestmark = pytest.mark.browser


def test_upload_articles_and_get_a_brief(server: str, watched: WatchedPage) -> None:
    page = watched.page
    page.goto(server + "/")
    files = [
        {"name": path.name, "mimeType": "text/plain", "buffer": path.read_bytes()}
        for path in example_paths()[:3]
    ]
    files.append({"name": "wire.jsonl", "mimeType": "application/jsonl", "buffer": hostile_jsonl().encode()})
    page.set_input_files("#files", files=files)
    page.fill("#text", hostile_text())
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/jobs/[\w-]+$"))
    # The progress page polls and turns into the report; briefing takes a few seconds.
    page.wait_for_selector("#summary", timeout=60_000)
    assert page.locator("article.source").count() == 5
    labels = page.locator("header.page-header a.chip").all_text_contents()
    assert 'Wire <img src=x onerror="window.__pwned=1;alert(1)">' in labels
    chip = page.locator("a.chip[data-sentence]").first
    sentence = chip.get_attribute("data-sentence")
    chip.click()
    current = page.locator(f"#passages-{sentence} .passage.current blockquote")
    assert current.is_visible() and current.text_content()
    # The passage shown is the cited one, by the offsets the JSON API gives.
    job_id = page.url.rsplit("/", 1)[1]
    brief = page.request.get(f"{server}/api/jobs/{job_id}/brief").json()
    texts = {a["id"]: a["text"] for a in page.request.get(f"{server}/api/jobs/{job_id}/articles").json()}
    first = brief["summary"][int(sentence)]["sources"][0]
    assert current.text_content() == texts[first["article"]][first["start"] : first["end"]]
    assert SCRIPT_PAYLOAD in page.locator("#sources").text_content()
    watched.assert_nothing_ran()
