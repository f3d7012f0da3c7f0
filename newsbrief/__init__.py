"""newsbrief: neutral, cited multi-source briefs from many news reports of the same event."""

from newsbrief.pipeline import build_brief, clean_documents, load_articles
from newsbrief.types import Article, Brief, Citation, Event, Failure, Paragraph, RawDocument, Sentence

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "Citation",
    "Event",
    "Failure",
    "Paragraph",
    "RawDocument",
    "Sentence",
    "build_brief",
    "clean_documents",
    "load_articles",
]
