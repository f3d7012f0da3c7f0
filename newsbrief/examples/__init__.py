"""Small fictional example clusters shipped inside the package.

They let ``newsbrief brief --example`` and the tests run right after install, with no
network and no evaluation data. Each cluster is a folder of scraped-looking ``.txt``
articles about one fictional event; its README.md lists what was planted on purpose.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES_DIR: Path = Path(__file__).resolve().parent


def example_paths(name: str = "harbor_bridge") -> list[Path]:
    """Return the article files of the example cluster ``name``, sorted by file name.

    Raises FileNotFoundError naming the clusters that do exist, so a typo on the
    command line gets a useful message instead of an empty brief.
    """
    folder = EXAMPLES_DIR / name
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not paths:
        available = sorted(p.name for p in EXAMPLES_DIR.iterdir() if p.is_dir() and any(p.glob("*.txt")))
        raise FileNotFoundError(
            f"no example cluster named {name!r}; available: {', '.join(available) or 'none'}"
        )
    return paths
