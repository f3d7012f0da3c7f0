from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.examples import example_paths
from newsbrief.pipeline import load_articles
from newsbrief.types import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return SEEDS


@pytest.fixture(scope="session")
def seed_articles(seeds_dir: Path) -> list[Article]:
    articles, failures = load_articles([seeds_dir])
    assert not failures
    return articles


@pytest.fixture(scope="session")
def example_articles() -> list[Article]:
    articles, failures = load_articles(example_paths())
    assert not failures
    return articles
