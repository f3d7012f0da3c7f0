from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsbrief.text.embed import (
    ONNX_BUILD_COMMAND,
    Embedder,
    OnnxMiniLMEmbedder,
    OnnxModelMissingError,
    StaticEmbedder,
    default_onnx_dir,
    get_embedder,
)
from newsbrief.types import Article

REPO = Path(__file__).resolve().parents[2]

ANCHOR = "There are significant differences between NATO allies and Russia on these issues."
PARAPHRASE = "NATO allies and Russia remain far apart on these questions, the alliance chief said."
UNRELATED = "Bake the bread for forty minutes until the crust turns golden brown."
TEXTS = [
    ANCHOR,
    PARAPHRASE,
    UNRELATED,
    "Russian envoys met alliance officials in Brussels on Wednesday.",
    "Heavy snow closed schools across the northern counties.",
]


def _onnx_available() -> bool:
    return (default_onnx_dir() / "model.onnx").is_file()


needs_onnx = pytest.mark.skipif(
    not _onnx_available(),
    reason=f"ONNX MiniLM not exported (run: {ONNX_BUILD_COMMAND})",
)


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    return StaticEmbedder()


@pytest.fixture(scope="module")
def onnx() -> OnnxMiniLMEmbedder:
    return OnnxMiniLMEmbedder(num_threads=1)


def _check_unit_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.shape == (n, dim)
    assert vectors.dtype == np.float32
    assert np.all(np.isfinite(vectors))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def _paraphrase_margin(embedder: Embedder) -> float:
    anchor, paraphrase, unrelated = embedder.encode([ANCHOR, PARAPHRASE, UNRELATED])
    return float(anchor @ paraphrase - anchor @ unrelated)


def test_static_rows_are_unit_float32(static: StaticEmbedder) -> None:
    _check_unit_rows(static.encode(TEXTS), len(TEXTS), static.dim)
    # PCA-reduced MiniLM: smaller than the 384 dimensions of the teacher.
    assert 64 <= static.dim < 384


def test_static_empty_inputs(static: StaticEmbedder) -> None:
    assert static.encode([]).shape == (0, static.dim)
    rows = static.encode(["", ANCHOR])
    assert not rows[0].any()  # no tokens: a zero row rather than NaN
    assert np.linalg.norm(rows[1]) == pytest.approx(1.0, abs=1e-5)


def test_single_string_is_rejected(static: StaticEmbedder) -> None:
    with pytest.raises(TypeError):
        static.encode(ANCHOR)


def test_static_paraphrase_beats_unrelated(static: StaticEmbedder) -> None:
    assert _paraphrase_margin(static) > 0.1


def test_static_is_deterministic_and_batch_independent(static: StaticEmbedder) -> None:
    first = static.encode(TEXTS)
    np.testing.assert_array_equal(first, static.encode(TEXTS))
    alone = np.vstack([static.encode([text]) for text in TEXTS])
    np.testing.assert_allclose(alone, first, atol=1e-6)


def test_seed_quotes_are_closer_to_each_other_than_to_other_seed_sentences(
    seed_articles: list[Article],
) -> None:
    # Four outlets quote Stoltenberg's "There are significant differences between NATO allies
    # and Russia ..." with different wording around it.
    sentences = [s.text for a in seed_articles for s in a.sentences]
    quoted = [s for s in sentences if "significant differences between" in s.lower()]
    others = [s for s in sentences if "significant differences" not in s.lower()]
    assert len(quoted) >= 3 and len(others) >= 50
    embedder = get_embedder("static")
    q, o = embedder.encode(quoted), embedder.encode(others)
    within = (q @ q.T)[np.triu_indices(len(quoted), 1)]
    against_others = q @ o.T
    assert within.min() > np.median(against_others)
    # Each quote's nearest other seed sentence is another outlet's version of the quote.
    quote_sims = q @ q.T
    np.fill_diagonal(quote_sims, -1.0)
    assert np.all(quote_sims.max(axis=1) > against_others.max(axis=1))


def test_get_embedder_is_cached_and_checks_kind() -> None:
    assert get_embedder("static") is get_embedder("static")
    assert isinstance(get_embedder("onnx"), OnnxMiniLMEmbedder)
    with pytest.raises(ValueError, match="unknown embedder kind"):
        get_embedder("word2vec")  # type: ignore[arg-type]


def test_missing_static_model_fails_without_network(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"build_static_model\.py"):
        StaticEmbedder(tmp_path / "absent").encode([ANCHOR])


def test_missing_onnx_model_names_the_build_command(tmp_path: Path) -> None:
    embedder = OnnxMiniLMEmbedder(tmp_path / "absent")
    with pytest.raises(OnnxModelMissingError) as excinfo:
        embedder.encode([ANCHOR])
    assert ONNX_BUILD_COMMAND in str(excinfo.value)
    assert str(tmp_path / "absent") in str(excinfo.value)
    # Nothing to do for an empty batch, so no model is needed for it.
    assert embedder.encode([]).shape == (0, embedder.dim)


def test_runtime_does_not_import_torch() -> None:
    code = (
        "import sys\n"
        "from newsbrief.text.embed import get_embedder\n"
        "get_embedder('static').encode(['a sentence'])\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "assert 'transformers' not in sys.modules, 'transformers was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=120)


@needs_onnx
def test_onnx_rows_are_unit_float32(onnx: OnnxMiniLMEmbedder) -> None:
    _check_unit_rows(onnx.encode(TEXTS), len(TEXTS), 384)


@needs_onnx
def test_onnx_paraphrase_beats_unrelated(onnx: OnnxMiniLMEmbedder) -> None:
    assert _paraphrase_margin(onnx) > 0.3


@needs_onnx
def test_onnx_padding_does_not_change_vectors(onnx: OnnxMiniLMEmbedder) -> None:
    # In one batch the short texts are padded to the longest; alone they are not.
    batched = onnx.encode(TEXTS)
    alone = np.vstack([onnx.encode([text]) for text in TEXTS])
    np.testing.assert_allclose(batched, alone, atol=1e-4)
    np.testing.assert_array_equal(batched, onnx.encode(TEXTS))


@needs_onnx
def test_onnx_truncates_long_texts(onnx: OnnxMiniLMEmbedder) -> None:
    sentence = "The ministers met in Brussels for four hours and discussed security. "
    long_text, longer_text = sentence * 60, sentence * 90
    rows = onnx.encode([long_text, longer_text])
    # Both exceed the 256-token window, so both see the same first 256 tokens.
    assert float(rows[0] @ rows[1]) > 0.9999


@needs_onnx
def test_static_and_onnx_agree_on_similarity_order(static: StaticEmbedder, onnx: OnnxMiniLMEmbedder) -> None:
    def ranking(embedder: Embedder) -> list[int]:
        vectors = embedder.encode(TEXTS)
        return list(np.argsort(-(vectors[1:] @ vectors[0])))

    assert ranking(static)[0] == ranking(onnx)[0] == 0  # both put the paraphrase first
