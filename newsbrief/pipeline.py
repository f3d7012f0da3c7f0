"""The stages wired together: inputs → cleaned articles → brief. Pure functions except at the edges."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsbrief.analyze.context import BriefContext
from newsbrief.analyze.event import analyze_sections
from newsbrief.analyze.language import (
    LanguageModelUnavailable,
    article_language,
    reclean_language,
    unsupported_language,
)
from newsbrief.clean import html as html_limits
from newsbrief.clean.article import clean_document
from newsbrief.clean.time_budget import BudgetExceeded, Fatal, fork_available, shared_worker
from newsbrief.ingest import expand_paths, read_documents
from newsbrief.ingest.failures import FailureLog, first_line
from newsbrief.ingest.ids import IdAllocator
from newsbrief.ingest.published import checked_published
from newsbrief.ingest.safe_text import clean_text, one_line, visible_name
from newsbrief.languages import embed as multilingual_model
from newsbrief.languages.reader import in_reader_language, reader_language
from newsbrief.options import BriefOptions
from newsbrief.summarize import summarize
from newsbrief.summarize.standalone import stand_alone
from newsbrief.text.languages import language_scope
from newsbrief.text.sentences import annotate_sentences
from newsbrief.types import AnalysisInfo, Article, Brief, Event, Failure, RawDocument, SummarySentence

MIN_BODY_CHARS = 80
# What a failure report says for an exception without a message.
_NO_MESSAGE = "no message"
# A title made from a summary sentence is cut to this many words.
_TITLE_WORDS = 14
_SURROGATE = re.compile("[\ud800-\udfff]")
# Size policy (docs/robustness.md): an input over these limits is rejected with its size, never
# silently truncated. The longest of 1,190 Multi-News and DUC 2004 articles is 47,844
# characters and the largest of 181 benchmark news pages 1.5 MB of HTML, so the limits leave a
# wide margin for real articles while keeping one input from stalling a batch (cleaning and
# analysis cost grows faster than linearly with the body).
MAX_TEXT_CHARS = 1_000_000
MAX_HTML_CHARS = html_limits.MAX_HTML_CHARS
MAX_BODY_CHARS = 200_000


def input_problem(document: RawDocument) -> str | None:
    """Why ``document`` is refused before cleaning (too big to be one article), or None."""
    size = len(document.content)
    limit = MAX_HTML_CHARS if document.format == "html" else MAX_TEXT_CHARS
    if size > limit:
        return f"too large for one article ({size:,} characters of {document.format}, limit {limit:,})"
    if document.format == "html":
        return html_limits.complexity_problem(document.content)
    return None


def problem_is_language(problem: str | None) -> bool:
    return bool(problem and problem.startswith("unsupported language"))


def article_problem(article: Article) -> str | None:
    """Why a cleaned article cannot be briefed, or None; sets ``article.language``."""
    guess = article_language(article)
    article.language = guess.code
    foreign = unsupported_language(guess)
    if foreign:
        return foreign
    if len(article.text) > MAX_BODY_CHARS:
        size = len(article.text)
        return f"article body too long ({size:,} characters, limit {MAX_BODY_CHARS:,})"
    if len(article.text) < MIN_BODY_CHARS:
        return "no article body found"
    return None


# Seconds one article may take to clean (docs/robustness.md, "Time"). The slowest of 181
# benchmark pages cleans in a few seconds on a loaded 2-core machine; a hostile page can take
# hours inside libxml2. ``None`` or 0: no bound (cleaned in this process).
ARTICLE_SECONDS: float | None = 60.0


class EnvironmentProblem(RuntimeError):
    """Cleaning cannot work at all here (a model that cannot be loaded): reported once for the
    batch, never blamed on each article."""


def clean_documents(
    documents: Iterable[RawDocument | Failure],
    article_seconds: float | None = -1.0,
) -> tuple[list[Article], list[Failure]]:
    """Clean every document; a document that fails, is refused or has no body is reported, not
    fatal. The same article given twice (same id and text) is reported once as a duplicate; a
    different article under a used id is kept with ``-2``, ``-3``, … appended to its id.

    The result does not depend on the order of ``documents``: articles come out sorted by
    (id asked for, text), ids are handed out in that order, and failures are sorted by source.
    At most ``failures.MAX_LISTED`` failures are listed; one last entry counts the rest.
    ``article_seconds``: time budget per article (default ``ARTICLE_SECONDS``); an article that
    runs past it is stopped and reported. Raises ``EnvironmentProblem``."""
    seconds = ARTICLE_SECONDS if article_seconds is not None and article_seconds < 0 else article_seconds
    clean = _cleaner(seconds)
    cleaned: list[tuple[Article, str]] = []
    failures = FailureLog()
    for document in documents:
        if isinstance(document, Failure):
            failures.add(scrub_failure(document))
            continue
        scrub_document(document)
        problem = input_problem(document)
        if problem:
            failures.add(Failure(document.source, problem))
            continue
        try:
            article, problem = clean(document)
        except BudgetExceeded as exc:
            failures.add(Failure(document.source, f"cleaning {exc} (time budget per article)"))
            continue
        except Fatal as exc:
            raise EnvironmentProblem(str(exc)) from None
        except LanguageModelUnavailable as exc:
            raise EnvironmentProblem(str(exc)) from None
        except Exception as exc:  # one bad article must never kill the batch
            reason = f"cleaning failed: {type(exc).__name__}: {first_line(exc, 'no message')}"
            failures.add(Failure(document.source, reason))
            continue
        if problem:
            failures.add(Failure(document.source, problem))
            continue
        cleaned.append((article, document.source))
    articles: list[Article] = []
    ids = IdAllocator()
    first: dict[tuple[str, str], str] = {}
    # Sorted by content before ids are handed out and duplicates named, so input order decides
    # nothing (issue 16 row 18: the seeds in reverse order gave another brief).
    for article, source in sorted(cleaned, key=lambda pair: (pair[0].id, pair[0].text, pair[1])):
        original = first.setdefault((article.id, article.text), source)
        if original != source:
            failures.add(Failure(source, f"duplicate of {original} (same id {article.id!r} and text)"))
            continue
        article.rename(ids.claim(article.id))
        articles.append(article)
    return articles, failures.listed()


def _clean_one(document: RawDocument) -> tuple[Article, str | None]:
    """Everything done to one document, in the worker when there is a time budget."""
    article = clean_document(document)
    problem = article_problem(article)
    language = None if problem_is_language(problem) else reclean_language(article)
    if language:
        # Cleaned again with the line cleaner's function words in the article's language.
        with language_scope([language]):
            article = clean_document(document)
        problem = article_problem(article)
        article.language = article.language or language
    if not problem:
        annotate_sentences(article)
    scrub_article(article)
    return article, problem


def _cleaner(seconds: float | None) -> Callable[[RawDocument], tuple[Article, str | None]]:
    if not seconds or not fork_available():
        return _clean_one
    return shared_worker(_clean_one, seconds, fatal=(LanguageModelUnavailable,), warm_up=_warm_up_document)


def _warm_up_document() -> RawDocument:
    """The first bundled example report: cleaning it loads every model the cleaner uses."""
    from newsbrief.examples import example_paths

    path = example_paths()[0]
    text = path.read_text(encoding="utf-8")
    return RawDocument(id=path.stem, source=str(path), content=text, format="text")


def read_safely(paths: Iterable[str | Path] | str | Path) -> Iterator[RawDocument | Failure]:
    """``read_documents`` one input at a time, so a reader that raises costs only its own file."""
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield from read_documents([item])
        except Exception as exc:
            yield Failure(str(item), f"reading failed: {type(exc).__name__}: {first_line(exc, 'no message')}")


def load_articles(paths: Iterable[str | Path] | str | Path) -> tuple[list[Article], list[Failure]]:
    """Read and clean ``paths``: files, folders (walked), or one path on its own."""
    return clean_documents(read_safely(paths))


def scrub_document(document: RawDocument) -> None:
    """Make an input's strings safe to store and print (docs/robustness.md, "Names and
    metadata"): lone surrogates replaced, terminal escapes, control and bidi characters removed
    from the text and metadata, shown as escapes in names, and ``published`` checked."""
    for name in ("id", "source", "content", "title", "url", "outlet", "published"):
        value = getattr(document, name)
        if isinstance(value, str):
            scrubbed = _SCRUB[name](_scrubbed(value))
            setattr(document, name, scrubbed if scrubbed or name in _REQUIRED else None)
    document.published = checked_published(document.published)


def scrub_article(article: Article) -> None:
    """Metadata the cleaner found on the page (``og:site_name``, title, byline) is as untrusted
    as the input's own fields."""
    for name in ("headline", "dek", "byline", "outlet", "agency", "dateline", "published", "url"):
        value = getattr(article, name, None)
        if isinstance(value, str):
            setattr(article, name, one_line(value) or None)


def scrub_failure(failure: Failure) -> Failure:
    return Failure(visible_name(_scrubbed(failure.source)), one_line(_scrubbed(failure.reason)))


def _scrubbed(text: str) -> str:
    """``text`` with lone surrogates replaced: JSON escapes (``"\\ud800"``) and undecodable file
    names carry them, and they make every later UTF-8 write (stdout, the store) raise."""
    return _SURROGATE.sub("\ufffd", text)


_REQUIRED = frozenset({"id", "source", "content"})
_SCRUB = {
    "id": visible_name,
    "source": visible_name,
    "content": clean_text,
    "title": one_line,
    "url": one_line,
    "outlet": one_line,
    "published": one_line,
}


def event_id(articles: list[Article]) -> str:
    digest = hashlib.sha1("\n".join(sorted(a.id for a in articles)).encode()).hexdigest()
    return f"ev-{digest[:12]}"


def build_brief(
    articles: list[Article],
    words: int = BriefOptions.DEFAULT_WORDS,
    analysis: bool = True,
    event: Event | None = None,
    language: str | None = None,
) -> Brief:
    """The brief of one event; ``analysis=False`` skips the cross-source sections (faster).

    ``event``: the event's id and title where they are already known (a stored event, a group
    the clusterer formed), so the brief shows the same ones; else both are derived here.
    ``words`` and ``analysis`` are checked by ``BriefOptions`` (ValueError out of bounds).
    ``language``: the reader's language for the summary (default: the articles' majority one;
    see ``languages.reader``); English-only events are unaffected.

    The articles are put in (id, text) order first: the summary, every section and the source
    list depend on order, and the same articles must give the same brief however they came."""
    options = BriefOptions(words=words, analysis=analysis)
    articles = sorted(articles, key=lambda a: (a.id, a.text))
    # Words are tokenised, stemmed and stopped in the event's language (``text.languages``).
    with language_scope(a.language for a in articles):
        # One per-event context (sources, sentence space, fact alignment) for summary and analysis.
        context = BriefContext(articles)
        summary = summarize(articles, words=options.words, context=context)
        event = Event(
            id=event.id if event else event_id(articles),
            title=event.title if event and event.title else event_title(articles, summary),
            articles=articles,
        )
        brief = Brief(event=event, summary=summary)
        if options.analysis:
            brief = analyze_sections(brief, shared=context)
    languages = sorted({a.language or "en" for a in articles})
    if languages != ["en"] or (language or "en") != "en":
        wanted = reader_language(articles, language)
        moved = in_reader_language(summary, brief.claims or [], articles, wanted)
        for support in brief.summary_support or []:
            if support.sentence in moved:
                support.articles = moved[support.sentence].articles
                support.independent = moved[support.sentence].independent
    if len(languages) > 1 and not multilingual_model.available():
        add_note(
            brief,
            f"Reports in {len(languages)} languages ({', '.join(languages)}): cross-language grouping "
            f"and claim matching are off without the multilingual model ({multilingual_model.INSTALL_HINT}).",
        )
    return stand_alone(brief)


def event_title(articles: list[Article], summary: list[SummarySentence]) -> str:
    """The earliest report's headline (the store's rule too: usually the original story, not a
    follow-up; undated reports after dated ones, then input order); inputs without headlines
    (JSONL text, one-paragraph feeds) get the opening of the best-supported summary sentence."""
    order = sorted(
        range(len(articles)), key=lambda i: (articles[i].published is None, articles[i].published or "", i)
    )
    for i in order:
        if articles[i].headline:
            return articles[i].headline  # type: ignore[return-value]
    if not summary:
        return "Untitled event"
    best = max(summary, key=lambda sentence: len(sentence.sources))
    words = best.text.split()
    if len(words) <= _TITLE_WORDS:
        return best.text.rstrip(" .")
    return " ".join(words[:_TITLE_WORDS]).rstrip(" ,;:") + " …"


def group_into_events(articles: list[Article]) -> list[Event]:
    """The articles grouped by the event clusterer (the one ``ingest`` uses, so an event has
    the same id here as in a store built from the same inputs), largest event first; ties keep
    input order. One event for a real cluster; several for a folder of unrelated stories,
    which ``brief`` then reports instead of fusing them silently. Titles are left to the brief."""
    if not articles:
        return []
    from newsbrief.group.cluster import cluster_articles
    from newsbrief.group.crosslingual import join_across_languages

    assigned = cluster_articles(articles)
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(assigned.get(article.id, article.id), []).append(article)
    # Reports of one story in different languages, which the clusterer's words cannot match.
    key_of = {id(members[0]): key for key, members in groups.items()}
    joined = join_across_languages(list(groups.values()))
    events = [Event(id=key_of[id(members[0])], title="", articles=members) for members in joined]
    return sorted(events, key=lambda event: len(event.articles), reverse=True)


def add_note(brief: Brief, text: str) -> None:
    """A note shown with the brief's analysis notes (Markdown, HTML and JSON)."""
    if brief.analysis is None:
        brief.analysis = AnalysisInfo()
    if text not in brief.analysis.notes:
        brief.analysis.notes.append(text)
