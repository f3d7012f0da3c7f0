"""Readers that turn files into RawDocuments, reporting unreadable inputs as Failures."""

from newsbrief.ingest.sources import SUPPORTED_SUFFIXES, expand_paths, read_documents

__all__ = ["SUPPORTED_SUFFIXES", "expand_paths", "read_documents"]
