"""The brief as Markdown for people: headline, cited summary, sources."""

from __future__ import annotations

from newsbrief.render.labels import citation_labels
from newsbrief.types import Brief


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


def render_markdown(brief: Brief) -> str:
    labels = citation_labels(brief.event.articles)
    lines = [f"# {_escape(brief.event.title)}", ""]
    n = len(brief.event.articles)
    lines.append(f"*Brief from {n} report{'s' if n != 1 else ''}.*")
    lines.append("")
    lines.append("## Summary")
    lines.append("")
    for sentence in brief.summary:
        cites = "".join(f"[{_escape(labels[c.article])}]" for c in sentence.sources)
        lines.append(f"- {_escape(sentence.text)} {cites}")
    lines.append("")
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
