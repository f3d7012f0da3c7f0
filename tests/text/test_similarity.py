"""The sparse sentence similarity of big events holds the same values as the full matrices, at
the candidate pairs it keeps."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from newsbrief.analyze.claims import build_space, cluster_sentences
from newsbrief.text.similarity import SentenceSimilarity
from newsbrief.types import Article

SENTENCES = [
    "A cargo ship struck the Harbour Bridge pier on Sunday night, injuring 14 people.",
    "Fourteen people were hurt when a cargo ship struck a pier of the Harbour Bridge.",
    "The bridge will stay closed while engineers inspect the damaged pier.",
    "Engineers are inspecting the damaged pier and the bridge stays closed.",
    "The mayor declared an emergency and thanked the rescue crews.",
    "Divers searched the harbour for debris on Monday morning.",
]


def test_sparse_matches_dense_at_candidate_pairs() -> None:
    dense = SentenceSimilarity.fit(SENTENCES)
    sparse = SentenceSimilarity.fit(SENTENCES, dense_limit=0)
    assert not dense.sparse and sparse.sparse
    rows, cols = sparse.cosine.nonzero()
    assert len(rows) > len(SENTENCES), "paraphrase pairs are candidates"
    assert np.allclose(sparse.cosine[rows, cols].A1, dense.cosine[rows, cols], atol=1e-6)
    assert np.allclose(sparse.containment[rows, cols].A1, dense.containment[rows, cols], atol=1e-6)
    # The two wordings of the accident share rare words and are kept; unrelated sentences are not.
    assert sparse.cosine[0, 1] > 0.2
    assert sparse.cosine[0, 4] == 0


def test_claims_on_a_sparse_space_group_the_same_fact(example_articles: list[Article]) -> None:
    space = build_space(example_articles, dense_limit=0)
    assert sp.issparse(space.score)
    groups = cluster_sentences(space)
    crew = [g for g in groups if any("23 crew" in space.sentences[i].text for i in g)]
    # "The ship's 23 crew were unharmed." / "Its 23 crew members were not hurt." / "... unhurt"
    assert max(len(g) for g in crew) >= 3
    for group in groups:
        articles = [space.sentences[i].article for i in group]
        assert len(articles) == len(set(articles)), "one sentence per article"
