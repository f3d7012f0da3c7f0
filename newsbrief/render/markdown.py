"""The brief as Markdown for people: headline, cited summary, analysis sections, sources."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from newsbrief.render.labels import citation_labels
from newsbrief.types import Brief

# The Markdown view stays short; the JSON output always has everything.
MAX_QUOTES = 40
MAX_ENTITIES_PER_TYPE = 20
MAX_CLAIMS = 12
MAX_NUMBERS = 15
MAX_DATES = 20
ENTITY_HEADINGS = (
    ("People", {"PERSON"}),
    ("Organisations", {"ORG"}),
    ("Places", {"GPE", "LOC", "FAC"}),
)

SectionRenderer = Callable[[dict[str, Any], dict[str, str]], list[str]]


def _escape(text: str) -> str:
    # Article text is untrusted: keep it from turning into links, HTML or emphasis.
    return (
        text.replace("\\", "\\\\")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("*", "\\*")
        .replace("_", "\\_")
    )


def _cites(articles: list[str], labels: dict[str, str]) -> str:
    seen = dict.fromkeys(a for a in articles if a in labels)
    return "".join(f"[{_escape(labels[a])}]" for a in seen)


def _roles(sections: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e["roles"][0] for e in sections.get("entities") or [] if e.get("roles")}


# Text that already names the denial ("denied plans to attack Ukraine") needs no frame added.
_SAYS_DENIAL = re.compile(r"(?i)^(?:denie[sd]|deny|denying|reject|refut|dismiss|disput|rebut)")


def denial_frame(quote: dict[str, Any]) -> str:
    """ "denied that " when the speaker denied the quote's content (``polarity: "denial"``), so a
    denied claim never reads as asserted."""
    if quote.get("polarity") != "denial" or _SAYS_DENIAL.match(quote["text"]):
        return ""
    return "denied that "


def _quote_line(quote: dict[str, Any], labels: dict[str, str]) -> str:
    text = _escape(" ".join(quote["text"].split()))
    if quote["kind"] == "direct":
        text = f"“{text}”"
    elif quote["kind"] == "indirect":
        text = f"*reported:* {denial_frame(quote)}{text}"
    elif denial_frame(quote):
        text = f"*{denial_frame(quote).strip()}* {text}"
    carriers = quote["carried_by"]
    reworded = [c["article"] for c in carriers if c.get("paraphrase_in_quotes")]
    same = [c["article"] for c in carriers if not c.get("paraphrase_in_quotes")]
    line = f"- {text} {_cites(same, labels)}"
    if reworded:
        line += f"; other words in quotation marks: {_cites(reworded, labels)}"
    return line


def render_quotes(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    quotes = sections.get("quotes") or []
    if not quotes:
        return []
    shown = quotes[:MAX_QUOTES]
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for quote in shown:
        by_speaker.setdefault(quote["speaker"] or "", []).append(quote)
    roles = _roles(sections)
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


def render_entities(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    entities = sections.get("entities") or []
    if not entities:
        return []
    lines = ["## People, organisations and places", ""]
    for heading, types in ENTITY_HEADINGS:
        group = [e for e in entities if e["type"] in types]
        if not group:
            continue
        lines += [f"**{heading}**", ""]
        for entity in group[:MAX_ENTITIES_PER_TYPE]:
            line = f"- **{_escape(entity['name'])}**"
            if entity.get("roles"):
                line += " — " + "; ".join(_escape(r) for r in entity["roles"])
            lines.append(f"{line} {_cites(entity['articles'], labels)}")
        if len(group) > MAX_ENTITIES_PER_TYPE:
            lines.append(f"- *{len(group) - MAX_ENTITIES_PER_TYPE} more in the JSON output*")
        lines.append("")
    return lines


def render_analysis_notes(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    analysis = sections.get("analysis") or {}
    notes = list(analysis.get("notes", []))
    failed = analysis.get("failed", [])
    notes += [f"The {f['section']} section failed: {f['error']}" for f in failed]
    if not notes:
        return []
    return ["## Notes", "", *(f"- {_escape(n)}" for n in notes), ""]


def _support(count: dict[str, int]) -> str:
    n, m = count["articles"], count["independent"]
    return f"{n} report{'s' if n != 1 else ''}, {m} independent"


def _value(number: dict[str, Any]) -> str:
    value = number["value"]
    shown = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    unit = number["unit"]
    if unit == "%":
        return f"{shown}%"
    if unit in {"USD", "GBP", "EUR", "JPY"}:
        return f"{shown} {unit}"
    return f"{shown} {_escape(unit)}"


def render_claims(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    """The facts several independent sources state, and the ones reports disagree on."""
    claims = sections.get("claims") or []
    shared = [c for c in claims if c["support_count"]["independent"] >= 2][:MAX_CLAIMS]
    disputed = [c for c in claims if c["contradict"]]
    if not shared and not disputed:
        return []
    lines = ["## What the reports agree on", ""]
    for claim in shared:
        cites = _cites(claim["support"], labels)
        line = f"- {_escape(claim['text'])} {cites} ({_support(claim['support_count'])})"
        if claim["contradict"]:
            line += f"; contradicted by {_cites(claim['contradict'], labels)}"
        lines.append(line)
    if not shared:
        lines.append("- *No fact is stated by two independent sources.*")
    lines.append("")
    conflicts: dict[str, list[dict[str, Any]]] = {}
    for number in sections.get("numbers") or []:
        if number["conflict"]:
            conflicts.setdefault(number["group"], []).append(number)
    # A claim contradicted only because it carries a disputed figure is told by that figure.
    explained = {
        (r["article"], r["start"]) for values in conflicts.values() for v in values for r in v["reports"]
    }
    unexplained = [
        c
        for c in disputed
        if not any(
            m["article"] == article and m["start"] <= start < m["end"]
            for m in c["members"]
            for article, start in explained
        )
    ]
    if conflicts or unexplained:
        lines += ["## Where the reports disagree", ""]
        for values in conflicts.values():
            what = max((v["what"] for v in values), key=len)
            given = " vs ".join(
                f"**{_value(v)}** {_cites([r['article'] for r in v['reports']], labels)}" for v in values
            )
            lines.append(f"- {given} ({_escape(what)})")
        for claim in unexplained[:MAX_CLAIMS]:
            lines.append(
                f"- {_escape(claim['text'])} {_cites(claim['support'], labels)}; "
                f"contradicted by {_cites(claim['contradict'], labels)}"
            )
        lines.append("")
    return lines


def render_numbers(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    """Figures more than one report gives (conflicts are under disagreements)."""
    numbers = [
        n
        for n in sections.get("numbers") or []
        if not n["conflict"] and len({r["article"] for r in n["reports"]}) > 1
    ][:MAX_NUMBERS]
    if not numbers:
        return []
    lines = ["## Figures", ""]
    for number in numbers:
        cites = _cites([r["article"] for r in number["reports"]], labels)
        lines.append(f"- **{_value(number)}** — {_escape(number['what'])} {cites}")
    return [*lines, ""]


def render_timeline(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    entries = [e for e in sections.get("timeline") or [] if e["date"]][:MAX_DATES]
    if not entries:
        return []
    lines = ["## Timeline", ""]
    for entry in entries:
        lines.append(f"- **{entry['date']}** — {_escape(entry['what'])} {_cites(entry['articles'], labels)}")
    return [*lines, ""]


def render_coverage(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    coverage = sections.get("coverage") or []
    claims = {c["id"]: c for c in sections.get("claims") or []}
    if not coverage or not claims:
        return []
    lines = ["## Coverage", ""]
    for record in coverage:
        label = labels.get(record["article"], record["article"])
        alone = len(record["exclusive"])
        parts = [f"alone reports {alone} claim{'s' if alone != 1 else ''}"]
        if record["omits"]:
            omitted = "; ".join(f"“{_escape(claims[i]['text'])}”" for i in record["omits"][:3])
            more = f" and {len(record['omits']) - 3} more" if len(record["omits"]) > 3 else ""
            parts.append(f"leaves out {len(record['omits'])} widely reported: {omitted}{more}")
        if record["contradicts"]:
            parts.append(f"contradicts {len(record['contradicts'])}")
        lines.append(f"- **[{_escape(label)}]** " + "; ".join(parts))
    return [*lines, ""]


def render_independent_sources(sections: dict[str, Any], labels: dict[str, str]) -> list[str]:
    groups = sections.get("independent_sources") or []
    copies = [g for g in groups if len(g["articles"]) > 1]
    if not copies:
        return []
    total = sum(len(g["articles"]) for g in groups)
    summary = f"{total} reports come from {len(groups)} independent sources:"
    lines = ["## Independent sources", "", summary, ""]
    for group in copies:
        why = "; ".join(_escape(r) for r in group["reasons"])
        lines.append(f"- {_cites(group['articles'], labels)} are one source ({why})")
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
    support = {s["sentence"]: s for s in brief.sections.get("summary_support") or []}
    for number, sentence in enumerate(brief.summary):
        cites = "".join(f"[{_escape(labels[c.article])}]" for c in sentence.sources)
        count = f" ({_support(support[number])})" if number in support else ""
        lines.append(f"- {_escape(sentence.text)} {cites}{count}")
    lines.append("")
    for renderer in SECTION_RENDERERS:
        lines.extend(renderer(brief.sections, labels))
    lines.append("## Sources")
    lines.append("")
    for article in brief.event.articles:
        parts = [f"**[{_escape(labels[article.id])}]**"]
        if article.headline:
            parts.append(_escape(article.headline))
        if article.published:
            parts.append(f"({article.published})")
        parts.append(f"`{article.source}`")
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
