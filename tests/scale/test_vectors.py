from __future__ import annotations

import numpy as np

from newsbrief.scale.vectors import PrecomputedEmbedder, cluster_config, embedding_text, text_key
from newsbrief.text.embed import get_embedder
from newsbrief.types import Article


def test_the_embedder_is_batch_invariant(example_articles: list[Article]) -> None:
    # What makes embedding in workers safe: a text's vector does not depend on its batch.
    texts = [embedding_text(a) for a in example_articles]
    model = get_embedder(cluster_config().embedder)  # type: ignore[arg-type]
    together = model.encode(texts)
    alone = np.stack([model.encode([t])[0] for t in texts])
    assert np.array_equal(together, alone)


def test_precomputed_vectors_are_returned_and_unknown_texts_embedded() -> None:
    embedder = PrecomputedEmbedder("static")
    given = np.full(embedder.dim, 0.5, dtype=np.float32)
    embedder.give([text_key("known")], [given])
    rows = embedder.encode(["known", "not given"])
    assert np.array_equal(rows[0], given)
    assert np.array_equal(rows[1], get_embedder("static").encode(["not given"])[0])
    assert embedder.misses == 1
