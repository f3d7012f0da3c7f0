"""Group the same statement across articles and say which outlets quote it word for word.

Statements are aligned lexically with rapidfuzz: the shortest rendering of a statement starts a
group and every longer rendering by a compatible speaker that contains it (partial-ratio
alignment, after folding quote marks and case) joins, with the aligned part as its span. One long
quotation can so carry two statements ("There are significant differences ..., and the
differences will not be easy to bridge") and join both groups. Renderings in other words
("would not let the talks drag on" / "is not prepared to allow negotiations to drag on") are not
grouped: lexical alignment cannot tell them from other statements on the same topic, and a wrong
group would claim two outlets agree when they do not.

Within a group, a carrier is ``verbatim`` when its words inside quotation marks are a contiguous
run of another carrier's quoted words, or contain them (one outlet trimming a quotation is still
quoting it), or when no other carrier quotes the statement. Quoted words that match no other
outlet's quotation of the same statement are flagged ``paraphrase_in_quotes``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from newsbrief.analyze.quotes import QuoteInstance
from newsbrief.analyze.speakers import Speaker
from newsbrief.text.normalise import contains_run, fold, word_spans, words
from newsbrief.types import Article, Quote, QuoteCarrier

MIN_SCORE = 88.0
MIN_REP_WORDS = 4
# Words this short are too common to propose a candidate pair.
MIN_INDEX_WORD = 5
MIN_SHARED_WORDS = 2
# "Someone else shouts" in one outlet, "another council member said" in another: a vague speaker
# groups with any other and speaks for the statement only when no outlet says more.
VAGUE_SPEAKERS = frozenset({"someone", "somebody", "someone else", "somebody else", "anyone", "one"})
# A rendering that joins shorter statements is also a statement of its own when this many of its
# words are in none of them.
MIN_REST_WORDS = 6


@dataclass(slots=True)
class _Member:
    instance: QuoteInstance
    start: int
    end: int


@dataclass(slots=True)
class _Group:
    rep: QuoteInstance
    rep_text: str
    members: list[_Member] = field(default_factory=list)


def _compatible(first: QuoteInstance, second: QuoteInstance) -> bool:
    """Same speaker (or one unresolved) and the same polarity: "denied that X" never groups with
    an assertion of X."""
    if first.polarity != second.polarity:
        return False
    a, b = first.speaker, second.speaker
    if a is None or b is None or fold(a.name) in VAGUE_SPEAKERS or fold(b.name) in VAGUE_SPEAKERS:
        return True
    if a.entity is not None or b.entity is not None:
        return a.entity == b.entity
    return fold(a.name) == fold(b.name)


def _word_window(rep: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The run of whole words of ``text`` near the character alignment [start, end) that best
    matches ``rep`` word for word; character alignment alone drops a differing first word
    ("Our differences" vs "the differences")."""
    spans = word_spans(text)
    if not spans:
        return start, end
    # As many words as the statement has: a window one word shorter scores better on
    # characters exactly when it leaves out the word that differs.
    width = min(len(words(rep)), len(spans))
    first = min(range(len(spans)), key=lambda i: abs(spans[i][0] - start))
    best: tuple[float, int, int] | None = None
    for i in range(max(0, first - 2), min(len(spans) - width, first + 2) + 1):
        window = (spans[i][0], spans[i + width - 1][1])
        score = fuzz.ratio(rep, text[window[0] : window[1]])
        if best is None or score > best[0]:
            best = (score, *window)
    return (best[1], best[2]) if best else (start, end)


def _quoted_words(article: Article, member: _Member) -> list[str]:
    found: list[str] = []
    for s, e in member.instance.quoted:
        s, e = max(s, member.start), min(e, member.end)
        if e > s:
            found.extend(words(article.text[s:e]))
    return found


def _carriers(group: _Group, by_id: dict[str, Article]) -> list[QuoteCarrier]:
    quoted = [_quoted_words(by_id[m.instance.article], m) for m in group.members]
    carriers = []
    for i, member in enumerate(group.members):
        mine = quoted[i]
        others = [q for j, q in enumerate(quoted) if j != i and q]
        agrees = any(contains_run(o, mine) or contains_run(mine, o) for o in others)
        carriers.append(
            QuoteCarrier(
                article=member.instance.article,
                start=member.start,
                end=member.end,
                verbatim=bool(mine) and (agrees or not others),
                kind=member.instance.kind,
                paraphrase_in_quotes=bool(mine) and bool(others) and not agrees,
            )
        )
    return carriers


def _speaker(group: _Group) -> Speaker | None:
    votes = Counter(m.instance.speaker for m in group.members if m.instance.speaker is not None)
    if not votes:
        return None
    return max(votes, key=lambda s: (fold(s.name) not in VAGUE_SPEAKERS, votes[s]))


def _index_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) >= MIN_INDEX_WORD}


def _rest_words(text: str, covered: list[tuple[int, int]]) -> int:
    """Words of ``text`` outside the aligned windows ``covered``."""
    return sum(1 for s, e in word_spans(text) if not any(a <= s and e <= b for a, b in covered))


def group_quotes(instances: list[QuoteInstance], articles: list[Article]) -> list[Quote]:
    """One Quote per statement, carriers in article order, most widely carried first."""
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    texts = [fold(by_id[q.article].text[q.start : q.end]) for q in instances]
    ranked = sorted(range(len(instances)), key=lambda i: (len(words(texts[i])), i))
    groups: list[_Group] = []
    postings: dict[str, set[int]] = defaultdict(set)
    for i in ranked:
        instance, text = instances[i], texts[i]
        keys = _index_words(text)
        shared = Counter(g for w in keys for g in postings.get(w, ()))
        joined = False
        covered: list[tuple[int, int]] = []
        for g, count in shared.items():
            group = groups[g]
            if count < min(MIN_SHARED_WORDS, len(_index_words(group.rep_text))):
                continue
            if not _compatible(group.rep, instance):
                continue
            if any(m.instance is instance for m in group.members):
                continue
            found = fuzz.partial_ratio_alignment(group.rep_text, text, score_cutoff=MIN_SCORE)
            if found is None:
                continue
            start, end = _word_window(group.rep_text, text, found.dest_start, found.dest_end)
            group.members.append(_Member(instance, instance.start + start, instance.start + end))
            covered.append((start, end))
            joined = True
        if not joined or _rest_words(text, covered) >= MIN_REST_WORDS:
            # A long quotation that carries shorter statements of other outlets also says more
            # ("You know I was thinking ..., I'm the victim here, I was the one who was
            # victimized"): the rest was lost when it only joined their groups.
            group = _Group(rep=instance, rep_text=text)
            group.members.append(_Member(instance, instance.start, instance.end))
            groups.append(group)
            if len(words(text)) >= MIN_REP_WORDS:
                for w in keys:
                    postings[w].add(len(groups) - 1)
    quotes = []
    for group in groups:
        group.members.sort(key=lambda m: (order[m.instance.article], m.start))
        speaker = _speaker(group)
        rep = group.rep
        quotes.append(
            Quote(
                speaker=speaker.name if speaker else None,
                text=by_id[rep.article].text[rep.start : rep.end],
                kind=rep.kind,
                speaker_type=speaker.type if speaker else None,
                carried_by=_carriers(group, by_id),
                polarity="denial" if rep.polarity == "denial" else None,
            )
        )

    def rank(quote: Quote) -> tuple[int, int, int]:
        first = quote.carried_by[0]
        return (-len({c.article for c in quote.carried_by}), order[first.article], first.start)

    quotes.sort(key=rank)
    return quotes
