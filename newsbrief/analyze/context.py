"""What one brief computes once about its event and every stage reads: the per-event context.

- **Independent sources** (``newsbrief.group.sources``): which articles are one report printed
  several times. The summarizer counts support in these sources and the analysis sections
  print them; there is no second rule.
- **Fact alignment** (``newsbrief.analyze.claims``): which sentences of different articles state
  the same fact, as groups with at most one sentence per article. A summary sentence cites the
  other members of its group, and the claims the analysis lists ("What the reports agree on")
  are the same groups, so a bullet and its claim cite the same articles with the same
  "(N reports, M independent)".
- The sentence space behind the alignment (lexical and embedding similarity of every sentence
  of five words or more), fitted once.

Everything is computed on first use, so a brief that never needs a part never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsbrief.analyze.claims import SentenceSpace, build_space, cluster_sentences, pair_value
from newsbrief.analyze.numbers import NumberMention, find_numbers
from newsbrief.group.sources import SourceIndex, independent_sources
from newsbrief.text.languages import content_tokens
from newsbrief.text.stem import porter_stem
from newsbrief.text.tokens import rouge_words
from newsbrief.types import Article, Citation, Sentence, SourceGroup

# Two sentences state the same fact when most content words of the shorter one are in the
# other (a shortened quote, a trimmed clause, a copy) and the sentence space finds them close,
# or when the space scores them as close paraphrases. Measured on every pair the alignment
# grouped in the seeds and the example: pairs of one fact share 0.5-1.0 of their content stems
# at space scores from 0.39; "the differences will be difficult to bridge" against "would not
# compromise ... invited Moscow to further talks" shares 0.40 at 0.45 and was cited as support.
SAME_FACT_SHARE = 0.5
SAME_FACT_MIN_SCORE = 0.35
PARAPHRASE_SCORE = 0.6
_ENGLISH_STOP_STEMS = frozenset(porter_stem(word) for word in ENGLISH_STOP_WORDS)


def content_stems(text: str) -> frozenset[str]:
    return frozenset(content_tokens(text)) - _ENGLISH_STOP_STEMS


def states_same_fact(a: str, b: str) -> bool:
    """Whether most content words of the shorter sentence are in the other."""
    left, right = content_stems(a), content_stems(b)
    shorter = min(len(left), len(right))
    return shorter > 0 and len(left & right) / shorter >= SAME_FACT_SHARE


@dataclass
class BriefContext:
    articles: Sequence[Article]
    # False aligns sentences on words alone (faster, less recall).
    embeddings: bool = True
    _fact_of: dict[int, int] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def tagged_terms(self) -> list[list[tuple[str, bool]]]:
        """Every sentence's stemmed terms (as ``summarize.terms.tagged_terms`` reads them), in article order:
        the summary's concepts and the copied-sentence test both read them (stemming was a
        fifth of the source grouping's time when each computed its own)."""
        return [
            [(porter_stem(word.lower()), word[0].isupper()) for word in rouge_words(s.text)]
            for a in self.articles
            for s in a.sentences
        ]

    @cached_property
    def sources(self) -> list[SourceGroup]:
        terms = [[t for t, _ in tagged] for tagged in self.tagged_terms]
        return independent_sources(self.articles, sentence_terms=terms)

    @cached_property
    def source_index(self) -> SourceIndex:
        return SourceIndex(self.sources)

    def source_numbers(self) -> list[int]:
        """For each article, its source's number (0, 1, ... in order of first article)."""
        return self.source_index.numbers(a.id for a in self.articles)

    @cached_property
    def number_mentions(self) -> list[NumberMention]:
        """Every figure of every article as the rules read it (``find_numbers`` without a
        parse, article order), for the sentence space's figure overlap."""
        return [m for a in self.articles for m in find_numbers(a)]

    @cached_property
    def space(self) -> SentenceSpace:
        return build_space(self.articles, embeddings=self.embeddings, mentions=self.number_mentions)

    @cached_property
    def facts(self) -> list[list[int]]:
        """Groups of sentences (indices into ``space.sentences``) that state one fact: the
        alignment's topic-level groups, split so every two members state the same thing
        (``states_same_fact``). The summary's citations and the claim table read these."""
        groups = [part for group in cluster_sentences(self.space) for part in self._same_fact_parts(group)]
        self._fact_of = {i: k for k, group in enumerate(groups) for i in group}
        return groups

    def _same_fact_parts(self, group: list[int]) -> list[list[int]]:
        """``group`` cut into parts whose members pairwise state the same fact (complete link,
        greedy in the group's order): average linkage alone cited "the differences will be
        difficult to bridge" for "the allies would not compromise ... but invited Moscow to
        further talks" on the seeds."""
        parts: list[list[int]] = []
        for i in group:
            home = next((part for part in parts if all(self._same_fact(i, j) for j in part)), None)
            if home is None:
                parts.append([i])
            else:
                home.append(i)
        return parts

    def _same_fact(self, i: int, j: int) -> bool:
        first, second = self.space.sentences[i], self.space.sentences[j]
        if self._language.get(first.article) != self._language.get(second.article):
            # Words cannot be shared across languages: the cross-lingual alignment decided.
            return True
        a, b = first.text, second.text
        score = pair_value(self.space.score, i, j)
        return score >= PARAPHRASE_SCORE or (score >= SAME_FACT_MIN_SCORE and states_same_fact(a, b))

    @cached_property
    def _language(self) -> dict[str, str | None]:
        return {a.id: a.language for a in self.articles}

    @cached_property
    def _position(self) -> dict[tuple[str, int], int]:
        return self.space.index_of()

    def citations(self, sentence: Sentence) -> list[Citation]:
        """The sentence itself, then the sentence of each other article stating the same fact
        (in article order; ``score``: the pair's closeness in the sentence space)."""
        own = Citation(sentence.article, sentence.start, sentence.end, 1.0)
        i = self._position.get((sentence.article, sentence.index))
        if i is None:
            return [own]
        group = self.facts[self._fact_of[i]]
        order = {a.id: k for k, a in enumerate(self.articles)}
        others = sorted((j for j in group if j != i), key=lambda j: order[self.space.sentences[j].article])
        result = [own]
        for j in others:
            match = self.space.sentences[j]
            score = round(pair_value(self.space.score, i, j), 3)
            result.append(Citation(match.article, match.start, match.end, score))
        return result
