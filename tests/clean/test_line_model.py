from __future__ import annotations

import json

import pytest

from newsbrief.clean.features import line_features
from newsbrief.clean.line_model import WEIGHTS_PATH, LineModel, load_model


def test_shipped_weights_match_the_features_the_cleaner_computes() -> None:
    # Adding or renaming a feature without refitting (benchmarks/cleaning.py --train) fails here.
    _shapes, rows = line_features(["One line of text.", "Another line."])
    assert list(load_model().features) == list(rows[0])


def test_weights_file_is_small_and_records_how_it_was_made() -> None:
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert WEIGHTS_PATH.stat().st_size < 10_000
    assert data["cv"]["command"] == "python3 benchmarks/cleaning.py --train"
    assert 0 < data["threshold"] < 1


def test_probability_is_the_logistic_of_the_standardised_score() -> None:
    model = LineModel.from_dict(
        {"features": ["a", "b"], "mean": [1, 0], "scale": [2, 1], "coef": [2, -1], "intercept": 0.5,
         "threshold": 0.5}
    )  # fmt: skip
    # score = 0.5 + 2 * (3 - 1) / 2 - 1 * 1 = 1.5
    assert model.probability({"a": 3, "b": 1}) == pytest.approx(1 / (1 + pow(2.718281828459045, -1.5)))
    assert model.probability({"a": 1e9, "b": 0}) == pytest.approx(1.0)


def test_inconsistent_weights_are_rejected() -> None:
    with pytest.raises(ValueError):
        LineModel.from_dict(
            {"features": ["a"], "mean": [0, 1], "scale": [1], "coef": [1], "intercept": 0, "threshold": 0.5}
        )
