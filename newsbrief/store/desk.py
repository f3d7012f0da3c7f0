"""What a desk asks of the store (schema 2): full-text search over articles, stored briefs,
and the people and outlets across events.

Search is SQLite FTS5 over each article's headline, text, outlet and the people a stored brief
found in it (porter-stemmed, so "talks" finds "talk"), ranked by BM25 with the headline and
people weighted above the body; an event ranks as its best article. People and their
statements come from stored briefs: an event never briefed has none yet.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsbrief.text.tokens import WORD_CHARS

# Markers FTS5 puts around matched words in a snippet: private-use characters, so no article
# text can fake a highlight, and the page escapes everything between them.
MATCH_START, MATCH_END = "\ue000", "\ue001"
# BM25 weights per column: article (unindexed), headline, text, outlet, people.
_WEIGHTS = "0.0, 5.0, 1.0, 2.0, 3.0"
# An event's snippet: this many words around the best match.
_SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class SearchHit:
    event: str
    article: str
    rank: float
    # The snippet as (text, matched) runs, for the page to mark up and the API to return.
    snippet: list[tuple[str, bool]]


@dataclass(frozen=True, slots=True)
class StoredBrief:
    id: str
    event: str
    version: str
    words: int
    created_at: str
    record: str  # JSON, as `newsbrief brief --format json` prints it
    articles: str  # JSON, the sources' cleaned texts
    page: str
    standalone: str
    markdown: str


@dataclass(frozen=True, slots=True)
class Statement:
    event: str
    event_title: str
    speaker: str
    text: str
    kind: str
    articles: list[str]


@dataclass(frozen=True, slots=True)
class OutletArticle:
    event: str
    event_title: str
    article: str
    headline: str | None
    published: str | None
    url: str | None


def match_query(words: str) -> str | None:
    """The FTS5 query for what a user typed: every word required, each quoted (no operators,
    no syntax errors); None when there is no word."""
    terms = WORD_CHARS.findall(words)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms[:32])


def snippet_runs(snippet: str) -> list[tuple[str, bool]]:
    """FTS5's marked snippet as (text, matched) runs."""
    runs: list[tuple[str, bool]] = []
    for part in snippet.split(MATCH_START):
        matched, _, rest = part.partition(MATCH_END) if MATCH_END in part else ("", "", part)
        if matched:
            runs.append((matched, True))
        if rest:
            runs.append((rest, False))
    return runs


class DeskQueries:
    """Mixed into ``Store``: the queries and writes of the web app's desk features."""

    _db: sqlite3.Connection

    # Search

    def search(self, words: str) -> list[SearchHit]:
        """Events whose articles hold every word, best first, one hit (its best article) each."""
        query = match_query(words)
        if query is None:
            return []
        rows = self._db.execute(
            f"SELECT m.event, s.article, bm25(article_search, {_WEIGHTS}) AS rank,"
            f" snippet(article_search, -1, ?, ?, '…', {_SNIPPET_WORDS})"
            " FROM article_search s JOIN event_articles m ON m.article = s.article"
            " WHERE article_search MATCH ? ORDER BY rank",
            (MATCH_START, MATCH_END, query),
        )
        best: dict[str, SearchHit] = {}
        for event, article, rank, snippet in rows:
            if event not in best:
                best[event] = SearchHit(event, article, rank, snippet_runs(snippet))
        return list(best.values())

    def events_with_outlet(self, outlet: str) -> set[str]:
        rows = self._db.execute(
            "SELECT DISTINCT m.event FROM event_articles m JOIN articles a ON a.id = m.article"
            " WHERE a.outlet = ? COLLATE NOCASE",
            (outlet,),
        )
        return {r[0] for r in rows}

    def events_with_person(self, name: str) -> set[str]:
        rows = self._db.execute("SELECT event FROM brief_people WHERE name = ? COLLATE NOCASE", (name,))
        return {r[0] for r in rows}

    def event_title(self, event_id: str) -> str | None:
        row = self._db.execute("SELECT title FROM events WHERE id = ?", (event_id,)).fetchone()
        return row[0] if row else None

    # Outlets and people

    def outlets(self) -> list[tuple[str, int, int]]:
        """(outlet, articles, events) for every named outlet, most articles first."""
        rows = self._db.execute(
            "SELECT a.outlet, COUNT(*), COUNT(DISTINCT m.event) FROM articles a"
            " LEFT JOIN event_articles m ON m.article = a.id WHERE a.outlet IS NOT NULL"
            " GROUP BY a.outlet ORDER BY COUNT(*) DESC, a.outlet"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def outlet_articles(self, outlet: str) -> list[OutletArticle]:
        """Every article of ``outlet`` (case aside), newest first, with its event."""
        rows = self._db.execute(
            "SELECT m.event, e.title, a.id, a.headline, a.published, a.url FROM articles a"
            " JOIN event_articles m ON m.article = a.id JOIN events e ON e.id = m.event"
            " WHERE a.outlet = ? COLLATE NOCASE ORDER BY a.published IS NULL, a.published DESC, a.id",
            (outlet,),
        )
        return [OutletArticle(*r) for r in rows]

    def people(self) -> list[tuple[str, int, int]]:
        """(name, events, statements) for every person a stored brief found."""
        rows = self._db.execute(
            "SELECT p.name, COUNT(DISTINCT p.event),"
            " (SELECT COUNT(*) FROM statements s WHERE s.speaker = p.name COLLATE NOCASE)"
            " FROM brief_people p GROUP BY p.name COLLATE NOCASE"
            " ORDER BY COUNT(DISTINCT p.event) DESC, p.name"
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def statements_by(self, speaker: str) -> list[Statement]:
        """What ``speaker`` said, across every briefed event, newest event first."""
        rows = self._db.execute(
            "SELECT s.event, e.title, s.speaker, s.text, s.kind, s.articles FROM statements s"
            " JOIN events e ON e.id = s.event WHERE s.speaker = ? COLLATE NOCASE"
            " ORDER BY COALESCE(e.last_published, e.updated_at) DESC, s.rowid",
            (speaker,),
        )
        return [Statement(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    # Briefs

    def stored_brief(self, brief_id: str) -> StoredBrief | None:
        row = self._db.execute(f"SELECT {_BRIEF_COLUMNS} FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        return StoredBrief(*row) if row else None

    def brief_of(self, event: str, words: int, version: str) -> StoredBrief | None:
        """The stored brief of ``event`` at this length, if it was made of these articles."""
        row = self._db.execute(
            f"SELECT {_BRIEF_COLUMNS} FROM briefs WHERE event = ? AND words = ? AND version = ?",
            (event, words, version),
        ).fetchone()
        return StoredBrief(*row) if row else None

    def save_brief(self, brief: StoredBrief) -> None:
        """Keep ``brief`` (replacing the event's brief of that length), with the people and
        statements it found, in one transaction."""
        record = json.loads(brief.record)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("DELETE FROM briefs WHERE event = ? AND words = ?", (brief.event, brief.words))
            self._db.execute(
                f"INSERT OR REPLACE INTO briefs ({_BRIEF_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    brief.id,
                    brief.event,
                    brief.version,
                    brief.words,
                    brief.created_at,
                    brief.record,
                    brief.articles,
                    brief.page,
                    brief.standalone,
                    brief.markdown,
                ),
            )
            self._save_people(brief.event, record)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _save_people(self, event: str, record: dict[str, Any]) -> None:
        people = [e for e in record.get("entities") or [] if e.get("type") == "PERSON" and e.get("name")]
        self._db.execute("DELETE FROM brief_people WHERE event = ?", (event,))
        self._db.executemany(
            "INSERT OR IGNORE INTO brief_people VALUES (?, ?)", [(event, p["name"]) for p in people]
        )
        self._db.execute("DELETE FROM statements WHERE event = ?", (event,))
        self._db.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?)",
            [
                (
                    event,
                    quote["speaker"],
                    quote.get("text") or "",
                    quote.get("kind") or "direct",
                    json.dumps(sorted({c["article"] for c in quote.get("carried_by") or []})),
                )
                for quote in record.get("quotes") or []
                if quote.get("speaker")
            ],
        )
        by_article: dict[str, set[str]] = {}
        for person in people:
            for article in person.get("articles") or []:
                by_article.setdefault(article, set()).add(person["name"])
        self._set_people(by_article.items())

    def _set_people(self, items: Iterable[tuple[str, set[str]]]) -> None:
        for article, names in items:
            self._db.execute(
                "UPDATE article_search SET people = ?"
                " WHERE rowid = (SELECT rowid FROM articles WHERE id = ?)",
                (" ; ".join(sorted(names)), article),
            )


_BRIEF_COLUMNS = "id, event, version, words, created_at, record, articles, page, standalone, markdown"
