"""Greedy budgeted concept coverage."""

from __future__ import annotations

import numpy as np

from newsbrief.summarize.select import best_overflow, coverage_matrix, select

# Four concepts; candidate 1 repeats candidate 0's concepts, candidate 3 is 2 compressed.
CONCEPTS = [[0, 1], [0, 1], [2], [2, 3]]
WEIGHTS = np.array([1.0, 1.0, 0.5, 0.5])


def _select(lengths: list[int], budget: float, groups: list[int] | None = None, **kw: object) -> list[int]:
    coverage = coverage_matrix(CONCEPTS, len(WEIGHTS))
    return select(
        coverage,
        WEIGHTS,
        np.array(lengths, dtype=float),
        groups or list(range(len(CONCEPTS))),
        budget,
        **kw,  # type: ignore[arg-type]
    )


def test_a_sentence_repeating_covered_concepts_gains_nothing() -> None:
    chosen = _select([10, 10, 10, 12], budget=100)
    assert 0 in chosen and 1 not in chosen


def test_budget_is_never_exceeded() -> None:
    lengths = [10, 10, 10, 12]
    for budget in (5, 10, 21, 30):
        chosen = _select(lengths, budget)
        assert sum(lengths[i] for i in chosen) <= budget


def test_one_candidate_per_group() -> None:
    chosen = _select([10, 10, 10, 12], budget=100, groups=[0, 1, 2, 2])
    assert not {2, 3} <= set(chosen)


def test_preference_decides_between_redundant_candidates_of_similar_worth() -> None:
    redundant = np.zeros((4, 4), dtype=bool)
    redundant[0, 1] = redundant[1, 0] = True
    np.fill_diagonal(redundant, True)
    prefer = np.array([0.0, 3.0, 0.0, 0.0])
    # Candidate 1 is a bit longer (less gain per word) but stated by more sources.
    chosen = _select([10, 11, 10, 12], 100, redundant=redundant, prefer=prefer, tolerance=0.85)
    assert 1 in chosen and 0 not in chosen
    # Far less worth per word: the preference does not apply.
    chosen = _select([10, 40, 10, 12], 100, redundant=redundant, prefer=prefer, tolerance=0.85)
    assert 0 in chosen and 1 not in chosen


def test_overflow_fills_the_remaining_room_with_the_best_prorated_candidate() -> None:
    coverage = coverage_matrix(CONCEPTS, len(WEIGHTS))
    lengths = np.array([10.0, 10.0, 10.0, 12.0])
    extra = best_overflow(coverage, WEIGHTS, lengths, [0, 1, 2, 3], chosen=[0], room=5)
    assert extra == 3  # covers concepts 2 and 3, half of it fits
    assert best_overflow(coverage, WEIGHTS, lengths, [0, 1, 2, 3], chosen=[0, 3], room=5) is None
