"""What event clustering reads from an article: terms, names, numbers, lead text and date.

Reports of the same event share its specifics -- who (names), how many (numbers), what
(distinctive words and two-word phrases) -- while reports of a similar but different event
(another earthquake, another emergency patch) share only the topic words. So the terms are
split into namespaces that are weighted separately when articles are compared:

* ``b:`` body: content words and adjacent content-word pairs of the whole text;
* ``l:`` lead: the same from the headline and the first sentences, where reports state the
  event itself rather than background;
* ``e:`` entities: runs of capitalised words that do not start a sentence (a cheap stand-in for
  named entities that needs no model; the headline is skipped because it is often title case);
* ``n:`` numbers: death tolls, magnitudes, scores and years tell similar events apart.

Terms are plain strings per namespace, hashed later (``newsbrief.group.term_vectors``);
nothing here is stateful.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsbrief.text import tokens
from newsbrief.types import Article

BODY, LEAD, ENTITY, NUMBER = "b:", "l:", "e:", "n:"
NAMESPACES = (BODY, LEAD, ENTITY, NUMBER)

_WORD = tokens.LOWER_WORD_INNER_PUNCT
_NUMBER = tokens.NUMBER
# Capitalised words separated by single spaces only: punctuation ends a name.
_NAME_RUN = re.compile(r"(?<![\w'’.\-])[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)*")
# Sentence ends for text that comes without sentences (pysbd ran upstream when it did).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"mr", "mrs", "ms", "dr", "said", "says", "say"}
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class ArticleTerms:
    """One article's clustering features before weighting."""

    terms: dict[str, list[str]]  # namespace -> terms; repeats are term frequency
    lead_text: str  # headline and first sentences, for the sentence embedding
    day: float | None  # publication date as a day number, None when unknown


def article_terms(article: Article, lead_sentences: int = 3) -> ArticleTerms:
    sentences = [_fold(s) for s in _sentences(article)]
    headline = _fold((article.headline or "").strip())
    lead = [headline, *sentences[:lead_sentences]] if headline else sentences[:lead_sentences]
    body: list[str] = []
    for sentence in [headline, *sentences] if headline else sentences:
        _add_words(body, sentence)
    lead_terms: list[str] = []
    for sentence in lead:
        _add_words(lead_terms, sentence)
    names: list[str] = []
    for sentence in sentences:
        names.extend(capitalised_names(sentence))
    numbers = [n.replace(",", "") for n in _NUMBER.findall(" ".join(sentences))]
    return ArticleTerms(
        terms={BODY: body, LEAD: lead_terms, ENTITY: names, NUMBER: numbers},
        lead_text="\n".join(lead),
        day=publication_day(article),
    )


def capitalised_names(sentence: str) -> list[str]:
    """Lower-cased runs of capitalised words, the sentence's first word excluded.

    A multi-word name also yields its words, so "Jens Stoltenberg" matches a later "Stoltenberg".
    Punctuation and stop words end a run: "Obama, Biden" and "Trump and Biden" are two names.
    """
    names: list[str] = []
    for match in _NAME_RUN.finditer(sentence):
        words = match.group().split()
        if match.start() == 0 or not sentence[: match.start()].strip():
            words = words[1:]
        run: list[str] = []
        for word in [*(_POSSESSIVE.sub("", w.rstrip(".")).lower() for w in words), ""]:
            if word and word not in _STOP:
                run.append(word)
                continue
            if run:
                names.append(" ".join(run))
                if len(run) > 1:
                    names.extend(run)
                run = []
    return names


def publication_day(article: Article) -> float | None:
    """Days since 0001-01-01 of ``article.published`` (ISO date or datetime), or None."""
    if not article.published:
        return None
    text = article.published.strip()
    try:
        if len(text) > 10:
            return float(datetime.fromisoformat(text.replace("Z", "+00:00")).toordinal())
        return float(date.fromisoformat(text[:10]).toordinal())
    except ValueError:
        return None


def _fold(text: str) -> str:
    """Latin letters without their diacritics, so the ASCII word and name patterns read
    "Grünberg" as "grunberg" (not "gr" + "nberg"), as another report spells it (Multi-News row
    42), and find "Ángel" as a name."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _sentences(article: Article) -> list[str]:
    if article.sentences:
        return [s.text for s in article.sentences]
    return [s for s in (p.strip() for p in _SENTENCE_END.split(article.text)) if s]


def _add_words(terms: list[str], sentence: str) -> None:
    words = [w for w in _WORD.findall(sentence.lower()) if w not in _STOP and len(w) > 1]
    terms.extend(words)
    # Adjacent pairs catch names and phrases ("emergency patch", "ins sukanya") that single
    # words share with every other report on the same topic.
    terms.extend(f"{a} {b}" for a, b in pairwise(words))
