"""Claims: the event's distinct facts, each the group of sentences across articles that state it.

Every body sentence is a candidate. Two sentences from different articles state the same fact
when they are close on three views at once:

- lexical: TF-IDF cosine and IDF-weighted containment fitted on the cluster
  (``newsbrief.text.similarity``), so words every outlet uses for the event weigh little;
- semantic: cosine of sentence embeddings (``newsbrief.text.embed``, the static MiniLM
  distillation), which lets paraphrases with few shared words meet; skipped, with lexical
  weights only, when the model is not installed;
- entities: overlap of the names and figures the two sentences mention, which keeps apart
  sentences that share the event's vocabulary but speak of different people or numbers.

Sentences are grouped by greedy average-linkage clustering under two constraints: a claim holds
at most one sentence per article, and no two of its sentences may be incompatible (different
figures for the same thing, or one negating what the other affirms). An incompatible sentence
that is otherwise as close as a member makes its article *contradict* the claim.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsbrief.analyze.numbers import NumberMention, find_numbers, stem
from newsbrief.analyze.sources import SourceIndex
from newsbrief.languages import claims as crosslingual
from newsbrief.text.similarity import SentenceSimilarity
from newsbrief.text.tokens import predicate_words
from newsbrief.types import Article, Claim, Mention, NumberFact, Sentence

log = logging.getLogger(__name__)

MIN_WORDS = 5
# Weights of the three views, with and without embeddings (see module docstring).
WEIGHTS_WITH_EMBEDDINGS = (0.35, 0.5, 0.15)
WEIGHTS_LEXICAL_ONLY = (0.75, 0.0, 0.25)
# Static embeddings put unrelated news sentences around 0.3 and paraphrases above 0.75;
# rescaling makes the semantic view comparable with the lexical one.
SEMANTIC_FLOOR = 0.5
LINK = 0.4  # a pair at least this close may start a merge
AVERAGE_LINK = 0.3  # every merge keeps the mean cross-pair score at least this high
CONTRADICT = 0.34
MIN_SHARED_PREDICATES = 2
PARAPHRASE_COSINE = 0.85

_NEGATION = re.compile(r"\b(?:not|no|never|none|nor|cannot|nobody|nothing|without)\b|n['’]t\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)*")
_DANGLING = re.compile(r"^(?:he|she|it|they|this|that|these|those|but|and|however|also)\b", re.I)


@dataclass(slots=True)
class SentenceSpace:
    """Pairwise closeness of every candidate sentence of a cluster, computed once."""

    sentences: list[Sentence]
    score: np.ndarray
    lexical: np.ndarray
    containment: np.ndarray
    figures: list[dict[str, set[float]]]
    negated: list[bool]
    predicates: list[frozenset[str]] = field(default_factory=list)
    cosine: np.ndarray | None = None
    semantic_used: bool = False
    article_of: np.ndarray = field(default_factory=lambda: np.array([]))

    def related(self, i: int, j: int) -> bool:
        """Say the same thing, not merely about the same people: shared predicate words, or
        (for paraphrases with different words) very close embeddings."""
        if len(self.predicates[i] & self.predicates[j]) >= MIN_SHARED_PREDICATES:
            return True
        return self.cosine is not None and float(self.cosine[i, j]) >= PARAPHRASE_COSINE

    def index_of(self) -> dict[tuple[str, int], int]:
        return {(s.article, s.index): i for i, s in enumerate(self.sentences)}

    def compatible(self, i: int, j: int) -> bool:
        """False when the two sentences give different figures for one thing, or one negates the
        other (judged only when they restate each other almost fully)."""
        fi, fj = self.figures[i], self.figures[j]
        for unit in fi.keys() & fj.keys():
            if not fi[unit] & fj[unit]:
                return False
        restate = min(self.containment[i, j], self.containment[j, i]) >= 0.6
        return not (restate and self.negated[i] != self.negated[j])


def sentence_embeddings(texts: Sequence[str]) -> np.ndarray | None:
    """Unit-norm embeddings from the bundled static model, or None when it is not installed."""
    try:
        from newsbrief.text.embed import get_embedder

        return get_embedder("static").encode(list(texts))
    except (FileNotFoundError, ImportError, OSError) as exc:
        log.info("sentence embeddings unavailable (%s); aligning claims lexically", exc)
        return None


def entity_keys(text: str) -> frozenset[str]:
    """Names (capitalised runs, the sentence's first word only when it is not a common word)."""
    keys = set()
    for match in _NAME.finditer(text):
        words = match.group(0).split()
        if match.start() == 0 or text[match.start() - 2 : match.start()].strip() in {"“", '"', "‘"}:
            while words and words[0].lower() in ENGLISH_STOP_WORDS | {"but", "and"}:
                words = words[1:]
        for word in words:
            key = re.sub(r"['’]s$", "", word).casefold()
            if key not in ENGLISH_STOP_WORDS and len(key) > 1:
                keys.add(key)
    return frozenset(keys)


def build_space(articles: Sequence[Article], embeddings: np.ndarray | bool | None = True) -> SentenceSpace:
    """``embeddings``: precomputed rows, True to compute them, False or None for lexical only."""
    sentences = [s for a in articles for s in a.sentences if len(s.text.split()) >= MIN_WORDS]
    texts = [s.text for s in sentences]
    n = len(sentences)
    if n == 0:
        empty = np.zeros((0, 0), dtype=np.float32)
        return SentenceSpace([], empty, empty, empty, [], [])
    similarity = SentenceSimilarity.fit(texts)
    containment = similarity.containment
    lexical = 0.5 * similarity.cosine + 0.25 * (containment + containment.T)

    names = [entity_keys(t) for t in texts]
    mentions = _mentions_by_sentence(articles)
    figures = [_figures(mentions.get((s.article, s.index), [])) for s in sentences]
    if crosslingual.active():
        crosslingual.add_figures(figures, sentences, articles)
    keys = [names[i] | {f"#{v:g}" for vs in figures[i].values() for v in vs} for i in range(n)]
    entity = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            union = keys[i] | keys[j]
            if union:
                entity[i, j] = entity[j, i] = len(keys[i] & keys[j]) / len(union)

    multilingual = embeddings is True and crosslingual.active()
    if embeddings is True:
        embeddings = crosslingual.embeddings(texts) if multilingual else sentence_embeddings(texts)
    semantic_used = isinstance(embeddings, np.ndarray) and embeddings.shape[0] == n
    cosine = None
    if semantic_used:
        assert isinstance(embeddings, np.ndarray)
        cosine = np.clip(embeddings @ embeddings.T, 0.0, 1.0)
        if multilingual:
            cosine = crosslingual.on_static_scale(cosine)
        semantic = np.clip((cosine - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR), 0.0, 1.0)
        w_lex, w_sem, w_ent = WEIGHTS_WITH_EMBEDDINGS
        score = w_lex * lexical + w_sem * semantic + w_ent * entity
    else:
        w_lex, _, w_ent = WEIGHTS_LEXICAL_ONLY
        score = w_lex * lexical + w_ent * entity
    np.fill_diagonal(score, 1.0)
    return SentenceSpace(
        sentences=sentences,
        score=score.astype(np.float32),
        lexical=lexical.astype(np.float32),
        containment=containment,
        figures=figures,
        negated=[bool(_NEGATION.search(t)) for t in texts],
        predicates=[frozenset(stem(w) for w in predicate_words(t)) for t in texts],
        cosine=cosine if semantic_used else None,
        semantic_used=semantic_used,
        article_of=np.array([s.article for s in sentences]),
    )


def _mentions_by_sentence(
    articles: Sequence[Article],
) -> dict[tuple[str, int], list[NumberMention]]:
    found: dict[tuple[str, int], list[NumberMention]] = {}
    for article in articles:
        for mention in find_numbers(article):
            found.setdefault((mention.article, mention.sentence), []).append(mention)
    return found


def _figures(mentions: list[NumberMention]) -> dict[str, set[float]]:
    figures: dict[str, set[float]] = {}
    for mention in mentions:
        figures.setdefault(f"{mention.unit_key}/{mention.measures}", set()).add(mention.value)
    return figures


def cluster_sentences(space: SentenceSpace) -> list[list[int]]:
    """Greedy average-linkage clusters, at most one sentence per article, members compatible."""
    n = len(space.sentences)
    article_of = space.article_of
    upper = np.triu(space.score, k=1)
    rows, cols = np.nonzero(upper >= LINK)
    order = np.argsort(-upper[rows, cols], kind="stable")
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    for k in order:
        i, j = int(rows[k]), int(cols[k])
        a, b = owner[i], owner[j]
        if a == b or article_of[i] == article_of[j] or not space.related(i, j):
            continue
        left, right = members[a], members[b]
        if set(article_of[left].tolist()) & set(article_of[right].tolist()):
            continue
        if float(space.score[np.ix_(left, right)].mean()) < AVERAGE_LINK:
            continue
        if not all(space.compatible(x, y) for x in left for y in right):
            continue
        members[a] = left + right
        del members[b]
        for x in right:
            owner[x] = a
    return list(members.values())


def _best_worded(space: SentenceSpace, group: list[int]) -> int:
    """The member closest to the others, preferring one that reads on its own."""
    if len(group) == 1:
        return group[0]

    def quality(i: int) -> float:
        others = [j for j in group if j != i]
        centrality = float(space.score[i, others].mean())
        dangling = 0.15 if _DANGLING.match(space.sentences[i].text) else 0.0
        words = len(space.sentences[i].text.split())
        length = 0.1 if words > 45 else 0.0
        return centrality - dangling - length

    return max(group, key=quality)


def build_claims(articles: Sequence[Article], space: SentenceSpace, sources: SourceIndex) -> list[Claim]:
    """Claims ordered by independent support, then by how early the reports state them."""
    groups = cluster_sentences(space)
    all_ids = [a.id for a in articles]
    lengths = {a.id: max(len(a.text), 1) for a in articles}
    drafts = []
    for group in groups:
        group.sort(key=lambda i: all_ids.index(space.sentences[i].article))
        support = [space.sentences[i].article for i in group]
        contradict = _contradicting(space, group, support)
        position = float(
            np.mean([space.sentences[i].start / lengths[space.sentences[i].article] for i in group])
        )
        count = sources.count(support)
        drafts.append((-count.independent, -count.articles, position, group, support, contradict, count))
    drafts.sort(key=lambda d: d[:3])

    claims = []
    for number, (_, _, _, group, support, contradict, count) in enumerate(drafts, start=1):
        best = space.sentences[_best_worded(space, group)]
        claims.append(
            Claim(
                id=f"c{number}",
                text=best.text,
                support=support,
                omit=[a for a in all_ids if a not in support and a not in contradict],
                contradict=contradict,
                support_count=count,
                members=[
                    Mention(
                        space.sentences[i].article,
                        space.sentences[i].start,
                        space.sentences[i].end,
                        space.sentences[i].text,
                    )
                    for i in group
                ],
            )
        )
    return claims


def _contradicting(space: SentenceSpace, group: list[int], support: list[str]) -> list[str]:
    """Articles outside the claim with a sentence as close as a member but incompatible with it."""
    found: list[str] = []
    outside = np.flatnonzero(~np.isin(space.article_of, support))
    for j in outside:
        j = int(j)
        article = str(space.article_of[j])
        if article in found:
            continue
        for i in group:
            if space.score[i, j] >= CONTRADICT and not space.compatible(i, j):
                found.append(article)
                break
    return found


def claim_index(claims: Sequence[Claim], space: SentenceSpace) -> dict[tuple[str, int], str]:
    """(article, sentence index) -> id of the claim that sentence belongs to."""
    by_span = {(s.article, s.start): s.index for s in space.sentences}
    index = {}
    for claim in claims:
        for member in claim.members:
            sentence = by_span.get((member.article, member.start))
            if sentence is not None:
                index[(member.article, sentence)] = claim.id
    return index


def major(claim: Claim, total_independent: int) -> bool:
    """Stated by a majority of the independent sources (and by at least two)."""
    return claim.support_count.independent >= max(2, math.floor(total_independent / 2) + 1)


def mark_number_conflicts(claims: Sequence[Claim], numbers: Sequence[NumberFact]) -> None:
    """An article giving another figure for a number a claim states contradicts the claim
    ("injuring 14 people" against "injuring 12 people"), however differently it is worded."""
    conflicting: dict[str, list[NumberFact]] = {}
    for fact in numbers:
        if fact.conflict and fact.group:
            conflicting.setdefault(fact.group, []).append(fact)
    for claim in claims:
        for facts in conflicting.values():
            for fact in facts:
                if not any(_inside(report, claim.members) for report in fact.reports):
                    continue
                for other in facts:
                    if other.value == fact.value:
                        continue
                    for report in other.reports:
                        if report.article not in claim.support and report.article not in claim.contradict:
                            claim.contradict.append(report.article)
        claim.omit = [a for a in claim.omit if a not in claim.contradict]


def _inside(report: Mention, members: Sequence[Mention]) -> bool:
    return any(m.article == report.article and m.start <= report.start < m.end for m in members)
