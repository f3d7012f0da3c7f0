from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.evaluate.datasets import (
    DatasetNotFoundError,
    find_data_root,
    load_clusters_jsonl,
    load_duc2004,
    load_multinews_sample,
    strip_multinews_dash,
)


def test_generic_jsonl_accepts_strings_objects_and_single_summary(tmp_path: Path) -> None:
    path = tmp_path / "clusters.jsonl"
    records = [
        {"id": "x", "documents": ["one", "two"], "references": ["ref a", {"text": "ref b"}]},
        {"documents": [{"text": "three"}], "summary": "– a newser summary"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = load_clusters_jsonl(path)
    assert first.id == "x"
    assert first.documents == ("one", "two")
    assert first.references == ("ref a", "ref b")
    assert second.id == "1"
    assert second.documents == ("three",)
    assert second.references == ("a newser summary",)


def test_generic_jsonl_needs_a_reference(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"documents": ["d"]}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="neither"):
        load_clusters_jsonl(path)


def test_strip_dash_only_strips_the_leading_marker() -> None:
    assert strip_multinews_dash("– Skal, Sweden – cheers") == "Skal, Sweden – cheers"
    assert strip_multinews_dash("No dash here") == "No dash here"


def test_data_root_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBRIEF_DATA", str(tmp_path))
    assert find_data_root() == tmp_path
    with pytest.raises(DatasetNotFoundError):
        load_duc2004()


def test_shared_sets_have_the_documented_shape() -> None:
    try:
        duc = load_duc2004()
        multinews = load_multinews_sample("val")
    except DatasetNotFoundError as error:
        pytest.skip(str(error))
    assert len(duc) == 50
    assert {len(c.documents) for c in duc} == {10}
    assert {len(c.references) for c in duc} == {4}
    assert len(duc[0].system_summaries) == 13
    assert len(multinews) == 250
    assert all(len(c.references) == 1 for c in multinews)
    assert not any(c.references[0].startswith("–") for c in multinews)
