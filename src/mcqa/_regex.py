"""Regular expressions from rubrics, run on an engine that cannot backtrack.

Rubric files may come from anyone who can open a pull request, and their
patterns run on every descriptor: ``pattern`` and ``patternProperties`` in the
JSON Schema fragments of schema checks and ``applies_if``, and the ``patterns``
option of the placeholder check. Python's ``re`` backtracks, so ``^(a+)+$``
takes longer than anyone waits on fifty a's followed by a b. mcqa compiles
these patterns with RE2 (the ``google-re2`` package), whose matching time is
linear in the length of the text by construction.

JSON Schema patterns are ECMA-262 (JavaScript) regular expressions. RE2 reads
the common part of that syntax and of Python's; ``\\uXXXX`` and ``\\u{...}``
are translated to RE2's ``\\x{...}`` first. It does not run what needs
backtracking (backreferences, lookahead and lookbehind, atomic groups,
possessive quantifiers, conditionals, recursion), nor counts above 1000.
:func:`pattern_problem` explains in plain words why a pattern is refused and
how to rewrite it.

:func:`pattern_problem` also refuses three shapes that RE2 runs in linear time
but backtracking engines (JavaScript, PCRE, Python's ``re``: most JSON Schema
validators) do not: a repetition nested in a repetition that can share its
text (``(a+)+``, ``(x+x+)+y``, ``(.*a){20}``), alternatives under a repetition
that can match the same text (``(a|a)*``), and a repeated group that can also
match nothing (``(a?)*``). A rubric is a published standard that other tools
run too, so it must not hold a pattern that hangs them. This check is a
conservative approximation: it sees the common cases, and RE2 bounds mcqa's
own running time whatever it misses. Its own work is bounded by the pattern's
length; a pattern too large or too complex to check is refused.

>>> compile_pattern("^[A-Z]{2}$").search("NL") is not None
True
>>> pattern_problem("^[A-Z]{2}$") is None
True
>>> print(pattern_problem("(a)\\\\1"))
it uses a backreference ('\\1'), which matches again the text a group matched; no engine that runs in linear time can do that. Repeat the group's pattern instead, or leave the comparison to a reviewer
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any, Protocol

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

__all__ = [
    "FORMAT_CHECKER",
    "Match",
    "Pattern",
    "PatternError",
    "PatternValidator",
    "compile_pattern",
    "pattern_problem",
    "quote_pattern",
]


class Match(Protocol):
    """What a match of a :class:`Pattern` offers (RE2's match object)."""

    def start(self, group: int = 0) -> int: ...

    def end(self, group: int = 0) -> int: ...

    def span(self, group: int = 0) -> tuple[int, int]: ...

    def group(self, *groups: int | str) -> Any: ...


class PatternError(ValueError):
    """A pattern mcqa will not run. ``reason`` says why, in plain words."""

    def __init__(self, pattern: str, reason: str, *, invalid: bool) -> None:
        verdict = "is not a valid regular expression" if invalid else "cannot be used"
        super().__init__(f"{quote_pattern(pattern)} {verdict}: {reason}")
        self.pattern = pattern
        self.reason = reason
        self.invalid = invalid
        """True for a syntax error (in any dialect), False for a construct RE2 does not run."""


class Pattern:
    """A compiled pattern: the text as written, and RE2's program for it.

    It offers the part of :class:`re.Pattern` that mcqa uses: ``pattern``,
    ``flags`` (``re.IGNORECASE`` or 0), ``search``, ``match``, ``fullmatch``
    and ``finditer``. Offsets in matches count characters, as in ``re``.
    """

    __slots__ = ("_regexp", "flags", "pattern")

    def __init__(self, pattern: str, regexp: Any, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._regexp = regexp

    def search(self, text: str) -> Match | None:
        found: Match | None = self._regexp.search(text)
        return found

    def match(self, text: str) -> Match | None:
        found: Match | None = self._regexp.match(text)
        return found

    def fullmatch(self, text: str) -> Match | None:
        found: Match | None = self._regexp.fullmatch(text)
        return found

    def finditer(self, text: str) -> Iterator[Match]:
        found: Iterator[Match] = self._regexp.finditer(text)
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (_compile, (self.pattern, bool(self.flags & re.IGNORECASE)))

    def __repr__(self) -> str:
        suffix = ", ignore_case=True" if self.flags & re.IGNORECASE else ""
        return f"compile_pattern({self.pattern!r}{suffix})"


def quote_pattern(text: str, limit: int = 80) -> str:
    """``text`` in single quotes as written (no doubled backslashes), shortened past ``limit``."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


_q = quote_pattern

#: Memory RE2 may use for one pattern (its default is 8 MiB); with the cache of 128
#: compiled patterns, this bounds what a rubric's patterns can take (512 MiB at most).
_MAX_MEMORY = 4 << 20


def compile_pattern(text: str, *, ignore_case: bool = False) -> Pattern:
    """Compile ``text`` with RE2 (cached). Raises :class:`PatternError` if RE2 refuses it.

    Only what RE2 itself refuses raises here; the shapes that are slow in
    backtracking engines compile (RE2 runs them in linear time) and are
    refused by :func:`pattern_problem`, which rubric validation applies.

    >>> compile_pattern("(?i)data").search("Big DATA").span()
    (4, 8)
    >>> compile_pattern("(a+)+$").search("a" * 50 + "b") is None
    True
    """
    return _compile(text, ignore_case)


@lru_cache(maxsize=128)
def _compile(text: str, ignore_case: bool) -> Pattern:
    # Imported here, so that only what compiles a rubric's pattern loads RE2.
    import re2  # type: ignore[import-untyped, unused-ignore]

    options = re2.Options()
    options.log_errors = False  # RE2 would print every refusal to stderr
    options.max_mem = _MAX_MEMORY
    if ignore_case:
        options.case_sensitive = False
    try:
        regexp = re2.compile(_translate(text), options)
    except re2.error as error:
        reason, invalid = _explain(_message(error), text)
        raise PatternError(text, reason, invalid=invalid) from None
    return Pattern(text, regexp, re.IGNORECASE if ignore_case else 0)


def pattern_problem(text: str, *, ignore_case: bool = False) -> str | None:
    """Why mcqa refuses the pattern ``text``, in plain words; ``None`` when it is fine.

    Refused: whatever RE2 does not compile (a syntax error, or a construct only
    a backtracking engine can run: backreferences, lookarounds, atomic groups,
    possessive quantifiers, ...), and the shapes that make backtracking engines
    take exponential time (see the module's documentation). The answer names
    the construct and suggests a rewrite.

    >>> pattern_problem("(?<=x)y").split(";")[0]
    "it uses a lookbehind ('(?<=…)' or '(?<!…)'), which RE2 does not run"
    >>> pattern_problem("^(a+)+$").split(",")[0]
    "'(a+)+' repeats 'a+'"
    """
    try:
        compile_pattern(text, ignore_case=ignore_case)
    except PatternError as error:
        if error.invalid:
            return f"it is not a valid regular expression: {error.reason}"
        return error.reason
    return _shape_problem(_translate(text), ignore_case)


# --- ECMA-262 escapes RE2 writes differently ----------------------------------------

_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_BRACED_HEX = re.compile(r"\{([0-9A-Fa-f]{1,6})\}")


def _translate(text: str) -> str:
    r"""``text`` with JavaScript's ``\uXXXX`` and ``\u{X...}`` written as RE2's ``\x{...}``.

    A surrogate pair (``\uD83D\uDE00``) becomes the one character it encodes.
    Text between ``\Q`` and ``\E`` is literal and left alone.
    """
    if "\\u" not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char != "\\" or i + 1 >= n:
            out.append(char)
            i += 1
            continue
        following = text[i + 1]
        if following == "Q":
            end = text.find("\\E", i + 2)
            stop = n if end < 0 else end + 2
            out.append(text[i:stop])
            i = stop
            continue
        if following == "u":
            four = _HEX4.fullmatch(text, i + 2, i + 6)
            braced = _BRACED_HEX.match(text, i + 2)
            if four:
                code = int(four.group(0), 16)
                i += 6
                low = _HEX4.fullmatch(text, i + 2, i + 6) if text.startswith("\\u", i) else None
                if 0xD800 <= code <= 0xDBFF and low and 0xDC00 <= int(low.group(0), 16) <= 0xDFFF:
                    code = 0x10000 + ((code - 0xD800) << 10) + (int(low.group(0), 16) - 0xDC00)
                    i += 6
                out.append(f"\\x{{{code:X}}}")
                continue
            if braced:
                out.append(f"\\x{{{braced.group(1)}}}")
                i = braced.end()
                continue
        out.append(text[i : i + 2])
        i += 2
    return "".join(out)


# --- what RE2's refusals mean ----------------------------------------------------------


def _message(error: Exception) -> str:
    argument = error.args[0] if error.args else ""
    if isinstance(argument, bytes):
        return argument.decode("utf-8", "replace")
    return str(argument)


_SYNTAX_ERRORS = {
    "missing ]": "a character class opened with '[' is never closed",
    "missing )": "a group opened with '(' is never closed; write '\\(' for the character",
    "unexpected )": "')' closes no group; write '\\)' for the character",
    "trailing \\": "it ends with a lone backslash; write '\\\\' for the character",
    "invalid UTF-8": "it holds text that is not valid UTF-8",
}

_NOT_NEEDED = "RE2 never backtracks, so it is not needed"


def _explain(message: str, text: str) -> tuple[str, bool]:
    """RE2's error ``message`` for ``text`` in plain words, and whether it is a syntax error."""
    code, _, argument = message.partition(": ")
    if code in _SYNTAX_ERRORS:
        reason = _SYNTAX_ERRORS[code]
        if code == "missing ]" and "[^]" in text:
            reason += " (for any character, write '[\\s\\S]' instead of '[^]')"
        return reason, True
    if code == "no argument for repetition operator":
        return (
            f"{_q(argument)} has nothing to repeat; write '\\{argument[:1]}' for the character",
            True,
        )
    if code == "bad repetition operator":
        if len(argument) >= 2 and argument.endswith("+") and argument[-2] in "*+?}":
            return (
                f"it uses a possessive quantifier ({_q(argument)}); {_NOT_NEEDED}: "
                "drop the last '+'"
            ), False
        return f"{_q(argument)} puts two repetitions in a row; write one (e.g. 'a{{6}}')", True
    if code == "invalid repetition size":
        return (
            f"the count in {_q(argument)} is too large: RE2 repeats at most 1000 times, and "
            "nested counts multiply; use '*' or '+', with 'maxLength' to limit the length"
        ), False
    if code in ("invalid perl operator", "invalid named capture group"):
        return _explain_group(argument, text)
    if code == "invalid escape sequence":
        return _explain_escape(argument), False
    if code == "invalid character class range":
        if argument.startswith(("\\p", "\\P")):
            return (
                f"{_q(argument)} is not a Unicode class RE2 knows; use a general category "
                "such as '\\p{L}' (letters) or '\\p{Lu}', or a script such as '\\p{Greek}'"
            ), False
        if argument.startswith("[:"):
            return (
                f"{_q(argument)} is not a POSIX class; use one of [:alpha:], [:digit:], "
                "[:alnum:], [:space:], [:upper:], [:lower:], [:punct:], [:xdigit:] and the like"
            ), True
        return f"the range {_q(argument)} runs backwards; write the smaller character first", True
    if code.startswith("pattern too large"):
        return (
            "it is too large for RE2 to compile; shorten it (a length limit belongs in "
            "'maxLength', not in a count such as '{1,500}') or split it into several"
        ), False
    return f"RE2 cannot compile it ({message})", False


def _explain_group(argument: str, text: str) -> tuple[str, bool]:
    if argument.startswith(("(?<=", "(?<!")):
        return (
            "it uses a lookbehind ('(?<=…)' or '(?<!…)'), which RE2 does not run; match the "
            "text before as part of the pattern, or combine patterns in the schema (allOf, not)"
        ), False
    if argument.startswith("(?="):
        return (
            "it uses a lookahead ('(?=…)'), which RE2 does not run; match the text itself, or "
            "require several patterns at once: allOf: [{pattern: A}, {pattern: B}]"
        ), False
    if argument.startswith("(?!"):
        return (
            "it uses a negative lookahead ('(?!…)'), which RE2 does not run; to forbid a text, "
            "write the pattern it must not match under 'not': {not: {pattern: …}}"
        ), False
    if argument.startswith("(?>"):
        return (f"it uses an atomic group ('(?>…)'); {_NOT_NEEDED}: write '(?:…)' instead"), False
    if argument.startswith("(?P") and "(?P=" in text:
        return _BACKREFERENCE.format(_q("(?P=name)")), False
    if argument.startswith("(?("):
        return (
            "it uses a conditional ('(?(…)…|…)'), which RE2 does not run; write the "
            "alternatives out with '|'"
        ), False
    tail = argument[2:]
    if (
        tail[:1] in ("R", "&")
        or tail[:1].isdigit()
        or (tail[:1] in ("+", "-") and tail[1:2].isdigit())
        or (argument.startswith("(?P") and "(?P>" in text)
    ):
        return (
            "it uses recursion or a subroutine call ('(?R)', '(?1)', '(?&name)'), which RE2 "
            "does not run; write the nested part out to the depth you need"
        ), False
    if argument.startswith("(?#"):
        return "it holds a comment ('(?#…)'), which RE2 does not accept; remove it", False
    if argument.startswith("(?<") or argument.startswith("(?P<"):
        return (
            f"the group name in {_q(argument)} is not valid; use letters, digits and "
            "underscores, as in '(?<year>[0-9]{4})'"
        ), True
    flag = re.match(r"\(\?-?([A-Za-z])", argument)
    if flag:
        return (
            f"the flag {_q(flag.group(1))} is not supported; RE2 knows '(?i)' (ignore case), "
            "'(?m)' (multi-line), '(?s)' ('.' matches a line break) and '(?U)' (lazy)"
        ), False
    return (
        f"{_q(argument)} is not a group RE2 knows; it reads '(…)', '(?:…)', '(?<name>…)', "
        "'(?P<name>…)' and the flags '(?i)', '(?m)', '(?s)', '(?U)'"
    ), False


_BACKREFERENCE = (
    "it uses a backreference ({}), which matches again the text a group matched; no engine "
    "that runs in linear time can do that. Repeat the group's pattern instead, or leave the "
    "comparison to a reviewer"
)


def _explain_escape(argument: str) -> str:
    if len(argument) == 2 and argument[1] in "123456789":
        return _BACKREFERENCE.format(_q(argument))
    if argument.startswith("\\k"):
        return _BACKREFERENCE.format(_q("\\k<name>"))
    if argument == "\\Z":
        return (
            "'\\Z' is not supported; write '$' (which, without the m flag, matches only at the "
            "very end of the text) or '\\z'"
        )
    if argument.startswith("\\c"):
        return f"the control escape {_q(argument)} is not supported; write '\\x{{..}}' instead"
    if argument == "\\b":
        return "'\\b' inside '[...]' (a backspace) is not supported; write '\\x08'"
    if argument.startswith("\\x"):
        return f"{_q(argument)} is not a character code RE2 reads; write '\\x41' or '\\x{{1F600}}'"
    if argument.startswith("\\u"):
        return "'\\u' needs four hexadecimal digits ('\\u00E9') or braces ('\\u{1F600}')"
    if argument.startswith(("\\p", "\\P")):
        return f"{_q(argument)} is not a Unicode class RE2 knows; use e.g. '\\p{{L}}'"
    return (
        f"the escape {_q(argument)} is not supported; write the character itself, a class "
        "such as '[0-9]', or its code as '\\x{..}'"
    )


# --- the shape of a pattern: what backtracking engines take exponential time on -------
#
# A small parser for the RE2 syntax (the pattern has compiled, so it is valid)
# builds a tree of character sets, sequences, alternatives and repetitions. Sets
# are tuples of inclusive code point ranges. Unicode classes are approximated
# from above (ASCII exactly, everything beyond ASCII possible), which can only
# make the checks below more cautious.

CharSet = tuple[tuple[int, int], ...]

_MAX = 0x10FFFF
_ALL: CharSet = ((0, _MAX),)
_NON_ASCII: CharSet = ((0x80, _MAX),)


def _norm(ranges: Any) -> CharSet:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            if high > merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return tuple(merged)


def _of(text: str) -> CharSet:
    """The set of characters in ``text``, where ``a-z`` is a range."""
    ranges = []
    i = 0
    while i < len(text):
        if i + 2 < len(text) and text[i + 1] == "-":
            ranges.append((ord(text[i]), ord(text[i + 2])))
            i += 3
        else:
            ranges.append((ord(text[i]), ord(text[i])))
            i += 1
    return _norm(ranges)


def _complement(chars: CharSet) -> CharSet:
    result = []
    start = 0
    for low, high in chars:
        if low > start:
            result.append((start, low - 1))
        start = high + 1
    if start <= _MAX:
        result.append((start, _MAX))
    return tuple(result)


def _overlaps(a: CharSet, b: CharSet) -> bool:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


def _fold(chars: CharSet) -> CharSet:
    """``chars`` with the other case of each ASCII letter."""
    extra = []
    for low, high in chars:
        for first, last, shift in ((65, 90, 32), (97, 122, -32)):
            a, b = max(low, first), min(high, last)
            if a <= b:
                extra.append((a + shift, b + shift))
    return _norm((*chars, *extra)) if extra else chars


_DIGIT = _of("0-9")
_SPACE = _of("\t\n\f\r ")
_WORD = _of("0-9A-Z_a-z")
_PUNCT = _of("!-/:-@[-`{-~")
_ESCAPED_CLASSES = {
    "d": _DIGIT,
    "D": _complement(_DIGIT),
    "s": _SPACE,
    "S": _complement(_SPACE),
    "w": _WORD,
    "W": _complement(_WORD),
}
_POSIX = {
    "alnum": _of("0-9A-Za-z"),
    "alpha": _of("A-Za-z"),
    "ascii": ((0, 127),),
    "blank": _of("\t "),
    "cntrl": _norm([(0, 31), (127, 127)]),
    "digit": _DIGIT,
    "graph": ((33, 126),),
    "lower": _of("a-z"),
    "print": ((32, 126),),
    "punct": _PUNCT,
    "space": _of("\t-\r "),
    "upper": _of("A-Z"),
    "word": _WORD,
    "xdigit": _of("0-9A-Fa-f"),
}
_SIMPLE_ESCAPES = {"a": 7, "f": 12, "t": 9, "n": 10, "r": 13, "v": 11}


def _unicode_class(name: str) -> CharSet:
    """An over-approximation of the Unicode class ``\\p{name}``."""
    ascii_part = {
        "L": _POSIX["alpha"],
        "N": _DIGIT,
        "Z": _of(" "),
        "P": _PUNCT,
        "S": _PUNCT,
        "C": _POSIX["cntrl"],
    }.get(name[:1], ())
    if name == "Any":
        return _ALL
    if name == "Latin":
        ascii_part = _POSIX["alpha"]
    return _norm((*ascii_part, *_NON_ASCII))


class _Node:
    """A part of a parsed pattern, with what the checks need to know about it."""

    __slots__ = ("chars", "end", "high", "items", "kind", "low", "nullable", "start")

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        items: tuple[_Node, ...] = (),
        chars: CharSet = (),
        low: int = 1,
        high: int | None = 1,
    ) -> None:
        self.kind = kind  # "chars", "empty", "seq", "alt" or "repeat"
        self.start, self.end = start, end
        self.items = items
        self.low, self.high = low, high
        if kind == "chars":
            self.chars, self.nullable = chars, False
        elif kind == "empty":
            self.chars, self.nullable = (), True
        elif kind == "repeat":
            (body,) = items
            self.chars = body.chars if high != 0 else ()
            self.nullable = low == 0 or body.nullable
        else:
            self.chars = _norm(r for item in items for r in item.chars)
            nulls = [item.nullable for item in items]
            self.nullable = all(nulls) if kind == "seq" else any(nulls)


class _Unparsed(Exception):
    """The parser met something it does not model; the shape checks are skipped."""


class _TooComplex(Exception):
    """The pattern is too large or too deeply nested for the shape checks."""


_COUNT = re.compile(r"\{(\d+)(,(\d*))?\}")
_FLAGS = re.compile(r"[imsU-]*")
_POSIX_CLASS = re.compile(r"\[:(\^?)([a-z]+):\]")
_MAX_NODES = 100_000
_MAX_DEPTH = 100


class _Parser:
    def __init__(self, text: str, ignore_case: bool) -> None:
        self.text = text
        self.pos = 0
        self.fold = ignore_case
        self.dot_nl = False
        self.depth = 0
        self.nodes = 0

    def node(self, kind: str, start: int, **fields: Any) -> _Node:
        self.nodes += 1
        if self.nodes > _MAX_NODES:
            raise _TooComplex(f"it has more than {_MAX_NODES:,} parts, too many")
        return _Node(kind, start, self.pos, **fields)

    def parse(self) -> _Node:
        tree = self.alternation()
        if self.pos != len(self.text):
            raise _Unparsed(f"stopped at {self.pos}")
        return tree

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def alternation(self) -> _Node:
        start = self.pos
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        return self.node("alt", start, items=tuple(branches))

    def sequence(self) -> _Node:
        start = self.pos
        items = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        if len(items) == 1:
            return items[0]
        return self.node("seq", start, items=tuple(items))

    def quantified(self, atom: _Node) -> _Node:
        while True:
            char = self.peek()
            high: int | None
            if char in ("*", "+", "?") and char:
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
                self.pos += 1
            elif char == "{" and (count := _COUNT.match(self.text, self.pos)):
                low = int(count.group(1))
                if count.group(2) is None:
                    high = low
                else:
                    high = int(count.group(3)) if count.group(3) else None
                self.pos = count.end()
            else:
                return atom
            if self.peek() == "?":  # lazy: the same language
                self.pos += 1
            atom = self.node("repeat", atom.start, items=(atom,), low=low, high=high)

    def atom(self) -> _Node:
        start = self.pos
        char = self.text[self.pos]
        if char == "(":
            return self.group()
        if char == "[":
            return self.node("chars", start, chars=self.char_class())
        self.pos += 1
        if char == ".":
            dot = _ALL if self.dot_nl else _complement(_of("\n"))
            return self.node("chars", start, chars=dot)
        if char in "^$":
            return self.node("empty", start)
        if char == "\\":
            return self.escape(start)
        return self.literal(ord(char), start)

    def literal(self, code: int, start: int) -> _Node:
        chars: CharSet = ((code, code),)
        return self.node("chars", start, chars=_fold(chars) if self.fold else chars)

    def group(self) -> _Node:
        start = self.pos
        self.pos += 1
        saved = (self.fold, self.dot_nl)
        text = self.text
        if text.startswith("?", self.pos):
            if text.startswith(("?P<", "?<"), self.pos):
                self.pos = text.index(">", self.pos) + 1
            else:
                self.pos += 1
                flags = _FLAGS.match(text, self.pos)
                assert flags is not None
                self.set_flags(flags.group(0))
                self.pos += len(flags.group(0))
                if self.peek() == ")":  # (?i): for the rest of the enclosing group
                    self.pos += 1
                    return self.node("empty", start)
                if self.peek() != ":":
                    raise _Unparsed("group")
                self.pos += 1
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _TooComplex(f"it nests groups more than {_MAX_DEPTH} deep, too deep")
        body = self.alternation()
        self.depth -= 1
        if self.peek() != ")":
            raise _Unparsed("unclosed group")
        self.pos += 1
        self.fold, self.dot_nl = saved
        return self.node("seq", start, items=(body,))

    def set_flags(self, flags: str) -> None:
        on = True
        for flag in flags:
            if flag == "-":
                on = False
            elif flag == "i":
                self.fold = on
            elif flag == "s":
                self.dot_nl = on

    def escape(self, start: int) -> _Node:
        if self.pos >= len(self.text):
            raise _Unparsed("trailing backslash")
        char = self.text[self.pos]
        self.pos += 1
        if char in _ESCAPED_CLASSES:
            return self.node("chars", start, chars=_ESCAPED_CLASSES[char])
        if char in "bBAzE":
            return self.node("empty", start)
        if char in "pP":
            return self.node("chars", start, chars=self.unicode_class(char == "P"))
        if char == "C":
            return self.node("chars", start, chars=_ALL)
        if char == "Q":
            end = self.text.find("\\E", self.pos)
            stop = len(self.text) if end < 0 else end
            literal = self.text[self.pos : stop]
            self.pos = stop if end < 0 else end + 2
            parts = tuple(self.literal(ord(c), start) for c in literal)
            return self.node("seq", start, items=parts) if parts else self.node("empty", start)
        return self.literal(self.code(char), start)

    def code(self, char: str) -> int:
        """The character an escape (after its backslash and ``char``) stands for."""
        text = self.text
        if char == "x":
            if self.peek() == "{":
                end = text.index("}", self.pos)
                value = int(text[self.pos + 1 : end], 16)
                self.pos = end + 1
                return value
            value = int(text[self.pos : self.pos + 2], 16)
            self.pos += 2
            return value
        if char in "01234567":
            digits = char
            while len(digits) < 3 and self.peek() in ("0", "1", "2", "3", "4", "5", "6", "7"):
                digits += self.peek()
                self.pos += 1
            return int(digits, 8)
        if char in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[char]
        if char.isalnum():
            raise _Unparsed(f"escape {char}")
        return ord(char)

    def unicode_class(self, negated: bool) -> CharSet:
        if self.peek() == "{":
            end = self.text.index("}", self.pos)
            name = self.text[self.pos + 1 : end]
            self.pos = end + 1
        else:
            name = self.peek()
            self.pos += 1
        if name.startswith("^"):
            negated, name = not negated, name[1:]
        return _ALL if negated else _unicode_class(name)

    def char_class(self) -> CharSet:
        text = self.text
        self.pos += 1
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        ranges: list[tuple[int, int]] = []
        first = True
        while True:
            char = self.peek()
            if not char:
                raise _Unparsed("unclosed class")
            if char == "]" and not first:
                self.pos += 1
                break
            first = False
            posix = _POSIX_CLASS.match(text, self.pos)
            if posix:
                found = _POSIX.get(posix.group(2))
                if found is None:
                    raise _Unparsed("posix class")
                ranges.extend(_complement(found) if posix.group(1) else found)
                self.pos = posix.end()
                continue
            low_set, low = self.class_atom()
            if (
                low is not None
                and self.peek() == "-"
                and text[self.pos + 1 : self.pos + 2] not in ("]", "")
            ):
                self.pos += 1
                _, high = self.class_atom()
                if high is None:
                    raise _Unparsed("class range")
                ranges.append((low, high))
            else:
                ranges.extend(low_set)
        chars = _norm(ranges)
        if self.fold:
            chars = _fold(chars)
        return _complement(chars) if negated else chars

    def class_atom(self) -> tuple[CharSet, int | None]:
        char = self.text[self.pos]
        self.pos += 1
        if char != "\\":
            return ((ord(char), ord(char)),), ord(char)
        if self.pos >= len(self.text):
            raise _Unparsed("trailing backslash")
        char = self.text[self.pos]
        self.pos += 1
        if char in _ESCAPED_CLASSES:
            return _ESCAPED_CLASSES[char], None
        if char in "pP":
            return self.unicode_class(char == "P"), None
        code = self.code(char)
        return ((code, code),), code


def _walk(node: _Node) -> Iterator[_Node]:
    """Every node under ``node``, outermost first."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.items))


def _unwrap(node: _Node) -> _Node:
    while node.kind == "seq" and len(node.items) == 1:
        node = node.items[0]
    return node


def _quantifier(low: int, high: int | None) -> str:
    if high is None:
        return {0: "*", 1: "+"}.get(low, f"{{{low},}}")
    return "?" if (low, high) == (0, 1) else f"{{{low}}}" if low == high else f"{{{low},{high}}}"


_BACKTRACKING = (
    "backtracking engines (JavaScript, PCRE, Python's re: most JSON Schema validators) then "
    "take exponential time on text that almost matches"
)

_MAX_EXPANSIONS = 16
_MAX_LENGTH = 32
# The work allowed on a pattern grows with its length: the patterns of mcqa's own
# schemas and rubrics take 1 to 3 steps per character, a list of 256 two-letter codes
# without regard to case 24.
_STEPS = 10_000
_STEPS_PER_CHARACTER = 40

# A stretch of a sequence: its items from ``start`` up to (not including) ``stop``.
_Stretch = tuple[tuple[_Node, ...], int, int]
Texts = list[tuple[CharSet, ...]]


def _atom(chars: CharSet) -> str | None:
    """``single`` (one character, not an ASCII letter), ``letter``, ``pair`` (a letter in
    both cases) or ``None`` (any other set)."""
    if len(chars) == 1 and chars[0][0] == chars[0][1]:
        code = chars[0][0]
        return "letter" if 65 <= code <= 90 or 97 <= code <= 122 else "single"
    if len(chars) == 2 and all(low == high for low, high in chars):
        (upper, _), (lower, _) = chars
        if 65 <= upper <= 90 and lower == upper + 32:
            return "pair"
    return None


class _Shapes:
    """The three shape checks on one parsed pattern, within a budget of steps.

    Every step of the work is counted, so that no pattern, however built, makes
    the check itself slow: past the budget the pattern is refused as too
    complex to check.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.steps = _STEPS + _STEPS_PER_CHARACTER * len(text)

    def tick(self, count: int = 1) -> None:
        self.steps -= count
        if self.steps < 0:
            raise _TooComplex("it is too complex")

    def quote(self, node: _Node) -> str:
        return _q(self.text[node.start : node.end])

    def problem(self, tree: _Node) -> str | None:
        for node in _walk(tree):
            self.tick()
            if node.kind != "repeat" or not node.chars:
                continue
            if node.high is not None and node.high < 2:
                continue
            found = self.nested(node) or self.ambiguous(node) or self.empty_iteration(node)
            if found:
                return found
        return None

    # -- a repetition inside a repetition -------------------------------------------------

    def fits(self, node: _Node, chars: CharSet) -> bool:
        """Can ``node`` match some text (perhaps empty) made only of ``chars``?"""
        self.tick()
        if node.nullable:
            return True
        if node.kind == "chars":
            return _overlaps(node.chars, chars)
        if node.kind == "seq":
            return all(self.fits(item, chars) for item in node.items)
        if node.kind == "alt":
            return any(self.fits(item, chars) for item in node.items)
        return self.fits(node.items[0], chars)

    def loops(
        self, node: _Node, around: tuple[_Stretch, ...]
    ) -> Iterator[tuple[_Node, tuple[_Stretch, ...]]]:
        """Each unbounded repetition in ``node``, with the stretches of the sequences
        around it: what follows it, then (in the next round) what precedes it."""
        self.tick()
        if node.kind == "repeat":
            if node.high is None:
                if node.chars:
                    yield node, around
            elif node.high == 1:  # optional: the same paths, once
                yield from self.loops(node.items[0], around)
            # a counted repetition is checked as an outer repetition of its own
        elif node.kind == "seq":
            items = node.items
            for index, item in enumerate(items):
                after = (items, index + 1, len(items))
                before = (items, 0, index)
                yield from self.loops(item, (after, *around, before))
        elif node.kind == "alt":
            for branch in node.items:
                yield from self.loops(branch, around)

    def nested(self, outer: _Node) -> str | None:
        body = outer.items[0]
        for inner, around in self.loops(body, ()):
            if not all(
                self.fits(items[i], inner.chars)
                for items, start, stop in around
                for i in range(start, stop)
            ):
                continue
            outer_text, inner_text = self.quote(outer), self.quote(inner)
            if _unwrap(body) is inner:
                repeated = self.text[inner.items[0].start : inner.items[0].end]
                rewrite = _q(repeated + _quantifier(outer.low * inner.low, None))
                advice = f"Repeat once: {outer_text} → {rewrite}"
            else:
                advice = (
                    f"End each repetition with something {inner_text} cannot match "
                    "('(\\w+\\s?)*' → '(\\w+\\s)*', '(.*a){20}' → '([^a]*a){20}')"
                )
            return (
                f"{outer_text} repeats {inner_text}, which repeats too, so text they both "
                f"match can be divided between them in many ways: {_BACKTRACKING}. {advice}"
            )
        return None

    # -- alternatives that match the same text ---------------------------------------------

    def expand(self, node: _Node) -> Texts | None:
        """The fixed-length texts ``node`` matches, as sequences of sets; ``None`` if too many."""
        self.tick()
        if node.kind == "chars":
            return [(node.chars,)]
        if node.kind == "empty":
            return [()]
        if node.kind == "alt":
            options: Texts = []
            for branch in node.items:
                found = self.expand(branch)
                if found is None:
                    return None
                options.extend(found)
                if len(options) > _MAX_EXPANSIONS:
                    return None
            return options
        if node.kind == "repeat":
            if node.high is None or node.high - node.low > 4 or node.low > _MAX_LENGTH:
                return None
            body = self.expand(node.items[0])
            if body is None:
                return None
            texts: Texts = []
            for count in range(node.low, node.high + 1):
                found = self.product([body] * count)
                if found is None:
                    return None
                texts.extend(found)
            return texts if len(texts) <= _MAX_EXPANSIONS else None
        parts = []
        for item in node.items:
            found = self.expand(item)
            if found is None:
                return None
            parts.append(found)
        return self.product(parts)

    def product(self, parts: list[Texts]) -> Texts | None:
        result: Texts = [()]
        for options in parts:
            self.tick(len(result) * len(options))
            result = [done + more for done in result for more in options]
            if len(result) > _MAX_EXPANSIONS or any(len(r) > _MAX_LENGTH for r in result):
                return None
        return result

    def same_text(self, first: Texts, second: Texts) -> bool:
        for a in first:
            for b in second:
                self.tick()
                if len(a) == len(b) > 0 and all(_overlaps(x, y) for x, y in zip(a, b, strict=True)):
                    return True
        return False

    def ambiguous(self, outer: _Node) -> str | None:
        for node in _walk(outer.items[0]):
            self.tick()
            if node.kind != "alt":
                continue
            branches = [(branch, self.expand(branch)) for branch in node.items]
            known = [(b, texts) for b, texts in branches if texts is not None]
            if self.all_literal(known):
                pair = self.literal_twins(known)
            else:
                pair = next(
                    (
                        (a, b)
                        for i, (a, first) in enumerate(known)
                        for b, second in known[i + 1 :]
                        if self.same_text(first, second)
                    ),
                    None,
                )
            if pair is not None:
                a, b = pair
                return (
                    f"in {self.quote(outer)}, the alternatives {self.quote(a)} and "
                    f"{self.quote(b)} can match the same text, so each repetition may take "
                    f"either: {_BACKTRACKING}. Make the alternatives exclusive, or merge them "
                    "('(a|a)*' → 'a*', '(\\w|\\d)+' → '\\w+')"
                )
        return None

    @staticmethod
    def all_literal(known: list[tuple[_Node, Texts]]) -> bool:
        """Whether two of these texts overlap only when they are equal (quick to compare).

        True when every position is one character, or when every letter is a
        pair of cases (the pattern ignores case): sets of either kind overlap
        only when they are the same set.
        """
        kinds = {_atom(chars) for _, texts in known for text in texts for chars in text}
        return None not in kinds and not {"letter", "pair"} <= kinds

    def literal_twins(self, known: list[tuple[_Node, Texts]]) -> tuple[_Node, _Node] | None:
        """Two alternatives that share a literal text, found by hashing, not by pairs."""
        seen: dict[tuple[CharSet, ...], _Node] = {}
        for branch, texts in known:
            self.tick(len(texts))
            for text in set(texts):
                if text and text in seen and seen[text] is not branch:
                    return seen[text], branch
                seen.setdefault(text, branch)
        return None

    # -- a repeated part that can match nothing -------------------------------------------

    def empty_iteration(self, outer: _Node) -> str | None:
        body = outer.items[0]
        if not body.nullable:
            return None
        return (
            f"{self.quote(outer)} repeats {self.quote(body)}, which can also match nothing, "
            f"so the repetitions can be arranged in many ways: {_BACKTRACKING}. Make the "
            "repeated part match at least one character ('(a?)*' → 'a*', '(a?b?)+' → '(a|b)*')"
        )


def _shape_problem(text: str, ignore_case: bool) -> str | None:
    try:
        tree = _Parser(text, ignore_case).parse()
        return _Shapes(text).problem(tree)
    except (_Unparsed, ValueError, IndexError):
        return None  # RE2 runs it in linear time; only the advice is lost
    except _TooComplex as error:
        return (
            f"{error} to check that backtracking engines can run it safely; "
            "split it into several patterns (allOf: [{pattern: A}, {pattern: B}])"
        )


# --- jsonschema on RE2 -----------------------------------------------------------------


def _pattern(validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]) -> Any:
    if validator.is_type(instance, "string") and not compile_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: Mapping[str, Any], instance: Any, schema: Mapping[str, Any]
) -> Any:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        compiled = compile_pattern(pattern)
        for key, value in instance.items():
            if compiled.search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional(instance: Mapping[str, Any], schema: Mapping[str, Any]) -> list[str]:
    properties = schema.get("properties", {})
    patterns = [compile_pattern(p) for p in schema.get("patternProperties", {})]
    return [
        key
        for key in instance
        if key not in properties and not any(p.search(key) for p in patterns)
    ]


def _extras(extras: list[Any]) -> str:
    verb = "was" if len(extras) == 1 else "were"
    return f"{', '.join(repr(extra) for extra in extras)} {verb}"


def _additional_properties(
    validator: Any, allowed: Any, instance: Any, schema: Mapping[str, Any]
) -> Any:
    if not validator.is_type(instance, "object"):
        return
    extras = _additional(instance, schema)
    if validator.is_type(allowed, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], allowed, path=extra)
    elif not allowed and extras:
        if "patternProperties" in schema:
            verb = "does" if len(extras) == 1 else "do"
            joined = ", ".join(repr(each) for each in sorted(extras))
            patterns = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {patterns}")
        else:
            yield ValidationError(
                f"Additional properties are not allowed ({_extras(sorted(extras, key=str))} "
                "unexpected)"
            )


def _is_valid(errors: Iterator[Any]) -> bool:
    return next(errors, None) is None


def _evaluated_keys(validator: Any, instance: Mapping[str, Any], schema: Any) -> list[str]:
    """The keys of ``instance`` that ``schema`` evaluates (jsonschema's rules, on RE2)."""
    if validator.is_type(schema, "boolean"):
        return []
    keys: list[str] = []
    for keyword in ("$ref", "$dynamicRef"):
        reference = schema.get(keyword)
        if reference is not None:
            resolved = validator._resolver.lookup(reference)
            keys += _evaluated_keys(
                validator.evolve(schema=resolved.contents, _resolver=resolved.resolver),
                instance,
                resolved.contents,
            )
    properties = schema.get("properties")
    if validator.is_type(properties, "object"):
        keys += properties.keys() & instance.keys()
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        subschema = schema.get(keyword)
        if subschema is not None:
            keys += (
                key
                for key, value in instance.items()
                if _is_valid(validator.descend(value, subschema))
            )
    if "patternProperties" in schema:
        patterns = [compile_pattern(p) for p in schema["patternProperties"]]
        keys += (key for key in instance for p in patterns if p.search(key))
    for key, subschema in schema.get("dependentSchemas", {}).items():
        if key in instance:
            keys += _evaluated_keys(validator, instance, subschema)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for subschema in schema.get(keyword, []):
            if _is_valid(validator.descend(instance, subschema)):
                keys += _evaluated_keys(validator, instance, subschema)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            keys += _evaluated_keys(validator, instance, schema["if"])
            if "then" in schema:
                keys += _evaluated_keys(validator, instance, schema["then"])
        elif "else" in schema:
            keys += _evaluated_keys(validator, instance, schema["else"])
    return keys


def _unevaluated_properties(
    validator: Any, unevaluated: Any, instance: Any, schema: Mapping[str, Any]
) -> Any:
    if not validator.is_type(instance, "object"):
        return
    evaluated = _evaluated_keys(validator, instance, schema)
    rejected = []
    for key in instance:
        if key not in evaluated:
            for _ in validator.descend(instance[key], unevaluated, path=key, schema_path=key):
                rejected.append(key)
    if rejected:
        if unevaluated is False:
            extras = _extras(sorted(rejected, key=str))
            yield ValidationError(f"Unevaluated properties are not allowed ({extras} unexpected)")
        else:
            yield ValidationError(
                "Unevaluated properties are not valid under the given schema "
                f"({_extras(rejected)} unevaluated and invalid)"
            )


def _is_regex(instance: object) -> bool:
    return not isinstance(instance, str) or pattern_problem(instance) is None


FORMAT_CHECKER = FormatChecker(())
"""Draft 2020-12's format checks, with ``regex`` meaning "a pattern mcqa accepts"."""
FORMAT_CHECKER.checkers = dict(Draft202012Validator.FORMAT_CHECKER.checkers)
FORMAT_CHECKER.checks("regex")(_is_regex)

PatternValidator: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call, unused-ignore]
    Draft202012Validator,
    {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
        "unevaluatedProperties": _unevaluated_properties,
    },
    format_checker=FORMAT_CHECKER,
)
"""Draft 2020-12 validation, with every regular expression run by RE2.

``pattern``, ``patternProperties`` (and so ``additionalProperties`` and
``unevaluatedProperties``, which consult it) compile with
:func:`compile_pattern`, and ``format: regex`` (with ``FORMAT_CHECKER``) asks
:func:`pattern_problem`. Build it with an explicit ``registry``: mcqa never
lets ``jsonschema`` fetch a ``$ref``.
"""
