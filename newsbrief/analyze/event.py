"""Cross-source analysis of one event: every section of the brief beyond the summary.

Each section is a named builder in ``SECTIONS``; ``analyze_sections`` runs them in order on one
shared ``EventContext`` (which parses the articles and finds the entities once, on first use) and
sets each result on the ``Brief`` field of the same name. A builder that raises does not take the
brief down: its section is set to ``None`` and the error is listed under ``analysis.failed``.
Sections that work in a reduced way (no spaCy installed) say so in ``analysis.notes``.

This is the boundary where each stage's own records become the brief's typed records
(``newsbrief.types``): a builder returns a list of them. A stage that already builds them returns
them as they are; one that does not is converted here.

To add a section: add a field to ``Brief`` (``types.py``, with a default), write
``build_x(context) -> list[Record]`` and append ``Section("x", build_x)``. A section without a
``Brief`` field yet lands in ``Brief.extra`` and must then return JSON-able data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from newsbrief.analyze.nlp import INSTALL_HINT, ParsedParagraph, nlp_status, parse_articles
from newsbrief.analyze.quote_groups import group_quotes
from newsbrief.types import (
    SECTION_KEYS,
    AnalysisInfo,
    Article,
    ArticleCoverage,
    Brief,
    Claim,
    Entity,
    Event,
    NlpInfo,
    NumberFact,
    Quote,
    SectionFailure,
    SourceGroup,
    SummarySentence,
    SummarySupport,
    TimelineEntry,
    to_dict,
)

if TYPE_CHECKING:
    from newsbrief.analyze.context import BriefContext
    from newsbrief.analyze.coverage import SourceComparison

ANALYSIS_KEY = "analysis"
SECTION_FIELDS = frozenset(SECTION_KEYS)


@dataclass
class EventContext:
    """What the section builders share; expensive parts are computed once, when first asked."""

    articles: list[Article]
    summary: list[SummarySentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The brief's per-event context (sources, sentence space, fact alignment), shared with the
    # summary; built on first use when not given.
    shared: BriefContext | None = None

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    @cached_property
    def parsed(self) -> list[ParsedParagraph] | None:
        """Every body paragraph parsed by spaCy, or None when spaCy is unavailable."""
        parsed = parse_articles(self.articles)
        if parsed is None:
            self.note(
                f"No NLP model: {nlp_status().reason}. Entities are left out and quotes "
                "are attributed only where a name stands next to the reporting verb."
            )
        return parsed

    @cached_property
    def entity_index(self) -> Any:
        """The merged entities (``EntityIndex``), or None without spaCy."""
        if self.parsed is None:
            return None
        from newsbrief.analyze.entities import extract_entities

        return extract_entities(self.articles, self.parsed)

    @cached_property
    def quotes(self) -> list[Quote]:
        if self.parsed is None or self.entity_index is None:
            from newsbrief.analyze.quotes_plain import extract_plain_quotes

            instances = extract_plain_quotes(self.articles)
        else:
            from newsbrief.analyze.quotes import extract_quote_instances

            instances = extract_quote_instances(self.parsed, self.entity_index)
        # The parse is English; reports in other languages take the plain path in their language.
        foreign = {a.id: a for a in self.articles if (a.language or "en") != "en"}
        if foreign and self.parsed is not None and self.entity_index is not None:
            from newsbrief.analyze.quotes_plain import extract_plain_quotes

            kept = [i for i in instances if i.article not in foreign]
            instances = kept + extract_plain_quotes(list(foreign.values()))
        return group_quotes(instances, self.articles)

    @cached_property
    def comparison(self) -> SourceComparison:
        """Independent sources, claims, numbers, timeline and coverage, lined up once."""
        from newsbrief.analyze.coverage import compare_sources

        comparison = compare_sources(self.articles, context=self.shared)
        if not comparison.semantic:
            self.note("No sentence-embedding model: claims and dates are aligned on words only.")
        return comparison


SectionBuilder = Callable[[EventContext], Any]


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    build: SectionBuilder


def build_entities(context: EventContext) -> list[Entity]:
    index = context.entity_index
    return [] if index is None else list(index.entities)


def build_quotes(context: EventContext) -> list[Quote]:
    return list(context.quotes)


def build_independent_sources(context: EventContext) -> list[SourceGroup]:
    return list(context.comparison.sources)


def build_claims(context: EventContext) -> list[Claim]:
    return list(context.comparison.claims)


def build_numbers(context: EventContext) -> list[NumberFact]:
    return list(context.comparison.numbers)


def build_timeline(context: EventContext) -> list[TimelineEntry]:
    return list(context.comparison.timeline)


def build_coverage(context: EventContext) -> list[ArticleCoverage]:
    return list(context.comparison.coverage)


def build_summary_support(context: EventContext) -> list[SummarySupport]:
    from newsbrief.analyze.coverage import summary_support

    return [SummarySupport(**s) for s in summary_support(context.summary, context.comparison.index)]


# Run in this order; later builders may read what earlier ones cached on the context.
SECTIONS: list[Section] = [
    Section("entities", build_entities),
    Section("quotes", build_quotes),
    Section("independent_sources", build_independent_sources),
    Section("claims", build_claims),
    Section("numbers", build_numbers),
    Section("timeline", build_timeline),
    Section("coverage", build_coverage),
    Section("summary_support", build_summary_support),
]


def _status() -> NlpInfo:
    status = nlp_status()
    return NlpInfo(
        model=status.model,
        version=status.version,
        reason=status.reason or None,
        install=None if status.model else INSTALL_HINT,
    )


def analyze_sections(
    brief: Brief, sections: list[Section] | None = None, shared: BriefContext | None = None
) -> Brief:
    """Run the section builders on ``brief``'s articles and summary; sets its sections and
    ``analysis`` in place and returns it. ``shared``: the per-event context the summary was
    built with (sources, sentence space, fact alignment), else one is built here."""
    context = EventContext(articles=brief.event.articles, summary=brief.summary, shared=shared)
    failed: list[SectionFailure] = []
    for section in SECTIONS if sections is None else sections:
        try:
            result = section.build(context)
        except Exception as exc:  # one broken section must never cost the whole brief
            result = None
            failed.append(SectionFailure(section.key, f"{type(exc).__name__}: {exc}"))
        if section.key in SECTION_FIELDS:
            setattr(brief, section.key, result)
        else:
            brief.extra[section.key] = result
    brief.analysis = AnalysisInfo(nlp=_status(), notes=context.notes, failed=failed)
    return brief


def analyze_event(
    articles: list[Article],
    summary: list[SummarySentence],
    sections: list[Section] | None = None,
    shared: BriefContext | None = None,
) -> dict[str, Any]:
    """The analysis sections of one event as JSON, keyed as in the brief's JSON (only the
    sections run, and ``analysis``). Typed callers use ``analyze_sections``. ``shared`` is the
    per-event context the summary was built with."""
    chosen = SECTIONS if sections is None else sections
    brief = analyze_sections(Brief(Event(id="", title="", articles=articles), summary), chosen, shared)
    result: dict[str, Any] = {}
    for section in chosen:
        value = getattr(brief, section.key) if section.key in SECTION_FIELDS else brief.extra[section.key]
        result[section.key] = to_dict(value)
    result[ANALYSIS_KEY] = to_dict(brief.analysis)
    return result
