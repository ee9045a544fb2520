"""Small helpers the checks share: walking plain data, resolving pointers, wording.

>>> data = {"title": "Data", "issuer": {"url": "https://x.org"}, "tags": ["a"]}
>>> [(s.pointer, s.key, s.value) for s in iter_strings(data)]
[('/title', 'title', 'Data'), ('/issuer/url', 'url', 'https://x.org'), ('/tags/0', 'tags', 'a')]
>>> resolve(data, "/issuer/url")
(True, 'https://x.org')
>>> format_number(10 / 30), format_number(3.0)
('0.33', '3')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple, TypeVar

from mcqa.checks._base import Problem
from mcqa.load import escape_token

__all__ = [
    "EXTENSIONS",
    "StringAt",
    "format_number",
    "in_document_order",
    "is_english",
    "iter_strings",
    "quote",
    "resolve",
    "shared",
    "shared_walks",
    "split_pointer",
]

#: The free-form part of a descriptor, which mcqa does not judge.
EXTENSIONS = "/extensions"


class StringAt(NamedTuple):
    """A string value found in plain data."""

    pointer: str
    """JSON Pointer to the value."""
    key: str | None
    """The mapping key the value (or the list holding it) stands under; ``None`` at the top."""
    value: str


_T = TypeVar("_T")

_SHARED: ContextVar[dict[Hashable, tuple[Any, Any]] | None] = ContextVar(
    "mcqa_checks_shared", default=None
)


@contextmanager
def shared_walks() -> Iterator[None]:
    """Within this block, what :func:`shared` works out about a value is worked out once.

    The engine scores one descriptor inside such a block, so that the checks and
    the engine itself walk its strings, and search them for placeholders, once.
    The data must not change inside the block.
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared(kind: str, data: Any, compute: Callable[[], _T], *key: Hashable) -> _T:
    """``compute()``, remembered for ``data`` (by identity), ``kind`` and ``key`` while a
    :func:`shared_walks` block lasts; outside one, computed each time.

    What is remembered must not be changed by those who receive it.
    """
    found = _SHARED.get()
    if found is None:
        return compute()
    index = (kind, id(data), *key)
    known = found.get(index)
    if known is not None and known[0] is data:
        return known[1]  # type: ignore[no-any-return]
    value = compute()
    found[index] = (data, value)  # holding ``data`` keeps its id from being reused
    return value


def iter_strings(
    data: Any, *, skip: Iterable[str] = (EXTENSIONS,), pointer: str = ""
) -> Iterator[StringAt]:
    """Every string value in ``data`` (not the keys), in document order.

    Values at or under a pointer in ``skip`` are left out. Items of a list
    report the key the list stands under.
    """
    skipped = frozenset(skip)
    if pointer or skipped != _DEFAULT_SKIP:
        yield from _strings(data, skipped, pointer)
        return
    yield from shared("strings", data, lambda: _strings(data, skipped, pointer))


_DEFAULT_SKIP = frozenset((EXTENSIONS,))


def _strings(data: Any, skipped: frozenset[str], pointer: str) -> list[StringAt]:
    found: list[StringAt] = []
    stack: list[tuple[str, str | None, Any]] = [(pointer, None, data)]
    pop, push, add = stack.pop, stack.extend, found.append
    while stack:
        here, key, node = pop()
        if here in skipped:
            continue
        if isinstance(node, str):
            add(StringAt(here, key, node))
        elif isinstance(node, Mapping):
            children = [
                (
                    f"{here}/{escape_token(k) if '~' in name or '/' in name else name}",
                    name,
                    v,
                )
                for k, v in node.items()
                for name in (k if isinstance(k, str) else str(k),)
            ]
            push(reversed(children))
        elif isinstance(node, list | tuple):
            push(reversed([(f"{here}/{i}", key, v) for i, v in enumerate(node)]))
    return found


def split_pointer(pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON Pointer (``""`` has none).

    >>> split_pointer("/a~1b/0")
    ['a/b', '0']
    """
    if not pointer:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def resolve(data: Any, pointer: str) -> tuple[bool, Any]:
    """``(True, value)`` at ``pointer`` in ``data``, or ``(False, None)`` if there is none."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, Mapping):
            for key, value in node.items():
                if str(key) == token:
                    node = value
                    break
            else:
                return False, None
        elif isinstance(node, list | tuple):
            if not token.isdigit() or int(token) >= len(node) or token != str(int(token)):
                return False, None
            node = node[int(token)]
        else:
            return False, None
    return True, node


def _rank(data: Any, pointer: str) -> tuple[int, ...]:
    """Where ``pointer`` stands in ``data``: key positions and list indexes, level by level."""
    ranks: list[int] = []
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, Mapping):
            keys = [str(k) for k in node]
            index = keys.index(token) if token in keys else len(keys)
            ranks.append(index)
            node = list(node.values())[index] if index < len(keys) else None
        elif isinstance(node, list | tuple) and token.isdigit():
            index = int(token)
            ranks.append(index)
            node = node[index] if index < len(node) else None
        else:
            ranks.append(0)
            node = None
    return tuple(ranks)


def in_document_order(data: Any, problems: Sequence[Problem]) -> list[Problem]:
    """``problems`` sorted by where their pointers stand in ``data``.

    A pointer sorts before the pointers inside it; problems at the same place
    keep the order they were found in. A missing field sorts after the fields
    that are there.
    """
    ranked = [(_rank(data, p.pointer), i, p) for i, p in enumerate(problems)]
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [p for _, _, p in ranked]


def quote(text: str, limit: int = 60) -> str:
    """``text`` in single quotes, on one line, shortened to about ``limit`` characters.

    >>> quote("Understand   the\\nbasics")
    "'Understand the basics'"
    >>> quote("x" * 80, limit=10)
    "'xxxxxxx...'"
    """
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: max(limit - 3, 1)].rstrip() + "..."
    return f"'{flat}'"


def format_number(value: float) -> str:
    """A number as people write it: no trailing ``.0``, at most two decimals.

    >>> format_number(2.5), format_number(0.004), format_number(1234.0)
    ('2.5', '0', '1234')
    """
    if not math.isfinite(value):
        return "infinity" if value > 0 else str(value)
    rounded = round(value, 2)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.2f}".rstrip("0").rstrip(".")


def is_english(language: str | None) -> bool:
    """True when a BCP 47 tag is English, or no language is given.

    >>> is_english("en-GB"), is_english(None), is_english("nl-BE")
    (True, True, False)
    """
    if language is None or not language.strip():
        return True
    return language.strip().lower().startswith("en")
