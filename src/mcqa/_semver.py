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

import nodesemver

from mcqa.models._base import SEMVER_RE

__all__ = ["compare_versions", "is_valid_range", "is_version", "newest_matching", "sort_versions"]


def is_version(text: str) -> bool:
    """True for a full semantic version such as ``1.2.0`` or ``1.0.0-rc.1``."""
    return SEMVER_RE.match(text) is not None


def is_valid_range(text: str) -> bool:
    """True when ``text`` is a version or a range npm would accept."""
    try:
        return nodesemver.valid_range(text, loose=False) is not None
    except (ValueError, TypeError):
        return False


def compare_versions(left: str, right: str) -> int:
    """-1, 0 or 1 as ``left`` precedes, equals or follows ``right``."""
    return int(nodesemver.compare(left, right, False))


def sort_versions(versions: Iterable[str]) -> list[str]:
    """Versions from oldest to newest.

    >>> sort_versions(["1.10.0", "1.2.0", "1.0.0-rc.1", "1.0.0"])
    ['1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0']
    """
    return sorted(versions, key=cmp_to_key(compare_versions))


def newest_matching(versions: Iterable[str], range_text: str) -> str | None:
    """The newest of ``versions`` inside ``range_text``; ``None`` if none is.

    Pre-releases only match a range that names a pre-release, as in npm.
    """
    candidates = [v for v in versions if is_version(v)]
    if not candidates:
        return None
    found = nodesemver.max_satisfying(candidates, range_text, loose=False)
    return str(found) if found is not None else None
