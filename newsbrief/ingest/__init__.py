"""Readers that turn files into RawDocuments, reporting unreadable inputs as Failures."""

from newsbrief.ingest.crawled import CrawledDocument, crawled_at
from newsbrief.ingest.sources import SUPPORTED_SUFFIXES, expand_paths, input_suffix, read_documents

__all__ = [
    "SUPPORTED_SUFFIXES",
    "CrawledDocument",
    "crawled_at",
    "expand_paths",
    "input_suffix",
    "read_documents",
]
