"""Quotations without a parser: the fallback when spaCy is not installed.

Only the plainest attributions are read: a name or pronoun with a reporting verb right after the
closing mark ("...,” Stoltenberg said", "...,” said Mr Peskov", "...,” he added") or right before
the opening one ("Stoltenberg said: “..."). Pronouns and unattributed quoted paragraphs go to the
last named speaker of the article; a surname goes to the fuller name it ends. Everything is
``direct``; indirect speech needs the parse. As with the parse, a time zone, number or document
("GMT", "the report") is never a speaker, and a name in quotation marks (“Frank”), a short quoted
term nobody is named saying, and a heading that is only a short quotation are not quotations.
"""

from __future__ import annotations

import re

from newsbrief.analyze.nlp import body_paragraphs
from newsbrief.analyze.quote_marks import (
    MAX_TERM_WORDS,
    QuotedSpan,
    find_quoted_spans,
    is_heading,
    is_title,
    looks_like_name,
    word_count,
)
from newsbrief.analyze.quotes import QuoteInstance
from newsbrief.analyze.speakers import Speaker
from newsbrief.analyze.speech import DOCUMENT_NOUNS, SPEECH_FORMS, TIME_WORDS
from newsbrief.languages.speech import dialogue_span, is_pronoun
from newsbrief.languages.speech import patterns as speech_patterns
from newsbrief.types import Article

_VERB = "|".join(sorted((f for f in SPEECH_FORMS if f != "according"), key=len, reverse=True))
_NAME = r"(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3}"
_PRONOUN = r"[Hh]e|[Ss]he|[Tt]hey"
# Lower-case title words may stand before the name: "...,” harbour master Tom Reyes said".
_TITLE = r"(?:[a-z][\w-]*\s+){0,3}"
_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<who>{_PRONOUN}|{_TITLE}{_NAME})\s+(?:{_VERB})\b"
    rf"|(?:{_VERB})\s+{_TITLE}(?P<who2>{_NAME})\b)"
)
_BEFORE = re.compile(rf"(?P<who>{_NAME}|{_PRONOUN})\s+(?:{_VERB})(?:\s+that)?\s*[:,]?\s*$")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr)\.?\s+")


def _who(raw: str, known: list[str], last: str | None, language: str = "en") -> str | None:
    if raw.lower() in {"he", "she", "they"} or is_pronoun(raw, language):
        return last
    name = _HONORIFIC.sub("", re.sub(r"^(?:[a-z][\w-]*\s+)+", "", raw))
    if any(w.lower() in TIME_WORDS | DOCUMENT_NOUNS for w in name.split()):
        return None  # "GMT", "Report": never who said something
    fuller = [k for k in known if k != name and k.endswith(" " + name)]
    return fuller[-1] if fuller else name


def _raw_who(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    groups = match.groupdict()
    return groups.get("who") or groups.get("who2")


def extract_plain_quotes(articles: list[Article]) -> list[QuoteInstance]:
    instances: list[QuoteInstance] = []
    for article in articles:
        known: list[str] = []
        last: str | None = None
        last_paragraph = -2
        language = article.language or "en"
        after_re, before_re = speech_patterns(language) or (_AFTER, _BEFORE)
        for number, (p_start, p_end) in enumerate(body_paragraphs(article)):
            text = article.text[p_start:p_end]
            spans = find_quoted_spans(text)
            if not spans and (dash := dialogue_span(text, language)):
                spans = [QuotedSpan(*dash)]
            for span in spans:
                inner = text[span.inner_start : span.inner_end]
                if is_heading(text, span) or is_title(text, span) or looks_like_name(inner):
                    continue
                after = after_re.match(text[span.end :])
                before = before_re.search(text[: span.start])
                raw = _raw_who(after) or _raw_who(before)
                if raw is not None:
                    name = _who(raw, known, last, language)
                elif span.start == 0 and number - last_paragraph <= 1:
                    name = last  # a quoted paragraph going on from the one before
                else:
                    continue
                if name is None and word_count(inner) <= MAX_TERM_WORDS:
                    continue  # a quoted term or answer nobody is named saying
                if name is not None and name not in known:
                    known.append(name)
                if name is not None:
                    last, last_paragraph = name, number
                start, end = p_start + span.inner_start, p_start + span.inner_end
                instances.append(
                    QuoteInstance(
                        article=article.id,
                        start=start,
                        end=end,
                        kind="direct",
                        speaker=Speaker(name=name) if name else None,
                        quoted=[(start, end)],
                        paragraph=number,
                    )
                )
    return instances
