"""No cache of mcqa grows without end: a catalog's values must not fill a worker's memory.

A function cached with ``functools.cache`` keeps every argument it was ever
called with. That is right for a function of no arguments (one entry) or of a
fixed, small set (a schema's name), and wrong for one called with values read
from files (codes, ids, language tags): over a million descriptors each worker
would keep them all.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import mcqa

#: Cached functions whose arguments come from mcqa itself, never from a file.
FIXED_ARGUMENTS = {
    "mcqa.schema.load_schema",  # a published schema's name
    "mcqa.schema.validator_for",
    "mcqa.schema.predicate_for",
    "mcqa._normalise.number_fields",
    "mcqa.schema._module_docstrings",  # a module of mcqa's models
    "mcqa.reporters._builtin",  # a built-in format's name
}


def _cached_functions() -> list[tuple[str, Any]]:
    found = []
    for module_info in pkgutil.walk_packages(mcqa.__path__, "mcqa."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (
                hasattr(value, "cache_info")
                and getattr(value, "__module__", None) == module.__name__
            ):
                found.append((f"{module.__name__}.{name}", value))
    return found


def test_every_cache_of_values_read_from_files_is_bounded() -> None:
    cached = _cached_functions()
    assert {name for name, _ in cached} >= FIXED_ARGUMENTS  # the search finds them
    unbounded = [
        name
        for name, function in cached
        if function.cache_info().maxsize is None
        and inspect.signature(function.__wrapped__).parameters
        and name not in FIXED_ARGUMENTS
    ]
    assert unbounded == []


def test_a_bounded_cache_forgets_the_oldest_values() -> None:
    from mcqa.checks._codes import skill_code_issue

    skill_code_issue.cache_clear()
    limit = skill_code_issue.cache_info().maxsize
    assert limit is not None
    for n in range(limit + 100):
        skill_code_issue("ESCO", f"http://data.europa.eu/esco/skill/{n:08d}")
    assert skill_code_issue.cache_info().currsize == limit
