"""newsbrief: neutral, cited multi-source briefs from many news reports of the same event.

import newsbrief

brief = newsbrief.brief(["a.txt", "b.html"], words=120)   # -> newsbrief.Brief
brief.claims[0].text, brief.quotes[0].speaker, brief.to_markdown()
article = newsbrief.clean(html, url="https://...")          # -> newsbrief.Article
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsbrief.options import BriefOptions
from newsbrief.types import (
    Article,
    ArticleCoverage,
    Brief,
    Citation,
    Claim,
    Entity,
    Event,
    Failure,
    Mention,
    NumberFact,
    Paragraph,
    Quote,
    QuoteCarrier,
    RawDocument,
    Sentence,
    SourceGroup,
    Span,
    SummarySentence,
    SummarySupport,
    TimelineEntry,
)
from newsbrief.version import __version__

if TYPE_CHECKING:
    from newsbrief.library import brief, clean
    from newsbrief.pipeline import build_brief, clean_documents, load_articles

# The pipeline pulls in scikit-learn and the NLP stack; importing it lazily keeps
# `import newsbrief` (and CLI start-up for light commands) fast.
# ``clean`` is the clean package itself, made callable (see newsbrief/clean/__init__.py): importing
# any cleaning module sets the package as this attribute, so a function here would be replaced.
_LAZY = {
    "brief": "newsbrief.library",
    "build_brief": "newsbrief.pipeline",
    "clean_documents": "newsbrief.pipeline",
    "load_articles": "newsbrief.pipeline",
}


def __getattr__(name: str) -> Any:
    if name == "clean":
        import importlib

        return importlib.import_module("newsbrief.clean")
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsbrief' has no attribute {name!r}")


__all__ = [
    "Article",
    "ArticleCoverage",
    "Brief",
    "BriefOptions",
    "Citation",
    "Claim",
    "Entity",
    "Event",
    "Failure",
    "Mention",
    "NumberFact",
    "Paragraph",
    "Quote",
    "QuoteCarrier",
    "RawDocument",
    "Sentence",
    "SourceGroup",
    "Span",
    "SummarySentence",
    "SummarySupport",
    "TimelineEntry",
    "__version__",
    "brief",
    "build_brief",
    "clean",
    "clean_documents",
    "load_articles",
]
