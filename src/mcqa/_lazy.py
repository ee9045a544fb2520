"""Names of a package imported from their modules when first used (PEP 562).

``import mcqa`` and ``import mcqa.models`` load none of the modules their names
come from; each module is imported when one of its names is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    namespace: MutableMapping[str, Any], exports: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module's ``__getattr__`` and ``__dir__`` for ``exports`` (name to module).

    ``namespace`` is the module's ``globals()``: a name, once imported, is kept
    there, so that it is looked up as any other afterwards.
    """
    module_name = str(namespace.get("__name__"))

    def __getattr__(name: str) -> Any:
        """A name of the public API, imported from its module when first asked for."""
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *public})

    return __getattr__, __dir__
