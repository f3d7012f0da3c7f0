"""Typed access to the cross-source analysis gold annotations, plus a validator.

The gold files live in ``gold/<name>.json``. Document texts are *not* stored here (Multi-News may
not be redistributed); they are read from the shared data folder, by default ``../shared`` next to
the repository root, overridable with the ``NEWSBRIEF_SHARED`` environment variable.

Run ``python3 tests/data/analyze/gold.py`` to validate every gold file against the source texts.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Literal, NotRequired, TypedDict

GOLD_DIR = Path(__file__).resolve().parent / "gold"
REPO_ROOT = Path(__file__).resolve().parents[3]
MULTINEWS_FILE = "data/multinews/multinews_raw_sample250_val.jsonl"
MAX_QUOTE_WORDS = 40
DOC_ID = re.compile(r"^row(?P<row>\d+)_doc(?P<doc>\d+)$")
# "--MM-DD" (ISO 8601 without year) for texts that give a day but never the year.
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")
QUOTE_KINDS = {"direct", "indirect", "mixed"}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}
SPLITS = {"tune", "test"}
LAYERS = ("quotes", "entities", "numbers", "timeline")
# Layers every file must annotate exhaustively (timeline is optional); see README "Split".
REQUIRED_LAYERS = {"quotes", "entities", "numbers"}
POLARITIES = {"denial"}

QuoteKind = Literal["direct", "indirect", "mixed"]


class GoldDocument(TypedDict):
    id: str
    published: str | None


class QuoteVariant(TypedDict):
    doc: str
    text: str
    kind: QuoteKind


class GoldQuote(TypedDict):
    speaker: str
    text: str
    kind: QuoteKind
    docs: list[str]
    verbatim_in: list[str]
    variants: NotRequired[list[QuoteVariant]]
    unnamed: NotRequired[bool]
    # "denial" when the reporting frame denies, rejects or disputes the content; absent: asserted.
    polarity: NotRequired[Literal["denial"]]
    note: NotRequired[str]


class GoldEntity(TypedDict):
    name: str
    type: str
    variants: list[str]
    roles: list[str]
    docs: list[str]
    note: NotRequired[str]


class GoldNumber(TypedDict):
    value: float
    unit: str
    what: str
    docs: list[str]
    surface: list[str]
    group: NotRequired[str]
    conflict: NotRequired[bool]
    note: NotRequired[str]


class GoldEvent(TypedDict):
    date: str | None
    what: str
    docs: list[str]
    surface: list[str]
    note: NotRequired[str]


class GoldSource(TypedDict):
    kind: Literal["seeds", "multinews"]
    path: str
    row: NotRequired[int]


class Gold(TypedDict):
    name: str
    # "tune": rules may be developed on it; "test": reported only, never read while tuning.
    split: Literal["tune", "test"]
    # Layers annotated exhaustively; a layer not listed is not scored for this file.
    annotated: list[Literal["quotes", "entities", "numbers", "timeline"]]
    source: GoldSource
    documents: list[GoldDocument]
    quotes: list[GoldQuote]
    entities: list[GoldEntity]
    numbers: list[GoldNumber]
    timeline: list[GoldEvent]
    note: NotRequired[str]


def list_gold() -> list[str]:
    """Names of all gold clusters (file stems), sorted."""
    return sorted(p.stem for p in GOLD_DIR.glob("*.json"))


def load_gold(name: str) -> Gold:
    """Load one gold cluster by name (e.g. ``"seeds"`` or ``"multinews_row1"``)."""
    path = GOLD_DIR / f"{name}.json"
    with path.open(encoding="utf-8") as handle:
        gold: Gold = json.load(handle)
    return gold


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSBRIEF_SHARED", REPO_ROOT.parent / "shared"))


@cache
def _multinews_rows(path: Path) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            rows[int(record["row"])] = list(record["documents"])
    return rows


def load_text(doc_id: str, source: GoldSource) -> str:
    """Raw text of one annotated document, read from the shared data folder."""
    base = shared_dir()
    if source["kind"] == "seeds":
        return (base / source["path"] / f"{doc_id}.txt").read_text(encoding="utf-8")
    match = DOC_ID.match(doc_id)
    if match is None:
        raise ValueError(f"bad Multi-News doc id {doc_id!r}")
    rows = _multinews_rows(base / source["path"])
    return rows[int(match["row"])][int(match["doc"])]


# Typographic variants differ between outlets (’ vs ', “ vs ", NATO vs Nato) without changing
# the words, so matching is done on a normalised form; see README "Matching".
_CHAR_MAP = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)
    return re.sub(r"\s+", " ", text).strip().casefold()


def occurs(needle: str, haystack_norm: str) -> bool:
    """Whole-word containment of ``needle`` in an already normalised text."""
    norm = normalise(needle)
    if not norm:
        return False
    pattern = (r"(?<!\w)" if norm[0].isalnum() else "") + re.escape(norm)
    pattern += r"(?!\w)" if norm[-1].isalnum() else ""
    return re.search(pattern, haystack_norm) is not None


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))


def validate(gold: Gold) -> tuple[list[str], list[str]]:
    """Return (errors, warnings). Errors mean the annotation contradicts the source texts."""
    errors: list[str] = []
    warnings: list[str] = []
    name = gold["name"]
    doc_ids = [d["id"] for d in gold["documents"]]
    if len(set(doc_ids)) != len(doc_ids):
        errors.append(f"{name}: duplicate document ids")
    texts = {d: normalise(load_text(d, gold["source"])) for d in doc_ids}

    def check_docs(where: str, docs: list[str]) -> bool:
        unknown = [d for d in docs if d not in texts]
        if unknown or not docs:
            errors.append(f"{name}: {where}: unknown or empty docs {unknown or docs}")
            return False
        return True

    if gold.get("split") not in SPLITS:
        errors.append(f"{name}: split must be one of {sorted(SPLITS)}, not {gold.get('split')!r}")
    annotated = gold.get("annotated", [])
    if unknown_layers := set(annotated) - set(LAYERS):
        errors.append(f"{name}: unknown annotated layers {sorted(unknown_layers)}")
    if missing_layers := REQUIRED_LAYERS - set(annotated):
        errors.append(f"{name}: annotated lacks required layers {sorted(missing_layers)}")
    if gold["timeline"] and "timeline" not in annotated:
        warnings.append(f"{name}: timeline entries but 'timeline' not in annotated (not scored)")

    for doc in gold["documents"]:
        if doc["published"] is not None and not DATE.match(doc["published"]):
            errors.append(f"{name}: document {doc['id']}: bad published date {doc['published']!r}")

    entity_names = {e["name"] for e in gold["entities"]}
    for i, q in enumerate(gold["quotes"]):
        where = f"quote[{i}] {q['speaker']}: {q['text'][:40]!r}"
        if q["kind"] not in QUOTE_KINDS:
            errors.append(f"{name}: {where}: bad kind {q['kind']!r}")
        if "polarity" in q and q["polarity"] not in POLARITIES:
            errors.append(f"{name}: {where}: bad polarity {q['polarity']!r}")
        if not check_docs(where, q["docs"]):
            continue
        if q["speaker"] not in entity_names and not q.get("unnamed", False):
            errors.append(f"{name}: {where}: speaker is not an entity and not marked unnamed")
        covered: set[str] = set()
        for d in q["verbatim_in"]:
            if d not in q["docs"]:
                errors.append(f"{name}: {where}: verbatim_in doc {d} not in docs")
            elif not occurs(q["text"], texts[d]):
                errors.append(f"{name}: {where}: text not found in {d}")
            covered.add(d)
        spans = [q["text"]]
        for v in q.get("variants", []):
            spans.append(v["text"])
            if v["kind"] not in QUOTE_KINDS:
                errors.append(f"{name}: {where}: variant has bad kind {v['kind']!r}")
            if v["doc"] not in q["docs"]:
                errors.append(f"{name}: {where}: variant doc {v['doc']} not in docs")
            elif not occurs(v["text"], texts[v["doc"]]):
                errors.append(f"{name}: {where}: variant {v['text'][:40]!r} not in {v['doc']}")
            covered.add(v["doc"])
        if missing := set(q["docs"]) - covered:
            errors.append(f"{name}: {where}: docs {sorted(missing)} carry no span")
        for span in spans:
            if _word_count(span) > MAX_QUOTE_WORDS:
                errors.append(f"{name}: {where}: span longer than {MAX_QUOTE_WORDS} words")

    for e in gold["entities"]:
        where = f"entity {e['name']}"
        if e["type"] not in ENTITY_TYPES:
            errors.append(f"{name}: {where}: bad type {e['type']!r}")
        if not check_docs(where, e["docs"]):
            continue
        forms = [e["name"], *e["variants"]]
        for d in e["docs"]:
            if not any(occurs(f, texts[d]) for f in forms):
                errors.append(f"{name}: {where}: no name form occurs in {d}")
        for form in e["variants"]:
            if not any(occurs(form, texts[d]) for d in e["docs"]):
                errors.append(f"{name}: {where}: variant {form!r} occurs in none of its docs")
        for role in e["roles"]:
            if not any(occurs(role, texts[d]) for d in e["docs"]):
                errors.append(f"{name}: {where}: role {role!r} occurs in none of its docs")
        # A name form found in an unlisted doc is usually a forgotten doc; reviewed by hand.
        for d in set(texts) - set(e["docs"]):
            if any(occurs(f, texts[d]) for f in forms):
                warnings.append(f"{name}: {where}: a name form also occurs in unlisted {d}")

    groups: dict[str, list[GoldNumber]] = defaultdict(list)
    for n in gold["numbers"]:
        where = f"number {n['what']!r}"
        if not isinstance(n["value"], int | float):
            errors.append(f"{name}: {where}: value is not a number")
        if not check_docs(where, n["docs"]):
            continue
        for s in n["surface"]:
            if not any(occurs(s, texts[d]) for d in n["docs"]):
                errors.append(f"{name}: {where}: surface {s!r} occurs in none of its docs")
        for d in n["docs"]:
            if not any(occurs(s, texts[d]) for s in n["surface"]):
                errors.append(f"{name}: {where}: no surface occurs in {d}")
        if "group" in n:
            groups[n["group"]].append(n)
        elif n.get("conflict"):
            errors.append(f"{name}: {where}: conflict without group")
    for key, members in groups.items():
        values = {m["value"] for m in members}
        conflict = any(m.get("conflict", False) for m in members)
        if len(members) < 2:
            errors.append(f"{name}: group {key!r} has a single member")
        if conflict and len(values) < 2:
            errors.append(f"{name}: group {key!r} marked conflict but values agree")

    for ev in gold["timeline"]:
        where = f"timeline {ev['what']!r}"
        if ev["date"] is not None and not DATE.match(ev["date"]):
            errors.append(f"{name}: {where}: bad date {ev['date']!r}")
        if not check_docs(where, ev["docs"]):
            continue
        for s in ev["surface"]:
            if not any(occurs(s, texts[d]) for d in ev["docs"]):
                errors.append(f"{name}: {where}: surface {s!r} occurs in none of its docs")
        for d in ev["docs"]:
            if not any(occurs(s, texts[d]) for s in ev["surface"]):
                errors.append(f"{name}: {where}: no surface occurs in {d}")
    return errors, warnings


def counts(gold: Gold) -> Counter[str]:
    """Per-key counts used in README.md."""
    c: Counter[str] = Counter()
    c["documents"] = len(gold["documents"])
    c["quotes"] = len(gold["quotes"])
    c["quote_variants"] = sum(len(q.get("variants", [])) for q in gold["quotes"])
    c["multi_doc_quotes"] = sum(len(q["docs"]) > 1 for q in gold["quotes"])
    c["entities"] = len(gold["entities"])
    c["numbers"] = len(gold["numbers"])
    c["conflicts"] = sum(bool(n.get("conflict")) for n in gold["numbers"])
    c["timeline"] = len(gold["timeline"])
    c["direct"] = sum(q["kind"] == "direct" for q in gold["quotes"])
    c["denials"] = sum(q.get("polarity") == "denial" for q in gold["quotes"])
    return c


def main() -> int:
    total_errors = 0
    for name in list_gold():
        gold = load_gold(name)
        errors, warnings = validate(gold)
        total_errors += len(errors)
        for line in errors:
            print("ERROR", line)
        for line in warnings:
            print("WARN ", line)
        if not errors:
            print(f"ok    {name}: " + ", ".join(f"{k}={v}" for k, v in counts(gold).items()))
    print(f"{len(list_gold())} gold files, {total_errors} errors")
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
