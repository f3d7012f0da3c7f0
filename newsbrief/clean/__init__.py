"""Turn raw documents into clean articles: body text, metadata, and a record of what was dropped."""

from newsbrief.clean.article import clean_document

__all__ = ["clean_document"]
