"""Reference extractive summarizers to compare newsbrief against.

Every baseline has the signature ``summarize(documents, words) -> str``: it returns at
most ``words`` whitespace-separated words, one sentence per line (the layout ROUGE-L
expects). The last sentence is cut to fit the budget, which is what ROUGE's ``-l`` word
limit would do anyway, so scores do not depend on who truncates.

Sentences come from pysbd and words from a regular expression, so nothing here needs
NLTK's downloadable punkt models (sumy's own tokenizer does).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from newsbrief.evaluate.sentence_split import split_sentences
from newsbrief.text.tokens import LETTER_RUN_WORD

Summarizer = Callable[[Sequence[str], int], str]

# Same notion of a word as sumy's own tokenizer: letters, with inner apostrophes/hyphens.
_LANGUAGE = "english"


def _dedup_key(sentence: str) -> str:
    return " ".join(sentence.lower().split())


def fit_to_budget(candidates: Iterable[str], words: int) -> list[str]:
    """Take sentences in the given order until ``words`` words are used.

    Repeated sentences are skipped (wire stories are often filed twice in one cluster);
    the sentence that overflows the budget is cut to fill it exactly.
    """
    if words <= 0:
        return []
    chosen: list[str] = []
    seen: set[str] = set()
    used = 0
    for sentence in candidates:
        key = _dedup_key(sentence)
        if not key or key in seen:
            continue
        seen.add(key)
        tokens = sentence.split()
        room = words - used
        if len(tokens) >= room:
            chosen.append(" ".join(tokens[:room]))
            break
        chosen.append(" ".join(tokens))
        used += len(tokens)
    return chosen


def lead(documents: Sequence[str], words: int) -> str:
    """Opening sentences of the first document (then the next ones if it is too short)."""
    candidates = (s for document in documents for s in split_sentences(document))
    return "\n".join(fit_to_budget(candidates, words))


def lead_round_robin(documents: Sequence[str], words: int) -> str:
    """First sentence of every document, then every second sentence, and so on."""
    per_document = [split_sentences(d) for d in documents]
    longest = max((len(s) for s in per_document), default=0)
    candidates = (
        sentences[rank] for rank in range(longest) for sentences in per_document if rank < len(sentences)
    )
    return "\n".join(fit_to_budget(candidates, words))


class _OfflineTokenizer:
    """The part of sumy's Tokenizer interface its summarizers use, without NLTK data."""

    language = _LANGUAGE

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(LETTER_RUN_WORD.findall(sentence))


def _sumy_document(documents: Sequence[str]) -> ObjectDocumentModel:
    tokenizer = _OfflineTokenizer()
    paragraphs = [
        Paragraph([SumySentence(s, tokenizer) for s in split_sentences(document)]) for document in documents
    ]
    return ObjectDocumentModel([p for p in paragraphs if p.sentences])


def _ranked_sentences(
    summarizer: LexRankSummarizer | TextRankSummarizer, documents: Sequence[str]
) -> list[str]:
    """All sentences, best-rated first (ties keep document order)."""
    document = _sumy_document(documents)
    if not document.sentences:
        return []
    ranked: list[str] = []

    # sumy accepts a callable as the sentence count and hands it the rated sentences,
    # best first; keeping all of them gives the full ranking.
    def keep_all(infos: list[Any]) -> list[Any]:
        ranked.extend(str(info.sentence) for info in infos)
        return infos

    summarizer(document, keep_all)
    return ranked


@functools.cache
def _stemmer() -> Stemmer:
    return Stemmer(_LANGUAGE)


def lexrank(documents: Sequence[str], words: int) -> str:
    """LexRank (Erkan and Radev, 2004) as implemented by sumy."""
    summarizer = LexRankSummarizer(_stemmer())
    summarizer.stop_words = get_stop_words(_LANGUAGE)
    return "\n".join(fit_to_budget(_ranked_sentences(summarizer, documents), words))


def textrank(documents: Sequence[str], words: int) -> str:
    """TextRank (Mihalcea and Tarau, 2004) as implemented by sumy."""
    summarizer = TextRankSummarizer(_stemmer())
    summarizer.stop_words = get_stop_words(_LANGUAGE)
    return "\n".join(fit_to_budget(_ranked_sentences(summarizer, documents), words))


BASELINES: dict[str, Summarizer] = {
    "lead": lead,
    "lead-round-robin": lead_round_robin,
    "lexrank": lexrank,
    "textrank": textrank,
}
