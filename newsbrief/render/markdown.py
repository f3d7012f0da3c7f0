"""The brief as Markdown for people: headline, cited summary, analysis sections, sources."""

from __future__ import annotations

import re
from collections.abc import Callable

from newsbrief.ingest.safe_text import one_line
from newsbrief.render.labels import (
    ENTITY_GROUPS,
    citation_labels,
    denial_frame,
    entity_group,
    format_value,
    support_text,
)
from newsbrief.text.languages import shown_languages
from newsbrief.types import Brief, ContestedFigure, NumberFact, Quote

# The Markdown view stays short; the JSON output always has everything.
MAX_QUOTES = 40
MAX_ENTITIES_PER_TYPE = 20
MAX_CLAIMS = 12
MAX_NUMBERS = 15
MAX_DATES = 20

_BACKTICKS = re.compile(r"`+")

SectionRenderer = Callable[[Brief, dict[str, str]], list[str]]


def _escape(text: str) -> str:
    # Every field is untrusted (article text, headlines, outlets, dates, file names): keep it from
    # turning into links, HTML, code or emphasis, and from starting a line of its own (a newline
    # in a headline forged a "## Summary" section), and strip terminal/bidi control characters.
    return (
        one_line(text)
        .replace("\\", "\\\\")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("`", "\\`")
    )


def _code(text: str) -> str:
    """``text`` as an inline code span: fenced with more backticks than it holds in a row, so a
    backtick in a file name cannot close the span early."""
    text = one_line(text)
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"


def _cites(articles: list[str], labels: dict[str, str]) -> str:
    seen = dict.fromkeys(a for a in articles if a in labels)
    return "".join(f"[{_escape(labels[a])}]" for a in seen)


def _roles(brief: Brief) -> dict[str, str]:
    return {e.name: e.roles[0] for e in brief.entities or [] if e.roles}


def _quote_line(quote: Quote, labels: dict[str, str]) -> str:
    text = _escape(" ".join(quote.text.split()))
    frame = denial_frame(quote)
    if quote.kind == "direct":
        text = f"“{text}”"
    elif quote.kind == "indirect":
        text = f"*reported:* {frame}{text}"
    elif frame:
        text = f"*{frame.strip()}* {text}"
    carriers = quote.carried_by
    reworded = [c.article for c in carriers if c.paraphrase_in_quotes]
    same = [c.article for c in carriers if not c.paraphrase_in_quotes]
    line = f"- {text} {_cites(same, labels)}"
    if reworded:
        line += f"; other words in quotation marks: {_cites(reworded, labels)}"
    return line


def render_quotes(brief: Brief, labels: dict[str, str]) -> list[str]:
    quotes = brief.quotes or []
    if not quotes:
        return []
    shown = quotes[:MAX_QUOTES]
    by_speaker: dict[str, list[Quote]] = {}
    for quote in shown:
        by_speaker.setdefault(quote.speaker or "", []).append(quote)
    roles = _roles(brief)
    lines = ["## Who said what", ""]
    for speaker, said in by_speaker.items():
        name = f"**{_escape(speaker)}**" if speaker else "**Unattributed**"
        role = roles.get(speaker)
        lines.append(f"{name} ({_escape(role)})" if role else name)
        lines.append("")
        lines.extend(_quote_line(q, labels) for q in said)
        lines.append("")
    if len(quotes) > len(shown):
        lines += [f"*{len(quotes) - len(shown)} more statements in the JSON output.*", ""]
    return lines


def render_entities(brief: Brief, labels: dict[str, str]) -> list[str]:
    entities = brief.entities or []
    if not entities:
        return []
    lines = ["## People, organisations and places", ""]
    # The report's groups; entities of other types are in the JSON only.
    for heading, _ in ENTITY_GROUPS:
        group = [e for e in entities if entity_group(e) == heading]
        if not group:
            continue
        lines += [f"**{heading}**", ""]
        for entity in group[:MAX_ENTITIES_PER_TYPE]:
            line = f"- **{_escape(entity.name)}**"
            if entity.roles:
                line += " — " + "; ".join(_escape(r) for r in entity.roles)
            lines.append(f"{line} {_cites(entity.articles, labels)}")
        if len(group) > MAX_ENTITIES_PER_TYPE:
            lines.append(f"- *{len(group) - MAX_ENTITIES_PER_TYPE} more in the JSON output*")
        lines.append("")
    return lines


def render_analysis_notes(brief: Brief, labels: dict[str, str]) -> list[str]:
    if brief.analysis is None:
        return []
    notes = list(brief.analysis.notes)
    notes += [f"The {f.section} section failed: {f.error}" for f in brief.analysis.failed]
    if not notes:
        return []
    return ["## Notes", "", *(f"- {_escape(n)}" for n in notes), ""]


def _value(number: NumberFact) -> str:
    return _escape(format_value(number.value, number.unit))


def _contested(figure: ContestedFigure, labels: dict[str, str]) -> str:
    """ "contested: **14 people** [Wire] vs **12 people** [Herald][Meridian]"."""
    values = " vs ".join(
        f"**{_escape(format_value(v.value, v.unit))}** {_cites([r.article for r in v.reports], labels)}"
        for v in figure.values
    )
    return f"contested: {values}"


def render_claims(brief: Brief, labels: dict[str, str]) -> list[str]:
    """The facts several independent sources state, and the ones reports disagree on."""
    claims = brief.claims or []
    shared = [c for c in claims if c.support_count.independent >= 2][:MAX_CLAIMS]
    disputed = [c for c in claims if c.contradict]
    if not shared and not disputed:
        return []
    lines = ["## What the reports agree on", ""]
    for claim in shared:
        cites = _cites(claim.support, labels)
        line = f"- {_escape(claim.text)} {cites} ({support_text(claim.support_count)})"
        if claim.contradict:
            line += f"; contradicted by {_cites(claim.contradict, labels)}"
        lines.append(line)
    if not shared:
        lines.append("- *No fact is stated by two independent sources.*")
    lines.append("")
    conflicts: dict[str | None, list[NumberFact]] = {}
    for number in brief.numbers or []:
        if number.conflict:
            conflicts.setdefault(number.group, []).append(number)
    # A claim contradicted only because it carries a disputed figure is told by that figure.
    explained = {(r.article, r.start) for values in conflicts.values() for v in values for r in v.reports}
    unexplained = [
        c
        for c in disputed
        if not any(
            m.article == article and m.start <= start < m.end
            for m in c.members
            for article, start in explained
        )
    ]
    if conflicts or unexplained:
        lines += ["## Where the reports disagree", ""]
        for values in conflicts.values():
            what = max((v.what for v in values), key=len)
            given = " vs ".join(
                f"**{_value(v)}** {_cites([r.article for r in v.reports], labels)}" for v in values
            )
            lines.append(f"- {given} ({_escape(what)})")
        for claim in unexplained[:MAX_CLAIMS]:
            lines.append(
                f"- {_escape(claim.text)} {_cites(claim.support, labels)}; "
                f"contradicted by {_cites(claim.contradict, labels)}"
            )
        lines.append("")
    return lines


def render_numbers(brief: Brief, labels: dict[str, str]) -> list[str]:
    """Figures more than one report gives (conflicts are under disagreements)."""
    numbers = [n for n in brief.numbers or [] if not n.conflict and len({r.article for r in n.reports}) > 1][
        :MAX_NUMBERS
    ]
    if not numbers:
        return []
    lines = ["## Figures", ""]
    for number in numbers:
        cites = _cites([r.article for r in number.reports], labels)
        lines.append(f"- **{_value(number)}** — {_escape(number.what)} {cites}")
    return [*lines, ""]


def render_timeline(brief: Brief, labels: dict[str, str]) -> list[str]:
    entries = [e for e in brief.timeline or [] if e.date][:MAX_DATES]
    if not entries:
        return []
    lines = ["## Timeline", ""]
    for entry in entries:
        lines.append(f"- **{_escape(entry.date)}** — {_escape(entry.what)} {_cites(entry.articles, labels)}")
    return [*lines, ""]


def render_coverage(brief: Brief, labels: dict[str, str]) -> list[str]:
    coverage = brief.coverage or []
    claims = {c.id: c for c in brief.claims or []}
    if not coverage or not claims:
        return []
    lines = ["## Coverage", ""]
    for record in coverage:
        label = labels.get(record.article, record.article)
        alone = len(record.exclusive)
        parts = [f"alone reports {alone} claim{'s' if alone != 1 else ''}"]
        if record.omits:
            omitted = "; ".join(f"“{_escape(claims[i].text)}”" for i in record.omits[:3])
            more = f" and {len(record.omits) - 3} more" if len(record.omits) > 3 else ""
            parts.append(f"leaves out {len(record.omits)} widely reported: {omitted}{more}")
        if record.contradicts:
            parts.append(f"contradicts {len(record.contradicts)}")
        lines.append(f"- **[{_escape(label)}]** " + "; ".join(parts))
    return [*lines, ""]


def render_independent_sources(brief: Brief, labels: dict[str, str]) -> list[str]:
    groups = brief.independent_sources or []
    copies = [g for g in groups if len(g.articles) > 1]
    if not copies:
        return []
    total = sum(len(g.articles) for g in groups)
    summary = f"{total} reports come from {len(groups)} independent sources:"
    lines = ["## Independent sources", "", summary, ""]
    for group in copies:
        why = "; ".join(_escape(r) for r in group.reasons)
        lines.append(f"- {_cites(group.articles, labels)} are one source ({why})")
    return [*lines, ""]


# Rendered in this order after the summary; a section absent from the brief renders nothing.
SECTION_RENDERERS: list[SectionRenderer] = [
    render_claims,
    render_quotes,
    render_entities,
    render_numbers,
    render_timeline,
    render_coverage,
    render_independent_sources,
    render_analysis_notes,
]


def render_markdown(brief: Brief) -> str:
    labels = citation_labels(brief.event.articles)
    lines = [f"# {_escape(brief.event.title)}", ""]
    n = len(brief.event.articles)
    lines.append(f"*Brief from {n} report{'s' if n != 1 else ''}.*")
    lines.append("")
    lines.append("## Summary")
    lines.append("")
    support = {s.sentence: s for s in brief.summary_support or []}
    for number, sentence in enumerate(brief.summary):
        cites = "".join(f"[{_escape(labels[c.article])}]" for c in sentence.sources)
        count = f" ({support_text(support[number])})" if number in support else ""
        disputes = "".join(f"; {_contested(c, labels)}" for c in sentence.contested)
        marked = f"`[{sentence.language}]` " if sentence.language else ""
        lines.append(f"- {marked}{_escape(sentence.text)} {cites}{count}{disputes}")
    lines.append("")
    for renderer in SECTION_RENDERERS:
        lines.extend(renderer(brief, labels))
    lines.append("## Sources")
    lines.append("")
    languages = shown_languages(a.language for a in brief.event.articles)
    for article in brief.event.articles:
        parts = [f"**[{_escape(labels[article.id])}]**"]
        if languages:
            parts.append(f"`{article.language or 'en'}`")
        if article.headline:
            parts.append(_escape(article.headline))
        if article.published:
            parts.append(f"({_escape(article.published)})")
        parts.append(_code(article.source))
        lines.append("- " + " ".join(parts))
    lines.append("")
    return "\n".join(lines)


def render_markdown_set(briefs: list[Brief]) -> str:
    """Several briefs (``brief --split``): a numbered list of the stories, then each brief."""
    stories = [
        f"{i}. {_escape(' '.join(b.event.title.split()))} ({len(b.event.articles)} reports)"
        for i, b in enumerate(briefs, start=1)
    ]
    head = "\n".join([f"# {len(briefs)} stories", "", *stories, ""])
    return "\n\n---\n\n".join([head, *(render_markdown(b) for b in briefs)])
