"""Plain-text cleaning benchmark on the hand-labelled lines in tests/data/clean.

Usage:
    python3 benchmarks/cleaning.py            # print the tables
    python3 benchmarks/cleaning.py --train    # refit newsbrief/clean/line_model.json first
    python3 benchmarks/cleaning.py --html     # also: the line classifier on HTML extractions

The set is 62 scraped articles (57 Multi-News documents and the 5 seeds) with every
non-empty line labelled by hand (see tests/data/clean/README.md), plus gold outlet,
publication date, dateline and agency per article (tests/data/clean/metadata.jsonl).

Body-line precision/recall count labelled lines: a line is predicted body when the cleaner
keeps it as a body paragraph. Rows:

- ours, 5-fold CV: every article is cleaned by a line model fitted on the other folds'
  articles (GroupKFold by article), so no line is scored by weights that saw it. This is
  the honest figure.
- ours, shipped weights: the committed model, which was fitted on all 62 articles, so
  this row is in-sample.
- jusText 3 (default settings, English stop list) on the same lines: each line becomes one
  <p> of a synthetic page and its paragraph classification maps back one to one.
- ≥8 words: a line is body when it has at least eight whitespace-separated words.

Metadata accuracy compares the cleaner's outlet, published date, dateline place, agency
and headline with the gold values; an absent gold value must be predicted as absent.
--html checks that the classifier does not undo the HTML extractor's work: on the 181
article-extraction pages it scores extract_html's paragraphs, and the body lines the cleaner
keeps of them (clean_lines(..., extracted=True)), with benchmarks/extraction.py's shingle metric.

Needs ../shared (the Multi-News sample and the seeds); scikit-learn only for --train.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "clean"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(DATA))

import make_lines  # noqa: E402

from newsbrief.clean.article import clean_document, clean_lines, prepare_lines  # noqa: E402
from newsbrief.clean.line_model import WEIGHTS_PATH, LineModel, load_model  # noqa: E402
from newsbrief.clean.lines import normalize_line, page_features  # noqa: E402
from newsbrief.types import Article, RawDocument  # noqa: E402

FOLDS = 5
REGULARISATION_C = 0.3
THRESHOLD = 0.5
METADATA_FIELDS = ("outlet", "published", "published_time", "dateline", "agency", "headline")

Key = tuple[str, int | None, int | None, str | None]
Predictions = dict[str, dict[int, str]]


@dataclass(slots=True)
class LabelledArticle:
    key: Key
    text: str
    labels: dict[int, str] = field(default_factory=dict)
    gold: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        source, row, doc, file = self.key
        return f"seeds/{file}" if source == "seeds" else f"{source}/{row}/{doc}"

    @property
    def lines(self) -> list[str]:
        return make_lines.split_lines(self.text)

    @property
    def is_seed(self) -> bool:
        return self.key[0] == "seeds"


def load_set() -> list[LabelledArticle]:
    """The labelled articles in file order, each with its text, line labels and gold metadata."""
    rows = make_lines.load_multinews()
    articles: dict[Key, LabelledArticle] = {}
    for record, _line in make_lines.iter_labelled():
        key: Key = (record["source"], record["row"], record["doc"], record["file"])
        if key not in articles:
            if record["source"] == "seeds":
                text = make_lines.load_seed(record["file"])
            else:
                text = rows[record["row"]][record["doc"]]
            articles[key] = LabelledArticle(key, text)
        articles[key].labels[record["line"]] = record["label"]
    with (DATA / "metadata.jsonl").open(encoding="utf-8") as handle:
        for raw in handle:
            gold = json.loads(raw)
            articles[(gold["source"], gold["row"], gold["doc"], gold["file"])].gold = gold
    return list(articles.values())


# --- training -------------------------------------------------------------------------------


def feature_rows(article: LabelledArticle) -> tuple[list[dict[str, float]], list[bool]]:
    """Model features of an article's lines, exactly as the cleaner computes them."""
    prepared = prepare_lines(article.lines)
    kept, _shapes, rows = page_features(prepared.lines)
    targets = [article.labels.get(index) == "body" for index, _text in kept]
    return rows, targets


def fit(articles: list[LabelledArticle], c: float = REGULARISATION_C) -> dict[str, Any]:
    """Standardised L2 logistic regression on body vs. not body; returns the JSON weights."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    rows: list[dict[str, float]] = []
    targets: list[bool] = []
    for article in articles:
        article_rows, article_targets = feature_rows(article)
        rows.extend(article_rows)
        targets.extend(article_targets)
    names = list(rows[0])
    matrix = np.array([[row[name] for name in names] for row in rows])
    scaler = StandardScaler().fit(matrix)
    # A feature constant in the training set gets scale 1 so scoring never divides by zero.
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=5000).fit((matrix - scaler.mean_) / scale, targets)
    return {
        "features": names,
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": THRESHOLD,
        "trained_on": {"articles": len(articles), "lines": len(targets), "C": c},
    }


def cv_models(articles: list[LabelledArticle], c: float = REGULARISATION_C) -> dict[str, LineModel]:
    """For each article, a model fitted without it (GroupKFold over articles)."""
    from sklearn.model_selection import GroupKFold

    models: dict[str, LineModel] = {}
    indices = list(range(len(articles)))
    for train, test in GroupKFold(n_splits=FOLDS).split(indices, groups=indices):
        model = LineModel.from_dict(fit([articles[i] for i in train], c))
        for i in test:
            models[articles[i].name] = model
    return models


# --- systems --------------------------------------------------------------------------------


def ours(article: LabelledArticle, model: LineModel) -> dict[int, str]:
    _prepared, labelled = clean_lines(article.lines, model=model)
    return {line.index: line.kind for line in labelled}


def words8(article: LabelledArticle) -> dict[int, str]:
    return {
        i: "body" if len(line.split()) >= 8 else "boilerplate"
        for i, line in enumerate(article.lines)
        if i in article.labels
    }


def justext_kinds(article: LabelledArticle) -> dict[int, str]:
    """jusText on the same lines: one <p> per line, so its paragraphs map back one to one."""
    import justext

    indices = sorted(article.labels)
    page = "".join(f"<p>{html.escape(normalize_line(article.lines[i]))}</p>" for i in indices)
    paragraphs = justext.justext(f"<html><body>{page}</body></html>", justext.get_stoplist("English"))
    if len(paragraphs) != len(indices):
        raise RuntimeError(f"jusText returned {len(paragraphs)} paragraphs for {len(indices)} lines")
    return {
        i: "boilerplate" if p.is_boilerplate else "body" for i, p in zip(indices, paragraphs, strict=True)
    }


# --- scores ---------------------------------------------------------------------------------


@dataclass(slots=True)
class BodyScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def body_score(articles: list[LabelledArticle], predictions: Predictions) -> BodyScore:
    score = BodyScore()
    for article in articles:
        predicted = predictions[article.name]
        for index, label in article.labels.items():
            gold_body, said_body = label == "body", predicted.get(index) == "body"
            score.tp += gold_body and said_body
            score.fp += said_body and not gold_body
            score.fn += gold_body and not said_body
    return score


def label_accuracy(articles: list[LabelledArticle], predictions: Predictions) -> dict[str, tuple[int, int]]:
    """Per gold label: (lines given exactly that kind, lines). A line the cleaner skipped
    (empty after repair) counts as wrong; a repeated body line counts as body only when kept."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for article in articles:
        predicted = predictions[article.name]
        for index, label in article.labels.items():
            total[label] += 1
            right[label] += predicted.get(index) == label
    return {label: (right[label], total[label]) for label in total}


def _same(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return normalize_line(a).casefold() == normalize_line(b).casefold()


def metadata_hits(article: LabelledArticle, cleaned: Article) -> dict[str, bool]:
    gold = article.gold
    outlets = gold.get("outlet")
    if outlets is None:
        outlet_ok = cleaned.outlet is None
    else:
        outlet_ok = any(_same(cleaned.outlet, name) for name in outlets)
    published, predicted = gold.get("published"), cleaned.published
    if published is None:
        date_ok = time_ok = predicted is None
    else:
        date_ok = predicted is not None and predicted[:10] == published[:10]
        time_ok = predicted is not None and predicted[: len(published)] == published
    headline_rows = [i for i, label in sorted(article.labels.items()) if label == "headline"]
    headline = normalize_line(article.lines[headline_rows[0]]) if headline_rows else None
    return {
        "outlet": outlet_ok,
        "published": date_ok,
        "published_time": time_ok,
        "dateline": _same(cleaned.dateline, gold.get("dateline")),
        "agency": _same(cleaned.agency, gold.get("agency")),
        "headline": _same(cleaned.headline, headline),
    }


def clean_article(article: LabelledArticle, model: LineModel) -> Article:
    raw = RawDocument(id=article.name, source=article.name, content=article.text, format="text")
    return clean_document(raw, model=model)


# --- report ---------------------------------------------------------------------------------


def _timed(run: Callable[[], object], repeats: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        run()
    return (time.perf_counter() - start) / repeats


def _metadata_table(rows: list[tuple[str, list[dict[str, bool]]]]) -> list[str]:
    lines = ["| set | articles | " + " | ".join(METADATA_FIELDS) + " |"]
    lines.append("|---|---:|" + "---:|" * len(METADATA_FIELDS))
    for name, hits in rows:
        cells = [
            f"{sum(h[f] for h in hits)}/{len(hits)} ({sum(h[f] for h in hits) / len(hits):.2f})"
            for f in METADATA_FIELDS
        ]
        lines.append(f"| {name} | {len(hits)} | " + " | ".join(cells) + " |")
    return lines


def report(articles: list[LabelledArticle], cv: dict[str, LineModel], shipped: LineModel) -> str:
    systems: dict[str, Predictions] = {}
    seconds: dict[str, float] = {}
    systems["ours, 5-fold CV by article"] = {a.name: ours(a, cv[a.name]) for a in articles}
    systems["ours, shipped weights (in-sample)"] = {a.name: ours(a, shipped) for a in articles}
    seconds["ours, shipped weights (in-sample)"] = statistics.mean(
        _timed(lambda a=a: clean_article(a, shipped), repeats=3) for a in articles
    )
    seconds["ours, 5-fold CV by article"] = seconds["ours, shipped weights (in-sample)"]
    systems["jusText 3 (English stop list)"] = {a.name: justext_kinds(a) for a in articles}
    seconds["jusText 3 (English stop list)"] = statistics.mean(
        _timed(lambda a=a: justext_kinds(a), repeats=3) for a in articles
    )
    systems["≥8 words"] = {a.name: words8(a) for a in articles}
    seconds["≥8 words"] = statistics.mean(_timed(lambda a=a: words8(a), repeats=3) for a in articles)

    labelled = sum(len(a.labels) for a in articles)
    body = sum(label == "body" for a in articles for label in a.labels.values())
    out = [
        f"Labelled set: {len(articles)} articles, {labelled} lines, {body} body lines.",
        "",
        "| system | body P | body R | body F1 | TP | FP | FN | ms/article |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, predictions in systems.items():
        s = body_score(articles, predictions)
        out.append(
            f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} "
            f"| {seconds[name] * 1000:.1f} |"
        )
    out += ["", "Per-label accuracy of ours (line given exactly its gold kind):", ""]
    out += ["| label | lines | 5-fold CV | shipped (in-sample) |", "|---|---:|---:|---:|"]
    cv_acc = label_accuracy(articles, systems["ours, 5-fold CV by article"])
    shipped_acc = label_accuracy(articles, systems["ours, shipped weights (in-sample)"])
    for label in sorted(cv_acc, key=lambda lab: -cv_acc[lab][1]):
        (r1, n), (r2, _n) = cv_acc[label], shipped_acc[label]
        out.append(f"| {label} | {n} | {r1 / n:.3f} | {r2 / n:.3f} |")

    cv_hits = [metadata_hits(a, clean_article(a, cv[a.name])) for a in articles]
    shipped_hits = [metadata_hits(a, clean_article(a, shipped)) for a in articles]
    seed_rows = [i for i, a in enumerate(articles) if a.is_seed]
    out += ["", "Metadata accuracy (absent gold must be predicted absent; published = same day,"]
    out += ["published_time = same day and, where the gold has one, same minute):", ""]
    out += _metadata_table(
        [
            ("seeds, 5-fold CV", [cv_hits[i] for i in seed_rows]),
            ("all 62, 5-fold CV", cv_hits),
            ("seeds, shipped", [shipped_hits[i] for i in seed_rows]),
            ("all 62, shipped", shipped_hits),
        ]
    )
    out += ["", "Split by whether the page states the value (all 62, 5-fold CV):", ""]
    for field_name in ("outlet", "published", "dateline"):
        stated = [h[field_name] for a, h in zip(articles, cv_hits, strict=True) if a.gold.get(field_name)]
        absent = [h[field_name] for a, h in zip(articles, cv_hits, strict=True) if not a.gold.get(field_name)]
        out.append(
            f"- {field_name}: stated {sum(stated)}/{len(stated)} right, "
            f"absent {sum(absent)}/{len(absent)} correctly left null"
        )
    return "\n".join(out)


def html_report() -> str:
    """Token 4-gram shingle P/R/F1 of extract_html alone and followed by the line classifier."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import extraction

    from newsbrief.clean.html import extract_html

    pages = extraction.load_pages(extraction.DEFAULT_DATA, None)
    alone: list[tuple[float, float, float]] = []
    cleaned: list[tuple[float, float, float]] = []
    for _key, page, url, truth in pages:
        found = extract_html(page, url)
        alone.append(extraction.page_counts(truth, "\n\n".join(found.paragraphs)))
        _prepared, labelled = clean_lines(found.paragraphs, title=found.title, extracted=True)
        kept = "\n\n".join(line.text for line in labelled if line.kind == "body")
        cleaned.append(extraction.page_counts(truth, kept))
    out = [
        f"HTML: {len(pages)} article-extraction pages",
        "",
        "| system | P | R | F1 |",
        "|---|---:|---:|---:|",
    ]
    for name, counts in (("extract_html", alone), ("extract_html + line classifier", cleaned)):
        precision, recall, f1 = extraction.score(counts)
        out.append(f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="refit and rewrite the line model")
    parser.add_argument("--html", action="store_true", help="also score the classifier on HTML")
    parser.add_argument("--c", type=float, default=REGULARISATION_C, help="inverse L2 strength")
    args = parser.parse_args()
    articles = load_set()
    cv = cv_models(articles, args.c)
    if args.train:
        weights = fit(articles, args.c)
        cv_score = body_score(articles, {a.name: ours(a, cv[a.name]) for a in articles})
        weights["cv"] = {
            "folds": FOLDS,
            "body_precision": round(cv_score.precision, 4),
            "body_recall": round(cv_score.recall, 4),
            "command": "python3 benchmarks/cleaning.py --train",
        }
        WEIGHTS_PATH.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
        load_model.cache_clear()
        print(f"wrote {WEIGHTS_PATH.relative_to(REPO)} ({len(weights['features'])} features)")
    print(report(articles, cv, load_model()))
    if args.html:
        print()
        print(html_report())
    print()
    print(one_line_report())
    return 0


def one_line_report() -> str:
    """Real scrapes delivered as one paragraph (issue 17): how many are kept as articles.

    SemEval-2022 Task 8's English texts marked as original scrapes (not machine-translated) are
    mostly a whole article on one line; DUC 2004 d30002t has a 790-character report and a
    two-sentence update. Baseline: the same cleaner with one-line splitting turned off."""
    import newsbrief.clean.article as article_module
    from newsbrief.pipeline import clean_documents
    from newsbrief.types import RawDocument

    shared = REPO.parent / "shared" / "data"
    texts: list[str] = []
    pairs = shared / "multilingual" / "semeval2022_task8_pairs" / "pairs_train.jsonl"
    if pairs.is_file():
        seen: set[str] = set()
        for line in pairs.open(encoding="utf-8"):
            row = json.loads(line)
            if not row["likely_original_scrape"] or row["mt_augmented_by_hfl"]:
                continue
            for side in ("1", "2"):
                if row[f"lang{side}"] == "en" and row[f"text{side}"] not in seen:
                    seen.add(row[f"text{side}"])
                    texts.append(row[f"text{side}"])
    if not texts:
        return "(one-line scrapes: ../shared/data/multilingual not present)"
    docs = [RawDocument(id=f"s{i}", source=f"s{i}", content=t, format="text") for i, t in enumerate(texts)]
    rows = [
        "| cleaner | SemEval-2022 en real scrapes kept | refused: no body | refused: not English |",
        "|---|---:|---:|---:|",
    ]
    split, lone = article_module.split_run_on_article, article_module._keep_lone_prose
    variants = (
        ("ours", split, lone),
        ("ours without one-line splitting", lambda lines: lines, lone),
        ("neither rule (the cleaner before issue 17)", lambda lines: lines, lambda labelled: None),
    )
    for name, splitter, keeper in variants:
        article_module.split_run_on_article, article_module._keep_lone_prose = splitter, keeper
        try:
            kept, failures = clean_documents(list(docs))
        finally:
            article_module.split_run_on_article, article_module._keep_lone_prose = split, lone
        no_body = sum("no article body" in f.reason for f in failures)
        foreign = sum("not English" in f.reason for f in failures)
        rows.append(
            f"| {name} | {len(kept)}/{len(texts)} ({len(kept) / len(texts):.1%}) | {no_body} | {foreign} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    raise SystemExit(main())
