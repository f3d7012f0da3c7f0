"""Reporting verbs and the grammatical subject that says something.

Word forms are listed rather than lemmatised so the spaCy lemmatizer can stay switched off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_IRREGULAR = {"say": "said", "tell": "told", "write": "wrote", "deny": "denied", "reply": "replied"}
# Verbs that report what someone said or holds, with a clause or a quotation as object.
_REPORTING = [
    "say",
    "tell",
    "add",
    "warn",
    "stress",
    "explain",
    "claim",
    "note",
    "insist",
    "argue",
    "declare",
    "announce",
    "state",
    "confirm",
    "deny",
    "believe",
    "allege",
    "report",
    "suggest",
    "acknowledge",
    "admit",
    "predict",
    "reply",
    "respond",
    "write",
    "tweet",
    "ask",
    "recall",
    "reiterate",
    "repeat",
    "assert",
    "concede",
    "emphasise",
    "emphasize",
    "describe",
    "vow",
    "promise",
    "testify",
    "contend",
    "maintain",
    "caution",
    "complain",
    "observe",
    "remark",
    "agree",
    "disclose",
    "estimate",
]
# Verbs that report speech only when they carry a quotation, never as "X called that ...".
QUOTING_ONLY = frozenset({"call", "called", "calls", "calling", "describe", "described", "describes"})


def _forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    else:
        third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
        past = lemma + ("d" if lemma.endswith("e") else "ed")
    forms = {lemma, third, past, stem + "ing"}
    if lemma in _IRREGULAR:
        forms.add(_IRREGULAR[lemma])
    return forms


SPEECH_FORMS = frozenset(form for lemma in [*_REPORTING, "call"] for form in _forms(lemma)) | {
    "said",
    "told",
    "wrote",
    "admitted",
    "admitting",
    "according",
}
# Verbs that take a quoted phrase as someone's words ("She condemned Russia’s “aggression”"),
# unlike verbs that merely mention a quoted term ("appealing charges of “destroying property”").
_STANCE = [
    "condemn",
    "denounce",
    "criticise",
    "criticize",
    "praise",
    "dismiss",
    "reject",
    "welcome",
    "accuse",
    "slam",
    "blast",
    "hail",
    "label",
    "brand",
    "term",
    "dub",
    "urge",
    "demand",
    "pledge",
    "threaten",
    "express",
    "voice",
    "echo",
    "decry",
    "lament",
]
STANCE_FORMS = frozenset(form for lemma in _STANCE for form in _forms(lemma))
PERSONAL_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})


DENIALS = frozenset({"denied", "denies", "deny", "denying"})
# Plural nouns the tagger often reads as verbs ("She repeated US vows to ...").
_NOUN_HOMOGRAPHS = frozenset({"vows", "claims", "reports", "states", "notes", "calls", "promises"})


def is_speech_verb(token: Token) -> bool:
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if token.lower_ not in SPEECH_FORMS or not token.tag_.startswith("VB"):
        return False
    if token.lower_ in _NOUN_HOMOGRAPHS and token.dep_ in {"ccomp", "dobj", "xcomp"}:
        # A verb complement of another verb with a bare proper noun before it is the noun.
        left = token.doc[token.i - 1] if token.i else None
        return not (left is not None and left.tag_ == "NNP" and token.head.tag_.startswith("VB"))
    return True


def subject_of(verb: Token) -> Token | None:
    """Who says it: the verb's subject, the agent of a passive ("described by X"), the object of
    "according to", or, for "adding ..." / "while welcoming ...", the subject of the main verb."""
    seen = 0
    while seen < 6:
        seen += 1
        if verb.lower_ == "according":
            to = next((c for c in verb.children if c.lower_ == "to"), None)
            return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
        for child in verb.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if verb.dep_ == "acl":
            # "diplomats saying ...": the noun the participle hangs on is the speaker.
            return verb.head
        if verb.dep_ in {"advcl", "xcomp", "conj", "pcomp", "prep"} and verb.head.i != verb.i:
            # "said that it would be impossible ... and added that ...": the parser may hang
            # "added" on the reported clause; the subject is the reporting verb's.
            reporting = next((a for a in verb.ancestors if is_speech_verb(a)), None)
            verb = reporting if reporting is not None and is_speech_verb(verb) else verb.head
            continue
        return None
    return None
