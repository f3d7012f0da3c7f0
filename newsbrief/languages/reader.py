"""The brief in the reader's language, without machine translation: a summary sentence taken
from a report in another language is replaced by the same claim's sentence from a report in the
reader's language when one carries it (the claim × outlet table says which do); a claim found
only in other languages stays in its own language, marked with it."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.text.languages import majority
from newsbrief.types import Article, Citation, Claim, Mention, SummarySentence, SupportCount


def reader_language(articles: Sequence[Article], requested: str | None) -> str:
    """``requested``, else the articles' majority language."""
    return requested or majority(a.language for a in articles)


def in_reader_language(
    summary: list[SummarySentence],
    claims: Sequence[Claim],
    articles: Sequence[Article],
    language: str,
) -> dict[int, SupportCount]:
    """Summary sentences moved to the reader's ``language`` where a claim allows; returns the
    support counts (the claim's) of the sentences that moved, by position in ``summary``."""
    language_of = {a.id: a.language or "en" for a in articles}
    counts: dict[int, SupportCount] = {}
    for number, sentence in enumerate(summary):
        if language_of.get(sentence.article) == language:
            continue
        claim = _claim_of(sentence, claims)
        member = _member_in(language, claim, language_of)
        if claim is None or member is None:
            sentence.language = language_of.get(sentence.article)
            continue
        sentence.text, sentence.article = member.text, member.article
        sentence.start, sentence.end, sentence.compressed = member.start, member.end, False
        # Cited by every report the claim holds, the reader's language first.
        others = [m for m in claim.members if m.article != member.article]
        sentence.sources = [Citation(m.article, m.start, m.end) for m in [member, *others]]
        counts[number] = claim.support_count
    return counts


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
