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


# Five short fictional reports of one event, in the repo (CC0): the stand-in for the seeds where
# a test needs a second multi-outlet event but not the seeds' own content.
FICTIONAL_SEEDS = REPO / "tests" / "data" / "serve" / "seeds"


@pytest.fixture(scope="session")
def second_event_dir() -> Path:
    """A folder named ``seeds`` of five independent reports of one event (so its folder event
    is ``ev-seeds``): the real seeds when ../shared has them, else the fictional ones."""
    return SEEDS if SEEDS.is_dir() else FICTIONAL_SEEDS


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
