"""Plain texts (evaluation sets) to articles and summaries."""

from __future__ import annotations

from newsbrief.evaluate.texts import article_from_text, articles_from_texts, summarize_texts

DUC_STYLE = (
    "MUNICH, Germany (AP) _ U.S. prosecutors have asked for a 20-day extension. "
    "``We need more time,'' a spokesman said. The case _ a complex one _ continues."
)


def test_plain_text_quotes_dashes_and_dateline_are_normalised() -> None:
    article = article_from_text("D1", DUC_STYLE)
    assert article.text.startswith("U.S. prosecutors")
    assert "“We need more time,” a spokesman said." in article.text
    assert "The case — a complex one — continues." in article.text
    assert [s.text for s in article.sentences][1] == "“We need more time,” a spokesman said."
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def test_lines_are_paragraphs_with_honest_offsets() -> None:
    article = article_from_text("D1", "First paragraph here.\n\n  Second one, indented.\n")
    assert [p.text for p in article.paragraphs] == [
        "First paragraph here.",
        "Second one, indented.",
    ]
    for p in article.paragraphs:
        assert p.start is not None and article.text[p.start : p.end] == p.text


def test_cleaning_falls_back_to_the_light_path_when_it_finds_no_body() -> None:
    articles = articles_from_texts(["Too short.", "Also short but real text here."], clean=True)
    assert [a.id for a in articles] == ["D1", "D2"]


def test_summary_of_texts_is_one_sentence_per_line_within_budget() -> None:
    documents = [
        "The bridge collapsed after a container ship hit its eastern pier late at night. "
        "Fourteen people were injured and taken to the general hospital downtown. "
        "The mayor declared a local emergency and closed the crossing to all traffic.",
        "A container ship hit the eastern pier and the bridge collapsed into the harbor. "
        "Officials said fourteen people were injured in the accident on the bridge. "
        "Divers searched the water below the bridge for any missing motorists.",
    ]
    summary = summarize_texts(documents, 30)
    lines = summary.splitlines()
    assert lines and sum(len(line.split()) for line in lines) <= 30
    words = {w for d in documents for w in d.split()}
    assert all(set(line.split()) <= words for line in lines), lines
