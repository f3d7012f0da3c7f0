"""The brief in the reader's language, without machine translation: a summary sentence taken
from a report in another language is replaced by the same claim's sentence from a report in the
reader's language when one carries it (the claim × outlet table says which do); a claim found
only in other languages stays in its own language, marked with it."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.text.languages import majority
from newsbrief.types import Article, Citation, Claim, Mention, SummarySentence


def reader_language(articles: Sequence[Article], requested: str | None) -> str:
    """``requested``, else the articles' majority language."""
    return requested or majority(a.language for a in articles)


def in_reader_language(
    summary: list[SummarySentence],
    claims: Sequence[Claim],
    articles: Sequence[Article],
    language: str,
) -> None:
    language_of = {a.id: a.language or "en" for a in articles}
    for sentence in summary:
        if language_of.get(sentence.article) == language:
            continue
        member = _member_in(language, _claim_of(sentence, claims), language_of)
        if member is None:
            sentence.language = language_of.get(sentence.article)
            continue
        sentence.text, sentence.article = member.text, member.article
        sentence.start, sentence.end, sentence.compressed = member.start, member.end, False
        rest = [c for c in sentence.sources if c.article != member.article]
        sentence.sources = [Citation(member.article, member.start, member.end), *rest]


def _claim_of(sentence: SummarySentence, claims: Sequence[Claim]) -> Claim | None:
    for claim in claims:
        for member in claim.members:
            same_article = member.article == sentence.article
            if same_article and member.start < sentence.end and sentence.start < member.end:
                return claim
    return None


def _member_in(language: str, claim: Claim | None, language_of: dict[str, str]) -> Mention | None:
    if claim is None:
        return None
    return next((m for m in claim.members if language_of.get(m.article) == language), None)
