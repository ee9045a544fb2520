"""Loading what other packages contribute through entry points, safely."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["iter_plugins"]


def iter_plugins(
    group: str, *, instantiate: bool = True
) -> Iterator[tuple[str, str, Any, str | None]]:
    """``(name, value, loaded object, problem)`` for each entry point of ``group``, by name.

    A plug-in that fails to load yields ``None`` and a problem to report, and
    never stops mcqa. With ``instantiate``, a class is replaced by an instance.
    """
    import importlib.metadata  # imported only when plug-ins are looked for

    for entry in sorted(importlib.metadata.entry_points(group=group), key=lambda e: e.name):
        try:
            loaded: Any = entry.load()
            if instantiate and isinstance(loaded, type):
                loaded = loaded()
        except Exception as exc:  # a broken plug-in must not stop mcqa
            yield entry.name, entry.value, None, f"could not be loaded: {exc}"
            continue
        yield entry.name, entry.value, loaded, None
