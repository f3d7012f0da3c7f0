"""Progress hooks: long runs tell a caller ``(stage, done)`` as they go (inputs are streamed, so
there is no total); the CLI draws them, tests record them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

ProgressHook = Callable[[str, int], None]
T = TypeVar("T")


def counted(items: Iterable[T], stage: str, on_progress: ProgressHook | None) -> Iterator[T]:
    """``items`` unchanged, telling ``on_progress`` how many have gone through so far."""
    for done, item in enumerate(items, start=1):
        yield item
        if on_progress is not None:
            on_progress(stage, done)
