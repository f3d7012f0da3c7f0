"""Who said a quotation, outside English: small lists of reporting verbs and subject pronouns
per language, and the two shapes news uses around a quotation ("«...», dijo X" / "X sagte: „...“",
"他表示：“...”"). Forms are written out (no morphology): the past and present forms news uses
for "said", "stated", "added", "declared", "explained", "told".
"""

from __future__ import annotations

import re
from functools import cache

SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "es": (
        "dijo",
        "dice",
        "declaró",
        "afirmó",
        "añadió",
        "agregó",
        "explicó",
        "aseguró",
        "señaló",
        "indicó",
        "manifestó",
        "sostuvo",
        "advirtió",
        "subrayó",
        "comentó",
        "respondió",
    ),
    "fr": (
        "a déclaré",
        "a dit",
        "a affirmé",
        "a ajouté",
        "a expliqué",
        "a indiqué",
        "a assuré",
        "a souligné",
        "déclare",
        "dit",
        "affirme",
        "ajoute",
        "explique",
        "indique",
        "assure",
        "souligne",
        "a-t-il déclaré",
        "a-t-elle déclaré",
        "a-t-il dit",
        "a-t-elle dit",
        "a-t-il ajouté",
        "a-t-elle ajouté",
    ),
    "de": (
        "sagte",
        "sagt",
        "erklärte",
        "erklärt",
        "betonte",
        "betont",
        "fügte hinzu",
        "meinte",
        "so",
        "teilte mit",
        "warnte",
        "berichtete",
        "sagten",
        "erklärten",
    ),
    "it": (
        "ha detto",
        "ha dichiarato",
        "ha affermato",
        "ha aggiunto",
        "ha spiegato",
        "ha sottolineato",
        "dice",
        "afferma",
        "aggiunge",
        "spiega",
        "ha detto",
        "ha commentato",
    ),
    "pt": (
        "disse",
        "afirmou",
        "declarou",
        "acrescentou",
        "explicou",
        "garantiu",
        "sublinhou",
        "diz",
        "afirma",
        "comentou",
        "ressaltou",
    ),
    "ru": (
        "сказал",
        "сказала",
        "заявил",
        "заявила",
        "отметил",
        "отметила",
        "добавил",
        "добавила",
        "подчеркнул",
        "подчеркнула",
        "сообщил",
        "сообщила",
        "пояснил",
        "пояснила",
        "говорит",
    ),
    "zh": ("说", "表示", "称", "指出", "强调", "透露", "告诉"),
    "ar": ("قال", "وقال", "قالت", "وقالت", "أضاف", "وأضاف", "أضافت", "وأضافت", "أكد", "وأكد"),
}
PRONOUNS: dict[str, tuple[str, ...]] = {
    "es": ("él", "ella"),
    "fr": ("il", "elle"),
    "de": ("er", "sie"),
    "it": ("lui", "lei"),
    "pt": ("ele", "ela"),
    "ru": ("он", "она"),
    "zh": ("他", "她"),
    "ar": (),
}
_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_NAME = rf"[{_UPPER}][\w’'\-]+(?:\s+(?:de|del|da|di|von|van|la|le)?\s*[{_UPPER}][\w’'\-]+){{0,3}}"
_TITLE = r"(?:[^\W\d_A-ZÀ-ÖØ-ÞА-ЯЁ][\w-]*\s+){0,3}"
_DASH = r"[\s,—–-]*"


@cache
def patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """(after the quotation, before it) for ``language``; the speaker is group ``who``."""
    verbs = SPEECH_VERBS.get(language)
    if not verbs:
        return None
    verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    if language in ("zh", "ar"):
        who = r"[\u3400-\u9fff]{2,6}" if language == "zh" else r"[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+){0,2}"
        after = re.compile(rf"^[\s，,]*(?P<who>{who})(?:{verb})")
        before = re.compile(rf"(?:(?P<who>{who})(?:{verb})|(?:{verb})\s(?P<who2>{who}))\s*[：:，,]?\s*$")
        return after, before
    pronoun = "|".join(PRONOUNS[language] + tuple(p.capitalize() for p in PRONOUNS[language]))
    who = rf"{_TITLE}{_NAME}" + (f"|{pronoun}" if pronoun else "")
    after = re.compile(rf"^{_DASH}(?:(?:{verb})\s+(?P<who>{who})\b|(?P<who2>{who})\s+(?:{verb})\b)")
    before = re.compile(rf"(?P<who>{_NAME}|{pronoun})\s+(?:{verb})(?:\s+\w+){{0,2}}\s*[:,]?\s*$")
    return after, before


def is_pronoun(word: str, language: str) -> bool:
    return word.lower() in PRONOUNS.get(language, ())


# Dialogue dashes (Spanish, Russian, Italian, Portuguese, French press): a paragraph opening with
# a dash is a quotation up to the dash that brings in the speaker ("—Todos a salvo —dijo ella.").
_DIALOGUE = re.compile(r"^[—―–]\s*(?P<inner>[^—―–]+?)[\s,]*(?P<close>[—―–]|$)")
DIALOGUE_LANGUAGES = frozenset({"es", "ru", "it", "pt", "fr"})


def dialogue_span(text: str, language: str) -> tuple[int, int, int, int] | None:
    """(start, end, inner_start, inner_end) of a dialogue-dash quotation opening ``text``;
    ``end`` is after the closing dash (or the paragraph's end), like a closing mark."""
    if language not in DIALOGUE_LANGUAGES:
        return None
    match = _DIALOGUE.match(text)
    if match is None:
        return None
    return 0, match.end(), match.start("inner"), match.end("inner")
