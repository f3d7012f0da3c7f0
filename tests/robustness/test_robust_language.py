"""Articles in other languages are detected and reported, never cut up by English rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsbrief.analyze.language import MIN_LETTERS, article_language, detect_language
from newsbrief.cli import app
from newsbrief.pipeline import clean_documents
from newsbrief.types import Article, Paragraph, RawDocument


@pytest.mark.parametrize("code", ["fr", "de", "es", "ru", "zh"])
def test_other_languages_are_reported_with_the_language_found(
    code: str, foreign_articles: dict[str, str]
) -> None:
    text = foreign_articles[code]
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        + "</article></body></html>"
    )
    documents = [
        RawDocument(id=f"{code}-text", source=f"{code}.txt", content=text, format="text"),
        RawDocument(id=f"{code}-html", source=f"{code}.html", content=html, format="html"),
    ]
    articles, failures = clean_documents(documents)
    assert not articles
    assert sorted(f.source for f in failures) == [f"{code}.html", f"{code}.txt"]
    for failure in failures:
        assert failure.reason.startswith(f"not English (detected {code!r}"), failure.reason


def test_english_articles_are_labelled_and_kept(
    example_articles: list[Article], seed_articles: list[Article]
) -> None:
    for article in [*example_articles, *seed_articles]:
        assert article.language == "en", article.id


def test_too_little_text_is_undetermined_and_kept() -> None:
    assert detect_language("Stoltenberg Lavrov Sherman Brussels").code is None
    short = "NATO y Rusia. " * 4
    assert sum(ch.isalpha() for ch in short) < MIN_LETTERS
    assert detect_language(short).code is None


def test_a_foreign_page_whose_body_the_cleaner_dropped_is_still_recognised(
    foreign_articles: dict[str, str],
) -> None:
    lines = foreign_articles["de"].split("\n\n")
    article = Article(
        id="x",
        text="",
        dropped=[Paragraph(text=line, kind="boilerplate", reason="test") for line in lines],
    )
    assert article_language(article).code == "de"


def test_english_with_foreign_quotes_stays_english(english_paragraphs: list[str]) -> None:
    text = "\n\n".join(english_paragraphs[:4]) + (
        "\n\n“Nous sommes prêts à discuter,” the French minister said, adding in German, „Wir werden sehen.“"
    )
    assert detect_language(text).code == "en"


def test_clean_json_shows_the_language(example_files: list[Path]) -> None:
    result = CliRunner().invoke(app, ["clean", str(example_files[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["language"] == "en"
