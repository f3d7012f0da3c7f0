"""Reporting verbs and the grammatical subject that says something.

Word forms are listed rather than lemmatised so the spaCy lemmatizer can stay switched off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

_IRREGULAR = {
    "rebut": "rebutted",
    "say": "said",
    "tell": "told",
    "write": "wrote",
    "deny": "denied",
    "reply": "replied",
    "cry": "cried",
}
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
    "quote",
]
# Verbs that report speech only when they carry a quotation, never as "X called that ...".
QUOTING_ONLY = frozenset(
    {"call", "called", "calls", "calling", "describe", "described", "describes"}
    | {"quote", "quotes", "quoted", "quoting"}
)


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


# Verbs of crying out: the speaker is whoever cries out, not the witness who relays it ("she heard
# the woman scream “Help me”" is the woman's cry). Only people cry out.
CRY_FORMS = frozenset(
    form
    for lemma in ["shout", "scream", "yell", "cry", "shriek", "plead", "whisper", "chant", "exclaim"]
    for form in _forms(lemma)
)
SPEECH_FORMS = (
    CRY_FORMS
    | frozenset(form for lemma in [*_REPORTING, "call"] for form in _forms(lemma))
    | {
        "said",
        "told",
        "wrote",
        "admitted",
        "admitting",
        "according",
    }
)
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


# Frames that deny their content: "denied that ...", "rejected claims that ...", "repeated Russia's
# denials that ...". The content is what is denied, so it must never be shown as asserted.
DENIALS = frozenset(
    form
    for lemma in ["deny", "reject", "refute", "dismiss", "rebut", "dispute", "contest"]
    for form in _forms(lemma)
)
DENIAL_NOUNS = frozenset({"denial", "denials", "rejection", "rebuttal", "refutation"})
# Nouns naming someone else's statement, whose content a denial frame denies ("rejected claims that").
CLAIM_NOUNS = frozenset(
    {
        "claim",
        "claims",
        "report",
        "reports",
        "suggestion",
        "suggestions",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "assertion",
        "assertions",
        "rumour",
        "rumours",
        "rumor",
        "rumors",
        "speculation",
        "charge",
        "charges",
        "idea",
        "notion",
        "assessment",
        "assessments",
        "statement",
        "statements",
    }
)
# Documents and records: they carry words but never say them ("the arrest report said", "the
# complaint says"); the speaker is who wrote or is quoted in them, or nobody known.
DOCUMENT_NOUNS = frozenset(
    {
        "report",
        "complaint",
        "lawsuit",
        "suit",
        "filing",
        "affidavit",
        "indictment",
        "document",
        "documents",
        "records",
        "record",
        "memo",
        "letter",
        "warrant",
        "transcript",
        "ruling",
        "petition",
        "study",
        "survey",
        "poll",
        "video",
        "footage",
        "recording",
        "post",
        "tweet",
        "email",
        "message",
        "note",
        "sign",
        "signs",
        "banner",
        "headline",
        "release",
    }
)
# Time-zone and clock words the tagger may read as a name ("the agency said at 1130 GMT").
TIME_WORDS = frozenset(
    {"gmt", "utc", "est", "edt", "cet", "cest", "bst", "pst", "pdt", "cst", "cdt", "et", "pt", "msk"}
)
# Entity types that are never a speaker.
NOT_SPEAKER_ENTS = frozenset({"TIME", "DATE", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# Plural nouns the tagger often reads as verbs ("She repeated US vows to ...").
_NOUN_HOMOGRAPHS = frozenset({"vows", "claims", "reports", "states", "notes", "calls", "promises"})


# "quoted him as saying": the speaker is the object of "quote", not its subject (a report).
QUOTE_FORMS = frozenset({"quote", "quotes", "quoted", "quoting"})
_OLD_DENIALS = frozenset({"denied", "denies", "deny", "denying"})


def denies_object(verb: Token) -> bool:
    """ "denied plans to attack Ukraine": a noun object whose content is denied (deny only; "rejected
    the proposal" is a decision, not a statement)."""
    return verb.lower_ in _OLD_DENIALS


def frame_polarity(verb: Token, content: Token | None = None) -> str | None:
    """ "denial" when the frame denies its content: a denial verb ("denied that ...", "rejected
    claims that ..."), a denial noun it carries ("repeated Russia's denials that ..."), or a negated
    reporting verb ("did not say that ..."); a negated denial ("did not deny that") is not one."""
    denial = verb.lower_ in DENIALS or any(
        c.dep_ in {"dobj", "nsubjpass"} and c.lower_ in DENIAL_NOUNS for c in verb.children
    )
    if content is not None and content.head.lower_ in DENIAL_NOUNS and content.head.i != verb.i:
        denial = True
    negated = any(c.dep_ == "neg" for c in verb.children)
    return "denial" if denial != negated else None


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
        if verb.lower_ in QUOTE_FORMS:
            quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                return quoted
        if verb.lower_ == "according":
            to = next((c for c in verb.children if c.lower_ == "to"), None)
            return next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            # "In a call with his wife, Ann Roe, he said": two subjects means the parser took an
            # apposition for one; the pronoun is the real subject.
            return (
                next((c for c in subjects if c.tag_ == "PRP"), subjects[0])
                if len(subjects) > 1
                else subjects[0]
            )
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
            # "the victim kept shouting “...”": who cries out is the subject of "kept", not of
            # the verb relaying it ("a neighbour said the victim kept shouting").
            relays = reporting is not None and is_speech_verb(verb) and verb.lower_ not in CRY_FORMS
            verb = reporting if relays else verb.head
            continue
        return None
    return None
