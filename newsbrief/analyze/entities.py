"""People, organisations and places of one event, name variants merged across articles.

spaCy's NER finds the mentions; this module decides which mentions are the same entity ("Nato" and
"NATO", "Mr Grushko" and "Alexander Grushko", "EU" and "European Union"), gives each entity one
type by vote (the small model often tags a lone surname as an organisation), finds the mentions
NER missed by searching every article for the merged name forms, and reads each person's roles
from titles before the name ("Kremlin spokesman Dmitry Peskov") and appositions after it
("Julianne Smith, the US ambassador to Nato").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from newsbrief.analyze.nlp import ParsedParagraph, coarse
from newsbrief.text.normalise import fold
from newsbrief.text.sets import DisjointSet
from newsbrief.types import Article, Entity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KEPT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Honorifics are dropped from names but tell us which pronoun fits the person.
HONORIFICS: dict[str, str | None] = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "dr": None,
    "prof": None,
    "mx": None,
}
DETERMINERS = frozenset({"the", "a", "an"})
# Capitalised words that are titles, not names, when NER folds them into a person span.
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "minister",
        "prime",
        "secretary",
        "general",
        "secretary-general",
        "chancellor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "envoy",
        "chief",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "governor",
        "mayor",
        "senator",
        "sen",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "cardinal",
        "bishop",
        "rev",
        "reverend",
        "officer",
        "commissioner",
        "commander",
        "colonel",
        "colonel-general",
        "lieutenant",
        "captain",
        "sergeant",
        "major",
        "admiral",
        "premier",
        "deputy",
        "head",
        "leader",
        "ceo",
        "founder",
        "coach",
        "manager",
        "professor",
        "doctor",
        "attorney",
        "sheriff",
        "detective",
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "state",
        "speaker",
        "chairperson",
        "councillor",
        "councilman",
        "councilwoman",
        "superintendent",
        "principal",
        "inspector",
        "constable",
    ]
)
# Words that join parts of an organisation name and are left out of its acronym.
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "&"})
_APPOSITION_MARKS = frozenset({",", "(", "—", "–", "-"})
_NOT_TITLE = frozenset({"det", "punct", "cc", "prep"})
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(slots=True)
class _Found:
    """One mention before merging."""

    article: str
    start: int
    end: int
    text: str
    label: str | None  # None: found by searching for a known name form, not by NER
    paragraph: ParsedParagraph | None
    gender: str | None = None


@dataclass(slots=True)
class EntityIndex:
    """The event's entities plus what speaker resolution needs: where each one is mentioned."""

    entities: list[Entity]
    genders: list[str | None] = field(default_factory=list)
    # Per article, (start, end, entity index) sorted by start.
    by_article: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)

    def entity_at(self, article: str, start: int, end: int) -> int | None:
        """The entity whose mention overlaps [start, end) in ``article``, if any."""
        spans = self.by_article.get(article, [])
        i = bisect_right(spans, (end, -1, -1))
        best: tuple[int, int] | None = None
        for s, e, entity in reversed(spans[max(0, i - 8) : i]):
            if s < end and e > start:
                overlap = min(e, end) - max(s, start)
                if best is None or overlap > best[0]:
                    best = (overlap, entity)
        return best[1] if best else None

    def mentions_in(self, article: str, start: int, end: int) -> list[tuple[int, int, int]]:
        return [m for m in self.by_article.get(article, []) if m[0] >= start and m[1] <= end]

    def type_of(self, entity: int) -> str:
        return self.entities[entity].type


def name_key(name: str) -> str:
    """Comparison key of a name: case, quote marks, dots and a leading "the" do not matter."""
    key = fold(name).replace(".", "").replace("-", " ")
    key = re.sub(r"\s+", " ", key).strip()
    return key[4:] if key.startswith("the ") else key


def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isupper()).lower() if len(words) > 1 else ""


def _clean_span(span: Span) -> tuple[int, int, str | None] | None:
    """Token range of the name inside an NER span (no "the", honorific, title or "'s")."""
    start, end = span.start, span.end
    doc = span.doc
    gender: str | None = None
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if span.label_ == "PERSON":
        while start < end - 1:
            word = doc[start].lower_.rstrip(".")
            if word in HONORIFICS:
                gender = HONORIFICS[word] or gender
            elif not (doc[start].is_lower or word in TITLE_WORDS or doc[start].tag_ == "HYPH"):
                break
            start += 1
    if start >= end or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    return start, end, gender


def _ner_mentions(parsed: list[ParsedParagraph]) -> list[_Found]:
    found = []
    for paragraph in parsed:
        doc = paragraph.doc
        for ent in doc.ents:
            if ent.label_ not in KEPT_LABELS:
                continue
            cleaned = _clean_span(ent)
            if cleaned is None:
                continue
            start, end, gender = cleaned
            span = doc[start:end]
            if start > 0 and doc[start - 1].lower_.rstrip(".") in HONORIFICS:
                gender = HONORIFICS[doc[start - 1].lower_.rstrip(".")] or gender
            found.append(
                _Found(
                    article=paragraph.article,
                    start=paragraph.start + span.start_char,
                    end=paragraph.start + span.end_char,
                    text=span.text,
                    label=ent.label_,
                    paragraph=paragraph,
                    gender=gender,
                )
            )
    return found


def _is_suffix(short: list[str], full: list[str]) -> bool:
    return len(short) < len(full) and full[-len(short) :] == short


# Words after a company's name that only say it is a company.
_COMPANY_WORDS = frozenset(
    ["shipping", "motors", "inc", "corp", "corporation", "co", "company", "group", "ltd", "plc", "llc",
     "holdings", "airlines", "airways", "bank", "international", "industries", "sa", "ag", "ab"]
)  # fmt: skip


def _spelling_variant(a: str, b: str) -> bool:
    """ "jonathan" / "jonathon": the same first name spelt two ways (one edit, same first letter)."""
    return a[0] == b[0] and min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 85


def _merge_keys(
    found: list[_Found],
) -> tuple[DisjointSet, dict[str, Counter[str]], dict[str, set[str]]]:
    """Cluster name keys; also return the partial names that fit several people."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for f in found:
        key = name_key(f.text)
        labels[key][f.label or ""] += 1
        surfaces[key][f.text] += 1
    clusters = DisjointSet(labels)
    people = [k for k in labels if labels[k]["PERSON"] and any(len(f.split()) > 1 for f in surfaces[k])]
    # "Robert J. Birgeneau" and "Robert Birgeneau" are one person.
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            ta, tb = a.split(), b.split()
            if ta[0] == tb[0] and ta[-1] == tb[-1] and (set(ta) <= set(tb) or set(tb) <= set(ta)):
                clusters.merge(a, b)
    # "Kunz Sr" is "DeOrr Kunz Sr"; "Jonathon Magwood" in one outlet is "Jonathan Magwood" in
    # another (same surname, first names one letter apart); "DeOrr Kunz Jr." stays his father's son.
    for a in people:
        longer = {clusters[b] for b in people if _is_suffix(a.split(), b.split())}
        if len(a.split()) > 1 and len(longer) == 1:
            clusters.merge(longer.pop(), a)
    for i, a in enumerate(people):
        for b in people[i + 1 :]:
            ta, tb = a.split(), b.split()
            if (
                len(ta) == len(tb) >= 2
                and ta[1:] == tb[1:]
                and ta[0] != tb[0]
                and _spelling_variant(ta[0], tb[0])
            ):
                clusters.merge(a, b)
    # A surname or first name alone ("Stoltenberg", often tagged ORG by the small model) joins
    # the one person it fits; when it fits several (two Al-Khawajas) each mention is decided
    # where it occurs, by the nearest full name before it.
    ambiguous: dict[str, set[str]] = {}
    for key in labels:
        if key in people or labels[key].most_common(1)[0][0] in PLACE_LABELS:
            continue
        tokens = key.split()
        owners = {
            clusters[p]
            for p in people
            if _is_suffix(tokens, p.split()) or (len(tokens) == 1 and p.split()[0] == key)
        }
        if len(owners) == 1:
            clusters.merge(owners.pop(), key)
        elif owners:
            ambiguous[key] = owners
    # "Rockies" is the "Colorado Rockies" when no other organisation ends that way.
    organisations = [k for k in labels if " " in k and labels[k].most_common(1)[0][0] == "ORG"]
    for key in labels:
        if key in ambiguous or labels[key].most_common(1)[0][0] != "ORG":
            continue
        owners = {clusters[o] for o in organisations if _is_suffix(key.split(), o.split())}
        if len(owners) == 1:
            clusters.merge(owners.pop(), key)
    # "Halvorsen-Teague" is "Halvorsen-Teague Shipping", "Tesla" is "Tesla Motors": the longer
    # name is the shorter one plus words that only say it is a company.
    for key in labels:
        if labels[key].most_common(1)[0][0] not in {"ORG", "PERSON"} or key in people:
            continue
        owners = {
            clusters[o]
            for o in organisations
            if o.startswith(key + " ") and set(o[len(key) + 1 :].split()) <= _COMPANY_WORDS
        }
        if len(owners) == 1:
            clusters.merge(owners.pop(), key)
    # Acronyms of multi-word organisations and places: "EU" / "European Union", "US" / "U.S.".
    expansions: dict[str, list[str]] = defaultdict(list)
    for key in labels:
        if " " in key and not labels[key]["PERSON"]:
            for surface in surfaces[key]:
                if short := acronym(surface):
                    expansions[short].append(key)
    for key in labels:
        if " " not in key and key in expansions and len(set(expansions[key])) == 1:
            clusters.merge(expansions[key][0], key)
    # A merge may move a cluster's root: name each ambiguous name's owners by their final root.
    ambiguous = {key: {clusters[o] for o in owners} for key, owners in ambiguous.items()}
    return clusters, labels, ambiguous


_LISTED_BEFORE = re.compile(r"[A-Z][\w.’'-]*,? (?:and|or|&) $")
_LISTED_AFTER = re.compile(r"^,? (?:and|or|&) [A-Z]")


def _listed(f: _Found) -> bool:
    """ "his parents, Phillip and Sandra Dunn": a name listed with another is a side character; a
    later bare "Dunn" is still the man the story is about (his words went to his mother)."""
    if f.paragraph is None:
        return False
    text, at = f.paragraph.doc.text, f.start - f.paragraph.start
    return bool(_LISTED_BEFORE.search(text[:at]) or _LISTED_AFTER.match(text[f.end - f.paragraph.start :]))


def _nearest_owner(f: _Found, owners: set[str], members: dict[str, list[_Found]]) -> str | None:
    best: tuple[int, int, str] | None = None
    for owner in owners:
        for m in members.get(owner, []):
            if m.article == f.article and m.start < f.start:
                rank = (int(not _listed(m)), m.start, owner)
                best = rank if best is None or rank[:2] > best[:2] else best
    return best[2] if best else None


def _canonical(forms: Counter[str], entity_type: str) -> str:
    def score(form: str) -> tuple[int, int, int, int]:
        tokens = len(form.split())
        upper = form.isupper() and " " not in form
        # People by their fullest name; others by their expansion, else the capitalised acronym.
        return (tokens, int(upper), forms[form], -len(form))

    if entity_type != "PERSON":
        return max(forms, key=score)
    return max(forms, key=lambda f: (len(f.split()), forms[f], len(f)))


def _search_more(
    articles: list[Article], found: list[_Found], forms_by_cluster: dict[str, set[str]]
) -> list[_Found]:
    """Mentions NER missed: whole-word, case-sensitive occurrences of merged name forms.

    Longer forms claim text first, and a form's match that overlaps a mention already taken is
    dropped. All forms are found in one pass per article by a single compiled alternation
    (a pattern per form and article overflowed ``re``'s cache: 306,000 compilations and 59 s
    of a 200-article brief); its look-ahead reports every form starting at each position, so
    the result is the same as searching form by form, longest first."""
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for f in found:
        taken[f.article].append((f.start, f.end))
    form_owner: dict[str, str] = {}
    for root, forms in forms_by_cluster.items():
        for form in forms:
            # A form owned by two entities (a surname two people share) is left to NER.
            form_owner[form] = root if form not in form_owner else ""
    patterns = sorted((f for f, owner in form_owner.items() if owner and len(f) > 2), key=len)
    if not patterns:
        return []
    rank = {form: k for k, form in enumerate(reversed(patterns))}  # the order forms claim text
    finder, prefixes = _form_finder(tuple(patterns))
    extra = []
    for article in articles:
        text = article.text
        hits: list[tuple[int, int, str]] = []
        for match in finder.finditer(text):
            s, longest = match.start(), match.group(1)
            hits.append((rank[longest], s, longest))
            # Shorter forms that start here too are prefixes of the longest one.
            hits.extend((rank[f], s, f) for f in prefixes[longest] if _whole_word_end(text, s + len(f)))
        hits.sort()
        spans = taken[article.id]
        last_end: dict[str, int] = {}
        for _, s, form in hits:
            e = s + len(form)
            # Matches of one form do not overlap each other (as ``re.finditer`` returned them).
            if s < last_end.get(form, -1):
                continue
            last_end[form] = e
            if any(s < te and e > ts for ts, te in spans):
                continue
            spans.append((s, e))
            extra.append(_Found(article.id, s, e, form, None, None))
    return extra


def _whole_word_end(text: str, end: int) -> bool:
    """No word character or hyphen follows ``end`` (the ``(?![\\w-])`` of the search)."""
    return end >= len(text) or not (text[end].isalnum() or text[end] in "_-")


_Trie = dict[str, "_Trie"]
_END = ""  # key of the end-of-form mark in a trie node (no form character is empty)


def _trie_pattern(node: _Trie) -> str:
    """A regular expression matching the forms below ``node``, longer continuations tried first
    (a trie, so ``re`` follows one branch per character instead of trying every form)."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


@lru_cache(maxsize=16)
def _form_finder(forms: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, list[str]]]:
    """One pattern giving, at every whole-word start of a form, the longest form that ends on a
    word boundary there; and for each form the shorter forms that are its prefixes."""
    root: _Trie = {}
    prefixes: dict[str, list[str]] = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[_END] = {}
    for form in forms:
        node, found = root, []
        for k, ch in enumerate(form[:-1], start=1):
            node = node[ch]
            if _END in node:
                found.append(form[:k])
        prefixes[form] = found
    pattern = re.compile(rf"(?<![\w-])(?=({_trie_pattern(root)})(?![\w-]))")
    return pattern, prefixes


class _ParagraphFinder:
    """Which parsed paragraph holds an offset; built once, since ``Doc.text`` is rebuilt from
    its tokens on every access (a linear scan per mention took seconds on long articles)."""

    def __init__(self, parsed: list[ParsedParagraph]) -> None:
        spans: dict[str, list[tuple[int, int, ParsedParagraph]]] = defaultdict(list)
        for p in parsed:
            spans[p.article].append((p.start, p.start + len(p.doc.text), p))
        self._starts = {a: [s for s, _, _ in sorted(v, key=lambda t: t[0])] for a, v in spans.items()}
        self._spans = {a: sorted(v, key=lambda t: t[0]) for a, v in spans.items()}

    def find(self, article: str, offset: int) -> ParsedParagraph | None:
        starts = self._starts.get(article)
        if not starts:
            return None
        at = bisect_right(starts, offset) - 1
        if at < 0:
            return None
        start, end, paragraph = self._spans[article][at]
        return paragraph if start <= offset < end else None


def _role_text(tokens: list[Token]) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _title_before(doc: Doc, start: int, end: int) -> str:
    """Title words right before a name and inside its noun phrase: "Kremlin spokesman"."""
    if start == 0:
        return ""
    adjacent = doc[start - 1]
    if adjacent.lower_.rstrip(".") in HONORIFICS or coarse(adjacent) == "VERB":
        return ""
    titled = adjacent.is_lower or adjacent.lower_ in TITLE_WORDS or "-" in adjacent.text
    if not titled or not (adjacent.is_alpha or "-" in adjacent.text):
        return ""
    # Left dependents of the name that modify it ("NATO Secretary-General", "Russia's deputy
    # foreign minister"), with their own dependents; the title is the run of them that ends
    # right before the name.
    modifiers: set[int] = set()
    for token in doc[start:end]:
        for child in token.lefts:
            if child.i < start and child.dep_ in {"compound", "amod", "nmod", "poss"}:
                modifiers.update(t.i for t in child.subtree if t.i < start)
    k = start - 1
    while k >= 0 and k in modifiers and (doc[k].tag_ == "HYPH" or doc[k].dep_ not in _NOT_TITLE):
        k -= 1
    taken = list(doc[k + 1 : start])
    if k >= 0 and doc[k].dep_ == "prep" and coarse(doc[k].head) == "NOUN":
        return ""  # "prisoner of conscience X": the title began before the preposition
    if not taken or not any(coarse(t) in {"NOUN", "PROPN", "ADJ"} for t in taken):
        return ""
    return _role_text(taken)


def _appositions(doc: Doc, start: int, end: int) -> list[str]:
    """Appositions of a name: "Dmitry Peskov, the Kremlin spokesman," and the reverse
    "Russia's representative, deputy foreign minister Alexander Grushko"."""
    span = doc[start:end]
    root = span.root
    roles = []
    for child in root.children:
        # An apposition is set off by a comma; without one the parser is usually wrong.
        set_off = child.left_edge.i > 0 and doc[child.left_edge.i - 1].text in _APPOSITION_MARKS
        titled = coarse(child) == "NOUN" or child.lower_ in TITLE_WORDS
        if child.dep_ == "appos" and titled and set_off:
            kept = [
                t
                for t in child.subtree
                if not any(a.dep_ in {"relcl", "acl"} and a.i != child.i for a in _path(t, child))
            ]
            roles.append(_role_text(kept))
    before = root.left_edge.i - 1
    reverse_set_off = before >= 0 and doc[before].text in _APPOSITION_MARKS
    if root.dep_ == "appos" and coarse(root.head) == "NOUN" and root.head.i < start and reverse_set_off:
        head = root.head
        kept = [t for t in head.subtree if t.i < root.left_edge.i and t.dep_ != "relcl"]
        roles.append(_role_text(kept))
    return [r for r in roles if r and len(r.split()) <= 12]


def _path(token: Token, stop: Token) -> list[Token]:
    """Tokens from ``token`` up to (not including) ``stop``."""
    path = []
    while token.i != stop.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _roles(f: _Found, paragraph: ParsedParagraph, person: bool) -> list[str]:
    doc = paragraph.doc
    span = doc.char_span(f.start - paragraph.start, f.end - paragraph.start, alignment_mode="expand")
    if span is None:
        return []
    roles = _appositions(doc, span.start, span.end)
    title = _title_before(doc, span.start, span.end) if person else ""
    return ([title] if title else []) + roles


def role_key(role: str) -> str:
    key = name_key(role)
    key = _POSSESSIVE.sub("", key) if key.endswith(("'s", "'")) else key
    words = key.split()
    while words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def extract_entities(articles: list[Article], parsed: list[ParsedParagraph]) -> EntityIndex:
    """Entities of the event, most widely reported first, with every mention and role."""
    found = _ner_mentions(parsed)
    clusters, labels, ambiguous = _merge_keys(found)
    # A person's surname is searched for too even when NER never tagged it alone ("Banks said"
    # stayed a description, so a later "she said" went past her), if no one else has it.
    # The first name too ("Ashake now plans a march"): news names family members that way.
    surnames: dict[str, set[str]] = defaultdict(set)
    for f in found:
        parts = f.text.split()
        for part in (parts[0], parts[-1]) if len(parts) > 1 and f.label == "PERSON" else ():
            if part[:1].isupper() and len(part) > 2 and part.rstrip(".") not in {"Jr", "Sr"}:
                surnames[part].add(clusters[name_key(f.text)])
    added: dict[str, str] = {}
    for surname, owners in surnames.items():
        if len(owners) == 1 and name_key(surname) not in labels and name_key(surname) not in ambiguous:
            clusters.add(name_key(surname))
            clusters.merge(owners.pop(), name_key(surname))
            added[name_key(surname)] = surname
    forms_by_cluster: dict[str, set[str]] = defaultdict(set)
    for f in found:
        if name_key(f.text) not in ambiguous:
            forms_by_cluster[clusters[name_key(f.text)]].add(f.text)
    for key, surname in added.items():
        forms_by_cluster[clusters[key]].add(surname)
    paragraphs = _ParagraphFinder(parsed)
    for f in _search_more(articles, found, forms_by_cluster):
        f.paragraph = paragraphs.find(f.article, f.start)
        found.append(f)

    members: dict[str, list[_Found]] = defaultdict(list)
    for f in found:
        if name_key(f.text) not in ambiguous:
            members[clusters[name_key(f.text)]].append(f)
    for f in found:
        if (key := name_key(f.text)) in ambiguous:
            owner = _nearest_owner(f, ambiguous[key], members)
            members[owner or clusters[key]].append(f)
    order = {a.id: i for i, a in enumerate(articles)}
    outlets = _outlet_keys(articles)
    built: list[tuple[tuple[int, int, int, int], Entity, str | None]] = []
    for cluster in members.values():
        votes: Counter[str] = Counter()
        for f in cluster:
            votes.update(labels[name_key(f.text)] if f.label is None else {f.label: 1})
        votes.pop("", None)
        if not votes:
            continue
        # A full name tagged PERSON decides; the lone surnames merged into it are often
        # tagged ORG. Otherwise the majority.
        full_person = any(f.label == "PERSON" and len(f.text.split()) > 1 for f in cluster)
        entity_type = "PERSON" if full_person else votes.most_common(1)[0][0]
        entity_type = checked_type(cluster, entity_type, outlets)
        forms = Counter(f.text for f in cluster)
        name = _canonical(forms, entity_type)
        cluster.sort(key=lambda f: (order.get(f.article, 0), f.start))
        roles: dict[str, str] = {}
        for f in cluster:
            if f.paragraph is None:
                continue
            for role in _roles(f, f.paragraph, entity_type == "PERSON"):
                if role_key(role) and name_key(role) != name_key(name):
                    roles.setdefault(role_key(role), role)
        # An honorific ("Ms Sherman") settles it; pronouns only vote (see _pronoun_genders).
        genders = Counter({g: 3 * n for g, n in Counter(f.gender for f in cluster if f.gender).items()})
        entity = Entity(
            name=name,
            type=entity_type,
            roles=list(roles.values()),
            articles=sorted({f.article for f in cluster}, key=lambda a: order.get(a, 0)),
            variants=sorted(set(forms) - {name}),
            mentions=[Mention(f.article, f.start, f.end, f.text) for f in cluster],
        )
        first = cluster[0]
        rank = (
            -len(entity.articles),
            -len(entity.mentions),
            order.get(first.article, 0),
            first.start,
        )
        built.append((rank, entity, genders))
    built.sort(key=lambda item: item[0])
    index = EntityIndex(entities=[e for _, e, _ in built])
    by_article: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, entity in enumerate(index.entities):
        for m in entity.mentions:
            by_article[m.article].append((m.start, m.end, i))
    index.by_article = {a: sorted(spans) for a, spans in by_article.items()}
    votes = [g for *_, g in built]
    for entity, gender in _pronoun_genders(index, parsed):
        votes[entity][gender] += 1
    index.genders = [v.most_common(1)[0][0] if v else None for v in votes]
    return index


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m"} | {
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


# Object pronouns; "her" only when tagged PRP (PRP$ is the possessive, which still votes).
_OBJECT_PRONOUNS = frozenset({"him", "her"})


def _pronoun_genders(index: EntityIndex, parsed: list[ParsedParagraph]) -> list[tuple[int, str]]:
    """(person, gender) votes: a person who is the subject of a sentence, then the first
    personal pronoun later in that sentence with no other person named in between.

    Pronouns that refer to someone else do not vote: one before the person ("In a call with his
    wife, Ann Roe, he said": "he" is not Ann Roe, who was voted "m") and an object pronoun ("X
    began a relationship with her", "X sent her a message": a man was voted "f")."""
    votes = []
    for p in parsed:
        for sentence in p.doc.sents:
            person: int | None = None
            for token in sentence:
                at = p.start + token.idx
                entity = index.entity_at(p.article, at, at + len(token))
                if entity is not None and index.type_of(entity) == "PERSON":
                    person = entity if token.dep_ in {"nsubj", "nsubjpass"} or person == entity else None
                    continue
                gender = _PRONOUN_GENDER.get(token.lower_) if token.tag_ in {"PRP", "PRP$"} else None
                if not gender:
                    continue
                if person is not None and not (token.tag_ == "PRP" and token.lower_ in _OBJECT_PRONOUNS):
                    votes.append((person, gender))
                break
    return votes


# ---------------------------------------------------------------------------------------------
# Entity types checked against context: the small model tags a ship "PERSON" ("The Orla Venn,
# a 210-metre cargo ship"), a wire service "PERSON" ("Coastline Wire"), a region "ORG" ("in
# illegally annexed Crimea").

# Nouns that name a vehicle when set beside a name ("the vessel X", "X, a cargo ship").
_VEHICLE_NOUNS = frozenset(
    ["vessel", "ship", "tanker", "freighter", "ferry", "boat", "yacht", "liner", "trawler", "barge",
     "tug", "submarine", "frigate", "destroyer", "cruiser", "carrier", "aircraft", "airliner",
     "plane", "jet", "helicopter", "train", "rocket", "spacecraft", "satellite", "probe"]
)  # fmt: skip
# Prepositions and words whose object is a place ("in Crimea", "annexation of Crimea").
_PLACE_PREPOSITIONS = frozenset(
    ["in", "into", "from", "near", "across", "inside", "throughout", "toward", "towards", "outside"]
)
_PLACE_HEADS = frozenset(
    ["annex", "annexed", "annexation", "invade", "invaded", "invasion", "occupy", "occupied",
     "occupation", "border", "borders", "capital", "region", "province", "city", "town", "village"]
)  # fmt: skip


# "the Eastshore district", "Eastshore residents"; "shares in X", "membership in X" are not places.
_PLACE_NOUNS = frozenset(
    ["district", "area", "region", "province", "county", "city", "town", "village", "neighbourhood",
     "neighborhood", "suburb", "peninsula", "island", "residents", "coast"]
)  # fmt: skip
_NOT_PLACE_BEFORE_IN = frozenset(
    ["shares", "stake", "stakes", "stock", "investment", "interest", "membership"]
)


def _mention_root(f: _Found) -> Token | None:
    if f.paragraph is None:
        return None
    span = f.paragraph.doc.char_span(
        f.start - f.paragraph.start, f.end - f.paragraph.start, alignment_mode="expand"
    )
    return span.root if span is not None and len(span) else None


def _is_vehicle(root: Token) -> bool:
    """ "the vessel Orla Venn", "cargo ship Orla Venn", "Orla Venn, a 210-metre cargo ship"."""
    doc = root.doc
    first = min((t.i for t in root.subtree if t.ent_iob_ != "O" or t.i == root.i), default=root.i)
    if first > 0 and doc[first - 1].lower_ in _VEHICLE_NOUNS:
        return True
    if any(c.dep_ == "appos" and c.lower_ in _VEHICLE_NOUNS for c in root.children):
        return True
    return root.dep_ == "appos" and root.head.lower_ in _VEHICLE_NOUNS


def _is_place(root: Token) -> bool:
    """Object of a place preposition ("in Crimea", not "shares in Halvorsen-Teague"), of a word
    whose object is a place ("annexation of Crimea"), or a name before a place noun ("the
    Eastshore district", "Eastshore residents")."""
    head = root.head
    if root.dep_ == "compound" and head.lower_ in _PLACE_NOUNS:
        return True
    if root.dep_ == "pobj" and head.lower_ in _PLACE_PREPOSITIONS:
        return head.head.lower_ not in _NOT_PLACE_BEFORE_IN
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _PLACE_HEADS:
        return True
    return root.dep_ == "dobj" and head.lower_ in _PLACE_HEADS


@cache
def _country_names() -> frozenset[str]:
    """Country names as written in news ("Bahrain", "Ukraine"), from pycountry."""
    import pycountry

    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            if value := getattr(country, attribute, None):
                names.add(name_key(value))
    return frozenset(names)


def _outlet_keys(articles: list[Article]) -> list[list[str]]:
    """Outlets and agencies the cleaner found (byline, dateline credit, page), as key tokens."""
    names = {n for a in articles for n in (a.outlet, a.agency) if n}
    return [name_key(n).split() for n in names if name_key(n)]


def checked_type(cluster: list[_Found], entity_type: str, outlets: list[list[str]]) -> str:
    """The NER type corrected by context: an outlet or agency known from cleaning is an
    organisation (also "Herald" for "The Northbay Herald"); a name set beside a vehicle noun is a
    PRODUCT; a name mostly used as a place ("in Crimea") is a GPE unless a full name was tagged
    PERSON."""
    keys = {name_key(f.text) for f in cluster}
    if any(k.split() == o or _is_suffix(k.split(), o) for k in keys for o in outlets):
        return "ORG"
    roots = [r for r in (_mention_root(f) for f in cluster) if r is not None]
    if not roots:
        return entity_type
    if entity_type in {"PERSON", "ORG", "FAC"} and any(_is_vehicle(r) for r in roots):
        return "PRODUCT"
    full_person = any(f.label == "PERSON" and len(f.text.split()) > 1 for f in cluster)
    if entity_type in {"ORG", "PERSON"} and not full_person and keys & _country_names():
        return "GPE"  # row 127: "Bahrain" tagged PERSON
    if entity_type in {"ORG", "PERSON"} and not full_person:
        places = sum(_is_place(r) for r in roots)
        if places and places * 3 >= len(roots) * 2:
            return "GPE"
    return entity_type
