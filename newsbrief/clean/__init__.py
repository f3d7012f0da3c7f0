"""Turn raw documents into clean articles: body text, metadata, and a record of what was dropped.

This package is also the Python API's ``newsbrief.clean(text_or_html, url=...)``: importing a
stage package sets it as the ``newsbrief.clean`` attribute, so the package itself is made
callable and calling it runs ``newsbrief.library.clean`` (the whole cleaning of the pipeline,
language check and sentences included).
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from newsbrief.clean.article import clean_document

if TYPE_CHECKING:
    from newsbrief.types import Article


class _CallablePackage(types.ModuleType):
    def __call__(self, text_or_html: str, *, url: str | None = None) -> Article:
        from newsbrief.library import clean

        return clean(text_or_html, url=url)


sys.modules[__name__].__class__ = _CallablePackage

__all__ = ["clean_document"]
