"""Every summary sentence must cite articles that really state it."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from newsbrief.pipeline import build_brief
from newsbrief.types import Article, Brief

# A cited span shares much of the sentence's words (verbatim copy or paraphrase). Citations are
# the claim alignment's groups (newsbrief.analyze.context), whose members pairwise state the same
# fact (context.states_same_fact): a sentence that is merely on the same topic is not cited.
# The loosest seed citation is a real paraphrase at 58 ("impossible ... to agree to Moscow's core
# demands ... no veto" / "Russia doesn't have a veto"); the same-topic sentence the alignment
# used to cite for the first bullet ("difficult to bridge" for "would not compromise") is at 41.
MIN_TOKEN_SET_RATIO = 55


def _plain(text: str) -> str:
    return text.lower().translate(str.maketrans("’‘“”", "''\"\""))


_TOKEN = re.compile(r"[\w’'-]+|[^\w\s]")


def _is_deletion_of(text: str, span: str) -> bool:
    """``text`` is ``span`` with words deleted (a compression): its tokens occur in the span in
    the same order, the first one possibly capitalised because the opening was cut."""
    tokens = _TOKEN.findall(text)
    remaining = iter(_TOKEN.findall(span))
    for n, token in enumerate(tokens):
        if not any(t == token or (n == 0 and t.capitalize() == token) for t in remaining):
            return False
    return bool(tokens)


def test_deletion_check_rejects_added_or_reordered_words() -> None:
    span = "But the bridge closed on Monday (local time), officials said."
    assert _is_deletion_of("The bridge closed, officials said.", span)
    assert not _is_deletion_of("The bridge reopened, officials said.", span)
    assert not _is_deletion_of("Officials said the bridge closed.", span)


_NAME = r"(?:[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*|[Tt]he [a-z][\w’'-]*(?: [a-z][\w’'-]*)?)"


def _unrewritten(text: str) -> list[str]:
    """A rewritten sentence read back as its source: the speaker put before a bare quotation
    dropped, or the name that replaced "he"/"she" turned back into each pronoun."""
    readings = [re.sub(rf"^{_NAME}: (?=[“\"])", "", text)]
    for pronoun in ("he", "she"):
        readings.append(re.sub(rf"(?<=[”\"’'] ){_NAME}(?= [a-z])", pronoun, text, count=1))
        readings.append(re.sub(rf"^{_NAME}(?= [a-z])", pronoun.capitalize(), text, count=1))
    return readings


def _check_citations(brief: Brief, articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    assert brief.summary, "empty summary"
    for sentence in brief.summary:
        assert sentence.sources, f"sentence without citations: {sentence.text!r}"
        own = sentence.sources[0]
        assert own.article == sentence.article
        own_span = by_id[own.article].text[own.start : own.end]
        readings = _unrewritten(sentence.text) if sentence.rewritten else [sentence.text]
        assert any(t == own_span or _is_deletion_of(t, own_span) for t in readings), (
            sentence.text,
            own_span,
        )
        cited_articles = [c.article for c in sentence.sources]
        assert len(cited_articles) == len(set(cited_articles)), "an article cited twice"
        for citation in sentence.sources:
            text = by_id[citation.article].text
            assert 0 <= citation.start < citation.end <= len(text)
            span = text[citation.start : citation.end]
            ratio = fuzz.token_set_ratio(_plain(sentence.text), _plain(span))
            assert ratio >= MIN_TOKEN_SET_RATIO, (sentence.text, citation.article, span, ratio)


def test_seed_citations_contain_the_sentence(seed_articles: list[Article]) -> None:
    for words in (100, 250):
        _check_citations(build_brief(seed_articles, words=words), seed_articles)


def test_example_citations_contain_the_sentence(example_articles: list[Article]) -> None:
    _check_citations(build_brief(example_articles, words=200), example_articles)


def test_significant_differences_cited_by_four_seeds(seed_articles: list[Article]) -> None:
    brief = build_brief(seed_articles, words=100)
    matches = [s for s in brief.summary if "significant differences" in s.text.lower()]
    assert matches, [s.text for s in brief.summary]
    assert max(len({c.article for c in s.sources}) for s in matches) >= 4


def test_summary_respects_word_budget(seed_articles: list[Article]) -> None:
    for words in (60, 100, 200):
        total = sum(len(s.text.split()) for s in build_brief(seed_articles, words=words).summary)
        assert 0.5 * words <= total <= 1.15 * words, (words, total)


def test_paraphrase_with_a_different_number_is_not_support(example_articles: list[Article]) -> None:
    # 01 and 03 say 12 people were injured, 02 and 04 say 14: neither side may cite the other.
    brief = build_brief(example_articles, words=400)
    by_id = {a.id: a for a in example_articles}
    for sentence in brief.summary:
        for figure, other in (("12", "14"), ("14", "12")):
            if f"{figure} people" in sentence.text or f"injuring {figure}" in sentence.text:
                for citation in sentence.sources:
                    span = by_id[citation.article].text[citation.start : citation.end]
                    assert f" {other} " not in f" {span} ", (sentence.text, span)
