"""Article-body extraction benchmark on the Zyte/Scrapinghub article-extraction pages.

Usage: python benchmarks/extraction.py [--limit N] [--data DIR] [--only NAME ...]

Metric (re-implemented to match scrapinghub/article-extraction-benchmark's evaluate.py):
per page, token 4-gram shingle multisets of truth and prediction give TP/FP/FN, normalised
by their sum so every page weighs the same; precision is averaged over pages where the
prediction has shingles, recall over pages where the truth has shingles, and F1 is computed
from the two means.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsbrief.clean.html import extract_html

DEFAULT_DATA = Path("/work/shared/data/article-extraction")
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]
Counts = tuple[float, float, float]
Page = tuple[str, str, str | None, str]  # key, html, url, true body


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    # A text shorter than n tokens still yields one (short) shingle, as in the reference.
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def page_counts(truth: str, pred: str) -> Counts:
    t, p = shingles(truth), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(counts: list[Counts]) -> tuple[float, float, float]:
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bootstrap(counts: list[Counts], other: list[Counts] | None = None, n: int = 1000) -> float:
    """95% half-width of F1 (or of the paired F1 difference with ``other``) over page resamples."""
    rng = random.Random(0)
    values = []
    for _ in range(n):
        idx = [rng.randrange(len(counts)) for _ in counts]
        f1 = score([counts[i] for i in idx])[2]
        values.append(f1 - score([other[i] for i in idx])[2] if other else f1)
    return 1.96 * statistics.stdev(values)


def load_pages(data: Path, limit: int | None) -> list[Page]:
    """Every page, in a stable order (sorted keys)."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        html = raw.decode("utf-8", errors="replace")
        pages.append((key, html, truth[key].get("url"), truth[key].get("articleBody", "")))
    return pages


def _ours(html: str, url: str | None) -> str:
    return "\n\n".join(extract_html(html, url).paragraphs)


def _trafilatura(**options: bool) -> Extractor:
    import trafilatura

    def run(html: str, url: str | None) -> str:
        return (
            trafilatura.extract(html, url=url, include_comments=False, include_tables=False, **options) or ""
        )

    return run


def _readability(html: str, url: str | None) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    blocks = lxml_html.fromstring(summary).xpath("//p|//h1|//h2|//h3|//h4|//li|//pre")
    return "\n\n".join(b.text_content().strip() for b in blocks if b.text_content().strip())


def _justext(html: str, url: str | None) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def extractors() -> dict[str, Extractor]:
    systems: dict[str, Extractor] = {
        "trafilatura default": _trafilatura(),
        "trafilatura favor_precision": _trafilatura(favor_precision=True),
        "trafilatura favor_recall": _trafilatura(favor_recall=True),
    }
    try:
        import readability  # noqa: F401

        systems["readability-lxml"] = _readability
    except ImportError:
        pass
    try:
        import justext  # noqa: F401

        systems["justext"] = _justext
    except ImportError:
        pass
    systems["ours"] = _ours
    return systems


def run_system(extract: Extractor, pages: list[Page]) -> tuple[list[Counts], float]:
    """Per-page counts and pages per second."""
    counts: list[Counts] = []
    start = time.perf_counter()
    for _key, html, url, truth in pages:
        try:
            pred = extract(html, url)
        except Exception:  # a crashing baseline scores an empty page
            pred = ""
        counts.append(page_counts(truth, pred))
    return counts, len(pages) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages only")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", nargs="*", help="subset of system names")
    args = parser.parse_args()

    pages = load_pages(args.data, args.limit)
    systems = extractors()
    if args.only:
        systems = {k: v for k, v in systems.items() if k in args.only}
    print(f"{len(pages)} pages from {args.data}; ± is the 95% bootstrap half-width")
    print(f"{'system':<30} {'P':>6} {'R':>6} {'F1':>6} {'± F1':>6} {'pages/s':>8}")
    results: dict[str, list[Counts]] = {}
    for name, extract in systems.items():
        counts, speed = run_system(extract, pages)
        results[name] = counts
        precision, recall, f1 = score(counts)
        ci = bootstrap(counts)
        print(f"{name:<30} {precision:6.3f} {recall:6.3f} {f1:6.3f} {ci:6.3f} {speed:8.1f}", flush=True)
    baselines = [n for n in results if n.startswith("trafilatura")]
    if "ours" in results and baselines:
        best = max(baselines, key=lambda n: score(results[n])[2])
        diff = score(results["ours"])[2] - score(results[best])[2]
        ci = bootstrap(results["ours"], results[best])
        print(f"ours - {best}: F1 {diff:+.3f} ± {ci:.3f} (paired bootstrap)")


if __name__ == "__main__":
    main()
