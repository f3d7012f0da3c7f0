"""A headline as a reader would write it: without wire-desk prefixes or the site's name.

Wire services prefix re-sent stories with desk slugs ("UPDATE 2-", "EXCLUSIVE-", "RPT-",
"CORRECTED-"), and HTML titles end with the site ("… – TechCrunch", "… | MoreBikes"). Neither is
part of the headline. A trailing segment is only removed when it names the site (the outlet
found for the page, its domain, or a short segment after a pipe, which headlines never use),
so "Trump says X - report" keeps its words.
"""

from __future__ import annotations

import re

# Reuters/Thomson desk slugs, optionally numbered: "UPDATE 2-", "WRAPUP 1-", "REFILE-UPDATE 3-".
_DESK_SLUG = re.compile(
    r"^(?:(?:UPDATE|WRAPUP|REFILE|RPT|CORRECTED|CORRECTED-UPDATE|EXCLUSIVE|ANALYSIS|FACTBOX|"
    r"INSIGHT|BREAKINGVIEWS|COLUMN|INTERVIEW|PREVIEW|TIMELINE|GLOBAL MARKETS|BRIEF|FEATURE|"
    r"SPECIAL REPORT|EXPLAINER|URGENT|FOCUS)(?:\s\d{1,2})?\s?[-:]\s?)+"
)
_SEPARATOR = re.compile(r"\s+(?:\||–|—|-|::|·|•)\s+")
# Words a site segment may hold: "BBC News", "The Verge", "NYT > World".
_MAX_SITE_WORDS = 5


def _key(text: str) -> str:
    return re.sub(r"[^\w]", "", text.casefold()).removeprefix("the")


def clean_headline(headline: str | None, site_names: tuple[str | None, ...] = ()) -> str | None:
    """``headline`` without desk slugs and a trailing (or leading) site name.

    ``site_names``: what the page is known to be called (outlet, HTML site name, domain).
    """
    if not headline:
        return headline
    text = _DESK_SLUG.sub("", headline.strip()).strip()
    names = {_key(n) for n in site_names if n}
    # A domain names the site too: "techcrunch.com" → "techcrunch".
    names |= {_key(n.split(".")[0]) for n in site_names if n and "." in n}
    names.discard("")
    parts = _SEPARATOR.split(text)
    separators = _SEPARATOR.findall(text)
    while len(parts) > 1:
        last, sep = parts[-1], separators[-1].strip()
        short = len(last.split()) <= _MAX_SITE_WORDS
        if short and (_key(last) in names or sep == "|"):
            parts, separators = parts[:-1], separators[:-1]
            continue
        first = parts[0]
        if len(first.split()) <= _MAX_SITE_WORDS and _key(first) in names:
            parts, separators = parts[1:], separators[1:]
            continue
        break
    rebuilt = parts[0]
    for sep, part in zip(separators, parts[1:], strict=True):
        rebuilt += sep + part
    return rebuilt.strip() or headline.strip()
