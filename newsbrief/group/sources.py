"""Independent sources: which articles are one report published several times.

"Four outlets say so" means little when three of them print the same wire story. Articles are one
independent source when

- their bodies are near-identical (MinHash, ``newsbrief.group.dedup``): syndicated copies;
- most sentences of the shorter one reappear, word for word after normalisation, in the other
  (``COPY_SHARE``): a wire story cut, extended or re-topped by the paper printing it;
- they carry the same news-agency credit: a dateline credit ("PORT ELLIS, March 2 (Coastline
  Wire) -", "Brussels, Jan 12 (EFE).-", "ALLENTOWN, Pa. (AP) —"), an agency byline ("By
  COASTLINE WIRE", "By Reuters"), a licence line ("Content distributed under license from ..."),
  or an agency tag glued to the last paragraph ("...on Monday.EFE");
- or they come from the same outlet (an outlet's update is not a second source).

Photo credits ("Olivier Hoslet/Pool via REUTERS") are not counted: a picture from an agency says
nothing about who wrote the text. "(With input from agencies)" names no agency and is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsbrief.group.dedup import near_duplicate_groups
from newsbrief.text.sets import connected_groups
from newsbrief.text.stem import porter_stem
from newsbrief.text.tokens import rouge_words
from newsbrief.types import Article, SourceGroup, SupportCount

# Share of the shorter article's sentences that must reappear in the other one.
COPY_SHARE = 0.5

# Spellings of the big agencies -> one name each.
_AGENCY_ALIASES = {
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "efe": "EFE",
    "dpa": "dpa",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "interfax": "Interfax",
    "upi": "UPI",
    "bloomberg": "Bloomberg",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "aap": "AAP",
    "pa": "PA Media",
    "press association": "PA Media",
    "cp": "Canadian Press",
    "the canadian press": "Canadian Press",
    "canadian press": "Canadian Press",
    "anadolu": "Anadolu",
    "europa press": "Europa Press",
}
_KNOWN_AGENCY = re.compile(
    r"\b(?:" + "|".join(re.escape(a) for a in sorted(_AGENCY_ALIASES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_GENERIC_CREDITS = frozenset({"agencies", "with input from agencies", "wires", "staff", "newswires"})

# "PLACE[, Region], Month Day (Agency) -" or "PLACE (Agency) —" at the start of a dateline or body.
_DATELINE_CREDIT = re.compile(
    r"^[A-Z][\w .,'’-]{1,60}?\((?P<agency>[A-Za-z][\w .&'’-]{1,40})\)\s*(?:\.?\s*[-—–]|\.-|:)"
)
_LICENCE_CREDIT = re.compile(
    r"(?:distributed under licen[cs]e from|(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?)"
    r"\s*(?P<agency>(?:the\s)?[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,3})",
    re.IGNORECASE,
)
_BYLINE_CREDIT = re.compile(r"^by\s+(?P<agency>[A-Z][A-Z .&'’-]{1,40})$")


def agency_name(credit: str) -> str | None:
    """A canonical agency name for a credit string, or None for generic or personal credits."""
    credit = credit.strip(" .,-—–()")
    if not credit or credit.lower() in _GENERIC_CREDITS:
        return None
    known = _AGENCY_ALIASES.get(credit.lower())
    if known:
        return known
    return credit.title() if credit.isupper() and len(credit) > 5 else credit


def agency_credits(article: Article) -> set[str]:
    """Agencies credited for the text of ``article`` (see module docstring)."""
    credits: set[str] = {article.agency} if article.agency else set()
    datelines = [p.text for p in article.paragraphs if p.kind == "dateline"]
    first_body = article.text[:200]
    for line in [*datelines, first_body]:
        match = _DATELINE_CREDIT.match(line)
        if match:
            credits.add(match["agency"])
    if article.byline:
        match = _BYLINE_CREDIT.match(article.byline.strip())
        if match:
            credits.add(match["agency"])
        elif article.byline.lower().startswith("by "):
            known = _KNOWN_AGENCY.fullmatch(article.byline[3:].strip())
            if known:
                credits.add(known.group(0))
    # Licence and copyright lines are often the last body paragraph or dropped page furniture.
    tail = [article.text[-300:], *(p.text for p in article.dropped if p.kind != "caption")]
    for line in tail:
        for match in _LICENCE_CREDIT.finditer(line):
            name = match["agency"]
            if _KNOWN_AGENCY.fullmatch(name) or "wire" in name.lower() or "press" in name.lower():
                credits.add(name)
    names = {n for n in (agency_name(c) for c in credits) if n}
    for tag in (p.text.strip() for p in article.dropped if p.reason == "glued agency tag"):
        # "...on Monday.CW" is the initials of a credit already found; "...EFE" names the agency.
        initials = {"".join(w[0] for w in n.split()).upper() for n in names}
        if tag.upper() not in initials and (name := agency_name(tag)):
            names.add(name)
    return names


def independent_sources(
    articles: Sequence[Article],
    duplicate_groups: Iterable[list[str]] | None = None,
    sentence_terms: Sequence[list[str]] | None = None,
) -> list[SourceGroup]:
    """Partition ``articles`` into independent sources, in input order, singletons included;
    ``sentence_terms``: every sentence's ``terms``, in article order, when already computed."""
    ids = [a.id for a in articles]
    duplicates = (
        list(duplicate_groups) if duplicate_groups is not None else near_duplicate_groups(list(articles))
    )
    reasons: dict[frozenset[str], set[str]] = {}
    links: list[tuple[str, str]] = []

    def link(members: list[str], reason: str) -> None:
        for other in members[1:]:
            links.append((members[0], other))
            reasons.setdefault(frozenset((members[0], other)), set()).add(reason)

    for group in duplicates:
        if len(group) > 1:
            link(group, "near-identical text")
    for a, b in copied_pairs(articles, sentence_terms):
        link([a, b], "copied sentences")

    credited: dict[str, list[str]] = {}
    outlets: dict[str, list[str]] = {}
    for article in articles:
        for agency in agency_credits(article):
            credited.setdefault(agency.casefold(), []).append(article.id)
        if article.outlet:
            outlets.setdefault(article.outlet.casefold(), []).append(article.id)
    labels: dict[str, str] = {}
    for article in articles:
        for agency in agency_credits(article):
            labels.setdefault(agency.casefold(), agency)
    for key, members in credited.items():
        # The agency's own copy counts with the outlets that reprint it.
        members = list(dict.fromkeys([*outlets.get(key, []), *members]))
        if len(members) > 1:
            link(members, f"same agency credit: {labels[key]}")
    for members in outlets.values():
        if len(members) > 1:
            link(members, "same outlet")

    by_id = {a.id: a for a in articles}
    result = []
    for number, group in enumerate(connected_groups(ids, links), start=1):
        members = set(group)
        why = sorted({r for pair, rs in reasons.items() if pair <= members for r in rs})
        agencies = sorted({labels[k] for k, m in credited.items() if members & set(m)})
        label = agencies[0] if agencies else by_id[group[0]].label
        result.append(SourceGroup(id=f"s{number}", articles=group, label=label, reasons=why))
    return result


def _terms(text: str) -> list[str]:
    """The sentence's words as the summarizer counts them (``summarize.terms.terms``)."""
    return [porter_stem(word.lower()) for word in rouge_words(text)]


def copied_pairs(
    articles: Sequence[Article], sentence_terms: Sequence[list[str]] | None = None
) -> list[tuple[str, str]]:
    """Pairs of articles where most sentences of the shorter one appear in the other. Only
    pairs sharing a sentence are compared (an index from sentence to articles), not all pairs."""
    if sentence_terms is None:
        sentence_terms = [_terms(s.text) for a in articles for s in a.sentences]
    keys: dict[str, set[str]] = {}
    at = 0
    for a in articles:
        keys[a.id] = {" ".join(t) for t in sentence_terms[at : at + len(a.sentences)]} - {""}
        at += len(a.sentences)
    holders: dict[str, list[str]] = {}
    for article_id, sentence_keys in keys.items():
        for key in sentence_keys:
            holders.setdefault(key, []).append(article_id)
    shared: dict[tuple[str, str], int] = {}
    for ids in holders.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    return [
        (a, b) for (a, b), count in shared.items() if count >= COPY_SHARE * min(len(keys[a]), len(keys[b]))
    ]


def source_numbers(articles: Sequence[Article]) -> list[int]:
    """For each article, the number of its independent source (0, 1, ... in order)."""
    return SourceIndex(independent_sources(articles)).numbers(a.id for a in articles)


@dataclass(slots=True)
class SourceIndex:
    """Counts independent sources among any set of articles."""

    groups: list[SourceGroup]
    _group_of: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._group_of = {a: g.id for g in self.groups for a in g.articles}

    def group_of(self, article: str) -> str:
        return self._group_of.get(article, article)

    def independent(self, articles: Iterable[str]) -> int:
        return len({self.group_of(a) for a in articles})

    def numbers(self, articles: Iterable[str]) -> list[int]:
        """For each article, the number of its source (0, 1, ... in order of first article)."""
        numbering: dict[str, int] = {}
        return [numbering.setdefault(self.group_of(a), len(numbering)) for a in articles]

    def count(self, articles: Iterable[str]) -> SupportCount:
        unique = list(dict.fromkeys(articles))
        return SupportCount(articles=len(unique), independent=self.independent(unique))
