"""Cross-source analysis of one event: every section of the brief beyond the summary.

Each section is a named builder in ``SECTIONS``; ``analyze_event`` runs them in order on one shared
``EventContext`` (which parses the articles and finds the entities once, on first use) and puts
each result under its key. A builder that raises does not take the brief down: its key is set to
``None`` and the error is listed under ``analysis.failed``. Sections that work in a reduced way
(no spaCy installed) say so in ``analysis.notes``.

To add a section: write ``build_x(context) -> JSON-able`` and append ``Section("x", build_x)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from newsbrief.analyze.nlp import INSTALL_HINT, ParsedParagraph, nlp_status, parse_articles
from newsbrief.analyze.quote_groups import group_quotes
from newsbrief.types import Article, Quote, SummarySentence, to_dict

if TYPE_CHECKING:
    from newsbrief.analyze.coverage import SourceComparison

ANALYSIS_KEY = "analysis"


@dataclass
class EventContext:
    """What the section builders share; expensive parts are computed once, when first asked."""

    articles: list[Article]
    summary: list[SummarySentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

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
        return group_quotes(instances, self.articles)

    @cached_property
    def comparison(self) -> SourceComparison:
        """Independent sources, claims, numbers, timeline and coverage, lined up once."""
        from newsbrief.analyze.coverage import compare_sources

        comparison = compare_sources(self.articles)
        if not comparison.semantic:
            self.note("No sentence-embedding model: claims and dates are aligned on words only.")
        return comparison


SectionBuilder = Callable[[EventContext], Any]


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    build: SectionBuilder


def build_entities(context: EventContext) -> list[dict[str, Any]]:
    index = context.entity_index
    return [] if index is None else [to_dict(e) for e in index.entities]


def build_quotes(context: EventContext) -> list[dict[str, Any]]:
    return [to_dict(q) for q in context.quotes]


def build_independent_sources(context: EventContext) -> list[dict[str, Any]]:
    return [to_dict(g) for g in context.comparison.sources]


def build_claims(context: EventContext) -> list[dict[str, Any]]:
    return [to_dict(c) for c in context.comparison.claims]


def build_numbers(context: EventContext) -> list[dict[str, Any]]:
    return [to_dict(n) for n in context.comparison.numbers]


def build_timeline(context: EventContext) -> list[dict[str, Any]]:
    return [to_dict(t) for t in context.comparison.timeline]


def build_coverage(context: EventContext) -> list[dict[str, Any]]:
    return [to_dict(c) for c in context.comparison.coverage]


def build_summary_support(context: EventContext) -> list[dict[str, int]]:
    from newsbrief.analyze.coverage import summary_support

    return summary_support(context.summary, context.comparison.index)


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


def _status() -> dict[str, Any]:
    status = nlp_status()
    return {
        "model": status.model,
        "version": status.version,
        "reason": status.reason or None,
        "install": None if status.model else INSTALL_HINT,
    }


def analyze_event(
    articles: list[Article],
    summary: list[SummarySentence],
    sections: list[Section] | None = None,
) -> dict[str, Any]:
    """The JSON-able analysis sections of one event, keyed as in the brief's JSON."""
    context = EventContext(articles=articles, summary=summary)
    result: dict[str, Any] = {}
    failed: list[dict[str, str]] = []
    for section in SECTIONS if sections is None else sections:
        try:
            result[section.key] = section.build(context)
        except Exception as exc:  # one broken section must never cost the whole brief
            result[section.key] = None
            failed.append({"section": section.key, "error": f"{type(exc).__name__}: {exc}"})
    result[ANALYSIS_KEY] = {"nlp": _status(), "notes": context.notes, "failed": failed}
    return result
