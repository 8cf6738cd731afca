"""Remember pure functions' results for the same inputs, tables compared by identity.

The loaded and filtered tables are shared, read-only objects (the UI caches them once per data
version and filter state), so "the same table" can be decided by identity instead of hashing
its content. A rerun with filters seen before then reuses every figure and aggregate instead of
recomputing them: that is most of a page's server time. Results are shared too: callers must
not modify them (figures are copied before being changed, e.g. `chart_style.for_projector`).
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])


def _key(value: Any, refs: list) -> Any:
    """A hashable stand-in for one argument; frames by identity (kept as weak references)."""
    if isinstance(value, pd.DataFrame | pd.Series):
        refs.append(weakref.ref(value))
        return ("frame", id(value))
    if hasattr(value, "tables") and hasattr(value, "problems"):  # a loader.Dataset
        refs.append(weakref.ref(value))
        return ("dataset", id(value))
    if callable(getattr(value, "memo_key", None)):  # e.g. a section's Context: by what it holds
        return (type(value).__name__, _key(value.memo_key(), refs))
    if isinstance(value, dict):
        return ("dict", tuple((k, _key(v, refs)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_key(v, refs) for v in value))
    if isinstance(value, set | frozenset):
        return ("set", frozenset(_key(v, refs) for v in value))
    try:
        hash(value)
    except TypeError:
        return ("repr", type(value).__name__, repr(value))
    return ("value", type(value).__name__, value)


def by_identity(maxsize: int = 32) -> Callable[[F], F]:
    """Decorator: cache up to `maxsize` results, least recently used dropped first."""

    def decorate(fn: F) -> F:
        cache: OrderedDict[Any, tuple[list, Any]] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            refs: list = []
            key = (_key(args, refs), _key(tuple(sorted(kwargs.items())), refs))
            with lock:
                hit = cache.get(key)
                # a frame that died and left its id to a new one must not match
                if hit is not None and all(r() is not None for r in hit[0]):
                    cache.move_to_end(key)
                    return hit[1]
            result = fn(*args, **kwargs)
            with lock:
                cache[key] = (refs, result)
                while len(cache) > maxsize:
                    cache.popitem(last=False)
            return result

        wrapper.cache_clear = cache.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
