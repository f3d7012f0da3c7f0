"""Dump, build and verify the line-labelled cleaning set.

The labels are written by hand in ``labels.spec`` (no article text, only line
numbers), because Multi-News text may not be redistributed.  This script joins
the spec with the shared data and writes ``lines.jsonl`` (one record per
labelled line, carrying a sha1 and a 30-character prefix so the text can be
re-read and checked) and ``articles.jsonl`` (one record per labelled article).

Usage (from the repository root)::

    python3 tests/data/clean/make_lines.py overview --rows 0-49
    python3 tests/data/clean/make_lines.py dump --row 12 --doc 0
    python3 tests/data/clean/make_lines.py dump --file 000_075e90a57bfb2e96.txt
    python3 tests/data/clean/make_lines.py build
    python3 tests/data/clean/make_lines.py verify

Spec format (``labels.spec``)::

    @ multinews_val ROW DOC | site=... | style=...     (or: @ seeds FILE | ...)
    3 headline
    5-40 body
    17 boilerplate ; note text after a semicolon
    * boilerplate                                      (every non-empty line)

Within one article, later lines override earlier ones, so a block can be
labelled with a range and exceptions listed after it.  Ranges only touch
non-empty lines (``line.strip() != ""``); every non-empty line must end up
with exactly one label, which ``build`` checks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def find_shared() -> Path:
    # The shared data lives beside the checkout here, but some machines mount it inside it.
    override = os.environ.get("NEWSBRIEF_SHARED")
    if override:
        return Path(override)
    for candidate in (REPO / "shared", REPO.parent / "shared"):
        if (candidate / "seeds").is_dir():
            return candidate
    return REPO.parent / "shared"


SHARED = find_shared()
MULTINEWS = SHARED / "data" / "multinews" / "multinews_raw_sample250_val.jsonl"
SEEDS = SHARED / "seeds"
SPEC = HERE / "labels.spec"
LINES = HERE / "lines.jsonl"
ARTICLES = HERE / "articles.jsonl"

LABELS = (
    "body",
    "headline",
    "dek",
    "subheading",
    "caption",
    "byline",
    "dateline",
    "metadata",
    "boilerplate",
)
PREFIX_CHARS = 30


def sha1_12(line: str) -> str:
    return hashlib.sha1(line.encode("utf-8")).hexdigest()[:12]


def split_lines(text: str) -> list[str]:
    # Exactly the split the test suite will use; do not normalise line endings.
    return text.split("\n")


def is_labelled(line: str) -> bool:
    return line.strip() != ""


def load_multinews(path: Path = MULTINEWS) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            rows[int(record["row"])] = list(record["documents"])
    return rows


def load_seed(name: str, folder: Path = SEEDS) -> str:
    return (folder / name).read_text(encoding="utf-8")


@dataclass
class ArticleSpec:
    source: str
    row: int | None
    doc: int | None
    file: str | None
    attrs: dict[str, str] = field(default_factory=dict)
    # (first line, last line, label, note) in the order written.
    rules: list[tuple[int, int, str, str]] = field(default_factory=list)

    def key(self) -> str:
        if self.source == "seeds":
            return f"seeds:{self.file}"
        return f"{self.source}:{self.row}:{self.doc}"


def parse_spec(path: Path = SPEC) -> list[ArticleSpec]:
    articles: list[ArticleSpec] = []
    current: ArticleSpec | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            head, *extras = [part.strip() for part in line[1:].split("|")]
            words = head.split()
            attrs = dict(extra.split("=", 1) for extra in extras if "=" in extra)
            if words[0] == "seeds":
                current = ArticleSpec("seeds", None, None, words[1], attrs)
            else:
                current = ArticleSpec(words[0], int(words[1]), int(words[2]), None, attrs)
            articles.append(current)
            continue
        if current is None:
            raise ValueError(f"{path}:{number}: label before any '@' header")
        body, _, note = line.partition(";")
        where, label = body.split()
        if label not in LABELS:
            raise ValueError(f"{path}:{number}: unknown label {label!r}")
        if where == "*":
            first, last = 0, 10**9
        elif "-" in where:
            start, end = where.split("-")
            first, last = int(start), int(end)
        else:
            first = last = int(where)
        current.rules.append((first, last, label, note.strip()))
    return articles


def article_text(spec: ArticleSpec, rows: dict[int, list[str]]) -> str:
    if spec.source == "seeds":
        assert spec.file is not None
        return load_seed(spec.file)
    assert spec.row is not None and spec.doc is not None
    return rows[spec.row][spec.doc]


def label_article(spec: ArticleSpec, text: str) -> list[dict[str, object]]:
    lines = split_lines(text)
    chosen: dict[int, tuple[str, str]] = {}
    for first, last, label, note in spec.rules:
        if last != 10**9 and (first >= len(lines) or last >= len(lines)):
            raise ValueError(f"{spec.key()}: rule {first}-{last} beyond {len(lines)} lines")
        for index in range(first, min(last, len(lines) - 1) + 1):
            if is_labelled(lines[index]):
                chosen[index] = (label, note)
            elif first == last:
                raise ValueError(f"{spec.key()}: line {index} is empty but was labelled")
    missing = [i for i, line in enumerate(lines) if is_labelled(line) and i not in chosen]
    if missing:
        raise ValueError(f"{spec.key()}: unlabelled non-empty lines {missing}")
    records: list[dict[str, object]] = []
    for index in sorted(chosen):
        label, note = chosen[index]
        record: dict[str, object] = {
            "source": spec.source,
            "row": spec.row,
            "doc": spec.doc,
            "file": spec.file,
            "line": index,
            "sha1": sha1_12(lines[index]),
            "prefix": lines[index][:PREFIX_CHARS],
            "label": label,
        }
        if note:
            record["note"] = note
        records.append(record)
    return records


def build() -> None:
    rows = load_multinews()
    specs = parse_spec()
    keys = [spec.key() for spec in specs]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    if duplicates:
        raise ValueError(f"articles labelled twice: {duplicates}")
    all_records: list[dict[str, object]] = []
    manifest: list[dict[str, object]] = []
    for spec in specs:
        records = label_article(spec, article_text(spec, rows))
        all_records.extend(records)
        manifest.append(
            {
                "source": spec.source,
                "row": spec.row,
                "doc": spec.doc,
                "file": spec.file,
                "site": spec.attrs.get("site", ""),
                "style": spec.attrs.get("style", ""),
                "labelled_lines": len(records),
                "labels": dict(Counter(str(r["label"]) for r in records)),
            }
        )
    with LINES.open("w", encoding="utf-8") as handle:
        for record in all_records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    with ARTICLES.open("w", encoding="utf-8") as handle:
        for entry in manifest:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"wrote {len(all_records)} lines for {len(manifest)} articles")
    report(all_records, manifest)


def report(records: list[dict[str, object]], manifest: list[dict[str, object]]) -> None:
    print("per label:", dict(Counter(str(r["label"]) for r in records).most_common()))
    for source in sorted({str(m["source"]) for m in manifest}):
        chosen = [r for r in records if r["source"] == source]
        articles = sum(1 for m in manifest if m["source"] == source)
        labels = dict(Counter(str(r["label"]) for r in chosen).most_common())
        print(f"{source}: {articles} articles, {len(chosen)} lines, {labels}")
    sites = {str(m["site"]) for m in manifest if m["site"]}
    print(f"distinct sites: {len(sites)}")


def iter_labelled(path: Path = LINES) -> Iterator[tuple[dict[str, Any], str]]:
    """Yield (label record, exact line text) pairs, re-read from the shared data.

    This is the join a test should use; it refuses to yield a line whose text
    no longer matches the stored hash, so a changed data file cannot silently
    shift labels onto the wrong lines.
    """
    rows = load_multinews()
    cache: dict[tuple[str, int | None, int | None, str | None], list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            record: dict[str, Any] = json.loads(raw)
            key = (record["source"], record["row"], record["doc"], record["file"])
            if key not in cache:
                if record["source"] == "seeds":
                    text = load_seed(record["file"])
                else:
                    text = rows[record["row"]][record["doc"]]
                cache[key] = split_lines(text)
            line = cache[key][record["line"]]
            if sha1_12(line) != record["sha1"]:
                raise ValueError(f"line text changed since labelling: {record}")
            yield record, line


def check_coverage(
    records: list[dict[str, object]],
    manifest: list[dict[str, object]],
    rows: dict[int, list[str]],
) -> int:
    """Every non-empty line of every listed article must carry exactly one label."""
    seen = Counter((r["source"], r["row"], r["doc"], r["file"]) for r in records)
    problems = 0
    for entry in manifest:
        key = (entry["source"], entry["row"], entry["doc"], entry["file"])
        if entry["source"] == "seeds":
            text = load_seed(str(entry["file"]))
        else:
            text = rows[int(str(entry["row"]))][int(str(entry["doc"]))]
        expected = sum(1 for line in split_lines(text) if is_labelled(line))
        if seen[key] != expected:
            problems += 1
            print(f"COVERAGE {key}: {seen[key]} labels for {expected} lines", file=sys.stderr)
    lines_per_key = Counter((r["source"], r["row"], r["doc"], r["file"], r["line"]) for r in records)
    doubled = [key for key, count in lines_per_key.items() if count > 1]
    if doubled:
        problems += len(doubled)
        print(f"lines labelled twice: {doubled[:5]}", file=sys.stderr)
    return problems


def verify() -> int:
    """Re-read every labelled line from the shared data and check its hash."""
    rows = load_multinews()
    seeds: dict[str, list[str]] = {}
    bad = 0
    records = [json.loads(raw) for raw in LINES.open(encoding="utf-8")]
    for record in records:
        if record["source"] == "seeds":
            name = record["file"]
            if name not in seeds:
                seeds[name] = split_lines(load_seed(name))
            lines = seeds[name]
        else:
            lines = split_lines(rows[record["row"]][record["doc"]])
        line = lines[record["line"]]
        if sha1_12(line) != record["sha1"] or line[:PREFIX_CHARS] != record["prefix"]:
            bad += 1
            print(f"MISMATCH {record}", file=sys.stderr)
        if record["label"] not in LABELS:
            bad += 1
            print(f"BAD LABEL {record}", file=sys.stderr)
    manifest = [json.loads(raw) for raw in ARTICLES.open(encoding="utf-8")]
    bad += check_coverage(records, manifest, rows)
    print(f"checked {len(records)} lines, {bad} problems")
    report(records, manifest)
    return 1 if bad else 0


def dump(row: int | None, doc: int | None, name: str | None) -> None:
    if name is not None:
        text = load_seed(name)
    else:
        assert row is not None and doc is not None
        text = load_multinews()[row][doc]
    for index, line in enumerate(split_lines(text)):
        if is_labelled(line):
            print(f"{index:4d}| {line.strip()}")


def overview(first: int, last: int) -> None:
    rows = load_multinews()
    for row in range(first, last + 1):
        for doc, text in enumerate(rows.get(row, [])):
            lines = [line.strip() for line in split_lines(text) if is_labelled(line)]
            short = sum(1 for line in lines if len(line.split()) < 8)
            heads = " || ".join(line[:40] for line in lines[:3])
            print(f"{row:3d} {doc} n={len(lines):3d} short={short:3d} | {heads}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build")
    sub.add_parser("verify")
    dumper = sub.add_parser("dump")
    dumper.add_argument("--row", type=int)
    dumper.add_argument("--doc", type=int)
    dumper.add_argument("--file")
    over = sub.add_parser("overview")
    over.add_argument("--rows", default="0-249")
    args = parser.parse_args()
    if args.command == "build":
        build()
    elif args.command == "verify":
        return verify()
    elif args.command == "dump":
        dump(args.row, args.doc, args.file)
    else:
        first, last = (int(part) for part in args.rows.split("-"))
        overview(first, last)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
