"""YAML -> plain data + source map, safely.

PyYAML composes the node graph (with libyaml's C parser when it is
available: about twelve times faster than the pure-Python one); mcqa then
builds plain data from the nodes itself, which is where the guarantees live:

* YAML 1.2 core-schema scalars: only ``true``/``false`` are booleans (so
  ``country: NO`` stays the text ``"NO"``), dates stay text, mapping keys are
  always the text written in the file (``2.10`` stays ``"2.10"``);
* duplicate keys are findings naming both places (PyYAML silently keeps the
  last one);
* only the standard tags (``!!str``, ``!!int``, ``!!float``, ``!!bool``,
  ``!!null``, ``!!map``, ``!!seq``) are accepted; any other tag is a finding and
  never constructs an object;
* nesting depth and the size after alias expansion are bounded before anything
  is built, so a "billion laughs" file ends in milliseconds with a finding;
* ``.nan``, ``.inf`` and numbers beyond the float range are findings where they
  stand (the value is kept, so the document still has its shape);
* a syntax error says, where it can, what to change and where (:func:`syntax_hint`),
  and plain values that YAML reads differently than written (text cut at ``#``, a
  ``- `` line joined to the text above it) are warnings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple, cast

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    ScalarEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader, ReaderError

from mcqa.load._source import LoadLimits, Position, SourceMap, join_pointer, text_position
from mcqa.models._base import number_problem
from mcqa.models.finding import Finding, RelatedLocation

__all__ = ["CORE_RESOLVERS", "HAVE_LIBYAML", "load_yaml_text"]

HAVE_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))
_BaseLoader: type = yaml.CSafeLoader if HAVE_LIBYAML else yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ = _TAG + "map", _TAG + "seq"

CORE_RESOLVERS: list[tuple[str, re.Pattern[str], list[str | None]]] = [
    (_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", None]),
    (_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
    (_INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")),
    (
        _FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        list("-+.0123456789"),
    ),
]


#: The tag the composer gives a plain scalar without a tag; :func:`_resolve` gives it
#: its core-schema tag. It holds spaces, so no tag written in a file can be it.
_PLAIN = "plain scalar, resolved by mcqa"


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that only composes: plain scalars keep the tag :data:`_PLAIN`.

    PyYAML's resolver runs Python code for every value the parser meets;
    :func:`_resolve` gives a plain scalar its tag by the YAML 1.2 core schema
    when the data is built, with the same resolvers.
    """

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP


for _tag, _regexp, _first in CORE_RESOLVERS:
    _CoreSchemaLoader.add_implicit_resolver(_tag, _regexp, _first)

# The resolvers by the first character of the value, as PyYAML's resolver tries them:
# those for that character in order, then those for any character.
_ANY_FIRST = _CoreSchemaLoader.yaml_implicit_resolvers.get(None, [])
_BY_FIRST = {
    first: [*resolvers, *_ANY_FIRST]
    for first, resolvers in _CoreSchemaLoader.yaml_implicit_resolvers.items()
    if first is not None
}


def _resolve(tag: str, text: str) -> str:
    """The tag of a scalar: its own, or for a plain one, the first core-schema resolver's."""
    if tag != _PLAIN:
        return tag
    for resolved, regexp in _BY_FIRST.get(text[0] if text else "", _ANY_FIRST):
        if regexp.match(text):
            return resolved
    return _STR


_DIGITS = re.compile(r"[-+]?[0-9]+")


def _number_problem(text: str, value: Any) -> str | None:
    """Why a loaded number cannot be used (NaN, infinity, too large), or ``None``."""
    problem = number_problem(value)
    overflowed = (
        isinstance(value, float) and math.isinf(value) and text.lower().lstrip("+-") != ".inf"
    )
    # 1e400, or an integer of 5000 digits: written as a figure, but too large for one.
    return "this number is too large" if problem is not None and overflowed else problem


def _pos(node: Node) -> Position:
    mark = node.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _scalar_value(node: ScalarNode) -> tuple[Any, str | None]:
    """Value of a scalar by its resolved tag, and an error message if the tag is not safe."""
    text = node.value
    return _value_of(_resolve(node.tag, text), text)


def _value_of(tag: str, text: str) -> tuple[Any, str | None]:
    if tag == _STR:
        return text, None
    if tag == _NULL:
        return None, None
    if tag == _BOOL:
        return text.lower() == "true", None
    if tag == _INT:
        try:
            if text.startswith("0o"):
                return int(text[2:], 8), None
            if text.startswith("0x"):
                return int(text[2:], 16), None
            return int(text), None
        except ValueError:
            if _DIGITS.fullmatch(text):  # more digits than Python converts: far too large
                return (-math.inf if text.startswith("-") else math.inf), None
            return text, f"{text!r} is not a whole number"
    if tag == _FLOAT:
        lowered = text.lower().lstrip("+")
        if lowered in (".inf", "-.inf"):
            return (-math.inf if lowered.startswith("-") else math.inf), None
        if lowered == ".nan":
            return math.nan, None
        try:
            return float(text), None
        except ValueError:
            return text, f"{text!r} is not a number"
    return text, f"the tag {tag!r} is not allowed here; only plain YAML values are"


class _Builder:
    """Turns a composed node graph into plain data, recording positions and problems."""

    def __init__(self, path: str | None, limits: LoadLimits) -> None:
        self.path = path
        self.limits = limits
        self.values: dict[str, tuple[int, int]] = {}
        self.keys: dict[str, tuple[int, int]] = {}
        """Where each value (each key) stands: 0-based line and column, as marks give them."""
        self.findings: list[Finding] = []
        self.aliases = False
        """Whether the scan met an alias (only then does :meth:`measure` need to expand)."""
        self.count = 0
        """Values built so far (an alias counts each time it is expanded)."""

    @property
    def source_map(self) -> SourceMap:
        return SourceMap.of_marks(self.values, self.keys)

    def finding(
        self, rule: str, message: str, position: Position, pointer: str, **extra: Any
    ) -> None:
        self.findings.append(
            Finding(
                rule=rule,
                message=message,
                file=self.path,
                line=position.line,
                column=position.column,
                pointer=pointer,
                **extra,
            )
        )

    # -- bounds, checked before anything is built ------------------------------

    def scan(self, text: str) -> bool:
        """Count values and nesting on the parser's events; True when the text may be composed.

        Composing nodes costs about ten times the parse, so a file of millions
        of values, or nested deeper than the limit, ends here after at most
        ``max_nodes`` values, before any node exists. An alias counts as one
        value: :meth:`measure` expands aliases on the composed graph.
        """
        loader = _CoreSchemaLoader(text)
        count = depth = documents = 0
        try:
            while loader.check_event():
                event = loader.get_event()
                if isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
                    count += 1
                    self.aliases = self.aliases or isinstance(event, AliasEvent)
                    if count > self.limits.max_nodes:
                        self.finding(
                            "limit-size",
                            f"this file holds more than {self.limits.max_nodes:,} values; "
                            "mcqa reads no more",
                            _mark_pos(event.start_mark),
                            "",
                        )
                        return False
                    if isinstance(event, CollectionStartEvent):
                        depth += 1
                        if depth > self.limits.max_depth:
                            return self._too_deep(_mark_pos(event.start_mark))
                elif isinstance(event, CollectionEndEvent):
                    depth -= 1
                elif isinstance(event, DocumentStartEvent):
                    documents += 1
                    if documents > 1:  # composing says so, with the place
                        return True
        finally:
            loader.dispose()
        return True

    def measure(self, root: Node) -> bool:
        """Check depth, recursion and expanded size; True when the graph may be built."""
        # Iterative post-order walk. Shared (aliased) nodes are measured once:
        # their expanded size, text and height are remembered, so the walk is
        # linear in the size of the file, whatever the aliases would expand to.
        sizes: dict[int, int] = {}
        chars: dict[int, int] = {}  # characters of text in keys and values ("quadratic blowup")
        heights: dict[int, int] = {}
        on_path: set[int] = set()
        stack: list[tuple[Node, int, bool]] = [(root, 1, False)]
        while stack:
            node, depth, children_done = stack.pop()
            key = id(node)
            if children_done:
                on_path.discard(key)
                children = _children(node)
                sizes[key] = 1 + sum(sizes[id(c)] for c in children)
                chars[key] = (
                    len(node.value)
                    if isinstance(node, ScalarNode)
                    else sum(chars[id(c)] for c in children)
                )
                # Depth counts mappings and lists, as it does for JSON: scalars add none.
                heights[key] = (
                    1 + max((heights[id(c)] for c in children), default=0)
                    if _is_collection(node)
                    else 0
                )
                if sizes[key] > self.limits.max_nodes:
                    return self._too_big(root, f"{self.limits.max_nodes:,} values")
                if chars[key] > self.limits.max_chars:
                    return self._too_big(root, f"{self.limits.max_chars:,} characters of text")
                continue
            if key in sizes:
                if depth - 1 + heights[key] > self.limits.max_depth:
                    return self._too_deep(_pos(node))
                continue
            if key in on_path:
                self.finding(
                    "yaml-recursive-alias",
                    "an alias refers to the anchor that contains it, which would repeat forever",
                    _pos(node),
                    "",
                )
                return False
            if _is_collection(node) and depth > self.limits.max_depth:
                return self._too_deep(_pos(node))
            on_path.add(key)
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in _children(node))
        return True

    def _too_deep(self, position: Position) -> bool:
        self.finding(
            "limit-depth",
            f"values are nested more than {self.limits.max_depth} levels deep",
            position,
            "",
        )
        return False

    def _too_big(self, root: Node, what: str) -> bool:
        self.finding(
            "limit-size",
            f"expanding the aliases (*name) in this file would make more than {what}; "
            "mcqa stops here to stay safe",
            _pos(root),
            "",
        )
        return False

    # -- construction -----------------------------------------------------------

    def build(self, node: Node, pointer: str, depth: int = 1) -> Any:
        """The plain data of ``node`` at ``pointer``; ``depth`` counts the mappings and lists
        it is in (with itself, if it is one).

        Raises :class:`_OverLimit` when the values built pass ``max_nodes`` or nest
        deeper than ``max_depth`` (which the scan and :meth:`measure` rule out
        beforehand; a file read without them is then read again with them).
        """
        mark = node.start_mark
        self.values.setdefault(pointer, (mark.line, mark.column))
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _OverLimit
        kind = type(node)
        if kind is ScalarNode:
            text = node.value
            tag = _resolve(node.tag, text)
            if tag == _STR:
                return text
            value, problem = _value_of(tag, text)
            if problem:
                self.finding("yaml-tag", problem, _pos(node), pointer)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                unusable = _number_problem(text, value)
                if unusable:
                    self.finding("number", unusable, _pos(node), pointer)
            return value
        if depth > self.limits.max_depth:
            raise _OverLimit
        if kind is SequenceNode:
            if node.tag != _SEQ:
                self._bad_tag(node, pointer)
            return [
                self.build(child, f"{pointer}/{i}", depth + 1) for i, child in enumerate(node.value)
            ]
        if kind is MappingNode:
            if node.tag != _MAP:
                self._bad_tag(node, pointer)
            return self._build_mapping(cast(MappingNode, node), pointer, depth)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _bad_tag(self, node: Node, pointer: str) -> None:
        self.finding(
            "yaml-tag",
            f"the tag {node.tag!r} is not allowed here; only plain YAML values are",
            _pos(node),
            pointer,
        )

    def _build_mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        keys = self.keys
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                self.finding(
                    "yaml-complex-key",
                    "a key must be a single word or phrase, not a list or mapping",
                    _pos(key_node),
                    pointer,
                )
                self._skipped(key_node, depth + 1)
                self._skipped(value_node, depth + 1)
                continue
            tag = key_node.tag
            if tag != _PLAIN and tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL):
                self._bad_tag(key_node, pointer)
            key = key_node.value
            child = (
                f"{pointer}/{key}"
                if "~" not in key and "/" not in key
                else join_pointer(pointer, key)
            )
            mark = key_node.start_mark
            self.count += 1
            if key in first_seen:
                first = first_seen[key]
                self.finding(
                    "duplicate-key",
                    f"the key {key!r} appears more than once in this mapping; "
                    "keep one of them (mcqa uses the first)",
                    _pos(key_node),
                    child,
                    related=(
                        RelatedLocation(
                            message=f"first {key!r}",
                            file=self.path,
                            line=first.line + 1,
                            column=first.column + 1,
                            pointer=child,
                        ),
                    ),
                )
                self._skipped(value_node, depth + 1)
                continue
            first_seen[key] = mark
            keys.setdefault(child, (mark.line, mark.column))
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _skipped(self, node: Node, depth: int) -> None:
        """Count what is not built (a complex key, the value of a repeated key) toward the
        limits, as the scan counts it."""
        stack = [(node, depth)]
        while stack:
            node, depth = stack.pop()
            self.count += 1
            if self.count > self.limits.max_nodes:
                raise _OverLimit
            if type(node) is not ScalarNode:
                if depth > self.limits.max_depth:
                    raise _OverLimit
                stack.extend((child, depth + 1) for child in _children(node))


class _OverLimit(Exception):
    """The values built pass a limit: the file is read again, checking the limits first."""


def _is_collection(node: Node) -> bool:
    return isinstance(node, (SequenceNode, MappingNode))


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _tab_at(text: str, line: int, column: int) -> bool:
    """True when the character at a 0-based mark (or the indentation before it) is a tab."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    current = lines[line]
    return "\t" in current[: column + 1] and not current[:column].strip(" \t")


def _mark_pos(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _unreadable_character(text: str, path: str | None) -> Finding:
    """The character YAML does not allow (a control character, say), where it stands.

    The reader's own error has no line and column, only an offset that libyaml
    counts in bytes and the pure-Python reader in characters.
    """
    found = Reader.NON_PRINTABLE.search(text)
    if found is None:  # pragma: no cover - the reader and its pattern agree
        return Finding(rule="yaml-syntax", message="this is not valid YAML", file=path)
    code = ord(found.group())
    what = "the control character" if code < 0x20 or 0x7F <= code <= 0x9F else "the character"
    escape = f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    position = text_position(text, found.start())
    return Finding(
        rule="yaml-syntax",
        message=f"this is not valid YAML: {what} U+{code:04X} may not appear in a YAML file; "
        f'delete it, or write it as an escape inside double quotes ("{escape}")',
        file=path,
        line=position.line,
        column=position.column,
    )


# -- messages a person can act on ------------------------------------------------------
#
# The parser says what it met ("mapping values are not allowed here"); the people who
# write review forms and descriptors need to know what to change. The hints below read
# the lines around the parser's marks and name the usual mistake with its fix. They read
# at most _LOOK_BACK lines above a mark and _LINE_CAP characters of a line, with plain
# string scanning (no pattern that can backtrack), so any input costs them little.

_LINE_CAP = 2000
"""Characters of one line the hints read; past them, the parser's own words stand."""
_LOOK_BACK = 50
"""Lines the hints read above a mark."""
_SHOWN = 72
"""Longest suggested line a message shows in full; longer ones are shortened."""
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks YAML counts (as the parser's marks do)."""
_QUOTES = "\"'"
_OPENING_CURLY = "\u201c\u2018\u201e\u201a"
"""Typographic opening quotes, as word processors write them."""
_CLOSING_CURLY = "\u201d\u2019\u201c\u2018"
_SEPARATORS = " \t"
_MAX_WARNINGS = 100
"""Most warnings about plain values given for one file."""
_FOLDED = 60
"""Lines this long may end where a YAML library folded long text (at 80 characters)."""


def _lines(text: str, last: int | None = None) -> list[str]:
    """The text's lines as YAML counts them (up to 0-based ``last``), each cut to _LINE_CAP."""
    if text.startswith("\ufeff"):  # the parser does not count a byte-order mark as a column
        text = text[1:]
    parts = _BREAK.split(text) if last is None else _BREAK.split(text, maxsplit=last + 1)
    if last is not None:
        del parts[last + 1 :]
    return [part[:_LINE_CAP] for part in parts]


def _closing_quote(s: str, start: int) -> int:
    """Column of the quote that closes the one at ``start``, on the same line, or -1."""
    quote, j, n = s[start], start + 1, len(s)
    while j < n:
        c = s[j]
        if quote == '"' and c == "\\":
            j += 2
            continue
        if c == quote:
            if quote == "'" and j + 1 < n and s[j + 1] == "'":  # '' is a quote inside '...'
                j += 2
                continue
            return j
        j += 1
    return -1


def _comment_from(s: str, start: int) -> int:
    """Column of the first '#' at or after ``start`` that starts a comment, or -1."""
    j = s.find("#", start)
    while j > 0 and s[j - 1] not in _SEPARATORS:
        j = s.find("#", j + 1)
    return j


def _scan_plain(s: str, start: int) -> tuple[int, int]:
    """In plain (unquoted) text from ``start``: the first ': ' or the comment, whichever first."""
    n = len(s)
    for j in range(start, n):
        c = s[j]
        if c == ":" and (j + 1 == n or s[j + 1] in _SEPARATORS):
            return j, -1
        if c == "#" and j > start and s[j - 1] in _SEPARATORS:
            return -1, j
    return -1, -1


def _skip_blanks(s: str, start: int) -> int:
    while start < len(s) and s[start] in _SEPARATORS:
        start += 1
    return start


@dataclass(frozen=True)
class _Shape:
    """What one line holds, read as YAML's block syntax reads it (columns are 0-based)."""

    text: str
    indent: int
    """Column of the first character that is not a space."""
    body: int
    """Column after the indentation and any '- ' list markers."""
    item: bool = False
    """The line starts a list item."""
    colon: int = -1
    """The ':' that ends a key on this line."""
    value: int = -1
    """Where the value after the key (or the item's or line's text) starts."""
    closes: int = -1
    """For a value in quotes, its closing quote on this line."""
    comment: int = -1
    """The '#' of a comment."""

    @property
    def blank(self) -> bool:
        return not self.text.strip(_SEPARATORS)

    @property
    def comment_only(self) -> bool:
        return self.comment >= 0 and self.comment == self.indent

    @property
    def key(self) -> str:
        return _unquote(self.text[self.body : self.colon].strip()) if self.colon >= 0 else ""

    @property
    def lead(self) -> str:
        """What comes before the value, as a suggested line writes it: ``comment: ``, ``- ``."""
        if self.colon >= 0:
            return self.text[self.indent : self.colon + 1] + " "
        return self.text[self.indent : self.body]


def _shape(s: str) -> _Shape:
    n = len(s)
    indent = n - len(s.lstrip(" "))
    i, item = indent, False
    while i < n and s[i] == "-" and (i + 1 == n or s[i + 1] in _SEPARATORS):
        item = True
        i = _skip_blanks(s, i + 1)
    body = i
    if i >= n:
        return _Shape(s, indent, body, item)
    if s[i] == "#":
        return _Shape(s, indent, body, item, comment=i)
    if s[i] in _QUOTES:
        end = _closing_quote(s, i)
        after = _skip_blanks(s, end + 1) if end >= 0 else n
        if after < n and s[after] == ":" and (after + 1 == n or s[after + 1] in _SEPARATORS):
            return _after_key(s, indent, body, item, after)
        comment = _comment_from(s, end + 1) if end >= 0 else -1
        return _Shape(s, indent, body, item, value=i, closes=end, comment=comment)
    colon, comment = _scan_plain(s, i)
    if colon >= 0:
        return _after_key(s, indent, body, item, colon)
    return _Shape(s, indent, body, item, value=i, comment=comment)


def _after_key(s: str, indent: int, body: int, item: bool, colon: int) -> _Shape:
    v = _skip_blanks(s, colon + 1)
    if v >= len(s):
        return _Shape(s, indent, body, item, colon=colon)
    if s[v] == "#":
        return _Shape(s, indent, body, item, colon=colon, comment=v)
    if s[v] in _QUOTES:
        end = _closing_quote(s, v)
        comment = _comment_from(s, end + 1) if end >= 0 else -1
        return _Shape(s, indent, body, item, colon=colon, value=v, closes=end, comment=comment)
    _, comment = _scan_plain(s, v)
    return _Shape(s, indent, body, item, colon=colon, value=v, comment=comment)


def _unquote(word: str) -> str:
    if len(word) >= 2 and word[0] == word[-1] and word[0] in _QUOTES:
        return word[1:-1]
    return word


def _keyish(word: str) -> bool:
    """Whether ``word`` looks like a key (``verdict``, ``"5.5"``), not like a phrase."""
    if len(word) >= 2 and word[0] == word[-1] and word[0] in _QUOTES:
        return True
    return bool(word) and all(c.isalnum() or c in "_.-" for c in word)


def _quote(value: str) -> str:
    """``value`` in the quotes that keep it as written."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _straighten(value: str) -> str:
    """``value`` without the typographic quotes around it, if it has them."""
    if value[:1] in _OPENING_CURLY:
        return value[1:-1] if len(value) > 1 and value[-1] in _CLOSING_CURLY else value[1:]
    return value


def _suggest(lead: str, value: str) -> str:
    """A corrected line: ``lead`` and ``value`` in quotes, shortened when long."""
    room = _SHOWN - len(lead) - 2
    if len(value) > room:
        value = value[: max(room - 3, 12)].rstrip() + "..."
    return lead + _quote(value)


def _shorten(text: str, room: int = 40) -> str:
    return text if len(text) <= room else text[: room - 3].rstrip() + "..."


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _missing_space(shape: _Shape) -> int:
    """Column of the ':' in ``verdict:met`` (a key without a space after its colon), or -1."""
    if shape.colon >= 0 or shape.value < 0:
        return -1
    s, start = shape.text, shape.value
    j = s.find(":", start, start + 100)
    if j <= start or j + 1 >= len(s) or s[j + 1] in " \t:/":
        return -1
    word = s[start:j]
    if not _keyish(word) or (word.isdigit() and s[j + 1].isdigit()):  # 10:30 is a time
        return -1
    return j


class SyntaxHint(NamedTuple):
    """What to tell a person about a YAML syntax error, and where (0-based line and column)."""

    message: str
    line: int
    column: int
    parser: bool = False
    """Keep the parser's own words after the hint (the hint names a likely cause)."""


class _Explainer:
    """Finds the usual mistake behind one parser error, from the lines around its marks."""

    def __init__(self, text: str, problem: str, mark: Any, context: str, context_mark: Any):
        self.problem = problem
        self.context = context
        self.line, self.column = mark.line, mark.column
        self.context_line = context_mark.line if context_mark is not None else -1
        self.context_column = context_mark.column if context_mark is not None else -1
        self.lines = _lines(text, max(self.line, self.context_line))
        self.shapes: dict[int, _Shape] = {}

    def text(self, k: int) -> str:
        return self.lines[k] if 0 <= k < len(self.lines) else ""

    def shape(self, k: int) -> _Shape:
        if k not in self.shapes:
            self.shapes[k] = _shape(self.text(k))
        return self.shapes[k]

    def above(self, k: int) -> range:
        """The lines above line ``k`` that hints may read, nearest first."""
        return range(k - 1, max(-1, k - 1 - _LOOK_BACK), -1)

    def previous(self, k: int) -> int:
        """The nearest line above ``k`` holding more than blanks and comments, or -1."""
        for j in self.above(k):
            shape = self.shape(j)
            if not (shape.blank or shape.comment_only):
                return j
        return -1

    def explain(self) -> SyntaxHint | None:
        problem, context = self.problem, self.context
        if "tab" in problem.lower() or self.text(self.line)[self.column : self.column + 1] == "\t":
            return self.tab()
        if "quoted scalar" in context:
            if "escape" in problem or "hex" in problem:
                return self.escape()
            return self.unclosed_quote()
        if problem.startswith("mapping values are not allowed"):
            return self.colon()
        if problem.startswith("could not find expected ':'") and self.context_line >= 0:
            return self.text_without_key(self.context_line)
        if "sequence entries are not allowed" in problem:
            return self.list_on_key_line()
        if context in ("while parsing a block mapping", "while parsing a block collection"):
            return self.block_end()
        if context.startswith("while parsing a flow") and self.context_line < self.line:
            return self.unclosed_bracket()
        if "cannot start any token" in problem:
            return self.reserved_character()
        if context == "while scanning an alias" or problem.startswith("found undefined alias"):
            return self.alias()
        if context == "while scanning a block scalar":
            return self.block_scalar_header()
        return None

    # -- the hints, one per mistake ----------------------------------------------------

    def tab(self) -> SyntaxHint:
        s, column = self.text(self.line), self.column
        if "\t" in s[: column + 1] and not s[:column].strip(_SEPARATORS):
            message = (
                "this line is indented with a tab, which YAML does not allow; "
                "indent with spaces, not tabs"
            )
        else:
            message = "YAML does not allow a tab here; use spaces, not tabs"
        return SyntaxHint(message, self.line, column)

    def colon(self) -> SyntaxHint | None:
        k, column = self.line, self.column
        shape = self.shape(k)
        if 0 <= shape.colon < column and 0 <= shape.value < column:
            return self.colon_in_value(shape)
        word = shape.text[shape.body : column].strip()
        if not _keyish(word):  # a phrase, not a key: ': ' inside a value that runs over lines
            owner = next((j for j in self.above(k) if self.shape(j).colon >= 0), -1)
            whose = f"the whole value of {self.shape(owner).key!r} (line {owner + 1})"
            return SyntaxHint(
                "this text holds ': ', which YAML reads as a new key; put "
                f"{whose if owner >= 0 else 'the whole value'} in quotes, or write '>' after "
                "its key's colon and the text on the lines below",
                k,
                column,
            )
        return self.run_on(k, word)

    def colon_in_value(self, shape: _Shape) -> SyntaxHint:
        raw = shape.text[shape.value :].rstrip()
        first = raw[0]
        if first in _OPENING_CURLY:
            return SyntaxHint(
                f"the value starts with {first}, a typographic quote that YAML reads as "
                "ordinary text, so the ': ' inside it starts a new key; use straight quotes: "
                + _suggest(shape.lead, _straighten(raw)),
                self.line,
                shape.value,
            )
        if raw.endswith('"') and raw.count('"') == 1:  # a stray quote at the end: drop it
            raw = raw[:-1]
        holds = "ends with ':'" if self.column == len(shape.text.rstrip()) - 1 else "holds ': '"
        return SyntaxHint(
            f"this value {holds}, which YAML reads as a new key; put the whole value in "
            "quotes: " + _suggest(shape.lead, raw),
            self.line,
            self.column,
        )

    def run_on(self, k: int, word: str) -> SyntaxHint | None:
        """Line ``k`` holds a key, but YAML read it as more of a value above it."""
        name = repr(_unquote(word))
        for j in self.above(k):
            shape = self.shape(j)
            if shape.blank:
                continue
            if shape.comment_only or (shape.comment >= 0 and j < k - 1):
                wrapped = j + 1 < k and not self.shape(j + 1).blank
                return self.wrapped_comment(j + 1, j) if wrapped else None
            missing = _missing_space(shape)
            if missing >= 0:
                return self.missing_space(j, shape, missing)
            if shape.colon >= 0 and shape.value >= 0:
                deeper = self.shape(k).body - shape.body
                if deeper > 0:
                    return SyntaxHint(
                        f"{name} is indented {_spaces(deeper)} more than {shape.key!r} on line "
                        f"{j + 1}, so YAML reads it as more of the value of {shape.key!r}; "
                        f"indent it exactly like {shape.key!r}",
                        self.line,
                        self.column,
                        parser=True,
                    )
                return None
            if shape.item and shape.colon < 0:
                return SyntaxHint(
                    f"YAML reads {name} as more of the text of the list item on line {j + 1}, "
                    "because it is indented under it; an item holds either text or "
                    "'key: value' lines, not both",
                    self.line,
                    self.column,
                    parser=True,
                )
            if shape.colon >= 0:  # a key with nothing after it: its value starts below
                return SyntaxHint(
                    f"YAML reads {name} as more of the text that starts on line {j + 2}, "
                    "because it is indented like that text; give it the indentation of the "
                    "keys it belongs with",
                    self.line,
                    self.column,
                    parser=True,
                )
        return None

    def wrapped_comment(self, k: int, comment_line: int) -> SyntaxHint:
        return SyntaxHint(
            f"this line looks like the rest of the comment on line {comment_line + 1}; "
            "start it with # too",
            k,
            self.shape(k).body,
        )

    def missing_space(self, k: int, shape: _Shape, colon: int) -> SyntaxHint:
        s = shape.text
        fixed = s[shape.indent : colon + 1] + " " + s[colon + 1 :].rstrip()
        return SyntaxHint(f"put a space after the colon: {_shorten(fixed, _SHOWN)}", k, colon)

    def text_without_key(self, k: int) -> SyntaxHint:
        """Line ``k`` holds text that is neither a key nor part of a value."""
        shape = self.shape(k)
        missing = _missing_space(shape)
        if missing >= 0:
            return self.missing_space(k, shape, missing)
        if not shape.item and k > 0 and self.shape(k - 1).comment >= 0:
            return self.wrapped_comment(k, k - 1)
        j = self.previous(k)
        owner = self.shape(j) if j >= 0 else None
        if owner is not None and owner.colon >= 0 and owner.body >= shape.indent:
            message = (
                f"this line holds text but no key; if it continues the value of "
                f"{owner.key!r} on line {j + 1}, indent it more than {owner.key!r}, "
                "or join the two lines"
            )
        else:
            message = "this line holds text but no key ('name: value')"
        return SyntaxHint(message, k, shape.body, parser=True)

    def list_on_key_line(self) -> SyntaxHint | None:
        shape = self.shape(self.line)
        if shape.colon < 0 or shape.value != self.column:
            return None
        return SyntaxHint(
            "a list cannot start on the same line as its key; put each '- ' item on a line "
            f"of its own below '{shape.text[shape.body : shape.colon + 1]}', or, if this is "
            "text, put it in quotes: " + _suggest(shape.lead, shape.text[self.column :].rstrip()),
            self.line,
            self.column,
        )

    def block_end(self) -> SyntaxHint | None:
        k, column = self.line, self.column
        shape = self.shape(k)
        if shape.text[:column].replace("-", " ").strip(_SEPARATORS):
            return self.after_value(shape)
        if not shape.item and shape.colon < 0 and k > 0 and self.shape(k - 1).comment >= 0:
            return self.wrapped_comment(k, k - 1)
        name = repr(shape.key) if shape.colon >= 0 else "this line"
        if shape.item:
            name = "this list item"
        if "collection" in self.context and not shape.item and column == self.context_column:
            return self.beside_items(k, name)
        j = self.previous(k)
        if j < 0:
            return None
        before = self.shape(j)
        if shape.item and before.colon >= 0 and before.value >= 0 and before.body == column:
            return SyntaxHint(
                f"this list item cannot follow {before.key!r} on line {j + 1}, which already "
                f"has a value; to give {before.key!r} a list, leave nothing after its colon "
                "and put the items below it",
                k,
                column,
                parser=True,
            )
        return self.dedented(k, column, shape, name)

    def beside_items(self, k: int, name: str) -> SyntaxHint | None:
        """Line ``k`` lines up with the '- ' of the list items above it, without one."""
        column = self.column
        for j in self.above(k):
            item = self.shape(j)
            if not (item.item and item.indent == column):
                continue
            if item.colon >= 0:
                message = (
                    f"{name} lines up with the '- ' on line {j + 1}, so YAML expects another "
                    f"list item here; to put it in that item, indent it "
                    f"{_spaces(item.body - column)} more, to line up with {item.key!r}, "
                    "or start it with '- ' to make a new item"
                )
            else:
                message = (
                    f"{name} stands among the items of the list on line {j + 1} but has no "
                    "'- '; start it with '- ' to make it an item, or move it out of the list"
                )
            return SyntaxHint(message, k, column, parser=True)
        return None

    def dedented(self, k: int, column: int, shape: _Shape, name: str) -> SyntaxHint | None:
        """Line ``k`` is indented less than the lines above, but not as much as their parent."""
        best, best_column = -1, -1
        for j in self.above(k):
            other = self.shape(j)
            if other.blank or other.comment_only:
                continue
            at = other.indent if shape.item and other.item else other.body
            if at > column and (best < 0 or at < best_column):
                best, best_column = j, at
            if other.indent <= column:  # the parent, or a line at this one's depth
                break
        if best < 0:
            return None
        other = self.shape(best)
        what = (
            repr(other.key)
            if other.colon >= 0 and not (shape.item and other.item)
            else "the list item"
            if other.item
            else "the line"
        )
        things = "items of one list" if shape.item else "keys of one mapping"
        return SyntaxHint(
            f"{name} is indented {_spaces(column)}, {_spaces(best_column - column)} less than {what} "
            f"on line {best + 1}; {things} must start in the same column: indent them alike",
            k,
            column,
            parser=True,
        )

    def after_value(self, shape: _Shape) -> SyntaxHint | None:
        """More text follows a complete value on its line: after quotes, or after [...]."""
        s, value = shape.text, shape.value
        j = len(s[: self.column].rstrip(_SEPARATORS)) - 1
        mark = s[j]
        if mark in _QUOTES:
            if 0 <= value < j and s[value] == mark and shape.closes == j:
                raw = s[value:].rstrip()
                inner = raw[1:-1] if raw[-1] == mark else raw
                fixed = _suggest(shape.lead, inner)
                if mark == "'" and "'" in inner:
                    message = (
                        "this ' ends the quoted value early, so the text after it is out of "
                        "place; inside single quotes write '' for an apostrophe, or use double "
                        f"quotes: {fixed}"
                    )
                else:
                    message = (
                        f"this {mark} ends the quoted value, but more text follows it on the "
                        f"line; put the whole value in quotes: {fixed}"
                    )
                return SyntaxHint(message, self.line, j)
            if j in (value, shape.body):  # it closed a value whose opening quote is above
                for k in self.above(self.line):
                    opened = self.shape(k)
                    if (
                        opened.value >= 0
                        and opened.closes < 0
                        and opened.text[opened.value] == mark
                    ):
                        return SyntaxHint(
                            f"this {mark} is not closed on its line, so YAML reads on to the "
                            f"next {mark}, on line {self.line + 1}; close it on this line",
                            k,
                            opened.value,
                        )
            return None
        if mark in "]}" and 0 <= value < j and s[value] in "[{":
            kind = "a list" if s[value] == "[" else "a set of 'key: value' pairs"
            return SyntaxHint(
                f"a value that starts with {s[value]!r} is read as {kind}, which ends at "
                f"{mark!r}; to write text, put the whole value in quotes: "
                + _suggest(shape.lead, s[value:].rstrip()),
                self.line,
                value,
            )
        return None

    def unclosed_quote(self) -> SyntaxHint | None:
        k, column = self.context_line, self.context_column
        s = self.text(k)
        quote = s[column : column + 1]
        if k < 0 or not quote or quote not in _QUOTES:
            return None
        rest, before = s[column + 1 :].rstrip(), s[:column].rstrip()
        if not rest and before and before[-1] in _QUOTES:
            message = (
                f"this {quote} comes after the end of the quoted value, so YAML reads it as "
                "the start of another one, which never ends; delete it"
            )
        elif rest and rest[-1] in _CLOSING_CURLY:
            message = (
                f"this value starts with a straight {quote} but ends with {rest[-1]}, a "
                "typographic quote that YAML reads as ordinary text; end it with a straight "
                f"{quote}"
            )
        else:
            until = (
                "the end of the file"
                if "end of stream" in self.problem
                else f"line {self.line + 1}"
            )
            message = (
                f"this {quote} opens a quoted value that is never closed, so YAML reads on to "
                f"{until} looking for its end; close it with {quote} on this line"
            )
        return SyntaxHint(message, k, column)

    def escape(self) -> SyntaxHint | None:
        s = self.text(self.line)
        backslash = s.rfind("\\", 0, self.column + 1)
        shape = self.shape(self.line)
        if backslash < 0 or shape.value < 0 or s[shape.value] != '"':
            return None
        end = shape.closes if shape.closes > 0 else len(s.rstrip())
        inner = s[shape.value + 1 : end]
        fixed = _shorten(
            shape.lead
            + (f"'{inner}'" if "'" not in inner else '"' + inner.replace("\\", "\\\\") + '"'),
            _SHOWN,
        )
        return SyntaxHint(
            "inside double quotes a backslash starts an escape such as \\n; write \\\\ for "
            f"a backslash, or use single quotes: {fixed}",
            self.line,
            backslash,
        )

    def unclosed_bracket(self) -> SyntaxHint | None:
        s = self.text(self.context_line)
        bracket = s[self.context_column : self.context_column + 1]
        closing = {"[": "]", "{": "}"}.get(bracket)
        if closing is None or closing in s[self.context_column :]:
            return None
        kind = "a list" if bracket == "[" else "a set of 'key: value' pairs"
        return SyntaxHint(
            f"the {bracket!r} on line {self.context_line + 1} starts {kind} that is not closed "
            f"with {closing!r}, so YAML reads on to here; close it on line "
            f"{self.context_line + 1}, or, if the value is text, put it in quotes",
            self.line,
            self.column,
        )

    def reserved_character(self) -> SyntaxHint | None:
        shape = self.shape(self.line)
        character = shape.text[self.column : self.column + 1]
        if character not in ("@", "`") or shape.value != self.column:
            return None
        return SyntaxHint(
            f"a value cannot start with {character!r} unless it is in quotes: "
            + _suggest(shape.lead, shape.text[self.column :].rstrip()),
            self.line,
            self.column,
        )

    def alias(self) -> SyntaxHint | None:
        k, column = (
            (self.context_line, self.context_column)
            if self.context_line >= 0
            else (self.line, self.column)
        )
        shape = self.shape(k)
        if shape.value != column or shape.text[column : column + 1] != "*":
            return None
        return SyntaxHint(
            "a value that starts with '*' is read as a reference to an anchor ('&name'); to "
            "write text, put it in quotes: " + _suggest(shape.lead, shape.text[column:].rstrip()),
            k,
            column,
        )

    def block_scalar_header(self) -> SyntaxHint | None:
        k, column = self.context_line, self.context_column
        shape = self.shape(k)
        if k < 0 or shape.value != column:
            return None
        indicator = shape.text[column]
        return SyntaxHint(
            f"{indicator!r} starts a block of text on the lines below it, so only a comment "
            "may follow it on this line; put the text on the next lines, indented, or put "
            "the whole value in quotes: " + _suggest(shape.lead, shape.text[column:].rstrip()),
            k,
            column,
        )


def syntax_hint(
    text: str, problem: str, mark: Any, context: str | None = None, context_mark: Any = None
) -> SyntaxHint | None:
    """Plain words for a YAML syntax error, with the place to fix it, when the mistake is known.

    ``problem`` and ``mark`` are the parser's (``exc.problem``, ``exc.problem_mark``);
    ``context`` and ``context_mark`` say what it was reading (an open quote, say).

    >>> mark = yaml.Mark("form.yaml", 13, 0, 13, None, None)
    >>> hint = syntax_hint("comment: Good: names a role\\n", "mapping values are not allowed", mark)
    >>> print(hint.message)
    this value holds ': ', which YAML reads as a new key; put the whole value in quotes: comment: "Good: names a role"
    >>> (hint.line, hint.column)
    (0, 13)
    """
    if mark is None or mark.column >= _LINE_CAP:
        return None
    if context_mark is not None and context_mark.column >= _LINE_CAP:
        context_mark = None
    return _Explainer(text, problem, mark, context or "", context_mark).explain()


# -- plain values that hold less, or more, than their writer meant -------------------------


def _value_warnings(root: Node, text: str, path: str | None) -> list[Finding]:
    """Warnings about plain (unquoted) text values that YAML read differently than written.

    * ``comment: item #3 is weak`` keeps ``item``: the rest is a comment;
    * a '- ' line indented under a text value joins that text (``- b`` under ``- a``
      gives the one item ``a - b``).

    Neither is what a YAML library writes: libraries quote a value holding " #", and fold
    long text only where a line has passed their width (80 characters unless set), so a
    '- ' that follows a line of _FOLDED characters or more is left alone.

    At most _MAX_WARNINGS are given, so a file of a million such values stays cheap.
    """
    findings: list[Finding] = []
    lines: list[str] | None = None
    has_hash = "#" in text
    seen: set[int] = set()
    # Each entry's place is a link to its parent's (built into a pointer only for a
    # warning): most values of a file warn of nothing, and this walk visits them all.
    stack: list[tuple[Node, _Link, bool]] = [(root, None, False)]
    while stack:
        node, link, in_list = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            stack.extend(
                (value, (link, key.value), False)
                for key, value in reversed(node.value)
                if isinstance(key, ScalarNode)
            )
        elif isinstance(node, SequenceNode):
            stack.extend(
                (child, (link, i), True) for i, child in reversed(list(enumerate(node.value)))
            )
        elif isinstance(node, ScalarNode) and not node.style and node.value:
            start, end = node.start_mark, node.end_mark
            if start.line == end.line:  # can only be cut short by a '#' after it
                if not has_hash:
                    continue
                lines = _lines(text) if lines is None else lines
                if end.line >= len(lines) or "#" not in lines[end.line][end.column :]:
                    continue
            if _resolve(node.tag, node.value) != _STR:
                continue
            lines = _lines(text) if lines is None else lines
            findings.extend(_plain_warnings(node, _pointer(link), in_list, lines, path))
            if len(findings) >= _MAX_WARNINGS:
                return findings[:_MAX_WARNINGS]
    return findings


#: Where a node stands, as a link to its parent's place: ``(parent, key or index)``.
_Link = tuple["_Link", str | int] | None


def _pointer(link: _Link) -> str:
    """The JSON Pointer of a place given as links."""
    tokens: list[str | int] = []
    while link is not None:
        link, token = link
        tokens.append(token)
    pointer = ""
    for token in reversed(tokens):
        pointer = join_pointer(pointer, token)
    return pointer


def _plain_warnings(
    node: ScalarNode, pointer: str, in_list: bool, lines: list[str], path: str | None
) -> list[Finding]:
    start, end = node.start_mark, node.end_mark
    if end.line >= len(lines) or start.line >= len(lines):
        return []
    found: list[Finding] = []

    def warn(rule: str, message: str, line: int, column: int) -> None:
        found.append(
            Finding(
                rule=rule,
                message=message,
                severity="warning",
                file=path,
                line=line + 1,
                column=column + 1,
                pointer=pointer,
            )
        )

    last = lines[end.line]
    rest = last[end.column : end.column + 64]
    after = rest.lstrip(_SEPARATORS)
    gap = len(rest) - len(after)
    # "# note" is a comment as it is usually written; "item #3" is text that YAML cut short.
    if gap and after.startswith("#") and after[1:2] not in ("", " ", "\t", "#"):
        message = (
            "the text after '#' is a comment, so it was dropped and this value is "
            f"{_shorten(node.value)!r}; put the whole value in quotes to keep it"
        )
        if start.line == end.line:
            s = lines[start.line]
            lead = s[len(s) - len(s.lstrip(" ")) : start.column]
            message += ": " + _suggest(lead, _straighten(s[start.column :].rstrip()))
        message += " (if it is meant as a comment, put a space after the '#')"
        warn("yaml-comment-in-value", message, end.line, end.column + gap)
    for k in range(start.line + 1, min(end.line, start.line + _LOOK_BACK) + 1):
        s = lines[k]
        body = s.lstrip(" ")
        if not body.startswith("- ") or len(lines[k - 1]) >= _FOLDED:
            continue
        if in_list:
            message = (
                f"this line starts with '- ' but is indented deeper than the item on line "
                f"{start.line + 1}, so YAML joins it to that item's text; to make it an item "
                f"of its own, line its '- ' up with the one on line {start.line + 1}"
            )
        else:
            message = (
                "this line starts with '- ', but YAML reads it as more of the text that starts "
                f"on line {start.line + 1} and joins the lines; to write a list, put each item "
                "on a line of its own below the key, starting with '- '; to keep the lines as "
                "written, put '|' after the key's colon and the text on the lines below"
            )
        warn("yaml-list-item-in-text", message, k, len(s) - len(body))
        break
    return found


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """A 0-based place in ``text``: the end of the stream can be a line past the last one."""
    last = (
        text.count("\n")
        + text.count("\r")
        - text.count("\r\n")
        + text.count("\x85")
        + text.count("\u2028")
        + text.count("\u2029")
    )
    if line <= last:
        return line, column
    return last, len(_lines(text, last)[last])


def _yaml_error(exc: yaml.YAMLError, path: str | None, text: str) -> Finding:
    if isinstance(exc, ReaderError):
        return _unreadable_character(text, path)
    context_mark = getattr(exc, "context_mark", None)
    mark = getattr(exc, "problem_mark", None) or context_mark
    problem = str(getattr(exc, "problem", None) or exc)
    context = getattr(exc, "context", None)
    line, column = (mark.line, mark.column) if mark else (None, None)
    if context == "expected a single document in the stream":
        message = (
            "this file holds more than one YAML document (another one starts here); "
            "mcqa reads one document per file, so remove the '---' line or split the file"
        )
    elif (hint := syntax_hint(text, problem, mark, context, context_mark)) is not None:
        # The hint names the mistake; the parser's words follow only when it names a cause.
        message = f"this is not valid YAML: {hint.message}"
        if hint.parser:
            message += f" (YAML: {problem})"
        line, column = hint.line, hint.column
    else:
        message = f"this is not valid YAML: {problem}" + (f" ({context})" if context else "")
        if "tab" in problem.lower() or (mark and _tab_at(text, mark.line, mark.column)):
            message += "; indent with spaces, not tabs"
    if line is not None and column is not None:
        line, column = _within(text, line, column)
    return Finding(
        rule="yaml-syntax",
        message=message,
        file=path,
        line=line + 1 if line is not None else None,
        column=column + 1 if column is not None else None,
        pointer=None,
    )


def _nesting_error(exc: yaml.YAMLError, path: str | None, limits: LoadLimits) -> Finding | None:
    """libyaml's own nesting limit, reported as mcqa's limit rather than a syntax error."""
    if "maximum nesting depth" not in str(getattr(exc, "problem", "")):
        return None
    mark = getattr(exc, "problem_mark", None)
    return Finding(
        rule="limit-depth",
        message=f"values are nested more than {limits.max_depth} levels deep",
        file=path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
    )


def load_yaml_text(
    text: str, path: str | None, limits: LoadLimits
) -> tuple[Any, SourceMap, list[Finding]]:
    """Parse one YAML document into plain data, a source map and findings."""
    if "*" not in text and len(text) <= limits.max_nodes // 4:
        # No alias can be in the text, and it is too short to hold more values than
        # the limit: compose it at once. Should it break a limit (nesting too deep), or
        # not be valid YAML, it is read again the careful way, which says where.
        builder = _Builder(path, limits)
        try:
            root = _compose(text)
            if root is not None:
                data = builder.build(root, "")
        except (yaml.YAMLError, UnicodeEncodeError, RecursionError, _OverLimit):
            pass
        else:
            if root is not None:
                return _finish(builder, root, data, text, path)
    return _load_carefully(text, path, limits)


def _compose(text: str) -> Node | None:
    """The node graph of the one YAML document in ``text``."""
    root: Node | None = yaml.compose(text, Loader=_CoreSchemaLoader)
    return root


def _load_carefully(
    text: str, path: str | None, limits: LoadLimits
) -> tuple[Any, SourceMap, list[Finding]]:
    """:func:`load_yaml_text` with the limits checked before the graph is composed, and
    with aliases expanded only after their expanded size is measured."""
    builder = _Builder(path, limits)
    try:
        if not builder.scan(text):
            return None, builder.source_map, builder.findings
        root = _compose(text)
    except yaml.YAMLError as exc:
        finding = _nesting_error(exc, path, limits) or _yaml_error(exc, path, text)
        return None, builder.source_map, [finding]
    except UnicodeEncodeError as exc:  # text given as str with a lone surrogate (load_text)
        builder.finding(
            "encoding",
            "the text holds a lone surrogate (U+D800 to U+DFFF), which is not a character",
            text_position(text, exc.start),
            "",
        )
        return None, builder.source_map, builder.findings
    except RecursionError:
        builder.finding(
            "limit-depth",
            f"values are nested more than {limits.max_depth} levels deep",
            Position(1, 1),
            "",
        )
        return None, builder.source_map, builder.findings
    if root is None:
        builder.finding("empty", "the file holds no data", Position(1, 1), "")
        return None, builder.source_map, builder.findings
    # Without aliases the graph is the tree the scan measured; with them, expand the counts.
    if builder.aliases and not builder.measure(root):
        return None, builder.source_map, builder.findings
    data = builder.build(root, "")
    return _finish(builder, root, data, text, path)


def _finish(
    builder: _Builder, root: Node, data: Any, text: str, path: str | None
) -> tuple[Any, SourceMap, list[Finding]]:
    if data is None and not builder.findings:
        # "---" alone: the document starts past the last line
        at = _within(text, root.start_mark.line, root.start_mark.column)
        builder.finding("empty", "the file holds no data", Position(at[0] + 1, at[1] + 1), "")
    builder.findings.extend(_value_warnings(root, text, path))
    return data, builder.source_map, builder.findings
