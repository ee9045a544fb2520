"""No template leftovers: bracketed placeholders, TBD, TODO, lorem ipsum."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._walk import is_english, iter_strings, quote

__all__ = ["PlaceholderText", "find_placeholder"]

_BUILTIN: tuple[re.Pattern[str], ...] = (
    # [Issuing University Name], [insert date]; not a Markdown link "[text](url)" or
    # "[text][ref]", a citation "[1]", "[sic]" or a task box "[x]".
    re.compile(
        r"\[(?!\s*(?:sic|x|\d+(?:\s*[-,\u2013]\s*\d+)*)\s*\])"  # not [sic], [x], [1], [2-4]
        r"[^\[\]\n]*[^\W\d_][^\[\]\n]*\]"  # a bracketed text with a letter in it
        r"(?![(\[:])",  # not followed by a link target
        re.IGNORECASE,
    ),
    # <insert title>, <Your Name>, <Course Title>; not an HTML tag
    re.compile(
        r"<\s*(?:insert|enter|add|your|fill|replace|placeholder|todo|tbd)\b[^<>\n]*>",
        re.IGNORECASE,
    ),
    re.compile(r"<[A-Z][a-z]+(?:[ _][A-Z][a-z]+)+>"),
    # {{ course_title }}
    re.compile(r"\{\{[^{}\n]*\}\}"),
    # TBD, TBA, FIXME in any case; XXX in capitals only
    re.compile(r"\b(?:TBD|TBA|FIXME)\b", re.IGNORECASE),
    re.compile(r"\bX{3,}\b"),
    # Lorem ipsum filler text
    re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE),
)

_TODO_ANY_CASE = re.compile(r"\bTODO\b", re.IGNORECASE)
_TODO_CAPITALS = re.compile(r"\bTODO\b")


def find_placeholder(text: str, patterns: Sequence[re.Pattern[str]]) -> str | None:
    """The earliest match of any of ``patterns`` in ``text``.

    >>> find_placeholder("Issued by [University Name] in TBD", _BUILTIN)
    '[University Name]'
    """
    best: re.Match[str] | None = None
    for pattern in patterns:
        match = pattern.search(text)
        if match is not None and match.group(0) and (best is None or match.start() < best.start()):
            best = match
    return best.group(0) if best is not None else None


class PlaceholderText:
    """No text is left over from a template.

    Descriptors are often written from a template, and a placeholder that
    was never filled in tells learners that nobody checked the page. Every
    text value in the descriptor (not the field names, and nothing under
    ``extensions``) is searched for:

    - bracketed placeholders: ``[Issuing University Name]``, ``[insert date]``,
      ``<insert title>``, ``<Course Title>``, ``{{ course_title }}``
      (Markdown links, citations such as ``[1]`` and HTML tags are not
      placeholders);
    - the words TBD, TBA, TODO and FIXME in any case, and XXX in capitals;
    - "lorem ipsum" filler text.

    Each text with a placeholder is one **error**, quoting the first
    placeholder found. For a descriptor that is not in English, TODO counts
    only in capitals (in Spanish and Portuguese "todo" is an ordinary word).

    Options:

    - ``patterns``: further regular expressions to look for (matched
      without regard to case). Default: none.

    **PASS**

    ```yaml
    issuer:
      name: University of Twente
    description: Learn to clean and chart data in four weeks.
    ```

    **FAIL**

    ```yaml
    issuer:
      name: "[Issuing University Name]"     # error
    description: Start date TBD.            # error
    ```
    """

    ID: ClassVar[str] = "placeholder-text"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "patterns": {
                "description": "Further regular expressions that mark placeholder text.",
                "type": "array",
                "items": {"type": "string", "format": "regex", "minLength": 1},
                "default": [],
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield one problem for each text that still holds a placeholder."""
        patterns = list(_BUILTIN)
        patterns.append(
            _TODO_ANY_CASE if is_english(context.descriptor.language) else _TODO_CAPITALS
        )
        for extra in context.options.get("patterns", []):
            try:
                patterns.append(re.compile(str(extra), re.IGNORECASE))
            except re.error as error:
                raise ValueError(
                    f"the option 'patterns' of {self.ID} holds {extra!r}, which is not a "
                    f"valid regular expression: {error}"
                ) from error

        for found in iter_strings(context.data):
            match = find_placeholder(found.value, patterns)
            if match is not None:
                yield Problem(
                    found.pointer,
                    f"{quote(match)} looks like placeholder text left from a template; "
                    "replace it with the real content or remove it",
                )
