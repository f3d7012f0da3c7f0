"""What the HTML report shows, as plain data: the template only loops and prints.

Everything here is built from the brief's JSON record (``brief_record``), the one contract every
output shares, plus the articles' cleaned text. Sections are optional: one that is absent, empty
or failed (``None``) is left out of the view, never an error. Offsets are checked against the
article text, since a record may come from a store written by another version.

No HTML is made here: strings stay raw and the template's autoescaping escapes them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newsbrief.render.highlight import Segment, Span, segment_text
from newsbrief.render.labels import citation_labels
from newsbrief.render.markdown import denial_frame
from newsbrief.types import Article, Brief, Failure

# Claims stated by one article only go below the main matrix, folded, when there are many.
MATRIX_FOLD_ABOVE = 15
ENTITY_GROUPS = (
    ("People", {"PERSON"}),
    ("Organisations", {"ORG", "NORP"}),
    ("Places", {"GPE", "LOC", "FAC"}),
)
CURRENCY_UNITS = {"USD", "GBP", "EUR", "JPY"}


@dataclass(slots=True)
class Ref:
    """A link from a section to an article: its label and where in its text (``href``)."""

    label: str
    href: str
    title: str = ""


@dataclass(slots=True)
class SpanRegistry:
    """Collects the passages the report links to, per article, for highlighting in the sources."""

    articles: list[Article]
    labels: dict[str, str]
    index: dict[str, int] = field(init=False)
    spans: dict[str, dict[str, Span]] = field(init=False)

    def __post_init__(self) -> None:
        self.index = {a.id: i for i, a in enumerate(self.articles)}
        self.spans = defaultdict(dict)

    def known(self, article_id: str) -> bool:
        return article_id in self.index

    def text(self, article_id: str) -> str:
        return self.articles[self.index[article_id]].text

    def anchor(self, article_id: str) -> str:
        return f"src-{self.index[article_id]}"

    def valid(self, article_id: str, start: Any, end: Any) -> bool:
        if not self.known(article_id) or not isinstance(start, int) or not isinstance(end, int):
            return False
        return 0 <= start < end <= len(self.text(article_id))

    def ref(self, article_id: str, start: Any = None, end: Any = None, kind: str = "") -> Ref | None:
        """A link to the passage (registered for highlighting), or to the article when offsets
        are missing or do not fit its text; None for an article the brief does not hold."""
        if not self.known(article_id):
            return None
        article = self.articles[self.index[article_id]]
        title = article.headline or ""
        if not self.valid(article_id, start, end):
            return Ref(self.labels[article_id], f"#{self.anchor(article_id)}", title)
        anchor = f"a{self.index[article_id]}-{start}-{end}"
        spans = self.spans[article_id]
        previous = spans.get(anchor)
        # One passage may be cited, quoted and counted at once: the strongest kind shows.
        if previous is None or _KIND_RANK.get(kind, 0) > _KIND_RANK.get(previous.kind, 0):
            spans[anchor] = Span(start, end, kind, anchor)
        return Ref(self.labels[article_id], f"#{anchor}", title)

    def refs(self, article_ids: list[str]) -> list[Ref]:
        found = (self.ref(a) for a in dict.fromkeys(article_ids))
        return [r for r in found if r is not None]


# Highlight priority when one passage is registered under several kinds.
_KIND_RANK = {"entity": 1, "claim": 2, "date": 3, "number": 4, "quote": 5, "conflict": 6, "cite": 7}


def build_report_view(
    brief: Brief, record: dict[str, Any], failures: list[Failure] | None = None
) -> dict[str, Any]:
    """The report's content; ``record`` is ``brief_record(brief, failures)``."""
    articles = brief.event.articles
    labels = citation_labels(articles)
    registry = SpanRegistry(articles, labels)
    sections: dict[str, Any] = {}
    claims_by_id = {c["id"]: c for c in _list(record, "claims") if "id" in c}
    sections["summary"] = _summary(record, registry)
    sections["claims"] = _claims(_list(record, "claims"), registry)
    sections["quotes"] = _quotes(_list(record, "quotes"), _list(record, "entities"), registry)
    sections["entities"] = _entities(_list(record, "entities"), registry)
    sections["numbers"] = _numbers(_list(record, "numbers"), registry)
    sections["timeline"] = _timeline(_list(record, "timeline"), registry)
    sections["coverage"] = _coverage(_list(record, "coverage"), claims_by_id, registry)
    sections["independent"] = _independent(_list(record, "independent_sources"), registry)
    # Sources last: every section above has registered the passages it links to by now.
    sources = [_source(a, i, labels[a.id], registry) for i, a in enumerate(articles)]
    groups = _list(record, "independent_sources")
    return {
        "title": brief.event.title,
        "event_id": brief.event.id,
        "article_count": len(articles),
        "independent_count": len(groups) if groups else None,
        "sections": sections,
        "sources": sources,
        "notes": _notes(record),
        "failures": [{"source": f.source, "reason": f.reason} for f in failures or []],
        "toc": _toc(sections),
    }


def _list(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = record.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _count_text(count: dict[str, Any] | None) -> str:
    if not count:
        return ""
    n, m = count.get("articles", 0), count.get("independent", 0)
    return f"{n} report{'s' if n != 1 else ''}, {m} independent"


def _summary(record: dict[str, Any], registry: SpanRegistry) -> list[dict[str, Any]]:
    support = {s.get("sentence"): s for s in _list(record, "summary_support")}
    sentences = []
    for number, sentence in enumerate(_list(record, "summary")):
        passages = []
        for source in sentence.get("sources") or []:
            article, start, end = source.get("article"), source.get("start"), source.get("end")
            ref = registry.ref(article, start, end, "cite")
            if ref is None:
                continue
            valid = registry.valid(article, start, end)
            passages.append(
                {
                    "ref": ref,
                    "text": registry.text(article)[start:end] if valid else "",
                    "score": source.get("score"),
                    "headline": ref.title,
                }
            )
        sentences.append(
            {
                "number": number,
                "text": sentence.get("text", ""),
                "passages": passages,
                "support": _count_text(support.get(number)),
            }
        )
    return sentences


def _member_refs(claim: dict[str, Any], registry: SpanRegistry) -> dict[str, Ref]:
    refs: dict[str, Ref] = {}
    for member in claim.get("members") or []:
        article = member.get("article")
        if article in refs or not registry.known(article):
            continue
        ref = registry.ref(article, member.get("start"), member.get("end"), "claim")
        if ref is not None:
            refs[article] = ref
    return refs


def _claims(claims: list[dict[str, Any]], registry: SpanRegistry) -> dict[str, Any] | None:
    if not claims:
        return None
    rows = []
    for claim in claims:
        members = _member_refs(claim, registry)
        support, contradict = set(claim.get("support") or []), set(claim.get("contradict") or [])
        omit = set(claim.get("omit") or [])
        cells = []
        for article in registry.articles:
            state = (
                "contradict"
                if article.id in contradict
                else "support"
                if article.id in support
                else "omit"
                if article.id in omit
                else "none"
            )
            cells.append(
                {
                    "state": state,
                    "ref": members.get(article.id),
                    "label": registry.labels[article.id],
                }
            )
        count = claim.get("support_count") or {}
        rows.append(
            {
                "id": claim.get("id", ""),
                "text": claim.get("text", ""),
                "cells": cells,
                "count": _count_text(count),
                "articles": count.get("articles", len(support)),
                "independent": count.get("independent", len(support)),
                "contradicted": bool(contradict),
            }
        )
    # Most widely reported first; sorted() is stable, so ties keep the analysis order.
    rows = sorted(rows, key=lambda r: (-r["independent"], -r["articles"], not r["contradicted"]))
    main = [r for r in rows if r["articles"] > 1 or r["contradicted"]]
    single = [r for r in rows if not (r["articles"] > 1 or r["contradicted"])]
    if len(rows) <= MATRIX_FOLD_ABOVE:
        main, single = rows, []
    columns = [
        {"label": registry.labels[a.id], "href": f"#{registry.anchor(a.id)}"} for a in registry.articles
    ]
    return {"columns": columns, "main": main, "single": single, "total": len(rows)}


def _roles(entities: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {e["name"]: list(e.get("roles") or []) for e in entities if e.get("name")}


def _quotes(
    quotes: list[dict[str, Any]], entities: list[dict[str, Any]], registry: SpanRegistry
) -> list[dict[str, Any]] | None:
    if not quotes:
        return None
    roles = _roles(entities)
    speakers: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        speaker = quote.get("speaker") or ""
        group = speakers.setdefault(
            speaker,
            {"speaker": speaker, "roles": roles.get(speaker, [])[:2], "quotes": []},
        )
        carriers = []
        for carrier in quote.get("carried_by") or []:
            article = carrier.get("article")
            ref = registry.ref(article, carrier.get("start"), carrier.get("end"), "quote")
            if ref is not None:
                carriers.append(
                    {
                        "ref": ref,
                        "verbatim": bool(carrier.get("verbatim")),
                        "reworded": bool(carrier.get("paraphrase_in_quotes")),
                        "kind": carrier.get("kind", ""),
                    }
                )
        group["quotes"].append(
            {
                "text": " ".join(str(quote.get("text", "")).split()),
                "kind": quote.get("kind", "direct"),
                "frame": denial_frame(quote),
                "carriers": carriers,
                "reworded": any(c["reworded"] for c in carriers),
            }
        )
    # Named speakers first, most quoted first; unattributed statements last.
    return sorted(speakers.values(), key=lambda g: (not g["speaker"], -len(g["quotes"])))


def _entities(entities: list[dict[str, Any]], registry: SpanRegistry) -> list[dict[str, Any]] | None:
    if not entities:
        return None
    grouped: dict[str, list[dict[str, Any]]] = {title: [] for title, _ in ENTITY_GROUPS}
    grouped["Other"] = []
    for entity in entities:
        first_mention: dict[str, dict[str, Any]] = {}
        for mention in entity.get("mentions") or []:
            first_mention.setdefault(mention.get("article"), mention)
        refs = []
        for article in dict.fromkeys(entity.get("articles") or []):
            mention = first_mention.get(article, {})
            ref = registry.ref(article, mention.get("start"), mention.get("end"), "entity")
            if ref is not None:
                refs.append(ref)
        title = next((t for t, types in ENTITY_GROUPS if entity.get("type") in types), "Other")
        grouped[title].append(
            {
                "name": entity.get("name", ""),
                "type": entity.get("type", ""),
                "roles": list(entity.get("roles") or []),
                "variants": list(entity.get("variants") or []),
                "refs": refs,
            }
        )
    return [
        {"title": title, "entities": sorted(items, key=lambda e: -len(e["refs"]))}
        for title, items in grouped.items()
        if items
    ]


def format_value(value: Any, unit: str) -> str:
    """A figure as people write it: thousands separated, no trailing .0, unit after."""
    if isinstance(value, int | float):
        shown = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    else:
        shown = str(value)
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}".strip()


def _numbers(numbers: list[dict[str, Any]], registry: SpanRegistry) -> dict[str, Any] | None:
    if not numbers:
        return None
    rows = []
    conflicts: dict[str, list[dict[str, Any]]] = {}
    for number in numbers:
        kind = "conflict" if number.get("conflict") else "number"
        refs = []
        for report in number.get("reports") or []:
            ref = registry.ref(report.get("article"), report.get("start"), report.get("end"), kind)
            if ref is not None:
                refs.append(ref)
        row = {
            "value": format_value(number.get("value"), str(number.get("unit") or "")),
            "what": number.get("what", ""),
            "refs": refs,
            "conflict": bool(number.get("conflict")),
            "outlets": len({r.label for r in refs}),
        }
        rows.append(row)
        if row["conflict"]:
            conflicts.setdefault(str(number.get("group") or id(number)), []).append(row)
    rows.sort(key=lambda r: (not r["conflict"], -r["outlets"]))
    disputes = [
        {"what": max((v["what"] for v in values), key=len), "figures": values}
        for values in conflicts.values()
    ]
    return {"rows": rows, "conflicts": disputes}


def _timeline(entries: list[dict[str, Any]], registry: SpanRegistry) -> list[dict[str, Any]] | None:
    if not entries:
        return None
    items = []
    for entry in entries:
        refs: dict[str, Ref] = {}
        for report in entry.get("reports") or []:
            article = report.get("article")
            if article not in refs:
                ref = registry.ref(article, report.get("start"), report.get("end"), "date")
                if ref is not None:
                    refs[article] = ref
        for article in entry.get("articles") or []:
            ref = refs.get(article) or registry.ref(article)
            if ref is not None:
                refs[article] = ref
        items.append({"date": entry.get("date"), "what": entry.get("what", ""), "refs": list(refs.values())})
    # ISO dates sort as strings; undated happenings go last, in the order found.
    return sorted(items, key=lambda e: (e["date"] is None, e["date"] or ""))


def _coverage(
    coverage: list[dict[str, Any]], claims: dict[str, dict[str, Any]], registry: SpanRegistry
) -> list[dict[str, Any]] | None:
    if not coverage:
        return None

    def texts(ids: list[str] | None) -> list[str]:
        return [claims[i].get("text", "") for i in ids or [] if i in claims]

    cards = []
    for record in coverage:
        article = record.get("article")
        if not registry.known(article):
            continue
        cards.append(
            {
                "ref": registry.ref(article),
                "exclusive": texts(record.get("exclusive")),
                "omits": texts(record.get("omits")),
                "contradicts": texts(record.get("contradicts")),
            }
        )
    return cards or None


def _independent(groups: list[dict[str, Any]], registry: SpanRegistry) -> dict[str, Any] | None:
    if not groups:
        return None
    items = [
        {"refs": registry.refs(g.get("articles") or []), "reasons": list(g.get("reasons") or [])}
        for g in groups
    ]
    return {"groups": items, "copies": [i for i in items if len(i["refs"]) > 1]}


def _source(article: Article, index: int, label: str, registry: SpanRegistry) -> dict[str, Any]:
    spans = list(registry.spans.get(article.id, {}).values())
    paragraphs: list[list[Segment]] = segment_text(article.text, spans)
    return {
        "anchor": f"src-{index}",
        "id": article.id,
        "label": label,
        "headline": article.headline,
        "outlet": article.outlet,
        "published": article.published,
        "byline": article.byline,
        "url": safe_url(article.url),
        "url_text": article.url,
        "source": article.source,
        "paragraphs": paragraphs,
        "cited": sum(1 for s in spans if s.kind == "cite"),
    }


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s); anything else (javascript:, data:) must never become a link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def _notes(record: dict[str, Any]) -> list[str]:
    analysis = record.get("analysis")
    if not isinstance(analysis, dict):
        return []
    notes = [str(n) for n in analysis.get("notes") or []]
    notes += [
        f"The {f.get('section')} section failed: {f.get('error')}"
        for f in analysis.get("failed") or []
        if isinstance(f, dict)
    ]
    return notes


SECTION_TITLES = (
    ("summary", "Summary"),
    ("claims", "Claims by outlet"),
    ("quotes", "Who said what"),
    ("entities", "People, organisations, places"),
    ("numbers", "Figures"),
    ("timeline", "Timeline"),
    ("coverage", "Coverage"),
    ("independent", "Independent sources"),
)


def _toc(sections: dict[str, Any]) -> list[tuple[str, str]]:
    return [(key, title) for key, title in SECTION_TITLES if sections.get(key)] + [("sources", "Sources")]
