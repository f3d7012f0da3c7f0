from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.clean import clean_document
from newsbrief.clean.outlets import (
    most_credited,
    outlet_from_credit,
    outlet_from_line,
    outlet_from_prompt,
    outlet_from_url,
)
from newsbrief.render.labels import citation_labels
from newsbrief.types import Article, RawDocument

STORY = (
    "The city council voted on Tuesday to close the old harbour bridge after inspectors found that "
    "two of its steel supports had cracked during the winter storms.\n"
    "Engineers said the repairs would take at least six months and that ferries would carry "
    "commuters across the river while the work was under way."
)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Why you can trust SCMP", "SCMP"),
        ("Copyright 2014 WGCL-TV (Meredith Corporation). All rights reserved.", "WGCL-TV"),
        ("Copyright © 2017 NPR. All rights reserved. Visit our website terms of use", "NPR"),
        ("© 2026 Coastline Wire", "Coastline Wire"),
        ("Follow Tia Ghose on Twitter. Original article on LiveScience.", "LiveScience"),
        ("Image copyright Getty Images Image caption The band broke up in 1980", None),
        ("All rights reserved.", None),
    ],
)
def test_outlet_named_by_a_line(line: str, outlet: str | None) -> None:
    assert outlet_from_line(line) == outlet


def test_masthead_counts_only_above_the_story() -> None:
    assert outlet_from_line("CGTN", header=True) == "CGTN"
    assert outlet_from_line("CGTN") is None
    assert outlet_from_line("Menu", header=True) is None


def test_prompts_and_credits() -> None:
    assert outlet_from_prompt("Follow Ynetnews on Facebook and Twitter") == "Ynetnews"
    assert outlet_from_prompt("Follow Scott Stump on Twitter and Google+.") is None
    assert outlet_from_prompt("Call IndyStar reporter Holly Hays at (317) 444-6156.") == "IndyStar"
    assert outlet_from_prompt("Follow us on twitter.com/foxnewslatino") == "foxnewslatino"
    assert outlet_from_credit("The tot fell. (Todd Maisel/New York Daily News)") == "New York Daily News"
    assert outlet_from_credit("LeBron James hugs Dwyane Wade. (Ronald Martinez/Getty Images)") is None
    assert most_credited(["A. (Kat Frey/The Washington Post)", "B. (Jo Li/AP)"]) == "The Washington Post"
    assert outlet_from_url("https://www.efe.com/efe/english/world/x") == "EFE"


def _clean(text: str, **raw: str) -> tuple[str | None, str | None]:
    article = clean_document(RawDocument(id="t", source="t", content=text, format="text", **raw))
    return article.outlet, article.agency


def test_outlet_precedence_explicit_then_page_cue_then_agency_then_url() -> None:
    wire = f"DENVER (AP) — {STORY}"
    assert _clean(wire) == ("AP", "AP")
    assert _clean(f"{wire}\nCopyright 2026 KDVR. All rights reserved.") == ("KDVR", "AP")
    assert _clean(f"{wire}\nCopyright 2026 KDVR.", outlet="Denver Daily") == ("Denver Daily", "AP")
    assert _clean(STORY, url="https://www.harbourtimes.co.uk/news/1") == ("harbourtimes.co.uk", None)
    assert _clean(STORY) == (None, None)
    assert _clean(f"{STORY.rstrip('.')} members.EFE") == ("EFE", "EFE")


def test_a_papers_name_on_the_first_line_is_its_masthead() -> None:
    assert outlet_from_line("Kestrel Valley Courier", header=True, first=True) == "Kestrel Valley Courier"
    assert outlet_from_line("The Daily Star", header=True, first=True) is None  # no such kind word
    assert outlet_from_line("Meridian Daily", header=True, first=True) == "Meridian Daily"
    # Only the page's first line: lower down, such a line may be a headline or a link.
    assert outlet_from_line("Kestrel Valley Courier", header=True) is None
    assert outlet_from_line("Ship strikes bridge as Harbor Times reports", first=True) is None


def test_syndicated_copy_names_the_carrying_paper_and_the_agency(
    example_articles: list[Article],
) -> None:
    copy = next(a for a in example_articles if a.id.startswith("04_"))
    assert (copy.outlet, copy.agency) == ("Kestrel Valley Courier", "Coastline Wire")


def test_a_masthead_above_the_section_label_is_not_the_headline() -> None:
    path = Path(__file__).resolve().parents[1] / "data" / "serve" / "seeds" / "01_valley_gazette.txt"
    article = clean_document(RawDocument(id="g", source=str(path), content=path.read_text(), format="text"))
    assert article.outlet == "The Valley Gazette"
    assert article.headline == "NATO council ends Brussels meeting without agreement on patrol rules"
    assert article.byline == "Lena Marsh"


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://uk.reuters.com/article/x", "Reuters"),  # a regional host is the same outlet
        ("https://abcnews.go.com/US/x", "ABC News"),  # a listed host beats its registered domain
        ("https://www.news.com.au/world/x", "news.com.au"),  # unlisted: the registered domain
        ("https://www.example.co.uk/x", "example.co.uk"),
        ("http://127.0.0.1:8000/page.html", None),  # no public suffix names no outlet
        ("http://localhost/x", None),
        ("http://[::1/x", None),  # malformed
        ("not a url", None),
    ],
)
def test_outlet_from_url_uses_the_registered_domain(url: str, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_a_page_naming_no_outlet_is_labelled_unknown_not_by_file_name() -> None:
    raw = RawDocument(
        id="001_682d915408f2116c", source="x/001_682d915408f2116c.txt", content=STORY, format="text"
    )
    article = clean_document(raw)
    assert article.outlet is None
    assert article.label == "unknown outlet"
    labels = citation_labels([article, Article(id="003", text="x"), Article(id="b", text="y", outlet="EFE")])
    assert labels == {"001_682d915408f2116c": "unknown outlet 1", "003": "unknown outlet 2", "b": "EFE"}
