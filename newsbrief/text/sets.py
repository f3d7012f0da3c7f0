"""Disjoint sets: items joined by links, transitively (scipy's ``DisjointSet``)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

from scipy.cluster.hierarchy import DisjointSet

__all__ = ["DisjointSet", "connected_groups"]

T = TypeVar("T", bound=Hashable)


def connected_groups(items: Iterable[T], links: Iterable[tuple[T, T]]) -> list[list[T]]:
    """Groups of ``items`` joined by ``links`` (transitively, also through items outside
    ``items``); groups and members keep the order of ``items``, repeats counted once."""
    ordered = list(dict.fromkeys(items))
    sets: DisjointSet = DisjointSet(ordered)
    for a, b in links:
        sets.add(a)
        sets.add(b)
        sets.merge(a, b)
    groups: dict[T, list[T]] = {}
    for item in ordered:
        groups.setdefault(sets[item], []).append(item)
    return list(groups.values())
