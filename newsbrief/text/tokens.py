"""Tokenizers: every way the stages split text into words, defined once each, here.

They differ on purpose (each stage's figures were measured with its own), so each pattern is
named for what it holds and lists who uses it. Prefer an existing one for new code.
"""

from __future__ import annotations

import re
from functools import cache

from newsbrief.text import languages
from newsbrief.text.stem import fold_suffixes

# Runs of word characters (letters, digits, underscore): near-duplicate shingles
# (group/dedup.py) and the comparison key of extracted page text (clean/html.py).
WORD_CHARS = re.compile(r"\w+")
# Words with inner apostrophes, on folded text (text/normalise.py: quote alignment).
FOLDED_WORD = re.compile(r"\w+(?:'\w+)*")
# Letters and digits, without underscores, with inner apostrophes of either kind: the line
# model's features (clean/features.py).
LETTER_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# ROUGE-1.5.5's tokens: runs of ASCII letters and digits (summarize/terms.py).
ROUGE_TOKEN = re.compile(r"[A-Za-z0-9]+")
# Lower-case words and numbers, keeping decimal and thousands separators ("3.5", "100,000"):
# lexical sentence similarity (``tokenize`` below).
LOWER_TERM = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
# Lower-case words with inner apostrophes, points and commas ("o'neill", "u.s.", "1,200"):
# event-clustering features (group/event_features.py).
LOWER_WORD_INNER_PUNCT = re.compile(r"[a-z0-9]+(?:['’.,][a-z0-9]+)*")
# Lower-case words of two or more letters that do not continue another word: what a sentence
# says, as opposed to the names and titles of who says it (summarize/support.py).
LOWER_WORD = re.compile(r"(?<![\w’'])[a-z][a-z-]+")
# The same in any script, for the other languages (scripts without case count as lower).
LOWER_WORD_ANY = re.compile(r"(?<![\w’'])(?=[^\W\d_])(?![A-ZÀ-ÞА-ЯЁ])[^\W_][\w-]+")
# Lower-case letters and apostrophes only, on lower-cased text (analyze/timeline.py).
LOWER_LETTERS = re.compile(r"[a-z']+")
# Words of letters with inner apostrophes and hyphens, any case (analyze/numbers.py).
LETTERS_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# A number with its separators: "12", "3.5", "100,000".
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A word that may open with a capital, the rest lower case ("Troops", "ship's"): numbers' keys.
OPENING_CAPITAL_WORD = re.compile(r"[A-Za-z][a-z'’-]*")
# Letters only, with inner apostrophes or hyphens ("don't", "half-year"): the sumy baselines' words.
LETTER_RUN_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def tokenize(text: str) -> list[str]:
    """Lexical terms: lower-case ``LOWER_TERM`` tokens, stop words dropped, suffixes folded;
    in another language's scope (``text.languages``), that language's stems and stop words."""
    if not languages.is_english():
        return languages.content_tokens(text)
    stop = _english_stop_words()
    return [fold_suffixes(t) for t in LOWER_TERM.findall(text.lower()) if t not in stop]


def predicate_words(text: str) -> set[str]:
    """Lower-case content words: what is said, as opposed to names and titles of who said it."""
    lower = LOWER_WORD if languages.is_english() else LOWER_WORD_ANY
    return set(tokenize(" ".join(lower.findall(text))))


def rouge_words(text: str) -> list[str]:
    """The words ROUGE-1.5.5 sees in ``text``, case kept."""
    return ROUGE_TOKEN.findall(text)


@cache
def _english_stop_words() -> frozenset[str]:
    # Imported on first use: scikit-learn costs about 1 s of CPU to import, which every CLI
    # command (even --help) paid through this foundation module.
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)
