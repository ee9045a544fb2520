"""Findings as ``file:line:col: severity: message`` lines, the way compilers print them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping

from mcqa.models.finding import Finding
from mcqa.render.safe import safe_line

__all__ = ["findings_json", "format_finding", "format_findings", "summarize"]


def format_finding(finding: Finding) -> list[str]:
    """The finding's line, then one ``note:`` line per related location.

    Text from the user's files (file names, quoted values) is escaped, so that
    no finding can draw on the terminal or pass for a CI command
    (:mod:`mcqa.render.safe`).

    >>> f = Finding(rule="duplicate-key", message="the key 'a' appears twice",
    ...             file="r.yaml", line=4, column=1)
    >>> format_finding(f)
    ["r.yaml:4:1: error: the key 'a' appears twice [duplicate-key]"]
    """
    head = f"{finding.location_text()}: {finding.severity}: {finding.message} [{finding.rule}]"
    if finding.waiver is not None:
        head += f" (waived: {finding.waiver.reason})"
    lines = [head]
    for related in finding.related:
        where = related.file or finding.file or "<input>"
        if related.line is not None:
            where += f":{related.line}"
            if related.column is not None:
                where += f":{related.column}"
        lines.append(f"{where}: note: {related.message}")
    return [safe_line(line) for line in lines]


def format_findings(findings: Iterable[Finding]) -> list[str]:
    """All findings, sorted by file and position, one or more lines each."""
    lines: list[str] = []
    for finding in sorted(findings, key=Finding.sort_key):
        lines.extend(format_finding(finding))
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summarize(files: int, findings: Iterable[Finding]) -> str:
    """E.g. ``2 files checked: 3 errors, 1 warning``."""
    items = list(findings)
    errors = sum(1 for f in items if f.severity == "error")
    warnings = sum(1 for f in items if f.severity == "warning")
    text = f"{_plural(files, 'file')} checked: "
    if not errors and not warnings:
        return text + "no problems"
    return text + f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


# Lone surrogates (from a JSON escape in a file) cannot be written as UTF-8: written
# as escapes, like the characters the report JSON escapes.
_SURROGATE = re.compile("[\ud800-\udfff]")


def findings_json(files: Mapping[str, Iterable[Finding]]) -> str:
    """The findings of each file checked, as JSON: what ``validate -f json`` prints.

    ``{"files": [{"path", "valid", "findings"}], "summary": {"files", "valid",
    "errors", "warnings"}}``: files sorted by path, each ``valid`` when it has no
    error, its findings sorted by position and written as in the report JSON;
    the summary counts over them. The same files give the same bytes. Text from
    the files is escaped as in the report JSON (line separators, direction
    controls; lone surrogates too), so it cannot hide or reorder what a reader sees.

    >>> print(findings_json({"r.yaml": []}))
    {
      "files": [
        {
          "path": "r.yaml",
          "valid": true,
          "findings": []
        }
      ],
      "summary": {
        "files": 1,
        "valid": 1,
        "errors": 0,
        "warnings": 0
      }
    }
    <BLANKLINE>
    """
    from mcqa.reporters.json import _json

    entries: list[dict[str, object]] = []
    counts = {"files": 0, "valid": 0, "errors": 0, "warnings": 0}
    for path in sorted(files):
        found = sorted(files[path], key=Finding.sort_key)
        valid = not any(f.severity == "error" for f in found)
        counts["files"] += 1
        counts["valid"] += valid
        counts["errors"] += sum(f.severity == "error" for f in found)
        counts["warnings"] += sum(f.severity == "warning" for f in found)
        entries.append(
            {"path": path, "valid": valid, "findings": [f.model_dump(mode="json") for f in found]}
        )
    text = json.dumps({"files": entries, "summary": counts}, indent=2, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", _json(text)) + "\n"
