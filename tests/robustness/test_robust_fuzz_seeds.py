"""The fuzz harnesses (fuzz/) stay runnable: every seed input, and a few edge inputs, pass each
harness's checks without atheris. Fuzzing itself is a separate command (fuzz/run.py)."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
HARNESSES = ["decode", "jsonl", "warc", "html", "lines", "pipeline"]
EDGE_INPUTS = [b"", b"\x00", b"\x01", b"\x02", b"\x03", b"\x1f\x8b", b"\xff\xfe", b"\n" * 100]


@pytest.fixture(scope="module")
def fuzz_modules() -> Iterator[dict[str, ModuleType]]:
    """The harness modules and the runner, imported the way fuzz/run.py runs them."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(FUZZ))
        modules = {name: importlib.import_module(f"fuzz_{name}") for name in HARNESSES}
        modules["seed_corpus"] = importlib.import_module("seed_corpus")
        spec = importlib.util.spec_from_file_location("newsbrief_fuzz_run", FUZZ / "run.py")
        assert spec is not None and spec.loader is not None
        modules["run"] = importlib.util.module_from_spec(spec)
        # dataclasses look their module up in sys.modules.
        patch.setitem(sys.modules, spec.name, modules["run"])
        spec.loader.exec_module(modules["run"])
        yield modules


@pytest.mark.parametrize("name", HARNESSES)
def test_seeds_and_edge_inputs_pass_the_harness(name: str, fuzz_modules: dict[str, ModuleType]) -> None:
    target = fuzz_modules[name].load()
    seeds = fuzz_modules["seed_corpus"].seeds()[name]
    assert seeds
    for data in [*seeds, *EDGE_INPUTS]:
        target(data)


def test_the_runner_knows_every_harness(fuzz_modules: dict[str, ModuleType]) -> None:
    assert set(fuzz_modules["run"].MAX_LEN) == set(HARNESSES)
    assert {p.stem.removeprefix("fuzz_") for p in FUZZ.glob("fuzz_*.py")} == set(HARNESSES)
