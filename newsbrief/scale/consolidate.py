"""The one sequential step: articles in input order → unique ids, near-duplicate links, events.

Everything here depends on what came before (an id is renamed because an earlier article took
it; an article is a copy of an *earlier* one; an event forms from earlier articles), so it runs
in one place, in input order, whichever engine produced the rows. That is what makes the Ray
engine's output identical to the local engine's. It is kept cheap: no cleaning, no embedding,
no MinHash here (workers did those); near-duplicate search is LSH lookups in the spill, and
event clustering is the clusterer's own blocking by time window and LSH.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsbrief.group.dedup import best_match, bucket_keys, lsh_bands, signature_from_bytes
from newsbrief.ingest.ids import free_id
from newsbrief.scale.clustering import Embedded, EventAssigner
from newsbrief.scale.options import CLUSTER_BATCH
from newsbrief.scale.outputs import OutputFolder
from newsbrief.scale.records import (
    Row,
    article_from_line,
    article_line,
    row_failure,
    vector_from_bytes,
)
from newsbrief.scale.spill import Spill, SpilledArticle
from newsbrief.types import Failure


class OrderError(RuntimeError):
    """Rows arrived out of input order: an engine bug, since results would then differ."""


@dataclass(slots=True)
class ConsolidationReport:
    articles: int = 0
    duplicates: int = 0
    failures: int = 0


class Consolidator:
    def __init__(
        self,
        spill: Spill,
        out: OutputFolder,
        assigner: EventAssigner,
        batch_size: int = CLUSTER_BATCH,
    ) -> None:
        self.spill = spill
        self.out = out
        self.assigner = assigner
        self.batch_size = batch_size
        self.bands = lsh_bands()
        self.report = ConsolidationReport()
        self._pending: list[Embedded] = []
        self._last_key = -1

    def consume(self, rows: Iterable[Row]) -> ConsolidationReport:
        for row in rows:
            self.add(row)
        self.flush()
        return self.report

    def add(self, row: Row) -> None:
        key = int(row["key"])
        if key <= self._last_key:
            raise OrderError(f"row {key} arrived after row {self._last_key}")
        self._last_key = key
        if row["kind"] == "failure":
            self.out.add_failure(row_failure(row))
            self.report.failures += 1
        elif row["kind"] == "article":
            self._add_article(row)
        else:
            raise ValueError(f"unexpected {row['kind']!r} row {key}: the stages did not run")

    def _add_article(self, row: Row) -> None:
        article = article_from_line(row["payload"])
        original = self.spill.first_source(article.id, article.text, article.source)
        if original != article.source:
            reason = f"duplicate of {original} (same id {article.id!r} and text)"
            self.out.add_failure(Failure(article.source, reason))
            self.report.failures += 1
            return
        article.rename(self._free_id(article.id))
        sig = signature_from_bytes(row["signature"])
        keys = bucket_keys(sig, self.bands)
        link = best_match(self.spill, article.id, sig, keys)
        duplicate_of = link.duplicate_of if link else None
        offset, length = self.out.add_article(article_line(article, duplicate_of))
        seq = self.report.articles
        self.spill.add_article(
            SpilledArticle(
                seq,
                article.id,
                offset,
                length,
                article.outlet,
                article.published,
                article.headline,
                duplicate_of,
            ),
            sig,
            keys,
        )
        self.report.articles += 1
        self.report.duplicates += link is not None
        vector = vector_from_bytes(row["vector"]) if row["vector"] else None
        self._pending.append(Embedded(article, row["vector_of"], vector))
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if pending:
            self.spill.set_events(self.assigner.add(pending))
        self.spill.commit()

    def _free_id(self, article_id: str) -> str:
        """As ``pipeline.clean_documents`` names repeats, but counted in the spill."""
        return free_id(article_id, self.spill.count_id(article_id), self.spill.has_id)
