"""RawDocument → Article: pick the body, repair it, and record every line that was dropped."""

from __future__ import annotations

from newsbrief.clean.html import extract_html
from newsbrief.clean.lines import classify_lines, normalize_line
from newsbrief.clean.metadata import outlet_from_line, outlet_from_url, parse_date
from newsbrief.clean.repair import split_dateline, split_glued_tag, strip_leading_debris
from newsbrief.types import Article, Paragraph, RawDocument

PARAGRAPH_SEPARATOR = "\n\n"
DATELINE_SEARCH_PARAGRAPHS = 3
_KEPT_KINDS = frozenset({"body", "headline", "dek", "subheading", "byline", "dateline", "metadata"})


def clean_document(raw: RawDocument) -> Article:
    """Clean one document; HTML is extracted first, then both paths share the line classifier."""
    title, url, outlet, published = raw.title, raw.url, raw.outlet, raw.published
    dek = None
    text = raw.content
    if raw.format == "html":
        extraction = extract_html(raw.content, raw.url)
        text = "\n".join(extraction.paragraphs)
        title = title or extraction.title
        url = url or extraction.url
        outlet = outlet or extraction.sitename
        published = published or extraction.date
        dek = extraction.description

    repaired, cut = _repair_lines(text)
    article = _assemble(raw.id, classify_lines(repaired, title=title))
    article.dropped.extend(cut)
    agency = next((p.text for p in cut if p.reason == "glued agency tag"), None)
    article.source = raw.source
    article.url = url
    article.headline = title or article.headline
    article.dek = article.dek or dek
    article.outlet = outlet or article.outlet or agency or outlet_from_url(url)
    article.published = published or article.published
    return article


def _repair_lines(text: str) -> tuple[str, list[Paragraph]]:
    """Repair each line before classifying it, so a fused tag does not hide a sentence end."""
    lines: list[str] = []
    cut: list[Paragraph] = []
    for line in text.splitlines():
        line, debris = strip_leading_debris(normalize_line(line))
        if debris:
            cut.append(Paragraph(text=debris, kind="boilerplate", reason="leading debris"))
        line, tag = split_glued_tag(line)
        if tag:
            cut.append(Paragraph(text=tag, kind="boilerplate", reason="glued agency tag"))
        lines.append(line)
    return "\n".join(lines), cut


def _assemble(article_id: str, paragraphs: list[Paragraph]) -> Article:
    article = Article(id=article_id, text="")
    body: list[str] = []
    offset = 0
    agency = None
    for paragraph in paragraphs:
        if paragraph.kind not in _KEPT_KINDS:
            article.dropped.append(paragraph)
            article.outlet = article.outlet or outlet_from_line(paragraph.text)
            continue
        if paragraph.kind == "headline" and article.headline is None:
            article.headline = paragraph.text
        elif paragraph.kind == "dek":
            article.dek = f"{article.dek} {paragraph.text}" if article.dek else paragraph.text
        elif paragraph.kind == "byline":
            article.byline = article.byline or paragraph.text
        elif paragraph.kind == "metadata":
            article.published = article.published or parse_date(paragraph.text)
        elif paragraph.kind == "body":
            text = paragraph.text
            # Summary boxes can precede the story, so the dateline may open a later paragraph.
            if article.dateline is None and len(body) < DATELINE_SEARCH_PARAGRAPHS:
                text, dateline = split_dateline(text)
                if dateline:
                    article.dateline = dateline.place
                    agency = agency or dateline.agency
                    article.paragraphs.append(
                        Paragraph(text=dateline.text, kind="dateline", reason="opening dateline")
                    )
            if body:
                offset += len(PARAGRAPH_SEPARATOR)
            paragraph = Paragraph(
                text=text, kind="body", reason=paragraph.reason, start=offset, end=offset + len(text)
            )
            offset += len(text)
            body.append(text)
        article.paragraphs.append(paragraph)
    article.text = PARAGRAPH_SEPARATOR.join(body)
    article.outlet = article.outlet or agency
    return article
