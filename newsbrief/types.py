"""The data model every pipeline stage reads and enriches, from raw input to the finished brief.

Offsets (``start``/``end``) always index ``Article.text``, the cleaned body text,
as Python string indices (code points), end exclusive. Everything that points into an article
is a ``Span`` (``article``, ``start``, ``end``) with its own fields after those three.

The brief's JSON is ``dataclasses.asdict`` of these records (``newsbrief.render.json``), so the
field order here is the key order of the JSON. To add a field to a record (a new fact a stage
finds): append it LAST, with a default (``x: int | None = None`` or
``x: list[str] = field(default_factory=list)``). Every existing constructor call keeps working,
the JSON gains the key at the end of each object (``schema_version`` stays 1: keys are only
ever added), the web API schema (``serve/schema.py``) picks it up, and renderers ignore it until
one is taught to show it. Never reorder or rename a field: that changes the JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
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
class Span:
    """A passage of one article's cleaned text: ``Article.text[start:end]`` of article ``article``."""

    article: str
    start: int
    end: int

    def within(self, text: str) -> bool:
        """Whether the offsets fit ``text`` (the article's text) and are not empty."""
        return 0 <= self.start < self.end <= len(text)


@dataclass(slots=True)
class Paragraph:
    """A block of the page as cleaning classified it. Not a ``Span``: only body paragraphs are
    part of the cleaned text (and have offsets); dropped ones carry their text and reason."""

    text: str
    kind: ParagraphKind
    reason: str = ""
    # Offsets into Article.text; only body paragraphs are part of the text.
    start: int | None = None
    end: int | None = None


# Keyword-only after the span: the fields used to come in another order, so an old positional
# call fails loudly instead of mixing up offsets.
@dataclass(slots=True, kw_only=True)
class Sentence(Span):
    index: int
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
class Citation(Span):
    """A passage stating a summary sentence; ``score``: lexical support, 0-1."""

    score: float = 1.0


@dataclass(slots=True, kw_only=True)
class SummarySentence(Span):
    """A summary sentence; its span is the sentence it was taken from (also ``sources[0]``)."""

    text: str
    sources: list[Citation] = field(default_factory=list)
    # True when ``text`` is the cited sentence with words deleted (day references, connectives).
    compressed: bool = False
    # True when a pronoun was replaced by the name it stands for ("...,” Stoltenberg added" for
    # "...,” he added") so the sentence stands alone; the citation is still the source sentence.
    rewritten: bool = False
    # Figures in the sentence that other outlets give differently, each with every value given.
    contested: list[ContestedFigure] = field(default_factory=list)
    # Set when the sentence is not in the brief's (reader's) language: no translation is made.
    language: str | None = None


@dataclass(slots=True)
class ContestedFigure:
    """A figure of a summary sentence (``text`` as written there) that the outlets disagree on:
    ``values`` are the conflicting numbers of its group, the sentence's own first, each with the
    reports that give it."""

    text: str
    group: str
    values: list[NumberFact] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    id: str
    title: str
    articles: list[Article] = field(default_factory=list)


def to_dict(obj: Any) -> Any:
    """Plain-JSON view of any dataclass in this module, or of a list of them; anything else
    (already plain data, None) is returned as it is."""
    if isinstance(obj, list):
        return [to_dict(item) for item in obj]
    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    return obj


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
class Mention(Span):
    """Where one article states something: a span of its cleaned text, and that text."""

    text: str = ""


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
class QuoteCarrier(Span):
    """One article's rendering of a statement; offsets span the quoted or reported words.

    ``verbatim``: the words inside quotation marks agree with the other outlets' quotation of the
    same statement (after normalising quote marks, case and punctuation). ``paraphrase_in_quotes``:
    quotation marks around words that differ from another outlet's quotation of it.
    """

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


# The rest of the brief: how the summary is supported, and how the analysis went.


@dataclass(slots=True)
class SummarySupport:
    """How many articles, and how many independent sources, state summary sentence ``sentence``."""

    sentence: int
    articles: int
    independent: int


@dataclass(slots=True)
class NlpInfo:
    """The spaCy model the analysis used (``model`` None: none; ``reason`` says why, ``install`` how)."""

    model: str | None = None
    version: str | None = None
    reason: str | None = None
    install: str | None = None


@dataclass(slots=True)
class SectionFailure:
    """A section whose builder raised: the brief keeps going, with the section set to None."""

    section: str
    error: str


@dataclass(slots=True)
class AnalysisInfo:
    """The brief's ``analysis`` key: the NLP model used, notes on reduced sections, failures."""

    nlp: NlpInfo = field(default_factory=NlpInfo)
    notes: list[str] = field(default_factory=list)
    failed: list[SectionFailure] = field(default_factory=list)


# The brief's sections in JSON order; each is a field of ``Brief`` of the same name.
SECTION_KEYS = (
    "entities",
    "quotes",
    "independent_sources",
    "claims",
    "numbers",
    "timeline",
    "coverage",
    "summary_support",
)


@dataclass(slots=True)
class Brief:
    """One event's brief: the cited summary and the cross-source sections.

    ``analysis`` is None when the sections were not computed (``analysis=False``); then the section
    fields stay empty and the JSON leaves their keys out. A section whose builder failed is None
    (JSON ``null``) and named in ``analysis.failed``. ``extra`` holds sections a registry entry
    adds without a field here yet (written after the others, as plain JSON). The renderers
    take failures as an argument too; without it they use ``failures``.
    """

    event: Event
    summary: list[SummarySentence] = field(default_factory=list)
    entities: list[Entity] | None = field(default_factory=list)
    quotes: list[Quote] | None = field(default_factory=list)
    independent_sources: list[SourceGroup] | None = field(default_factory=list)
    claims: list[Claim] | None = field(default_factory=list)
    numbers: list[NumberFact] | None = field(default_factory=list)
    timeline: list[TimelineEntry] | None = field(default_factory=list)
    coverage: list[ArticleCoverage] | None = field(default_factory=list)
    summary_support: list[SummarySupport] | None = field(default_factory=list)
    analysis: AnalysisInfo | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # Inputs that could not be used (``newsbrief.brief`` fills it; the JSON's ``failures``).
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self, failures: list[Failure] | None = None) -> dict[str, Any]:
        """The JSON record (``newsbrief brief --format json``)."""
        from newsbrief.render.json import brief_record

        return brief_record(self, failures)

    def to_json(self, failures: list[Failure] | None = None) -> str:
        from newsbrief.render.json import brief_record, dumps

        return dumps(brief_record(self, failures))

    def to_markdown(self) -> str:
        from newsbrief.render.markdown import render_markdown

        return render_markdown(self)

    def to_html(self, failures: list[Failure] | None = None) -> str:
        """The self-contained HTML report."""
        from newsbrief.render.html import render_html

        return render_html(self, failures)
