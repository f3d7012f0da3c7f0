"""Summaries built from the articles' own sentences, each with its citations."""

from newsbrief.summarize.extractive import Weights, summarize

__all__ = ["Weights", "summarize"]
