"""Figures read in each language's number format."""

from __future__ import annotations

from newsbrief.languages.figures import figures_in


def test_thousands_and_decimals_follow_the_language() -> None:
    assert figures_in("Schaden von 100.000 Euro, 2,5 Prozent mehr", "de") == {100000.0, 2.5}
    assert figures_in("damage of 100,000 euros, 2.5 percent more", "en") == {100000.0, 2.5}
    assert figures_in("un coût de 100 000 euros", "fr") == {100000.0}
    assert figures_in("1.500 km", "en") == {1.5}
    assert figures_in("1.500 km", "es") == {1500.0}


def test_an_english_style_figure_in_another_language_is_still_read() -> None:
    assert figures_in("un total de 100,000 dólares", "es") == {100000.0}
