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
