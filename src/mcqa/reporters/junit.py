"""``-f junit``: JUnit XML, one test case per descriptor and standard.

For CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, ...).
Each descriptor is one ``<testsuite>`` named by its path; each standard of the
rubric is one ``<testcase>`` (``classname`` the descriptor's path, ``name`` the
standard's id and title):

- **met**: the test case passes;
- **not met**: ``<failure type="not_met">``, its message saying whether the
  standard is essential and who decided, its text the standard's findings
  (one ``file:line:col: severity: message [rule]`` per line) and the
  reviewers' recommendations;
- **not applicable**: ``<skipped message="not applicable"/>``; waived:
  ``<skipped message="waived: <reason>"/>``; accepted as not applicable by the
  chair: ``<skipped message="accepted as not applicable by the chair ...">``;
- **pending review**: ``<skipped message="awaiting review"/>``, because no one
  has passed a judgement yet: the test has not run, it has neither passed nor
  failed;
- a descriptor that could not be read or validated (decision ``error``) is one
  test case, ``read the descriptor``, with an ``<error>`` whose type is the
  rule of the first error (``yaml-syntax``) and whose text lists the findings.

The suite's ``<properties>`` hold the descriptor's decision, score, essentials,
band, whether the automated checks passed, its id and its SHA-256; its
``<system-out>`` lists the findings tied to no standard (with ``--verbose``,
informational findings everywhere, as in the text format).

The output validates against both the strict Ant schema (``JUnit.xsd``) and the
lenient one of Jenkins' xUnit plug-in (``junit-10.xsd``), which settles what
the strict one requires:

- ``<testsuites>`` has **no attributes**: the strict schema allows none, so
  the run's totals are not on the root (they would be known only at the end
  anyway, after the root's start tag is written). A comment before the
  closing tag gives them to a person reading the file.
- Each suite has ``time="0"`` (nothing is timed), ``hostname="localhost"``
  and ``timestamp="1970-01-01T00:00:00"``: the strict schema requires them, and
  a report carries no clock time and no host name, so that the same input
  gives the same bytes. Its ``id`` is a number derived from the path (the
  strict schema wants the suite's position, which a descriptor rendered on
  its own in a worker cannot know; this one is stable from run to run), and
  its ``package`` is the path, like its ``name``.

Text from the files is escaped for XML, and every control character (which
XML 1.0 forbids, escaped or not), line break or direction-changing character
is shown as a visible escape (:func:`~mcqa.render.safe.printable`), so one
finding stays on one line; no line of the output can pass for a CI command
(``::error``, ``##vso[``). Streaming needs nothing kept: each descriptor's
suite is complete in itself.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any, ClassVar

from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, StandardResult, Summary
from mcqa.render.safe import defuse_command, printable
from mcqa.reporters._base import RenderOptions, RunInfo, render_report

__all__ = ["JunitReporter"]

#: Stands for the time of the run, which a reproducible report does not record.
NO_TIMESTAMP = "1970-01-01T00:00:00"

_DECIDED_BY = {
    "reviewers": "the reviewers",
    "automated": "the automated check",
    "waiver": "a waiver",
    "none": "no one",
}

# What printable() leaves that XML 1.0 still forbids: surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """``text`` on one line, with no character XML 1.0 or a terminal would trip on."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group(0)):04x}", printable(text))


def _attr(text: str) -> str:
    # xml.sax.saxutils imports urllib.request, http and email: only when JUnit is written.
    from xml.sax.saxutils import escape

    return '"' + escape(_clean(text), {'"': "&quot;"}) + '"'


def _lines(lines: Iterable[str]) -> str:
    """Element text: one line each, none that a CI runner would read as a command."""
    from xml.sax.saxutils import escape

    return "\n".join(escape(defuse_command(_clean(line))) for line in lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _number(value: float) -> str:
    return f"{value:g}"


def _finding_line(finding: Finding) -> str:
    label = f"{finding.standard} {finding.rule}" if finding.standard else finding.rule
    text = f"{finding.location_text()}: {finding.severity}: {finding.message} [{label}]"
    if finding.waiver is not None:
        text += f" (waived: {finding.waiver.reason})"
    return text


def _shown(findings: Iterable[Finding], options: RenderOptions) -> list[str]:
    chosen = (f for f in findings if options.verbose or f.severity != "info")
    return [_finding_line(f) for f in sorted(chosen, key=Finding.sort_key)]


def _element(name: str, attributes: list[tuple[str, str]], text: str, indent: str) -> str:
    start = f"{indent}<{name}" + "".join(f" {key}={_attr(value)}" for key, value in attributes)
    return f"{start}>{text}</{name}>" if text else f"{start}/>"


def _unmet(standard: StandardResult) -> str:
    """The failure's message: ``not met (essential, until reviewed), decided by ...``."""
    last = standard.rounds[-1] if standard.rounds else None
    what = "below the top level" if last is not None and last.level is not None else "not met"
    notes = ["essential"] if standard.essential else []
    if standard.source == "automated" and any(
        f.rule == "review-provisional" for f in standard.findings
    ):
        notes.append("until reviewed")
    who = last.decided_by if last is not None else _DECIDED_BY.get(standard.source, "no one")
    note = f" ({', '.join(notes)})" if notes else ""
    return f"{what}{note}, decided by {who}"


def _skipped(standard: StandardResult) -> str:
    """Why the test case of a standard that is not applicable or pending review was skipped."""
    if standard.status == "pending_review":
        return "awaiting review"
    if standard.accepted is not None:
        chair = standard.accepted.reviewer or "the chair"
        return (
            f"accepted as not applicable by the chair ({chair}, round "
            f"{standard.accepted.round}): {standard.accepted.reason}"
        )
    if standard.source == "waiver":
        reasons = sorted({f.waiver.reason for f in standard.findings if f.waiver is not None})
        return "waived: " + "; ".join(reasons) if reasons else "waived"
    return "not applicable"


def _recommendations(standard: StandardResult) -> list[str]:
    return [
        f"recommendation ({', '.join(x for x in (a.reviewer, a.role) if x) or 'a reviewer'}): "
        f"{a.recommendation}"
        for a in standard.reviews
        if a.counted and a.recommendation
    ]


def _suite_id(path: str) -> str:
    """A number from 0 to 2**31 - 1 derived from the path (``xs:int``)."""
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
    return str(int(digest[:8], 16) & 0x7FFFFFFF)


def _properties(result: DescriptorResult) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if result.descriptor_id is not None:
        found.append(("descriptor_id", result.descriptor_id))
    found.append(("decision", result.decision))
    if result.score is not None:
        found.append(("score_percent", _number(result.score.percent)))
        found.append(("points", f"{_number(result.score.earned)}/{_number(result.score.possible)}"))
    if result.essentials is not None:
        found.append(("essentials_met", f"{result.essentials.met}/{result.essentials.total}"))
    if result.band is not None:
        found.append(("band", result.band))
    if result.checks_passed is not None:
        found.append(("checks_passed", "true" if result.checks_passed else "false"))
    if result.rubric is not None:
        found.append(("rubric", f"{result.rubric.id}@{result.rubric.version}"))
    if result.sha256 is not None:
        found.append(("sha256", result.sha256))
    return found


class JunitReporter:
    """JUnit XML: a suite per descriptor, a test case per standard (see the module)."""

    NAME: ClassVar[str] = "junit"
    DESCRIPTION: ClassVar[str] = "JUnit XML: a test case per descriptor and standard"
    SEPARATOR: ClassVar[str] = ""
    KEEPS_DIGESTS: ClassVar[bool] = False  # its end is the summary: no digest is kept

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options)

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        return '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        path = result.path
        cases: list[str] = []
        failures = errors = skipped = 0
        own = list(result.findings)
        if result.decision == "error":
            everything = [*own, *(f for s in result.standards for f in s.findings)]
            first = next(
                (f for f in sorted(everything, key=Finding.sort_key) if f.severity == "error"),
                None,
            )
            error = _element(
                "error",
                [
                    ("message", first.message if first else "the descriptor could not be read"),
                    ("type", first.rule if first else "error"),
                ],
                _lines(_shown(everything, options)),
                "",
            )
            cases.append(self._case(path, "read the descriptor", error))
            errors += 1
            own = []
        for standard in result.standards:
            name = f"{standard.id} {standard.title}"
            if standard.status == "met":
                cases.append(self._case(path, name, ""))
                continue
            text = _lines(_shown(standard.findings, options))
            if standard.status == "not_met":
                recommendations = _lines(_recommendations(standard))
                text = "\n".join(t for t in (text, recommendations) if t)
                outcome = _element(
                    "failure", [("message", _unmet(standard)), ("type", "not_met")], text, ""
                )
                failures += 1
            else:
                outcome = _element("skipped", [("message", _skipped(standard))], text, "")
                skipped += 1
            cases.append(self._case(path, name, outcome))
        attributes = [
            ("name", path),
            ("tests", str(len(cases))),
            ("failures", str(failures)),
            ("errors", str(errors)),
            ("skipped", str(skipped)),
            ("time", "0"),
            ("timestamp", NO_TIMESTAMP),
            ("hostname", "localhost"),
            ("id", _suite_id(path)),
            ("package", path),
        ]
        properties = [
            _element("property", [("name", key), ("value", value)], "", "      ")
            for key, value in _properties(result)
        ]
        lines = [
            "  <testsuite" + "".join(f" {k}={_attr(v)}" for k, v in attributes) + ">",
            "    <properties>",
            *properties,
            "    </properties>",
            *cases,
            _element("system-out", [], _lines(_shown(own, options)), "    "),
            "    <system-err/>",
            "  </testsuite>",
        ]
        return "".join(line + "\n" for line in lines)

    @staticmethod
    def _case(path: str, name: str, outcome: str) -> str:
        start = f'    <testcase name={_attr(name)} classname={_attr(path)} time="0"'
        return f"{start}>{outcome}</testcase>" if outcome else f"{start}/>"

    def digest(self, result: DescriptorResult) -> Any:
        return None

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        parts = [
            f"{summary.conformant} conformant",
            f"{summary.not_conformant} not conformant",
            f"{summary.pending_review} pending review",
        ]
        if summary.error:
            parts.append(_plural(summary.error, "error"))
        if summary.checks_failed:
            parts.append(f"automated checks failed on {summary.checks_failed}")
        text = (
            f"{_plural(summary.total, 'descriptor')} checked against "
            f"{run.rubric.id}@{run.rubric.version}: {', '.join(parts)}"
        )
        # A comment may hold neither "--" nor a final "-".
        comment = _clean(text).replace("--", "- -").rstrip("-")
        return f"  <!-- {comment} -->\n</testsuites>\n"
