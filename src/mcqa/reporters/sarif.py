"""``-f sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One log, one run. The run's tool is mcqa, and its rules are every standard of
the rubric plus the rules of the problems mcqa finds in files (see below).
Each finding is one SARIF result, at its file, line and column; a standard that
is not met without an error finding of its own (the reviewers decided it) is
one result at the descriptor. Nothing is decided here: the levels are the
findings' severities, and waivers are the configuration's.

Rule ids
    A standard is ``<rubric id>/<standard id>``, such as ``mcqa-core/2.2``:
    the same for every version of the rubric, so that an alert stays the same
    alert when the rubric is upgraded, and distinct between rubrics. A finding
    tied to a standard has its standard's rule id, and the check that found it
    in ``properties.rule``. A finding tied to no standard has its own rule id,
    such as ``yaml-syntax`` (never with a ``/``, so it cannot clash with a
    standard). Those rules are listed from a static table
    (:data:`FILE_RULES`), because the rules must be written before the first
    result; a result whose rule is not in the table (a plug-in's, or a new
    one) has a ``ruleId`` and no ``ruleIndex``, which SARIF allows.

Levels
    ``error`` → ``error``, ``warning`` → ``warning``, ``info`` → ``note``.
    Informational findings (automated suggestions for reviewers, notes on how
    a value was read) are written only with ``RenderOptions.verbose``
    (``mcqa check --verbose``), as in the text format.

Fingerprints
    ``partialFingerprints["mcqaFindingHash/v1"]`` hashes the finding's rule,
    standard, descriptor, file, JSON pointer and message with its numbers
    masked, but not its line: inserting lines above a finding keeps its
    fingerprint. Two results of one descriptor that would share a fingerprint
    are told apart by a counter, in report order (:func:`issues_of`).

Waivers
    A waived finding stays a result, with a ``suppressions`` entry (``kind``
    ``external``, ``status`` ``accepted``, the waiver's reason as
    ``justification``, its expiry and source in ``properties``).

Paths
    Relative paths are written as relative URIs with ``uriBaseId``
    ``%SRCROOT%`` (the folder ``mcqa check`` ran in); absolute ones as
    ``file:`` URIs. Columns count Unicode code points (``columnKind``).

Streaming
    A descriptor may have no result, and a JSON array cannot be written one
    possibly empty piece at a time with a fixed separator and no knowledge of
    which piece comes first: there would be a comma too many or too few, or
    an element that is not a result. A SARIF result also needs the run's
    rubric id, which a worker does not know. So the worker extracts each
    descriptor's results as compact, compressed records (:meth:`SarifReporter.digest`),
    ``result`` writes nothing, and ``end`` writes the results with the
    rubric's rule ids. The main process holds only the compressed records
    (a small fraction of the output's size); the bytes are the same whatever
    the number of workers, and the same as :meth:`SarifReporter.render`. Were
    the separator written only between two pieces that are not empty, and the
    run's rubric id known to ``result``, the results could be written as they
    come, with the same bytes.

``render`` looks the report's rubric up among the installed rubrics (by
``id@version``) to list its standards as rules; a rubric read from a file is
not found there, so pass it to :func:`~mcqa.reporters.render_report` as
``standard`` instead.

The helpers above the reporter (:func:`issues_of`, :func:`project_path`,
:func:`pack`, :func:`unpack`, :func:`json_text`) are shared with the GitLab
format.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import zlib
from pathlib import PurePath
from typing import Any, ClassVar, NamedTuple
from urllib.parse import quote

from mcqa._project import HOMEPAGE, STANDARD_DOCS_URL
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, RubricRef, StandardResult, Summary
from mcqa.models.rubric import Category, Rubric, Standard
from mcqa.reporters._base import RenderOptions, RunInfo, render_report

__all__ = [
    "FILE_RULES",
    "FINGERPRINT_KEY",
    "Issue",
    "SarifReporter",
    "installed_rubric",
    "issues_of",
    "json_text",
    "pack",
    "project_path",
    "rule_id",
    "unpack",
]

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

#: The key of mcqa's own fingerprint in ``partialFingerprints``.
FINGERPRINT_KEY = "mcqaFindingHash/v1"

#: The rules of the problems mcqa finds that belong to no standard, with what each means.
FILE_RULES: dict[str, str] = {
    "duplicate-id": "Another descriptor of the catalog has the same id.",
    "duplicate-key": "A key appears more than once in one mapping.",
    "empty": "The file holds no data.",
    "encoding": "The file is not UTF-8 (or UTF-16 with a byte order mark) text.",
    "import-ambiguous": "A value of the imported record could be read in more than one way.",
    "import-format": "The file is not in the format it was read as.",
    "import-incomplete": "The imported record lacks something a descriptor needs.",
    "import-lost": "Part of the imported record has no place in a descriptor.",
    "import-missing": "The imported record lacks a field a descriptor has.",
    "import-not-descriptor": "The imported record does not describe a microcredential.",
    "import-unmapped": "Part of the imported page was not mapped to a descriptor field.",
    "import-unresolved": "The imported record refers to something that could not be found.",
    "internal-error": "mcqa failed while checking the file.",
    "io": "The file cannot be read.",
    "json-syntax": "The file is not valid JSON.",
    "limit-depth": "The file nests values deeper than mcqa reads.",
    "limit-size": "The file is larger than mcqa reads.",
    "normalised": "A value written in a short form, and what mcqa understood it to mean.",
    "not-a-descriptor": "The file is not a microcredential descriptor.",
    "number": "A number that is not a figure (NaN, an infinity, too large).",
    "outside-root": "A path leads outside the folder it must stay in.",
    "review-carried": "A reviewer's answer was carried forward from another rubric version.",
    "review-descriptor": "A review form does not match the descriptor it reviews.",
    "review-given-under": "A review form names a rubric version that cannot be used.",
    "review-not-a-form": "The file is not a review form.",
    "review-overruled": "The reviewers' decision differs from the automated check's.",
    "review-provisional": "A standard is not met for now, until the reviewers decide.",
    "review-recommendation": "A review form's recommendation cannot be used.",
    "review-reviewer": "A review form does not say who reviewed.",
    "review-round": "A review form's round cannot be used.",
    "review-rubric": "A review form's rubric cannot be used.",
    "review-scale": "A review form's answer is not on the rubric's scale.",
    "review-stale": "The descriptor changed after the review form was filled in.",
    "review-standard": "A review form answers a standard the rubric does not have.",
    "review-suggestion": "What an automated check suggests to the reviewers.",
    "review-team": "The review team lacks a role or a reviewer the rubric asks for.",
    "review-unanswered": "A review form leaves a standard unanswered.",
    "review-version": "A review form was made under another version of the rubric.",
    "schema": "A value does not match the descriptor schema.",
    "time-budget": "The file took longer to check than its time budget.",
    "unknown-field": "A field the schema does not know.",
    "waiver": "A waiver cannot be used.",
    "waiver-expired": "A waiver's expiry date has passed.",
    "waiver-ignored": "A waiver names a standard or path that nothing matches.",
    "waiver-refused": "A waiver that is not allowed (an essential standard, say).",
    "yaml-comment-in-value": "A '#' inside a value that was perhaps meant as a comment.",
    "yaml-complex-key": "A YAML mapping key that is not a plain value.",
    "yaml-list-item-in-text": "A '- ' inside text that was perhaps meant as a list item.",
    "yaml-recursive-alias": "A YAML alias that refers to the node containing it.",
    "yaml-syntax": "The file is not valid YAML.",
    "yaml-tag": "A YAML tag that mcqa does not read.",
}

_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_DECIDED_BY = {
    "reviewers": "the reviewers",
    "automated": "the automated check",
    "waiver": "a waiver",
    "none": "no one",
}

# Characters JSON allows raw inside strings but that change how a terminal or an
# editor shows the text around them (DEL and C1 controls, line separators,
# bidirectional controls, the BOM), and lone surrogates, which are not UTF-8.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\w+")
_HEADING_DROP = re.compile(r"[^\w\- ]")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")


# -- shared with the GitLab format ---------------------------------------------------


class Issue(NamedTuple):
    """One result of one descriptor, as the machine formats need it (picklable, JSON-able)."""

    rule: str
    """The finding's rule, or ``not-met`` for a standard not met without an error finding."""
    standard: str | None
    rubric: str | None
    """The id of the standard's rubric when a per-path override chose it (else the run's)."""
    severity: str
    essential: bool
    """The issue is on an essential standard that is not met."""
    message: str
    path: str
    line: int | None
    column: int | None
    pointer: str | None
    related: tuple[tuple[str, str | None, int | None, int | None], ...]
    """Other places: ``(message, path, line, column)``."""
    waiver: tuple[str, str | None, str | None] | None
    """``(reason, expires, source)`` when the finding is waived."""
    fingerprint: str


def project_path(path: str, root: str | None = None, cwd: str | None = None) -> str:
    """``path`` the way CI tools want it: ``/`` between names, no ``./``, no ``a/../``.

    A pure function of its arguments. ``path`` is as the user named it, that is
    relative to ``cwd``, the folder mcqa ran in. When ``root`` (the project's
    folder, such as ``CI_PROJECT_DIR``) and ``cwd`` are both given as absolute
    paths, a path inside ``root`` is made relative to it; otherwise the path is
    only normalised, which keeps it relative to the folder mcqa ran in.

    >>> project_path("./examples//catalog/a.yaml")
    'examples/catalog/a.yaml'
    >>> project_path("catalog/a.yaml", root="/builds/p", cwd="/builds/p/docs")
    'docs/catalog/a.yaml'
    >>> project_path("/elsewhere/a.yaml", root="/builds/p", cwd="/builds/p")
    '/elsewhere/a.yaml'
    """
    text = posixpath.normpath(PurePath(path).as_posix()) if path else path
    if root is None or not _absolute(root):
        return text
    if _absolute(text):
        full = text
    elif cwd is not None and _absolute(cwd):
        full = posixpath.normpath(posixpath.join(cwd, text))
    else:
        return text
    if not full.startswith("/"):
        return text  # a Windows drive: left as it is
    inside = posixpath.relpath(full, posixpath.normpath(root))
    return text if inside == ".." or inside.startswith("../") else inside


def _absolute(text: str) -> bool:
    return text.startswith("/") or bool(_WINDOWS_DRIVE.match(text))


def _masked(message: str) -> str:
    """The message with every number replaced, so a changed figure keeps the fingerprint."""
    return _NUMBER.sub("#", message)


def _hash(parts: list[str]) -> str:
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def _unmet_message(standard: StandardResult) -> str:
    last = standard.rounds[-1] if standard.rounds else None
    who = last.decided_by if last is not None else _DECIDED_BY.get(standard.source, standard.source)
    what = "is below the top level" if last is not None and last.level is not None else "is not met"
    kind = "essential standard" if standard.essential else "standard"
    text = f"{kind} {standard.id} ({standard.title}) {what}, decided by {who}"
    advice = [
        f"{', '.join(x for x in (a.reviewer, a.role) if x) or 'a reviewer'}: {a.recommendation}"
        for a in standard.reviews
        if a.counted and a.recommendation
    ]
    if advice:
        text += "; recommended: " + "; ".join(advice)
    return text


def issues_of(result: DescriptorResult) -> list[Issue]:
    """Every result a machine format writes for ``result``, in report order.

    The findings (the descriptor's own, then each standard's), sorted as the
    report sorts them; then, in rubric order, each standard that is not met
    and has no unwaived error finding. Fingerprints are unique within the
    descriptor; the descriptor's path is part of each, so they are unique
    across a run too.
    """
    descriptor = project_path(result.path)
    override = result.rubric.id if result.rubric is not None else None
    entries: list[tuple[Finding, StandardResult | None]] = [(f, None) for f in result.findings]
    entries += [(f, s) for s in result.standards for f in s.findings]
    entries.sort(key=lambda entry: (entry[0].sort_key(), entry[1].id if entry[1] else ""))
    issues: list[Issue] = []
    for finding, standard in entries:
        standard_id = standard.id if standard is not None else finding.standard
        waiver = finding.waiver
        issues.append(
            Issue(
                rule=finding.rule,
                standard=standard_id,
                rubric=override if standard_id is not None else None,
                severity=finding.severity,
                essential=standard is not None
                and standard.essential
                and standard.status == "not_met",
                message=finding.message,
                path=project_path(finding.file) if finding.file else descriptor,
                line=finding.line,
                column=finding.column,
                pointer=finding.pointer,
                related=tuple(
                    (r.message, project_path(r.file) if r.file else None, r.line, r.column)
                    for r in finding.related
                ),
                waiver=(waiver.reason, waiver.expires, waiver.source) if waiver else None,
                fingerprint="",
            )
        )
    for standard in result.standards:
        if standard.status == "not_met" and not any(
            f.severity == "error" and f.waiver is None for f in standard.findings
        ):
            issues.append(
                Issue(
                    rule="not-met",
                    standard=standard.id,
                    rubric=override,
                    severity="error",
                    essential=standard.essential,
                    message=_unmet_message(standard),
                    path=descriptor,
                    line=None,
                    column=None,
                    pointer=None,
                    related=(),
                    waiver=None,
                    fingerprint="",
                )
            )
    seen: set[str] = set()
    unique: list[Issue] = []
    for issue in issues:
        parts = [
            descriptor,
            issue.path,
            issue.rubric or "",
            issue.standard or "",
            issue.rule,
            issue.pointer or "",
            _masked(issue.message),
        ]
        fingerprint = _hash(parts)
        salt = 0
        while fingerprint in seen:
            salt += 1
            fingerprint = _hash([*parts, str(salt)])
        seen.add(fingerprint)
        unique.append(issue._replace(fingerprint=fingerprint))
    return unique


def pack(issues: list[Issue]) -> bytes | None:
    """``issues`` compressed for keeping until the end of a run (``None`` for none)."""
    if not issues:
        return None
    text = json.dumps(issues, ensure_ascii=True, separators=(",", ":"))
    return zlib.compress(text.encode("ascii"))


def unpack(packed: Any) -> list[Issue]:
    """The issues :func:`pack` compressed (none for ``None``)."""
    if not isinstance(packed, bytes):
        return []
    rows = json.loads(zlib.decompress(packed))
    return [
        Issue(
            rule=row[0],
            standard=row[1],
            rubric=row[2],
            severity=row[3],
            essential=row[4],
            message=row[5],
            path=row[6],
            line=row[7],
            column=row[8],
            pointer=row[9],
            related=tuple((m, p, line, column) for m, p, line, column in row[10]),
            waiver=(row[11][0], row[11][1], row[11][2]) if row[11] else None,
            fingerprint=row[12],
        )
        for row in rows
    ]


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def json_text(value: Any, depth: int = 0) -> str:
    """``value`` as JSON with ``indent=2``, moved ``depth`` levels in (its first line not).

    Control characters are escaped by JSON itself; the invisible and
    direction-changing ones, DEL, the C1 controls and lone surrogates are
    escaped too, so text from a file can neither hide nor reorder what a
    reader sees, nor make the output unwritable as UTF-8.
    """
    text = _UNSAFE_IN_JSON.sub(_escaped, json.dumps(value, indent=2, ensure_ascii=False))
    return text.replace("\n", "\n" + "  " * depth)


def rule_id(issue: Issue, rubric: str) -> str:
    """The rule id of ``issue`` in a run against the rubric ``rubric``."""
    if issue.standard is None:
        return issue.rule
    return f"{issue.rubric or rubric}/{issue.standard}"


def installed_rubric(ref: RubricRef) -> Rubric | None:
    """The installed rubric ``ref`` names (by exact ``id@version``), or ``None``.

    Only an id and a version are looked up, never a path.
    """
    from mcqa._semver import is_version
    from mcqa.rubrics import RubricError, default_registry, looks_like_path

    spec = f"{ref.id}@{ref.version}"
    if looks_like_path(spec) or not is_version(ref.version):
        return None
    try:
        rubric = default_registry().load(spec)
    except RubricError:
        return None
    return rubric if (rubric.id, rubric.version) == (ref.id, ref.version) else None


# -- SARIF ---------------------------------------------------------------------------


def _pascal(text: str) -> str:
    """``Measurable outcomes`` → ``MeasurableOutcomes``."""
    return "".join(word[:1].upper() + word[1:] for word in _WORD.findall(text))


def _heading_anchor(text: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, ``-`` for spaces.

    >>> _heading_anchor("2.2 Measurable outcomes")
    '22-measurable-outcomes'
    """
    return _HEADING_DROP.sub("", text.lower()).replace(" ", "-")


def _published_at(rubric: Rubric) -> str | None:
    """The address of the rubric's published text, for a rubric that ships with mcqa.

    The text of each bundled rubric that is not a draft is published as
    ``docs/standard/<id>-<version>.md``; other rubrics have no address.
    """
    from mcqa._data import DataMissingError, rubrics_dir

    if rubric.status == "draft" or not re.fullmatch(r"[a-z0-9][a-z0-9._+-]*", rubric.version):
        return None
    try:
        bundled = (rubrics_dir() / rubric.id / f"{rubric.version}.yaml").is_file()
    except DataMissingError:
        return None
    return f"{STANDARD_DOCS_URL}/{rubric.id}-{rubric.version}.md" if bundled else None


def _standard_rule(
    rubric: Rubric, category: Category, standard: Standard, docs: str | None
) -> dict[str, Any]:
    help_text = (standard.annotation or standard.text).strip()
    rule: dict[str, Any] = {
        "id": f"{rubric.id}/{standard.id}",
        "name": _pascal(standard.title) or f"Standard{_pascal(standard.id)}",
        "shortDescription": {"text": standard.title},
        "fullDescription": {"text": standard.text.strip()},
        "help": {"text": help_text, "markdown": help_text},
    }
    if docs is not None:
        anchor = quote(_heading_anchor(f"{standard.id} {standard.title}"), safe="-_")
        rule["helpUri"] = f"{docs}#{anchor}"
    rule["defaultConfiguration"] = {"level": "error"}
    rule["properties"] = {
        "category": category.id,
        "essential": standard.essential,
        "mode": standard.mode,
        "points": standard.points,
    }
    return rule


def _rules(rubric: Rubric | None) -> list[dict[str, Any]]:
    """The driver's rules: the rubric's standards in rubric order, then :data:`FILE_RULES`."""
    rules: list[dict[str, Any]] = []
    if rubric is not None:
        docs = _published_at(rubric)
        rules += [_standard_rule(rubric, c, s, docs) for c, s in rubric.iter_standards()]
    rules += [
        {"id": rule, "name": _pascal(rule), "shortDescription": {"text": text}}
        for rule, text in sorted(FILE_RULES.items())
    ]
    return rules


def _quoted(path: str, safe: str) -> str:
    """``path`` percent-encoded for a URI: a name that is not UTF-8 keeps its own bytes."""
    try:
        return quote(path, safe=safe, errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(path, safe=safe, errors="backslashreplace")


def _physical(path: str, line: int | None, column: int | None) -> dict[str, Any]:
    if _absolute(path):
        prefix = "file://" if path.startswith("/") else "file:///"
        artifact: dict[str, Any] = {"uri": prefix + _quoted(path, "/:")}
    else:
        artifact = {"uri": _quoted(path, "/"), "uriBaseId": "%SRCROOT%"}
    where: dict[str, Any] = {"artifactLocation": artifact}
    if line is not None:
        region = {"startLine": line}
        if column is not None:
            region["startColumn"] = column
        where["region"] = region
    return where


def _sarif_result(issue: Issue, rubric: str, index: dict[str, int]) -> dict[str, Any]:
    rule = rule_id(issue, rubric)
    out: dict[str, Any] = {"ruleId": rule}
    if rule in index:
        out["ruleIndex"] = index[rule]
    out["level"] = _LEVELS.get(issue.severity, "warning")
    out["message"] = {"text": issue.message}
    out["locations"] = [{"physicalLocation": _physical(issue.path, issue.line, issue.column)}]
    if issue.related:
        out["relatedLocations"] = [
            {"physicalLocation": _physical(p or issue.path, line, column), "message": {"text": m}}
            for m, p, line, column in issue.related
        ]
    out["partialFingerprints"] = {FINGERPRINT_KEY: issue.fingerprint}
    if issue.waiver is not None:
        reason, expires, source = issue.waiver
        suppression: dict[str, Any] = {
            "kind": "external",
            "status": "accepted",
            "justification": reason,
        }
        bag = {k: v for k, v in (("expires", expires), ("source", source)) if v is not None}
        if bag:
            suppression["properties"] = bag
        out["suppressions"] = [suppression]
    properties: dict[str, Any] = {}
    if issue.standard is not None:
        properties["rule"] = issue.rule
    if issue.pointer is not None:
        properties["pointer"] = issue.pointer
    if issue.essential:
        properties["essential"] = True
    if properties:
        out["properties"] = properties
    return out


class SarifReporter:
    """SARIF 2.1.0: the rubric's standards as rules, each finding a result (module doc)."""

    NAME: ClassVar[str] = "sarif"
    DESCRIPTION: ClassVar[str] = "SARIF 2.1.0, for GitHub code scanning and SARIF viewers"
    SEPARATOR: ClassVar[str] = ""

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options, installed_rubric(report.rubric))

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        driver = {
            "name": run.tool.name,
            "version": run.tool.version,
            "informationUri": HOMEPAGE,
            "rules": _rules(run.standard),
        }
        return (
            f'{{\n  "$schema": {json.dumps(SARIF_SCHEMA)},\n'
            f'  "version": {json.dumps(SARIF_VERSION)},\n'
            f'  "runs": [\n    {{\n      "tool": {json_text({"driver": driver}, 3)},\n'
            f'      "columnKind": "unicodeCodePoints",\n      "results": ['
        )

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        return ""  # written by end(): see "Streaming" in the module's documentation

    def digest(self, result: DescriptorResult) -> Any:
        return pack(issues_of(result))

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        index = {rule["id"]: i for i, rule in enumerate(_rules(run.standard))}
        results = [
            "\n        " + json_text(_sarif_result(issue, run.rubric.id, index), 4)
            for packed in digests
            for issue in unpack(packed)
            if options.verbose or issue.severity != "info"
        ]
        properties = {
            "rubric": f"{run.rubric.id}@{run.rubric.version}",
            "summary": summary.model_dump(),
        }
        close = ",".join(results) + "\n      ]" if results else "]"
        return f'{close},\n      "properties": {json_text(properties, 3)}\n    }}\n  ]\n}}\n'
