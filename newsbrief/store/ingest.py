"""Documents → cleaned, de-duplicated, event-assigned articles in the store, batch by batch.

Each document is cleaned as it arrives (the slow part, outside any transaction); every
``batch_size`` cleaned articles are written in one transaction with their near-duplicate links,
event membership and the clusterer's state. An input already stored (same id and source) is
skipped before cleaning, so a re-run after a crash goes quickly through what the last run
finished and picks up where it stopped, with the same batches an uninterrupted run would make.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.group import StatefulClusterer, load_event_clusterer
from newsbrief.group.dedup import best_match, bucket_keys, signature
from newsbrief.ingest import crawled_at, expand_paths
from newsbrief.pipeline import clean_documents, read_safely, scrub_document, scrub_failure
from newsbrief.store.codec import content_hash
from newsbrief.store.database import Store
from newsbrief.store.defaults import DEFAULT_BATCH_SIZE
from newsbrief.types import Article, Failure, RawDocument


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    added: int = 0
    # Same id and source as a stored input: skipped before cleaning.
    already_stored: int = 0
    # Same outlet, headline and cleaned text as a stored article from another input.
    same_content: int = 0
    near_duplicates: int = 0
    events_changed: set[str] = field(default_factory=set)
    batches: int = 0
    failures: list[Failure] = field(default_factory=list)
    clustered: bool = False

    @property
    def usable(self) -> int:
        """Inputs that are in the store now, whether this run added them or an earlier one."""
        return self.added + self.already_stored + self.same_content


def open_clusterer(store: Store) -> StatefulClusterer | None:
    """The event clusterer restored from the store, or None where it is not installed."""
    try:
        return load_event_clusterer(store)
    except ModuleNotFoundError as exc:
        if exc.name != "newsbrief.group.cluster":
            raise
        return None


class Ingestor:
    """Cleans documents as they come and writes them to ``store`` one batch (transaction) of
    ``batch_size`` articles at a time.

    After an exception the batch in flight is rolled back in the store but may be half-added
    to the in-memory clusterer: start again with a new Ingestor and a freshly loaded clusterer.
    """

    def __init__(
        self,
        store: Store,
        clusterer: StatefulClusterer | None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        on_batch: Callable[[IngestReport], None] | None = None,
    ) -> None:
        self.store = store
        self.clusterer = clusterer
        self.batch_size = batch_size
        self.on_batch = on_batch
        self.report = IngestReport()
        self._pending: list[tuple[RawDocument, Article]] = []
        self._pending_failures: list[Failure] = []
        self._pending_keys: set[tuple[str, str]] = set()

    def add(self, item: RawDocument | Failure) -> None:
        if isinstance(item, Failure):
            # A file name that is not UTF-8 carries lone surrogates, which SQLite refuses (the
            # whole batch would fail).
            self._pending_failures.append(scrub_failure(item))
            return
        self.report.read += 1
        # Scrubbed before the lookup, so the key is the one add_input stored last time.
        scrub_document(item)
        key = (item.id, item.source)
        if key in self._pending_keys or self.store.has_input(*key):
            self.report.already_stored += 1
            return
        self._pending_keys.add(key)
        # One document per call keeps each article paired with its input (for `crawled`).
        # Only articles count towards a batch: an input that fails cleaning is not stored, so a
        # re-run after a crash cleans it again, and counting it would shift every later batch
        # boundary, which the event clusterer's results depend on.
        articles, failed = clean_documents([item])
        self._pending_failures.extend(failed)
        self._pending.extend((item, article) for article in articles)
        if len(self._pending) >= self.batch_size:
            self.flush()

    def ingest(self, items: Iterable[RawDocument | Failure]) -> IngestReport:
        for item in items:
            self.add(item)
        self.flush()
        return self.report

    def flush(self) -> None:
        cleaned, failures = self._pending, self._pending_failures
        self._pending, self._pending_failures, self._pending_keys = [], [], set()
        if cleaned or failures:
            self.write_batch(cleaned, failures)

    def write_batch(self, cleaned: list[tuple[RawDocument, Article]], failures: list[Failure]) -> None:
        """Store already-cleaned articles (with the inputs they came from) in one transaction."""
        batch = IngestReport(batches=1, failures=failures)
        with self.store.batch():
            self.store.add_failures(failures)
            added = [a for d, a in cleaned if self._store_article(d, a, batch)]
            if added and self.clusterer is not None:
                batch.events_changed = self.store.assign_events(self.clusterer.add(added))
                self.clusterer.save(self.store)
        self._merge(batch)
        if self.on_batch is not None:
            self.on_batch(self.report)

    def _store_article(self, document: RawDocument, article: Article, batch: IngestReport) -> bool:
        digest = content_hash(article)
        existing = self.store.article_with_hash(digest)
        if existing is not None:
            self.store.add_input(document.id, document.source, existing)
            batch.same_content += 1
            return False
        article.rename(self.store.free_article_id(article.id, digest))
        self.store.add_article(article, content_hash=digest, crawled=crawled_at(document))
        self.store.add_input(document.id, document.source, article.id)
        sig = signature(article.text)
        keys = bucket_keys(sig, self.store.bands)
        link = best_match(self.store, article.id, sig, keys)
        self.store.add_signature(article.id, sig, keys)
        if link is not None:
            self.store.add_duplicate(link)
            batch.near_duplicates += 1
        batch.added += 1
        return True

    def _merge(self, batch: IngestReport) -> None:
        self.report.added += batch.added
        self.report.same_content += batch.same_content
        self.report.near_duplicates += batch.near_duplicates
        self.report.events_changed |= batch.events_changed
        self.report.batches += 1
        self.report.failures.extend(batch.failures)


ClustererFactory = Callable[[Store], StatefulClusterer | None]


def no_clusterer(_: Store) -> None:
    return None


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    clusterer_factory: ClustererFactory = open_clusterer,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[IngestReport], None] | None = None,
    on_file: Callable[[Path | Failure], None] | None = None,
    lock_timeout: float = -1,
) -> IngestReport:
    """Ingest every supported file under ``paths``; ``on_file`` is told as each one is done.

    Holds the store's writer lock throughout (see ``Store.writer_lock``), and loads the
    clusterer only once it has it, so the state it starts from is the latest."""
    with store.writer_lock(lock_timeout):
        clusterer = clusterer_factory(store)
        ingestor = Ingestor(store, clusterer, batch_size=batch_size, on_batch=on_batch)
        ingestor.report.clustered = clusterer is not None
        for item in expand_paths(paths):
            # Batches run across files: a folder of small files is not a commit per file.
            for document in read_safely([item]) if isinstance(item, Path) else [item]:
                ingestor.add(document)
            if on_file is not None:
                on_file(item)
        ingestor.flush()
    return ingestor.report
