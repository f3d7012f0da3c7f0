"""Sentence splitting with offsets into Article.text.

pysbd handles the abbreviations news is full of ("U.S.", "Jan.", "Mr.") and
quotes ending in punctuation; it runs per body paragraph so no sentence
crosses a paragraph boundary. Offsets are found here, not taken from pysbd,
so they are always in order and never overlap.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd
import sentencex

from newsbrief.types import Article, Sentence

# pysbd's rules for these languages (abbreviations such as "Dr.", "z.B.", "Sr."); sentencex for
# the rest of the supported ones: pysbd has no Portuguese, splits Russian "т.ч." and cuts Chinese
# 。” before the closing quote, which sentencex keeps with its sentence.
PYSBD_LANGUAGES = frozenset({"en", "es", "fr", "de", "it"})
SENTENCEX_LANGUAGES = frozenset({"pt", "ru", "ar", "zh"})
# Chinese and Arabic sentence ends, for the long-piece pre-split.
_SOFT_BREAK_ANY = re.compile(r"(?:[.!?][\"'”’»)\]]*\s+|[。！？][”’」』）]*|[؟۔]\s*)")

# pysbd's cost grows quadratically with the length of the text it is given; real paragraphs are
# well under this, and a longer one (a page with no line breaks) is split at sentence-like
# boundaries into pieces of at most this size first.
MAX_SEGMENT_CHARS = 3000
# A likely sentence end: terminal punctuation, closing quotes or brackets, then whitespace.
_SOFT_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8)
def _segmenter(language: str = "en") -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False)


def _sentence_strings(piece: str, language: str) -> list[str]:
    if language in SENTENCEX_LANGUAGES:
        return list(sentencex.segment(language, piece))
    # The processor alone: Segmenter.segment would also run pysbd's span finder.
    segmenter = _segmenter(language if language in PYSBD_LANGUAGES else "en")
    return segmenter.processor(piece).process()


def split_text(text: str, base: int = 0, language: str | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, shifted by ``base``, whitespace trimmed;
    ``language`` (ISO 639-1) picks the splitter, English when None or unknown.

    Spans are increasing, never overlap, and together cover every non-space character.
    """
    spans: list[tuple[int, int]] = []
    language = language or "en"
    for start, end in _pieces(text, language):
        spans.extend((base + s, base + e) for s, e in _split_piece(text, start, end, language))
    return spans


def _pieces(text: str, language: str = "en") -> list[tuple[int, int]]:
    """``text`` cut into runs of at most ``MAX_SEGMENT_CHARS``, preferably after a sentence end,
    else after whitespace, else anywhere."""
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > MAX_SEGMENT_CHARS:
        limit = start + MAX_SEGMENT_CHARS
        soft = _last_break(_SOFT_BREAK if language == "en" else _SOFT_BREAK_ANY, text, start, limit)
        cut = soft or _last_break(_SPACE, text, start, limit) or limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _last_break(pattern: re.Pattern[str], text: str, start: int, limit: int) -> int | None:
    # Only the second half of the window is searched, so pieces stay long enough to be useful.
    last = None
    for match in pattern.finditer(text, start + MAX_SEGMENT_CHARS // 2, limit):
        last = match.end()
    return last


def _split_piece(text: str, start: int, end: int, language: str = "en") -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``, found in it in order.

    pysbd returns sentence strings; its own span finder can give overlapping spans for repeated
    sentences and drops any sentence it altered, so each string is looked for after the previous
    one, and text between found sentences becomes a sentence of its own rather than being lost.
    """
    piece = text[start:end]
    try:
        sentences = _sentence_strings(piece, language)
    except Exception:  # a splitter failure costs the sentence boundaries, never the text
        sentences = [piece]
    found: list[tuple[int, int]] = []
    cursor = 0
    for sentence in sentences:
        needle = sentence.strip()
        at = piece.find(needle, cursor) if needle else -1
        if at < 0:
            continue
        if piece[cursor:at].strip():
            found.append((cursor, at))
        found.append((at, at + len(needle)))
        cursor = at + len(needle)
    found.append((cursor, len(piece)))
    return [span for s, e in found if (span := _trimmed(piece, s, e, start))]


def _trimmed(piece: str, start: int, end: int, base: int) -> tuple[int, int] | None:
    while start < end and piece[start].isspace():
        start += 1
    while end > start and piece[end - 1].isspace():
        end -= 1
    return (base + start, base + end) if end > start else None


def split_sentences(article: Article) -> list[Sentence]:
    sentences: list[Sentence] = []
    body = [p for p in article.paragraphs if p.kind == "body" and p.start is not None]
    for number, paragraph in enumerate(body):
        assert paragraph.start is not None
        for start, end in split_text(paragraph.text, paragraph.start, article.language):
            sentences.append(
                Sentence(
                    article=article.id,
                    index=len(sentences),
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    paragraph=number,
                )
            )
    return sentences


def annotate_sentences(article: Article) -> Article:
    article.sentences = split_sentences(article)
    return article
