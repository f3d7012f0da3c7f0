"""Fuzz the whole reading and cleaning stage on a file of each input type: nothing raises, every
problem is one line, and every article's offsets index its text."""

from __future__ import annotations

import tempfile
from pathlib import Path

from harness_support import Target, check_article, fuzz

SUFFIXES = (".txt", ".html", ".jsonl")


def load() -> Target:
    from newsbrief import pipeline
    from newsbrief.pipeline import load_articles

    # Cleaned in this process, so the fuzzer sees the cleaner's coverage (a forked worker's is
    # lost to it); libFuzzer's own -timeout stands in for the per-article time budget.
    pipeline.ARTICLE_SECONDS = None

    folder = Path(tempfile.mkdtemp(prefix="newsbrief-fuzz-pipeline-"))

    def target(data: bytes) -> None:
        suffix, payload = (SUFFIXES[data[0] % 3], data[1:]) if data else (".txt", b"")
        path = folder / f"input{suffix}"
        path.write_bytes(payload)
        articles, failures = load_articles([path])
        for failure in failures:
            assert failure.reason and "\n" not in failure.reason, failure
        for article in articles:
            check_article(article)
            article.text.encode("utf-8")

    return target


if __name__ == "__main__":
    fuzz(load)
