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
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsbrief.analyze.numbers import NumberMention, find_numbers, stem
from newsbrief.group.sources import SourceIndex
from newsbrief.languages import claims as crosslingual
from newsbrief.text.similarity import DENSE_LIMIT, SentenceSimilarity
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


Matrix = np.ndarray | sp.csr_matrix


def pair_value(matrix: Matrix, i: int, j: int) -> float:
    """``matrix[i, j]`` for a full or a sparse matrix (a pair that is not stored is 0); a
    binary search in the row, 20 times faster than scipy's own indexing of one element."""
    if not sp.issparse(matrix):
        return float(matrix[i, j])
    lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
    at = lo + int(np.searchsorted(matrix.indices[lo:hi], j))
    return float(matrix.data[at]) if at < hi and matrix.indices[at] == j else 0.0


@dataclass(slots=True)
class SentenceSpace:
    """Pairwise closeness of every candidate sentence of a cluster, computed once: full
    matrices, or sparse ones holding the candidate pairs of a big event
    (``newsbrief.text.similarity``)."""

    sentences: list[Sentence]
    score: Matrix
    lexical: Matrix
    containment: Matrix
    figures: list[dict[str, set[float]]]
    negated: list[bool]
    predicates: list[frozenset[str]] = field(default_factory=list)
    cosine: Matrix | None = None
    semantic_used: bool = False
    article_of: np.ndarray = field(default_factory=lambda: np.array([]))

    def related(self, i: int, j: int) -> bool:
        """Say the same thing, not merely about the same people: shared predicate words, or
        (for paraphrases with different words) very close embeddings."""
        if len(self.predicates[i] & self.predicates[j]) >= MIN_SHARED_PREDICATES:
            return True
        return self.cosine is not None and pair_value(self.cosine, i, j) >= PARAPHRASE_COSINE

    def index_of(self) -> dict[tuple[str, int], int]:
        return {(s.article, s.index): i for i, s in enumerate(self.sentences)}

    def compatible(self, i: int, j: int) -> bool:
        """False when the two sentences give different figures for one thing, or one negates the
        other (judged only when they restate each other almost fully)."""
        fi, fj = self.figures[i], self.figures[j]
        for unit in fi.keys() & fj.keys():
            if not fi[unit] & fj[unit]:
                return False
        restate = min(pair_value(self.containment, i, j), pair_value(self.containment, j, i)) >= 0.6
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


def build_space(
    articles: Sequence[Article],
    embeddings: np.ndarray | bool | None = True,
    dense_limit: int = DENSE_LIMIT,
    mentions: Sequence[NumberMention] | None = None,
) -> SentenceSpace:
    """``embeddings``: precomputed rows, True to compute them, False or None for lexical only.
    Above ``dense_limit`` sentences the space is sparse (``newsbrief.text.similarity``).
    ``mentions``: the articles' figures (``find_numbers``, in article order) when already found."""
    sentences = [s for a in articles for s in a.sentences if len(s.text.split()) >= MIN_WORDS]
    texts = [s.text for s in sentences]
    n = len(sentences)
    if n == 0:
        empty = np.zeros((0, 0), dtype=np.float32)
        return SentenceSpace([], empty, empty, empty, [], [])
    similarity = SentenceSimilarity.fit(texts, dense_limit)
    containment = similarity.containment
    lexical = 0.5 * similarity.cosine + 0.25 * (containment + containment.T)

    names = [entity_keys(t) for t in texts]
    by_sentence = _mentions_by_sentence(articles, mentions)
    figures = [_figures(by_sentence.get((s.article, s.index), [])) for s in sentences]
    if crosslingual.active():
        crosslingual.add_figures(figures, sentences, articles)
    keys = [names[i] | {f"#{v:g}" for vs in figures[i].values() for v in vs} for i in range(n)]
    entity = _entity_overlap(keys, lexical if similarity.sparse else None)

    multilingual = embeddings is True and crosslingual.active()
    if embeddings is True:
        embeddings = crosslingual.embeddings(texts) if multilingual else sentence_embeddings(texts)
    semantic_used = isinstance(embeddings, np.ndarray) and embeddings.shape[0] == n
    cosine = None
    if semantic_used:
        assert isinstance(embeddings, np.ndarray)
        if similarity.sparse:
            cosine = _pair_cosines(embeddings, lexical)
            if multilingual:
                cosine.data = crosslingual.on_static_scale(cosine.data)
            semantic = cosine.copy()
            semantic.data = np.clip((semantic.data - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR), 0.0, 1.0)
        else:
            cosine = np.clip(embeddings @ embeddings.T, 0.0, 1.0)
            if multilingual:
                cosine = crosslingual.on_static_scale(cosine)
            semantic = np.clip((cosine - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR), 0.0, 1.0)
        w_lex, w_sem, w_ent = WEIGHTS_WITH_EMBEDDINGS
        score = w_lex * lexical + w_sem * semantic + w_ent * entity
    else:
        w_lex, _, w_ent = WEIGHTS_LEXICAL_ONLY
        score = w_lex * lexical + w_ent * entity
    if similarity.sparse:
        score = sp.csr_matrix(score)
        score.setdiag(1.0)
        score = score.astype(np.float32).tocsr()
        score.sort_indices()
        lexical = sp.csr_matrix(lexical, dtype=np.float32)
        lexical.sort_indices()
    else:
        np.fill_diagonal(score, 1.0)
        score, lexical = score.astype(np.float32), lexical.astype(np.float32)
    return SentenceSpace(
        sentences=sentences,
        score=score,
        lexical=lexical,
        containment=containment,
        figures=figures,
        negated=[bool(_NEGATION.search(t)) for t in texts],
        predicates=[frozenset(stem(w) for w in predicate_words(t)) for t in texts],
        cosine=cosine if semantic_used else None,
        semantic_used=semantic_used,
        article_of=np.array([s.article for s in sentences]),
    )


def _entity_overlap(keys: list[frozenset[str]], pattern: sp.csr_matrix | None) -> Matrix:
    """Jaccard overlap of the sentences' name and figure keys, 0 on the diagonal: a full matrix,
    or (with ``pattern``) only at the pairs ``pattern`` stores. One sparse product instead of a
    Python loop over all pairs (8.8 s of a 200-article brief)."""
    n = len(keys)
    vocabulary: dict[str, int] = {}
    rows = np.repeat(np.arange(n), [len(k) for k in keys])
    column = (vocabulary.setdefault(key, len(vocabulary)) for k in keys for key in k)
    cols = np.fromiter(column, dtype=np.int64, count=len(rows))
    member = sp.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, len(vocabulary)))
    sizes = np.array([len(k) for k in keys], dtype=np.float64)
    if pattern is None:
        shared = (member @ member.T).toarray()
        union = sizes[:, None] + sizes[None, :] - shared
        entity = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        np.fill_diagonal(entity, 0.0)
        return entity.astype(np.float32)
    coo = pattern.tocoo()
    r, c = coo.row, coo.col
    shared = np.asarray(member[r].multiply(member[c]).sum(axis=1)).ravel()
    union = sizes[r] + sizes[c] - shared
    values = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    values[r == c] = 0.0
    return sp.csr_matrix((values.astype(np.float32), (r, c)), shape=(n, n))


def _pair_cosines(embeddings: np.ndarray, pattern: sp.csr_matrix) -> sp.csr_matrix:
    """Embedding cosines (clipped at 0) of the pairs ``pattern`` stores."""
    coo = pattern.tocoo()
    values = np.empty(len(coo.row), dtype=np.float32)
    step = 200_000
    for at in range(0, len(values), step):
        r, c = coo.row[at : at + step], coo.col[at : at + step]
        values[at : at + len(r)] = np.einsum("ij,ij->i", embeddings[r], embeddings[c])
    cosine = sp.csr_matrix((np.clip(values, 0.0, 1.0), (coo.row, coo.col)), shape=pattern.shape)
    cosine.sort_indices()
    return cosine


def _mentions_by_sentence(
    articles: Sequence[Article], mentions: Sequence[NumberMention] | None = None
) -> dict[tuple[str, int], list[NumberMention]]:
    if mentions is None:
        mentions = [m for article in articles for m in find_numbers(article)]
    found: dict[tuple[str, int], list[NumberMention]] = {}
    for mention in mentions:
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
    rows, cols, values = _linking_pairs(space.score)
    order = np.argsort(-values, kind="stable")
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
        if _mean(space.score, left, right) < AVERAGE_LINK:
            continue
        if not all(space.compatible(x, y) for x in left for y in right):
            continue
        members[a] = left + right
        del members[b]
        for x in right:
            owner[x] = a
    return list(members.values())


def _linking_pairs(score: Matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs i < j scoring at least LINK, row by row."""
    if not sp.issparse(score):
        upper = np.triu(score, k=1)
        rows, cols = np.nonzero(upper >= LINK)
        return rows, cols, upper[rows, cols]
    upper = sp.triu(score, k=1).tocsr()
    upper.sort_indices()
    coo = upper.tocoo()
    keep = coo.data >= LINK
    return coo.row[keep], coo.col[keep], coo.data[keep]


def _mean(matrix: Matrix, left: list[int], right: list[int]) -> float:
    """Mean of ``matrix`` over left × right (pairs a sparse matrix does not store count as 0)."""
    if not sp.issparse(matrix):
        return float(matrix[np.ix_(left, right)].mean())
    return float(matrix[left][:, right].sum()) / (len(left) * len(right))


def _best_worded(space: SentenceSpace, group: list[int]) -> int:
    """The member closest to the others, preferring one that reads on its own."""
    if len(group) == 1:
        return group[0]
    # The group's block of the matrix, taken once (a slice per member of a sparse matrix cost
    # seconds on a 1,000-article event).
    block = space.score[np.ix_(group, group)] if not sp.issparse(space.score) else None
    if block is None:
        block = space.score[group][:, group].toarray()
    position = {i: k for k, i in enumerate(group)}

    def quality(i: int) -> float:
        k = position[i]
        centrality = float(np.delete(block[k], k).mean())
        dangling = 0.15 if _DANGLING.match(space.sentences[i].text) else 0.0
        words = len(space.sentences[i].text.split())
        length = 0.1 if words > 45 else 0.0
        return centrality - dangling - length

    return max(group, key=quality)


def build_claims(
    articles: Sequence[Article],
    space: SentenceSpace,
    sources: SourceIndex,
    groups: list[list[int]] | None = None,
) -> list[Claim]:
    """Claims ordered by independent support, then by how early the reports state them;
    ``groups``: the fact alignment (``cluster_sentences``) when already computed."""
    groups = [list(g) for g in (cluster_sentences(space) if groups is None else groups)]
    all_ids = [a.id for a in articles]
    order = {article: k for k, article in reversed(list(enumerate(all_ids)))}
    lengths = {a.id: max(len(a.text), 1) for a in articles}
    close = _close_pairs(space.score)
    drafts = []
    for group in groups:
        group.sort(key=lambda i: order[space.sentences[i].article])
        support = [space.sentences[i].article for i in group]
        contradict = _contradicting(space, group, support, close)
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


def _close_pairs(score: Matrix) -> list[np.ndarray]:
    """For each sentence, the sentences (ascending) it scores at least CONTRADICT with, found
    in one pass over the matrix instead of a slice per claim."""
    n = score.shape[0]
    if sp.issparse(score):
        coo = score.tocoo()
        keep = coo.data >= CONTRADICT
        rows, cols = coo.row[keep], coo.col[keep]
        order = np.lexsort((cols, rows))
        rows, cols = rows[order], cols[order]
    else:
        rows, cols = np.nonzero(score >= CONTRADICT)
    bounds = np.searchsorted(rows, np.arange(n + 1))
    return [cols[bounds[i] : bounds[i + 1]] for i in range(n)]


def _contradicting(
    space: SentenceSpace, group: list[int], support: list[str], close: list[np.ndarray]
) -> list[str]:
    """Articles outside the claim with a sentence as close as a member but incompatible with it,
    in the order of their first such sentence. Only the pairs scoring at least CONTRADICT
    (``close``) are checked, not every sentence against every member (11 s of a 200-article
    brief)."""
    outside = ~np.isin(space.article_of, support)
    pairs = sorted((int(j), k) for k, i in enumerate(group) for j in close[i] if outside[j])
    found: list[str] = []
    for j, k in pairs:
        article = str(space.article_of[j])
        if article not in found and not space.compatible(group[k], j):
            found.append(article)
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
    # Which claims state each fact: its reports looked up among the claims' member sentences
    # (one sorted list per article) instead of scanning every claim's members per fact
    # (2.6 s of a 100-article brief).
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for c, claim in enumerate(claims):
        for m in claim.members:
            spans.setdefault(m.article, []).append((m.start, m.end, c))
    for article_spans in spans.values():
        article_spans.sort()
    stated_in: dict[int, set[int]] = {}
    for facts in conflicting.values():
        for fact in facts:
            stated_in[id(fact)] = {c for report in fact.reports for c in _claims_at(spans, report)}
    for c, claim in enumerate(claims):
        for facts in conflicting.values():
            for fact in facts:
                if c not in stated_in[id(fact)]:
                    continue
                for other in facts:
                    if other.value == fact.value:
                        continue
                    for report in other.reports:
                        if report.article not in claim.support and report.article not in claim.contradict:
                            claim.contradict.append(report.article)
        claim.omit = [a for a in claim.omit if a not in claim.contradict]


def _claims_at(spans: dict[str, list[tuple[int, int, int]]], report: Mention) -> list[int]:
    """Claims with a member sentence in the report's article that holds its start."""
    article_spans = spans.get(report.article, [])
    at = bisect_right(article_spans, (report.start, math.inf, math.inf))
    return [c for start, end, c in article_spans[max(0, at - 2) : at] if start <= report.start < end]
