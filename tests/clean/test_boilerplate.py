"""No boilerplate line of any seed or of the bundled example may reach any output."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsbrief.cli import app
from newsbrief.examples import example_paths
from newsbrief.types import Article

SEED_BOILERPLATE = [
    "Advertisement",
    "ADVERTISEMENT",
    "loading",
    "Reading Time",
    "Why you can trust SCMP",
    "Photo: dpa",
    "Photo: EPA",
    "FEATURED STORIES",
    "NEWSINFO",
    "plexiglass",
    "Duterte appoints",
    "Subscribe to our daily newsletter",
    "Read Next",
    "pedophile probe",
    "EDITORS’ PICK",
    "MOST READ",
    "Don’t miss out",
    "View comments",
    "rja-jug/smq/mp",
    "Related Articles",
    "Back to top",
    "members.EFE",
    "Powered by automated translation",
    "/CFP",
    "With input from agencies",
    "Search Trends",
    "via REUTERS",
    "Updated 22:56",
    "Updated: January 12",
    ") The Nato allies",
]
EXAMPLE_BOILERPLATE = [
    "Advertisement",
    "ADVERTISEMENT",
    "Most Read",
    "Subscribe to our newsletter",
    "Read Next",
    "38 comments",
    "Comments (0)",
    "pe-it/rm/cj",
    "Trending in Kestrel Valley",
    "Monday.CW",
    "Related Articles",
]


def _assert_clean(texts: list[str], forbidden: list[str]) -> None:
    for text in texts:
        for phrase in forbidden:
            assert phrase not in text, f"boilerplate {phrase!r} in output"


def test_seed_bodies_have_no_boilerplate(seed_articles: list[Article]) -> None:
    _assert_clean([a.text for a in seed_articles], SEED_BOILERPLATE)


def test_example_bodies_have_no_boilerplate(example_articles: list[Article]) -> None:
    _assert_clean([a.text for a in example_articles], EXAMPLE_BOILERPLATE)


def test_seed_bodies_keep_the_story(seed_articles: list[Article]) -> None:
    texts = {a.id[:3]: a.text for a in seed_articles}
    assert texts["000"].startswith("The Nato allies warned Russia on Wednesday")
    assert texts["001"].startswith("The differences between Russia and NATO")
    assert texts["002"].startswith("A high-level meeting between Russia and Nato")
    assert texts["002"].endswith("will never become Nato members.")
    assert "Those talks in Geneva ended with no breakthrough." in texts["003"]
    assert "do not deploy offensive weapons in its neighboring countries." in texts["004"]


@pytest.mark.parametrize("output_format", ["json", "md"])
def test_brief_outputs_have_no_boilerplate(seeds_dir, output_format: str) -> None:
    result = CliRunner().invoke(app, ["brief", str(seeds_dir), "--format", output_format, "--words", "300"])
    assert result.exit_code == 0, result.output
    output = result.stdout
    if output_format == "json":
        record = json.loads(output)
        output = "\n".join(s["text"] for s in record["summary"])
    _assert_clean([output], [p for p in SEED_BOILERPLATE if p not in ("loading",)])


def test_example_brief_has_no_boilerplate() -> None:
    result = CliRunner().invoke(app, ["brief", *map(str, example_paths()), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = "\n".join(s["text"] for s in json.loads(result.stdout)["summary"])
    _assert_clean([summary], EXAMPLE_BOILERPLATE)
