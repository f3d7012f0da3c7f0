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
    # Finished briefs kept in memory for their pages; the oldest go first, and past
    # ``keep_bytes`` of results too (an upload's brief is kept nowhere else; a stored event's
    # is read back from the store). One brief's pages and JSON are about 0.1-2 MB.
    keep_jobs: int = 64
    keep_bytes: int = 256 * MIB
    # Failures listed per upload brief; the rest are counted ("… and N more"). A 10 MB upload
    # of 3.4 M lines of `{}` kept every one: 3.9 GB in the server, 4.3 GB in the brief child.
    max_failures: int = 100
    # The brief child is restarted after a brief that leaves it larger than this (Python keeps
    # freed memory for reuse, so one big brief would hold it until the server stops).
    recycle_rss_bytes: int = 1536 * MIB
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
    # Open connections (and requests in progress); a request beyond them gets 503. When a new
    # connection would pass it, the connection idle longest (no request in progress) is closed
    # to make room, so idle connections alone can never deny service.
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
    # Host header values answered (Starlette's TrustedHostMiddleware patterns, "*.example.org"
    # allowed); anything else gets 400, which stops DNS rebinding from reading the store.
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")

    def __post_init__(self) -> None:
        BriefOptions(words=self.words)  # the bounds every brief has (ValueError outside them)
