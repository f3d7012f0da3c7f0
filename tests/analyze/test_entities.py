from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from newsbrief.analyze.entities import extract_entities
from newsbrief.analyze.nlp import load_pipeline, parse_articles
from newsbrief.evaluate.analysis import MIN_ROLE_OVERLAP, role_similarity
from newsbrief.types import Article, Entity, Paragraph

GOLD = Path(__file__).resolve().parents[1] / "data" / "analyze" / "gold.py"
ROLE_PEOPLE = ("Jens Stoltenberg", "Alexander Grushko", "Dmitry Peskov", "Wendy Sherman")


def article(article_id: str, *paragraphs: str) -> Article:
    text = "\n\n".join(paragraphs)
    parts, at = [], 0
    for p in paragraphs:
        parts.append(Paragraph(text=p, kind="body", start=at, end=at + len(p)))
        at += len(p) + 2
    return Article(id=article_id, text=text, paragraphs=parts)


@pytest.fixture(scope="module")
def nlp() -> None:
    if load_pipeline() is None:
        pytest.skip("spaCy or its English model is not installed")


def entities_of(*articles: Article) -> list[Entity]:
    parsed = parse_articles(list(articles))
    assert parsed is not None
    return extract_entities(list(articles), parsed).entities


def by_name(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [e.name for e in entities]
    return found[0]


@pytest.fixture(scope="module")
def seed_entities(nlp: None, seed_articles: list[Article]) -> list[Entity]:
    return entities_of(*seed_articles)


@pytest.fixture(scope="module")
def gold_seeds() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("newsbrief_gold_for_entity_tests", GOLD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load_gold("seeds")


def test_name_variants_merge_across_articles(nlp: None) -> None:
    articles = [
        article(
            "a",
            "Nato Secretary-General Jens Stoltenberg met Russian Deputy Foreign Minister "
            "Alexander Grushko in Brussels.",
            "Stoltenberg said the European Union backed the talks.",
        ),
        article(
            "b",
            "NATO and Russia met on Wednesday. Mr Grushko said the EU had no say.",
            "Grushko left Brussels in the evening.",
        ),
    ]
    entities = entities_of(*articles)
    nato = by_name(entities, "NATO")
    assert nato.type == "ORG" and nato.articles == ["a", "b"]
    grushko = by_name(entities, "Alexander Grushko")
    assert grushko.type == "PERSON" and grushko.articles == ["a", "b"]
    assert {m.text for m in grushko.mentions} >= {"Alexander Grushko", "Grushko"}
    stoltenberg = by_name(entities, "Jens Stoltenberg")
    assert stoltenberg.type == "PERSON" and "Stoltenberg" in stoltenberg.variants
    eu = by_name(entities, "European Union")
    assert "EU" in eu.variants and eu.articles == ["a", "b"]
    assert "Nato Secretary-General" in stoltenberg.roles
    assert "Russian Deputy Foreign Minister" in grushko.roles
    for entity in entities:
        for m in entity.mentions:
            assert next(a for a in articles if a.id == m.article).text[m.start : m.end] == m.text


def test_shared_surname_goes_to_the_nearest_full_name(nlp: None) -> None:
    a = article(
        "a",
        "Activist Zainab Khawaja was sentenced on Monday. Her father Abdulhadi Khawaja is in prison.",
        "Zainab Khawaja will appeal. Khawaja said she would keep her son with her.",
    )
    entities = entities_of(a)
    zainab = by_name(entities, "Zainab Khawaja")
    father = by_name(entities, "Abdulhadi Khawaja")
    lone = a.text.rindex("Khawaja said")
    assert any(m.start == lone for m in zainab.mentions)
    assert not any(m.start == lone for m in father.mentions)


def test_seed_entities_merge_spelling_variants(seed_entities: list[Entity]) -> None:
    nato = by_name(seed_entities, "NATO")
    assert "Nato" in nato.variants and len(nato.articles) == 5
    stoltenberg = by_name(seed_entities, "Jens Stoltenberg")
    assert len(stoltenberg.articles) == 5
    assert not [e for e in seed_entities if e.name in {"Stoltenberg", "Grushko", "Peskov", "Nato"}]


def test_seed_roles_of_the_officials_match_the_gold(
    seed_entities: list[Entity], seed_articles: list[Article], gold_seeds: dict[str, Any]
) -> None:
    """Every gold role of these four people that is written in the cleaned text is found, and
    every role found agrees with a gold role or is written right beside the name."""
    text = "\n".join(a.text for a in seed_articles)
    gold = {e["name"]: e for e in gold_seeds["entities"]}
    for name in ROLE_PEOPLE:
        found = by_name(seed_entities, name).roles
        assert found, name
        written = [r for r in gold[name]["roles"] if re.search(re.escape(r), text)]
        assert written, name
        for role in written:
            assert any(role_similarity(f, role) >= MIN_ROLE_OVERLAP for f in found), (name, role)
        for role in found:
            agrees = any(role_similarity(role, g) >= MIN_ROLE_OVERLAP for g in gold[name]["roles"])
            beside = re.search(rf"{re.escape(role)},? [\w ]*{name.split()[-1]}", text)
            appositive = re.search(rf"{name.split()[-1]}, (the )?{re.escape(role)}", text)
            assert agrees or beside or appositive, (name, role)


def test_example_types_checked_against_context(nlp: None, example_articles: list[Article]) -> None:
    parsed = parse_articles(example_articles)
    assert parsed is not None
    entities = extract_entities(example_articles, parsed).entities
    types = {e.name: e.type for e in entities}
    # "The Orla Venn, a 210-metre cargo ship": a vessel, not a person.
    assert types["Orla Venn"] == "PRODUCT"
    # The wire service is known from cleaning (dateline credit, byline); "Herald" ends an outlet.
    assert types["Coastline Wire"] == "ORG"
    assert types.get("Herald", "ORG") == "ORG"
    # "the Eastshore district", "Eastshore residents", "in Eastshore".
    assert types["Eastshore"] == "GPE"
    # "Shares in Halvorsen-Teague" is the company, merged with its full name.
    shipping = by_name(entities, "Halvorsen-Teague Shipping")
    assert shipping.type == "ORG" and "Halvorsen-Teague" in shipping.variants
    assert not [e for e in entities if e.type == "PERSON" and e.name in {"Orla Venn", "Coastline Wire"}]


def test_seed_crimea_is_a_place(seed_entities: list[Entity]) -> None:
    assert by_name(seed_entities, "Crimea").type == "GPE"


def test_one_person_across_name_variants(nlp: None) -> None:
    a = article("a", "Jonathan Magwood, 28, coaches a team of boys. Magwood broke two vertebrae.")
    b = article("b", "Coach Jonathon Magwood was hurt on Sunday, his family said.")
    c = article(
        "c",
        "His father, DeOrr Kunz Sr., said the boy was missing. DeOrr Kunz Jr. is 2."
        " Kunz Sr. searched for him.",
    )
    entities = entities_of(a, b, c)
    magwood = [e for e in entities if e.type == "PERSON" and "Magwood" in e.name]
    assert len(magwood) == 1 and set(magwood[0].articles) == {"a", "b"}
    kunz = sorted(e.name for e in entities if e.type == "PERSON" and "Kunz" in e.name)
    assert kunz == ["DeOrr Kunz Jr.", "DeOrr Kunz Sr"]  # father and son stay two people
    assert "Kunz Sr" in by_name(entities, "DeOrr Kunz Sr").variants


def test_a_country_tagged_as_a_person_is_a_place(nlp: None) -> None:
    a = article("a", "Bahrain said the activist must pay the fine. Bahrain has jailed her before.")
    assert {e.type for e in entities_of(a) if e.name == "Bahrain"} <= {"GPE"}


def test_name_search_takes_longest_forms_first_and_whole_words_only() -> None:
    from newsbrief.analyze.entities import _Found, _search_more

    text = "Jens Stoltenberg met Stoltenberg-Smith. Stoltenberg spoke; Jensen and Jens left. Al Khawaja"
    article = Article(id="a", text=text)
    taken = [_Found("a", text.index("Al Khawaja") + 3, len(text), "Khawaja", "PERSON", None)]
    forms = {"p1": {"Jens Stoltenberg", "Stoltenberg", "Jens"}, "p2": {"Al Khawaja", "Al K"}}
    found = [(f.start, f.text) for f in _search_more([article], taken, forms)]
    # The full name claims its words; "Stoltenberg-Smith" and "Jensen" are other words; the
    # longer form that overlaps an NER mention gives way and "Al K" is not a whole word.
    assert sorted(found) == [
        (0, "Jens Stoltenberg"),
        (text.index("Stoltenberg spoke"), "Stoltenberg"),
        (text.index("Jens left"), "Jens"),
    ]
