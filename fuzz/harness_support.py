"""What the fuzz harnesses share: the repository on the import path, atheris set-up, and the
checks every reader's output must pass.

Each harness module defines ``load() -> Target``, which imports what it fuzzes (so atheris can
instrument newsbrief as it is imported) and returns the function to call with each input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from newsbrief.types import Article, Failure, RawDocument  # noqa: E402  (needs REPO on the path)

Target = Callable[[bytes], None]


def fuzz(load: Callable[[], Target]) -> None:
    """Run ``load()``'s target under atheris with the command-line libFuzzer flags."""
    import atheris

    with atheris.instrument_imports(include=["newsbrief"]):
        target = load()
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


def check_items(items: Iterable[RawDocument | Failure]) -> list[RawDocument]:
    """A reader yields documents and failures only, and every failure is one readable line."""
    documents = []
    for item in items:
        if isinstance(item, Failure):
            assert item.source and item.reason, item
            assert "\n" not in item.reason and "\n" not in item.source, item
        else:
            assert isinstance(item, RawDocument), type(item)
            assert isinstance(item.content, str) and item.content.strip(), item
            documents.append(item)
    return documents


def check_article(article: Article) -> None:
    """Body paragraphs and sentences index the article text exactly."""
    body = [p for p in article.paragraphs if p.kind == "body"]
    assert article.text == "\n\n".join(p.text for p in body)
    for paragraph in body:
        assert paragraph.start is not None and paragraph.end is not None
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
    previous = 0
    for sentence in article.sentences:
        assert previous <= sentence.start < sentence.end <= len(article.text), sentence
        assert article.text[sentence.start : sentence.end] == sentence.text
        previous = sentence.end
