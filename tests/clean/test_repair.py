from __future__ import annotations

import pytest

from newsbrief.clean.repair import (
    is_standalone_dateline,
    split_dateline,
    split_glued_tag,
    strip_leading_debris,
)


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "agency", "rest"),
    [
        ("DENVER (AP) — Troy Tulowitzki has a tough name.", "DENVER", None, "AP", "Troy"),
        ("Brussels, Jan 12 (EFE).- A high-level meeting ended.", "Brussels", "Jan 12", "EFE", "A high"),
        ("NEW YORK, May 18 (UPI) -- Art supply company Crayola", "NEW YORK", "May 18", "UPI", "Art"),
        ("MONTPELIER, Vt. (AP) — The Latest on the storm.", "MONTPELIER, Vt.", None, "AP", "The Latest"),
        ("Washington (CNN) Sarah Sanders was asked", "Washington", None, "CNN", "Sarah"),
        ("(CNN) -- As the death toll climbs", None, None, "CNN", "As the"),
        ("SAN FRANCISCO--(BUSINESS WIRE)--The following statement", "SAN FRANCISCO", None,
         "BUSINESS WIRE", "The following"),
        ("PERTH (Reuters) - An air search resumed", "PERTH", None, "Reuters", "An air"),
        ("IRVINE, Calif. — Reclined in a plush red chair", "IRVINE, Calif.", None, None, "Reclined"),
        ("HIROSHIMA--A stray dog that escaped", "HIROSHIMA", None, None, "A stray"),
        ("BRUSSELS The differences between Russia and NATO", "BRUSSELS", None, None, "The differences"),
    ],
)  # fmt: skip
def test_opening_datelines_are_split_off(
    paragraph: str, place: str | None, date: str | None, agency: str | None, rest: str
) -> None:
    text, dateline = split_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.date, dateline.agency) == (place, date, agency)
    assert text.startswith(rest)
    assert paragraph.endswith(text)


@pytest.mark.parametrize(
    "paragraph",
    [
        "THE DÁIL IS to sit late tonight to pass emergency legislation",
        "A CAR park in a Highland town has been confirmed",
        "NATO Secretary-General Jens Stoltenberg said",
        "MICHEL MARTIN, HOST:",
        "US - China trade talks resume",
        "Sen. Tim Kaine (D-Va.) said on Monday",
        "CRAYOLA was not involved in the making of this video",
    ],
)
def test_sentences_that_only_look_like_datelines_are_left_alone(paragraph: str) -> None:
    assert split_dateline(paragraph) == (paragraph, None)


def test_standalone_dateline() -> None:
    assert is_standalone_dateline("MOUNT DORA, Fla. -")
    assert not is_standalone_dateline("MIAMI — LeBron James danced the last seconds away.")


def test_glued_agency_tag_and_leading_debris_are_cut_and_returned() -> None:
    assert split_glued_tag("will never become Nato members.EFE") == ("will never become Nato members.", "EFE")
    assert split_glued_tag("He said it was “over.”AP") == ("He said it was “over.”", "AP")
    assert split_glued_tag("Talks ended in the U.S.") == ("Talks ended in the U.S.", None)
    assert strip_leading_debris(") The Nato allies warned") == ("The Nato allies warned", ")")
    assert strip_leading_debris("(L-R) Russian envoys") == ("(L-R) Russian envoys", "")
