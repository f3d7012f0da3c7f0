"""newsbrief: neutral, cited multi-source briefs from many news reports of the same event."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsbrief.types import Article, Brief, Citation, Event, Failure, Paragraph, RawDocument, Sentence
from newsbrief.version import __version__

if TYPE_CHECKING:
    from newsbrief.pipeline import build_brief, clean_documents, load_articles


# The pipeline pulls in scikit-learn and the NLP stack; importing it lazily keeps
# `import newsbrief` (and CLI start-up for light commands) fast.
_PIPELINE_NAMES = frozenset({"build_brief", "clean_documents", "load_articles"})


def __getattr__(name: str) -> Any:
    if name in _PIPELINE_NAMES:
        from newsbrief import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsbrief' has no attribute {name!r}")


__all__ = [
    "Article",
    "Brief",
    "Citation",
    "Event",
    "Failure",
    "Paragraph",
    "RawDocument",
    "Sentence",
    "__version__",
    "build_brief",
    "clean_documents",
    "load_articles",
]
