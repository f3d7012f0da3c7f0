"""The Python API (newsbrief.brief, newsbrief.clean) and the README's example of it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import newsbrief
from newsbrief.examples import example_paths
from newsbrief.pipeline import build_brief, load_articles
from newsbrief.render.json import brief_record, dumps
from newsbrief.types import Article, Brief, Claim, Event, Quote

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Python API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the README's Python API section has no python block"
    return match.group(1)


@pytest.fixture(scope="module")
def readme_run() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(readme_example(), "README.md", "exec"), namespace)
    return namespace


def test_the_readme_example_runs_and_returns_typed_objects(readme_run: dict[str, Any]) -> None:
    brief = readme_run["brief"]
    assert isinstance(brief, Brief)
    assert isinstance(brief.claims[0], Claim) and isinstance(brief.quotes[0], Quote)
    assert isinstance(brief.quotes[0].speaker, str) and brief.quotes[0].speaker
    assert brief.summary and all(s.sources for s in brief.summary)
    assert brief.failures == []
    assert readme_run["report"].lstrip().lower().startswith("<!doctype html>")
    article = readme_run["article"]
    assert isinstance(article, Article) and article.url == "https://example.org/story"
    assert article.text and article.dropped  # the example pages carry boilerplate
    # The typed brief and its JSON say the same.
    record = json.loads(brief.to_json())
    assert record["quotes"][0]["speaker"] == brief.quotes[0].speaker
    assert [c["id"] for c in record["claims"]] == [c.id for c in brief.claims]


def test_inputs_may_be_one_path_a_list_strings_or_articles() -> None:
    paths = example_paths()
    one = newsbrief.brief(str(paths[0].parent), analysis=False)
    assert len(one.event.articles) == len(paths) and one.analysis is None
    texts = [p.read_text(encoding="utf-8") for p in paths[:2]]
    from_strings = newsbrief.brief(texts, words=40, analysis=False)
    assert [a.id for a in from_strings.event.articles] == ["text-1", "text-2"]
    articles, _ = load_articles(paths[:2])
    mixed = newsbrief.brief([*articles, paths[2]], analysis=False)
    assert len({a.id for a in mixed.event.articles}) == 3


def test_unusable_inputs_are_failures_and_none_usable_is_an_error(tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text("Too short to be an article.", encoding="utf-8")
    result = newsbrief.brief([example_paths()[0], short], analysis=False)
    assert [f.source for f in result.failures] == [str(short)]
    assert json.loads(result.to_json())["failures"][0]["reason"] == "no article body found"
    with pytest.raises(ValueError, match="no usable article"):
        newsbrief.brief([short], analysis=False)
    with pytest.raises(FileNotFoundError):
        newsbrief.brief(str(tmp_path / "missing.txt"))


def test_words_outside_the_bounds_are_refused_before_any_work() -> None:
    for words in (5, 5000):
        with pytest.raises(ValueError, match="between 20 and 2000"):
            newsbrief.brief(["never read.txt"], words=words)
    with pytest.raises(TypeError):
        newsbrief.BriefOptions(words=True)


def test_load_articles_takes_one_path_without_walking_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "other.txt").write_text(example_paths()[1].read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    articles, failures = load_articles("a.txt")
    assert articles == [] and [f.source for f in failures] == ["a.txt"]
    articles, failures = load_articles(example_paths()[0])
    assert len(articles) == 1 and not failures


def test_build_brief_keeps_the_event_it_is_given() -> None:
    articles, _ = load_articles(example_paths()[:2])
    stored = Event(id="ev-stored", title="", articles=articles)
    assert build_brief(articles, words=40, analysis=False, event=stored).event.id == "ev-stored"
    assert build_brief(articles, words=40, analysis=False).event.id.startswith("ev-")


def test_clean_cleans_a_string_and_refuses_what_is_no_article() -> None:
    html = "<html><body><article><h1>Bridge shut</h1>" + "<p>The council closed the bridge. " * 5
    html += "</p><p>Subscribe to our newsletter</p></article></body></html>"
    import newsbrief.clean.article

    article = newsbrief.clean(html, url="https://example.org/bridge")
    assert article.url == "https://example.org/bridge" and "council closed" in article.text
    with pytest.raises(ValueError, match="no article body"):
        newsbrief.clean("Too short.")


def test_the_brief_methods_match_the_renderers() -> None:
    articles, failures = load_articles(example_paths()[:2])
    brief = build_brief(articles, words=40, analysis=False)
    assert brief.to_json(failures) == dumps(brief_record(brief, failures))
    assert brief.to_markdown().startswith("# ")
