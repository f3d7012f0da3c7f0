"""The embedded SQLite store of ingested articles, near-duplicate links and events."""

from newsbrief.store.database import Store, default_db_path
from newsbrief.store.records import EventSummary, StoreCounts, StoredFailure
from newsbrief.store.schema import SCHEMA_VERSION, SchemaError

__all__ = [
    "SCHEMA_VERSION",
    "EventSummary",
    "SchemaError",
    "Store",
    "StoreCounts",
    "StoredFailure",
    "default_db_path",
]
