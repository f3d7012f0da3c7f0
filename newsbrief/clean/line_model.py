"""The body-line model: a logistic regression over the line features, stored as plain JSON.

The weights live in ``line_model.json`` next to this file. They were fitted by
``python3 benchmarks/cleaning.py --train`` on the hand-labelled lines in
``tests/data/clean`` (standardised features, L2 penalty); that command also reports the
cross-validated figures (folds split by article, so no article is scored by a model that saw
it). Scoring is a dot product, so cleaning needs neither scikit-learn nor numpy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

WEIGHTS_PATH = Path(__file__).with_name("line_model.json")


@dataclass(frozen=True, slots=True)
class LineModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        names = tuple(data["features"])
        columns = [tuple(float(v) for v in data[key]) for key in ("mean", "scale", "coef")]
        if any(len(column) != len(names) for column in columns):
            raise ValueError("line model: feature, mean, scale and coef lengths differ")
        return cls(names, *columns, float(data["intercept"]), float(data["threshold"]))

    def probability(self, row: dict[str, float]) -> float:
        """P(body) for one line's feature dict; a feature the model lacks is an error."""
        score = self.intercept
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.coef, strict=True):
            score += weight * (row[name] - mean) / scale
        # Clamp so exp() cannot overflow on an absurd input.
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, score))))

    def probabilities(self, rows: Sequence[dict[str, float]]) -> list[float]:
        return [self.probability(row) for row in rows]


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_PATH) -> LineModel:
    return LineModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
