"""Incremental event clustering: each arriving article joins the most similar event or starts one.

An article is compared with event centroids, never with all earlier articles: an inverted
index from each event's most distinctive terms and names (its blocking keys) to the event
finds at most ``max_candidates`` candidates, which are then scored exactly. Keys shared by
more than ``posting_limit`` events are too common to block on and are skipped, so the work per
article is bounded and a stream costs time linear in its length.

An article is compared with an event through cosines between the article and the event's
summed member vectors, one per namespace (body terms, lead terms, names, numbers; see
``event_features``), plus the cosine of the headline-and-lead sentence embedding to the
event's mean embedding; a learnt logistic model over those and a few more features
(``join_model``) decides whether it joins (``join_model=None``: a weighted mean of the cosines
against ``threshold``). When both are dated, an article further than ``window_days`` from an
event's span never joins it. After each batch, events that gained articles are compared with
their candidates and merged when their centroids have converged (``merge_threshold``).

Events end: once the stream's clock (the latest median publication day of a batch, so one
mis-dated article cannot move it) is more than ``retire_after_days`` past an event's last
article, the event is retired: dropped from memory, the index and the saved state, so state
stays proportional to the events of the last weeks, not to the whole stream. Undated events are
never retired.

Everything is deterministic: the same articles in the same order and batches give the same
events. State lives in a ``ClusterState`` (the SQLite store, or ``MemoryState``): one key per
event, written only when the event changed, plus fixed-size document-frequency arrays.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import statistics
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields

import numpy as np

from newsbrief.group import ClusterState
from newsbrief.group.event_features import BODY, ENTITY, LEAD, NAMESPACES, NUMBER, article_terms
from newsbrief.group.event_profile import EventProfile, decode_profile, encode_profile
from newsbrief.group.join_model import JOIN_MODELS, RARE_NAME_DF
from newsbrief.group.term_vectors import FREQUENCY_SPACE, DocumentFrequencies, SparseVector
from newsbrief.text.embed import Embedder, get_embedder
from newsbrief.types import Article

STATE_FORMAT = 1
META_KEY = "meta"
EVENT_PREFIX = "event/"
FREQUENCY_PREFIX = "df/"
# Entity buckets are offset so a name's key never equals a body term's key.
_ENTITY_KEY_OFFSET = 1 << 32


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    """Thresholds and weights: the weighted mean's and the merge threshold tuned on ECB+ dev
    topics, the join model learnt on ECB+ dev and Multi-News tune rows (docs/grouping.md)."""

    threshold: float = 0.325
    # The learnt join decision (``newsbrief.group.join_model``); None: join when the weighted
    # mean of cosines reaches ``threshold``.
    join_model: str | None = "logistic-1"
    merge_threshold: float | None = 0.5
    body_weight: float = 1.0
    lead_weight: float = 0.5
    entity_weight: float = 0.5
    number_weight: float = 0.5
    embedding_weight: float = 0.25
    embedder: str | None = "static"
    window_days: float = 7.0
    # An event this many days older than the stream's clock is retired (None: never). Well past
    # the window, so an article that arrives weeks late still finds its event.
    retire_after_days: float | None = 30.0
    lead_sentences: int = 3
    min_df: int = 2
    max_event_terms: int = 4000
    # Blocking keys: an article looks up its top terms and names; an event is indexed under
    # more of its own, since the two top lists of the same story rarely coincide exactly.
    term_keys: int = 16
    entity_keys: int = 8
    event_term_keys: int = 24
    event_entity_keys: int = 8
    posting_limit: int = 200
    max_candidates: int = 50

    def weights(self) -> dict[str, float]:
        return {
            BODY: self.body_weight,
            LEAD: self.lead_weight,
            ENTITY: self.entity_weight,
            NUMBER: self.number_weight,
        }

    def uses_embeddings(self) -> bool:
        return self.embedder is not None and self.embedding_weight > 0

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> ClusterConfig:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        # A state saved before the learnt join decision existed joined on the weighted mean.
        values.setdefault("join_model", None)
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class EventMerge:
    absorbed: str
    survivor: str
    similarity: float


class MemoryState:
    """A ``ClusterState`` in a dict: for tests, evaluation and one-off runs."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get_state(self, key: str) -> bytes | None:
        return self.data.get(key)

    def put_state(self, key: str, value: bytes) -> None:
        self.data[key] = value

    def delete_state(self, key: str) -> None:
        self.data.pop(key, None)

    def iter_state(self, prefix: str = "") -> Iterator[tuple[str, bytes]]:
        return iter(sorted((k, v) for k, v in self.data.items() if k.startswith(prefix)))


class EventClusterer:
    """Assigns arriving articles to events (implements ``newsbrief.group.EventClusterer``)."""

    def __init__(self, config: ClusterConfig | None = None, embedder: Embedder | None = None):
        self.config = config or ClusterConfig()
        self.frequencies = DocumentFrequencies(min_df=self.config.min_df)
        self.events: dict[str, EventProfile] = {}
        # Merges made by the last ``add`` call, in the order they happened.
        self.merges: list[EventMerge] = []
        self._embedder = embedder
        self._event_of: dict[str, str] = {}
        self._keys: dict[str, list[int]] = {}
        self._postings: dict[int, set[str]] = {}
        self._scratch: dict[str, np.ndarray] = {}
        self._norm_cache: dict[str, tuple[tuple[int, int, int], dict[str, float]]] = {}
        self._step = 0
        self._next_seq = 0
        self._dirty: set[str] = set()
        self._deleted: set[str] = set()
        # The stream's clock (a day number) and a min-heap of (last day, event id) to find the
        # events it has passed; entries go stale when an event gains a later article or merges.
        self._clock: float | None = None
        self._by_last_day: list[tuple[float, str]] = []
        self.retired = 0

    # Persistence (the ``newsbrief.group.EventClusterer`` protocol)

    @classmethod
    def load(
        cls,
        state: ClusterState,
        config: ClusterConfig | None = None,
        embedder: Embedder | None = None,
    ) -> EventClusterer:
        """Restore from ``state``; an empty state gives a fresh clusterer with ``config``.

        A saved state keeps the configuration it was built with (weights and thresholds must
        not change in the middle of a stream); asking for a different one is an error."""
        raw = state.get_state(META_KEY)
        if raw is None:
            return cls(config, embedder)
        meta = json.loads(raw)
        if meta.get("format") != STATE_FORMAT:
            raise ValueError(f"unsupported event clusterer state format {meta.get('format')!r}")
        saved = ClusterConfig.from_dict(meta["config"])
        if config is not None and config != saved:
            raise ValueError(
                "this event state was built with a different clustering configuration; "
                "cluster into a fresh state to change it"
            )
        clusterer = cls(saved, embedder)
        frequencies = clusterer.frequencies
        for space in frequencies.counts:
            blob = state.get_state(FREQUENCY_PREFIX + space)
            if blob is not None:
                frequencies.counts[space] = np.frombuffer(zlib.decompress(blob), dtype=np.uint32).copy()
        frequencies.documents = int(meta["documents"])
        clusterer._step = int(meta["step"])
        clusterer._next_seq = int(meta["next_seq"])
        clusterer._clock = meta.get("clock")
        clusterer.retired = int(meta.get("retired", 0))
        profiles = [decode_profile(v) for _, v in state.iter_state(EVENT_PREFIX)]
        for profile in sorted(profiles, key=lambda p: p.seq):
            clusterer.events[profile.id] = profile
            clusterer._event_of.update((m, profile.id) for m in profile.members)
            clusterer._index(profile)
            clusterer._schedule(profile)
        return clusterer

    def save(self, state: ClusterState) -> None:
        """Write what changed since the last save: touched events, frequencies, counters."""
        meta = {
            "format": STATE_FORMAT,
            "config": asdict(self.config),
            "documents": self.frequencies.documents,
            "step": self._step,
            "next_seq": self._next_seq,
            "clock": self._clock,
            "retired": self.retired,
        }
        state.put_state(META_KEY, json.dumps(meta, sort_keys=True).encode("utf-8"))
        if self._dirty:
            for space, counts in self.frequencies.counts.items():
                state.put_state(FREQUENCY_PREFIX + space, zlib.compress(counts.tobytes(), 1))
        for event_id in sorted(self._deleted):
            state.delete_state(EVENT_PREFIX + event_id)
        for event_id in sorted(self._dirty):
            state.put_state(EVENT_PREFIX + event_id, encode_profile(self.events[event_id]))
        self._dirty.clear()
        self._deleted.clear()

    # Clustering

    def add(self, articles: Sequence[Article]) -> dict[str, str]:
        """Assign each new article, in order, to an event; then merge converged events.

        Returns ``{article id: event id}`` for every article of the batch and for every earlier
        article whose event was merged into another one. Then retires the events the stream's
        clock has passed (their articles keep the event they were given)."""
        self.merges = []
        # An article is placed once: a repeat keeps the event it already has.
        repeats = [a.id for a in articles if a.id in self._event_of]
        articles = [a for a in articles if a.id not in self._event_of]
        if not articles:
            return {article_id: self._event_of[article_id] for article_id in repeats}
        features = [article_terms(a, self.config.lead_sentences) for a in articles]
        vectors = self.frequencies.vectorize([f.terms for f in features])
        embeddings = self._embed([f.lead_text for f in features])
        touched: dict[str, None] = {}
        for i, (article, feature) in enumerate(zip(articles, features, strict=True)):
            self._step += 1
            embedding = embeddings[i] if embeddings is not None else None
            event = self._place(article.id, vectors[i], embedding, feature.day)
            touched[event.id] = None
        moved: set[str] = set()
        if self.config.merge_threshold is not None:
            moved = self._merge_converged(list(touched))
        batch = [a.id for a in articles] + repeats
        changed = batch + sorted(moved - set(batch))
        result = {article_id: self._event_of[article_id] for article_id in changed}
        self._advance_clock([f.day for f in features if f.day is not None])
        return result

    def event_of(self, article_id: str) -> str | None:
        return self._event_of.get(article_id)

    def assignments(self) -> dict[str, str]:
        """Every article of the events still held (retired events are forgotten) and its event."""
        return dict(self._event_of)

    # Retirement

    def _schedule(self, event: EventProfile) -> None:
        if event.last_day is not None and self.config.retire_after_days is not None:
            heapq.heappush(self._by_last_day, (event.last_day, event.id))

    def _advance_clock(self, days: list[float]) -> None:
        if not days or self.config.retire_after_days is None:
            return
        median = statistics.median_low(days)
        self._clock = median if self._clock is None else max(self._clock, median)
        cutoff = self._clock - self.config.retire_after_days
        while self._by_last_day and self._by_last_day[0][0] < cutoff:
            last_day, event_id = heapq.heappop(self._by_last_day)
            event = self.events.get(event_id)
            if event is not None and event.last_day == last_day:
                self._retire(event)

    def _retire(self, event: EventProfile) -> None:
        for member in event.members:
            self._event_of.pop(member, None)
        self._drop(event)
        self.retired += 1

    def _drop(self, event: EventProfile) -> None:
        """Remove an event (merged away or retired) from memory, the index and, at the next
        save, the state."""
        self._unindex(event)
        del self.events[event.id]
        self._norm_cache.pop(event.id, None)
        self._dirty.discard(event.id)
        self._deleted.add(event.id)

    def _place(
        self,
        article_id: str,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        day: float | None,
    ) -> EventProfile:
        keys = self._article_keys(vectors)
        candidates = self._candidates(keys, lambda e: e.accepts_day(day, self.config.window_days))
        if candidates:
            scores, threshold = self._join_scores(vectors, embedding, candidates)
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                return self._join(candidates[best], article_id, vectors, embedding, day)
        return self._start(article_id, vectors, embedding, day)

    def _join(
        self,
        event: EventProfile,
        article_id: str,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        day: float | None,
    ) -> EventProfile:
        """Add the article to ``event``."""
        self._unindex(event)
        event.absorb(vectors, embedding, day, day, self.config.max_event_terms)
        event.members.append(article_id)
        return self._touch(event, article_id)

    def _start(
        self,
        article_id: str,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        day: float | None,
    ) -> EventProfile:
        """A new event holding only the article."""
        event = EventProfile(
            id=self._new_event_id(article_id),
            seq=self._next_seq,
            members=[article_id],
            vectors=dict(vectors),
            embedding=embedding.copy() if embedding is not None else None,
            first_day=day,
            last_day=day,
        )
        self._next_seq += 1
        self.events[event.id] = event
        return self._touch(event, article_id)

    def _touch(self, event: EventProfile, article_id: str) -> EventProfile:
        event.touched = self._step
        self._event_of[article_id] = event.id
        self._index(event)
        self._schedule(event)
        self._dirty.add(event.id)
        return event

    def _merge_converged(self, touched: list[str]) -> set[str]:
        """Merge each touched event with candidates whose centroids are now similar enough;
        return the articles that changed event."""
        moved: set[str] = set()
        threshold = self.config.merge_threshold
        assert threshold is not None
        for event_id in sorted(touched, key=lambda e: self.events[e].seq if e in self.events else -1):
            current = self.events.get(event_id)
            while current is not None:
                event = current
                candidates = self._candidates(
                    self._article_keys(event.vectors),
                    lambda other, e=event: (
                        other.id != e.id and _spans_overlap(e, other, self.config.window_days)
                    ),
                )
                if not candidates:
                    break
                unit = event.embedding / event.embedding_norm if event.embedding_norm else None
                scores = self._similarities(event.vectors, unit, candidates)
                best = int(np.argmax(scores))
                if scores[best] < threshold:
                    break
                other = candidates[best]
                survivor, absorbed = (event, other) if event.seq < other.seq else (other, event)
                moved.update(absorbed.members)
                self._absorb_event(survivor, absorbed, float(scores[best]))
                current = survivor
        return moved

    def _absorb_event(self, survivor: EventProfile, absorbed: EventProfile, score: float) -> None:
        self._unindex(survivor)
        survivor.absorb(
            absorbed.vectors,
            absorbed.embedding,
            absorbed.first_day,
            absorbed.last_day,
            self.config.max_event_terms,
        )
        survivor.members.extend(absorbed.members)
        survivor.touched = self._step
        for member in absorbed.members:
            self._event_of[member] = survivor.id
        self._drop(absorbed)
        self._dirty.add(survivor.id)
        self._index(survivor)
        self._schedule(survivor)
        self.merges.append(EventMerge(absorbed.id, survivor.id, score))

    # Candidates and similarity

    def _blocking_keys(self, vectors: dict[str, SparseVector], terms: int, names: int) -> list[int]:
        # Body buckets already include the lead's words; names get their own keys because a
        # short article's top words may all be topic words.
        top_terms = vectors[BODY].top(terms).astype(np.int64)
        top_names = vectors[ENTITY].top(names).astype(np.int64) + _ENTITY_KEY_OFFSET
        return [int(k) for k in np.concatenate([top_terms, top_names])]

    def _article_keys(self, vectors: dict[str, SparseVector]) -> list[int]:
        return self._blocking_keys(vectors, self.config.term_keys, self.config.entity_keys)

    def _index(self, event: EventProfile) -> None:
        keys = self._blocking_keys(event.vectors, self.config.event_term_keys, self.config.event_entity_keys)
        self._keys[event.id] = keys
        for key in keys:
            self._postings.setdefault(key, set()).add(event.id)

    def _unindex(self, event: EventProfile) -> None:
        for key in self._keys.pop(event.id, []):
            posting = self._postings.get(key)
            if posting is not None:
                posting.discard(event.id)
                if not posting:
                    del self._postings[key]

    def _candidates(self, keys: list[int], allowed: Callable[[EventProfile], bool]) -> list[EventProfile]:
        shared: dict[str, int] = {}
        for key in keys:
            posting = self._postings.get(key)
            if not posting or len(posting) > self.config.posting_limit:
                continue
            for event_id in posting:
                shared[event_id] = shared.get(event_id, 0) + 1
        events = [self.events[e] for e in shared]
        events = [e for e in events if allowed(e)]
        # Sets iterate in hash order, which varies between processes: sort to a total order.
        events.sort(key=lambda e: (-shared[e.id], -e.touched, e.seq))
        return events[: self.config.max_candidates]

    def _join_scores(
        self,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        candidates: list[EventProfile],
    ) -> tuple[np.ndarray, float]:
        """Each candidate's score for an arriving article, and the score needed to join."""
        if self.config.join_model is None:
            return self._similarities(vectors, embedding, candidates), self.config.threshold
        model = JOIN_MODELS[self.config.join_model]
        return model.probabilities(self._join_features(vectors, embedding, candidates)), model.threshold

    def _join_features(
        self,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        candidates: list[EventProfile],
    ) -> np.ndarray:
        """``JOIN_FEATURES`` for an article against each candidate, one row per candidate."""
        cosines = self._cosines(vectors, embedding, candidates)
        active_terms = int(np.count_nonzero(self.frequencies.active(BODY, vectors[BODY])))
        names = vectors[ENTITY].indices
        name_counts = self.frequencies.counts[FREQUENCY_SPACE[ENTITY]]
        extra = np.zeros((len(candidates), 3), dtype=np.float64)
        for j, candidate in enumerate(candidates):
            shared = np.intersect1d(names, candidate.vectors[ENTITY].indices, assume_unique=True)
            extra[j] = (
                np.log1p(len(candidate.members)),
                np.log1p(active_terms),
                np.count_nonzero(name_counts[shared] <= RARE_NAME_DF),
            )
        return np.hstack([cosines, extra])

    def _similarities(
        self,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        candidates: list[EventProfile],
    ) -> np.ndarray:
        """Weighted mean cosine between ``vectors`` (an article or an event) and each candidate."""
        return self._weighted_mean(self._cosines(vectors, embedding, candidates))

    def _weighted_mean(self, cosines: np.ndarray) -> np.ndarray:
        weights = self.config.weights()
        column = np.array([weights[ns] for ns in NAMESPACES] + [self.config.embedding_weight])
        total = sum(weights.values())
        if self.config.uses_embeddings():
            total += self.config.embedding_weight
        else:
            column[-1] = 0.0
        return (cosines @ column) / total

    def _cosines(
        self,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        candidates: list[EventProfile],
    ) -> np.ndarray:
        """One row per candidate: the cosine in each namespace, then the embedding cosine."""
        cosines = np.zeros((len(candidates), len(NAMESPACES) + 1), dtype=np.float64)
        norms = [self._active_norms(c) for c in candidates]
        for column, ns in enumerate(NAMESPACES):
            vector = vectors[ns]
            active = self.frequencies.active(ns, vector)
            indices, values = vector.indices[active], vector.values[active]
            norm = float(np.sqrt(np.dot(values, values)))
            if norm == 0:
                continue
            scratch = self._dense(ns)
            scratch[indices] = values / norm
            for j, candidate in enumerate(candidates):
                other, other_norm = candidate.vectors[ns], norms[j][ns]
                if other_norm > 0:
                    cosines[j, column] = float(np.dot(scratch[other.indices], other.values)) / other_norm
            scratch[indices] = 0.0
        if self.config.uses_embeddings() and embedding is not None and np.any(embedding):
            for j, candidate in enumerate(candidates):
                if candidate.embedding is not None and candidate.embedding_norm > 0:
                    cosines[j, -1] = float(np.dot(candidate.embedding, embedding)) / candidate.embedding_norm
        return cosines

    def _active_norms(self, event: EventProfile) -> dict[str, float]:
        # Document frequencies change once per batch: norms are recomputed at most that often.
        version = (self.frequencies.documents, event.touched, len(event.members))
        cached = self._norm_cache.get(event.id)
        if cached is None or cached[0] != version:
            norms = {ns: self.frequencies.active_norm(ns, v) for ns, v in event.vectors.items()}
            cached = self._norm_cache[event.id] = (version, norms)
        return cached[1]

    def _dense(self, namespace: str) -> np.ndarray:
        buffer = self._scratch.get(namespace)
        if buffer is None:
            size = 1 << self.frequencies.bits[FREQUENCY_SPACE[namespace]]
            buffer = self._scratch[namespace] = np.zeros(size, dtype=np.float32)
        return buffer

    def _embed(self, texts: list[str]) -> np.ndarray | None:
        if not self.config.uses_embeddings():
            return None
        if self._embedder is None:
            self._embedder = get_embedder(self.config.embedder)  # type: ignore[arg-type]
        return self._embedder.encode(texts)

    def _new_event_id(self, article_id: str) -> str:
        event_id = "ev-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]
        return event_id if event_id not in self.events else f"{event_id}-{self._next_seq}"


def _spans_overlap(a: EventProfile, b: EventProfile, window: float) -> bool:
    if None in (a.first_day, a.last_day, b.first_day, b.last_day):
        return True
    return not (a.last_day + window < b.first_day or b.last_day + window < a.first_day)  # type: ignore[operator]


def cluster_articles(
    articles: Sequence[Article],
    config: ClusterConfig | None = None,
    batch_size: int = 100,
    embedder: Embedder | None = None,
) -> dict[str, str]:
    """Stream ``articles`` through a fresh clusterer in batches; ``{article id: event id}``
    for every article, those of retired events included."""
    clusterer = EventClusterer(config, embedder)
    assigned: dict[str, str] = {}
    for start in range(0, len(articles), batch_size):
        assigned.update(clusterer.add(list(articles[start : start + batch_size])))
    return assigned
