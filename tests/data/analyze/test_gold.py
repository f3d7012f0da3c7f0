"""The gold annotations must agree with the source texts they describe."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest


def _load_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("analyze_gold", Path(__file__).with_name("gold.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gold = _load_module()
pytestmark = pytest.mark.skipif(
    not (gold.shared_dir() / "seeds").is_dir(), reason="shared data folder not available"
)


@pytest.mark.parametrize("name", gold.list_gold())
def test_gold_file_matches_its_documents(name: str) -> None:
    errors, _warnings = gold.validate(gold.load_gold(name))
    assert errors == []


def test_eleven_clusters_are_annotated() -> None:
    names = gold.list_gold()
    assert "seeds" in names
    assert sum(n.startswith("multinews_row") for n in names) == 10


def test_seed_facts() -> None:
    seeds = gold.load_gold("seeds")
    speakers = {q["speaker"] for q in seeds["quotes"]}
    for person in (
        "Jens Stoltenberg",
        "Dmitry Peskov",
        "Sergei Ryabkov",
        "Alexander Grushko",
        "Wendy Sherman",
        "Liz Truss",
        "Julianne Smith",
        "Josep Borrell",
    ):
        assert person in speakers
    troops = [n for n in seeds["numbers"] if n["value"] == 100000]
    assert len(troops) == 1 and len(troops[0]["docs"]) == 2
    dates = {event["date"] for event in seeds["timeline"]}
    assert {"2022-01-12", "2022-01-10"} <= dates


def test_validator_rejects_a_corrupted_quote_and_number() -> None:
    broken = copy.deepcopy(gold.load_gold("seeds"))
    broken["quotes"][0]["text"] += " and nobody else"
    broken["numbers"][0]["surface"] = ["100,001 troops"]
    errors, _warnings = gold.validate(broken)
    assert any("text not found" in e for e in errors)
    assert any("100,001 troops" in e for e in errors)


def test_normalise_ignores_typography_only() -> None:
    assert gold.normalise("Nato’s “open-door”  policy") == gold.normalise('NATO\'s "open-door" policy')
    assert gold.normalise("100,000 troops") != gold.normalise("100.000 troops")
