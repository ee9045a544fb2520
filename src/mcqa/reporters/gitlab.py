"""``-f gitlab``: a GitLab Code Quality report (a JSON array of Code Climate issues).

Each finding is one issue, and so is each standard that is not met without an
error finding of its own (the reviewers decided it), at the descriptor's first
line. The issues are those of the SARIF format (:func:`~mcqa.reporters.sarif.issues_of`),
in the same order:

``description``
    The finding's message, then ``[standard rule]`` as the text format writes it.
``check_name``
    The SARIF rule id: ``<rubric id>/<standard id>`` (``mcqa-core/2.2``) for a
    finding tied to a standard, else the finding's rule (``yaml-syntax``).
``fingerprint``
    A hash of the rule, standard, descriptor, file, JSON pointer and message
    with its numbers masked, but not the line, so an issue keeps its
    fingerprint when lines are inserted above it. Fingerprints are unique in a
    report: the descriptor's path is hashed in, and two issues of one
    descriptor that would collide are told apart by a counter, in report order.
``severity``
    ``critical`` for an error on an essential standard that is not met (and
    for such a standard not met by the reviewers), ``major`` for any other
    error, ``minor`` for a warning, ``info`` for an informational finding.
    ``blocker`` is not used.
``location``
    ``path`` as mcqa was given it, normalised (``/`` between names, no
    ``./``): relative to the folder ``mcqa check`` ran in, which in a GitLab job
    is ``CI_PROJECT_DIR`` unless the job changes folder
    (:func:`~mcqa.reporters.sarif.project_path`). ``lines.begin`` is the
    finding's line, or 1 when it has none.

Informational findings are written only with ``RenderOptions.verbose``, as
in the text format. A waived finding is left out: Code Quality has no way to
mark an issue as accepted, and the waiver says it is.

The report is written at the end of the run, for the reason the SARIF
format's documentation gives under "Streaming": workers extract each
descriptor's issues (:meth:`GitlabReporter.digest`), compressed, and ``end``
writes the array. The bytes are the same whatever the number of workers, and
the same as :meth:`GitlabReporter.render`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mcqa.models.report import DescriptorResult, Report, Summary
from mcqa.reporters._base import RenderOptions, RunInfo, render_report
from mcqa.reporters.sarif import Issue, issues_of, json_text, pack, rule_id, unpack

__all__ = ["GitlabReporter"]


def _severity(issue: Issue) -> str:
    if issue.severity == "error":
        return "critical" if issue.essential else "major"
    return "minor" if issue.severity == "warning" else "info"


def _gitlab_issue(issue: Issue, rubric: str) -> dict[str, Any]:
    label = f"{issue.standard} {issue.rule}" if issue.standard else issue.rule
    return {
        "description": f"{issue.message} [{label}]",
        "check_name": rule_id(issue, rubric),
        "fingerprint": issue.fingerprint,
        "severity": _severity(issue),
        "location": {"path": issue.path, "lines": {"begin": issue.line or 1}},
    }


class GitlabReporter:
    """GitLab Code Quality: a JSON array of issues with stable, unique fingerprints."""

    NAME: ClassVar[str] = "gitlab"
    DESCRIPTION: ClassVar[str] = "GitLab Code Quality report (JSON)"
    SEPARATOR: ClassVar[str] = ""

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options)

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        return "["

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        return ""  # written by end(): see the module's documentation

    def digest(self, result: DescriptorResult) -> Any:
        return pack(issues_of(result))

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        issues = [
            "\n  " + json_text(_gitlab_issue(issue, run.rubric.id), 1)
            for packed in digests
            for issue in unpack(packed)
            if issue.waiver is None and (options.verbose or issue.severity != "info")
        ]
        return ",".join(issues) + "\n]\n" if issues else "]\n"
