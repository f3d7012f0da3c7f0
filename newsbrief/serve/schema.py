"""Response models of the JSON API, for its OpenAPI schema and for checking what it returns.

The brief's analysis sections reuse the dataclasses of ``newsbrief.types`` (the JSON is their
``asdict``), so the schema follows the data model; keys a later version adds pass through.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsbrief.types import (
    AnalysisInfo,
    ArticleCoverage,
    Claim,
    Entity,
    NumberFact,
    Quote,
    SourceGroup,
    SummarySupport,
    TimelineEntry,
)


class ArticleRef(BaseModel):
    id: str
    outlet: str | None
    headline: str | None
    published: str | None = Field(description="ISO 8601 when the page states a full date")
    source: str


class EventRef(BaseModel):
    id: str
    title: str
    articles: list[ArticleRef]


class CitationModel(BaseModel):
    article: str
    start: int = Field(description="offset into the article's cleaned text (code points)")
    end: int = Field(description="end offset, exclusive")
    score: float


class SummarySentenceModel(BaseModel):
    text: str
    sources: list[CitationModel] = Field(description="the first is where the sentence is from")


class FailureModel(BaseModel):
    source: str
    reason: str


class BriefModel(BaseModel):
    """``newsbrief brief --format json``; a section is null when its analysis failed and
    absent when it was not run."""

    model_config = ConfigDict(extra="allow")

    schema_version: int
    event: EventRef
    summary: list[SummarySentenceModel]
    entities: list[Entity] | None = None
    quotes: list[Quote] | None = None
    independent_sources: list[SourceGroup] | None = None
    claims: list[Claim] | None = None
    numbers: list[NumberFact] | None = None
    timeline: list[TimelineEntry] | None = None
    coverage: list[ArticleCoverage] | None = None
    summary_support: list[SummarySupport] | None = None
    analysis: AnalysisInfo | None = None
    failures: list[FailureModel] = []


class SourceText(BaseModel):
    id: str
    label: str = Field(description="the short name citations use")
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None
    source: str
    text: str = Field(description="cleaned body text, which every offset indexes")


class SnippetRun(BaseModel):
    text: str
    match: bool = Field(description="a searched word (the page marks it)")


class EventMatch(BaseModel):
    article: str = Field(description="the event's best matching article")
    snippet: list[SnippetRun]


class EventItem(BaseModel):
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    created_at: str
    updated_at: str
    articles: int
    independent_outlets: int
    match: EventMatch | None = Field(None, description="with a search: where the words are")


class EventList(BaseModel):
    store: bool = Field(description="false when the server has no store (uploads only)")
    query: str
    total: int = Field(description="matching events, before limit/offset")
    offset: int
    events: list[EventItem]


class StoredArticle(BaseModel):
    id: str
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None
    source: str


class EventDetail(BaseModel):
    id: str
    title: str
    articles: list[StoredArticle]


class OutletItem(BaseModel):
    outlet: str
    articles: int
    events: int


class OutletReport(BaseModel):
    event: str
    event_title: str
    article: str
    headline: str | None
    published: str | None
    url: str | None


class PersonItem(BaseModel):
    name: str
    events: int = Field(description="briefed events whose brief names them")
    statements: int


class StatementItem(BaseModel):
    event: str
    event_title: str
    speaker: str
    text: str
    kind: str = Field(description="direct, indirect or mixed")
    articles: list[str] = Field(description="ids of the articles carrying it")


class JobLinks(BaseModel):
    status: str
    page: str = Field(description="HTML: progress while running, then the report")
    brief: str = Field(description="the brief's JSON once done")
    articles: str = Field(description="the sources' cleaned texts once done")
    download: str = Field(description="the standalone HTML report once done")
    markdown: str = Field(description="the brief as Markdown once done")
    claims_csv: str = Field(description="the claim × outlet matrix as CSV once done")


class JobStatus(BaseModel):
    id: str
    kind: Literal["event", "upload"]
    label: str
    state: Literal["queued", "running", "done", "failed"]
    stage: str = Field(description="reading, cleaning, analysing, rendering, done, failed")
    done: int
    total: int = Field(description="0 when the stage has no count")
    error: str | None
    created: str = Field(description="ISO 8601, UTC")
    finished: str | None = Field(description="ISO 8601, UTC; null until done or failed")
    links: JobLinks


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    store: bool = Field(description="whether the server has a store (false: uploads only)")
    store_error: str | None = Field(description="why the store cannot be read; null when it can")
    jobs: dict[str, int]
