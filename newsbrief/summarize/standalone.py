"""Summary sentences that stand alone, read after the cross-source analysis.

An extracted sentence may lean on its neighbours in the article it came from: "“Our differences
will not be easy to bridge,” he added" names its speaker two sentences earlier. In a summary it
follows whatever bullet came before (on the seeds, one about Grushko), so "he" reads as the wrong
man. ``stand_alone`` replaces such a pronoun, the subject of a reporting verb, with the speaker
it stands for ("...,” Stoltenberg added"), puts the speaker before a sentence that is only a
quotation ("Voss: “I will not gamble ...”"), and marks the sentence ``rewritten``; the citation
still points at the source sentence. The speaker is the one the quote analysis attributed the
quotation to, or else the last person named as a speaker before it in the same article. A
sentence whose pronoun cannot be resolved is left out of the summary rather than shown leaning
on the wrong bullet.

A sentence that states a figure the outlets disagree on (``numbers`` entries with ``conflict``)
gets the disagreement attached (``contested``): every value of the figure's group with the
reports that give it, the sentence's own value first.

Selection is not changed by either step: ``summarize`` (and so the ROUGE evaluation) is untouched;
``newsbrief.pipeline.build_brief`` calls this after the analysis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsbrief.types import Article, Brief, ContestedFigure, NumberFact, Quote, SummarySentence

_VERBS = (
    "said|says|added|adds|told|tells|warned|stressed|noted|insisted|continued|explained|argued"
    "|declared|wrote|asked|replied|recalled|acknowledged|conceded|admitted|emphasised|emphasized"
    "|underlined|underscored|cautioned|urged|announced|claimed|suggested"
)
# "...,” he added", "...," she said", "The talks were useful, he said" and "He added: “..." /
# "She also said that ...".
_AFTER_QUOTE = re.compile(
    rf"(?:(?<=[,.?!][”\"’']\s)|(?<=,\s))(?P<pronoun>he|she)(?=\s+(?:also\s+)?(?:{_VERBS})\b)"
)
_OPENING = re.compile(rf"^(?P<pronoun>He|She)(?=\s+(?:also\s+|later\s+|then\s+)?(?:{_VERBS})\b)")
# A named speaker in a sentence of the article: "Stoltenberg said", "said Jens Stoltenberg",
# "Nato chief Jens Stoltenberg warned".
_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}"
_NAMED_SPEAKER = re.compile(
    rf"(?P<before>{_NAME})\s+(?:also\s+)?(?:{_VERBS})\b|\b(?:{_VERBS})\s+(?:[a-z][\w-]*\s+){{0,3}}(?P<after>{_NAME})"
)
# A sentence that is nothing but a quotation: its speaker is named in another sentence.
_BARE_QUOTE = re.compile(r"^[“\"][^“”\"]*[”\"]$")
_DETERMINERS = frozenset(["a", "an", "the", "his", "her", "its", "their", "our", "one", "two", "three"])
_NOT_NAMES = frozenset(["He", "She", "They", "It", "We", "I", "The", "But", "And", "Mr", "Ms", "Mrs"])


def stand_alone(brief: Brief) -> Brief:
    """The brief with pronoun speakers of its summary resolved (or their sentences left out) and
    contested figures attached; ``summary_support`` is renumbered to match."""
    by_id = {a.id: a for a in brief.event.articles}
    quotes, numbers = brief.quotes or [], brief.numbers or []
    kept: list[SummarySentence] = []
    old_index: list[int] = []
    for number, sentence in enumerate(brief.summary):
        earlier = " ".join(k.text for k in kept)
        if not _resolve_pronoun(sentence, quotes, by_id.get(sentence.article), earlier):
            continue
        sentence.contested = contested_figures(sentence, numbers)
        kept.append(sentence)
        old_index.append(number)
    if brief.summary_support and len(kept) != len(brief.summary):
        new_index = {old: new for new, old in enumerate(old_index)}
        brief.summary_support = [
            replace(record, sentence=new_index[record.sentence])
            for record in brief.summary_support
            if record.sentence in new_index
        ]
    brief.summary = kept
    return brief


def _resolve_pronoun(
    sentence: SummarySentence, quotes: Sequence[Quote], article: Article | None, earlier: str
) -> bool:
    """Replace a pronoun speaker with the speaker's name (the surname when an earlier bullet
    names the person, else the full name); False when it cannot be resolved."""
    if _BARE_QUOTE.match(sentence.text):
        # "“I will not gamble with people’s lives ...”" -> "Voss: “I will not gamble ...”"; left
        # as it is when the quote analysis found no speaker.
        speaker = _quoted_speaker(sentence, quotes, earlier)
        if speaker is not None:
            sentence.text = f"{speaker[0].upper()}{speaker[1:]}: {sentence.text}"
            sentence.rewritten = True
        return True
    found = _OPENING.search(sentence.text) or _AFTER_QUOTE.search(sentence.text)
    if found is None:
        return True
    name = _quoted_speaker(sentence, quotes, earlier) or _previous_speaker(sentence, article)
    if name is None:
        return False
    start, end = found.span("pronoun")
    if start == 0:
        name = name[0].upper() + name[1:]
    sentence.text = sentence.text[:start] + name + sentence.text[end:]
    sentence.rewritten = True
    return True


def _short_name(speaker: str, kind: str | None, earlier: str) -> str:
    """How a news sentence names a person already named: the surname ("Stoltenberg"); an unnamed
    speaker by its description with an article ("the woman", not "woman said")."""
    surname = speaker.split()[-1]
    if kind == "PERSON" and re.search(rf"\b{re.escape(surname)}\b", earlier):
        return surname
    if kind is None and speaker[:1].islower() and speaker.split()[0] not in _DETERMINERS:
        return f"the {speaker}"
    return speaker


def _quoted_speaker(sentence: SummarySentence, quotes: Sequence[Quote], earlier: str) -> str | None:
    """The speaker the quote analysis gave to a quotation inside the sentence's source span."""
    for quote in quotes:
        if not quote.speaker:
            continue
        for carrier in quote.carried_by:
            if carrier.article == sentence.article and sentence.start <= carrier.start < sentence.end:
                return _short_name(quote.speaker, quote.speaker_type, earlier)
    return None


def _previous_speaker(sentence: SummarySentence, article: Article | None) -> str | None:
    """Without the parse: the last person named as a speaker before the sentence, in its article."""
    if article is None:
        return None
    last: str | None = None
    for earlier in article.sentences:
        if earlier.start >= sentence.start:
            break
        for match in _NAMED_SPEAKER.finditer(earlier.text):
            name = match["before"] or match["after"]
            words = [w for w in name.split() if w not in _NOT_NAMES]
            if words:
                last = words[-1]
    return last


def contested_figures(sentence: SummarySentence, numbers: Sequence[NumberFact]) -> list[ContestedFigure]:
    """The disputed figures the sentence states, each with every value its group gives."""
    groups: dict[str, list[NumberFact]] = {}
    for fact in numbers:
        if fact.conflict and fact.group:
            groups.setdefault(fact.group, []).append(fact)
    contested: list[ContestedFigure] = []
    for group, facts in groups.items():
        for fact in facts:
            own = next(
                (
                    r
                    for r in fact.reports
                    if r.article == sentence.article
                    and sentence.start <= r.start < sentence.end
                    and r.text in sentence.text
                ),
                None,
            )
            if own is not None:
                others = [f for f in facts if f is not fact]
                contested.append(ContestedFigure(text=own.text, group=group, values=[fact, *others]))
                break
    return contested
