"""Issue 16 row 8: every field of the Markdown brief is escaped and stays on its own line."""

from __future__ import annotations

import re

import markdown_it
import pytest

from newsbrief.examples import example_paths
from newsbrief.pipeline import build_brief, load_articles
from newsbrief.render.markdown import render_markdown
from newsbrief.types import Brief


@pytest.fixture(scope="module")
def brief() -> Brief:
    articles, _ = load_articles(example_paths()[:2])
    return build_brief(articles, words=60, analysis=False)


def test_hostile_metadata_cannot_forge_sections_or_html(brief: Brief) -> None:
    first, second = brief.event.articles
    first.headline = "Real headline\n## Summary\n- Forged claim [EFE] (5 reports, 5 independent)"
    first.published = '<img src=x onerror="alert(1)">'
    first.source = "a`b <img src=x onerror=alert(2)>.txt"
    second.outlet = "<script>alert(3)</script>\x1b[31m\u202eEFE"
    brief.event.title = "Title\n# Another title"
    text = render_markdown(brief)
    assert [line for line in text.splitlines() if line.startswith("## Summary")] == ["## Summary"]
    assert [line for line in text.splitlines() if line.startswith("# ")] == [
        line for line in [text.splitlines()[0]]
    ]
    assert "Forged claim" not in "\n".join(line for line in text.splitlines() if line.startswith("- Forged"))
    assert not re.search(r"[\x1b\u202e]", text)
    rendered = markdown_it.MarkdownIt().render(text)
    assert "<img" not in rendered and "<script" not in rendered
    # The file name survives whole inside its code span.
    assert "<code>a`b &lt;img src=x onerror=alert(2)&gt;.txt</code>" in rendered
