"""Who said what, in each article: direct, indirect and mixed quotations with their speakers.

Every quotation-marked span is attributed through the dependency parse: up from the quoted words
to the reporting verb that governs them ("“...,” he said", "X said it was “positive”"), then to
that verb's subject. A quotation that is the whole complement is ``direct``; one embedded in a
reported clause is ``mixed`` and its text is the clause. A quotation with no reporting verb is
given to the verb that governs it when that verb has a speaker ("She condemned Russia’s
“aggression”", "described by Mr Stoltenberg as a “defining moment”"), or, when it stands as a
sentence of its own, to the previous speaker (quotations split by "he said", or a quoted paragraph
continuing the one before). Reporting verbs with a clause and no quotation marks give ``indirect``
statements ("X said (that) ...", "..., according to X").

Cross-article grouping of the same statement is in ``quote_groups``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.analyze.entities import EntityIndex
from newsbrief.analyze.nlp import ParsedParagraph, coarse
from newsbrief.analyze.quote_marks import (
    MAX_TERM_WORDS,
    QuotedSpan,
    find_quoted_spans,
    is_heading,
    is_title,
    looks_like_name,
)
from newsbrief.analyze.speakers import Speaker, SpeakerResolver
from newsbrief.analyze.speech import (
    CLAIM_NOUNS,
    CRY_FORMS,
    DENIAL_NOUNS,
    DENIALS,
    DOCUMENT_NOUNS,
    QUOTING_ONLY,
    SPEECH_FORMS,
    STANCE_FORMS,
    denies_object,
    frame_polarity,
    is_speech_verb,
    subject_of,
)
from newsbrief.types import QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

CLAUSAL = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis", "csubj", "relcl", "acl"})
_COPULAS = frozenset({"be", "is", "are", "was", "were", "been", "being", "'s", "’s"})
MIN_INDIRECT_TOKENS = 4
# Quoted words under a verb that does not report speech count only from this length.
MIN_FREE_QUOTE_WORDS = 6
# How far after the verb a that-clause the parser hung elsewhere may start.
THAT_WINDOW = 6
MIN_CONTINUATION_WORDS = 3
# An unattributed quotation continues the last speaker only if that speaker spoke this recently.
CONTINUATION_PARAGRAPHS = 1


@dataclass(slots=True)
class QuoteInstance:
    """One statement as one article prints it; offsets index Article.text."""

    article: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    # Spans inside quotation marks, within [start, end).
    quoted: list[tuple[int, int]] = field(default_factory=list)
    paragraph: int = 0
    # "denial" when the reporting frame denies the content ("denied that ...", "repeated Russia's
    # denials that ..."); None for an assertion.
    polarity: str | None = None


def _in_span(token: Token, span: QuotedSpan) -> bool:
    return span.inner_start <= token.idx < span.inner_end


def _trim(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].dep_ in {"mark", "cc"}) and not _is_mark(tokens[0]):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc") and not _is_mark(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _is_mark(token: Token) -> bool:
    return token.text in {"“", "”", '"', "‘", "’", "«", "»", "''", "``"}


def _governing_verb(quote: list[Token], inside: set[int]) -> tuple[Token, Token] | None:
    """The reporting verb above the quoted words, and its child on the way down to them."""
    for token in quote:
        if token.head.i in inside and token.head.i != token.i:
            continue
        child, head = token, token.head
        while head.i != child.i:
            if head.i not in inside and is_speech_verb(head):
                return head, child
            child, head = head, head.head
    return None


def _adjacent_verb(doc: Doc, span: QuotedSpan, inside: set[int]) -> Token | None:
    """A reporting verb right after the closing mark ("...,” he said") or right before the
    opening one ("X warned: “...”") when the parser did not link it to the quotation."""
    after = [t for t in doc if t.idx >= span.end][:5]
    for token in after:
        if token.i in inside or _is_mark(token):
            break
        # A finite verb ("he said", "said Peskov"), not a participle starting a new clause.
        if is_speech_verb(token) and token.tag_ in {"VBD", "VBZ", "VBP"}:
            return token
    before = [t for t in doc if t.idx + len(t) <= span.start][-8:]
    if before and before[-1].text in {":", ","}:
        for token in reversed(before):
            if token.i in inside or token.is_sent_end:
                break
            if is_speech_verb(token):
                return token
    return None


def _with_subject_verb(quote: list[Token], inside: set[int]) -> tuple[Token, Token] | None:
    """Any verb above the quoted words that has a subject or an agent outside them."""
    for token in quote:
        if token.head.i in inside and token.head.i != token.i:
            continue
        child, head = token, token.head
        while head.i != child.i:
            if head.i not in inside and coarse(head) == "VERB":
                subject = subject_of(head)
                if subject is not None and subject.i not in inside:
                    return head, child
            child, head = head, head.head
    return None


def _carries_words(verb: Token, quote: list[Token]) -> bool:
    """Whether a verb without a reporting sense still presents the quotation as someone's words:
    a stance verb ("condemned", "dubbed"), or a quotation long enough to be no mere term."""
    if verb.lower_ in _COPULAS:
        return False
    words = [t for t in quote if not t.is_punct]
    return verb.lower_ in STANCE_FORMS | SPEECH_FORMS or len(words) >= MIN_FREE_QUOTE_WORDS


def _path_down(top: Token, target: Token) -> list[Token]:
    """Tokens from ``target`` up to ``top`` (exclusive), target first."""
    path = []
    token = target
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path if token.i == top.i else []


def _opens_clause(token: Token) -> bool:
    # "..., and that Nato members had invited ...", "..., and added that ..." and "...,
    # but are ready to meet again" are second statements, not part of the first.
    if token.dep_ != "conj":
        return False
    contrast = any(c.dep_ == "cc" and c.lower_ == "but" for c in token.head.children)
    return (
        is_speech_verb(token)
        or any(c.dep_ == "mark" for c in token.children)
        or (contrast and coarse(token) == "VERB")
    )


def _absolute(token: Token) -> bool:
    """ "with Moscow demanding a say": a circumstance the reporter adds, not the statement. The
    participle must be the phrase's own predicate: "would come with a severe cost on Russia's
    economy, including co-ordinated sanctions" is part of the statement (it was cut at "come")."""
    if token.dep_ != "prep" or token.lower_ != "with":
        return False
    heads = {token.i} | {c.i for c in token.children if c.dep_ == "pobj"}
    return any(
        t.tag_ == "VBG" and t.dep_ in {"pcomp", "acl", "advcl"} and t.head.i in heads for t in token.subtree
    )


def _clause(root: Token, target: Token) -> tuple[list[Token], list[Token]]:
    """The reported clause under ``root`` that contains ``target``, and the other conjoined
    that-clauses under it (each a separate statement)."""
    path = _path_down(root, target)
    for token in reversed(path):
        if _opens_clause(token):
            root = token
    others = [t for t in root.subtree if t.i != root.i and _opens_clause(t) and t not in path]
    asides = [t for t in root.subtree if _absolute(t) and t not in path]
    excluded = {s.i for t in others + asides for s in t.subtree}
    return [t for t in root.subtree if t.i not in excluded], others


def doc_span(verb: Token, clause: list[Token]) -> list[Token]:
    """The tokens from ``verb`` to the end of ``clause``."""
    end = max(t.i for t in clause) + 1
    return list(verb.doc[min(verb.i, *(t.i for t in clause)) : end])


def _speaker(resolver: SpeakerResolver, paragraph: ParsedParagraph, verb: Token) -> Speaker | None:
    subject = subject_of(verb)
    speaker = resolver.resolve(paragraph, subject) if subject is not None else None
    if speaker is not None and verb.lower_ in CRY_FORMS and speaker.type not in {None, "PERSON"}:
        return None  # only people cry out; an organisation there is a parse or NER error
    return speaker


def _cry_before(doc: Doc, span: QuotedSpan, inside: set[int]) -> Token | None:
    """A verb of crying out right before the opening mark ("heard the woman scream, “Help me”"):
    the words are the crier's, whatever verb the parser hung them on."""
    before = [t for t in doc if t.idx + len(t) <= span.start and t.i not in inside][-3:]
    for token in reversed(before):
        if token.is_punct:
            continue
        return token if token.lower_ in CRY_FORMS and token.tag_.startswith("VB") else None
    return None


def fold_head(description: str) -> str:
    """The last word of a speaker description, lower-cased: "arrest report" -> "report"."""
    words = description.split()
    return words[-1].lower() if words else ""


def _is_name(quote: list[Token]) -> bool:
    if not quote:
        return False
    doc = quote[0].doc
    return looks_like_name(doc.text[quote[0].idx : quote[-1].idx + len(quote[-1])])


class _ArticleQuotes:
    """Extraction state for one article: the instances so far and the last speaker."""

    def __init__(self, resolver: SpeakerResolver) -> None:
        self.resolver = resolver
        self.instances: list[QuoteInstance] = []
        self.last: tuple[Speaker, int] | None = None
        # The paragraph before the current one and the tokens inside its quotation marks.
        self.previous: tuple[ParsedParagraph, set[int]] | None = None

    def introducer(self, paragraph: ParsedParagraph, inside: set[int], before: int) -> Speaker | None:
        """The person a sentence ending before ``before`` (a colon, or the end of the paragraph
        before a quoted one) is about: the named person subject of its main verb ("Ashake now plans
        a march ... to send a message: “...”", "In a separate call, Dunn makes the connection ...
        ¶ “I was the one ...”"). Named people only: a description is too weak a guess here."""
        doc = paragraph.doc
        tokens = [t for t in doc if t.idx < before and t.i not in inside]
        if not tokens:
            return None
        # The verb of the clause before the colon: the sentence root, unless the parser made a
        # verb inside the quotation the root; then the first verb above the last word before it.
        root = tokens[-1].sent.root
        if root.i in inside or coarse(root) != "VERB":
            chain = [tokens[-1], *tokens[-1].ancestors]
            root = next((t for t in chain if t.i not in inside and coarse(t) == "VERB"), None)
            if root is None:
                return None
        subject = subject_of(root)
        if subject is None or subject.i in inside:
            return None
        speaker = self.resolver.resolve(paragraph, subject)
        if speaker is None or speaker.entity is None or speaker.type != "PERSON":
            return None
        return speaker

    def block(self, paragraph: ParsedParagraph, spans: list[QuotedSpan], inside: set[int]) -> None:
        """A paragraph of first-person speech printed without quotation marks after a paragraph
        that ends with a colon ("Dunn told his fiancee that he felt attacked: ¶ I was the one
        ..."): the whole paragraph is the introducer's words."""
        if self.previous is None or self.previous[0].index != paragraph.index - 1:
            return
        before, before_inside = self.previous
        if not before.doc.text.rstrip().endswith(":") or (spans and spans[0].start == 0):
            return
        first = next(iter(paragraph.doc.sents), None)
        if first is None or not any(t.lower_ in {"i", "we"} and t.tag_ == "PRP" for t in first):
            return
        speaker = self.introducer(before, before_inside, len(before.doc.text.rstrip()) - 1)
        if speaker is not None:
            self.add(paragraph, list(paragraph.doc), "direct", speaker, spans)

    def add(
        self,
        paragraph: ParsedParagraph,
        tokens: list[Token],
        kind: QuoteKind,
        speaker: Speaker | None,
        spans: list[QuotedSpan],
        cover: QuotedSpan | None = None,
        polarity: str | None = None,
    ) -> None:
        tokens = _trim(tokens)
        if not tokens:
            return
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1])
        if cover is not None:
            start, end = min(start, cover.inner_start), max(end, cover.inner_end)
        quoted = [
            (paragraph.start + s.inner_start, paragraph.start + s.inner_end)
            for s in spans
            if s.inner_start < end and s.inner_end > start
        ]
        base = paragraph.start
        start, end = base + start, base + end
        if any(q.start <= start and q.end >= end for q in self.instances):
            return
        # A longer rendering of the same words (a second fragment of one clause) replaces it.
        self.instances = [q for q in self.instances if not (start <= q.start and q.end <= end)]
        self.instances.append(
            QuoteInstance(
                article=paragraph.article,
                start=start,
                end=end,
                kind=kind,
                speaker=speaker,
                quoted=quoted,
                paragraph=paragraph.index,
                polarity=polarity if kind != "direct" else None,
            )
        )
        if speaker is not None:
            self.last = (speaker, paragraph.index)

    def quotation(
        self,
        paragraph: ParsedParagraph,
        span: QuotedSpan,
        spans: list[QuotedSpan],
        inside: set[int],
    ) -> None:
        doc = paragraph.doc
        quote = [t for t in doc if _in_span(t, span)]
        if not quote or is_heading(doc.text, span) or is_title(doc.text, span):
            return
        joined = self.joined_speaker(paragraph, span, spans)
        if joined is not None:
            # "shouts, “That went right through the door!” and “Somebody got shot!”"
            self.direct(paragraph, quote, joined, spans, span)
            return
        cry = _cry_before(doc, span, inside)
        if cry is not None:
            # Sieve 1: the person crying out right before the quotation, not who relays it.
            self.direct(paragraph, quote, _speaker(self.resolver, paragraph, cry), spans, span)
            return
        governed = _governing_verb(quote, inside)
        verb = governed[0] if governed else _adjacent_verb(doc, span, inside)
        if verb is not None and governed is None:
            speaker = _speaker(self.resolver, paragraph, verb)
            self.direct(paragraph, quote, speaker, spans, span)
            return
        if governed is None:
            governed = _with_subject_verb(quote, inside)
            # Any verb can carry a quotation ("She condemned Russia’s “aggression”"), but only a
            # named speaker makes it one; otherwise it is a scare quote or a title.
            if governed is not None and _carries_words(governed[0], quote):
                speaker = _speaker(self.resolver, paragraph, governed[0])
                if speaker is not None and speaker.entity is not None and not _is_name(quote):
                    self.embedded(paragraph, governed, quote, spans, span, inside)
                    return
        else:
            self.embedded(paragraph, governed, quote, spans, span, inside)
            return
        self.continuation(paragraph, span, quote, spans, inside)

    def joined_speaker(
        self, paragraph: ParsedParagraph, span: QuotedSpan, spans: list[QuotedSpan]
    ) -> Speaker | None:
        """The speaker of the quotation just before this one when only "and" joins them."""
        earlier = [s for s in spans if s.end <= span.start]
        if not earlier or not self.instances:
            return None
        between = paragraph.doc.text[earlier[-1].end : span.start].strip(" ,;")
        last = self.instances[-1]
        ends_there = last.end >= paragraph.start + earlier[-1].inner_end and last.paragraph == paragraph.index
        return last.speaker if between in {"and", "or", "then", "and then"} and ends_there else None

    def direct(
        self,
        paragraph: ParsedParagraph,
        quote: list[Token],
        speaker: Speaker | None,
        spans: list[QuotedSpan],
        span: QuotedSpan,
    ) -> None:
        if speaker is not None and speaker.entity is None and fold_head(speaker.name) in DOCUMENT_NOUNS:
            # Words in quotation marks are someone's, never a document's ("..., the arrest report
            # said"); a document may still be the source of an indirect statement.
            speaker = None
        words = [t for t in quote if not t.is_punct]
        if len(words) <= MAX_TERM_WORDS and (speaker is None or _is_name(quote)):
            # "38% answered “yes”", "called him “Frank”": a poll answer or a name, not speech.
            return
        self.add(paragraph, quote, "direct", speaker, spans, cover=span)

    def embedded(
        self,
        paragraph: ParsedParagraph,
        governed: tuple[Token, Token],
        quote: list[Token],
        spans: list[QuotedSpan],
        span: QuotedSpan,
        inside: set[int],
    ) -> None:
        verb, child = governed
        speaker = _speaker(self.resolver, paragraph, verb)
        clause, others = _clause(child, quote[0])
        words = [t for t in clause if not t.is_punct and t.dep_ != "mark"]
        if words and all(t.i in inside for t in words):
            self.direct(paragraph, quote, speaker, spans, span)
            return
        if _is_name(quote) and verb.lower_ in QUOTING_ONLY:
            return  # "friends called him “Frank”"
        polarity = frame_polarity(verb, child)
        if child.dep_ not in CLAUSAL:
            # "warned of a “real risk”": an object or phrase is no statement without its verb.
            clause = [t for t in doc_span(verb, clause)]
        marks = QuotedSpan(span.start, span.end, span.start, span.end, span.closed)
        self.add(paragraph, clause, "mixed", speaker, spans, cover=marks, polarity=polarity)
        for other in others:
            if not any(t.i in inside for t in other.subtree):
                self.add(paragraph, list(other.subtree), "indirect", speaker, spans, polarity=polarity)

    def continuation(
        self,
        paragraph: ParsedParagraph,
        span: QuotedSpan,
        quote: list[Token],
        spans: list[QuotedSpan],
        inside: set[int],
    ) -> None:
        doc = paragraph.doc
        sentence_start = quote[0].sent.start
        lead = [t for t in doc[sentence_start : quote[0].i] if not t.is_punct]
        words = [t for t in quote if not t.is_punct]
        if len(words) < MIN_CONTINUATION_WORDS:
            return
        text = doc.text[: span.start].rstrip()
        if text.endswith(":"):
            # "... to send a message and a challenge: “They cannot get away with it.”"
            speaker = self.introducer(paragraph, inside, len(text) - 1)
            if speaker is not None:
                self.add(paragraph, quote, "direct", speaker, spans, cover=span)
                return
        if lead:
            return
        if self.last is not None and paragraph.index - self.last[1] <= CONTINUATION_PARAGRAPHS:
            self.add(paragraph, quote, "direct", self.last[0], spans, cover=span)
            return
        whole = span.start == 0 and span.end >= len(doc.text.rstrip())
        if whole and self.previous is not None and self.previous[0].index == paragraph.index - 1:
            # A quoted paragraph with no attribution, after one about a named person who is not
            # quoted there: that person's words (a call transcript after "Dunn makes the
            # connection between ...").
            before, before_inside = self.previous
            speaker = self.introducer(before, before_inside, len(before.doc.text))
            if speaker is not None:
                self.add(paragraph, quote, "direct", speaker, spans, cover=span)

    def reported(self, paragraph: ParsedParagraph, inside: set[int], spans: list[QuotedSpan]) -> None:
        """Indirect statements: reporting verbs with a clause that has no quotation in it, and
        denials of someone else's claim ("rejected claims that ...")."""
        for verb in paragraph.doc:
            if verb.i in inside or verb.lower_ in QUOTING_ONLY:
                continue
            if not is_speech_verb(verb) and not (verb.lower_ in DENIALS and verb.tag_.startswith("VB")):
                continue
            for clause in _reported_clauses(verb):
                if any(t.i in inside for t in clause):
                    continue
                if len([t for t in clause if not t.is_punct]) < MIN_INDIRECT_TOKENS:
                    continue
                if clause[0].lower_ in {"whether", "if"}:
                    continue  # "asked whether ...", "would not say if ...": nothing is stated
                polarity = frame_polarity(verb, _clause_head(clause))
                speaker = _speaker(self.resolver, paragraph, verb)
                self.add(paragraph, clause, "indirect", speaker, spans, polarity=polarity)


def _clause_head(clause: list[Token]) -> Token | None:
    ids = {t.i for t in clause}
    return next((t for t in clause if t.head.i not in ids or t.head.i == t.i), None)


def _reported_clauses(verb: Token) -> list[list[Token]]:
    if verb.lower_ == "according":
        # "..., according to X": the statement is the clause the phrase is attached to.
        head = verb.head
        if head.i == verb.i or is_speech_verb(head):
            # "“...?” fan X asked, according to the AP" attributes a quotation; it states nothing.
            return []
        skip = {t.i for t in verb.subtree}
        return [[t for t in head.subtree if t.i not in skip]]
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        return [_clause(c, c)[0] for c in clauses]
    # "rejected claims that the army fired", "repeated its denials that ...": the that-clause of
    # the claim or denial noun is the content.
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in CLAIM_NOUNS | DENIAL_NOUNS):
        that = [c for c in obj.children if c.dep_ in {"acl", "ccomp", "relcl"} and _has_that(c)]
        if that:
            return [_clause(that[0], that[0])[0]]
    if not is_speech_verb(verb):
        return []
    if denies_object(verb) and verb.tag_ in {"VBD", "VBZ"}:
        # "denied plans to attack Ukraine" states the opposite of its object.
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.n_rights]
        if objects:
            return [doc_span(verb, list(objects[0].subtree))]
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    follows = verb.dep_ in {"conj", "parataxis"} and verb.head.i < verb.i
    if follows and subject is not None and coarse(verb.head) == "VERB":
        # "The differences will be hard to bridge, the head of the alliance said Wednesday";
        # not "She would not say, and the paper has not confirmed, ...".
        before = subject.left_edge.i - 1
        if before >= 0 and verb.doc[before].text == ",":
            skip = {t.i for t in verb.subtree}
            return [[t for t in verb.head.subtree if t.i not in skip]]
    # The parser sometimes hangs "said ... that X" on a noun ("said during his briefing that");
    # take the that-clause anyway.
    for token in verb.subtree:
        near = verb.i < token.i <= verb.i + THAT_WINDOW
        head = token.head
        clause_head = coarse(head) == "VERB" and head.i != verb.i and not is_speech_verb(head)
        if near and token.lower_ == "that" and clause_head:
            return [[t for t in head.subtree if t.i > token.i]]
    return []


def _has_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def extract_quote_instances(parsed: list[ParsedParagraph], index: EntityIndex) -> list[QuoteInstance]:
    """Every statement in every article, in article and text order."""
    resolver = SpeakerResolver(index)
    by_article: dict[str, list[ParsedParagraph]] = defaultdict(list)
    for paragraph in parsed:
        by_article[paragraph.article].append(paragraph)
    instances: list[QuoteInstance] = []
    for paragraphs in by_article.values():
        marks = {p.index: find_quoted_spans(p.doc.text) for p in paragraphs}
        inside = {p.index: {t.i for t in p.doc for s in marks[p.index] if _in_span(t, s)} for p in paragraphs}
        resolver.prepare(paragraphs, inside)
        state = _ArticleQuotes(resolver)
        for paragraph in paragraphs:
            spans = marks[paragraph.index]
            state.block(paragraph, spans, inside[paragraph.index])
            for span in spans:
                state.quotation(paragraph, span, spans, inside[paragraph.index])
            state.reported(paragraph, inside[paragraph.index], spans)
            state.previous = (paragraph, inside[paragraph.index])
        state.instances.sort(key=lambda q: q.start)
        instances.extend(state.instances)
    return instances
