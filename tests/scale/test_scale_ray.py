"""The Ray engine in local mode gives the local engine's output, file for file.

This module takes 15–20 s on two cores, nearly all of it Ray's: starting Ray, then two rounds
of actors (each a Python process that imports newsbrief and loads its models). One Ray and one
run serve every test here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from scale_support import OPTIONS, Run, ScaleInput, read_jsonl

from newsbrief.scale import run_pipeline

ray = pytest.importorskip("ray", reason='the ray engine needs Ray Data: pip install "newsbrief[ray]"')
pytest.importorskip("ray.data", reason='the ray engine needs Ray Data: pip install "newsbrief[ray]"')


@pytest.fixture(scope="module")
def ray_run(
    local_run: Run, scale_input: ScaleInput, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Run]:
    from newsbrief.scale.ray_engine import init_local_ray

    # One Ray for the module (starting it costs seconds), with the CPUs `--engine ray
    # --workers 2` would start: one per actor, one for read tasks and the driver.
    init_local_ray(num_cpus=3)
    try:
        out = tmp_path_factory.mktemp("ray-run")
        yield Run(out, run_pipeline(scale_input.paths, out, replace(OPTIONS, engine="ray")))
    finally:
        ray.shutdown()


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "summary.json"
    }


def test_same_events_with_the_same_articles(local_run: Run, ray_run: Run) -> None:
    local = {e["id"]: e["articles"] for e in read_jsonl(local_run.out / "events.jsonl")}
    remote = {e["id"]: e["articles"] for e in read_jsonl(ray_run.out / "events.jsonl")}
    assert remote == local
    assert any(len(members) >= 2 for members in local.values())


def test_every_output_file_is_identical(local_run: Run, ray_run: Run) -> None:
    local, remote = _files(local_run.out), _files(ray_run.out)
    assert sorted(remote) == sorted(local)
    assert "articles.jsonl" in local and any(name.startswith("briefs/") for name in local)
    for name, content in local.items():
        assert remote[name] == content, name


def test_the_summaries_agree(local_run: Run, ray_run: Run) -> None:
    local, remote = local_run.summary.record(), ray_run.summary.record()
    for key in ("articles", "failures", "events", "duplicates", "briefs"):
        assert remote[key] == local[key], key
    assert remote["engine"] == "ray" and local["engine"] == "local"
