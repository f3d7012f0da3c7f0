"""Run every fuzz harness for a bounded time and report what each found.

    python3 fuzz/run.py --seconds 60            # the time is shared between the harnesses
    python3 fuzz/run.py --seconds 30 --only decode,html
    python3 fuzz/fuzz_html.py CRASH_FILE        # replay one input (a crash file or a seed)

Needs atheris (``pip install atheris``). Corpora and crash files go to --workdir (a temporary
folder by default), never into the repository. Exit code 1 when any harness crashed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from seed_corpus import dictionary_file, seeds

HERE = Path(__file__).resolve().parent
# libFuzzer's largest input per harness: big enough for a small page or archive, small enough
# to keep thousands of runs a second where the code allows it.
MAX_LEN = {
    "decode": 16384,
    "jsonl": 16384,
    "warc": 32768,
    "html": 32768,
    "lines": 16384,
    "pipeline": 16384,
}
# A single input running longer than this is reported as a hang.
INPUT_TIMEOUT_S = 20
RSS_LIMIT_MB = 3072
_DONE = re.compile(r"Done (\d+) runs in (\d+) second")
_CORPUS = re.compile(r"corp: (\d+)/")


@dataclass(slots=True)
class Result:
    name: str
    runs: int
    seconds: float
    corpus: int
    crashes: list[Path]
    error: str


def run_harness(name: str, seconds: int, workdir: Path) -> Result:
    corpus = workdir / "corpus" / name
    crashes = workdir / "crashes" / name
    corpus.mkdir(parents=True, exist_ok=True)
    crashes.mkdir(parents=True, exist_ok=True)
    for number, data in enumerate(seeds()[name]):
        (corpus / f"seed-{number}").write_bytes(data)
    tokens = workdir / f"{name}.dict"
    tokens.write_text(dictionary_file(name))
    before = set(crashes.iterdir())
    command = [
        sys.executable,
        str(HERE / f"fuzz_{name}.py"),
        str(corpus),
        f"-max_total_time={seconds}",
        f"-max_len={MAX_LEN[name]}",
        f"-timeout={INPUT_TIMEOUT_S}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-artifact_prefix={crashes}/",
        f"-dict={tokens}",
        "-print_final_stats=1",
    ]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, errors="replace", timeout=seconds + 120
        )
        output, code = done.stdout + done.stderr, done.returncode
    except subprocess.TimeoutExpired as exc:
        output, code = str(exc.stdout or "") + str(exc.stderr or ""), -1
    elapsed = time.perf_counter() - started
    runs = _DONE.findall(output)
    executed = re.findall(r"stat::number_of_executed_units:\s*(\d+)", output)
    sizes = _CORPUS.findall(output)
    new = sorted(set(crashes.iterdir()) - before)
    error = ""
    if code != 0 or new:
        lines = [line for line in output.splitlines() if line.strip()]
        marker = next(
            (i for i, line in enumerate(lines) if "Uncaught Python exception" in line or "ERROR:" in line),
            max(0, len(lines) - 12),
        )
        error = "\n".join(lines[marker : marker + 25])
    return Result(
        name=name,
        runs=int(runs[-1][0]) if runs else int(executed[-1]) if executed else 0,
        seconds=elapsed,
        corpus=int(sizes[-1]) if sizes else 0,
        crashes=new,
        error=error,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=60, help="total fuzzing time (default 60)")
    parser.add_argument("--only", default="", help="comma-separated harnesses (default: all)")
    parser.add_argument("--workdir", type=Path, default=None, help="corpora and crash files")
    args = parser.parse_args(argv)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("fuzz/run.py needs atheris: python3 -m pip install atheris", file=sys.stderr)
        return 2
    names = [n for n in args.only.split(",") if n] or list(MAX_LEN)
    unknown = set(names) - set(MAX_LEN)
    if unknown:
        parser.error(f"unknown harness(es): {', '.join(sorted(unknown))}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsbrief-fuzz-"))
    each = max(1, args.seconds // len(names))
    print(f"fuzzing {len(names)} harnesses for {each} s each; corpora and crashes in {workdir}")
    results = []
    for name in names:
        result = run_harness(name, each, workdir)
        results.append(result)
        status = f"{len(result.crashes)} crash file(s)" if result.crashes or result.error else "no crash"
        rate = result.runs / result.seconds if result.seconds else 0.0
        summary = f"{result.runs:>9,} runs  {rate:>8,.0f}/s  corpus {result.corpus:>5}"
        print(f"  {name:9} {summary}  {status}", flush=True)
        if result.error:
            print("    " + result.error.replace("\n", "\n    "))
            for crash in result.crashes:
                print(f"    reproduce: {sys.executable} {HERE / f'fuzz_{name}.py'} {crash}")
    return 1 if any(r.crashes or r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
