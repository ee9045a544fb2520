"""Waivers: accept a standard's (or a rule's) findings for a reason, until a date.

Waivers come from the configuration (``waivers:`` in ``.mcqa.yaml``) or from
a comment in the descriptor itself (not inside a quoted value)::

    # mcqa: waive 4.2 reason="ECTS pending senate approval" until=2027-06-30

A waived standard leaves the total (it counts neither for nor against), and its
findings stay in the report, marked as waived. A waiver past its date no longer
applies, and the report says so.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass

from mcqa.load import Document
from mcqa.models._base import date_problem
from mcqa.models.finding import Finding, Waiver

__all__ = ["WaiverRule", "expiry_problem", "inline_waivers", "is_expired"]

# A YAML comment: a '#' at the start of a line or after white space.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INLINE = re.compile(r"(?:^|(?<=\s))#\s*mcqa:\s*waive\b(?P<rest>.*)$")


def _in_quotes(line: str, index: int) -> bool:
    """Whether ``index`` falls inside a quoted string on this line (so it is text, not a comment)."""
    quote: str | None = None
    for char in line[:index]:
        if quote is None and char in "'\"":
            quote = char
        elif char == quote:
            quote = None
    return quote is not None


@dataclass(frozen=True)
class WaiverRule:
    """One waiver, wherever it was declared.

    ``expires`` must be a real date written ``YYYY-MM-DD`` (or ``None``);
    anything else raises :class:`ValueError`, naming the date.
    """

    target: str
    """A standard id (``4.2``) or a rule id (``placeholder-text``)."""
    reason: str
    expires: str | None
    source: str
    """The file that declares it."""
    line: int | None = None
    column: int | None = None

    def __post_init__(self) -> None:
        # Configuration and comments are checked before a rule is made, so a bad
        # date here is a caller's mistake: say so rather than call the waiver expired.
        problem = expiry_problem(self.expires)
        if problem is not None:
            raise ValueError(f"the waiver of {self.target} expires on {self.expires!r}: {problem}")

    def as_waiver(self) -> Waiver:
        return Waiver(reason=self.reason, expires=self.expires, source=self.source)

    def finding(self, rule: str, message: str, severity: str = "warning") -> Finding:
        return Finding(
            rule=rule,
            message=message,
            severity=severity,
            file=self.source,
            line=self.line,
            column=self.column,
        )


def expiry_problem(expires: str | None) -> str | None:
    """Why ``expires`` is not a real date written ``YYYY-MM-DD``; ``None`` when it is one.

    >>> expiry_problem("2027-06-30"), expiry_problem("2026-02-30"), expiry_problem("30/06/2027")
    (None, 'there is no 30 February 2026', 'it is not a date written YYYY-MM-DD')
    """
    if expires is None:
        return None
    if not _DATE.fullmatch(expires):
        return "it is not a date written YYYY-MM-DD"
    return date_problem(expires)


def is_expired(expires: str | None, today: dt.date) -> bool:
    """True when ``expires`` (``YYYY-MM-DD``) is before ``today``.

    The configuration's schema and the inline-comment reader refuse dates that
    are not real, and :class:`WaiverRule` refuses them too, so every rule's date
    is readable. Given an unreadable date directly, this stays on the safe side
    and answers True: such a waiver never applies.
    """
    if expires is None:
        return False
    if expiry_problem(expires) is not None:
        return True
    return dt.date.fromisoformat(expires) < today


def inline_waivers(document: Document) -> tuple[list[WaiverRule], list[Finding]]:
    """Waivers written as ``# mcqa: waive ID reason="..." until=YYYY-MM-DD`` comments."""
    rules: list[WaiverRule] = []
    findings: list[Finding] = []
    if document.text is None or document.format != "yaml" or "mcqa:" not in document.text:
        return rules, findings
    for number, line in enumerate(document.text.splitlines(), start=1):
        match = _INLINE.search(line)
        if not match or _in_quotes(line, match.start()):
            continue
        column = match.start() + 1

        def problem(message: str, *, _line: int = number, _column: int = column) -> None:
            findings.append(
                Finding(
                    rule="waiver",
                    message=message,
                    severity="error",
                    file=document.path,
                    line=_line,
                    column=_column,
                )
            )

        try:
            words = shlex.split(match.group("rest"))
        except ValueError as exc:
            problem(
                f"this waiver comment cannot be read ({exc}); write it as "
                '# mcqa: waive 4.2 reason="why" until=2027-06-30'
            )
            continue
        if not words or "=" in words[0]:
            problem(
                "this waiver names no standard; write it as "
                '# mcqa: waive 4.2 reason="why" until=2027-06-30'
            )
            continue
        target, fields = words[0], dict(w.split("=", 1) for w in words[1:] if "=" in w)
        unknown = sorted(set(fields) - {"reason", "until"})
        if unknown:
            problem(f"unknown waiver field {unknown[0]!r}; use reason= and until=")
            continue
        reason = fields.get("reason", "").strip()
        if not reason:
            problem(f'the waiver of {target} gives no reason; add reason="..."')
            continue
        until = fields.get("until")
        impossible = expiry_problem(until)
        if until is not None and impossible is not None:
            if _DATE.fullmatch(until):
                problem(f"until={until!r} is not a real date: {impossible}")
            else:
                problem(f"until={until!r} is not a date written YYYY-MM-DD")
            continue
        rules.append(WaiverRule(target, reason, until, document.path or "<input>", number, column))
    return rules, findings
