"""The embedded SQLite store of ingested articles, near-duplicate links and events."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from newsbrief.store.defaults import default_db_path

if TYPE_CHECKING:
    from newsbrief.store.database import Store, StoreMissing
    from newsbrief.store.desk import StoredBrief
    from newsbrief.store.records import EventSummary, StoreCounts, StoredFailure
    from newsbrief.store.schema import SCHEMA_VERSION, NotAStore, SchemaError

# The store pulls in the MinHash code (datasketch, scipy); loading it on first use keeps
# commands that never open a store quick to start.
_LAZY = {
    "Store": "newsbrief.store.database",
    "StoreMissing": "newsbrief.store.database",
    "StoredBrief": "newsbrief.store.desk",
    "NotAStore": "newsbrief.store.schema",
    "EventSummary": "newsbrief.store.records",
    "StoreCounts": "newsbrief.store.records",
    "StoredFailure": "newsbrief.store.records",
    "SCHEMA_VERSION": "newsbrief.store.schema",
    "SchemaError": "newsbrief.store.schema",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsbrief.store' has no attribute {name!r}")


__all__ = [
    "SCHEMA_VERSION",
    "EventSummary",
    "NotAStore",
    "SchemaError",
    "Store",
    "StoreCounts",
    "StoreMissing",
    "StoredBrief",
    "StoredFailure",
    "default_db_path",
]
