"""The brief as JSON; the schema is documented in the README and kept stable."""

from __future__ import annotations

import json
from typing import Any

from newsbrief.text.languages import shown_languages
from newsbrief.types import SECTION_KEYS, Article, Brief, Failure, to_dict

SCHEMA_VERSION = 1


def article_record(article: Article, language: bool = False) -> dict[str, Any]:
    """``language``: add the article's language (briefs with a non-English source)."""
    record = {
        "id": article.id,
        "outlet": article.outlet,
        "headline": article.headline,
        "published": article.published,
        "source": article.source,
    }
    if language:
        record["language"] = article.language or "en"
    return record


def brief_record(brief: Brief, failures: list[Failure] | None = None) -> dict[str, Any]:
    languages = shown_languages(a.language for a in brief.event.articles)
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "event": {
            "id": brief.event.id,
            "title": brief.event.title,
            "articles": [article_record(a, languages) for a in brief.event.articles],
        },
        "summary": [
            {
                "text": s.text,
                **({"language": s.language} if s.language else {}),
                "compressed": s.compressed,
                "rewritten": s.rewritten,
                "contested": [to_dict(c) for c in s.contested],
                "sources": [
                    {"article": c.article, "start": c.start, "end": c.end, "score": c.score}
                    for c in s.sources
                ],
            }
            for s in brief.summary
        ],
    }
    # The sections only when the analysis ran; a failed section is null.
    if brief.analysis is not None:
        record.update({key: to_dict(getattr(brief, key)) for key in SECTION_KEYS})
    record.update({key: to_dict(value) for key, value in brief.extra.items()})
    if brief.analysis is not None:
        record["analysis"] = to_dict(brief.analysis)
    failures = brief.failures if failures is None else failures
    record["failures"] = [{"source": f.source, "reason": f.reason} for f in failures]
    return record


def cleaned_record(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "headline": article.headline,
        "dek": article.dek,
        "outlet": article.outlet,
        "published": article.published,
        "dateline": article.dateline,
        "byline": article.byline,
        "agency": article.agency,
        "url": article.url,
        "language": article.language,
        "text": article.text,
        "paragraphs": [
            {"text": p.text, "kind": p.kind, "start": p.start, "end": p.end} for p in article.paragraphs
        ],
        "dropped": [{"text": p.text, "kind": p.kind, "reason": p.reason} for p in article.dropped],
    }


def dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)
