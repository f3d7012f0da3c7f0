"""Choosing sentences: the most concept weight per word, within a word budget.

Budgeted maximum coverage, solved greedily by gain per word (Lin and Bilmes' cost-scaled
greedy, which keeps a constant-factor guarantee for this submodular objective). A concept
counts once however many chosen sentences cover it, so a sentence that repeats what is
already in the summary gains nothing: redundancy control needs no separate threshold. On
DUC 2004 the greedy choice scored as well as an exact integer program solved by HiGHS, at a
fraction of the time (see docs/summary-quality.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp


def coverage_matrix(concepts: Sequence[Sequence[int]], n_concepts: int) -> sp.csr_matrix:
    """Candidates × concepts, 1 where a candidate covers a concept."""
    rows = np.repeat(np.arange(len(concepts)), [len(c) for c in concepts])
    cols = np.fromiter((c for cs in concepts for c in cs), dtype=np.int64, count=len(rows))
    data = np.ones(len(rows), dtype=np.float64)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(concepts), n_concepts))


def select(
    coverage: sp.csr_matrix,
    weights: np.ndarray,
    lengths: np.ndarray,
    groups: Sequence[int],
    budget: float,
    bonus: np.ndarray | None = None,
    cost_exponent: float = 1.0,
    redundant: np.ndarray | sp.csr_matrix | None = None,
    prefer: np.ndarray | None = None,
    tolerance: float = 0.85,
) -> list[int]:
    """Candidates chosen in order; at most one per group (a sentence and its compressions).

    ``bonus`` is added to a candidate's gain. ``redundant[i, j]`` (boolean) says i and j
    state the same thing: once one is chosen the other is not (symmetric; sparse for big
    events). Among the candidates redundant
    with the best one and worth at least ``tolerance`` of its gain per word, the one with the
    highest ``prefer`` is chosen (the best corroborated wording of a fact).
    """
    n = coverage.shape[0]
    if n == 0:
        return []
    uncovered = weights.astype(np.float64).copy()
    extra = np.zeros(n) if bonus is None else bonus.astype(np.float64)
    cost = np.maximum(lengths.astype(np.float64), 1.0) ** cost_exponent
    group_of = np.asarray(groups)
    open_ = np.ones(n, dtype=bool)
    chosen: list[int] = []
    room = float(budget)
    while True:
        gains = coverage @ uncovered + extra
        feasible = open_ & (lengths <= room) & (gains > 0)
        if not feasible.any():
            return chosen
        ratio = np.where(feasible, gains / cost, -np.inf)
        best = int(np.argmax(ratio))
        same = None if redundant is None else _column(redundant, best)
        if prefer is not None and same is not None:
            near = np.flatnonzero(same & (ratio >= tolerance * ratio[best]))
            if len(near) > 1:
                # Highest preference first, then highest gain per word.
                best = int(near[np.lexsort((-ratio[near], -prefer[near]))[0]])
        chosen.append(best)
        room -= float(lengths[best])
        uncovered[coverage.indices[coverage.indptr[best] : coverage.indptr[best + 1]]] = 0.0
        open_ &= group_of != group_of[best]
        if redundant is not None:
            open_ &= ~_column(redundant, best)


def _column(redundant: np.ndarray | sp.csr_matrix, j: int) -> np.ndarray:
    if sp.issparse(redundant):
        return redundant[j].toarray().ravel().astype(bool)  # symmetric: row j is column j
    return redundant[:, j]


def best_overflow(
    coverage: sp.csr_matrix,
    weights: np.ndarray,
    lengths: np.ndarray,
    groups: Sequence[int],
    chosen: Sequence[int],
    room: float,
) -> int | None:
    """The candidate worth most when only its first ``room`` words will be read.

    Evaluation cuts every summary at the word limit (ROUGE's ``-l``), as it did for every
    published system; the space left after the last whole sentence is then worth filling.
    Its gain is prorated by the share of its words that fit.
    """
    if room <= 0 or coverage.shape[0] == 0:
        return None
    uncovered = weights.astype(np.float64).copy()
    for c in chosen:
        uncovered[coverage.indices[coverage.indptr[c] : coverage.indptr[c + 1]]] = 0.0
    gains = (coverage @ uncovered) * np.minimum(1.0, room / np.maximum(lengths, 1.0))
    used = {groups[c] for c in chosen}
    gains[[i for i, g in enumerate(groups) if g in used]] = -np.inf
    best = int(np.argmax(gains))
    return best if gains[best] > 0 else None
