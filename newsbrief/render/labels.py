"""The short texts every rendering of a brief shares: citation labels, entity groups, support
counts and figures, written once so the Markdown and the HTML report say the same thing."""

from __future__ import annotations

import re
from collections import Counter

from newsbrief.types import Article, Entity, Quote, SummarySupport, SupportCount

# Entity types (spaCy/OntoNotes labels) under each heading, in the order shown.
ENTITY_GROUPS = (
    ("People", frozenset({"PERSON"})),
    ("Organisations", frozenset({"ORG", "NORP"})),
    ("Places", frozenset({"GPE", "LOC", "FAC"})),
)
OTHER_ENTITIES = "Other"


def citation_labels(articles: list[Article]) -> dict[str, str]:
    """Short, unique citation labels per article: the outlet where known, numbered when repeated."""
    totals = Counter(a.label for a in articles)
    seen: Counter[str] = Counter()
    labels = {}
    for article in articles:
        seen[article.label] += 1
        labels[article.id] = (
            f"{article.label} {seen[article.label]}" if totals[article.label] > 1 else article.label
        )
    return labels


def entity_group(entity: Entity) -> str:
    """The heading an entity is listed under."""
    return next((title for title, types in ENTITY_GROUPS if entity.type in types), OTHER_ENTITIES)


def support_text(count: SupportCount | SummarySupport) -> str:
    """ "3 reports, 2 independent"."""
    n, m = count.articles, count.independent
    return f"{n} report{'s' if n != 1 else ''}, {m} independent"


def format_value(value: float | int | str, unit: str) -> str:
    """A figure as people write it: thousands separated, no trailing .0, unit after."""
    if isinstance(value, int | float):
        shown = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    else:
        shown = str(value)
    if unit == "%":
        return f"{shown}%"
    return f"{shown} {unit}".strip()


# Text that already names the denial ("denied plans to attack Ukraine") needs no frame added.
_SAYS_DENIAL = re.compile(r"(?i)^(?:denie[sd]|deny|denying|reject|refut|dismiss|disput|rebut)")


def denial_frame(quote: Quote) -> str:
    """ "denied that " when the speaker denied the quote's content (``polarity: "denial"``), so a
    denied claim never reads as asserted."""
    if quote.polarity != "denial" or _SAYS_DENIAL.match(quote.text):
        return ""
    return "denied that "
