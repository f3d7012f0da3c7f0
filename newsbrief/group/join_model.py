"""The join decision: does an arriving article belong to a candidate event?

A logistic model over similarity features of the (article, event) pair, as Miranda et al.
(2018, "Multilingual Clustering of Streaming News") decide whether an article joins its best
cluster: the cosines per namespace and of the sentence embeddings, plus what a cosine alone
does not say -- how many members the event has (a centroid of many reports drifts from each
one), how many shared terms the article has at all (a short text's cosines are noisy) and how
many rare names (in at most ``RARE_NAME_DF`` articles so far) the two share.

The coefficients are learnt by ``newsbrief.evaluate.clustering.train_join_model`` on labelled
pairs from tuning data only (see docs/grouping.md) and written here, so clustering needs no
training data and stays deterministic. A saved clusterer state names the model it was built
with; a model is never changed in place, a new one gets a new name.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

JOIN_FEATURES = (
    "body",
    "lead",
    "names",
    "numbers",
    "embedding",
    "log_event_size",
    "log_article_terms",
    "rare_names",
)
# A name in at most this many articles so far counts as rare.
RARE_NAME_DF = 3


@dataclass(frozen=True, slots=True)
class JoinModel:
    coefficients: tuple[float, ...]  # one per JOIN_FEATURES
    intercept: float
    # Join the best candidate when its probability reaches this.
    threshold: float = 0.5

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ np.asarray(self.coefficients, dtype=np.float64) + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))


JOIN_MODELS: dict[str, JoinModel] = {
    # `python3 benchmarks/clustering.py --train-join`: pairs from ECB+ dev topics (3 stream
    # orders) and the Multi-News tune rows (file order + 3), each set weighing the same. The
    # threshold is the middle of the plateau of the mean BCubed F1 over both tune sets
    # (0.881-0.883 for 0.2-0.35; weighted-mean join: 0.872).
    "logistic-1": JoinModel(
        coefficients=(4.1682, 2.9792, 5.8008, 3.9343, 1.7872, -1.1439, -0.6463, 0.2679),
        intercept=-2.3301,
        threshold=0.3,
    ),
}
