from __future__ import annotations

import pytest

from newsbrief.clean.metadata import (
    clean_byline,
    complete_dateline_date,
    parse_date,
    publication_date,
)


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Updated 22:56, 12-Jan-2022", "2022-01-12T22:56:00"),
        ("Updated: January 12, 2022, 7:18 PM", "2022-01-12T19:18:00"),
        ("January 12, 2022, 7:18 PM", "2022-01-12T19:18:00"),
        ("Published March 2, 2026 at 5:14 a.m.", "2026-03-02T05:14:00"),
        ("Tue 3 Mar 2026 08.40 GMT", "2026-03-03T08:40:00+00:00"),
        ("Last updated at 6:04 PM on 20th October 2011", "2011-10-20T18:04:00"),
        ("Sunday, July 31, 2011 21:39 EDT", "2011-07-31T21:39:00-04:00"),
        ("Thursday, Apr 22, 2010", "2010-04-22"),
        ("Published on May 3, 2015", "2015-05-03"),
        ("Jan. 24. 2018:", "2018-01-24"),
        ("2021-03-04T10:00:00Z", "2021-03-04T10:00:00+00:00"),
        ("25/12/2021", "2021-12-25"),
    ],
)
def test_full_dates_parse(line: str, iso: str) -> None:
    assert parse_date(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "Updated 6.15pm",  # no date at all
        "Brussels, Jan 12 (EFE).-",  # no year
        "Published: January 2011 Special Series: 7 Billion",  # no day
        "03/04/2021",  # March or April: refused, not guessed
        "Updated",
        "First posted",
    ],
)
def test_partial_or_ambiguous_dates_are_null(line: str) -> None:
    assert parse_date(line) is None


def test_publication_stamp_beats_update_stamp_and_bare_date() -> None:
    lines = ["Updated March 3, 2026 at 9:00 a.m.", "Published March 2, 2026 at 5:14 a.m. | Updated March 3"]
    assert publication_date(lines) == "2026-03-02T05:14:00"
    assert publication_date(["Friday, October 22, 2010", "Updated 11 November 2010"]) == "2010-10-22"
    assert publication_date(["Updated 22:56, 12-Jan-2022"]) == "2022-01-12T22:56:00"
    assert publication_date(["By Staff Sgt. Jane Roe / Published March 24, 2017"]) == "2017-03-24"
    assert publication_date(["Reading Time: 3 minutes"]) is None


def test_dateline_day_is_completed_only_by_a_full_date_of_the_same_day() -> None:
    lines = ["Photo taken in Brussels, Belgium January 12, 2022.", "Other text from March 1, 2021."]
    assert complete_dateline_date("Jan 12", lines) == "2022-01-12"
    assert complete_dateline_date("Jan 13", lines) is None
    assert complete_dateline_date(None, lines) is None


def test_byline_names() -> None:
    assert clean_byline("By Sarah Fitzmaurice") == "Sarah Fitzmaurice"
    assert clean_byline("/ Updated By Sarah Fitzpatrick") == "Sarah Fitzpatrick"
    assert (
        clean_byline("By Staff Sgt. Benjamin W. Stratton, 7th Air Force Public Affairs / Published March 24")
        == "Staff Sgt. Benjamin W. Stratton, 7th Air Force Public Affairs"
    )
    assert clean_byline("CGTN") == "CGTN"
