"""Which language an article is written in (py3langid, offline).

The sentence splitter and the summarizer's words follow the article's language for the
languages of ``newsbrief.text.languages.SUPPORTED`` (en es fr de it pt ru ar zh); an article
in another language is reported and left out rather than cut up by rules that do not fit it.
Only a confident decision on enough text rejects an article: names, numbers and short
fragments are not evidence, and an undetermined language is kept (and read as English).
"""

from __future__ import annotations

import io
import lzma
import tempfile
from dataclasses import dataclass
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsbrief.text.languages import LANGUAGES, SUPPORTED
from newsbrief.types import Article

SUPPORTED_LANGUAGES = SUPPORTED
# Below this many letters a decision is a guess (a headline, a list of names).
MIN_LETTERS = 200
# Normalised probability the top language needs before it is believed.
MIN_CONFIDENCE = 0.9
# The classifier's cost grows with the text and a few thousand characters decide it.
SAMPLE_CHARS = 5000


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """``code`` is an ISO 639-1 code, or None when there was too little text or no clear winner."""

    code: str | None
    confidence: float = 0.0
    # The classifier's top language even when it was not confident enough to decide.
    candidate: str | None = None


class LanguageModelUnavailable(RuntimeError):
    """The language model cannot be loaded here: an environment problem, not the article's."""


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Normalised probabilities make the confidence comparable across texts.
    try:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except OSError as exc:
        # py3langid unpacks its 68 MB model into a temporary file; with /tmp full or read-only
        # every article failed with "cleaning failed: OSError". Unpacked in memory instead.
        try:
            return _identifier_in_memory()
        except (OSError, MemoryError, lzma.LZMAError) as again:
            raise LanguageModelUnavailable(
                f"the language model (py3langid) cannot be unpacked ({exc}; in memory: "
                f"{type(again).__name__}); free space in {tempfile.gettempdir()} or set TMPDIR"
            ) from again


def _identifier_in_memory() -> LanguageIdentifier:
    import numpy as np
    from py3langid import langid, modelio

    with lzma.open(langid.MODEL_DIR / MODEL_FILE) as packed:
        data = np.load(io.BytesIO(packed.read()), allow_pickle=False)
    return LanguageIdentifier(
        np.asarray(data["ptc"]),
        np.asarray(data["pc"]),
        data["classes"].tolist(),
        modelio._to_array(data["nextmove"]),
        data["out_feat"].tolist(),
        norm_probs=True,
        tk_row=modelio._to_array(data["nextmove_row"]),
    )


def detect_language(text: str) -> LanguageGuess:
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return LanguageGuess(None)
    code, confidence = _identifier().classify(sample)
    return LanguageGuess(code if confidence >= MIN_CONFIDENCE else None, confidence, code)


def article_language(article: Article) -> LanguageGuess:
    """The language of the body; of everything on the page when the body is too short to tell
    (an English-trained cleaner may have dropped most lines of a foreign page as boilerplate)."""
    guess = detect_language(article.text)
    if guess.code is not None or sum(ch.isalpha() for ch in article.text) >= MIN_LETTERS:
        return guess
    lines = [article.headline or "", *(p.text for p in article.paragraphs + article.dropped)]
    return detect_language("\n".join(lines))


# An English-cleaned page with no body left is cleaned again in the classifier's top language
# when it is at least this sure: 5 of the first 20 NTREX-128 Chinese articles were classified
# zh at 0.85-0.9 from their (all dropped) lines and lost.
RECLEAN_CONFIDENCE = 0.6


def reclean_language(article: Article) -> str | None:
    """The supported non-English language to clean ``article`` again in, or None."""
    guess = article_language(article)
    code = guess.code or (
        guess.candidate if guess.confidence >= RECLEAN_CONFIDENCE and not article.text else None
    )
    return code if code in SUPPORTED_LANGUAGES and code != "en" else None


def unsupported_language(guess: LanguageGuess) -> str | None:
    """Why an article in this language cannot be briefed, or None when it can."""
    if guess.code is None or guess.code in SUPPORTED_LANGUAGES:
        return None
    names = ", ".join(name for name, _ in LANGUAGES.values())
    return (
        f"unsupported language (detected {guess.code!r}, confidence {guess.confidence:.2f}); "
        f"newsbrief reads {names}"
    )
