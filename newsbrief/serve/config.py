"""Settings of the web app: where the store is, and the limits that keep one client from
taking the server down (request size, articles per brief, queued work)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass(frozen=True, slots=True)
class ServeConfig:
    # The SQLite store to list events from; None serves uploads only.
    db: Path | None = None
    words: int = 100
    limits: Limits = field(default_factory=Limits)
