"""The data model every pipeline stage reads and enriches.

Offsets (``start``/``end``) always index ``Article.text``, the cleaned body text,
as Python string indices (code points), end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# The citation label of an article whose page names no outlet.
UNKNOWN_OUTLET = "unknown outlet"

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
    # The wire agency whose copy this is ("AP" in "DENVER (AP) —"), when the text says so.
    agency: str | None = None
    url: str | None = None
    language: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    dropped: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    def rename(self, article_id: str) -> None:
        """Give the article a new id; its sentences point at their article by id."""
        self.id = article_id
        for sentence in self.sentences:
            sentence.article = article_id

    @property
    def label(self) -> str:
        """Short name used in citations: the outlet when known, else "unknown outlet" (a file
        name says nothing to a reader about who published the story; repeats get numbered)."""
        return self.outlet or UNKNOWN_OUTLET


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
    # True when ``text`` is the cited sentence with words deleted (day references, connectives).
    compressed: bool = False


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


# Cross-source analysis (claims, independent sources, numbers, timeline, coverage).
# Every list field defaults to empty so a section can be built up step by step.


@dataclass(slots=True)
class Mention:
    """Where one article states something: a span of its cleaned text."""

    article: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class SourceGroup:
    """Articles that are one independent report: wire copies, syndicated or near-identical text."""

    id: str
    articles: list[str] = field(default_factory=list)
    label: str = ""
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SupportCount:
    articles: int = 0
    independent: int = 0


@dataclass(slots=True)
class Claim:
    """One fact of the event: the sentences, across articles, that state it."""

    id: str
    text: str
    support: list[str] = field(default_factory=list)
    omit: list[str] = field(default_factory=list)
    contradict: list[str] = field(default_factory=list)
    support_count: SupportCount = field(default_factory=SupportCount)
    members: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class NumberFact:
    """A quantity and the articles that give it; ``group`` links values given for the same thing."""

    value: float
    unit: str
    what: str
    reports: list[Mention] = field(default_factory=list)
    conflict: bool = False
    group: str | None = None


@dataclass(slots=True)
class TimelineEntry:
    """A dated happening; ``date`` is ISO 8601 (YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD) or None."""

    date: str | None
    what: str
    reports: list[Mention] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ArticleCoverage:
    """What one article alone reports, and which widely reported claims it leaves out."""

    article: str
    exclusive: list[str] = field(default_factory=list)
    omits: list[str] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)


# Who said what, and who is who (newsbrief.analyze.quotes / .entities).

QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(slots=True)
class Entity:
    """A person, organisation or place of the event, its name variants merged across articles.

    ``type`` is a spaCy/OntoNotes label: PERSON, ORG, GPE (countries, cities), LOC, FAC.
    ``roles`` are appositions and titles as written ("NATO Secretary-General").
    """

    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class QuoteCarrier:
    """One article's rendering of a statement; offsets span the quoted or reported words.

    ``verbatim``: the words inside quotation marks agree with the other outlets' quotation of the
    same statement (after normalising quote marks, case and punctuation). ``paraphrase_in_quotes``:
    quotation marks around words that differ from another outlet's quotation of it.
    """

    article: str
    start: int
    end: int
    verbatim: bool = False
    kind: QuoteKind = "direct"
    paraphrase_in_quotes: bool = False


@dataclass(slots=True)
class Quote:
    """A statement and who made it, with every article that carries it.

    ``speaker`` is the canonical entity name, or a description ("Denmark's delegation to Nato")
    when the speaker is not a named entity (``speaker_type`` None), or None when unresolved.
    ``polarity`` is "denial" when the reporting frame denies ``text`` ("denied that ...", "rejected
    claims that ...", "repeated Russia's denials that ..."): the speaker said the opposite of it.
    """

    speaker: str | None
    text: str
    kind: QuoteKind = "direct"
    speaker_type: str | None = None
    carried_by: list[QuoteCarrier] = field(default_factory=list)
    polarity: Literal["denial"] | None = None
