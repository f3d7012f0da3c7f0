"""Per-language word handling: which languages are read, tokens, stems and stop words.

English keeps its own code paths everywhere (Porter stems and sklearn's stop words, as ROUGE
counts them), so English output is unchanged; this module serves the other languages. The
language in force is a context variable set once per event (``language_scope``): the event's
language when all its articles share one, else ``"mul"`` (mixed), where each word is stemmed by
the stemmer of its script's language in the event.

Stems: Snowball (snowballstemmer, already a dependency) for es fr de it pt ru ar; Chinese has no
spaces, so its words are overlapping character bigrams. Stop words are short lists of function
words written here (articles, prepositions, pronouns, auxiliaries, conjunctions, the common
reporting verb): jusText's lists were tried and are frequency lists with content words in them
("abril", "album", 4,754 Russian entries), which would hide facts from the summarizer.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

import snowballstemmer

ENGLISH = "en"
MIXED = "mul"
# ISO 639-1 code -> (name, Snowball algorithm or None).
LANGUAGES: dict[str, tuple[str, str | None]] = {
    "en": ("English", "porter"),
    "es": ("Spanish", "spanish"),
    "fr": ("French", "french"),
    "de": ("German", "german"),
    "it": ("Italian", "italian"),
    "pt": ("Portuguese", "portuguese"),
    "ru": ("Russian", "russian"),
    "ar": ("Arabic", "arabic"),
    "zh": ("Chinese", None),
}
SUPPORTED = frozenset(LANGUAGES)

_STOP_TEXT = {
    "es": """a al algo algunos ante antes aquel aquella así aun aunque bajo cada como con contra cual
        cuando de del desde donde dos durante e el ella ellas ellos en entre era es esa ese eso esta
        está este esto estos fue fueron ha han hasta hay la las le les lo los más me mi mientras muy
        ni no nos o otra otro para pero por porque que qué se sea según ser si sí sin sobre son su
        sus también tan te tiene todo todos tras u un una uno unos y ya yo dijo dice afirmó""",
    "fr": """à a au aux avec ce ces cet cette comme dans de des du elle elles en est et été être eu il
        ils je la le les leur leurs lui mais me même ne ni nous on ont ou où par pas pour qu que qui
        sa se ses si son sont sous sur ta te tous tout très un une vous y a-t-il ainsi aussi avait
        dit déclaré selon entre après avant lors plus""",
    "de": """ab aber als am an auch auf aus bei bis da damit dann das dass dem den der des die dies
        diese dieser du durch ein eine einem einen einer eines er es für gegen hat hatte ich ihr ihre
        im in ist ja kein keine man mit nach nicht noch nun nur ob oder ohne sein seine sich sie sind
        so über um und uns unter vom von vor war waren wie wird wir wurde wurden zu zum zur sagte
        sagt laut sowie bereits""",
    "it": """a ad al alla alle agli ai anche che chi ci come con da dal dalla dei del della delle di
        e è ed era gli ha hanno il in la le lo ma ne nel nella nelle non o per più quale quando
        questo questa se si sia sono su sua sue suo suoi tra un una uno ha detto secondo dopo""",
    "pt": """a ao aos as à às com como da das de do dos e é ela ele eles em entre era essa esse esta
        este foi foram há isso já mais mas na nas no nos não o os ou para pela pelo pelos por que
        quando se sem ser seu seus sua suas também um uma umas uns disse segundo após""",
    "ru": """а без более бы был была были было в вам вас во вот все всё всех вы где да для до его
        ее её если есть еще ещё же за и из или им их к как ко когда кто ли либо мы на над не него
        нее нет ни но о об однако он она они оно от по под при с со так также там то того тоже
        только том тот у уже что чтобы это этот эти я заявил сказал словам""",
    "ar": """في من على إلى عن مع هذا هذه ذلك التي الذي الذين أن إن كان كانت لم لن ما لا و أو ثم
        قد بين بعد قبل حتى كل هو هي هم عند أي منذ إلا بل لكن وقال قال وأضاف أمس""",
    "zh": """的 了 在 是 和 与 及 也 都 而 对 于 将 被 把 这 那 其 之
        他 她 它 我 你 们 有 就 等 说 称 表示""",
}
STOP_WORDS: dict[str, frozenset[str]] = {code: frozenset(text.split()) for code, text in _STOP_TEXT.items()}

_LANGUAGE: ContextVar[str] = ContextVar("newsbrief_text_language", default=ENGLISH)
_LATIN: ContextVar[str] = ContextVar("newsbrief_latin_language", default=ENGLISH)
_WORD = re.compile(r"[^\W_]+(?:[.,'’-][^\W_]+)*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def current() -> str:
    """The language in force for word handling: a code, or ``"mul"``."""
    return _LANGUAGE.get()


def is_english() -> bool:
    return _LANGUAGE.get() == ENGLISH


def event_language(languages: Iterable[str | None]) -> str:
    """The one language of a set of articles, ``"mul"`` when they differ; undetected counts as
    English (the cleaner's default)."""
    found = {code or ENGLISH for code in languages}
    return found.pop() if len(found) == 1 else MIXED


def majority(languages: Iterable[str | None]) -> str:
    """The most common language, ties to the first seen."""
    counts = Counter(code or ENGLISH for code in languages)
    return counts.most_common(1)[0][0] if counts else ENGLISH


@contextlib.contextmanager
def language_scope(languages: Iterable[str | None]) -> Iterator[str]:
    """Word handling for articles in ``languages`` within the block."""
    codes = [code or ENGLISH for code in languages]
    language = event_language(codes)
    latin = majority(c for c in codes if c not in ("ru", "ar", "zh")) if codes else ENGLISH
    token, latin_token = _LANGUAGE.set(language), _LATIN.set(latin)
    try:
        yield language
    finally:
        _LANGUAGE.reset(token)
        _LATIN.reset(latin_token)


@functools.cache
def _stemmer(algorithm: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(algorithm)


def _fold(word: str) -> str:
    # Accents are dropped after stemming, so "información" and "informacion" meet.
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _script_language(word: str, language: str) -> str:
    if language != MIXED:
        return language
    ch = word[0]
    if "\u0400" <= ch <= "\u04ff":
        return "ru"
    if "\u0600" <= ch <= "\u06ff":
        return "ar"
    if _HAN.match(ch):
        return "zh"
    return _LATIN.get()


@functools.lru_cache(maxsize=65536)
def stem_word(word: str, language: str) -> str:
    """Stem of a lower-case word in ``language`` (a code)."""
    algorithm = LANGUAGES.get(language, ("", None))[1]
    if algorithm is None or len(word) <= 3 or not word.isalpha():
        return _fold(word)
    return _fold(_stemmer(algorithm).stemWord(word))


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits of any script; Chinese as character bigrams)."""
    out: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if _HAN.search(word):
            out.extend(_han_terms(word))
        else:
            out.append(word)
    return out


def _han_terms(run: str) -> list[str]:
    terms: list[str] = []
    for piece in re.split(r"([\u3400-\u9fff\uf900-\ufaff]+)", run):
        if not piece:
            continue
        if _HAN.match(piece):
            terms.extend(piece if len(piece) == 1 else [piece[i : i + 2] for i in range(len(piece) - 1)])
        else:
            terms.append(piece)
    return terms


def is_stop_word(word: str, language: str | None = None) -> bool:
    """``word`` (lower case, unstemmed) is a function word of ``language`` (default: in force)."""
    language = _script_language(word, language or _LANGUAGE.get()) if word else ENGLISH
    return word in STOP_WORDS.get(language, frozenset())


def tagged_terms(text: str) -> list[tuple[str, bool]]:
    """(stem, written with a capital) of every word of ``text`` in the language in force;
    stop words are returned as themselves so callers can recognise them (``is_stop_term``)."""
    language = _LANGUAGE.get()
    out: list[tuple[str, bool]] = []
    for word in words(text):
        lower = word.lower()
        own = _script_language(lower, language)
        if lower in STOP_WORDS.get(own, frozenset()):
            out.append((lower, False))
        else:
            out.append((stem_word(lower, own), word[0].isupper()))
    return out


def is_stop_term(term: str) -> bool:
    return is_stop_word(term)


def content_tokens(text: str) -> list[str]:
    """Stemmed words of ``text`` without stop words (the lexical similarity's tokens)."""
    language = _LANGUAGE.get()
    out = []
    for word in words(text.lower()):
        own = _script_language(word, language)
        if word not in STOP_WORDS.get(own, frozenset()):
            out.append(stem_word(word, own))
    return out


# Chinese news averages about 1.7 characters a word; its function characters (的 了 在 是 ...)
# are fewer per character than English function words per word, hence the weight (the line
# cleaner's prose test asks for a 0.2 stop-word ratio).
_HAN_CHARS_PER_WORD = 1.7
_HAN_STOP_WEIGHT = 3.0


def line_words(text: str) -> tuple[int, float]:
    """(words, function words) of a line in the language in force, for the line cleaner."""
    language = _LANGUAGE.get()
    han = len(_HAN.findall(text))
    if han:
        stop_chars = sum(ch in STOP_WORDS["zh"] for ch in text)
        others = [w for w in _WORD.findall(_HAN.sub(" ", text))]
        words = round(han / _HAN_CHARS_PER_WORD) + len(others)
        return words, min(float(words), _HAN_STOP_WEIGHT * stop_chars / _HAN_CHARS_PER_WORD)
    tokens = [w.lower() for w in _WORD.findall(text)]
    stops = STOP_WORDS.get(language, frozenset()) if language != MIXED else frozenset()
    return len(tokens), float(sum(t in stops for t in tokens))


def shown_languages(languages: Iterable[str | None]) -> bool:
    """Whether a brief names each source's language: when any is not English (an English-only
    brief stays as it was)."""
    return any((code or ENGLISH) != ENGLISH for code in languages)
