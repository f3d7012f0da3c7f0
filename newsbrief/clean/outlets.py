"""Which outlet published a page, and which agency wrote the story, from the cues pages leave.

Precedence, strongest first: what the input states (JSONL field, HTML site name), then the
page's own marks (a trust badge "Why you can trust SCMP", a copyright line "© 2026 X", a bare
masthead "CGTN", "Original article on X", a staff photo credit "(Name/Outlet)"), then the agency
tag of a dateline ("DENVER (AP) —", "members.EFE"), then the URL's host. For a wire story the
agency is also kept on its own, as the story's source.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from urllib.parse import urlparse

from tld import get_fld

# A name as pages print it: capitalised words, "of"/"the" allowed inside ("Bank of England").
_NAME = r"(?-i:[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*(?:\s+(?:of\s+|the\s+)?[A-Z][\w&'’-]*(?:\.[\w&'’-]+)*){0,4})"
_TRUST = re.compile(rf"^why you can trust (?P<name>{_NAME})\s*$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?<!image )(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    rf"(?P<name>(?:The\s+)?{_NAME})",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(rf"\boriginal (?:article|story) (?:on|at|from) (?P<name>{_NAME})", re.I)
# Weaker self-references in prompts: "Follow Ynetnews on Facebook", "To subscribe to Capitol Fax",
# "Call IndyStar reporter ...", "the latest news ... from ABC News", "twitter.com/foxnewslatino",
# "Sign up for the Curbed NY newsletter".
_PROMPT_CUES = (
    re.compile(r"\bfollow (?P<name>(?-i:[A-Z][\w.-]+)) on (?:twitter|facebook|instagram)\b", re.I),
    re.compile(rf"\bsubscribe to (?P<name>{_NAME})", re.IGNORECASE),
    re.compile(rf"\b(?:call|contact|email) (?P<name>{_NAME}) (?:reporter|writer|correspondent)\b", re.I),
    re.compile(rf"\b(?:news|analysis|updates|coverage|stories|content) from (?P<name>{_NAME})", re.I),
    re.compile(rf"\bsign up for (?:the )?(?P<name>{_NAME}) newsletter", re.IGNORECASE),
    re.compile(r"\b(?:follow|like) us (?:on|at) (?:twitter|facebook)\.com/(?P<name>\w+)", re.I),
)
# A staff photographer's credit at the end of a caption: "(Todd Maisel/New York Daily News)".
_STAFF_CREDIT = re.compile(rf"\([A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){{0,3}}\s*/\s*(?P<name>{_NAME})\.?\)\s*$")
# A bare masthead line near the top: "CGTN", "BBC News".
_MASTHEAD = re.compile(r"^[A-Z]{2,6}(?: News)?$")
# A page's first line naming a newspaper by its kind ("Kestrel Valley Courier", "The Northbay
# Herald"): the masthead. Only the very first line, where a headline would be unusual.
_NAMED_MASTHEAD = re.compile(
    r"^(?:The )?(?:[A-Z][\w'&.-]*\s){1,4}(?:Courier|Herald|Times|Post|Daily|Journal|Gazette|"
    r"Tribune|Chronicle|Inquirer|Observer|Telegraph|Guardian|Mail|Express|Register|Dispatch|"
    r"Independent|Standard|Bulletin|Globe|Examiner|Sentinel|Enquirer|Argus|Advertiser|"
    r"Mirror|Monitor|Ledger|Statesman|Daily News|Free Press)$"
)
# Photo agencies credit pictures for everyone; their name says nothing about the outlet.
_PHOTO_AGENCIES = frozenset(
    {
        "ap", "afp", "reuters", "epa", "getty", "getty images", "afp/getty images", "shutterstock",
        "rex", "rex features", "rex/shutterstock", "alamy", "corbis", "bloomberg", "pool", "dpa",
        "xinhua", "cfp", "ians", "pti", "ani", "zuma press", "wireimage", "filmmagic", "imago",
        "sipa usa", "eyevine", "pa images", "pa wire", "anadolu agency", "nurphoto", "sopa images",
        "contributed", "handout", "provided", "courtesy", "file",
    }
)  # fmt: skip
# Words a copyright or masthead pattern can catch that name no one.
_NOT_NAMES = frozenset(
    {"all", "the", "this", "our", "news", "home", "menu", "video", "live", "share", "email", "print"}
)


def _tidy(name: str) -> str | None:
    # A name never runs across a sentence end: "NPR. All rights reserved".
    name = re.split(r"\.\s", re.sub(r"\s+", " ", name))[0].strip(" .,;:-–—")
    name = re.sub(r"\s+(?:All|Inc|Ltd|LLC|Limited|Corporation|Corp)\.?$", "", name)
    if not name or name.casefold() in _NOT_NAMES or len(name) > 50:
        return None
    return name


def _is_photo_agency(name: str) -> bool:
    folded = name.casefold().removesuffix(" photo")
    return folded in _PHOTO_AGENCIES or folded.split()[0] in _PHOTO_AGENCIES


def _first_name(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = _tidy(match.group("name"))
            if name and not _is_photo_agency(name):
                return name
    return None


def outlet_from_line(line: str, header: bool = False, first: bool = False) -> str | None:
    """An outlet a non-body line names outright: a trust badge, a copyright notice, an
    "original article" credit, or (``header``: above the story) a bare masthead ("CGTN"), or
    (``first``: the page's first line) a paper's name ("Kestrel Valley Courier")."""
    text = line.strip()
    name = _first_name((_TRUST, _COPYRIGHT, _ORIGINAL), text)
    if name:
        return name
    if header and _MASTHEAD.match(text) and text.casefold() not in _NOT_NAMES:
        return text
    if first and is_named_masthead(text):
        return text
    return None


def is_named_masthead(line: str) -> bool:
    """Whether ``line``, if it opens a page, names a newspaper ("Kestrel Valley Courier")."""
    return bool(_NAMED_MASTHEAD.match(line.strip()))


def outlet_from_prompt(line: str) -> str | None:
    """An outlet a reader prompt names: weaker than ``outlet_from_line``, since a prompt can
    also name a newsletter or a person."""
    return _first_name(_PROMPT_CUES, line.strip())


def outlet_from_credit(caption: str) -> str | None:
    """The outlet of a staff photographer named in a caption credit."""
    match = _STAFF_CREDIT.search(caption.strip())
    if not match:
        return None
    name = _tidy(match.group("name"))
    return name if name and not _is_photo_agency(name) else None


@cache
def _outlet_table() -> dict[str, str]:
    path = files("newsbrief") / "resources" / "outlet_names.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    return {domain: name for domain, name in table.items() if not domain.startswith("_")}


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a page's URL names: the table's name for its registered domain
    (``uk.reuters.com`` → Reuters), else the registered domain itself (``news.com.au``).
    Hosts without a public suffix (localhost, IP addresses) name no outlet."""
    if not url:
        return None
    try:
        host = (urlparse(url).hostname or "").casefold().rstrip(".")
    except ValueError:  # a malformed port or IPv6 literal
        return None
    registered = get_fld(host, fix_protocol=True, fail_silently=True) if host else None
    if not registered:
        return None
    table = _outlet_table()
    # The most specific listed host wins: "abcnews.go.com" before "go.com".
    labels = host.split(".")
    for start in range(len(labels) - registered.count(".")):
        name = table.get(".".join(labels[start:]))
        if name:
            return name
    return registered


def most_credited(captions: Iterable[str]) -> str | None:
    """The outlet most captions credit, if any caption credits one."""
    counts = Counter(name for caption in captions if (name := outlet_from_credit(caption)))
    return counts.most_common(1)[0][0] if counts else None
