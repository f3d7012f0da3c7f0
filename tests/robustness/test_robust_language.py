"""Articles in the supported languages are read with their own rules; others are reported."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsbrief.analyze.language import MIN_LETTERS, article_language, detect_language
from newsbrief.cli import app
from newsbrief.pipeline import clean_documents
from newsbrief.types import Article, Paragraph, RawDocument


def _documents(code: str, text: str) -> list[RawDocument]:
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
        + "</article></body></html>"
    )
    return [
        RawDocument(id=f"{code}-text", source=f"{code}.txt", content=text, format="text"),
        RawDocument(id=f"{code}-html", source=f"{code}.html", content=html, format="html"),
    ]


@pytest.mark.parametrize("code", ["fr", "de", "es", "ru", "zh"])
def test_supported_languages_are_kept_and_split_in_their_own_language(
    code: str, foreign_articles: dict[str, str]
) -> None:
    articles, failures = clean_documents(_documents(code, foreign_articles[code]))
    assert not failures
    assert [a.language for a in articles] == [code, code]
    # These reports have no abbreviations: every sentence end is a split, and nothing else is.
    ends = len(re.findall(r"[.!?](?=\s|$)|[。！？]", foreign_articles[code]))
    for article in articles:
        assert len(article.sentences) == ends, [s.text for s in article.sentences]
        for sentence in article.sentences:
            assert article.text[sentence.start : sentence.end] == sentence.text
            assert sentence.text[-1] in ".。!?！？", sentence.text


def test_unsupported_languages_are_reported_with_the_language_found(
    foreign_articles: dict[str, str],
) -> None:
    code = "nl"
    articles, failures = clean_documents(_documents(code, foreign_articles[code]))
    assert not articles
    assert sorted(f.source for f in failures) == [f"{code}.html", f"{code}.txt"]
    for failure in failures:
        assert failure.reason.startswith(f"unsupported language (detected {code!r}"), failure.reason


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
