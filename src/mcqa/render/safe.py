"""Text from untrusted files, made safe to print on a terminal or in a CI log.

Descriptors, review forms and rubrics come from anyone who can open a pull
request. Their text reaches the terminal inside messages (a quoted outcome, a
title, a file name). Printed as it is, it could repaint the terminal (ANSI
escape sequences), overwrite the line before (a carriage return), start a new
line of its own, or hide code behind bidirectional overrides; and a line that
starts with ``::`` (GitHub Actions) or ``##[`` / ``##vso[`` (Azure Pipelines)
is read by the CI runner as a command.

:func:`printable` shows every such character as a visible escape, so one
piece of text stays on one line and draws nothing; :func:`safe_line` also
defuses a line that would start with a CI command.

>>> printable("Clean data\\x1b[2J\\r::error::forged\\nnext")
'Clean data\\\\x1b[2J\\\\r::error::forged\\\\nnext'
>>> safe_line("::error file=README.md::forged")
'\\\\x3a:error file=README.md::forged'
>>> safe_line("  ##vso[task.setvariable variable=x]1")
'  \\\\x23#vso[task.setvariable variable=x]1'
>>> safe_line("examples/catalog/a.yaml:3:1: error: ok")
'examples/catalog/a.yaml:3:1: error: ok'
"""

from __future__ import annotations

import re

__all__ = ["defuse_command", "printable", "safe_line", "safe_lines"]

# C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, and the
# bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# What CI runners read as a command at the start of a line (after white space).
_COMMAND_START = re.compile(r"^(\s*)(::|##\[|##vso\[)")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, line-breaking or direction-changing character escaped."""
    return _UNSAFE.sub(_escape, text)


def defuse_command(line: str) -> str:
    """``line`` unless a CI runner would read it as a command: then its first
    ``:`` or ``#`` is shown as an escape, so the line still reads the same to a person.
    """
    match = _COMMAND_START.match(line)
    if match is None:
        return line
    start = match.end(1)
    return f"{line[:start]}\\x{ord(line[start]):02x}{line[start + 1 :]}"


def safe_line(line: str) -> str:
    """One line of output: escaped (:func:`printable`), and never read as a CI command."""
    return defuse_command(printable(line))


def safe_lines(lines: list[str]) -> list[str]:
    """:func:`safe_line` on each line."""
    return [safe_line(line) for line in lines]
