from __future__ import annotations

import pytest

from newsbrief.clean import clean_document
from newsbrief.clean.headline import clean_headline
from newsbrief.types import RawDocument


@pytest.mark.parametrize(
    ("headline", "sites", "expected"),
    [
        ("UPDATE 2-Ship loses power, strikes bridge", (), "Ship loses power, strikes bridge"),
        ("REFILE-UPDATE 3-Oil falls", (), "Oil falls"),
        ("EXCLUSIVE-Firm plans cuts", (), "Firm plans cuts"),
        ("Apple buys a startup – TechCrunch", ("TechCrunch",), "Apple buys a startup"),
        ("Apple buys a startup - TechCrunch", ("techcrunch.com",), "Apple buys a startup"),
        ("New e-bike rules | MoreBikes", (), "New e-bike rules"),  # a pipe is never headline text
        ("BBC News - Flood hits town", ("BBC News",), "Flood hits town"),
        # A dash segment that does not name the site stays: it is part of the headline.
        ("Trump says talks will go on - report", ("Reuters",), "Trump says talks will go on - report"),
        ("UPDATE", (), "UPDATE"),  # never empties a headline
        (None, (), None),
    ],
)
def test_clean_headline(headline: str | None, sites: tuple[str, ...], expected: str | None) -> None:
    assert clean_headline(headline, sites) == expected


def test_example_title_has_no_desk_slug() -> None:
    text = (
        "UPDATE 2-Ship loses power, strikes harbor bridge\n\n"
        "PORT ELLIS (Coastline Wire) - A cargo ship lost power on Tuesday and struck the harbor bridge, "
        "injuring 14 people, officials said. The bridge was closed to traffic while engineers inspected it.\n"
    )
    article = clean_document(RawDocument(id="w", source="w", content=text, format="text"))
    assert article.headline == "Ship loses power, strikes harbor bridge"
