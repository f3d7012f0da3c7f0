"""The summary and the analysis read one per-event context: a summary bullet and the claim
holding its sentence cite the same articles with the same counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.pipeline import build_brief, load_articles
from newsbrief.render.json import brief_record

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_summary_bullets_cite_what_their_claim_cites() -> None:
    articles, _ = load_articles([SEEDS])
    record = brief_record(build_brief(articles))
    support = {s["sentence"]: s for s in record["summary_support"]}
    compared = 0
    for number, bullet in enumerate(record["summary"]):
        own = bullet["sources"][0]
        claim = next(
            c
            for c in record["claims"]
            if any(m["article"] == own["article"] and m["start"] == own["start"] for m in c["members"])
        )
        assert sorted(c["article"] for c in bullet["sources"]) == sorted(claim["support"])
        counts = claim["support_count"]
        assert (support[number]["articles"], support[number]["independent"]) == (
            counts["articles"],
            counts["independent"],
        )
        compared += 1
    assert compared == len(record["summary"]) >= 3


def test_a_sentence_on_the_same_topic_is_not_the_same_fact() -> None:
    from newsbrief.analyze.context import states_same_fact

    warned = (
        "The Nato allies warned Russia on Wednesday that they would not compromise on the alliance's "
        "right to defend its eastern members, but invited Moscow to further talks."
    )
    bridge = (
        "The differences between Russia and NATO over Ukraine will be difficult to bridge, the head "
        "of the alliance said Wednesday after four hours of talks."
    )
    assert not states_same_fact(warned, bridge)
    short = "There are significant differences between NATO allies and Russia, Stoltenberg said."
    longer = (
        "There are significant differences between NATO allies and Russia on these issues, and the "
        "differences will not be easy to bridge, he said after talks at NATO headquarters."
    )
    assert states_same_fact(short, longer)
