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
  stand (the value is kept, so the document still has its shape).
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

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


class _CoreSchemaLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that resolves plain scalars by the YAML 1.2 core schema."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


for _tag, _regexp, _first in CORE_RESOLVERS:
    _CoreSchemaLoader.add_implicit_resolver(_tag, _regexp, _first)


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
    tag, text = node.tag, node.value
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
        self.source_map = SourceMap()
        self.findings: list[Finding] = []
        self.aliases = False
        """Whether the scan met an alias (only then does :meth:`measure` need to expand)."""

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

    def build(self, node: Node, pointer: str) -> Any:
        self.source_map.add_value(pointer, _pos(node))
        if isinstance(node, ScalarNode):
            value, problem = _scalar_value(node)
            if problem:
                self.finding("yaml-tag", problem, _pos(node), pointer)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                unusable = _number_problem(node.value, value)
                if unusable:
                    self.finding("number", unusable, _pos(node), pointer)
            return value
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                self._bad_tag(node, pointer)
            return [
                self.build(child, join_pointer(pointer, i)) for i, child in enumerate(node.value)
            ]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                self._bad_tag(node, pointer)
            return self._build_mapping(node, pointer)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def _bad_tag(self, node: Node, pointer: str) -> None:
        self.finding(
            "yaml-tag",
            f"the tag {node.tag!r} is not allowed here; only plain YAML values are",
            _pos(node),
            pointer,
        )

    def _build_mapping(self, node: MappingNode, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.finding(
                    "yaml-complex-key",
                    "a key must be a single word or phrase, not a list or mapping",
                    _pos(key_node),
                    pointer,
                )
                continue
            if key_node.tag not in (_STR, _INT, _FLOAT, _BOOL, _NULL):
                self._bad_tag(key_node, pointer)
            key = key_node.value
            child = join_pointer(pointer, key)
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
                            line=first.line,
                            column=first.column,
                            pointer=child,
                        ),
                    ),
                )
                continue
            first_seen[key] = _pos(key_node)
            self.source_map.add_key(child, _pos(key_node))
            result[key] = self.build(value_node, child)
        return result


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


def _yaml_error(exc: yaml.YAMLError, path: str | None, text: str) -> Finding:
    if isinstance(exc, ReaderError):
        return _unreadable_character(text, path)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"this is not valid YAML: {problem}"
    if context == "expected a single document in the stream":
        message = (
            "this file holds more than one YAML document (another one starts here); "
            "mcqa reads one document per file, so remove the '---' line or split the file"
        )
    elif context:
        message += f" ({context})"
    if "tab" in str(problem).lower() or (mark and _tab_at(text, mark.line, mark.column)):
        message += "; indent with spaces, not tabs"
    return Finding(
        rule="yaml-syntax",
        message=message,
        file=path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
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
    builder = _Builder(path, limits)
    try:
        if not builder.scan(text):
            return None, builder.source_map, builder.findings
        root = yaml.compose(text, Loader=_CoreSchemaLoader)
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
    if data is None and not builder.findings:
        builder.finding("empty", "the file holds no data", _pos(root), "")
    return data, builder.source_map, builder.findings
