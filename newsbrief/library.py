"""The Python API: ``newsbrief.brief`` and ``newsbrief.clean`` (re-exported by the package).

Inputs may be paths (a file, a folder, ``str`` or ``os.PathLike``), already cleaned ``Article``
objects, or strings holding an article itself (plain text or an HTML page). A string is taken
as a path when it names an existing file or folder, or when it looks like one (one line ending
in ``.txt``, ``.html``, ``.htm`` or ``.jsonl``), which then must exist.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from newsbrief.ingest.ids import IdAllocator
from newsbrief.ingest.strings import string_document
from newsbrief.options import BriefOptions
from newsbrief.pipeline import build_brief, clean_documents, load_articles
from newsbrief.types import Article, Brief, Failure

Input = str | os.PathLike[str] | Article
_PATH_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")


def brief(
    inputs: Input | Iterable[Input],
    *,
    words: int = BriefOptions.DEFAULT_WORDS,
    analysis: bool = True,
) -> Brief:
    """The brief of ``inputs`` read as one event.

    Inputs that cannot be used (unreadable, no article body, another language) are listed in
    ``Brief.failures``; a ``ValueError`` says why when none is usable, and one is raised for
    ``words`` outside ``BriefOptions``' bounds before any work is done. Article ids are made
    unique across the inputs: a repeated id gets ``-2``, ``-3``, … (``Article``s given are
    renamed in place).
    """
    options = BriefOptions(words=words, analysis=analysis)
    items: list[Input] = [inputs] if isinstance(inputs, str | os.PathLike | Article) else list(inputs)
    articles: list[Article] = []
    failures: list[Failure] = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, os.PathLike) or _is_path(item):
            found, lost = load_articles(item)
            articles += found
            failures += lost
        elif isinstance(item, str):
            found, lost = clean_documents([string_document(item, f"text-{number}")])
            articles += found
            failures += lost
        else:
            raise TypeError(f"cannot brief a {type(item).__name__}: give paths, Articles or strings")
    if not articles:
        reasons = "; ".join(str(f) for f in failures[:5]) or "no input was given"
        raise ValueError(f"no usable article ({reasons})")
    # Each input was read on its own: make the ids unique across all of them.
    ids = IdAllocator()
    for article in articles:
        article.rename(ids.claim(article.id))
    result = build_brief(articles, words=options.words, analysis=options.analysis)
    result.failures = failures
    return result


def clean(text_or_html: str, *, url: str | None = None) -> Article:
    """One article, cleaned: its body text, metadata and every dropped line with the reason.

    ``text_or_html`` is the article itself (plain text or an HTML page), never a path; ``url``
    is where it was found, kept in ``Article.url``. Raises ``ValueError`` with the reason when
    no article can be made of it (too short, another language, too large).
    """
    if not isinstance(text_or_html, str):
        raise TypeError(f"clean takes the article as a str, not {type(text_or_html).__name__}")
    document = string_document(text_or_html, "article", source=url or "article", url=url)
    articles, failures = clean_documents([document])
    if not articles:
        raise ValueError(failures[0].reason if failures else "no article body found")
    return articles[0]


def _is_path(item: str) -> bool:
    if "\n" in item or len(item) > 4096:
        return False
    if Path(item).exists():
        return True
    looks_like_path = item.strip().lower().endswith(_PATH_SUFFIXES)
    if looks_like_path:
        raise FileNotFoundError(f"no such file or folder: {item!r}")
    return False
