"""Semantic versions and npm-style ranges (``^1``, ``~1.2``, ``>=1.0 <2``), typed.

A thin wrapper over ``node-semver``, the Python port of npm's own range
rules, so ``mcqa-core@^1`` means what it means everywhere else.

>>> newest_matching(["0.9.0", "1.0.0", "1.4.2", "2.0.0"], "^1")
'1.4.2'
>>> newest_matching(["1.0.0"], "^2") is None
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cmp_to_key

from mcqa.models._base import SEMVER_RE

__all__ = ["compare_versions", "is_valid_range", "is_version", "newest_matching", "sort_versions"]


def is_version(text: str) -> bool:
    """True for a full semantic version such as ``1.2.0`` or ``1.0.0-rc.1``."""
    return SEMVER_RE.match(text) is not None


def is_valid_range(text: str) -> bool:
    """True when ``text`` is a version or a range npm would accept."""
    if is_version(text):
        return True
    import nodesemver  # compiles its patterns when imported: only when a range is read

    try:
        return nodesemver.valid_range(text, loose=False) is not None
    except (ValueError, TypeError):
        return False


def compare_versions(left: str, right: str) -> int:
    """-1, 0 or 1 as ``left`` precedes, equals or follows ``right``."""
    import nodesemver

    return int(nodesemver.compare(left, right, False))


def sort_versions(versions: Iterable[str]) -> list[str]:
    """Versions from oldest to newest (by semver precedence; build metadata aside,
    versions that differ only in it keep their order).

    >>> sort_versions(["1.10.0", "1.2.0", "1.0.0-rc.1", "1.0.0"])
    ['1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0']
    """
    listed = list(versions)
    if all(is_version(v) for v in listed):
        return sorted(listed, key=_precedence)
    return sorted(listed, key=cmp_to_key(compare_versions))


def _precedence(version: str) -> tuple[int, int, int, bool, tuple[tuple[int, int, str], ...]]:
    """A sort key of a full semantic version, as semver.org's rule 11 orders them:
    numbers by value, a pre-release before its release, pre-release identifiers one
    by one (numbers before words, numbers by value, words as text; fewer first)."""
    core, _, _ = version.partition("+")
    numbers, _, pre = core.partition("-")
    major, minor, patch = (int(part) for part in numbers.split("."))
    identifiers = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in pre.split(".") if pre
    )
    return major, minor, patch, not pre, identifiers


def newest_matching(versions: Iterable[str], range_text: str) -> str | None:
    """The newest of ``versions`` inside ``range_text``; ``None`` if none is.

    Pre-releases only match a range that names a pre-release, as in npm.
    """
    candidates = [v for v in versions if is_version(v)]
    if not candidates:
        return None
    if is_version(range_text) and not any("+" in v for v in (range_text, *candidates)):
        return range_text if range_text in candidates else None  # one version: itself, or none
    import nodesemver

    found = nodesemver.max_satisfying(candidates, range_text, loose=False)
    return str(found) if found is not None else None
