"""Quotations without a parser: the fallback when spaCy is not installed.

Only the plainest attributions are read: a name or pronoun with a reporting verb right after the
closing mark ("...,” Stoltenberg said", "...,” said Mr Peskov", "...,” he added") or right before
the opening one ("Stoltenberg said: “..."). Pronouns and unattributed quoted paragraphs go to the
last named speaker of the article; a surname goes to the fuller name it ends. Everything is
``direct``; indirect speech needs the parse.
"""

from __future__ import annotations

import re

from newsbrief.analyze.nlp import body_paragraphs
from newsbrief.analyze.quote_marks import find_quoted_spans
from newsbrief.analyze.quotes import QuoteInstance
from newsbrief.analyze.speakers import Speaker
from newsbrief.analyze.speech import SPEECH_FORMS
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


def _who(raw: str, known: list[str], last: str | None) -> str | None:
    if raw.lower() in {"he", "she", "they"}:
        return last
    name = _HONORIFIC.sub("", re.sub(r"^(?:[a-z][\w-]*\s+)+", "", raw))
    fuller = [k for k in known if k != name and k.endswith(" " + name)]
    return fuller[-1] if fuller else name


def extract_plain_quotes(articles: list[Article]) -> list[QuoteInstance]:
    instances: list[QuoteInstance] = []
    for article in articles:
        known: list[str] = []
        last: str | None = None
        last_paragraph = -2
        for number, (p_start, p_end) in enumerate(body_paragraphs(article)):
            text = article.text[p_start:p_end]
            for span in find_quoted_spans(text):
                after = _AFTER.match(text[span.end :])
                before = _BEFORE.search(text[: span.start])
                raw = (after["who"] or after["who2"]) if after else (before["who"] if before else None)
                if raw is not None:
                    name = _who(raw, known, last)
                elif span.start == 0 and number - last_paragraph <= 1:
                    name = last  # a quoted paragraph going on from the one before
                else:
                    continue
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
