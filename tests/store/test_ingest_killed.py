"""`newsbrief ingest` killed with SIGKILL mid-run, twice, then re-run: nothing lost, nothing doubled.

A real process is killed (no exception handler, no ``finally``, no rollback in Python: only
SQLite's WAL recovery and the kernel releasing the writer lock). The store the resumed runs
leave must equal, table by table, the one an uninterrupted ingest of the same corpus leaves,
including the event clusterer's saved state byte for byte and so the event of every article.

The corpus is generated here (no ../shared data): 150 English-looking articles in 30 stories,
plus exact copies under other names, an id clash, a JSONL feed, and inputs that fail both when
read (binary, empty, malformed JSON) and when cleaned (too short). Slow for a test (about 20 s
on 2 cores): four CLI processes, each taking seconds to load the cleaner and the real
clusterer before its first commit; the real clusterer because its saved state is what a crash
must not damage.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from newsbrief.clean.cues import FURNITURE, READER_PROMPT
from newsbrief.cli.app import EXIT_SOME_FAILED
from newsbrief.examples import example_paths

pytest.importorskip("newsbrief.group.cluster")

BATCH = 10
TOPICS, PER_TOPIC = 30, 5
OUTLETS = ("Herald", "Times", "Post", "Wire", "Courier", "Daily", "Gazette", "Tribune")
ROOT = Path(__file__).resolve().parents[2]
POLL_S = 0.005
DEADLINE_S = 120.0


def _vocabulary() -> list[str]:
    # Real English words (the bundled example), so the language check keeps the articles; less
    # the page-furniture words ("subscribe", "share") that would make the cleaner drop a line.
    words: set[str] = set()
    for path in example_paths():
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", path.read_text(encoding="utf-8"))}
    return sorted(w for w in words if not (READER_PROMPT.search(w) or FURNITURE.match(w)))


def _article(rng: random.Random, vocab: list[str], topic: list[str], outlet: str, day: int) -> str:
    names = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(3)]
    paragraphs = []
    for _ in range(4):
        sentences = []
        for _ in range(3):
            # Topic words make a story's reports cluster; random words keep every report distinct.
            words = rng.sample(topic, 7) + rng.sample(vocab, 5)
            rng.shuffle(words)
            sentences.append(f"{rng.choice(names)} said the {' '.join(words)} on {rng.choice(vocab)}.")
        paragraphs.append(" ".join(sentences))
    headline = f"{names[0]} {' '.join(rng.sample(topic, 6))}"
    byline = f"By {rng.choice(vocab).title()} {rng.choice(vocab).title()} | {outlet}"
    return f"{headline}\n\n{byline}\nPublished March {day}, 2026\n\n" + "\n\n".join(paragraphs) + "\n"


def _write_corpus(root: Path) -> int:
    """Write the corpus under ``root``; return how many articles it should give."""
    rng = random.Random(20261123)
    vocab = _vocabulary()
    outlets = [f"The {w.title()} {kind}" for w, kind in zip(rng.sample(vocab, 8), OUTLETS, strict=True)]
    previous: list[str] = rng.sample(vocab, 30)
    for t in range(TOPICS):
        # Each story shares a third of its words with the one before, so events are not trivial.
        topic = rng.sample(previous, 10) + rng.sample(vocab, 20)
        previous = topic
        folder = root / f"story{t:02d}"
        folder.mkdir(parents=True)
        for a in range(PER_TOPIC):
            text = _article(rng, vocab, topic, outlets[(t + a) % len(outlets)], 1 + t % 27)
            (folder / f"{t:02d}_{a}.txt").write_text(text, encoding="utf-8")
        if t % 5 == 1:
            # The same page saved under another name: one article, two inputs.
            copy = (folder / f"{t:02d}_0.txt").read_text(encoding="utf-8")
            (folder / f"{t:02d}_0_copy.txt").write_text(copy, encoding="utf-8")
        if t % 7 == 0:
            # Fails cleaning; the first story has one, so it is in the batch the first kill follows.
            (folder / "short.txt").write_text("Too short to be an article.\n", encoding="utf-8")
        if t % 9 == 4:
            (folder / "binary.txt").write_bytes(b"\x00\x01\x02garbage\xff\xfe" * 20)
            (folder / "empty.txt").write_bytes(b"")
        if t % 13 == 6:
            # Same file name (so the same id) as another story's article, different content.
            (folder / "00_0.txt").write_text(
                _article(rng, vocab, topic, outlets[0], 1 + t % 27), encoding="utf-8"
            )
    feed_topic = rng.sample(vocab, 30)
    lines = [
        json.dumps(
            {
                "id": f"feed-{i}",
                "title": " ".join(rng.sample(feed_topic, 6)),
                "outlet": outlets[i % len(outlets)],
                "published": "2026-03-20",
                "text": _article(rng, vocab, feed_topic, outlets[i % len(outlets)], 20),
            }
        )
        for i in range(12)
    ]
    lines.insert(5, '{"id": "broken", "text": ')
    (root / "story20" / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    clashes = sum(1 for t in range(TOPICS) if t % 13 == 6)
    return TOPICS * PER_TOPIC + clashes + 12


def _command(corpus: Path, db: Path) -> list[str]:
    return [
        sys.executable, "-m", "newsbrief", "ingest", str(corpus), "--db", str(db),
        "--batch-size", str(BATCH), "--format", "json", "--no-progress",
    ]  # fmt: skip


def _run_to_end(corpus: Path, db: Path) -> tuple[int, dict[str, Any]]:
    done = subprocess.run(_command(corpus, db), cwd=ROOT, capture_output=True, text=True, timeout=DEADLINE_S)
    assert done.stdout, done.stderr
    return done.returncode, json.loads(done.stdout)


def _count(db: Path, table: str = "articles") -> int:
    """Committed rows, read the way another process would (0 before the schema exists)."""
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as reader:
            return int(reader.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    except sqlite3.DatabaseError:
        # The ingest is still creating the file and its tables.
        return 0


def _writing(db: Path) -> bool:
    """True while another connection holds the write lock, i.e. a batch transaction is open."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc):
            raise
        return True
    else:
        probe.execute("ROLLBACK")
        return False
    finally:
        probe.close()


def _kill_when(corpus: Path, db: Path, ready: Callable[[], bool]) -> None:
    """Start an ingest, SIGKILL it as soon as ``ready()``; fail if it finished first."""
    process = subprocess.Popen(
        _command(corpus, db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + DEADLINE_S
    try:
        while not ready():
            assert process.poll() is None, (
                "ingest finished before it could be killed; make the corpus larger: "
                + process.stderr.read().decode()  # type: ignore[union-attr]
            )
            assert time.monotonic() < deadline
            time.sleep(POLL_S)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        process.stderr.close()  # type: ignore[union-attr]
    # Killed, not exited: the kill really interrupted the run.
    assert process.returncode == -signal.SIGKILL


def _snapshot(db: Path) -> dict[str, Any]:
    """Everything ingest stores, less the wall-clock timestamps."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as raw:

        def rows(sql: str) -> list[tuple]:
            return sorted(raw.execute(sql).fetchall())

        return {
            "articles": rows("SELECT id, source, content_hash, cleaned FROM articles"),
            "inputs": rows("SELECT doc_id, source, article FROM inputs"),
            "failures": rows("SELECT source, reason FROM failures"),
            "signatures": rows("SELECT article, minhash FROM signatures"),
            "lsh_buckets": rows("SELECT bucket, article FROM lsh_buckets"),
            "duplicates": rows("SELECT article, duplicate_of, similarity FROM duplicates"),
            "events": rows("SELECT id, title, first_published, last_published FROM events"),
            "event_articles": rows("SELECT article, event FROM event_articles"),
            "cluster_state": rows("SELECT key, value FROM cluster_state"),
        }


def _integrity(db: Path) -> str:
    with closing(sqlite3.connect(db)) as raw:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])


def test_sigkilled_ingest_resumes_to_the_same_store_as_an_uninterrupted_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    expected_articles = _write_corpus(corpus)

    reference_db = tmp_path / "reference.db"
    code, reference_report = _run_to_end(corpus, reference_db)
    assert code == EXIT_SOME_FAILED
    reference = _snapshot(reference_db)
    assert reference_report["added"] == len(reference["articles"]) == expected_articles
    assert reference_report["same_content"] == sum(1 for t in range(TOPICS) if t % 5 == 1)
    failed = {Path(source.split(":")[0]).name for source, _ in reference["failures"]}
    assert failed == {"short.txt", "binary.txt", "empty.txt", "feed.jsonl"}
    assert len({event for _, event in reference["event_articles"]}) > 10

    db = tmp_path / "store" / "newsbrief.db"
    # Kill 1: as soon as the first batch is committed (its inputs include a file that fails
    # cleaning, which every re-run reads and cleans again).
    _kill_when(corpus, db, lambda: _count(db) > 0)
    first = _count(db)
    assert _integrity(db) == "ok"
    assert 0 < first < expected_articles

    # Kill 2: during the resumed run, once it has committed a batch of its own and while its
    # next batch's transaction is open.
    _kill_when(corpus, db, lambda: _count(db) > first and _writing(db))
    second = _count(db)
    assert _integrity(db) == "ok"
    assert first < second < expected_articles
    stored_inputs = _count(db, "inputs")

    # The killed writers' lock is gone with them: this run is not refused (exit 3) and ends
    # with exit 1 only because of the corpus's bad inputs, as the uninterrupted run did.
    code, report = _run_to_end(corpus, db)
    assert code == EXIT_SOME_FAILED
    assert report["already_stored"] == stored_inputs
    assert report["added"] == expected_articles - second
    assert report["failures"] == reference_report["failures"]
    assert _integrity(db) == "ok"

    resumed = _snapshot(db)
    differing = [table for table, rows in reference.items() if resumed[table] != rows]
    assert differing == [], "tables that differ from an uninterrupted ingest"
    # So each input is mapped once, each failure recorded once, each article in one event.
    assert len(resumed["inputs"]) == reference_report["added"] + reference_report["same_content"]
    assert len(resumed["failures"]) == len(reference_report["failures"])
    members = [article for article, _ in resumed["event_articles"]]
    assert sorted(members) == sorted(article for article, *_ in resumed["articles"])
