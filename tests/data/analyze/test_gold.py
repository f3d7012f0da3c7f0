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


def _load_selection() -> ModuleType:
    path = Path(__file__).with_name("select_clusters.py")
    spec = importlib.util.spec_from_file_location("analyze_select", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_file_is_in_the_split_its_row_was_chosen_for() -> None:
    """Old files (seeds, first round) are tune; second-round rows follow select_clusters."""
    selection = _load_selection()
    first = set(selection.select_rows())
    second = selection.select_second_round()
    split_of = {r: s for s, rows in second.items() for r in rows}
    names = gold.list_gold()
    assert "seeds" in names
    assert sum(n.startswith("multinews_row") for n in names) >= 10
    for name in names:
        g = gold.load_gold(name)
        row = g["source"].get("row")
        if row is None or row in first:
            assert g["split"] == "tune", name
        else:
            assert split_of[row] == g["split"], name


def test_selection_reproduces_the_lead_rows() -> None:
    second = _load_selection().select_second_round()
    assert second["tune"] == [3, 14, 30, 49, 53, 78, 105, 110, 121, 126]
    assert len(second["test"]) == 20 and second["test"][:3] == [4, 8, 24]


def test_validator_rejects_bad_split_layers_and_polarity() -> None:
    broken = copy.deepcopy(gold.load_gold("seeds"))
    broken["split"] = "train"
    broken["annotated"] = ["quotes"]
    broken["quotes"][0]["polarity"] = "negative"
    errors, _warnings = gold.validate(broken)
    assert any("split must be" in e for e in errors)
    assert any("lacks required layers" in e for e in errors)
    assert any("bad polarity" in e for e in errors)


def test_peskov_denial_keeps_its_frame_as_polarity() -> None:
    seeds = gold.load_gold("seeds")
    peskov = [q for q in seeds["quotes"] if q["speaker"] == "Dmitry Peskov" and q.get("polarity")]
    assert [q["text"] for q in peskov] == ["it intends to invade Ukraine"]


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
