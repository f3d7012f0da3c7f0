"""Concept statistics and the shipped concept model."""

from __future__ import annotations

import numpy as np

from newsbrief.summarize.concepts import (
    FEATURES,
    ConceptModel,
    ConceptSpace,
    SentenceUnit,
    concept_features,
    default_model,
)
from newsbrief.summarize.terms import tagged_terms


def _unit(source: int, index: int, text: str, count: int = 10) -> SentenceUnit:
    return SentenceUnit(source, index, index / count, tagged_terms(text), "“" in text)


UNITS = [
    _unit(0, 0, "The bridge collapsed after a ship hit it."),
    _unit(1, 0, "A ship hit the bridge, which collapsed."),
    _unit(2, 0, "The bridge collapsed on Sunday."),
    _unit(2, 8, "A pier was painted green last year."),
    _unit(3, 7, "The pier was painted green."),
]


def test_features_count_sources_and_positions() -> None:
    concepts, features = concept_features(UNITS, 4, "bigram")
    row = dict(zip(concepts, features, strict=True))
    collapsed = dict(zip(FEATURES, row[("bridg", "collaps")], strict=True))
    assert collapsed["df_frac"] == 0.5 and collapsed["first_pos"] == 0.0
    assert collapsed["lead_docs"] == 0.5
    painted = dict(zip(FEATURES, row[("paint", "green")], strict=True))
    assert painted["df_frac"] == 0.5 and painted["lead_docs"] == 0.0
    # Found in one source only: not a candidate when there are three or more sources.
    assert ("ship", "hit") in row and ("green", "last") not in row


def test_shipped_model_values_early_widely_reported_concepts_more() -> None:
    model = default_model()
    concepts, features = concept_features(UNITS, 4, "bigram")
    weights = dict(zip(concepts, model.weights("bigram", features, 4), strict=True))
    assert weights[("bridg", "collaps")] > weights[("paint", "green")]


def test_weights_are_probabilities_above_the_floor() -> None:
    model = default_model()
    _, features = concept_features(UNITS, 4, "unigram")
    weights = model.weights("unigram", features, 4)
    assert np.all(weights >= 0) and np.all(weights <= model.unigram_scale)


def test_model_record_round_trips() -> None:
    model = default_model()
    again = ConceptModel.from_record(model.record())
    assert np.allclose(again.bigram.coef, model.bigram.coef)
    assert again.meta["trained_on"] == model.meta["trained_on"]


def test_concept_space_maps_any_wording_to_known_concepts() -> None:
    space = ConceptSpace.build(UNITS, 4, default_model())
    from newsbrief.summarize.terms import terms

    found = space.of(terms("The bridge collapsed."))
    assert space.ids[("bridg", "collaps")] in found
    assert space.of(terms("Nothing relevant here.")) == []
