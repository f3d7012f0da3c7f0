"""Fixtures for the store tests, with test doubles for group.cluster.EventClusterer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.group import ClusterState
from newsbrief.types import Article


class FolderClusterer:
    """Test double for group.cluster.EventClusterer: one event per input folder.

    It keeps its state through ClusterState the way the real one must (one key per event),
    so tests can check that state survives a reopen and is rolled back with a failed batch.
    """

    def __init__(self, members: dict[str, list[str]]) -> None:
        self.members = members
        self.changed: set[str] = set()
        self.calls = 0

    @classmethod
    def load(cls, state: ClusterState) -> FolderClusterer:
        members = {key.removeprefix("event:"): json.loads(value) for key, value in state.iter_state("event:")}
        return cls(members)

    def add(self, articles: list[Article]) -> dict[str, str]:
        self.calls += 1
        assignment = {}
        for article in articles:
            event = "ev-" + Path(article.source).parent.name
            self.members.setdefault(event, []).append(article.id)
            self.changed.add(event)
            assignment[article.id] = event
        return assignment

    def save(self, state: ClusterState) -> None:
        for event in self.changed:
            state.put_state(f"event:{event}", json.dumps(self.members[event]).encode())
        self.changed.clear()


class CrashingClusterer(FolderClusterer):
    """Raises inside the batch transaction on its ``crash_on``-th call, like a crash would."""

    crash_on = 3

    def add(self, articles: list[Article]) -> dict[str, str]:
        if self.calls + 1 == self.crash_on:
            raise RuntimeError("simulated crash inside a batch")
        return super().add(articles)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "newsbrief.db"


@pytest.fixture
def folder_clusterer() -> type[FolderClusterer]:
    return FolderClusterer


@pytest.fixture
def crashing_clusterer() -> type[CrashingClusterer]:
    return CrashingClusterer
