"""Compare a run with an earlier JSON report: which findings are new, unchanged or fixed.

A catalog that adopts mcqa late starts with many findings. With a *baseline*
(a report written earlier by ``mcqa check -f json``), a run tells what it
adds from what was already there, and fails only on what it adds::

    baseline = load_baseline(Path("old-report.json"), rubric_id="mcqa-core")
    tally = BaselineTally()
    for result in iter_results(plan):          # one result at a time, none kept
        comparison = compare(baseline, result)
        tally.add(comparison)
        ...                                    # show comparison.new, say
    tally.finish(baseline)                     # descriptors gone since the baseline
    failed = tally.fails

Which findings are "the same"
    A finding is known by the fingerprint SARIF writes for it
    (``mcqaFindingHash/v1``, :func:`mcqa.reporters.sarif.issues_of`): a hash of
    its rule, standard, descriptor, file, JSON pointer and message with every
    number masked, but not of its line or column. Inserting or moving lines
    above a finding keeps it *unchanged*; editing what its message says
    (another field name, another word) makes it *new*, and the old one
    *fixed*. A standard that is not met without an error finding of its own
    counts as one finding (rule ``not-met``), as in SARIF. A finding whose
    severity or waiver changed keeps its fingerprint.

    Informational findings (severity ``info``: the automated suggestions for
    reviewers, notes on how a value was read) are left out of the comparison:
    they never fail a run, and a text report shows them only with ``--verbose``.

Which descriptors are "the same"
    Descriptors are matched by path, as the reports show it (``./`` and
    doubled ``/`` aside): run from the same folder, naming the catalog the
    same way, as when the baseline was written. A renamed descriptor is a
    new descriptor, and the old path's findings are fixed.

New, unchanged, fixed
    For each result of the run (:func:`compare`), each of its findings is
    *new* (its fingerprint is not among the baseline's for that path) or
    *unchanged*; each of the baseline's fingerprints for that path that the
    result no longer has is *fixed*. At the end (:meth:`BaselineTally.finish`)
    a baseline descriptor that the run did not see counts as *removed* when
    its file is gone, and all its findings as fixed; one whose file is still
    there was only left out of this run (a run on part of the catalog, or with
    ``--changed-since``) and counts as *not checked*: neither fixed nor unchanged.

When a run fails
    With a baseline, a run fails when, and only when, some descriptor

    * has a **new error** finding that is not waived (an unmet standard's
      ``not-met`` included), or
    * **got worse**: its decision is now ``not_conformant`` or ``error``, and
      was better in the baseline (``conformant`` or ``pending_review``, or
      ``not_conformant`` that is now ``error``).

    Unchanged findings never fail a run, whatever their severity; new
    warnings inform. A descriptor that is new since the baseline has only new
    findings, so it fails on any error. (This rule replaces ``--fail-on``:
    see :attr:`Comparison.fails`.)

Why findings are not marked in the report
    A :class:`~mcqa.models.Finding` has no free-form field to carry
    ``new``/``unchanged``, and the report's schema is published and
    versioned, so the reports stay as they are. :func:`compare` returns a
    :class:`Comparison` instead (the new and unchanged findings as
    :class:`~mcqa.reporters.sarif.Issue` values, with their messages and
    locations), and the caller shows a baseline section of its own.

Streaming and memory
    :func:`load_baseline` reads the report one result at a time (any size:
    never the whole file at once), and keeps, per descriptor path, only its
    decision and the fingerprints of its findings, packed as 16 bytes each.
    :func:`compare` needs one result; where a run renders results in worker
    processes and keeps only what they rendered, the SARIF format's digest of
    each result (:meth:`~mcqa.reporters.sarif.SarifReporter.digest`) holds the
    same issues: :func:`compare_issues` takes them
    (``unpack(rendered.digests[i])``).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Final, get_args

from pydantic import ValidationError

from mcqa.models.report import REPORT_FORMAT, Decision, DescriptorResult, RubricRef
from mcqa.reporters.sarif import Issue, issues_of, project_path

__all__ = [
    "Baseline",
    "BaselineError",
    "BaselineTally",
    "Comparison",
    "compare",
    "compare_issues",
    "load_baseline",
]

#: Decisions as the report has them, each string kept once.
_DECISIONS: Final[dict[str, Decision]] = {value: value for value in get_args(Decision)}

#: Decisions that fail a descriptor, and how bad each is.
_RANK: Final[dict[str, int]] = {
    "conformant": 0,
    "pending_review": 1,
    "not_conformant": 2,
    "error": 3,
}
_FAILING: Final = frozenset({"not_conformant", "error"})

#: Bytes of a fingerprint (its 32 hexadecimal digits).
_WIDTH = 16


class BaselineError(Exception):
    """The baseline report cannot be used; the message says which file, where and why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _digest(fingerprint: str) -> bytes:
    """A fingerprint as 16 bytes (one that is not 32 hexadecimal digits is hashed to 16)."""
    try:
        raw = bytes.fromhex(fingerprint)
    except ValueError:
        raw = b""
    if len(raw) != _WIDTH:
        raw = hashlib.sha256(fingerprint.encode("utf-8", "surrogatepass")).digest()[:_WIDTH]
    return raw


def _split(packed: bytes) -> set[bytes]:
    return {packed[i : i + _WIDTH] for i in range(0, len(packed), _WIDTH)}


def _compared(issues: Iterable[Issue]) -> Iterator[Issue]:
    """The issues a baseline compares: every one but the informational ones."""
    return (issue for issue in issues if issue.severity != "info")


@dataclass(frozen=True)
class Baseline:
    """What an earlier report said of each descriptor: its decision and its findings' fingerprints.

    Built by :func:`load_baseline`; read only afterwards, so one baseline serves
    a whole run. Paths are the reports' (normalised: see the module's
    documentation); fingerprints are SARIF's ``mcqaFindingHash/v1``.
    """

    source: str
    """The report file, as it was named."""
    rubric: RubricRef
    """The rubric the report was made against (its version may differ from the run's)."""
    tool_version: str
    """The version of mcqa that wrote the report."""
    _entries: dict[str, tuple[Decision, bytes]] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and project_path(path) in self._entries

    def paths(self) -> Iterator[str]:
        """Every descriptor path of the report, in report order."""
        return iter(self._entries)

    def decision(self, path: str) -> Decision | None:
        """The descriptor's decision in the report; ``None`` when the report does not have it."""
        entry = self._entries.get(project_path(path))
        return entry[0] if entry is not None else None

    def fingerprints(self, path: str) -> frozenset[str]:
        """The fingerprints of the descriptor's findings in the report (none when absent)."""
        entry = self._entries.get(project_path(path))
        return frozenset(d.hex() for d in _split(entry[1])) if entry is not None else frozenset()

    def count(self, path: str) -> int:
        """How many findings the report has for the descriptor (informational ones left out)."""
        entry = self._entries.get(project_path(path))
        return len(entry[1]) // _WIDTH if entry is not None else 0


@dataclass(frozen=True)
class Comparison:
    """One descriptor of the run beside the baseline (:func:`compare`)."""

    path: str
    """The descriptor's path, as the baseline knows it."""
    decision: Decision
    """The descriptor's decision in this run."""
    decision_before: Decision | None
    """Its decision in the baseline; ``None`` when the baseline does not have it."""
    new: tuple[Issue, ...]
    """Findings the baseline did not have, in report order."""
    unchanged: tuple[Issue, ...]
    """Findings the baseline had too, in report order."""
    fixed: tuple[str, ...]
    """Fingerprints of the baseline's findings of this descriptor that are gone (sorted)."""

    @property
    def in_baseline(self) -> bool:
        """Whether the baseline has this descriptor."""
        return self.decision_before is not None

    @property
    def new_errors(self) -> tuple[Issue, ...]:
        """New findings that fail a run: errors (``not-met`` included) that are not waived."""
        return tuple(i for i in self.new if i.severity == "error" and i.waiver is None)

    @property
    def worse(self) -> bool:
        """The decision is now failing (not conformant, error) and was better in the baseline."""
        before = self.decision_before
        return (
            before is not None
            and self.decision in _FAILING
            and _RANK[self.decision] > _RANK[before]
        )

    @property
    def fails(self) -> bool:
        """Whether this descriptor fails the run: a new error, or a decision that got worse."""
        return self.worse or bool(self.new_errors)


def compare_issues(
    baseline: Baseline, path: str, decision: str, issues: Iterable[Issue]
) -> Comparison:
    """Compare one descriptor of the run, given as its issues, with the baseline.

    ``issues`` are :func:`~mcqa.reporters.sarif.issues_of` the result (or the
    SARIF digest unpacked); ``path`` and ``decision`` are the result's.
    Raises :class:`ValueError` for a decision a report cannot have.
    """
    now = _DECISIONS.get(decision)
    if now is None:
        raise ValueError(f"{decision!r} is not a decision (one of {', '.join(_DECISIONS)})")
    key = project_path(path)
    entry = baseline._entries.get(key)
    before = _split(entry[1]) if entry is not None else set()
    new: list[Issue] = []
    unchanged: list[Issue] = []
    kept: set[bytes] = set()
    for issue in _compared(issues):
        digest = _digest(issue.fingerprint)
        if digest in before:
            unchanged.append(issue)
            kept.add(digest)
        else:
            new.append(issue)
    return Comparison(
        path=key,
        decision=now,
        decision_before=entry[0] if entry is not None else None,
        new=tuple(new),
        unchanged=tuple(unchanged),
        fixed=tuple(sorted(d.hex() for d in before - kept)),
    )


def compare(baseline: Baseline, result: DescriptorResult) -> Comparison:
    """Compare one result of the run with the baseline: its new, unchanged and fixed findings."""
    return compare_issues(baseline, result.path, result.decision, issues_of(result))


@dataclass
class BaselineTally:
    """Counts over a run compared with a baseline: :meth:`add` each comparison, then :meth:`finish`.

    Keeps the counts and the paths of the baseline descriptors seen, nothing else.
    """

    new: int = 0
    """New findings."""
    new_errors: int = 0
    """New findings that fail the run (:attr:`Comparison.new_errors`)."""
    unchanged: int = 0
    """Findings the baseline had too."""
    fixed: int = 0
    """The baseline's findings that are gone, those of removed descriptors included."""
    worse: int = 0
    """Descriptors whose decision got worse (:attr:`Comparison.worse`)."""
    failing: int = 0
    """Descriptors that fail the run (:attr:`Comparison.fails`)."""
    added: int = 0
    """Descriptors the baseline does not have."""
    removed: int = 0
    """Descriptors of the baseline whose file is gone (set by :meth:`finish`)."""
    not_checked: int = 0
    """Descriptors of the baseline whose file is still there but was not in the run
    (set by :meth:`finish`): neither fixed nor unchanged."""
    _seen: set[str] = field(default_factory=set, repr=False)
    _finished: bool = field(default=False, repr=False)

    def add(self, comparison: Comparison) -> None:
        """Count one descriptor of the run."""
        self.new += len(comparison.new)
        self.new_errors += len(comparison.new_errors)
        self.unchanged += len(comparison.unchanged)
        self.fixed += len(comparison.fixed)
        self.worse += comparison.worse
        self.failing += comparison.fails
        if comparison.in_baseline:
            self._seen.add(comparison.path)
        else:
            self.added += 1

    def finish(self, baseline: Baseline, *, root: Path | None = None) -> list[str]:
        """Account for the baseline's descriptors the run did not see; their paths if removed.

        A descriptor whose file no longer exists (its path taken from ``root``,
        default the current folder, where mcqa runs) is removed, and its findings
        are fixed. One whose file is still there is only *not checked*. Returns
        the removed descriptors' paths, in report order. Called once, after the
        last :meth:`add`; a second call changes nothing.
        """
        if self._finished:
            return []
        self._finished = True
        base = root if root is not None else Path.cwd()
        removed: list[str] = []
        for path in baseline.paths():
            if path in self._seen:
                continue
            if os.path.lexists(base / path):
                self.not_checked += 1
            else:
                removed.append(path)
                self.removed += 1
                self.fixed += baseline.count(path)
        return removed

    @property
    def fails(self) -> bool:
        """Whether the run fails: some descriptor has a new error or got worse."""
        return self.failing > 0

    def text(self) -> str:
        """The counts in one plain sentence, e.g. for the end of a text report."""
        parts = [
            f"{self.new} new finding{'' if self.new == 1 else 's'}"
            + (f" ({self.new_errors} failing)" if self.new_errors else ""),
            f"{self.unchanged} unchanged",
            f"{self.fixed} fixed",
        ]
        if self.worse:
            parts.append(f"{self.worse} descriptor{'' if self.worse == 1 else 's'} got worse")
        if self.added:
            parts.append(f"{self.added} new descriptor{'' if self.added == 1 else 's'}")
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.not_checked:
            parts.append(f"{self.not_checked} not checked in this run")
        return "compared with the baseline: " + ", ".join(parts)


# -- reading a report, one result at a time ---------------------------------------------

_CHUNK = 1 << 20
#: A value this close to the end of what was read may go on in the next chunk.
_MARGIN = 64
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class _Stream:
    """The text of a JSON file read a chunk at a time; values are parsed with :mod:`json`.

    Only what is not yet parsed is kept (at most one value and one chunk), and
    the line and column of any place are known, for messages.
    """

    def __init__(self, file: BinaryIO, name: str) -> None:
        self.file = file
        self.name = name
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0
        self.eof = False
        self.line = 1
        """The line of ``text[0]``."""
        self.column = 0
        """How many characters of its line come before ``text[0]``."""
        self.base = 0
        """How many characters of the file come before ``text[0]``."""

    def more(self, at_least: int = 0) -> bool:
        """Read the next chunk (dropping what was parsed); ``False`` at the end of the file.

        At least ``at_least`` bytes when that is more than a chunk: a value that
        spans many chunks is then read in as many doublings, not re-parsed once a chunk.
        """
        if self.eof:
            return False
        try:
            chunk = self.file.read(max(_CHUNK, at_least))
        except OSError as exc:
            raise BaselineError(f"cannot read the baseline {self.name}: {_reason(exc)}") from exc
        try:
            text = self.decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise BaselineError(
                f"{self.name}: the baseline is not a report mcqa writes: it is not UTF-8 text"
            ) from exc
        self.eof = not chunk
        if self.pos:
            done = self.text[: self.pos]
            newlines = done.count("\n")
            self.line += newlines
            self.base += len(done)
            self.column = len(done) - done.rfind("\n") - 1 if newlines else self.column + len(done)
            self.text = self.text[self.pos :]
            self.pos = 0
        self.text += text
        return True

    def mark(self) -> int:
        """The place reached, for :meth:`where_mark` (cheap: no line is counted)."""
        return self.base + self.pos

    def where_mark(self, mark: int) -> str:
        """``file:line:column`` of a place :meth:`mark` gave (still in the text kept)."""
        return self.where(max(0, mark - self.base))

    def where(self, pos: int | None = None) -> str:
        """``file:line:column`` of ``pos`` (default: the place reached)."""
        pos = self.pos if pos is None else pos
        newlines = self.text.count("\n", 0, pos)
        column = pos - self.text.rfind("\n", 0, pos) if newlines else self.column + pos + 1
        return f"{self.name}:{self.line + newlines}:{column}"

    def peek(self) -> str | None:
        """The next character that is not white space (not taken); ``None`` at the end."""
        while True:
            match = _WHITESPACE.match(self.text, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return None

    def take(self, expected: str, what: str) -> None:
        """Take the character ``expected``, or raise saying ``what`` was expected."""
        if self.peek() != expected:
            raise self.not_json(f"expected {what}")
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, parsed by :mod:`json` once all of it has been read."""
        if self.peek() is None:
            raise self.not_json("the file ends too early")
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self.text) - _MARGIN or exc.msg.startswith("Unterminated")
                if cut and self.more(len(self.text) - self.pos):
                    continue
                raise self.not_json(exc.msg[:1].lower() + exc.msg[1:], exc.pos) from exc
            except RecursionError as exc:
                raise self.not_json("values are nested too deep") from exc
            if end + _MARGIN >= len(self.text) and self.more(len(self.text) - self.pos):
                continue  # a number or a word at the end may go on in the next chunk
            self.pos = end
            return value

    def not_json(self, why: str, pos: int | None = None) -> BaselineError:
        return BaselineError(f"{self.where(pos)}: the baseline is not valid JSON: {why}")


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


class _Reader:
    """Builds a :class:`Baseline` from a report's top-level keys and its results, as they come."""

    def __init__(self, stream: _Stream, rubric_id: str | None) -> None:
        self.stream = stream
        self.rubric_id = rubric_id
        self.header: dict[str, Any] = {}
        self.entries: dict[str, tuple[Decision, bytes]] = {}
        self.checked = False
        self.listed = False
        """Whether the report's ``results`` list was read."""

    @property
    def name(self) -> str:
        return self.stream.name

    def read(self) -> Baseline:
        stream = self.stream
        first = stream.peek()
        if first is None:
            raise BaselineError(
                f"{self.name}: the baseline is empty; give a report of mcqa check -f json"
            )
        if first != "{":
            raise self.not_a_report("it is not a JSON object")
        stream.pos += 1
        keys = 0
        while stream.peek() != "}":
            if keys:
                stream.take(",", "',' or '}' after a value")
            keys += 1
            at = stream.mark()
            key = stream.value()
            if not isinstance(key, str):
                raise BaselineError(
                    f"{stream.where_mark(at)}: the baseline is not valid JSON: expected a key"
                )
            stream.take(":", "':' after a key")
            if key == "results" and stream.peek() == "[":
                self.results()
            else:
                self.header[key] = stream.value()
        stream.pos += 1
        if stream.peek() is not None:
            raise stream.not_json("more data after the report's closing '}'")
        self.check_header(final=True)
        if not self.listed:
            raise self.not_a_report('it has no "results" list')
        rubric = RubricRef.model_validate(self.header["rubric"])
        tool = self.header["tool"]
        return Baseline(
            source=self.name,
            rubric=rubric,
            tool_version=str(tool.get("version", "")),
            _entries=self.entries,
        )

    def not_a_report(self, why: str) -> BaselineError:
        return BaselineError(
            f"{self.name}: the baseline is not a report of mcqa check -f json ({why}); "
            "write one with: mcqa check PATHS -f json -o report.json"
        )

    def is_report(self) -> bool:
        tool = self.header.get("tool")
        return (
            "format_version" in self.header
            and isinstance(tool, dict)
            and tool.get("name") == "mcqa"
        )

    def check_header(self, *, final: bool) -> None:
        """Refuse a file that is not an mcqa report, or one for another rubric.

        Called when the results begin (mcqa writes the header first) and at the
        end, for a report whose keys were reordered.
        """
        if not self.is_report():
            if final:
                raise self.not_a_report('it has no "format_version" and "tool": {"name": "mcqa"}')
            return  # perhaps further on: its results are read, and tell
        version = self.header["format_version"]
        if version != REPORT_FORMAT or isinstance(version, bool):
            raise BaselineError(
                f"{self.name}: the baseline is a report in format {json.dumps(version)}; this "
                f"version of mcqa reads format {REPORT_FORMAT}: write the baseline again "
                "with this version"
            )
        rubric = self.header.get("rubric")
        if rubric is None:
            if final:
                raise self.not_a_report('it has no "rubric"')
            return
        try:
            ref = RubricRef.model_validate(rubric)
        except ValidationError as exc:
            raise self.not_a_report(
                f'its "rubric" is not an id and a version: {_first(exc)}'
            ) from exc
        if self.rubric_id is not None and ref.id != self.rubric_id:
            raise BaselineError(
                f"{self.name}: the baseline is a report against the rubric {ref.id!r} "
                f"({ref.id}@{ref.version}), and this run checks against {self.rubric_id!r}: "
                "findings of different rubrics cannot be compared; give a baseline made "
                f"against {self.rubric_id!r}"
            )
        self.checked = True

    def results(self) -> None:
        stream = self.stream
        if not self.checked:
            self.check_header(final=False)
        stream.pos += 1  # the '['
        self.listed = True
        if stream.peek() == "]":
            stream.pos += 1
            return
        number = 0
        while True:
            number += 1
            at = stream.mark()
            self.add(stream.value(), number, at)
            if stream.peek() == ",":
                stream.pos += 1
                continue
            stream.take("]", "',' or ']' after a result")
            return

    def add(self, data: Any, number: int, at: int) -> None:
        """Keep one result's decision and fingerprints; the result itself is dropped."""
        try:
            result = _result(data)
        except ValidationError as exc:
            if not self.is_report():
                raise self.not_a_report("its results are not descriptor results") from exc
            raise BaselineError(
                f"{self.stream.where_mark(at)}: result {number} of the baseline is not a descriptor result as mcqa "
                f"writes it: {_first(exc)}"
            ) from exc
        key = project_path(result.path)
        digests = {_digest(issue.fingerprint) for issue in _compared(issues_of(result))}
        earlier = self.entries.get(key)
        if earlier is not None:  # the same path twice: keep both's findings
            digests |= _split(earlier[1])
        self.entries[key] = (result.decision, b"".join(sorted(digests)))


def _result(data: Any) -> DescriptorResult:
    """``data`` as a result; fields this version does not know (a newer mcqa's) are dropped."""
    try:
        return DescriptorResult.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        if not all(error["type"] == "extra_forbidden" for error in errors):
            raise
        for error in errors:
            *parents, last = error["loc"]
            place = data
            for part in parents:
                place = place[part]
            del place[last]
    return DescriptorResult.model_validate(data)


def _first(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``where: what``."""
    error = exc.errors()[0]
    where = "/".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else str(error["msg"])


def load_baseline(path: Path, *, rubric_id: str | None = None) -> Baseline:
    """Read a report written by ``mcqa check -f json`` as a baseline.

    The report is read one result at a time, so its size does not matter;
    of each result only its decision and fingerprints are kept. Fields that
    a newer version of mcqa adds to results are ignored. With
    ``rubric_id`` (the id of the rubric the run checks against), a report
    made against another rubric is refused: its standards and findings are
    not comparable. Another version of the same rubric is accepted
    (:attr:`Baseline.rubric` says which); findings of renumbered or reworded
    standards then count as new and fixed.

    Raises :class:`BaselineError`, with a plain message that names the file
    (and the line and column, where there is one), when the file cannot be
    read, is not JSON, is not an mcqa report, is in a report format this
    version does not read, or is for another rubric.
    """
    name = str(path)
    try:
        if path.is_dir():
            raise BaselineError(f"{name}: the baseline is a folder, not a report file")
        file = path.open("rb")
    except FileNotFoundError as exc:
        raise BaselineError(f"cannot read the baseline {name}: there is no such file") from exc
    except OSError as exc:
        raise BaselineError(f"cannot read the baseline {name}: {_reason(exc)}") from exc
    with file:
        return _Reader(_Stream(file, name), rubric_id).read()
