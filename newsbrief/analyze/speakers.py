"""Resolve who a subject noun phrase is: a named entity, a role, a pronoun, or a description.

"Kremlin spokesman Dmitry Peskov" names a person; "Mr Stoltenberg" is a merged name variant;
"the secretary-general" or "the head of the Atlantic alliance" is mapped to the person of the
event holding that role; "he"/"she" is the latest compatible person who was the subject of a
clause before it (subjects, not every mention, because "... headed by Alexander Grushko ... he
added" is still the first speaker talking); "it"/"they" the latest organisation or country in that
position. Anything else ("Denmark's delegation to Nato", "diplomats") is kept as a description.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsbrief.analyze.entities import EntityIndex, role_key
from newsbrief.analyze.nlp import ParsedParagraph, coarse
from newsbrief.analyze.speech import (
    FIRST_PERSON,
    GROUP_PRONOUNS,
    NOT_SPEAKER_ENTS,
    PERSONAL_PRONOUNS,
    TIME_WORDS,
    is_speech_verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns whose gender a later "he"/"she" can agree with, for speakers no name is given for.
GENDERED_NOUNS = {
    **dict.fromkeys(
        [
            "woman",
            "girl",
            "mother",
            "daughter",
            "wife",
            "sister",
            "grandmother",
            "actress",
            "mom",
            "mum",
            "lady",
            "widow",
            "girlfriend",
            "aunt",
            "niece",
            "businesswoman",
            "spokeswoman",
            "chairwoman",
            "congresswoman",
        ],
        "f",
    ),
    **dict.fromkeys(
        [
            "man",
            "boy",
            "father",
            "son",
            "husband",
            "brother",
            "grandfather",
            "dad",
            "widower",
            "boyfriend",
            "uncle",
            "nephew",
            "businessman",
            "spokesman",
            "chairman",
            "congressman",
            "policeman",
        ],
        "m",
    ),
}
_RELATIVE = frozenset({"who", "which", "that", "whom"})
# "the team said", "the automaker said": a definite organisation noun is the organisation
# named last before it.
ORGANISATION_NOUNS = frozenset(
    [
        "company",
        "firm",
        "team",
        "automaker",
        "carmaker",
        "maker",
        "retailer",
        "group",
        "agency",
        "department",
        "ministry",
        "government",
        "club",
        "organization",
        "organisation",
        "network",
        "campaign",
        "bank",
        "court",
        "party",
        "union",
        "university",
        "school",
        "hospital",
        "board",
        "council",
        "committee",
        "office",
        "website",
        "newspaper",
        "paper",
        "station",
        "channel",
        "airline",
        "studio",
        "league",
        "charity",
        "foundation",
        "institute",
        "commission",
        "administration",
        "alliance",
        "bloc",
        "army",
        "military",
        "police",
    ]
)
# A person described with one of these words, or an age under YOUNG_AGE ("four-year-old Noah",
# "Noah, 4,"), is a young child: news quotes the parents, so a "he said" after a sentence about the
# child is the parent speaking (a father's words were given to his son on unseen news).
CHILD_WORDS = frozenset({"little", "toddler", "baby", "infant", "child", "boy", "girl", "kid", "newborn"})
YOUNG_AGE = 13
_INFANT = frozenset({"toddler", "baby", "infant", "newborn"})
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_INDEFINITE = frozenset({"a", "an", "another", "one", "other", "some", "several"})
_ROLE_SYNONYMS = ({"head", "chief", "leader"}, {"spokesman", "spokeswoman", "spokesperson"})
_ROLE_CUT = frozenset({"of", "to", "at", "for", "in", "on", "who", "which"})
_NOT_IN_NP = frozenset({"relcl", "acl", "punct", "cc", "advcl"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """``entity`` indexes EntityIndex.entities; None for a description such as "diplomats"."""

    name: str
    entity: int | None = None
    type: str | None = None


def role_head(role: str) -> str:
    """The noun a role is about: "head of the Atlantic alliance" -> "head"."""
    words = role_key(role).split()
    for i, word in enumerate(words):
        if i and word in _ROLE_CUT:
            words = words[:i]
            break
    if words[-2:] == ["secretary", "general"]:
        return "secretary general"
    return words[-1] if words else ""


def _synonyms(head: str) -> set[str]:
    for group in _ROLE_SYNONYMS:
        if head in group:
            return set(group)
    return {head}


def noun_phrase(root: Token) -> list[Token]:
    """The tokens of the noun phrase headed by ``root``, without relative clauses or a date
    the parser hung on it ("the firm on Friday")."""

    def keep(token: Token) -> bool:
        while token.i != root.i:
            if token.dep_ in _NOT_IN_NP and token.dep_ != "punct":
                return False
            if token.dep_ == "prep" and any(t.ent_type_ in {"DATE", "TIME"} for t in token.subtree):
                return False
            token = token.head
        return True

    tokens = [t for t in root.subtree if keep(t)]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "det"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _age(word: str) -> int | None:
    head = word.lower().split("-")[0]
    if head.isdigit():
        return int(head)
    return _NUMBER_WORDS.get(head)


def is_young_child(root: Token) -> bool:
    """Whether the noun phrase headed by ``root`` describes a young child."""
    for token in root.subtree:
        if token.dep_ in {"relcl", "acl"}:
            continue
        if token.lower_ in CHILD_WORDS and (token.i != root.i or token.lower_ in _INFANT):
            return True
        text = token.lower_
        if text.endswith("-year-old") or (
            token.i + 4 < len(token.doc)
            and token.nbor(1).text == "-"
            and token.nbor(2).lower_ == "year"
            and token.nbor(4).lower_ == "old"
        ):
            age = _age(text)
            if age is not None and age < YOUNG_AGE:
                return True
        if (
            token.dep_ in {"appos", "npadvmod", "amod", "nummod"}
            and token.head.i == root.i
            and token.like_num
        ):
            age = _age(text)
            if age is not None and age < YOUNG_AGE:
                return True
    return False


def never_speaker(token: Token) -> bool:
    """A time, number or time zone: "GMT", "1130", "38%" are never who said something."""
    return token.ent_type_ in NOT_SPEAKER_ENTS or token.lower_ in TIME_WORDS or token.like_num


def _plural_subject(token: Token, named: bool = False) -> bool:
    """ "King Henrik and Queen Maren watched", "His parents, King Henrik and Queen Maren, watched":
    neither of two coordinated people is a later "he" (a new king's words went to his father).
    ``named``: the token names one person, whose surname may be tagged plural ("Banks" NNPS)."""
    if token.dep_ == "conj" or (token.tag_ in {"NNS", "NNPS"} and not named):
        return True
    return any(c.dep_ == "conj" or (c.dep_ == "appos" and _plural_subject(c)) for c in token.children)


def _nonfinite_subject(token: Token) -> bool:
    """ "wants his son to know ...": the subject of an infinitive or a bare participle under
    another verb is not whom a following "he said" is about."""
    verb = token.head
    if verb.dep_ not in {"ccomp", "xcomp", "advcl", "acl"}:
        return False
    return verb.tag_ == "VBG" or any(c.tag_ == "TO" for c in verb.children)


def _in_reported_speech(token: Token) -> bool:
    """ "She added that it was unclear whether Whitaker had been briefed. “...,” she said": the
    subject of what a named person or "he"/"she" reports is talked about, not the next speaker
    (her words went to Whitaker, whose gender was unknown)."""
    verb = token.head
    for _ in range(4):
        if verb.dep_ not in {"ccomp", "conj", "advcl"} or verb.head.i == verb.i:
            return False
        if verb.dep_ == "ccomp" and is_speech_verb(verb.head):
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            return subject is not None and (subject.tag_ == "PRP" or coarse(subject) == "PROPN")
        verb = verb.head
    return False


def _misread_apposition(token: Token) -> bool:
    """ "In a call with his wife, Ann Roe, he said": the parser made "Roe" a second subject of
    "said"; a pronoun subject after it is the real one (the man's words went to his wife)."""
    if token.dep_ != "nsubj" or token.tag_ == "PRP":
        return False
    return any(c.dep_ == "nsubj" and c.tag_ == "PRP" and c.i > token.i for c in token.head.children)


class SpeakerResolver:
    """Resolves subjects article by article; call ``prepare`` with each article's paragraphs."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self.role_heads: list[set[str]] = []
        self.role_words: list[set[str]] = []
        for entity in index.entities:
            heads: set[str] = set()
            words: set[str] = set()
            if entity.type == "PERSON":
                for role in entity.roles:
                    if head := role_head(role):
                        heads |= _synonyms(head)
                    words.update(role_key(role).split())
            self.role_heads.append(heads)
            self.role_words.append(words)
        # Per article: (offset, speaker, gender) of every subject a pronoun may refer to.
        self.subjects: dict[str, list[tuple[int, Speaker, str | None]]] = defaultdict(list)
        # Per article: noun phrases describing a young child; never a pronoun's speaker.
        self.young: dict[str, list[tuple[int, int]]] = defaultdict(list)
        # Per article: the character ranges inside quotation marks.
        self.quoted: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def prepare(self, paragraphs: list[ParsedParagraph], quoted: dict[int, set[int]]) -> None:
        """Record the named subjects of an article (outside quotations) for pronoun resolution.

        ``quoted`` maps a paragraph index to the token indices inside quotation marks."""
        for p in paragraphs:
            inside = quoted.get(p.index, set())
            self.quoted[p.article].extend(
                (p.start + t.idx, p.start + t.idx + len(t)) for t in p.doc if t.i in inside
            )
            for token in p.doc:
                if token.i not in inside and coarse(token) in {"PROPN", "NOUN"} and is_young_child(token):
                    words = noun_phrase(token)
                    if words:
                        end = words[-1].idx + len(words[-1])
                        self.young[p.article].append((p.start + words[0].idx, p.start + end))
            for token in p.doc:
                if token.i in inside or token.dep_ not in {"nsubj", "nsubjpass", "pobj"}:
                    continue
                if _nonfinite_subject(token) or is_young_child(token) or _misread_apposition(token):
                    continue
                if _in_reported_speech(token):
                    continue
                # "described by Mr Stoltenberg" makes him the subject of the saying, "headed by
                # Alexander Grushko" does not.
                if token.dep_ == "pobj" and not (
                    token.head.dep_ == "agent" and is_speech_verb(token.head.head)
                ):
                    continue
                speaker = self._named(p, token)
                # "Banks" is often tagged NNS/NNPS; a capitalised word naming one person is one.
                named = speaker is not None and speaker.type == "PERSON" and token.text[:1].isupper()
                plural = _plural_subject(token, named)
                offset = p.start + token.idx
                if plural and (speaker is None or speaker.type == "PERSON"):
                    continue  # "his parents, X and Y": no "he" or "she" refers to either
                if speaker is not None and speaker.entity is not None:
                    gender = self.index.genders[speaker.entity]
                    self.subjects[p.article].append((offset, speaker, gender))
                elif token.lower_ in GENDERED_NOUNS and token.tag_ == "NN" and not is_young_child(token):
                    described = self._description(p, token)
                    if described is not None:
                        self.subjects[p.article].append((offset, described, GENDERED_NOUNS[token.lower_]))
        for spans in self.subjects.values():
            spans.sort(key=lambda s: s[0])

    def resolve(self, paragraph: ParsedParagraph, token: Token) -> Speaker | None:
        """Who the subject ``token`` (head of its noun phrase) refers to."""
        if token.lower_ in _RELATIVE and token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl":
            # "the woman, who said ...": the speaker is the noun the clause hangs on.
            token = token.head.head
        # "US" is a country, "us" a pronoun: only the tagger can tell them apart.
        word = token.lower_ if token.tag_ in {"PRP", "PRP$"} else ""
        offset = paragraph.start + token.idx
        if not word and never_speaker(token):
            return None
        if word in PERSONAL_PRONOUNS:
            # The same-sentence pass looks before the pronoun's own clause: in "A contact had
            # advised Ghlam to target churches, he added" Ghlam is in what is said, not who says it.
            clause_start = paragraph.start + min(token.head.left_edge.idx, token.idx)
            sentence = paragraph.start + token.sent.start_char
            return self._pronoun(paragraph.article, offset, PERSONAL_PRONOUNS[word], (sentence, clause_start))
        if word in GROUP_PRONOUNS:
            return self._pronoun(paragraph.article, offset, None)
        if word in FIRST_PERSON:
            return None
        named = self._named(paragraph, token)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        if named is None and definite and token.lower_ in ORGANISATION_NOUNS and token.tag_ == "NN":
            named = self._latest(paragraph.article, offset, {"ORG"})
        return named if named is not None else self._description(paragraph, token)

    def _latest(self, article: str, offset: int, types: set[str]) -> Speaker | None:
        """The last entity of these types before ``offset``: a subject if any, else a mention."""
        for start, speaker, _ in reversed(self.subjects.get(article, [])):
            if start < offset and speaker.type in types:
                return speaker
        quoted = self.quoted.get(article, [])
        for start, _, entity in reversed(self.index.by_article.get(article, [])):
            # Not a name inside the quotation: "“... the heist from the San Francisco Mint,” the
            # newspaper reported" is the newspaper named before, not the Mint.
            if any(a <= start < b for a, b in quoted):
                continue
            if start < offset and self.index.type_of(entity) in types:
                return self._speaker(entity)
        return None

    def _description(self, paragraph: ParsedParagraph, token: Token) -> Speaker | None:
        words = noun_phrase(token)
        if not words:
            return None
        return Speaker(name=paragraph.doc[words[0].i : words[-1].i + 1].text)

    def _speaker(self, entity: int) -> Speaker:
        found = self.index.entities[entity]
        return Speaker(name=found.name, entity=entity, type=found.type)

    def _named(self, paragraph: ParsedParagraph, root: Token) -> Speaker | None:
        words = noun_phrase(root)
        if not words:
            return None
        base = paragraph.start
        start, end = base + words[0].idx, base + words[-1].idx + len(words[-1])
        mentions = self.index.mentions_in(paragraph.article, start, end)
        # The person the phrase is about: its head, or an apposition to the head; not a possessor
        # ("Zainab Al-Khawaja's family") or someone in a modifier ("the delegation headed by X").
        about = [base + root.idx] + [
            base + c.idx for c in root.children if c.dep_ == "appos" and coarse(c) == "PROPN"
        ]
        for m in mentions:
            if self.index.type_of(m[2]) == "PERSON" and any(m[0] <= at < m[1] for at in about):
                return self._speaker(m[2])
        head = self.index.entity_at(paragraph.article, base + root.idx, base + root.idx + len(root))
        if head is not None:
            return self._speaker(head)
        # "another council member said" introduces someone new: an indefinite role is never the
        # person of the event holding it (a council member's words went to the named one).
        indefinite = any(
            c.lower_ in _INDEFINITE and c.dep_ in {"det", "amod", "nummod"} for c in root.children
        )
        if coarse(root) == "NOUN" and not indefinite:
            text = paragraph.doc[words[0].i : words[-1].i + 1].text
            holder = self._role_holder(paragraph.article, start, text)
            if holder is not None:
                return self._speaker(holder)
        return None

    def _role_holder(self, article: str, offset: int, phrase: str) -> int | None:
        head = role_head(phrase)
        if not head:
            return None
        wanted = _synonyms(head)
        modifiers = set(role_key(phrase).split()) - wanted - {"of", "the"}
        best: tuple[int, int, int] | None = None
        holder = None
        for entity, heads in enumerate(self.role_heads):
            if not heads & wanted:
                continue
            mentions = self.index.entities[entity].mentions
            earlier = any(m.article == article and m.start < offset for m in mentions)
            score = (len(modifiers & self.role_words[entity]), int(earlier), len(mentions))
            if best is None or score > best:
                best, holder = score, entity
        return holder

    def _pronoun(
        self, article: str, offset: int, gender: str | None, sentence: tuple[int, int] | None = None
    ) -> Speaker | None:
        """``sentence``: where the pronoun's sentence and its clause start; a person named in
        between is looked at first."""

        def fits(speaker: Speaker, known: str | None) -> bool:
            if speaker.entity is None:
                # A description ("the woman") only when its noun has the pronoun's gender.
                return gender is not None and known == gender
            is_person = speaker.type == "PERSON"
            if gender is None:
                return not is_person
            return is_person and (known is None or known == gender)

        young = self.young.get(article, [])
        quoted = self.quoted.get(article, []) + young
        mentions = [
            m for m in self.index.by_article.get(article, []) if not any(a <= m[0] < b for a, b in young)
        ]
        if sentence is not None and gender is not None:
            # A person named earlier in the same sentence comes first ("... Weiner held a news
            # conference in which he said"): no closer compatible person may be skipped.
            for start, _end, entity in reversed(mentions):
                if not sentence[0] <= start < sentence[1] or any(a <= start < b for a, b in quoted):
                    continue
                speaker = self._speaker(entity)
                # Only a known, agreeing gender: "..., in which he argued that Whitaker's
                # appointment was unconstitutional, she said" is not Whitaker (gender unknown).
                if self.index.genders[entity] == gender and fits(speaker, gender):
                    return speaker
        subjects = self.subjects.get(article, [])
        earlier = subjects[: bisect_left([s[0] for s in subjects], offset)]
        for _, speaker, known in reversed(earlier):
            if fits(speaker, known):
                return speaker
        if gender is None:
            return None
        for start, _, entity in reversed(mentions):
            if start < offset and fits(self._speaker(entity), self.index.genders[entity]):
                return self._speaker(entity)
        return None
