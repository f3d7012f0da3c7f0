"""Extractive multi-document summary whose every sentence cites the articles that state it.

1. Articles that are copies of one report are grouped (the independent sources of the
   per-event context, ``newsbrief.analyze.context``), so support is counted in independent sources.
2. The cluster's concepts (stemmed bigrams and content words) are weighted by a learned model
   of cross-source support, position and content (``concepts``).
3. Every sentence, and a compressed wording of it (``compress``), is a candidate; candidates
   are chosen greedily by concept weight gained per word within the word budget
   (``select``). A concept pays once, so repeating a chosen fact gains nothing.
4. The chosen sentences are put in reading order (``order``) and cited: the sentence itself,
   then the sentence of every other article that states the same fact: its group in the
   context's fact alignment, the same groups the analysis lists as claims.

A compressed sentence keeps the offsets of the whole original sentence in its first citation:
the cited span states everything the shorter text says (see ``compress``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import scipy.sparse as sp

from newsbrief.group.sources import source_numbers
from newsbrief.summarize.compress import compress as compress_sentence
from newsbrief.summarize.concepts import (
    ConceptModel,
    ConceptSpace,
    SentenceUnit,
    default_model,
    sentence_units,
)
from newsbrief.summarize.order import reading_order
from newsbrief.summarize.select import best_overflow, coverage_matrix, select
from newsbrief.summarize.support import source_support
from newsbrief.summarize.terms import terms
from newsbrief.text.similarity import SentenceSimilarity
from newsbrief.types import Article, Citation, Sentence, SummarySentence


class BriefContext(Protocol):
    """What the summary reads from the brief's per-event context (``newsbrief.analyze.context``, which
    sits above this stage: ``build_brief`` builds it and passes it in)."""

    tagged_terms: list[list[tuple[str, bool]]] | None

    def source_numbers(self) -> list[int]: ...

    def citations(self, sentence: Sentence) -> list[Citation]: ...


@dataclass
class _SourcesOnly:
    """Without the event's context (``summarize`` called on its own, as the evaluation does):
    the same independent sources, and each sentence cites only itself."""

    articles: Sequence[Article]
    tagged_terms: list[list[tuple[str, bool]]] | None = None

    def source_numbers(self) -> list[int]:
        return source_numbers(self.articles)

    def citations(self, sentence: Sentence) -> list[Citation]:
        return [Citation(sentence.article, sentence.start, sentence.end, 1.0)]


# Openings that lean on a sentence the reader has not seen.
_DANGLING = re.compile(r"^[“\"‘']?(?:he|she|it|they|this|that|these|those|his|her|their)\b", re.I)
# A sentence that is nothing but a quotation: its speaker is in another sentence.
_BARE_QUOTE = re.compile(r"^[“\"][^“”\"]*[”\"]$")


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True, slots=True)
class Options:
    """Choices of the summarizer that are not learned concept weights."""

    min_words: int = 8
    max_words: int = 60
    compress: bool = True
    # Gain per word^cost_exponent: 1 favours short sentences, lower values longer ones.
    cost_exponent: float = 0.7
    # Penalty, in concept weight, for a sentence that leans on one the summary does not
    # contain: it opens with a pronoun or demonstrative, or is a quotation without a speaker.
    dangling_penalty: float = 0.3
    # Two sentences whose lexical overlap (similarity.overlap) reaches this say the same thing.
    redundancy: float = 0.5
    # Among wordings of one fact worth at least this share of the best one's gain per word,
    # the one stated by the most independent sources is chosen.
    support_tolerance: float = 0.85
    # Fill the space left after the last whole sentence with one more sentence, placed last,
    # to be cut at the word limit by the evaluation (as ROUGE's -l does for every system).
    overflow: bool = False


@dataclass(slots=True)
class _Candidate:
    sentence: int
    text: str
    words: int
    concepts: list[int]


def summarize(
    articles: Sequence[Article],
    words: int = 100,
    options: Options | None = None,
    model: ConceptModel | None = None,
    context: BriefContext | None = None,
) -> list[SummarySentence]:
    """A summary of about ``words`` words (never more, unless ``options.overflow``).

    ``context`` is the event's shared context; without it each sentence cites only itself."""
    options = options or Options()
    model = model or default_model()
    sentences = [s for a in articles for s in a.sentences]
    if not sentences or words <= 0:
        return []
    if context is None:
        context = _SourcesOnly(articles)

    groups = context.source_numbers()
    units = sentence_units(articles, groups, context.tagged_terms)
    space = ConceptSpace.build(units, max(groups) + 1, model)
    candidates = _candidates(sentences, units, space, options)

    coverage = coverage_matrix([c.concepts for c in candidates], len(space.weights))
    lengths = np.array([c.words for c in candidates], dtype=np.float64)
    owner = [c.sentence for c in candidates]
    similarity = SentenceSimilarity.fit([s.text for s in sentences])
    bonus = np.array([_bonus(c.text, units[c.sentence], options) for c in candidates])
    support = source_support(similarity, [u.source for u in units])[owner]
    redundant = _redundant(similarity, owner, options.redundancy)
    chosen = select(
        coverage,
        space.weights,
        lengths,
        owner,
        words,
        bonus,
        options.cost_exponent,
        redundant,
        prefer=support,
        tolerance=options.support_tolerance,
    )

    summary = [_cited(candidates[c], sentences, context) for c in chosen]
    summary = [summary[i] for i in reading_order(summary, articles)]
    if options.overflow:
        room = words - sum(lengths[c] for c in chosen)
        extra = best_overflow(coverage, space.weights, lengths, owner, chosen, room)
        if extra is not None:
            summary.append(_cited(candidates[extra], sentences, context))
    return summary


def _candidates(
    sentences: Sequence[Sentence],
    units: Sequence[SentenceUnit],
    space: ConceptSpace,
    options: Options,
) -> list[_Candidate]:
    """Sentences of a summary-friendly length (all, if none is), each once, and their
    compressions."""
    lengths = [word_count(s.text) for s in sentences]
    eligible = [i for i, n in enumerate(lengths) if options.min_words <= n <= options.max_words]
    if not eligible:
        eligible = list(range(len(sentences)))
    candidates: list[_Candidate] = []
    seen: set[str] = set()
    for i in eligible:
        sentence_terms = units[i].terms
        key = " ".join(sentence_terms)
        if not key or key in seen:
            continue  # wire copies repeat sentences verbatim
        seen.add(key)
        candidates.append(_Candidate(i, sentences[i].text, lengths[i], space.of(sentence_terms)))
        if options.compress:
            shorter = compress_sentence(sentences[i].text)
            if shorter is not None:
                concepts = space.of(terms(shorter.text))
                candidates.append(_Candidate(i, shorter.text, word_count(shorter.text), concepts))
    return candidates


def _bonus(text: str, unit: SentenceUnit, options: Options) -> float:
    # A tiny preference for early sentences decides only when no concept does (a cluster
    # too small to have any): then the summary is the lead.
    bonus = 1e-3 * (1.0 - unit.relative)
    if _DANGLING.match(text) or _BARE_QUOTE.match(text):
        bonus -= options.dangling_penalty
    return bonus


def _redundant(
    similarity: SentenceSimilarity, owner: list[int], threshold: float
) -> np.ndarray | sp.csr_matrix:
    """Candidates × candidates: the two sentences restate each other (sparse for big events)."""
    overlap = similarity.overlap()
    if not similarity.sparse:
        return overlap[np.ix_(owner, owner)] >= threshold
    overlap = overlap[owner][:, owner].tocsr()
    overlap.data = overlap.data >= threshold
    overlap.eliminate_zeros()
    return overlap


def _cited(candidate: _Candidate, sentences: Sequence[Sentence], context: BriefContext) -> SummarySentence:
    sentence = sentences[candidate.sentence]
    return SummarySentence(
        text=candidate.text,
        article=sentence.article,
        start=sentence.start,
        end=sentence.end,
        sources=context.citations(sentence),
        compressed=candidate.text != sentence.text,
    )
