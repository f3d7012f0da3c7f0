"""An event as the clusterer keeps it: summed member vectors, dates, members; and its bytes.

Each namespace's vector is the sum of the members' unit tf-idf vectors, so its direction is the
event's centroid and terms every member shares outweigh one member's background paragraph.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import numpy as np

from newsbrief.group.event_features import NAMESPACES
from newsbrief.group.term_vectors import SparseVector

PROFILE_FORMAT = 1


@dataclass(slots=True)
class EventProfile:
    id: str
    seq: int  # creation order: ties go to, and merges keep, the older event
    members: list[str]
    vectors: dict[str, SparseVector]
    embedding: np.ndarray | None  # sum of member embeddings, None when embeddings are off
    first_day: float | None = None
    last_day: float | None = None
    touched: int = 0  # clusterer step of the last change: recent events are looked at first
    embedding_norm: float = 0.0

    def __post_init__(self) -> None:
        self.refresh_norms()

    def refresh_norms(self) -> None:
        self.embedding_norm = float(np.linalg.norm(self.embedding)) if self.embedding is not None else 0.0

    def absorb(
        self,
        vectors: dict[str, SparseVector],
        embedding: np.ndarray | None,
        first_day: float | None,
        last_day: float | None,
        limit: int,
    ) -> None:
        """Add an article's (or another event's) vectors, embedding and dates to this event."""
        self.vectors = {ns: self.vectors[ns].plus(vectors[ns], limit) for ns in NAMESPACES}
        if self.embedding is not None and embedding is not None:
            self.embedding = self.embedding + embedding
        days = [d for d in (self.first_day, self.last_day, first_day, last_day) if d is not None]
        if days:
            self.first_day, self.last_day = min(days), max(days)
        self.refresh_norms()

    def accepts_day(self, day: float | None, window: float) -> bool:
        """False only when both dates are known and ``day`` is further than ``window`` days
        outside this event's span."""
        if day is None or self.first_day is None or self.last_day is None:
            return True
        return self.first_day - window <= day <= self.last_day + window


def encode_profile(profile: EventProfile) -> bytes:
    header = {
        "format": PROFILE_FORMAT,
        "id": profile.id,
        "seq": profile.seq,
        "members": profile.members,
        "first_day": profile.first_day,
        "last_day": profile.last_day,
        "touched": profile.touched,
    }
    arrays: dict[str, np.ndarray] = {
        "header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8)
    }
    for i, ns in enumerate(NAMESPACES):
        arrays[f"i{i}"] = profile.vectors[ns].indices
        arrays[f"v{i}"] = profile.vectors[ns].values
    if profile.embedding is not None:
        arrays["embedding"] = profile.embedding.astype(np.float32)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def decode_profile(data: bytes) -> EventProfile:
    with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
        header = json.loads(arrays["header"].tobytes().decode("utf-8"))
        if header.get("format") != PROFILE_FORMAT:
            raise ValueError(f"unsupported event profile format {header.get('format')!r}")
        vectors = {
            ns: SparseVector(arrays[f"i{i}"].astype(np.int32), arrays[f"v{i}"].astype(np.float32))
            for i, ns in enumerate(NAMESPACES)
        }
        embedding = arrays["embedding"].copy() if "embedding" in arrays.files else None
    return EventProfile(
        id=header["id"],
        seq=int(header["seq"]),
        members=list(header["members"]),
        vectors=vectors,
        embedding=embedding,
        first_day=header["first_day"],
        last_day=header["last_day"],
        touched=int(header["touched"]),
    )
