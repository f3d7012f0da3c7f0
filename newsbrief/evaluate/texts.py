"""Summaries of plain texts: evaluation sets, and callers who hold strings rather than pages.

Two ways to turn a text into an ``Article``:

- ``article_from_text``, the light path for text that is already clean article body (DUC
  2004): every non-empty line is a paragraph; Penn-Treebank quotes (````…''``) and the AP's
  underscore dash (`` _ ``) become the marks they stand for, and an opening dateline
  ("MUNICH, Germany (AP) —") is cut;
- the pipeline's cleaner (``clean=True``), for scraped text with boilerplate (Multi-News).
  It drops lines and whole documents that are not article body; on DUC 2004 it dropped 37
  of the 500 clean documents as "no article body", which is why the light path exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.clean.repair import split_dateline
from newsbrief.summarize.concepts import ConceptModel
from newsbrief.summarize.extractive import Options, summarize
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import Article, Paragraph, RawDocument

_PARAGRAPH_BREAK = "\n\n"
_AP_DASH = re.compile(r" _ ")


def normalise_plain(text: str) -> str:
    return _AP_DASH.sub(" — ", text.replace("``", "“").replace("''", "”"))


def article_from_text(article_id: str, text: str, source: str = "") -> Article:
    """An article whose body is ``text``, one paragraph per non-empty line."""
    blocks = [" ".join(line.split()) for line in normalise_plain(text).splitlines()]
    blocks = [b for b in blocks if b]
    if blocks:
        blocks[0] = split_dateline(blocks[0])[0].strip()
        blocks = [b for b in blocks if b]
    paragraphs, position = [], 0
    for block in blocks:
        paragraphs.append(Paragraph(block, "body", start=position, end=position + len(block)))
        position += len(block) + len(_PARAGRAPH_BREAK)
    article = Article(id=article_id, text=_PARAGRAPH_BREAK.join(blocks), source=source)
    article.paragraphs = paragraphs
    return annotate_sentences(article)


def articles_from_texts(documents: Sequence[str], clean: bool = False) -> list[Article]:
    """Articles ``D1``, ``D2``, ... from a cluster's texts; empty texts are skipped.

    With ``clean`` the pipeline's cleaner is used; if it finds no body in any document, the
    light path is used instead, so a cluster never comes back empty because of cleaning.
    """
    named = [(f"D{i + 1}", text) for i, text in enumerate(documents) if text.strip()]
    if clean:
        from newsbrief.pipeline import clean_documents  # loads the cleaner only when asked

        raw = [RawDocument(id=n, source=n, content=t, format="text") for n, t in named]
        articles, _ = clean_documents(raw)
        if articles:
            return articles
    articles = [article_from_text(n, t, source=n) for n, t in named]
    return [a for a in articles if a.sentences]


def summarize_texts(
    documents: Sequence[str],
    words: int,
    *,
    clean: bool = False,
    options: Options | None = None,
    model: ConceptModel | None = None,
) -> str:
    """The summary of a cluster of texts, one sentence per line (the layout ROUGE expects)."""
    summary = summarize(articles_from_texts(documents, clean), words, options, model)
    return "\n".join(" ".join(s.text.split()) for s in summary)
