"""Line labelling on synthetic pages: each test builds the page shape a rule is about."""

from __future__ import annotations

from newsbrief.clean.lines import classify_lines, label_lines

BODY = [
    "The city council voted on Tuesday to close the old harbour bridge after inspectors found "
    "that two of its steel supports had cracked during the winter storms.",
    "Engineers said the repairs would take at least six months and that ferries would carry "
    "commuters across the river while the work was under way.",
    "“We cannot take any risks with people’s safety,” the mayor told reporters at the town hall, "
    "adding that the council would publish the full inspection report next week.",
    "Local businesses on both banks of the river said they feared a drop in trade, and several "
    "asked the council for help with the cost of the closure.",
]


def kinds_of(lines: list[str], title: str | None = None) -> dict[str, str]:
    return {line.text: line.kind for line in label_lines(lines, title=title)}


def test_story_lines_are_body_and_furniture_is_not() -> None:
    page = [
        "Advertisement",
        "Council closes harbour bridge after cracks found in supports",
        "",
        BODY[0],
        "Advertisement",
        BODY[1],
        "The bridge seen from the east bank on Monday. Photo: AFP",
        BODY[2],
        BODY[3],
        "Subscribe to our daily newsletter",
        "Read Next",
        "Mayor opens new library in the old post office",
    ]
    kinds = kinds_of(page)
    assert all(kinds[text] == "body" for text in BODY)
    assert kinds["Advertisement"] == "boilerplate"
    assert kinds["Council closes harbour bridge after cracks found in supports"] == "headline"
    assert kinds["The bridge seen from the east bank on Monday. Photo: AFP"] == "caption"
    assert kinds["Subscribe to our daily newsletter"] == "boilerplate"
    assert kinds["Mayor opens new library in the old post office"] == "boilerplate"


def test_index_points_back_into_the_input_and_blank_lines_are_skipped() -> None:
    page = ["", BODY[0], "   ", BODY[1]]
    labelled = label_lines(page)
    assert [line.index for line in labelled] == [1, 3]
    assert [line.text for line in labelled] == [BODY[0], BODY[1]]


def test_given_title_marks_its_line_as_headline() -> None:
    page = ["World", "Bridge closed", BODY[0], BODY[1]]
    kinds = kinds_of(page, title="Bridge closed")
    assert kinds["Bridge closed"] == "headline"
    assert kinds["World"] == "boilerplate"


def test_bulleted_summary_between_headline_and_story_is_the_dek() -> None:
    page = [
        "Council closes harbour bridge after cracks found",
        "• Inspectors found that two of the steel supports had cracked in the storms",
        "• Ferries will carry commuters across the river while the repairs are done",
        *BODY,
    ]
    kinds = kinds_of(page)
    assert kinds[page[1]] == "dek" and kinds[page[2]] == "dek"


def test_repeated_story_paragraph_is_a_duplicate_but_repeated_ads_stay_boilerplate() -> None:
    page = [BODY[0], "Advertisement", BODY[1], BODY[1], "Advertisement", BODY[2]]
    labelled = label_lines(page)
    assert [line.kind for line in labelled] == [
        "body", "boilerplate", "body", "duplicate", "boilerplate", "body",
    ]  # fmt: skip


def test_stamps_routing_codes_and_separators_are_never_body() -> None:
    page = [
        "Updated 22:56, 12-Jan-2022",
        *BODY[:2],
        "____",
        BODY[2],
        "rja-jug/smq/mp",
    ]
    kinds = kinds_of(page)
    assert kinds["Updated 22:56, 12-Jan-2022"] == "metadata"
    assert kinds["____"] == "boilerplate"
    assert kinds["rja-jug/smq/mp"] == "metadata"


def test_bare_time_between_paragraphs_heads_a_live_story_section() -> None:
    page = [BODY[0], "3:30 p.m.", BODY[1], "Feb. 5, 2018:", BODY[2]]
    kinds = kinds_of(page)
    assert kinds["3:30 p.m."] == "subheading"
    assert kinds["Feb. 5, 2018:"] == "subheading"


def test_short_title_between_paragraphs_is_a_subheading_and_short_sentence_is_body() -> None:
    page = [BODY[0], "Ferries step in", BODY[1], "It will not be cheap.", BODY[2]]
    kinds = kinds_of(page)
    assert kinds["Ferries step in"] == "subheading"
    assert kinds["It will not be cheap."] == "body"


def test_byline_needs_a_capitalised_name_after_by() -> None:
    page = ["Council closes harbour bridge", "By Ines Talbot", *BODY]
    kinds = kinds_of(page)
    assert kinds["By Ines Talbot"] == "byline"
    sentence = "By late afternoon, up to 18 inches of snow had fallen in some locations."
    assert kinds_of([BODY[0], sentence, BODY[1]])[sentence] == "body"


def test_author_email_is_a_byline_and_a_bare_link_is_boilerplate() -> None:
    page = [*BODY, "ines.talbot@example-news.com", "Read or Share this story: http://bit.ly/2xYz"]
    kinds = kinds_of(page)
    assert kinds["ines.talbot@example-news.com"] == "byline"
    assert kinds["Read or Share this story: http://bit.ly/2xYz"] == "boilerplate"


def test_drop_capital_joins_the_story() -> None:
    page = ["T", "he council voted on Tuesday to close the old harbour bridge after inspectors found "
            "cracks in two of its steel supports.", BODY[1]]  # fmt: skip
    assert kinds_of(page)["T"] == "body"


def test_standalone_dateline_line_is_labelled_dateline() -> None:
    page = ["MOUNT DORA, Fla. -", *BODY]
    assert kinds_of(page)["MOUNT DORA, Fla. -"] == "dateline"


def test_classify_lines_keeps_input_order_and_text() -> None:
    paragraphs = classify_lines("\n".join(["Advertisement", BODY[0], BODY[1]]))
    assert [p.text for p in paragraphs] == ["Advertisement", BODY[0], BODY[1]]
    assert [p.kind for p in paragraphs] == ["boilerplate", "body", "body"]
    assert all(p.reason for p in paragraphs)


def test_extractor_output_loses_only_cued_lines() -> None:
    # After an HTML extractor chose the body, short headings and list items stay; furniture
    # and credits still go.
    page = [BODY[0], "What happens next", "Ferries", "Buses", BODY[1], "Advertisement",
            "The bridge on Monday. Photo: AFP", BODY[1]]  # fmt: skip
    labelled = label_lines(page, extracted=True)
    kinds = [line.kind for line in labelled]
    assert kinds == ["body", "body", "body", "body", "body", "boilerplate", "caption", "body"]
    assert [line.kind for line in label_lines(page)][1:4] != ["body", "body", "body"]


RUN_ON = (
    "Defected lawmakers: party urges commission to hold fresh elections Ada Obi, Abuja The party on "
    "Wednesday urged the electoral commission to conduct fresh elections in the constituencies where "
    "its lawmakers defected to another party, saying the seats had become vacant under the constitution. "
    "The party's publicity secretary, speaking at a briefing in Abuja, said the commission had a duty to "
    "act without delay and that any further hesitation would be read as bias. "
    'He said, "It is settled under the constitution that a legislator who decamps from the party on '
    'whose platform he was elected loses his seat, and the commission must now fix a date." '
    "Subscribe to our newsletter for the latest headlines."
)


def test_an_article_on_one_line_is_cleaned_sentence_by_sentence() -> None:
    from newsbrief.clean import clean_document
    from newsbrief.types import RawDocument

    article = clean_document(RawDocument(id="r", source="r", content=RUN_ON, format="text"))
    assert "urged the electoral commission to conduct fresh elections" in article.text
    assert "must now fix a date" in article.text
    # The boilerplate sentence inside the one line is still dropped, with its reason.
    assert "newsletter" not in article.text
    assert any("newsletter" in p.text for p in article.dropped)


def test_a_two_sentence_update_is_an_article_not_a_headline() -> None:
    from newsbrief.clean import clean_document
    from newsbrief.types import RawDocument

    update = (
        "At least 231 people have been confirmed dead from the storm, bringing the death toll in the "
        "region to 357, the national emergency commission said Saturday. The storm, 2nd graf pvs"
    )
    article = clean_document(RawDocument(id="u", source="u", content=update, format="text"))
    assert article.text.startswith("At least 231 people have been confirmed dead")


def test_ordinary_paragraphs_are_not_split() -> None:
    from newsbrief.clean.article import split_run_on_article

    lines = ["Headline here", "", "A first paragraph. It has two sentences.", "Another one."]
    assert split_run_on_article(lines) == lines
