"""Mixed inputs: `brief` warns when its inputs are several stories, and --split briefs each."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsbrief.examples import example_paths

ROOT = Path(__file__).resolve().parents[2]
SECOND_EVENT = ROOT / "tests" / "data" / "serve" / "seeds"
EXTRACTION = ROOT.parent / "shared" / "data" / "article-extraction" / "html"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example (4 reports of a bridge strike) and five reports of another event."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in [*example_paths(), *sorted(SECOND_EVENT.glob("*.txt"))]:
        shutil.copy(path, folder / path.name)
    return folder


def _brief(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "newsbrief", "brief", *map(str, args), "--no-progress"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=600, check=False)


def test_mixed_inputs_are_never_fused_silently(mixed: Path) -> None:
    done = _brief(mixed, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "warning: the inputs look like 2 separate stories" in done.stderr
    record = json.loads(done.stdout)
    assert any("separate stories" in note for note in record["analysis"]["notes"])


def test_split_gives_one_brief_per_story(mixed: Path, tmp_path: Path) -> None:
    done = _brief(mixed, "--split", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    records = json.loads(done.stdout)
    stories = sorted(sorted(a["id"] for a in r["event"]["articles"]) for r in records)
    example = sorted(p.stem for p in example_paths())
    second = sorted(p.stem for p in SECOND_EVENT.glob("*.txt"))
    assert stories == sorted([example, second])
    markdown = _brief(mixed, "--split")
    assert markdown.stdout.startswith("# 2 stories")
    assert markdown.stdout.count("\n---\n") == 2
    pages = tmp_path / "briefs"
    html = _brief(mixed, "--split", "--format", "html", "-o", pages)
    assert html.returncode == 0, html.stderr
    written = sorted(p.name for p in pages.iterdir())
    assert written == sorted(["index.html", *(f"{r['event']['id']}.html" for r in records)])
    index = (pages / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{r["event"]["id"]}.html"' in index for r in records)
    refused = _brief(mixed, "--split", "--format", "html", "-o", tmp_path / "one.html")
    assert refused.returncode == 2 and "-o FOLDER" in refused.stderr


def test_one_story_gives_one_brief_without_a_warning() -> None:
    done = _brief("--example", "--split", "--format", "json")
    assert done.returncode == 0 and "warning" not in done.stderr
    record = json.loads(done.stdout)
    assert isinstance(record, dict) and len(record["event"]["articles"]) == 4
    assert not record["event"]["title"].startswith("UPDATE")


@pytest.mark.skipif(not EXTRACTION.is_dir(), reason="../shared/data/article-extraction not present")
def test_thirty_unrelated_pages_split_into_their_stories() -> None:
    pages = sorted(EXTRACTION.glob("*.html.gz"))[:30]
    done = _brief(*pages, "--split", "--format", "json", "--words", "40")
    records = json.loads(done.stdout)
    assert len(records) >= 20  # 25 pages keep a body; two pairs are one story each
    by_title = {r["event"]["title"]: len(r["event"]["articles"]) for r in records}
    wework = [t for t in by_title if "WeWork" in t]
    assert len(wework) == 1 and by_title[wework[0]] == 2
