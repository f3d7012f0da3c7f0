"""How widely a sentence is reported, as a salience estimate for choosing summary sentences.

Which articles *state* a sentence (its citations) is decided once per event by the fact
alignment of ``newsbrief.analyze.context``; this is only the fast lexical estimate the selection uses
to prefer the best corroborated wording of a fact.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from newsbrief.text.similarity import SentenceSimilarity

SUPPORT_THRESHOLD = 0.4


def source_support(
    similarity: SentenceSimilarity, sources: Sequence[int], threshold: float = SUPPORT_THRESHOLD
) -> np.ndarray:
    """For each sentence, the number of other sources with a sentence whose lexical score
    (mean of containment and cosine) reaches ``threshold``; ``sources[k]`` is sentence k's source.
    Read from the pairs at or above the threshold, so a sparse similarity is never densified."""
    score = 0.5 * similarity.containment + 0.5 * similarity.cosine
    if sp.issparse(score):
        coo = sp.coo_matrix(score)
        close = coo.data >= threshold
        rows, cols = coo.row[close], coo.col[close]
    else:
        rows, cols = np.nonzero(score >= threshold)
    source = np.asarray(sources)
    counts = np.zeros(len(source), dtype=np.float64)
    other = source[rows] != source[cols]
    pairs = np.unique(np.stack([rows[other], source[cols[other]]]), axis=1)
    np.add.at(counts, pairs[0], 1.0)
    return counts
