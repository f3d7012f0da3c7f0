"""Per-language words: stems, stop words and Chinese bigrams follow the event's language, and
English keeps its own (Porter, sklearn stop words) untouched."""

from __future__ import annotations

from newsbrief.summarize.terms import STOP_WORDS, terms
from newsbrief.text.languages import content_tokens, event_language, language_scope, line_words
from newsbrief.text.tokens import tokenize


def test_english_is_the_default_and_unchanged() -> None:
    assert terms("Talks resumed in Geneva") == ["talk", "resum", "in", "geneva"]
    assert "the" in STOP_WORDS and "el" not in STOP_WORDS


def test_spanish_words_are_stemmed_and_stopped_in_spanish() -> None:
    with language_scope(["es", "es"]):
        assert terms("Las negociaciones se reanudaron") == ["las", "negoci", "se", "reanud"]
        assert "el" in STOP_WORDS and "the" not in STOP_WORDS
        # Accented and unaccented spellings meet; stop words are not content.
        assert tokenize("la información") == tokenize("informacion")
    assert "el" not in STOP_WORDS  # the scope ends with the block


def test_russian_and_arabic_get_their_snowball_stems() -> None:
    with language_scope(["ru"]):
        assert content_tokens("переговоры") == content_tokens("переговоров")
    with language_scope(["ar"]):
        # The article al- and the preposition bi- are stripped: "the minister", "with the minister".
        assert content_tokens("الوزير") == content_tokens("بالوزير") == ["وزير"]


def test_chinese_is_read_as_character_bigrams() -> None:
    with language_scope(["zh"]):
        assert terms("大桥关闭") == ["大桥", "桥关", "关闭"]
        words, stops = line_words("港务局表示，事故原因正在调查之中。")
        assert 8 <= words <= 11 and stops > 0


def test_mixed_events_stem_each_script_in_its_language() -> None:
    assert event_language(["en", "es"]) == "mul"
    assert event_language(["de", None, "de"]) == "mul"  # undetected counts as English
    with language_scope(["es", "ru", "es"]):
        assert content_tokens("negociaciones переговоры") == ["negoci", "переговор"]
