"""The store's defaults: where it lives (the user's data folder) and how much one transaction
writes. Kept free of heavy imports, so the CLI can show them in its help without loading the
store."""

from __future__ import annotations

from pathlib import Path

import platformdirs

DB_FILENAME = "newsbrief.db"
# Articles per ingest transaction: a crash loses at most this many, and commits stay rare.
DEFAULT_BATCH_SIZE = 100


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("newsbrief")) / DB_FILENAME
