from __future__ import annotations

from newsbrief.text.sets import connected_groups


def test_groups_are_transitive_and_keep_input_order() -> None:
    groups = connected_groups(["c", "a", "b", "d", "a"], [("a", "b"), ("d", "x"), ("x", "c")])
    # c-x-d joined through an item outside the list; a-b joined directly; order as given.
    assert groups == [["c", "d"], ["a", "b"]]


def test_unlinked_items_stand_alone() -> None:
    assert connected_groups([3, 1, 2], []) == [[3], [1], [2]]
