"""Loaded documents and their source maps (JSON Pointer -> line and column)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mcqa.models.finding import Finding, RelatedLocation, Severity

__all__ = [
    "Document",
    "LoadLimits",
    "Position",
    "SourceMap",
    "escape_token",
    "join_pointer",
    "text_position",
]


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


def text_position(text: str, index: int) -> Position:
    """The 1-based line and column of ``text[index]`` (columns count characters).

    >>> text_position("id: x\\ntitle: T\\n", 13)
    Position(line=2, column=8)
    """
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def escape_token(token: str | int) -> str:
    """Escape one JSON Pointer reference token (RFC 6901: ``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(parent: str, token: str | int) -> str:
    """``join_pointer("/a", "b/c") == "/a/b~1c"``."""
    return f"{parent}/{escape_token(token)}"


def parent_pointer(pointer: str) -> str | None:
    """The pointer one level up, or ``None`` for the whole document."""
    if not pointer:
        return None
    return pointer.rsplit("/", 1)[0]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a loaded document stands.

    >>> sm = SourceMap()
    >>> sm.add_value("/title", Position(2, 8))
    >>> sm.locate("/title/0")
    Position(line=2, column=8)
    """

    values: dict[str, Position] = field(default_factory=dict)
    keys: dict[str, Position] = field(default_factory=dict)

    @classmethod
    def of_marks(
        cls, values: dict[str, tuple[int, int]], keys: dict[str, tuple[int, int]]
    ) -> SourceMap:
        """A source map from 0-based ``(line, column)`` pairs, as a parser's marks give them.

        A loaded document is located a few times (once per finding) but holds
        hundreds of values: the :class:`Position` of each is made only when it is
        first asked for, by :meth:`locate`, or all at once when :attr:`values` or
        :attr:`keys` is first read.

        >>> sm = SourceMap.of_marks({"": (0, 0), "/title": (1, 7)}, {"/title": (1, 0)})
        >>> sm.locate("/title/0"), sm.locate("/title", key=True)
        (Position(line=2, column=8), Position(line=2, column=1))
        >>> sm == SourceMap({"": Position(1, 1), "/title": Position(2, 8)}, {"/title": Position(2, 1)})
        True
        """
        made = cls.__new__(cls)
        made.__dict__["_marks"] = (values, keys)
        return made

    if not TYPE_CHECKING:  # for type checkers, ``values`` and ``keys`` are plain fields

        def __getattr__(self, name: str) -> Any:
            """``values`` and ``keys`` of a map made by :meth:`of_marks`, made when first read."""
            marks = self.__dict__.get("_marks") if name in ("values", "keys") else None
            if marks is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
            del self.__dict__["_marks"]
            values, keys = marks
            self.values = {
                p: Position(line + 1, column + 1) for p, (line, column) in values.items()
            }
            self.keys = {p: Position(line + 1, column + 1) for p, (line, column) in keys.items()}
            return self.__dict__[name]

    def add_value(self, pointer: str, position: Position) -> None:
        self.values.setdefault(pointer, position)

    def add_key(self, pointer: str, position: Position) -> None:
        self.keys.setdefault(pointer, position)

    def locate(self, pointer: str, *, key: bool = False) -> Position | None:
        """Position of the value at ``pointer`` (of its key with ``key=True``).

        A pointer that is not in the document (a missing field, say) falls back
        to its nearest ancestor that is, so every finding still gets a line.
        """
        marks = self.__dict__.get("_marks")
        if marks is not None:
            return _locate_mark(marks, pointer, key)
        current: str | None = pointer
        if key and pointer in self.keys:
            return self.keys[pointer]
        while current is not None:
            found = self.values.get(current)
            if found is not None:
                return found
            current = parent_pointer(current)
        return None


def _locate_mark(
    marks: tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]], pointer: str, key: bool
) -> Position | None:
    """:meth:`SourceMap.locate` on the marks of a map whose positions are not made yet."""
    values, keys = marks
    found = keys.get(pointer) if key else None
    current: str | None = pointer
    while found is None and current is not None:
        found = values.get(current)
        current = parent_pointer(current)
    return Position(found[0] + 1, found[1] + 1) if found is not None else None


@dataclass(frozen=True)
class LoadLimits:
    """Bounds that keep a hostile or broken file from exhausting time or memory."""

    max_bytes: int = 16 * 1024 * 1024
    """Largest file read, in bytes."""
    max_depth: int = 64
    """Deepest nesting of mappings and lists."""
    max_nodes: int = 1_000_000
    """Most values a document may hold once aliases are expanded ("billion laughs")."""
    max_chars: int = 16 * 1024 * 1024
    """Most characters of text (keys and values) a document may hold once aliases are
    expanded: a long text repeated by many aliases ("quadratic blowup")."""


@dataclass(frozen=True)
class Document:
    """A file loaded into plain data (dicts, lists, str, int, float, bool, None).

    ``data`` is ``None`` when the file could not be read at all; ``findings``
    then say why, each with a location.
    """

    path: str | None
    data: Any
    source_map: SourceMap
    findings: tuple[Finding, ...]
    sha256: str
    format: str
    """``yaml`` or ``json``."""
    text: str | None = None
    """The decoded text, when it could be decoded (inline waivers are read from it)."""

    @property
    def ok(self) -> bool:
        """True when loading found no error."""
        return self.data is not None and not any(f.severity == "error" for f in self.findings)

    def finding(
        self,
        rule: str,
        message: str,
        pointer: str,
        *,
        key: bool = False,
        severity: Severity = "error",
        standard: str | None = None,
        related: tuple[RelatedLocation, ...] = (),
    ) -> Finding:
        """A finding located at ``pointer`` in this document."""
        pos = self.source_map.locate(pointer, key=key)
        return Finding(
            rule=rule,
            message=message,
            severity=severity,
            standard=standard,
            file=self.path,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
            pointer=pointer,
            related=related,
        )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
