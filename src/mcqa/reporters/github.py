"""``-f github``: GitHub Actions workflow commands: annotations, and a log grouped by file.

**The log.** Each descriptor is written as it comes (:meth:`GithubReporter.result`)
as in ``-f text``, folded into a group of the step's log: the group's title is
the descriptor's decision and score, its body what is not met and every finding
(``file:line:col: severity: message [standard rule]``; informational ones with
``--verbose``). After the last descriptor comes the summary line.

**Annotations.** GitHub shows at most 10 error, 10 warning and 10 notice
annotations per step (50 per job) and silently drops the rest, so the
annotations are chosen once the whole run is known, in
:meth:`GithubReporter.end`, and written after the summary line: one line per
finding, ``::error file={path},line={line},col={col},title=mcqa {standard}
{rule}::{message}`` (``::warning`` for a warning; ``::notice`` for an
informational or waived finding, shown with ``--verbose`` only). A descriptor
that fails (not conformant, or not read) with no error finding to point at, as
when reviewers judged it, gets one ``::error`` at its file saying so; one whose
error findings explain it needs none.

The results are rendered in worker processes, which cannot know what the others
found, so each result's :meth:`~GithubReporter.digest` keeps the annotations it
would write first (:data:`KEEP_PER_RESULT`: three errors, three warnings and
one notice; the descriptor's own findings and those on essential standards
first, then in file order), already rendered, and how many it has of each
kind. :meth:`~GithubReporter.end` takes the descriptors worst first (as
``-f markdown`` orders them: errors, not conformant, pending review,
conformant; ties in path order), and each one's annotations while its kind
has room (:data:`ANNOTATIONS_PER_KIND` of each; one notice is kept back). When
anything was not shown, a closing ``::notice`` says how many, and that the
log lists them all. A digest holds at most seven lines, each quoting at most
:data:`MESSAGE_CAP` characters of message besides the file's path, compressed:
some 200 to 600 bytes pickled (under 1 KB of Python objects, kept until the
end) for a result with findings, under 100 bytes for a clean one.

**The job summary** (``$GITHUB_STEP_SUMMARY``) is not written here: the command
line renders ``-f markdown`` into it.

**Escaping.** Annotations follow GitHub's rules: in the message ``%``, CR and LF
become ``%25``, ``%0D`` and ``%0A`` (:func:`escape_data`); in a property also
``:`` and ``,`` become ``%3A`` and ``%2C`` (:func:`escape_property`). Before
that, the text quoted from the user's files is made printable
(:func:`mcqa.render.safe.printable`: ANSI escapes, CR, LF and every other control
or direction-changing character become visible escapes), so a message decodes
to a single line; and ``##[`` or ``##vso[``, which other runners read as a
command anywhere in a line, become ``\\x23#[`` (:func:`shown`). Every line that
starts with ``::`` is one of mcqa's commands; every other line is a line of
``-f text`` (escaped, never starting with a command). Nothing is coloured.

Paths are as the descriptors were named: run ``mcqa check`` from the root of
the repository so that GitHub finds the files.
"""

from __future__ import annotations

import re
import zlib
from typing import Any, ClassVar, NamedTuple

from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, Summary
from mcqa.render.safe import printable
from mcqa.reporters._base import RenderOptions, RunInfo, render_report
from mcqa.reporters.markdown import rank_of
from mcqa.reporters.text import TextReporter

__all__ = [
    "ANNOTATIONS_PER_KIND",
    "KEEP_PER_RESULT",
    "MESSAGE_CAP",
    "GithubReporter",
    "escape_data",
    "escape_property",
    "shown",
]

#: Annotations of each kind (error, warning, notice) GitHub shows per step.
ANNOTATIONS_PER_KIND = 10
#: Annotations of each kind each result's digest keeps for :meth:`GithubReporter.end`.
KEEP_PER_RESULT = {"error": 3, "warning": 3, "notice": 1}
#: Characters of a message an annotation quotes (the log has the whole message).
MESSAGE_CAP = 300

_KINDS = ("error", "warning", "notice")
_KIND_OF_SEVERITY = {"error": "error", "warning": "warning", "info": "notice"}
_FAILING = {"not_conformant": "not conformant", "error": "error"}
# Commands other runners read anywhere in a line (Azure Pipelines, the runner's old syntax).
_OTHER_COMMAND = re.compile(r"##(?=\[|vso\[)", re.IGNORECASE)
_TEXT = TextReporter(group_standards=False)  # one log line per annotation


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub documents it.

    >>> escape_data("100% done\\r\\nnext")
    '100%25 done%0D%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped as GitHub documents it.

    >>> escape_property("a:b,c%")
    'a%3Ab%2Cc%25'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def shown(text: str) -> str:
    """Text from the user's files as a command may quote it: printable, no command inside.

    >>> shown("ok\\x1b[2J\\n##vso[task.setvariable]x")
    'ok\\\\x1b[2J\\\\n\\\\x23#vso[task.setvariable]x'
    """
    return _OTHER_COMMAND.sub(r"\\x23#", printable(text))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _command(kind: str, properties: list[tuple[str, str]], message: str) -> str:
    """One workflow command line (without its newline); the values are escaped here."""
    props = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def _kind(finding: Finding) -> str:
    return "notice" if finding.waiver is not None else _KIND_OF_SEVERITY[finding.severity]


def _annotation(finding: Finding, path: str) -> str:
    properties = [("file", shown(finding.file or path))]
    if finding.line is not None:
        properties.append(("line", str(finding.line)))
        if finding.column is not None:
            properties.append(("col", str(finding.column)))
    label = f"{finding.standard} {finding.rule}" if finding.standard else finding.rule
    properties.append(("title", shown(f"mcqa {label}")))
    message = finding.message
    if finding.waiver is not None:
        message += f" (waived: {finding.waiver.reason})"
    return _command(_kind(finding), properties, _clip(shown(message), MESSAGE_CAP))


def _number(value: float) -> str:
    return f"{value:g}"


def _decision(result: DescriptorResult) -> str:
    """The ``::error`` for a failing descriptor that no error finding explains."""
    word = _FAILING[result.decision]
    facts = []
    if result.score is not None:
        facts.append(
            f"{_number(result.score.percent)} % "
            f"({_number(result.score.earned)}/{_number(result.score.possible)} points)"
        )
    if result.essentials is not None and result.essentials.total:
        facts.append(f"essentials {result.essentials.met}/{result.essentials.total}")
    if result.decision == "error":
        facts.insert(0, "the file could not be read or scored")
    text = word + (": " + ", ".join(facts) if facts else "")
    unmet = [s.id for s in result.standards if s.status == "not_met"]
    if unmet:
        text += "; not met: " + ", ".join(unmet)
    properties = [("file", shown(result.path)), ("title", f"mcqa {word}")]
    return _command("error", properties, _clip(shown(text), MESSAGE_CAP))


class _Digest(NamedTuple):
    """What :meth:`GithubReporter.end` needs of one result."""

    rank: tuple[int, int, float]
    annotations: bytes
    """The first annotations of each kind (:data:`KEEP_PER_RESULT`), errors first, each
    as its kind, a space and its command line; packed (compressed UTF-8), since every
    result's are kept until the end."""
    errors: int
    warnings: int
    notices: int


def _digest(result: DescriptorResult) -> _Digest:
    findings = [*result.findings, *(f for s in result.standards for f in s.findings)]
    essential = {s.id for s in result.standards if s.essential}

    def order(f: Finding) -> tuple[int, bool, bool, tuple[str, int, int, int, str, str, str]]:
        # by kind; waived first among notices; the descriptor's own findings and those
        # on essential standards first; then by place
        minor = f.standard is not None and f.standard not in essential
        return (_KINDS.index(_kind(f)), f.waiver is None, minor, f.sort_key())

    findings.sort(key=order)
    counts = dict.fromkeys(_KINDS, 0)
    lines: list[tuple[str, str]] = []
    if result.decision in _FAILING and not any(_kind(f) == "error" for f in findings):
        counts["error"] += 1
        lines.append(("error", _decision(result)))
    for finding in findings:
        kind = _kind(finding)
        counts[kind] += 1
        if counts[kind] <= KEEP_PER_RESULT[kind]:
            lines.append((kind, _annotation(finding, result.path)))
    return _Digest(
        rank=rank_of(result),
        annotations=_pack([f"{kind} {line}" for kind, line in lines]),
        errors=counts["error"],
        warnings=counts["warning"],
        notices=counts["notice"],
    )


def _pack(lines: list[str]) -> bytes:
    return zlib.compress("\n".join(lines).encode("utf-8")) if lines else b""


def _unpack(packed: bytes) -> list[str]:
    return zlib.decompress(packed).decode("utf-8").split("\n") if packed else []


def _log(line: str) -> str:
    return _OTHER_COMMAND.sub(r"\\x23#", line)


class GithubReporter:
    """GitHub Actions workflow commands: a log grouped by descriptor, then annotations.

    At most :data:`ANNOTATIONS_PER_KIND` annotations of each kind, worst
    descriptors first, and a closing notice counting those not shown; see the
    module's description.
    """

    NAME: ClassVar[str] = "github"
    DESCRIPTION: ClassVar[str] = (
        "GitHub Actions: findings as annotations (the most serious first), the log grouped by file"
    )
    SEPARATOR: ClassVar[str] = ""

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options)

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        return ""

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        plain = RenderOptions(color=False, verbose=options.verbose)
        lines = [_log(line) for line in _TEXT.result(result, plain).split("\n")[:-1]]
        if len(lines) == 1:
            return lines[0] + "\n"
        body = "".join(line + "\n" for line in lines[1:])
        return f"{_command('group', [], lines[0])}\n{body}::endgroup::\n"

    def digest(self, result: DescriptorResult) -> Any:
        return _digest(result)

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        plain = RenderOptions(color=False, verbose=options.verbose)
        lines = [_log(line) for line in _TEXT.end(run, summary, [], plain).split("\n")[:-1]]
        kept = [_Digest(*d) for d in digests]
        room = dict.fromkeys(_KINDS, ANNOTATIONS_PER_KIND)
        room["notice"] -= 1  # for the closing notice
        wanted = written = 0
        for index in sorted(range(len(kept)), key=lambda i: (kept[i].rank, i)):
            digest = kept[index]
            wanted += digest.errors + digest.warnings + (digest.notices if options.verbose else 0)
            for kind, _, line in (a.partition(" ") for a in _unpack(digest.annotations)):
                if room[kind] and (kind != "notice" or options.verbose):
                    room[kind] -= 1
                    written += 1
                    lines.append(line)
        left = wanted - written
        if left:
            lines.append(
                _command(
                    "notice",
                    [("title", "mcqa")],
                    f"{left} more annotation{'s were' if left != 1 else ' was'} not shown "
                    f"(GitHub shows {ANNOTATIONS_PER_KIND} errors, "
                    f"{ANNOTATIONS_PER_KIND} warnings and {ANNOTATIONS_PER_KIND} notices "
                    "per step): this step's log lists every finding, grouped by descriptor, "
                    "and the job summary has the report",
                )
            )
        return "".join(line + "\n" for line in lines)
