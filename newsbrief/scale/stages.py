"""The parallel stages, row in → row out, each held by a worker that loads its models once.

* ``Cleaner``: document rows → article rows (cleaning, sentence splitting, MinHash signature),
  or failure rows. The same ``clean_documents`` as ``newsbrief brief`` uses, one document at
  a time; ids are made unique later, in input order, by the sequential consumer.
* ``RowEmbedder``: article rows gain the vector the event clusterer compares.
* ``Briefer``: a brief task (an event id and where its articles lie in ``articles.jsonl``)
  → the brief as JSON, or the reason it failed.

The local engine runs these in worker processes (one instance per process, made by the pool
initializer); the Ray engine runs them as Ray Data actor pools (one instance per actor).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.examples import example_paths
from newsbrief.group.dedup import signature, signature_bytes
from newsbrief.pipeline import build_brief, clean_documents, load_articles, read_safely
from newsbrief.render.json import brief_record, dumps
from newsbrief.scale.records import (
    Row,
    article_from_line,
    article_line,
    failure_row,
    make_row,
    row_document,
    row_failure,
    vector_bytes,
)
from newsbrief.scale.vectors import cluster_config, embedding_text, text_key
from newsbrief.text.embed import get_embedder
from newsbrief.types import Event


class Cleaner:
    def __init__(self, article_seconds: float | None = None) -> None:
        self.article_seconds = article_seconds
        # Cleaning one bundled article loads the line model, trafilatura and pysbd up front
        # (in the cleaning worker, when there is a time budget).
        clean_documents(read_safely(example_paths()[:1]), article_seconds=article_seconds)

    def __call__(self, rows: Iterable[Row]) -> list[Row]:
        return [self.clean(row, self.article_seconds) for row in rows]

    @staticmethod
    def clean(row: Row, article_seconds: float | None = None) -> Row:
        key = row["key"]
        if row["kind"] == "failure":
            # Through the pipeline too, so failures are reported exactly as it reports them.
            _, failures = clean_documents([row_failure(row)])
            return failure_row(key, failures[0])
        if row["kind"] != "document":
            return row
        articles, failures = clean_documents([row_document(row)], article_seconds=article_seconds)
        if failures:
            return failure_row(key, failures[0])
        article = articles[0]
        return make_row(key, "article", article_line(article), signature_bytes(signature(article.text)))


class RowEmbedder:
    """Leaves rows as they are when the clusterer is configured without embeddings."""

    def __init__(self) -> None:
        config = cluster_config()
        self.model = get_embedder(config.embedder) if config.uses_embeddings() else None  # type: ignore[arg-type]
        if self.model is not None:
            self.model.encode(["load the model now, not on the first batch"])

    def __call__(self, rows: Iterable[Row]) -> list[Row]:
        rows = list(rows)
        wanted = [i for i, row in enumerate(rows) if row["kind"] == "article"]
        if not wanted or self.model is None:
            return rows
        texts = [embedding_text(article_from_line(rows[i]["payload"])) for i in wanted]
        for i, text, vector in zip(wanted, texts, self.model.encode(texts), strict=True):
            rows[i] = {**rows[i], "vector": vector_bytes(vector), "vector_of": text_key(text)}
        return rows


@dataclass(frozen=True, slots=True)
class BriefTask:
    """``spans``: (byte offset, length) of each article's line in ``articles.jsonl``."""

    event: str
    spans: list[tuple[int, int]]

    def line(self) -> str:
        return json.dumps({"event": self.event, "spans": self.spans}, separators=(",", ":"))

    @classmethod
    def from_line(cls, line: str) -> BriefTask:
        record = json.loads(line)
        return cls(record["event"], [(int(o), int(n)) for o, n in record["spans"]])


def brief_result(event: str, brief: dict[str, Any] | None = None, error: str = "") -> Row:
    text = dumps(brief) if brief else ""
    return {"event": event, "brief": text, "error": error}


class Briefer:
    def __init__(self, articles_path: str, words: int = 100, analysis: bool = True) -> None:
        self.articles_path = Path(articles_path)
        self.words = words
        self.analysis = analysis
        # A brief of the bundled example loads the summariser and, with analysis, spaCy.
        example, _ = load_articles(example_paths()[:2])
        build_brief(example, words=words, analysis=analysis)

    def __call__(self, tasks: Iterable[BriefTask]) -> list[Row]:
        with self.articles_path.open("rb") as stream:
            return [self.brief(stream, task) for task in tasks]

    def brief(self, stream: Any, task: BriefTask) -> Row:
        try:
            articles = []
            for offset, length in task.spans:
                stream.seek(offset)
                articles.append(article_from_line(stream.read(length)))
            event = Event(id=task.event, title="", articles=articles)
            result = build_brief(articles, words=self.words, analysis=self.analysis, event=event)
        except Exception as exc:  # one event's brief must never stop the others
            return brief_result(task.event, error=f"brief failed: {type(exc).__name__}: {exc}")
        return brief_result(task.event, brief_record(result))
