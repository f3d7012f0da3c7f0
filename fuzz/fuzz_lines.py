"""Fuzz the line classifier, the text cleaner and the sentence splitter on arbitrary text."""

from __future__ import annotations

from harness_support import Target, check_article, fuzz


def load() -> Target:
    from newsbrief.clean.article import clean_document, clean_lines
    from newsbrief.text.sentences import annotate_sentences
    from newsbrief.types import RawDocument

    def target(data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        lines = text.splitlines()
        _, labelled = clean_lines(lines, title=lines[0] if lines else None)
        assert all(0 <= line.index < len(lines) for line in labelled)
        raw = RawDocument(id="fuzz", source="fuzz.txt", content=text, format="text")
        check_article(annotate_sentences(clean_document(raw)))

    return target


if __name__ == "__main__":
    fuzz(load)
