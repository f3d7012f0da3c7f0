"""Cross-source analysis benchmark: precision/recall per key against the hand-made gold clusters.

Usage: python3 benchmarks/analysis.py [--split tune|test|all] [--only NAME ...] [--per-cluster]
                                      [--no-baseline] [--explain] [--format text|json]

Gold: tests/data/analyze/gold/*.json (the seeds and the Multi-News validation clusters, each
``split`` tune or test; see tests/data/analyze/README.md). Each cluster's documents are cleaned by
the normal pipeline and analysed as one event with ``newsbrief.analyze.event.analyze_event``; the
keys are scored by ``newsbrief.evaluate.analysis`` and pooled over clusters (micro-average).

The trust figures of issue 13 (direct-quote recall, attribution, wrong direct quotes, denials
kept, numbers with the right "what", conflict pairs) are printed beside a baseline measured in
the same run: textacy's ``direct_quotations`` on the same cleaned text and spaCy model, with
nearest-person attribution (``baseline_quotes``). Also prints the NLP model's load time and the
analysis throughput.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsbrief.analyze.event import analyze_event
from newsbrief.analyze.nlp import nlp_status
from newsbrief.evaluate.analysis import Rate, Score, explain_quote_trust, layers, score_analysis, score_trust
from newsbrief.pipeline import clean_documents, load_articles
from newsbrief.types import Article, RawDocument

REPO = Path(__file__).resolve().parents[1]
GOLD_MODULE = REPO / "tests" / "data" / "analyze" / "gold.py"


def load_gold_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsbrief_gold", GOLD_MODULE)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GOLD_MODULE}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def cluster_articles(gold_module: ModuleType, gold: dict[str, Any]) -> list[Article]:
    """The gold cluster's documents, cleaned, with the gold document ids as article ids."""
    source = gold["source"]
    if source["kind"] == "seeds":
        articles, failures = load_articles([gold_module.shared_dir() / source["path"]])
    else:
        documents = [
            RawDocument(
                id=d["id"],
                source=f"{gold['name']}:{d['id']}",
                content=gold_module.load_text(d["id"], source),
                format="text",
            )
            for d in gold["documents"]
        ]
        articles, failures = clean_documents(documents)
    for failure in failures:
        print(f"warning: {gold['name']}: {failure}", file=sys.stderr)
    return articles


QUOTE_CHARS = "\"'“”‘’«»„"
# Speaker tokens that say nothing about who spoke; the nearest person is taken instead.
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "his", "her", "their", "who"})


def _baseline_nlp() -> Any:
    """The project's spaCy model with every pipe (textacy reads lemmas), or None."""
    import importlib

    status = nlp_status()
    if status.model is None:
        return None
    return importlib.import_module(status.model).load()


def _dq(doc: Any) -> list[Any]:
    from textacy.extract.triples import direct_quotations

    return list(direct_quotations(doc))


def baseline_quotes(articles: list[Article], nlp: Any) -> list[dict[str, Any]]:
    """Baseline: textacy ``direct_quotations`` with nearest-person attribution.

    textacy refuses a text with an odd number of quotation marks (a quotation running over two
    paragraphs, an apostrophe read as a quote); such an article is read paragraph by paragraph,
    skipping paragraphs that are still odd. Speaker: the PERSON/ORG entity containing textacy's
    speaker token; when textacy gives a pronoun, nothing, or a word outside any entity, the
    nearest PERSON mention before the quotation (after it when there is none before)."""
    out: list[dict[str, Any]] = []
    for article in articles:
        text = article.text
        pieces: list[tuple[int, Any, list[Any]]] = []
        doc = nlp(text)
        try:
            pieces.append((0, doc, _dq(doc)))
        except ValueError:
            offset = 0
            for para in text.split("\n\n"):
                sub = nlp(para)
                with contextlib.suppress(ValueError):  # still odd: skipped
                    pieces.append((offset, sub, _dq(sub)))
                offset += len(para) + 2
        for offset, sub, triples in pieces:
            persons = [e for e in sub.ents if e.label_ == "PERSON"]
            for triple in triples:
                content = triple.content
                start, end = content.start_char, content.end_char
                while start < end and text[offset + start] in QUOTE_CHARS + " ":
                    start += 1
                while end > start and text[offset + end - 1] in QUOTE_CHARS + " ,":
                    end -= 1
                speaker = _nearest_speaker(triple.speaker, sub, persons, content.start_char)
                out.append(
                    {
                        "speaker": speaker,
                        "text": text[offset + start : offset + end],
                        "kind": "direct",
                        "speaker_type": "PERSON" if speaker else None,
                        "carried_by": [
                            {
                                "article": article.id,
                                "start": offset + start,
                                "end": offset + end,
                                "kind": "direct",
                            }
                        ],
                    }
                )
    return out


def _nearest_speaker(tokens: list[Any], doc: Any, persons: list[Any], at: int) -> str | None:
    for tok in tokens:
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG") and ent.start <= tok.i < ent.end:
                return str(ent.text)
    before = [e for e in persons if e.end_char <= at]
    if before:
        return str(before[-1].text)
    after = [e for e in persons if e.start_char >= at]
    return str(after[0].text) if after else None


TRUST_ROWS = (
    ("direct_recall", "direct-quote recall", "gold direct renderings found"),
    ("attribution", "attribution accuracy", "found direct quotes, right speaker"),
    ("wrong_direct", "wrong direct quotes", "shown direct: not a quote / wrong speaker"),
    ("denial_kept", "denial kept", "gold denials whose frame is kept"),
    ("number_what", "numbers, right what", "paired gold numbers"),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="gold cluster names (default: all of the split)")
    parser.add_argument(
        "--split",
        choices=["tune", "test", "all"],
        default="tune",
        help="gold half to score (default tune; report test only, never tune on it)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the textacy baseline")
    parser.add_argument(
        "--explain", action="store_true", help="list each quote error (missed, wrong speaker, not a quote)"
    )
    parser.add_argument("--per-cluster", action="store_true", help="also print each cluster")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args()

    gold_module = load_gold_module()
    names = args.only or [
        n
        for n in gold_module.list_gold()
        if args.split == "all" or gold_module.load_gold(n)["split"] == args.split
    ]
    # Wall and CPU time: CPU time stays meaningful on a busy shared machine.
    began, began_cpu = time.perf_counter(), time.process_time()
    status = nlp_status()  # loads the model, so its time is not counted as analysis
    load_seconds, load_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    totals: dict[str, Score] = {}
    trust: dict[str, Any] = {}
    base_trust: dict[str, Any] = {}
    base_nlp = None
    if not args.no_baseline:
        try:
            base_nlp = _baseline_nlp()
        except ImportError as error:
            print(f"warning: no baseline: {error}", file=sys.stderr)
    per_cluster: dict[str, dict[str, Any]] = {}
    analysis_seconds = analysis_cpu = 0.0
    n_articles = n_chars = 0
    for name in names:
        gold = gold_module.load_gold(name)
        articles = cluster_articles(gold_module, gold)
        began, began_cpu = time.perf_counter(), time.process_time()
        sections = analyze_event(articles, [])
        analysis_seconds += time.perf_counter() - began
        analysis_cpu += time.process_time() - began_cpu
        n_articles += len(articles)
        n_chars += sum(len(a.text) for a in articles)
        for failure in sections["analysis"]["failed"]:
            print(
                f"warning: {name}: section {failure['section']} failed: {failure['error']}",
                file=sys.stderr,
            )
        scores = score_analysis(sections, {a.id: a.text for a in articles}, gold)
        per_cluster[name] = {key: score.record() for key, score in scores.items()}
        for key, score in scores.items():
            totals[key] = totals.get(key, Score()) + score
        texts = {a.id: a.text for a in articles}
        if args.explain:
            for line in explain_quote_trust(sections.get("quotes") or [], texts, gold):
                print(f"{name}: {line}", file=sys.stderr)
        for key, value in score_trust(sections, texts, gold).items():
            trust[key] = trust[key] + value if key in trust else value
        if base_nlp is not None and "quotes" in layers(gold):
            try:
                predicted = baseline_quotes(articles, base_nlp)
            except ImportError as error:
                print(f"warning: no baseline: {error}", file=sys.stderr)
                base_nlp = None
                continue
            for key, value in score_trust({"quotes": predicted}, texts, gold).items():
                if key in {"direct_recall", "attribution", "wrong_direct", "denial_kept"}:
                    base_trust[key] = base_trust[key] + value if key in base_trust else value

    report = {
        "clusters": names,
        "nlp": {"model": status.model, "version": status.version, "reason": status.reason or None},
        "timing": {
            "model_load_s": round(load_seconds, 3),
            "model_load_cpu_s": round(load_cpu, 3),
            "analysis_s": round(analysis_seconds, 3),
            "analysis_cpu_s": round(analysis_cpu, 3),
            "articles": n_articles,
            "articles_per_s": round(n_articles / analysis_seconds, 2) if analysis_seconds else None,
            "chars_per_s": round(n_chars / analysis_seconds) if analysis_seconds else None,
        },
        "total": {key: score.record() for key, score in totals.items()},
        "trust": {key: value.record() for key, value in trust.items()},
        "baseline": {key: value.record() for key, value in base_trust.items()},
    }
    if args.per_cluster:
        report["per_cluster"] = per_cluster
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{len(names)} gold clusters, {n_articles} articles; NLP model: {status.model or 'none'}"
        f" {status.version or ''} {status.reason}".rstrip()
    )
    timing = report["timing"]
    print(
        f"model load {timing['model_load_s']} s ({timing['model_load_cpu_s']} s CPU); "
        f"analysis, all sections: {timing['analysis_s']} s ({timing['analysis_cpu_s']} s CPU; "
        f"{timing['articles_per_s']} articles/s, {timing['chars_per_s']} chars/s)"
    )
    print()
    _print_trust(trust, base_trust)
    print()
    print(f"{'key':<18}{'P':>7}{'R':>7}{'F1':>7}   pred/gold matched")
    rows = [("total", totals)]
    if args.per_cluster:
        rows += [(n, {k: Score(**_counts(v)) for k, v in per_cluster[n].items()}) for n in names]
    for label, scores in rows:
        if label != "total":
            print(f"\n[{label}]")
        for key, s in scores.items():
            print(
                f"{key:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}   "
                f"{s.matched_pred}/{s.n_pred}  {s.matched_gold}/{s.n_gold}"
            )
    return 0


def _fmt(value: Rate | None) -> str:
    if value is None or value.value is None:
        return f"{'-':>8}{'':>10}"
    return f"{value.value:8.3f}{f'{value.hits}/{value.total}':>10}"


def _print_trust(trust: dict[str, Any], base: dict[str, Any]) -> None:
    """The issue-13 table: newsbrief beside the textacy baseline."""
    print(f"{'figure':<24}{'newsbrief':>18}{'baseline':>18}   unit")
    for key, label, unit in TRUST_ROWS:
        print(f"{label:<24}{_fmt(trust.get(key)):>18}{_fmt(base.get(key)):>18}   {unit}")
    pairs = trust.get("conflict_pairs")
    if pairs is not None:
        print(
            f"{'conflict pairs P / R':<24}{pairs.precision:8.3f} {pairs.recall:.3f}"
            f"  {pairs.matched_pred}/{pairs.n_pred}, {pairs.matched_gold}/{pairs.n_gold} (no baseline)"
        )


def _counts(record: dict[str, Any]) -> dict[str, int]:
    return {k: record[k] for k in ("matched_pred", "n_pred", "matched_gold", "n_gold")}


if __name__ == "__main__":
    sys.exit(main())
