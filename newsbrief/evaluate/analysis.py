"""Precision and recall of the cross-source analysis against hand-made gold annotations.

The gold format is described in ``tests/data/analyze/README.md``; this module takes the gold as
plain mappings (it never reads the test data itself) and the predicted sections as the brief's
JSON. Every key is scored by one generic matcher, ``match``: a similarity between a prediction
and a gold item, a threshold, and one-to-one greedy pairing, best pairs first. Precision is the
share of predictions paired with a gold item, recall the share of gold items paired.

Keys scored here:

* ``quotes``: one unit per article rendering of a statement (gold: each ``verbatim_in`` document
  with the quote text and each variant; predicted: each carrier). A pair needs the same article,
  the same speaker (name or a gold variant of it, case and "the" ignored) and overlapping words
  (``text_overlap``). ``quotes_text`` is the same without the speaker: extraction alone.
* ``quotes_named``: ``quotes`` restricted to named speakers on both sides (gold speakers not
  marked ``unnamed``; predictions whose speaker is an entity), so that describing an unnamed
  speaker differently ("woman" / "woman alleging a relationship") does not count as an error.
* ``quote_groups``: cross-article links between renderings of one statement. A predicted link
  (two carriers of one predicted quote, in different articles) is right when both carriers pair
  with renderings of the same gold quote; a gold link is found when some predicted quote links
  renderings paired with both ends.
* ``entities``: name (or a variant on either side) and type (GPE, LOC and FAC count as one
  "place" type). ``entity_roles``: the roles of each paired entity. ``entity_articles``: the
  articles each paired entity is found in.
* ``numbers``: the same value (0.5% tolerance) and a predicted report whose words contain, or are
  contained in, a gold surface of a shared article. ``number_articles``: the articles each paired
  number is carried by. ``number_conflicts``: predicted ``conflict: true`` entries against gold
  ones (pairs as for ``numbers``).
* ``timeline``: the same ISO date (or both undated) and a report overlapping a gold surface as
  for numbers. ``timeline_spans``: the same without the date (expressions found, whatever their
  resolution). ``timeline_articles``: the articles each paired entry is reported by.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from newsbrief.analyze.normalise import contains_run, fold, words

P = TypeVar("P")
G = TypeVar("G")

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# A rendering must share this share of the shorter side's words, and this of the longer side's.
MIN_SHORT_OVERLAP = 0.6
MIN_LONG_OVERLAP = 0.25
MIN_ROLE_OVERLAP = 0.75


@dataclass(slots=True)
class Score:
    """Counts for one key; add Scores to pool clusters (micro-average)."""

    matched_pred: int = 0
    n_pred: int = 0
    matched_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_pred / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.matched_pred + other.matched_pred,
            self.n_pred + other.n_pred,
            self.matched_gold + other.matched_gold,
            self.n_gold + other.n_gold,
        )

    def record(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched_pred": self.matched_pred,
            "n_pred": self.n_pred,
            "matched_gold": self.matched_gold,
            "n_gold": self.n_gold,
        }


def match(
    pred: Sequence[P],
    gold: Sequence[G],
    similarity: Callable[[P, G], float],
    threshold: float = 0.5,
    one_to_one: bool = True,
) -> tuple[Score, list[tuple[int, int]]]:
    """Pair predictions with gold items, highest similarity first; each gold item pairs once.

    With ``one_to_one`` each prediction pairs once too; without, one prediction may pair with
    several gold items (a long quotation the gold cut into sentences). Returns the Score and the
    (pred index, gold index) pairs."""
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            s = similarity(p, g)
            if s >= threshold:
                candidates.append((s, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if (i not in used_p or not one_to_one) and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return Score(len(used_p), len(pred), len(used_g), len(gold)), pairs


def name_key(name: str) -> str:
    key = re.sub(r"['’]s\b", "", fold(name)).replace(".", "").replace("-", " ")
    key = re.sub(r"\s+", " ", key).strip()
    return key[4:] if key.startswith("the ") else key


def text_overlap(a: str, b: str) -> float:
    """1 when one text contains the other's words in order; else shared words over the shorter
    side's words, or 0 when the longer side is barely covered."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    if contains_run(wa, wb) or contains_run(wb, wa):
        return 1.0
    remaining = list(wb)
    shared = 0
    for w in wa:
        if w in remaining:
            remaining.remove(w)
            shared += 1
    short, long = min(len(wa), len(wb)), max(len(wa), len(wb))
    if shared / long < MIN_LONG_OVERLAP:
        return 0.0
    return shared / short


@dataclass(frozen=True, slots=True)
class Rendering:
    """One article's rendering of a statement, gold or predicted."""

    statement: int
    article: str
    text: str
    speaker: str | None
    kind: str
    # The speaker is a named entity (gold: not ``unnamed``; predicted: has a ``speaker_type``).
    named: bool = True


def gold_renderings(gold: Mapping[str, Any]) -> list[Rendering]:
    out = []
    for n, q in enumerate(gold["quotes"]):
        named = not q.get("unnamed", False)
        for doc in q["verbatim_in"]:
            out.append(Rendering(n, doc, q["text"], q["speaker"], q["kind"], named))
        for v in q.get("variants", []):
            out.append(Rendering(n, v["doc"], v["text"], q["speaker"], v["kind"], named))
    return out


def predicted_renderings(quotes: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> list[Rendering]:
    out = []
    for n, q in enumerate(quotes):
        for c in q["carried_by"]:
            text = texts[c["article"]][c["start"] : c["end"]]
            kind = c.get("kind", q["kind"])
            named = q.get("speaker_type") is not None
            out.append(Rendering(n, c["article"], text, q["speaker"], kind, named))
    return out


def speaker_forms(gold: Mapping[str, Any]) -> dict[str, set[str]]:
    """Gold speaker name -> the keys of every name form it may be given as."""
    forms: dict[str, set[str]] = {}
    for e in gold["entities"]:
        forms[e["name"]] = {name_key(f) for f in [e["name"], *e["variants"]]}
    return forms


def _same_speaker(pred: str | None, gold: str | None, forms: Mapping[str, set[str]]) -> bool:
    if pred is None or gold is None:
        return False
    return name_key(pred) in forms.get(gold, {name_key(gold)})


def score_quotes(
    quotes: Sequence[Mapping[str, Any]], texts: Mapping[str, str], gold: Mapping[str, Any]
) -> dict[str, Score]:
    pred = predicted_renderings(quotes, texts)
    truth = gold_renderings(gold)
    forms = speaker_forms(gold)

    def same_text(p: Rendering, g: Rendering) -> float:
        return text_overlap(p.text, g.text) if p.article == g.article else 0.0

    def same_quote(p: Rendering, g: Rendering) -> float:
        return same_text(p, g) if _same_speaker(p.speaker, g.speaker, forms) else 0.0

    with_speaker, _ = match(pred, truth, same_quote, MIN_SHORT_OVERLAP, one_to_one=False)
    text_only, pairs = match(pred, truth, same_text, MIN_SHORT_OVERLAP, one_to_one=False)
    named_pred = [p for p in pred if p.named]
    named_truth = [g for g in truth if g.named]
    named, _ = match(named_pred, named_truth, same_quote, MIN_SHORT_OVERLAP, one_to_one=False)
    return {
        "quotes": with_speaker,
        "quotes_text": text_only,
        "quotes_named": named,
        "quote_groups": _score_links(pred, truth, pairs),
    }


def _links(items: Sequence[Rendering]) -> set[tuple[int, int]]:
    return {
        (i, j)
        for i, a in enumerate(items)
        for j, b in enumerate(items)
        if i < j and a.statement == b.statement and a.article != b.article
    }


def _score_links(
    pred: Sequence[Rendering], truth: Sequence[Rendering], pairs: Sequence[tuple[int, int]]
) -> Score:
    paired: dict[int, list[int]] = {}
    for i, j in pairs:
        paired.setdefault(i, []).append(j)
    pred_links = _links(pred)
    gold_links = _links(truth)
    right = 0
    found: set[tuple[int, int]] = set()
    for i, j in pred_links:
        hits = {
            (min(gi, gj), max(gi, gj))
            for gi in paired.get(i, [])
            for gj in paired.get(j, [])
            if truth[gi].statement == truth[gj].statement and truth[gi].article != truth[gj].article
        }
        right += bool(hits)
        found |= hits
    return Score(right, len(pred_links), len(found & gold_links), len(gold_links))


def _types_agree(a: str, b: str) -> bool:
    return a == b or (a in PLACE_TYPES and b in PLACE_TYPES)


def _entity_forms(entity: Mapping[str, Any]) -> set[str]:
    return {name_key(f) for f in [entity["name"], *entity.get("variants", [])]}


def role_key(role: str) -> str:
    key = name_key(role)
    return re.sub(r"^(?:a|an)\s+", "", key)


def role_similarity(pred: str, gold: str) -> float:
    a, b = role_key(pred), role_key(gold)
    if a == b:
        return 1.0
    wa, wb = a.split(), b.split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < 2:
        return 0.0
    covered = sum(1 for w in short if w in long) / len(short)
    return covered * 0.99


def score_entities(entities: Sequence[Mapping[str, Any]], gold: Mapping[str, Any]) -> dict[str, Score]:
    truth = gold["entities"]

    def same_name(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
        if name_key(p["name"]) in _entity_forms(g):
            return 1.0
        return 0.9 if name_key(g["name"]) in _entity_forms(p) else 0.0

    def same_entity(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
        return same_name(p, g) if _types_agree(p["type"], g["type"]) else 0.0

    entity_score, pairs = match(entities, truth, same_entity, 0.9)
    names_only, _ = match(entities, truth, same_name, 0.9)
    roles = Score()
    articles = Score()
    for i, j in pairs:
        predicted, expected_roles = entities[i]["roles"], truth[j]["roles"]
        role_score, _ = match(predicted, expected_roles, role_similarity, MIN_ROLE_OVERLAP)
        roles = roles + role_score
        found, expected = set(entities[i]["articles"]), set(truth[j]["docs"])
        articles = articles + Score(len(found & expected), len(found), len(found & expected), len(expected))
    return {
        "entities": entity_score,
        "entity_names": names_only,
        "entity_roles": roles,
        "entity_articles": articles,
    }


def _surface_hit(reports: Iterable[Mapping[str, Any]], surfaces: Sequence[str], docs: Iterable[str]) -> bool:
    """A predicted report and a gold surface of the same article contain one another."""
    allowed = set(docs)
    for report in reports:
        if report["article"] not in allowed:
            continue
        said = words(report["text"])
        if any(contains_run(said, w) or contains_run(w, said) for w in map(words, surfaces)):
            return True
    return False


def _article_score(found: Iterable[str], expected: Iterable[str]) -> Score:
    found, expected = set(found), set(expected)
    return Score(len(found & expected), len(found), len(found & expected), len(expected))


def score_numbers(numbers: Sequence[Mapping[str, Any]], gold: Mapping[str, Any]) -> dict[str, Score]:
    truth = gold["numbers"]

    def same_number(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
        if abs(float(p["value"]) - float(g["value"])) > 0.005 * max(1.0, abs(float(g["value"]))):
            return 0.0
        if not _surface_hit(p["reports"], g["surface"], g["docs"]):
            return 0.0
        shared = {r["article"] for r in p["reports"]} & set(g["docs"])
        return len(shared) / len(set(g["docs"]) | {r["article"] for r in p["reports"]})

    number_score, pairs = match(numbers, truth, same_number, 1e-9)
    articles = Score()
    for i, j in pairs:
        articles = articles + _article_score((r["article"] for r in numbers[i]["reports"]), truth[j]["docs"])
    conflicts_pred = [i for i, n in enumerate(numbers) if n.get("conflict")]
    conflicts_gold = [j for j, n in enumerate(truth) if n.get("conflict")]
    right = sum(1 for i, j in pairs if i in conflicts_pred and j in conflicts_gold)
    conflicts = Score(right, len(conflicts_pred), right, len(conflicts_gold))
    return {"numbers": number_score, "number_articles": articles, "number_conflicts": conflicts}


def score_timeline(timeline: Sequence[Mapping[str, Any]], gold: Mapping[str, Any]) -> dict[str, Score]:
    truth = gold["timeline"]

    def same_span(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
        if not _surface_hit(p["reports"], g["surface"], g["docs"]):
            return 0.0
        shared = set(p["articles"]) & set(g["docs"])
        return len(shared) / len(set(g["docs"]) | set(p["articles"]))

    def same_entry(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
        return same_span(p, g) if p["date"] == g["date"] else 0.0

    dated, pairs = match(timeline, truth, same_entry, 1e-9)
    spans, _ = match(timeline, truth, same_span, 1e-9)
    articles = Score()
    for i, j in pairs:
        articles = articles + _article_score(timeline[i]["articles"], truth[j]["docs"])
    return {"timeline": dated, "timeline_spans": spans, "timeline_articles": articles}


def score_analysis(
    sections: Mapping[str, Any], texts: Mapping[str, str], gold: Mapping[str, Any]
) -> dict[str, Score]:
    """Every key this module knows, for one cluster."""
    scores: dict[str, Score] = {}
    scores.update(score_quotes(sections.get("quotes") or [], texts, gold))
    scores.update(score_entities(sections.get("entities") or [], gold))
    scores.update(score_numbers(sections.get("numbers") or [], gold))
    scores.update(score_timeline(sections.get("timeline") or [], gold))
    return scores
