"""Settings of the web app: where the store is, and the limits that keep one client from
taking the server down (request size and time, articles per brief, queued work, connections)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.options import BriefOptions

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    # Whole request body, uploads included; larger requests get 413 before being read.
    max_body_bytes: int = 10 * MIB
    # Articles in one uploaded brief (a JSONL file may hold many).
    max_articles: int = 100
    # Uploaded files in one request.
    max_files: int = 50
    # Briefs waiting or running at once; more get 429 until one finishes.
    max_pending_jobs: int = 8
    # Finished briefs kept in memory for their pages; the oldest go first.
    keep_jobs: int = 64
    # Events listed per page.
    page_size: int = 50
    # A request must be answered within this: reading its body (a client trickling an upload
    # gets 408) and computing the answer (503). Briefs are not in it: they run as jobs.
    request_timeout_s: float = 30.0
    # Each this many bytes of request body received add a second to that limit, so a large
    # upload over a slow link (10 MiB at 2 Mbit/s takes 42 s) is not cut off; a trickle is.
    upload_rate: int = 64 * 1024
    # One brief, from its start (not its time in the queue) to its result; past it the brief
    # is stopped and fails with a message saying so.
    job_timeout_s: float = 300.0
    # Server side (`newsbrief serve`, uvicorn): a new connection must send its request line
    # and headers within this, else it is closed (uvicorn itself never times them out).
    header_timeout_s: float = 10.0
    # An idle keep-alive connection is closed after this.
    keep_alive_s: float = 5.0
    # Open connections (and requests in progress); a request beyond them gets 503.
    max_connections: int = 100
    # Request line plus headers still incomplete past this many bytes get 400 (uvicorn's h11
    # limit on what it buffers unparsed).
    max_header_bytes: int = 16 * 1024


@dataclass(frozen=True, slots=True)
class ServeConfig:
    # The SQLite store to list events from; None serves uploads only.
    db: Path | None = None
    words: int = BriefOptions.DEFAULT_WORDS
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        BriefOptions(words=self.words)  # the bounds every brief has (ValueError outside them)
