"""Summaries built from the articles' own sentences, each with its citations."""

from newsbrief.summarize.extractive import Options, summarize

__all__ = ["Options", "summarize"]
