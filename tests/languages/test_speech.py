"""Quotations and their speakers outside English (the plain path)."""

from __future__ import annotations

import pytest

from newsbrief.analyze.quote_marks import find_quoted_spans
from newsbrief.analyze.quotes_plain import extract_plain_quotes
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import Article, Paragraph


def _article(language: str, text: str) -> Article:
    article = Article(
        id=language, text=text, paragraphs=[Paragraph(text=text, kind="body", start=0, end=len(text))]
    )
    article.language = language
    return annotate_sentences(article)


def test_low_opening_marks_close_with_the_english_opening_mark() -> None:
    text = "„Wir sind bereit“, sagte sie, und „alles ist gut“."
    assert [text[s.inner_start : s.inner_end] for s in find_quoted_spans(text)] == [
        "Wir sind bereit",
        "alles ist gut",
    ]
    text = "他表示：「我们反对。」"
    assert [text[s.inner_start : s.inner_end] for s in find_quoted_spans(text)] == ["我们反对。"]


@pytest.mark.parametrize(
    ("language", "text", "speaker", "quote"),
    [
        ("es", "«Todos están a salvo», dijo Carla Benedetti.", "Carla Benedetti", "Todos están a salvo"),
        (
            "de",
            "„Alle sind in Sicherheit“, sagte Carla Benedetti.",
            "Carla Benedetti",
            "Alle sind in Sicherheit",
        ),
        (
            "fr",
            "« Tout le monde est sain et sauf », a déclaré Carla Benedetti.",
            "Carla Benedetti",
            "Tout le monde est sain et sauf",
        ),
        ("es", "—Todos están a salvo —dijo Carla Benedetti.", "Carla Benedetti", "Todos están a salvo"),
        ("ru", "— Все в безопасности, — сказал Андрей Петров.", "Андрей Петров", "Все в безопасности"),
        ("zh", "昨天，局长王明表示：“所有乘客都安全了。”", "局长王明", "所有乘客都安全了。"),
    ],
)
def test_speaker_and_quotation_are_found(language: str, text: str, speaker: str, quote: str) -> None:
    article = _article(language, text)
    [found] = extract_plain_quotes([article])
    assert found.speaker is not None and found.speaker.name == speaker
    assert text[found.start : found.end] == quote


def test_a_dash_inside_english_is_not_dialogue() -> None:
    article = _article("en", "— The bridge reopened on Monday, officials said in a statement today.")
    assert extract_plain_quotes([article]) == []
