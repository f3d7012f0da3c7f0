"""The standalone HTML report in Chromium: citations open passages; article text never runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import BREAKOUT_PAYLOAD, SCRIPT_PAYLOAD, WatchedPage, hostile_text

from newsbrief.pipeline import build_brief, clean_documents
from newsbrief.render.html import render_html
from newsbrief.types import Article, Brief, RawDocument

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_brief(example_articles: list[Article]) -> Brief:
    hostile, failures = clean_documents(
        [
            RawDocument(
                id="hostile",
                source="hostile.txt",
                content=hostile_text(),
                format="text",
                outlet=f"Gazette {SCRIPT_PAYLOAD}",
                title=f"Bridge {SCRIPT_PAYLOAD}",
            )
        ]
    )
    assert not failures
    return build_brief([*example_articles, *hostile])


def test_citation_chip_shows_the_supporting_passages(
    hostile_brief: Brief, watched: WatchedPage, tmp_path: Path
) -> None:
    report = tmp_path / "brief.html"
    report.write_text(render_html(hostile_brief), encoding="utf-8")
    page = watched.page
    page.goto(report.as_uri())
    texts = {a.id: a.text for a in hostile_brief.event.articles}
    number, sentence = next((n, s) for n, s in enumerate(hostile_brief.summary) if len(s.sources) > 1)
    cited = sentence.sources[1]
    passage = texts[cited.article][cited.start : cited.end]
    panel = page.locator(f"#passages-{number}")
    assert not panel.evaluate("el => el.open")
    page.locator(f'a.chip[data-sentence="{number}"][data-source="1"]').click()
    assert panel.evaluate("el => el.open")
    current = panel.locator(".passage.current")
    assert current.count() == 1 and current.is_visible()
    assert current.locator("blockquote").text_content() == passage
    # Every passage of the sentence is shown side by side.
    cards = panel.locator(".passage blockquote").all_text_contents()
    assert cards == [texts[c.article][c.start : c.end] for c in sentence.sources]
    # "Read in context" jumps to the source and lights up the whole passage there.
    current.locator("a.context").click()
    lit = page.locator(".source mark.lit")
    assert "".join(lit.all_text_contents()) == passage
    assert lit.first.is_visible()
    watched.assert_nothing_ran()


def test_script_payloads_in_articles_do_not_run(
    hostile_brief: Brief, watched: WatchedPage, tmp_path: Path
) -> None:
    report = tmp_path / "hostile.html"
    report.write_text(render_html(hostile_brief), encoding="utf-8")
    page = watched.page
    page.goto(report.as_uri())
    body = page.locator("body").text_content()
    assert SCRIPT_PAYLOAD in body and BREAKOUT_PAYLOAD in body
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 2
    # Interact with everything that carries article text, in case a handler slipped through.
    for chip in page.locator("a.chip[data-sentence]").all()[:6]:
        chip.click()
    page.locator("#sources").scroll_into_view_if_needed()
    page.mouse.move(10, 10)
    watched.assert_nothing_ran()
