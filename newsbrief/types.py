"""The data model every pipeline stage reads and enriches.

Offsets (``start``/``end``) always index ``Article.text``, the cleaned body text,
as Python string indices (code points), end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ParagraphKind = Literal[
    "body",
    "headline",
    "dek",
    "subheading",
    "caption",
    "byline",
    "dateline",
    "metadata",
    "boilerplate",
    "duplicate",
]


@dataclass(slots=True)
class RawDocument:
    """One input record before cleaning: what a reader found, nothing interpreted yet."""

    id: str
    source: str
    content: str
    format: Literal["text", "html"]
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(slots=True)
class Paragraph:
    text: str
    kind: ParagraphKind
    reason: str = ""
    # Offsets into Article.text; only body paragraphs are part of the text.
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Sentence:
    article: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(slots=True)
class Article:
    id: str
    text: str
    source: str = ""
    headline: str | None = None
    dek: str | None = None
    outlet: str | None = None
    published: str | None = None
    dateline: str | None = None
    byline: str | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Short name used in citations: the outlet when known, else the id."""
        return self.outlet or self.id


@dataclass(slots=True)
class Citation:
    article: str
    start: int
    end: int
    score: float = 1.0


@dataclass(slots=True)
class SummarySentence:
    text: str
    article: str
    start: int
    end: int
    sources: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    id: str
    title: str
    articles: list[Article] = field(default_factory=list)


@dataclass(slots=True)
class Brief:
    event: Event
    summary: list[SummarySentence] = field(default_factory=list)
    # Later stages (claims, quotes, entities, numbers, timeline, coverage) add keys here.
    sections: dict[str, Any] = field(default_factory=dict)


def to_dict(obj: Any) -> Any:
    """Plain-JSON view of any dataclass in this module."""
    return asdict(obj)


@dataclass(slots=True)
class Failure:
    """An input that could not be used, kept so a batch can report it and go on."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
