"""JSON -> plain data + source map.

The standard library parses (and phrases syntax errors); a small walker over
the already-valid text then records where every value and key stands and
finds duplicate keys, which ``json`` would silently collapse. ``NaN``,
``Infinity`` (which Python's ``json`` accepts) and numbers beyond the float
range are findings where they stand.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from typing import Any, cast

from mcqa.load._source import LoadLimits, Position, SourceMap, join_pointer
from mcqa.models._base import number_problem
from mcqa.models.finding import Finding, RelatedLocation

__all__ = ["load_json_text"]

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|NaN|-?Infinity")
_LITERALS = {"true": True, "false": False, "null": None}
_SURROGATE = re.compile("[\ud800-\udfff]")


def scanstring(text: str, end: int) -> tuple[str, int]:
    """Decode the JSON string whose body starts at ``end``; return it and the offset after it."""
    scan = cast(Any, json.decoder).scanstring
    return cast(tuple[str, int], scan(text, end))


def _lenient_int(text: str) -> int | float:
    """``int`` for ``json.loads``, which would raise on more digits than Python converts."""
    try:
        return int(text)
    except ValueError:
        return -math.inf if text.startswith("-") else math.inf


def _number(text: str) -> tuple[int | float, str | None]:
    """A JSON number token's value, and why it cannot be used (NaN, infinity, too large)."""
    if any(c in text for c in ".eEIN"):
        value: int | float = float(text)
    else:
        value = _lenient_int(text)
    problem = number_problem(value)
    overflowed = isinstance(value, float) and math.isinf(value) and "Infinity" not in text
    return value, ("this number is too large" if problem is not None and overflowed else problem)


class _TooDeep(Exception):
    def __init__(self, offset: int) -> None:
        self.offset = offset


class _Walker:
    def __init__(self, text: str, path: str | None, limits: LoadLimits) -> None:
        self.text = text
        self.path = path
        self.limits = limits
        self.source_map = SourceMap()
        self.findings: list[Finding] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line + 1, offset - self._line_starts[line] + 1)

    def skip(self, offset: int) -> int:
        match = _WS.match(self.text, offset)
        return match.end() if match else offset

    def value(self, offset: int, pointer: str, depth: int) -> tuple[Any, int]:
        offset = self.skip(offset)
        self.source_map.add_value(pointer, self.position(offset))
        char = self.text[offset]
        if char == "{":
            return self.object(offset + 1, pointer, depth + 1)
        if char == "[":
            return self.array(offset + 1, pointer, depth + 1)
        if char == '"':
            return self.string(offset, pointer)
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, offset):
                return literal, offset + len(word)
        match = _NUMBER.match(self.text, offset)
        assert match is not None, "text was validated by json.loads"
        number, problem = _number(match.group())
        if problem is not None:
            position = self.position(offset)
            self.findings.append(
                Finding(
                    rule="number",
                    message=problem,
                    file=self.path,
                    line=position.line,
                    column=position.column,
                    pointer=pointer,
                )
            )
        return number, match.end()

    def string(self, offset: int, pointer: str) -> tuple[str, int]:
        """The string at ``offset``; a lone surrogate escape (``"\\ud800"``) is a finding."""
        text, end = scanstring(self.text, offset + 1)
        if "\\u" in self.text[offset:end] and _SURROGATE.search(text):
            position = self.position(offset)
            self.findings.append(
                Finding(
                    rule="encoding",
                    message="this text holds a lone surrogate escape (such as \\ud800), which "
                    "is not a character; remove it or write the character it was meant to be",
                    file=self.path,
                    line=position.line,
                    column=position.column,
                    pointer=pointer,
                )
            )
            text = _SURROGATE.sub("\ufffd", text)
        return text, end

    def object(self, offset: int, pointer: str, depth: int) -> tuple[dict[str, Any], int]:
        if depth > self.limits.max_depth:
            raise _TooDeep(offset - 1)
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        offset = self.skip(offset)
        if self.text[offset] == "}":
            return result, offset + 1
        while True:
            offset = self.skip(offset)
            key_pos = self.position(offset)
            key, offset = self.string(offset, pointer)
            offset = self.skip(offset) + 1  # the colon
            child = join_pointer(pointer, key)
            duplicate = key in first_seen
            if duplicate:  # read the discarded value without recording its positions
                kept, self.source_map = self.source_map, SourceMap()
                noted = len(self.findings)
            value, offset = self.value(offset, child, depth)
            if duplicate:
                self.source_map = kept
                del self.findings[noted:]  # nor its numbers' findings: YAML builds none
            if key in first_seen:
                first = first_seen[key]
                self.findings.append(
                    Finding(
                        rule="duplicate-key",
                        message=f"the key {key!r} appears more than once in this object; "
                        "keep one of them (mcqa uses the first)",
                        file=self.path,
                        line=key_pos.line,
                        column=key_pos.column,
                        pointer=child,
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
                )
            else:
                first_seen[key] = key_pos
                self.source_map.add_key(child, key_pos)
                result[key] = value
            offset = self.skip(offset)
            if self.text[offset] == "}":
                return result, offset + 1
            offset += 1  # the comma

    def array(self, offset: int, pointer: str, depth: int) -> tuple[list[Any], int]:
        if depth > self.limits.max_depth:
            raise _TooDeep(offset - 1)
        result: list[Any] = []
        offset = self.skip(offset)
        if self.text[offset] == "]":
            return result, offset + 1
        while True:
            value, offset = self.value(offset, join_pointer(pointer, len(result)), depth)
            result.append(value)
            offset = self.skip(offset)
            if self.text[offset] == "]":
                return result, offset + 1
            offset += 1


def _more_values_than(data: Any, limit: int) -> bool:
    """Whether ``data`` holds more than ``limit`` values (stops counting there)."""
    count = 0
    stack = [data]
    while stack:
        node = stack.pop()
        count += 1
        if count > limit:
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def load_json_text(
    text: str, path: str | None, limits: LoadLimits
) -> tuple[Any, SourceMap, list[Finding]]:
    """Parse JSON text into plain data, a source map and findings."""
    walker = _Walker(text, path, limits)
    try:
        parsed = json.loads(text, parse_int=_lenient_int)
    except json.JSONDecodeError as exc:
        finding = Finding(
            rule="json-syntax",
            message=f"this is not valid JSON: {exc.msg}",
            file=path,
            line=exc.lineno,
            column=exc.colno,
        )
        return None, walker.source_map, [finding]
    except RecursionError:
        finding = Finding(
            rule="limit-depth",
            message=f"values are nested more than {limits.max_depth} levels deep",
            file=path,
            line=1,
            column=1,
        )
        return None, walker.source_map, [finding]
    if _more_values_than(parsed, limits.max_nodes):
        finding = Finding(
            rule="limit-size",
            message=f"this file holds more than {limits.max_nodes:,} values; "
            "split it, or raise the limit if it is really meant to be this large",
            file=path,
            line=1,
            column=1,
        )
        return None, walker.source_map, [finding]
    try:
        data, _ = walker.value(0, "", 0)
    except _TooDeep as exc:
        pos = walker.position(exc.offset)
        finding = Finding(
            rule="limit-depth",
            message=f"values are nested more than {limits.max_depth} levels deep",
            file=path,
            line=pos.line,
            column=pos.column,
        )
        return None, walker.source_map, [finding]
    if data is None and not walker.findings:
        walker.findings.append(
            Finding(rule="empty", message="the file holds no data", file=path, line=1, column=1)
        )
    return data, walker.source_map, walker.findings
