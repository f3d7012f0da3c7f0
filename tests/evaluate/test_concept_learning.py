"""Learning the concept model from clusters with human summaries."""

from __future__ import annotations

from newsbrief.evaluate.concept_learning import Example, learn, tuning_half
from newsbrief.evaluate.texts import article_from_text
from newsbrief.group.sources import source_numbers
from newsbrief.summarize.concepts import concept_features, sentence_units
from newsbrief.summarize.terms import terms


def _example(n: int) -> Example:
    # Every report opens with the fact the human summary states; the details two reports
    # add later are not in the summary.
    topic = f"factory{n}"
    reports = [
        f"The {topic} plant closed its gates on schedule. Workers gathered outside the fence. "
        "Police watched the crowd.",
        f"Workers said the {topic} plant closed its gates. Trucks left the yard. "
        "Workers gathered outside the fence.",
        f"The {topic} plant closed its gates as planned. Police watched the crowd at night.",
    ]
    articles = [article_from_text(f"D{i}", text) for i, text in enumerate(reports)]
    return Example(f"c{n}", articles, [f"The {topic} plant closed its gates."])


def _bigram(text: str) -> tuple[str, str]:
    a, b = terms(text)
    return a, b


def test_concepts_used_by_summaries_get_higher_probability() -> None:
    model = learn([_example(n) for n in range(6)])
    test = _example(99)
    units = sentence_units(test.articles, source_numbers(test.articles))
    concepts, features = concept_features(units, 3, "bigram")
    p = dict(zip(concepts, model.bigram.probability(features, 3), strict=True))
    assert p[_bigram("plant closed")] > p[_bigram("workers gathered")]
    assert p[_bigram("plant closed")] > p[_bigram("police watched")]


def test_tuning_half_is_every_other_cluster_in_order() -> None:
    assert tuning_half(["a", "b", "c", "d", "e"]) == ["a", "c", "e"]
