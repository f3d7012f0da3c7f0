"""What the HTML report shows, as plain data: the template only loops and prints.

Everything here is read from the typed ``Brief`` and the articles' cleaned text. Sections are
optional: one that is empty or failed (``None``) is left out of the view, never an error. Offsets
are checked against the article text before a passage is linked or highlighted.

No HTML is made here: strings stay raw and the template's autoescaping escapes them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newsbrief.render.highlight import Segment, Span, segment_text
from newsbrief.render.labels import (
    ENTITY_GROUPS,
    OTHER_ENTITIES,
    citation_labels,
    denial_frame,
    entity_group,
    format_value,
    support_text,
)
from newsbrief.text.languages import shown_languages
from newsbrief.types import (
    Article,
    ArticleCoverage,
    Brief,
    Claim,
    Entity,
    Failure,
    NumberFact,
    Quote,
    SourceGroup,
    TimelineEntry,
)

# Claims stated by one article only go below the main matrix, folded, when there are many.
MATRIX_FOLD_ABOVE = 15


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


def build_report_view(brief: Brief, failures: list[Failure] | None = None) -> dict[str, Any]:
    """The report's content; ``failures`` default to the brief's own."""
    failures = brief.failures if failures is None else failures
    articles = brief.event.articles
    labels = citation_labels(articles)
    registry = SpanRegistry(articles, labels)
    sections: dict[str, Any] = {}
    claims = brief.claims or []
    sections["summary"] = _summary(brief, registry)
    sections["claims"] = _claims(claims, registry)
    sections["quotes"] = _quotes(brief.quotes or [], brief.entities or [], registry)
    sections["entities"] = _entities(brief.entities or [], registry)
    sections["numbers"] = _numbers(brief.numbers or [], registry)
    sections["timeline"] = _timeline(brief.timeline or [], registry)
    sections["coverage"] = _coverage(brief.coverage or [], {c.id: c for c in claims}, registry)
    sections["independent"] = _independent(brief.independent_sources or [], registry)
    # Sources last: every section above has registered the passages it links to by now.
    sources = [_source(a, i, labels[a.id], registry) for i, a in enumerate(articles)]
    if shown_languages(a.language for a in articles):
        for source, article in zip(sources, articles, strict=True):
            source["language"] = article.language or "en"
    groups = brief.independent_sources or []
    return {
        "title": brief.event.title,
        "event_id": brief.event.id,
        "article_count": len(articles),
        "independent_count": len(groups) if groups else None,
        "sections": sections,
        "sources": sources,
        "notes": _notes(brief),
        "failures": [{"source": f.source, "reason": f.reason} for f in failures or []],
        "toc": _toc(sections),
    }


def _summary(brief: Brief, registry: SpanRegistry) -> list[dict[str, Any]]:
    support = {s.sentence: s for s in brief.summary_support or []}
    sentences = []
    for number, sentence in enumerate(brief.summary):
        passages = []
        for source in sentence.sources:
            article, start, end = source.article, source.start, source.end
            ref = registry.ref(article, start, end, "cite")
            if ref is None:
                continue
            valid = registry.valid(article, start, end)
            passages.append(
                {
                    "ref": ref,
                    "text": registry.text(article)[start:end] if valid else "",
                    "score": source.score,
                    "headline": ref.title,
                }
            )
        count = support.get(number)
        sentences.append(
            {
                "number": number,
                "text": sentence.text,
                "passages": passages,
                "support": support_text(count) if count else "",
            }
        )
    return sentences


def _member_refs(claim: Claim, registry: SpanRegistry) -> dict[str, Ref]:
    refs: dict[str, Ref] = {}
    for member in claim.members:
        article = member.article
        if article in refs or not registry.known(article):
            continue
        ref = registry.ref(article, member.start, member.end, "claim")
        if ref is not None:
            refs[article] = ref
    return refs


def _claims(claims: list[Claim], registry: SpanRegistry) -> dict[str, Any] | None:
    if not claims:
        return None
    rows = []
    for claim in claims:
        members = _member_refs(claim, registry)
        support, contradict, omit = set(claim.support), set(claim.contradict), set(claim.omit)
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
        count = claim.support_count
        rows.append(
            {
                "id": claim.id,
                "text": claim.text,
                "cells": cells,
                "count": support_text(count),
                "articles": count.articles,
                "independent": count.independent,
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


def _quotes(
    quotes: list[Quote], entities: list[Entity], registry: SpanRegistry
) -> list[dict[str, Any]] | None:
    if not quotes:
        return None
    roles = {e.name: list(e.roles) for e in entities if e.name}
    speakers: dict[str, dict[str, Any]] = {}
    for quote in quotes:
        speaker = quote.speaker or ""
        group = speakers.setdefault(
            speaker,
            {"speaker": speaker, "roles": roles.get(speaker, [])[:2], "quotes": []},
        )
        carriers = []
        for carrier in quote.carried_by:
            ref = registry.ref(carrier.article, carrier.start, carrier.end, "quote")
            if ref is not None:
                carriers.append(
                    {
                        "ref": ref,
                        "verbatim": carrier.verbatim,
                        "reworded": carrier.paraphrase_in_quotes,
                        "kind": carrier.kind,
                    }
                )
        group["quotes"].append(
            {
                "text": " ".join(quote.text.split()),
                "kind": quote.kind,
                "frame": denial_frame(quote),
                "carriers": carriers,
                "reworded": any(c["reworded"] for c in carriers),
            }
        )
    # Named speakers first, most quoted first; unattributed statements last.
    return sorted(speakers.values(), key=lambda g: (not g["speaker"], -len(g["quotes"])))


def _entities(entities: list[Entity], registry: SpanRegistry) -> list[dict[str, Any]] | None:
    if not entities:
        return None
    grouped: dict[str, list[dict[str, Any]]] = {title: [] for title, _ in ENTITY_GROUPS}
    grouped[OTHER_ENTITIES] = []
    for entity in entities:
        first_mention = {}
        for mention in entity.mentions:
            first_mention.setdefault(mention.article, mention)
        refs = []
        for article in dict.fromkeys(entity.articles):
            mention = first_mention.get(article)
            start, end = (mention.start, mention.end) if mention else (None, None)
            ref = registry.ref(article, start, end, "entity")
            if ref is not None:
                refs.append(ref)
        grouped[entity_group(entity)].append(
            {
                "name": entity.name,
                "type": entity.type,
                "roles": list(entity.roles),
                "variants": list(entity.variants),
                "refs": refs,
            }
        )
    return [
        {"title": title, "entities": sorted(items, key=lambda e: -len(e["refs"]))}
        for title, items in grouped.items()
        if items
    ]


def _numbers(numbers: list[NumberFact], registry: SpanRegistry) -> dict[str, Any] | None:
    if not numbers:
        return None
    rows = []
    conflicts: dict[str, list[dict[str, Any]]] = {}
    for number in numbers:
        kind = "conflict" if number.conflict else "number"
        refs = []
        for report in number.reports:
            ref = registry.ref(report.article, report.start, report.end, kind)
            if ref is not None:
                refs.append(ref)
        row = {
            "value": format_value(number.value, number.unit or ""),
            "what": number.what,
            "refs": refs,
            "conflict": number.conflict,
            "outlets": len({r.label for r in refs}),
        }
        rows.append(row)
        if row["conflict"]:
            conflicts.setdefault(str(number.group or id(number)), []).append(row)
    rows.sort(key=lambda r: (not r["conflict"], -r["outlets"]))
    disputes = [
        {"what": max((v["what"] for v in values), key=len), "figures": values}
        for values in conflicts.values()
    ]
    return {"rows": rows, "conflicts": disputes}


def _timeline(entries: list[TimelineEntry], registry: SpanRegistry) -> list[dict[str, Any]] | None:
    if not entries:
        return None
    items = []
    for entry in entries:
        refs: dict[str, Ref] = {}
        for report in entry.reports:
            if report.article not in refs:
                ref = registry.ref(report.article, report.start, report.end, "date")
                if ref is not None:
                    refs[report.article] = ref
        for article in entry.articles:
            ref = refs.get(article) or registry.ref(article)
            if ref is not None:
                refs[article] = ref
        items.append({"date": entry.date, "what": entry.what, "refs": list(refs.values())})
    # ISO dates sort as strings; undated happenings go last, in the order found.
    return sorted(items, key=lambda e: (e["date"] is None, e["date"] or ""))


def _coverage(
    coverage: list[ArticleCoverage], claims: dict[str, Claim], registry: SpanRegistry
) -> list[dict[str, Any]] | None:
    if not coverage:
        return None

    def texts(ids: list[str]) -> list[str]:
        return [claims[i].text for i in ids if i in claims]

    cards = []
    for record in coverage:
        if not registry.known(record.article):
            continue
        cards.append(
            {
                "ref": registry.ref(record.article),
                "exclusive": texts(record.exclusive),
                "omits": texts(record.omits),
                "contradicts": texts(record.contradicts),
            }
        )
    return cards or None


def _independent(groups: list[SourceGroup], registry: SpanRegistry) -> dict[str, Any] | None:
    if not groups:
        return None
    items = [{"refs": registry.refs(g.articles), "reasons": list(g.reasons)} for g in groups]
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


def _notes(brief: Brief) -> list[str]:
    if brief.analysis is None:
        return []
    notes = list(brief.analysis.notes)
    notes += [f"The {f.section} section failed: {f.error}" for f in brief.analysis.failed]
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
