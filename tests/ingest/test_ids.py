"""Article ids stay unique when inputs reuse them."""

from __future__ import annotations

from newsbrief.examples import example_paths
from newsbrief.ingest.ids import IdAllocator, free_id
from newsbrief.pipeline import clean_documents
from newsbrief.types import RawDocument


def test_repeats_are_numbered_from_two() -> None:
    ids = IdAllocator()
    assert [ids.claim(i) for i in ["x", "y", "x", "x"]] == ["x", "y", "x-2", "x-3"]


def test_an_input_whose_own_id_was_already_given_out_is_bumped() -> None:
    ids = IdAllocator()
    claimed = [ids.claim(i) for i in ["x", "x", "x-2", "x-2"]]
    assert claimed == ["x", "x-2", "x-2-2", "x-2-3"]
    assert len(set(claimed)) == len(claimed)


def test_free_id_skips_every_taken_candidate() -> None:
    taken = {"a", "a-2", "a-3"}
    assert free_id("a", 1, taken.__contains__) == "a-4"
    assert free_id("b", 0, taken.__contains__) == "b"


def test_clean_documents_never_gives_two_articles_one_id() -> None:
    documents = [
        RawDocument(id=article_id, source=str(path), content=path.read_text(), format="text")
        for article_id, path in zip(["x", "x", "x-2"], example_paths(), strict=False)
    ]
    articles, failures = clean_documents(documents)
    assert not failures
    assert [a.id for a in articles] == ["x", "x-2", "x-2-2"]
    assert all(s.article == a.id for a in articles for s in a.sentences)


def test_input_stem_drops_the_format_suffix_and_gzip() -> None:
    from newsbrief.ingest.ids import input_stem

    assert input_stem("crawl/feed.jsonl.gz") == "feed"
    assert input_stem("feed.JSONL") == "feed"
    assert input_stem("pages/story.html.gz") == "story"
    assert input_stem("feed.v2.jsonl") == "feed.v2"
    assert input_stem("<stdin>") == "<stdin>"
