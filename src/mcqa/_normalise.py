"""Short forms people write, read as the canonical form before a file is typed.

People who write a descriptor by hand from the list of fields write
``contact: someone@example.edu`` rather than ``contact: {email: ...}``, and
``hours: "40"`` rather than ``hours: 40``. Where such a short form can mean one
thing only, :func:`normalise` rewrites it to the canonical form and says what it
understood (an ``info`` finding, rule ``normalised``); where it could mean
several things (``hours: about forty``, ``"1,200"``) it is left for the schema
to refuse, or refused here with a message that says why. Nothing is guessed.

The published JSON Schemas describe the canonical form only, so an editor may
flag a short form that mcqa reads.

>>> found = normalise({"id": "d", "title": "T", "contact": "help@uni.edu",
...                    "workload": {"hours": "40"}}, "descriptor")
>>> found.data["contact"], found.data["workload"]
({'email': 'help@uni.edu'}, {'hours': 40})
>>> [pointer for pointer, _ in found.notes]
['/contact', '/workload/hours']
>>> found.origin("/contact/email")
'/contact'
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from mcqa.load import join_pointer
from mcqa.models._base import number_problem
from mcqa.schema import load_schema

__all__ = ["Normalised", "normalise", "number_fields"]

# -- what is recognised ------------------------------------------------------------------

_EMAIL = re.compile(r"[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]+")
_WEB = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = re.compile(r"\+?[0-9][0-9 ().\-/]*")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:[,' ][0-9]{3})+(?:\.[0-9]+)?|[+-]?[0-9]+,[0-9]+")

#: Mappings with a ``name`` that people write as their name alone, by schema.
_NAMED: dict[str, tuple[str, ...]] = {
    "descriptor": ("/issuer", "/co_issuers/*"),
    "program": ("/institution",),
}


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _shown(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


# -- the result --------------------------------------------------------------------------


@dataclass
class Normalised:
    """The data in canonical form, what was understood, and where each value came from."""

    data: Any
    """The data with every short form rewritten (the input itself when there was none)."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """``(pointer, message)``: what was understood, at the value as written (for ``info`` findings)."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """``(pointer, message)``: short forms that cannot be read unambiguously. The pointer
    is into :attr:`data`, where the value is left as written; the caller leaves it out."""
    moves: dict[str, str] = field(default_factory=dict)
    """Pointer in :attr:`data` -> pointer of the value as written, for values that moved
    (``/contact/email`` came from ``/contact``)."""

    def origin(self, pointer: str) -> str:
        """Where the value at ``pointer`` (in :attr:`data`) stands in the data as written."""
        best = ""
        for moved in self.moves:
            if (pointer == moved or pointer.startswith(moved + "/")) and len(moved) > len(best):
                best = moved
        if not best:
            return pointer
        return self.moves[best] + pointer[len(best) :]

    def canonical(self, pointer: str) -> str:
        """The inverse of :meth:`origin`: where a value as written stands in :attr:`data`."""
        best = ""
        for moved, written in self.moves.items():
            if (pointer == written or pointer.startswith(written + "/")) and len(written) > len(
                self.moves.get(best, "")
            ):
                best = moved
        if not best:
            return pointer
        written = self.moves[best]
        return best + pointer[len(written) :]


# -- number fields, read from the published schema ----------------------------------------


def _resolve(schema: dict[str, Any], node: Any) -> Any:
    ref = node.get("$ref") if isinstance(node, dict) else None
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = schema
    for token in ref[2:].split("/"):
        if not isinstance(target, dict):
            return {}
        target = target.get(token.replace("~1", "/").replace("~0", "~"), {})
    return target


def _types(node: Any) -> set[str]:
    kind = node.get("type") if isinstance(node, dict) else None
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


@cache
def number_fields(schema_name: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """The places where the schema ``schema_name`` wants a number and never text.

    Each is a path of keys (``*`` for any item of a list) and whether a whole
    number is wanted.

    >>> (("workload", "hours"), False) in number_fields("descriptor")
    True
    """
    schema = load_schema(schema_name)
    found: dict[tuple[str, ...], set[str]] = {}

    def walk(node: Any, path: tuple[str, ...], depth: int) -> None:
        node = _resolve(schema, node)
        if not isinstance(node, dict) or depth > 12:
            return
        found.setdefault(path, set()).update(_types(node))
        for option in node.get("anyOf", []) + node.get("oneOf", []):
            walk(option, path, depth + 1)
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, sub in properties.items():
                walk(sub, (*path, name), depth + 1)
        if "items" in node:
            walk(node["items"], (*path, "*"), depth + 1)

    walk(schema, (), 0)
    return tuple(
        (path, "number" not in types)
        for path, types in found.items()
        if path and types & {"number", "integer"} and "string" not in types
    )


def _matches(data: Any, path: tuple[str, ...], pointer: str = "") -> Iterator[tuple[str, Any]]:
    """``(pointer, value)`` for each value of ``data`` at ``path`` (``*``: any list item)."""
    if not path:
        yield pointer, data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _matches(item, rest, join_pointer(pointer, index))
    elif isinstance(data, dict) and head in data:
        yield from _matches(data[head], rest, join_pointer(pointer, head))


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _set(data: Any, pointer: str, value: Any) -> None:
    tokens = _tokens(pointer)
    target = data
    for token in tokens[:-1]:
        target = target[int(token)] if isinstance(target, list) else target[token]
    last = tokens[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


# -- the pass ------------------------------------------------------------------------------

_Edit = Callable[[Any], None]


def normalise(data: Any, schema_name: str) -> Normalised:
    """``data`` (a loaded mapping) with the short forms of ``schema_name`` rewritten.

    The input is never changed: when there is something to rewrite, the result
    holds a copy.
    """
    if not isinstance(data, dict):
        return Normalised(data)
    result = Normalised(data)
    edits: list[tuple[str, Any]] = []
    _numbers(data, schema_name, result, edits)
    for path in _NAMED.get(schema_name, ()):
        for pointer, value in _matches(data, tuple(path.split("/")[1:])):
            if isinstance(value, str) and value.strip():
                edits.append((pointer, {"name": value}))
                result.moves[join_pointer(pointer, "name")] = pointer
                result.notes.append(
                    (
                        pointer,
                        f"read the text {_shown(value)} as a name; the full form is {{name: ...}}",
                    )
                )
    language_edit = None
    if schema_name == "descriptor":
        _contact(data, result, edits)
        language_edit = _language(data, result)
    if not edits and language_edit is None:
        return result
    copied = copy.deepcopy(data)
    for pointer, value in edits:
        _set(copied, pointer, value)
    if language_edit is not None:
        copied = language_edit(copied)
    result.data = copied
    result.notes.sort(key=lambda note: note[0])
    return result


def _numbers(data: Any, schema_name: str, result: Normalised, edits: list[tuple[str, Any]]) -> None:
    """Numbers written as text (``"40"``, ``"2.5"``) where the schema wants a number."""
    for path, whole in number_fields(schema_name):
        for pointer, value in _matches(data, path):
            if not isinstance(value, str):
                continue
            text = value.strip()
            if _NUMBER.fullmatch(text) and len(text) <= 300:
                number: int | float = int(text) if "." not in text else float(text)
                if number_problem(number) is not None:
                    continue  # too large to be a figure: the schema says so
                edits.append((pointer, number))
                kind = "whole number" if whole and isinstance(number, int) else "number"
                result.notes.append(
                    (
                        pointer,
                        f"read the text {_shown(value)} as the {kind} {text.lstrip('+')}; "
                        "numbers need no quotes",
                    )
                )
            elif _GROUPED.fullmatch(text):
                result.problems.append(
                    (
                        pointer,
                        f"the text {_shown(value)} is not read as a number: a comma, space or "
                        "apostrophe may group thousands or mark decimals; write the figure "
                        "with digits and a decimal point only, e.g. 1200 or 1.5",
                    )
                )


def _contact(data: dict[str, Any], result: Normalised, edits: list[tuple[str, Any]]) -> None:
    """``contact`` as one e-mail address, web address or phone number; a phone as a number."""
    contact = data.get("contact")
    if isinstance(contact, str):
        text = contact.strip()
        lowered = text.lower()
        if lowered.startswith("mailto:") and _EMAIL.fullmatch(text[7:].strip()):
            kind, value = "email", text[7:].strip()
        elif _EMAIL.fullmatch(text):
            kind, value = "email", text
        elif _WEB.fullmatch(text):
            kind, value = "url", text
        elif (
            lowered.startswith("tel:")
            and _PHONE.fullmatch(text[4:].strip())
            and 6 <= _digits(text) <= 15
        ):
            kind, value = "phone", text[4:].strip()
        elif _PHONE.fullmatch(text) and 6 <= _digits(text) <= 15:
            kind, value = "phone", text
        else:
            result.problems.append(
                (
                    "/contact",
                    f"contact is the text {_shown(contact)}, which is not an e-mail address, "
                    "a web address or a phone number; write contact as a mapping, e.g. "
                    "contact: {name: ..., email: ...}",
                )
            )
            return
        words = {"email": "an e-mail address", "url": "a web address", "phone": "a phone number"}
        edits.append(("/contact", {kind: value}))
        result.moves[f"/contact/{kind}"] = "/contact"
        result.notes.append(
            (
                "/contact",
                f"read contact {_shown(contact)} as {words[kind]} (contact.{kind}); "
                f"the full form is contact: {{{kind}: ...}}",
            )
        )
        return
    if _phone_number(contact):
        edits.append(("/contact", {"phone": str(contact)}))
        result.moves["/contact/phone"] = "/contact"
        result.notes.append(
            (
                "/contact",
                f"read contact {contact} as the phone number '{contact}' (contact.phone); "
                "write phone numbers in quotes, so a leading + or 0 is kept",
            )
        )
        return
    phone = contact.get("phone") if isinstance(contact, dict) else None
    if isinstance(phone, int) and not isinstance(phone, bool) and 0 <= phone < 10**15:
        edits.append(("/contact/phone", str(phone)))
        result.notes.append(
            (
                "/contact/phone",
                f"read the number {phone} as the phone number '{phone}'; write phone "
                "numbers in quotes, so a leading + or 0 is kept",
            )
        )


def _phone_number(value: Any) -> bool:
    """A whole number of 6 to 15 digits: a phone number written without quotes."""
    return isinstance(value, int) and not isinstance(value, bool) and 10**5 <= value < 10**15


def _language(data: dict[str, Any], result: Normalised) -> Callable[[Any], Any] | None:
    """``language`` as a list of tags: the first is the language of instruction."""
    languages = data.get("language")
    if not isinstance(languages, list) or not languages or not isinstance(languages[0], str):
        return None
    first = languages[0]
    keep_all = "languages" not in data
    result.moves["/language"] = "/language/0"
    if keep_all:
        result.moves["/languages"] = "/language"
    others = ", ".join(repr(v) for v in languages[1:] if isinstance(v, str))
    message = f"read the first language, {_shown(first)}, as the language of instruction (language)"
    if keep_all and len(languages) > 1:
        message += f"; all of them are kept under languages (with {others})"
    elif keep_all:
        message += "; the list is kept under languages"
    result.notes.append(("/language", message))

    def edit(copied: Any) -> Any:
        rebuilt: dict[str, Any] = {}
        for key, value in copied.items():
            if key == "language":
                rebuilt["language"] = first
                if keep_all:
                    rebuilt["languages"] = value
            else:
                rebuilt[key] = value
        return rebuilt

    return edit
