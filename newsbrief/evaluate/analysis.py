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

Only the layers a gold file lists in ``annotated`` are scored for it (``layers``): the issue-13
clusters annotate quotes, entities and numbers exhaustively but not the timeline.

Trust figures (issue 13; ``score_trust``, each a ``Rate`` pooled over clusters):
``direct_recall``, ``attribution``, ``wrong_direct`` and ``denial_kept`` (``score_quote_trust``),
``number_what`` and ``conflict_pairs`` (``score_number_trust``); their matching rules are in
those functions' docstrings and in docs/analysis.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from newsbrief.text.normalise import contains_run, fold, words
from newsbrief.text.stem import plural_stem
from newsbrief.text.tokens import WORD_CHARS

P = TypeVar("P")
G = TypeVar("G")

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
LAYERS = ("quotes", "entities", "numbers", "timeline")
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


def layers(gold: Mapping[str, Any]) -> frozenset[str]:
    """The layers a gold file annotates exhaustively (its ``annotated``); a file without the
    key annotates all four. A layer not annotated is not scored for that file."""
    return frozenset(gold.get("annotated", LAYERS))


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


def same_number(p: Mapping[str, Any], g: Mapping[str, Any]) -> float:
    """Same value (0.5% tolerance) and a report inside a gold surface; the share of articles shared."""
    if abs(float(p["value"]) - float(g["value"])) > 0.005 * max(1.0, abs(float(g["value"]))):
        return 0.0
    if not _surface_hit(p["reports"], g["surface"], g["docs"]):
        return 0.0
    shared = {r["article"] for r in p["reports"]} & set(g["docs"])
    return len(shared) / len(set(g["docs"]) | {r["article"] for r in p["reports"]})


def match_numbers(
    numbers: Sequence[Mapping[str, Any]], truth: Sequence[Mapping[str, Any]]
) -> tuple[Score, list[tuple[int, int]]]:
    return match(numbers, truth, same_number, 1e-9)


def score_numbers(numbers: Sequence[Mapping[str, Any]], gold: Mapping[str, Any]) -> dict[str, Score]:
    truth = gold["numbers"]
    number_score, pairs = match_numbers(numbers, truth)
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
    """Every key this module knows, for one cluster, over the layers its gold annotates."""
    covered = layers(gold)
    scores: dict[str, Score] = {}
    if "quotes" in covered:
        scores.update(score_quotes(sections.get("quotes") or [], texts, gold))
    if "entities" in covered:
        scores.update(score_entities(sections.get("entities") or [], gold))
    if "numbers" in covered:
        scores.update(score_numbers(sections.get("numbers") or [], gold))
    if "timeline" in covered:
        scores.update(score_timeline(sections.get("timeline") or [], gold))
    return scores


# --- Trust figures (issue 13): who said it, meaning kept, real disagreements -------------------
#
# Each figure is a ``Rate`` (hits over a total), pooled over clusters, and is computed only over
# gold files whose ``annotated`` list covers the layer (quotes or numbers); see ``layers``.

QUOTE_MARKS = '"“”«»„'
# A frame that denies its content, kept in the system's text ("denied that ...", "did not say").
DENIAL_CUE = re.compile(
    r"\b(?:den(?:y|ies|ied|ying|ial)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)"
    r"|disput(?:e|es|ed|ing)|rebuff(?:s|ed)?|not|never|no|n't)\b",
    re.IGNORECASE,
)
CURRENCY_UNITS = frozenset({"usd", "gbp", "eur", "jpy", "%", "percent", "share"})
# Words that say nothing about what a figure counts.
GENERIC_WHAT = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "for", "to", "by", "and", "or", "with", "from", "per",
     "s", "number", "amount", "total", "figure", "value", "time", "his", "her", "its", "their"}
)  # fmt: skip
MAX_QUOTE_SPAN = 1500  # characters searched either side of a gold quote for its quotation marks


@dataclass(slots=True)
class Rate:
    """``hits`` of ``total``; add Rates to pool clusters."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.hits + other.hits, self.total + other.total)

    def record(self) -> dict[str, float | int | None]:
        value = self.value
        return {"value": None if value is None else round(value, 4), "hits": self.hits, "total": self.total}


def speaker_matches(
    pred: str | None, gold_speaker: str, unnamed: bool, forms: Mapping[str, set[str]]
) -> bool:
    """Name-variant aware speaker comparison.

    Named gold speaker: the predicted name is one of the entity's name forms, or contains a
    multi-word form as a run of words ("Prof Adrian Owen", "UConn spokesperson Stephanie Reitz"),
    or is one of the entity's roles as the gold writes them ("Dunn's father", "Mayor"; ``forms``
    from ``trust_forms``).
    Unnamed gold speaker (a description such as "Uber driver"): the two descriptions share a
    content word."""
    if not pred:
        return False
    key = name_key(pred)
    if unnamed:
        shared = (set(key.split()) & set(name_key(gold_speaker).split())) - GENERIC_WHAT
        return bool(shared)
    gold_forms = forms.get(gold_speaker, {name_key(gold_speaker)})
    if key in gold_forms:
        return True
    pred_words = key.split()
    return any(len(f.split()) > 1 and contains_run(pred_words, f.split()) for f in gold_forms)


def trust_forms(gold: Mapping[str, Any]) -> dict[str, set[str]]:
    """``speaker_forms`` plus each entity's roles: a speaker given by role is the entity."""
    forms = speaker_forms(gold)
    for e in gold["entities"]:
        forms[e["name"]] |= {name_key(r) for r in e.get("roles", [])} | {
            role_key(r) for r in e.get("roles", [])
        }
    return forms


@dataclass(frozen=True, slots=True)
class _Shown:
    """One predicted rendering with its offsets in the article's cleaned text."""

    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str
    denial: bool


def _shown(quotes: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> list[_Shown]:
    out = []
    for q in quotes:
        marked = q.get("polarity") == "denial" or q.get("kind") == "denial"
        for c in q["carried_by"]:
            text = texts[c["article"]][c["start"] : c["end"]]
            kind = c.get("kind", q.get("kind", "direct"))
            denial = marked or c.get("polarity") == "denial" or kind == "denial"
            out.append(_Shown(c["article"], c["start"], c["end"], text, q.get("speaker"), kind, denial))
    return out


def locate(span: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``span`` in ``text``, words in order with any punctuation or spacing between."""
    tokens = WORD_CHARS.findall(span)
    if not tokens:
        return None
    found = re.search(r"\W+".join(map(re.escape, tokens)), text, re.IGNORECASE)
    return (found.start(), found.end()) if found else None


def quoted_span(start: int, end: int, text: str) -> tuple[int, int]:
    """The whole run of quoted words around a gold direct quote in its paragraph.

    The gold cuts long quotations to 40 words ("cut" in its notes); a system showing a later
    sentence of the same quotation is not wrong, so a shown quote inside this span counts as
    that gold quote. Bounded by the paragraph and by the nearest quotation marks."""
    para_start = text.rfind("\n\n", max(0, start - MAX_QUOTE_SPAN), start)
    para_start = max(0, start - MAX_QUOTE_SPAN) if para_start < 0 else para_start
    para_end = text.find("\n\n", end, end + MAX_QUOTE_SPAN)
    para_end = min(len(text), end + MAX_QUOTE_SPAN) if para_end < 0 else para_end
    open_at = max((text.rfind(m, para_start, start + 1) for m in QUOTE_MARKS), default=-1)
    close_candidates = [i for m in QUOTE_MARKS if (i := text.find(m, end - 1, para_end)) >= 0]
    left = open_at if open_at >= 0 else start
    right = min(close_candidates) + 1 if close_candidates else end
    return left, max(right, end)


@dataclass(frozen=True, slots=True)
class _GoldSpan:
    rendering: Rendering
    unnamed: bool
    denial: bool
    span: tuple[int, int] | None  # offsets of the whole quotation (direct) or the clause


def _gold_spans(gold: Mapping[str, Any], texts: Mapping[str, str]) -> list[_GoldSpan]:
    out = []
    for r in gold_renderings(gold):
        q = gold["quotes"][r.statement]
        text = texts.get(r.article, "")
        where = locate(r.text, text)
        if where is not None and r.kind == "direct":
            where = quoted_span(*where, text)
        denial = q.get("polarity") == "denial"
        out.append(_GoldSpan(r, bool(q.get("unnamed", False)), denial, where))
    return out


def _covers(p: _Shown, g: _GoldSpan, inside_quotation: bool = False) -> bool:
    """The shown quote renders the gold one: overlapping words, or (with ``inside_quotation``,
    used only to excuse shown quotes) lying inside the gold quote's quotation marks."""
    if p.article != g.rendering.article:
        return False
    if text_overlap(p.text, g.rendering.text) >= MIN_SHORT_OVERLAP:
        return True
    if not inside_quotation or g.span is None or g.rendering.kind != "direct":
        return False
    inside = min(p.end, g.span[1]) - max(p.start, g.span[0])
    return inside >= 0.8 * max(1, p.end - p.start)


def score_quote_trust(
    quotes: Sequence[Mapping[str, Any]], texts: Mapping[str, str], gold: Mapping[str, Any]
) -> dict[str, Rate]:
    """Direct-quote recall, attribution accuracy, wrong-direct-quote rate and denial kept.

    * ``direct_recall``: gold direct renderings (one per article) that some shown quote of that
      article covers (``_covers``: word overlap as for ``quotes``, any kind).
    * ``attribution``: of those found, the share that a covering shown quote gives to the right
      speaker (``speaker_matches``).
    * ``wrong_direct``: shown renderings of kind ``direct`` that cover no gold rendering (not a
      quote: a subhead, a caption, a poll answer) or cover only gold renderings of another
      speaker, over all shown direct renderings. A shown quote inside the quotation marks of a
      gold direct quote (a later sentence of a quotation the gold cut) covers it.
    * ``denial_kept``: gold renderings of kind ``indirect`` (or ``mixed``) whose quote has
      ``polarity: "denial"``, over which a covering shown quote keeps the denial: the quote or
      its carrier has ``polarity: "denial"`` or kind ``denial``, or its text holds more denying
      or negating words (``DENIAL_CUE``) than the gold content, i.e. it keeps the frame ("denied
      that ...") rather than the bare claim. A denial the system does not find is not kept.
    """
    shown = _shown(quotes, texts)
    spans = _gold_spans(gold, texts)
    forms = trust_forms(gold)

    def right_speaker(p: _Shown, g: _GoldSpan) -> bool:
        return speaker_matches(p.speaker, g.rendering.speaker or "", g.unnamed, forms)

    recall, attribution, denial = Rate(), Rate(), Rate()
    for g in spans:
        covering = [p for p in shown if _covers(p, g)]
        if g.rendering.kind == "direct":
            recall.total += 1
            if covering:
                recall.hits += 1
                attribution.total += 1
                attribution.hits += any(right_speaker(p, g) for p in covering)
        if g.denial and g.rendering.kind != "direct":
            denial.total += 1
            cues = len(DENIAL_CUE.findall(g.rendering.text))
            denial.hits += any(p.denial or len(DENIAL_CUE.findall(p.text)) > cues for p in covering)
    wrong = Rate()
    for p in shown:
        if p.kind != "direct":
            continue
        wrong.total += 1
        covered = [g for g in spans if _covers(p, g, inside_quotation=True)]
        wrong.hits += not any(right_speaker(p, g) for g in covered)
    return {"direct_recall": recall, "attribution": attribution, "wrong_direct": wrong, "denial_kept": denial}


def explain_quote_trust(
    quotes: Sequence[Mapping[str, Any]], texts: Mapping[str, str], gold: Mapping[str, Any]
) -> list[str]:
    """One line per error behind ``score_quote_trust``: missed gold direct quotes, found ones
    with the wrong speaker, shown direct quotes that are wrong, denials not kept."""
    shown = _shown(quotes, texts)
    spans = _gold_spans(gold, texts)
    forms = trust_forms(gold)
    lines = []
    for g in spans:
        r = g.rendering
        covering = [p for p in shown if _covers(p, g)]
        right = [p for p in covering if speaker_matches(p.speaker, r.speaker or "", g.unnamed, forms)]
        if r.kind == "direct" and not covering:
            lines.append(f"missed  {r.article} [{r.speaker}] {r.text[:80]!r}")
        elif r.kind == "direct" and not right:
            lines.append(f"speaker {r.article} [{r.speaker} -> {covering[0].speaker}] {r.text[:70]!r}")
        if g.denial and r.kind != "direct":
            cues = len(DENIAL_CUE.findall(r.text))
            if not any(p.denial or len(DENIAL_CUE.findall(p.text)) > cues for p in covering):
                shown_as = covering[0].text[:60] if covering else None
                lines.append(f"denial  {r.article} [{r.speaker}] {r.text[:60]!r} shown as {shown_as!r}")
    for p in shown:
        if p.kind != "direct":
            continue
        covered = [g for g in spans if _covers(p, g, inside_quotation=True)]
        if not covered:
            lines.append(f"noquote {p.article} [{p.speaker}] {p.text[:80]!r}")
        elif not any(
            speaker_matches(p.speaker, g.rendering.speaker or "", g.unnamed, forms) for g in covered
        ):
            lines.append(
                f"wrong   {p.article} [{p.speaker}; gold {covered[0].rendering.speaker}] {p.text[:60]!r}"
            )
    return lines


def what_words(what: str, unit: str) -> set[str]:
    """Content words naming what a figure counts: the ``what`` phrase and, unless it is a
    currency, percent or share (which say nothing about the thing), the unit."""
    text = what if unit.casefold() in CURRENCY_UNITS else f"{what} {unit}"
    return {plural_stem(w) for w in words(text) if w not in GENERIC_WHAT and not w.isdigit()}


def right_what(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """A paired figure has the right "what" when the predicted ``what``/``unit`` and the gold
    ``what``/``unit`` share a content word (lower case, a plural ``s`` dropped)."""
    return bool(
        what_words(str(pred.get("what", "")), str(pred.get("unit", "")))
        & what_words(gold["what"], gold["unit"])
    )


def _conflict_pairs(items: Sequence[Mapping[str, Any]]) -> set[tuple[int, int]]:
    """Pairs of entries in one group, both marked conflict, with different values."""
    out = set()
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if a.get("group") is None or a.get("group") != b.get("group"):
                continue
            if a.get("conflict") and b.get("conflict") and float(a["value"]) != float(b["value"]):
                out.add((i, j))
    return out


def score_number_trust(numbers: Sequence[Mapping[str, Any]], gold: Mapping[str, Any]) -> dict[str, Any]:
    """Numbers with the right "what" and conflict precision/recall, over pairs.

    Figures are paired as for ``numbers`` (same value, a report inside a gold surface of a
    shared article). ``number_what``: paired gold figures whose prediction has the right what
    (``right_what``). ``conflict_pairs``: a conflict is a pair of values given for one thing;
    gold pairs are two members of one ``group`` marked ``conflict: true`` with different values,
    predicted pairs likewise from the system's ``group``/``conflict``. A predicted pair is right
    when its two figures are paired with the two members of a gold conflict pair (either order);
    precision is over predicted pairs, recall over gold pairs."""
    truth = gold["numbers"]
    _, pairs = match_numbers(numbers, truth)
    what = Rate(sum(right_what(numbers[i], truth[j]) for i, j in pairs), len(pairs))
    gold_of = dict(pairs)
    gold_pairs = _conflict_pairs(truth)
    pred_pairs = _conflict_pairs(numbers)
    found = set()
    right = 0
    for i, j in pred_pairs:
        gi, gj = gold_of.get(i), gold_of.get(j)
        if gi is None or gj is None:
            continue
        key = (min(gi, gj), max(gi, gj))
        if key in gold_pairs:
            right += 1
            found.add(key)
    return {"number_what": what, "conflict_pairs": Score(right, len(pred_pairs), len(found), len(gold_pairs))}


def score_trust(
    sections: Mapping[str, Any], texts: Mapping[str, str], gold: Mapping[str, Any]
) -> dict[str, Any]:
    """The issue-13 figures for one cluster, only for the layers the gold file annotates."""
    covered = layers(gold)
    out: dict[str, Any] = {}
    if "quotes" in covered:
        out.update(score_quote_trust(sections.get("quotes") or [], texts, gold))
    if "numbers" in covered:
        out.update(score_number_trust(sections.get("numbers") or [], gold))
    return out
