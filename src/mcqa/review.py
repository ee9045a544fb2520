"""Review forms: read a folder of them, match each to its descriptor, validate them.

A form names its descriptor by ``descriptor.id`` (preferred) and
``descriptor.path`` (relative to the form's own folder). Forms for another
rubric are left out with a warning. A form with errors is set aside: none of
its answers count, and its errors, located in the form, become findings of
the descriptor it names (:func:`unusable_for`), which then cannot be found
conformant until the form is fixed; one that names no descriptor mcqa can
find is reported on its own (:meth:`ReviewSet.unplaced`).

Forms come from reviewers, and a descriptor from its provider, so neither is
trusted: a form's ``descriptor.path`` is only followed inside the project's
root (see :mod:`mcqa._paths`), a file that is not a form or not a descriptor
is described without quoting it, and everything :func:`render_form` writes
from a descriptor, a rubric or earlier forms is quoted or escaped so that it
cannot add keys, comments or lines to the form.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from pydantic import ValidationError

from mcqa._paths import (
    files_below,
    find_root,
    inside,
    looks_like,
    outside_message,
    schema_fields,
)
from mcqa._pool import ordered_pairs
from mcqa.load import Document, file_problem, join_pointer, load_path, load_text, sha256_hex
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult
from mcqa.models.review import Answer, Review
from mcqa.models.rubric import LevelScale, Rubric
from mcqa.rubrics import RubricError, RubricRegistry, default_registry
from mcqa.validate import build_model, suggest, validate_document, validate_model, without

__all__ = [
    "FormChangedError",
    "FormEntry",
    "FormParts",
    "ReviewSet",
    "UnusableForm",
    "amendment_notes",
    "changed_fields",
    "field_hashes",
    "form_parts",
    "load_reviews",
    "render_form",
    "reviews_for",
    "schema_location",
    "unusable_for",
    "validate_review",
]

_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class _Form:
    """A usable review form, held in memory."""

    path: Path
    review: Review
    by_path: bool = True
    """Whether ``descriptor.path`` may find the descriptor (it stays inside the root)."""

    @property
    def descriptor_id(self) -> str | None:
        """The ``descriptor.id`` the form names."""
        return self.review.descriptor.id

    @property
    def descriptor_path(self) -> str:
        """The ``descriptor.path`` the form names, as written."""
        return self.review.descriptor.path

    @property
    def target_key(self) -> str | None:
        """The descriptor file ``descriptor.path`` leads to, resolved (when it may be used)."""
        return str((self.path.parent / self.descriptor_path).resolve()) if self.by_path else None


class FormChangedError(Exception):
    """A review form changed on disk after mcqa had read and validated it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the review form {path} changed while mcqa was checking the catalog; run the "
            "check again"
        )
        self.path = path


@dataclass(frozen=True, slots=True)
class _FormRef:
    """A usable review form that was read and validated, kept as the little that finds
    its descriptor: its answers are read again from the file when a descriptor needs
    them, so that a large forms folder is not held in memory by every process.

    Strings and bytes, not paths: a catalog's worth of these is sent to every worker.
    The file must still hold what was validated (its SHA-256 is compared), else
    :class:`FormChangedError` is raised.
    """

    file: str
    """The form's file, as an absolute path."""
    descriptor_id: str | None
    descriptor_path: str
    sha256: bytes
    target_key: str | None
    """The descriptor file ``descriptor.path`` leads to, resolved; ``None`` when that
    leads outside the root, so that the form finds its descriptor by id only."""

    @property
    def path(self) -> Path:
        """The form's file, as an absolute path."""
        return Path(self.file)

    @property
    def by_path(self) -> bool:
        """Whether ``descriptor.path`` may find the descriptor (it stays inside the root)."""
        return self.target_key is not None

    @property
    def review(self) -> Review:
        """The form's answers, read from its file again."""
        document = load_path(self.path)
        if bytes.fromhex(document.sha256) != self.sha256:
            raise FormChangedError(self.path)
        review, _ = build_model(document, Review)
        if review is None:  # cannot be: the same bytes were valid
            raise FormChangedError(self.path)
        return review


class _FormFile(Sequence[_FormRef]):
    """Usable review forms kept in a SQLite file instead of in memory.

    A catalog run gives this to every worker process (pickled, it is only the
    file's name): each looks a descriptor's forms up with an indexed query, so
    no process holds the forms, however many there are. Written once by
    :func:`load_reviews` (:meth:`add`, then :meth:`seal`), then only read; each
    process opens it read-only the first time it asks.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._count = 0
        self._db: sqlite3.Connection | None = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE forms (n INTEGER PRIMARY KEY, file TEXT NOT NULL, "
            "descriptor_id TEXT, descriptor_path TEXT NOT NULL, sha256 BLOB NOT NULL, "
            "target TEXT)"
        )
        self._sealed = False

    def add(self, form: _FormRef) -> None:
        """Add the next form (forms keep the order they are added in)."""
        assert self._db is not None and not self._sealed
        self._db.execute(
            "INSERT INTO forms VALUES (?, ?, ?, ?, ?, ?)",
            (
                self._count,
                form.file,
                form.descriptor_id,
                form.descriptor_path,
                form.sha256,
                form.target_key,
            ),
        )
        self._count += 1

    def seal(self) -> None:
        """Index the forms and close the file for writing; it is only read from now on."""
        if self._sealed:
            return
        assert self._db is not None
        self._db.execute("CREATE INDEX by_id ON forms (descriptor_id)")
        self._db.execute("CREATE INDEX by_target ON forms (target)")
        self._db.commit()
        self._db.close()
        self._db = None
        self._sealed = True

    def _reader(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode=ro", uri=True)
        return self._db

    def matching(self, descriptor_id: str | None, target_key: str) -> list[_FormRef]:
        """The forms naming ``descriptor_id``, and those naming the file ``target_key`` that
        match by path (as :func:`reviews_for` matches), in the order they were added."""
        rows = self._reader().execute(
            f"SELECT {_COLUMNS} FROM forms WHERE descriptor_id = ?1 "
            f"UNION SELECT {_COLUMNS} FROM forms WHERE target = ?2 "
            "AND (descriptor_id IS NULL OR ?1 IS NULL) ORDER BY n",
            (descriptor_id, target_key),
        )
        return [_FormRef(*row[1:]) for row in rows]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> _FormRef: ...

    @overload
    def __getitem__(self, index: slice) -> list[_FormRef]: ...

    def __getitem__(self, index: int | slice) -> _FormRef | list[_FormRef]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        number = index + self._count if index < 0 else index
        row = (
            self._reader()
            .execute(f"SELECT {_COLUMNS} FROM forms WHERE n = ?", (number,))
            .fetchone()
        )
        if row is None:
            raise IndexError(index)
        return _FormRef(*row[1:])

    def __iter__(self) -> Iterator[_FormRef]:
        for row in self._reader().execute(f"SELECT {_COLUMNS} FROM forms ORDER BY n"):
            yield _FormRef(*row[1:])

    def __getstate__(self) -> dict[str, Any]:
        self.seal()
        return {"path": self.path, "count": self._count}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self._count = state["path"], state["count"]
        self._db, self._sealed = None, True


_COLUMNS = "n, file, descriptor_id, descriptor_path, sha256, target"


#: The rule of the findings a review form that could not be used gives its descriptor.
UNUSABLE_RULE = "review-form-unusable"


@dataclass(frozen=True)
class UnusableForm:
    """A file of the forms folder set aside for its errors, and the descriptor it names.

    None of its answers count. ``descriptor_id`` and ``descriptor_file`` (the
    descriptor's file, resolved: only one inside the root that exists) are
    what the form says of its descriptor, read from the form as far as it can
    be read; ``left_out`` says why no descriptor's result can show the form
    (``None`` when one can).
    """

    path: Path
    errors: tuple[Finding, ...]
    descriptor_id: str | None = None
    descriptor_file: Path | None = None
    left_out: str | None = None

    def about(self, descriptor_path: Path, descriptor_id: str | None) -> bool:
        """Whether this form names that descriptor (as :func:`reviews_for` matches forms)."""
        if self.left_out is not None:
            return False
        if self.descriptor_id is not None and descriptor_id is not None:
            return self.descriptor_id == descriptor_id
        return (
            self.descriptor_file is not None and self.descriptor_file == descriptor_path.resolve()
        )


@dataclass
class ReviewSet:
    """Every readable review form of a folder, and the problems found reading them.

    ``rubrics`` holds the other rubric versions forms were made for (by
    ``id@version``), so the engine can carry their answers forward.
    ``unusable`` holds the files set aside for their errors (their errors are
    in ``findings`` too).
    """

    forms: Sequence[_Form | _FormRef] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    unusable: list[UnusableForm] = field(default_factory=list)
    _index: tuple[int, dict[str, list[int]], dict[str, list[int]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Positions of the forms by the descriptor id and by the resolved path they name,
    built when first needed (and again if forms were added since)."""

    def positions(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """The forms' positions by descriptor id (forms that name one) and by resolved
        descriptor path, as a string (forms that name one by path), so a descriptor's
        forms are found in constant time, not by reading every form."""
        if self._index is None or self._index[0] != len(self.forms):
            by_id: dict[str, list[int]] = {}
            by_path: dict[str, list[int]] = {}
            for index, form in enumerate(self.forms):
                if form.descriptor_id is not None:
                    by_id.setdefault(form.descriptor_id, []).append(index)
                target = form.target_key
                if target is not None:
                    by_path.setdefault(target, []).append(index)
            self._index = (len(self.forms), by_id, by_path)
        return self._index[1], self._index[2]

    @property
    def ok(self) -> bool:
        """True when no form has an error."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def reviews(self) -> list[Review]:
        """Every readable form, in file order."""
        return [form.review for form in self.forms]

    def unplaced(self) -> list[Finding]:
        """The errors of the files set aside that no descriptor's result can show, as
        warnings (rule ``review-form-unusable``), each where the error is."""
        return [
            error.model_copy(
                update={
                    "rule": UNUSABLE_RULE,
                    "severity": "warning",
                    "message": f"this review form could not be used, and {form.left_out}, "
                    f"so no result shows it: {error.message}",
                }
            )
            for form in self.unusable
            if form.left_out is not None
            for error in form.errors
        ]


def unusable_for(
    reviews: ReviewSet, descriptor_path: Path, descriptor_id: str | None
) -> list[Finding]:
    """The errors of the forms about one descriptor that were set aside, as that
    descriptor's findings (rule ``review-form-unusable``), each where it is in the form.

    Give them to :func:`mcqa.evaluate.evaluate_document` (``unusable_forms``): they
    join the result, and the descriptor is then not found conformant.
    """
    return [
        error.model_copy(
            update={
                "rule": UNUSABLE_RULE,
                "severity": "error",
                "standard": None,
                "message": f"this review form could not be used, so none of its answers "
                f"count: {error.message}",
            }
        )
        for form in reviews.unusable
        if form.about(descriptor_path, descriptor_id)
        for error in form.errors
    ]


def form_files(folder: Path) -> Iterator[str]:
    """The files under ``folder`` read as review forms (``.yaml``, ``.yml``, ``.json``),
    in path order (as :class:`Path` objects sort), one at a time: a folder of any size
    is read in the same memory. Hidden files count; links to folders are not followed."""
    for file in files_below(folder, hidden=True, order="parts"):
        name = file[file.rfind("/") + 1 :]
        dot = name.rfind(".")  # the suffix as Path.suffix has it: ".yaml" has none
        if dot > 0 and name[dot:].lower() in _SUFFIXES:
            yield file


@dataclass(frozen=True)
class _FormRead:
    """What reading one file of a forms folder gave (see :class:`_FormReader`)."""

    findings: tuple[Finding, ...] = ()
    unusable: UnusableForm | None = None
    form: _Form | _FormRef | None = None
    made_for: str | None = None
    """The other version of the rubric a usable form was made for."""


class _FormReader:
    """Reads one file of a forms folder: what :func:`load_reviews` does for each.

    Picklable, so that worker processes can read a large folder's forms in
    parallel; the other rubric versions forms were made for are loaded once
    per process.
    """

    def __init__(
        self, folder: Path, root: Path, rubric: Rubric, registry: RubricRegistry, hold: bool
    ) -> None:
        self.folder = folder
        self.root = root
        self.rubric = rubric
        self.registry = registry
        self.hold = hold
        self.accepted = {rubric.id, *rubric.supersedes}
        self.loaded: dict[str, Rubric | None] = {}

    def other(self, ref: str) -> Rubric | None:
        """The rubric version ``ref``, or ``None`` when mcqa does not have it."""
        if ref not in self.loaded:
            try:
                self.loaded[ref] = self.registry.load(ref)
            except RubricError:
                self.loaded[ref] = None
        return self.loaded[ref]

    def __call__(self, path: Path) -> _FormRead:
        rubric, root = self.rubric, self.root
        if inside(root, path) is None and inside(self.folder, path) is None:
            refused = Finding(
                rule="outside-root",
                message=f"this file is a symbolic link leading outside the project folder "
                f"{root}; mcqa does not read it",
                file=str(path),
            )
            return _FormRead((refused,), UnusableForm(path, (refused,), left_out=_NO_DESCRIPTOR))
        problem = file_problem(path)
        if problem is not None:  # a pipe or a device named like a form
            unread = Finding(
                rule="io",
                message=f"not read as a review form: {problem}",
                severity="warning",
                file=str(path),
                line=1,
                column=1,
            )
            return _FormRead((unread,))
        document = load_path(path)
        named = _named(document)
        if not looks_like(named, "review"):
            found = tuple(_not_a_form(document))
            return _FormRead(found, UnusableForm(path, found, left_out=_NO_DESCRIPTOR))
        review, validated = validate_model(document, "review", Review)
        findings = list(validated)
        if review is None:
            made_for = named.get("rubric")
            other = isinstance(made_for, str) and made_for.partition("@")[0] not in self.accepted
            aside = _set_aside(
                path,
                [f for f in findings if f.severity == "error"],
                named.get("descriptor"),
                root,
                f"it is for {made_for}, not {rubric.ref}" if other else None,
            )
            return _FormRead(tuple(findings), aside)
        by_path = _descriptor_path_ok(document, review, path, root, findings)
        if review.rubric.partition("@")[0] not in self.accepted:
            findings.append(
                document.finding(
                    "review-rubric",
                    f"this form is for {review.rubric}, not {rubric.ref}; it is left out",
                    "/rubric",
                    severity="warning",
                )
            )
            return _FormRead(tuple(findings))
        made_under: Rubric | None = rubric
        if review.rubric != rubric.ref:
            made_under = self.other(review.rubric)
            how = (
                "answers on standards unchanged since then are carried forward"
                if made_under is not None
                else "mcqa does not have that version, so none of its answers count"
            )
            findings.append(
                document.finding(
                    "review-rubric",
                    f"this form was made for {review.rubric}; the check uses {rubric.ref}: {how}",
                    "/rubric",
                    severity="info",
                )
            )
        made_for = review.rubric if review.rubric != rubric.ref else None
        unknown = _unknown_standards(document, review, made_under) if made_under else []
        if unknown:  # an answer that counts for nothing: the form must be fixed first
            findings.extend(unknown)
            written = review.descriptor.model_dump(include={"id", "path"})
            aside = _set_aside(path, unknown, written, root)
            return _FormRead(tuple(findings), aside, made_for=made_for)
        form: _Form | _FormRef = (
            _Form(path, review, by_path)
            if self.hold
            else _FormRef(
                str(path.absolute()),  # read again by workers, maybe on other machines
                review.descriptor.id,
                review.descriptor.path,
                bytes.fromhex(document.sha256),
                str((path.parent / review.descriptor.path).resolve()) if by_path else None,
            )
        )
        return _FormRead(tuple(findings), form=form, made_for=made_for)


#: The reader of this worker process (see :func:`_read_in_worker`).
_WORKER_READER: list[_FormReader] = []


def _init_reader(reader: _FormReader) -> None:
    _WORKER_READER[:] = [reader]


def _read_in_worker(file: str) -> _FormRead:
    return _WORKER_READER[0](Path(file))


#: Forms a folder needs before reading them takes more worker processes than one.
_PARALLEL_FROM = 256


def load_reviews(
    folder: Path,
    rubric: Rubric,
    registry: RubricRegistry | None = None,
    *,
    root: Path | None = None,
    jobs: int = 1,
    hold: bool = True,
    store: Path | None = None,
) -> ReviewSet:
    """Read every form under ``folder`` that is for ``rubric``: any version of it,
    or a rubric it ``supersedes``. Forms for other rubrics are left out with a
    warning. The versions other forms were made for are loaded from
    ``registry`` (default: the bundled and installed rubrics).

    ``root`` is the folder paths written in forms must stay in (default: found
    from ``folder``, see :func:`mcqa._paths.find_root`). A file that is a
    symbolic link leading outside both ``root`` and ``folder`` is not read; a
    file that is not a review form is reported without quoting it; a
    ``descriptor.path`` leading outside ``root`` is not used to find the
    descriptor (a warning says so).

    ``jobs`` worker processes read a large folder (the set is the same for any
    number). With ``hold=False`` the set keeps, of each usable form, only what
    finds its descriptor, and reads its answers from the file again when
    :func:`reviews_for` asks: memory then stays small whatever the number of
    forms. With ``store`` too (a new file's path; ``hold`` must be ``False``),
    those few facts go into a SQLite file there instead of memory, and every
    process that is given the set looks its forms up in that file (``mcqa check``
    does this, in a temporary folder, unless it runs on a cluster). The caller
    removes the file when the set is no longer used.
    """
    if store is not None and hold:
        raise ValueError("a set of forms kept in a file keeps no answers: give hold=False")
    result = ReviewSet()
    registry = registry or default_registry()
    root = find_root(folder) if root is None else root.resolve()
    reader = _FormReader(folder, root, rubric, registry, hold)
    reads = ordered_pairs(
        _read_in_worker,
        form_files(folder),
        workers=jobs,
        initializer=_init_reader,
        initargs=(reader,),
        per_worker=_PARALLEL_FROM // 2,
    )
    kept: list[_Form | _FormRef] = []
    on_disk = _FormFile(store) if store is not None else None
    for _, read in reads:
        result.findings.extend(read.findings)
        if read.unusable is not None:
            result.unusable.append(read.unusable)
        if read.made_for is not None and read.made_for not in result.rubrics:
            other = reader.other(read.made_for)
            if other is not None:
                result.rubrics[read.made_for] = other
        if isinstance(read.form, _FormRef) and on_disk is not None:
            on_disk.add(read.form)
        elif read.form is not None:
            kept.append(read.form)
    if on_disk is not None:
        on_disk.seal()
        result.forms = on_disk
    else:
        result.forms = kept
    return result


_NO_DESCRIPTOR = "mcqa cannot tell which descriptor it is for"
_LAST_KEYS = re.compile(r"^(?:standards|retired)\s*:")


def _named(document: Document) -> Any:
    """The form's data; for a form that is not valid YAML, its header (everything above
    ``standards:``) when that can be read, so that the form still names its descriptor."""
    if document.data is not None or document.text is None or document.format != "yaml":
        return document.data
    lines = document.text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if _LAST_KEYS.match(line)), None)
    if not end:
        return None
    return load_text("".join(lines[:end]), path=document.path, format="yaml").data


def _set_aside(
    path: Path,
    errors: Sequence[Finding],
    written: Any,
    root: Path,
    left_out: str | None = None,
) -> UnusableForm:
    """A form set aside for ``errors``, with the descriptor its ``descriptor:`` mapping
    (``written``, as read) names: by id, or by a path to a file inside ``root``."""
    written = written if isinstance(written, dict) else {}
    ident = written.get("id")
    descriptor_id = ident if isinstance(ident, str) and ident.strip() else None
    relative = written.get("path")
    real = inside(root, path.parent / relative) if isinstance(relative, str) and relative else None
    descriptor_file = real if real is not None and real.is_file() else None
    if left_out is None and descriptor_id is None and descriptor_file is None:
        left_out = _NO_DESCRIPTOR
    return UnusableForm(path, tuple(errors), descriptor_id, descriptor_file, left_out)


def _unknown_standards(document: Document, review: Review, rubric: Rubric) -> list[Finding]:
    """An error at each standard id of the form that ``rubric`` does not have."""
    known = {s.id for _, s in rubric.iter_standards()}
    return [
        _unknown_standard(document, standard_id, rubric, known)
        for standard_id in review.standards
        if standard_id not in known
    ]


def _unknown_standard(
    document: Document, standard_id: str, rubric: Rubric, known: set[str]
) -> Finding:
    hint = suggest(standard_id, known)
    return document.finding(
        "review-standard",
        f"{rubric.ref} has no standard {standard_id!r}"
        + (f"; did you mean {hint!r}?" if hint else ""),
        join_pointer("/standards", standard_id),
        key=True,
    )


def _not_a_form(document: Document) -> list[Finding]:
    """What is wrong with a file in a forms folder that is not a review form, unquoted."""
    if document.data is None:  # unreadable: say where, not what
        return validate_document(document, "review", quote_content=False)
    return [
        document.finding(
            "review-not-a-form",
            "this file is not a review form (a form has rubric: and descriptor: at its top); "
            "keep only review forms in this folder",
            "",
        )
    ]


def _descriptor_path_ok(
    document: Document, review: Review, path: Path, root: Path, findings: list[Finding]
) -> bool:
    """Whether the form's ``descriptor.path`` stays inside ``root``; a warning when not."""
    written = review.descriptor.path
    candidate = path.parent / written
    if inside(root, candidate) is not None:
        return True
    then = (
        "this form is matched to its descriptor by id only"
        if review.descriptor.id is not None
        else "this form is matched to no descriptor (give descriptor.id, or a path inside)"
    )
    findings.append(
        document.finding(
            "outside-root",
            outside_message("the descriptor path", written, root, candidate) + f"; {then}",
            "/descriptor/path",
            severity="warning",
        )
    )
    return False


def reviews_for(
    reviews: ReviewSet, descriptor_path: Path, descriptor_id: str | None
) -> Sequence[Review]:
    """The forms about one descriptor, by id or by path, in file order.

    A form that names an id matches a descriptor with an id by that id only; any
    other form matches by the path it names.
    """
    target = str(descriptor_path.resolve())
    if isinstance(reviews.forms, _FormFile):  # kept on disk: the file's indexes find them
        return [form.review for form in reviews.forms.matching(descriptor_id, target)]
    by_id, by_path = reviews.positions()
    found = set(by_id.get(descriptor_id, ())) if descriptor_id is not None else set()
    for index in by_path.get(target, ()):
        if reviews.forms[index].descriptor_id is None or descriptor_id is None:
            found.add(index)
    return [reviews.forms[index].review for index in sorted(found)]


def _needs_people(rubric: Rubric) -> dict[str, str]:
    """Standards a reviewer answers (manual and hybrid), id -> title."""
    return {s.id: s.title for _, s in rubric.iter_standards() if s.mode != "automated"}


def validate_review(
    document: Document,
    registry: RubricRegistry,
    *,
    form_path: Path | None = None,
    expected_rubric: Rubric | None = None,
    root: Path | None = None,
) -> tuple[Review | None, list[Finding]]:
    """Check one loaded review form and say, in plain words and at its line, what is wrong.

    Beyond the form's schema (duplicate keys, unknown fields, wrong types):
    the rubric must exist; each standard id must be one of the rubric's
    (with a "did you mean"); a verdict or level must fit the rubric's scale; a
    ``not_met`` answer needs a recommendation (as Quality Matters requires);
    the reviewer must be named; the form must be for ``expected_rubric`` when
    one is given; and the descriptor must not have changed since the form
    was made (its SHA-256). Unanswered standards are listed as ``info``.

    With ``form_path``, ``descriptor.path`` must lead to a file inside ``root``
    (default: found from the form's folder, see :func:`mcqa._paths.find_root`);
    a path leading outside is an error and the file is not read. A file there
    that is not a descriptor is said to be one, never quoted.
    """
    # Collect everything in one run: a form with a duplicate key or one wrong
    # value is still read (minus the wrong values) so its other problems show too.
    findings = validate_document(document, "review")
    wrong = [f.pointer for f in findings if f.rule in ("schema", "unknown-field") and f.pointer]
    try:
        review = Review.model_validate(without(document.data, wrong))
    except ValidationError:
        return None, findings
    try:
        rubric = registry.load(review.rubric)
    except RubricError as exc:
        findings.append(document.finding("review-rubric", exc.message, "/rubric"))
        return review, sorted(findings, key=Finding.sort_key)
    newest = _newest(registry, rubric)
    if newest is not None and expected_rubric is None:
        findings.append(
            document.finding(
                "review-rubric",
                f"{rubric.id}@{newest} is out; answers on standards unchanged since "
                f"{rubric.version} carry forward to it. Refresh the form with "
                "mcqa review init --update when your review moves to it",
                "/rubric",
                severity="info",
            )
        )
    if expected_rubric is not None and expected_rubric.ref != rubric.ref:
        findings.append(
            document.finding(
                "review-rubric",
                f"this form is for {rubric.ref}, but the check uses {expected_rubric.ref}; "
                "answers on changed standards may not apply",
                "/rubric",
                severity="warning",
            )
        )
    if not (review.reviewer.name or "").strip():
        findings.append(
            document.finding(
                "review-reviewer",
                "the form does not say who the reviewer is; fill in reviewer.name",
                "/reviewer/name" if "reviewer" in (document.data or {}) else "",
            )
        )
    amender = rubric.aggregation.amendment_role
    if review.round > 1 and amender is not None and review.reviewer.role != amender:
        findings.append(
            document.finding(
                "review-round",
                f"this is an amendment form (round {review.round}); under {rubric.ref} only "
                f"answers by the {amender} count in amendment rounds",
                "/reviewer/role" if review.reviewer.role else "/round",
                severity="warning",
            )
        )
    human = _needs_people(rubric)
    known = {s.id for _, s in rubric.iter_standards()}
    levels = (
        {lv.value: lv.label for lv in rubric.scale.levels}
        if isinstance(rubric.scale, LevelScale)
        else None
    )
    for standard_id, answer in review.standards.items():
        pointer = join_pointer("/standards", standard_id)
        if standard_id not in known:
            findings.append(_unknown_standard(document, standard_id, rubric, known))
            continue
        if standard_id not in human and (answer.verdict or answer.level is not None):
            findings.append(
                document.finding(
                    "review-standard",
                    f"standard {standard_id} is decided by an automated check; "
                    "this answer is not used",
                    pointer,
                    key=True,
                    severity="warning",
                )
            )
        findings.extend(_answer_findings(document, pointer, answer, levels))
        if answer.given_under is not None and answer.given_under != rubric.ref:
            findings.append(
                document.finding(
                    "review-given-under",
                    f"this answer was given under {answer.given_under} and the standard has "
                    "changed since: re-read it, keep or change your answer, then delete the "
                    "given_under line; until then the answer does not count",
                    pointer + "/given_under",
                    key=True,
                    severity="warning",
                )
            )
    for standard_id, title in human.items():
        given = review.standards.get(standard_id)
        if given is None or (given.verdict is None and given.level is None):
            where = join_pointer("/standards", standard_id) if given else "/standards"
            findings.append(
                document.finding(
                    "review-unanswered",
                    f"standard {standard_id} ({title}) is not answered yet",
                    where,
                    key=given is not None,
                    severity="info",
                )
            )
    findings.extend(_staleness(document, review, form_path, rubric, root))
    return review, sorted(findings, key=Finding.sort_key)


def _newest(registry: RubricRegistry, rubric: Rubric) -> str | None:
    """The newest release of ``rubric``'s id, when it is newer than ``rubric``."""
    versions = registry.versions(rubric.id)
    releases = [v for v in versions if "-" not in v.split("+")[0]]
    if not releases or rubric.version not in versions:
        return None
    newest = releases[-1]
    return newest if versions.index(newest) > versions.index(rubric.version) else None


def _answer_findings(
    document: Document, pointer: str, answer: Answer, levels: dict[int, str] | None
) -> list[Finding]:
    found: list[Finding] = []
    if levels is None and answer.level is not None:
        found.append(
            document.finding(
                "review-scale",
                "this rubric judges standards met or not met; write verdict: met, not_met "
                "or not_applicable instead of a level",
                pointer + "/level",
            )
        )
    if levels is not None:
        if answer.level is not None and answer.level not in levels:
            allowed = ", ".join(f"{value} ({label})" for value, label in sorted(levels.items()))
            found.append(
                document.finding(
                    "review-scale",
                    f"level {answer.level} is not on this rubric's scale; use one of: {allowed}",
                    pointer + "/level",
                )
            )
        if answer.verdict in ("met", "not_met"):
            found.append(
                document.finding(
                    "review-scale",
                    "this rubric rates standards on levels; write level: with a number "
                    "(verdict is only for not_applicable)",
                    pointer + "/verdict",
                )
            )
    failing = answer.verdict == "not_met" or (
        levels is not None and answer.level is not None and answer.level < max(levels, default=0)
    )
    if failing and not (answer.recommendation or "").strip():
        found.append(
            document.finding(
                "review-recommendation",
                "a standard judged not met needs a recommendation: say what would make it met",
                pointer,
                key=True,
            )
        )
    return found


FIELDS_COMMENT = "  # Fingerprints of the descriptor's fields: they tell which ones change later."


def field_hashes(data: Any) -> dict[str, str]:
    """A short SHA-256 of each top-level field of a descriptor, by field name.

    Forms store these so a stale form can say which parts of the descriptor
    changed. Values are hashed as canonical JSON, so re-formatting the file
    (quotes, indentation, key order) changes nothing.

    >>> field_hashes({"title": "Data 101", "credits": {"value": 3}})
    {'credits': 'd428e15b36ff', 'title': '67d2ff5b07b5'}
    """
    if not isinstance(data, dict):
        return {}
    return {
        str(name): sha256_hex(
            json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
                "utf-8",
                "surrogatepass",  # a lone surrogate (from a JSON escape) hashes too
            )
        )[:12]
        for name, value in sorted(data.items(), key=lambda item: str(item[0]))
    }


def changed_fields(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """The field names whose fingerprints differ (added, removed or changed), sorted."""
    names = sorted(set(before) | set(after))
    return [name for name in names if before.get(name) != after.get(name)]


def _staleness(
    document: Document,
    review: Review,
    form_path: Path | None,
    rubric: Rubric,
    root: Path | None = None,
) -> list[Finding]:
    """A warning when the descriptor's bytes differ from those the form was made for.

    With the form's field fingerprints, it names the fields that changed and the
    standards of the form whose evidence lies in them. The descriptor is read
    only when its path stays inside ``root``; only field names a descriptor can
    have are ever named.
    """
    if form_path is None:
        return []
    written = review.descriptor.path
    candidate = form_path.parent / written
    root = find_root(form_path.parent) if root is None else root
    real = inside(root, candidate)
    if real is None:
        return [
            document.finding(
                "outside-root",
                outside_message("the descriptor path", written, root, candidate),
                "/descriptor/path",
            )
        ]
    if review.descriptor.sha256 is None:
        return []
    target = load_path(real)
    if any(f.rule == "io" for f in target.findings):
        return [
            document.finding(
                "review-descriptor",
                f"the descriptor {written!r} cannot be found next to this form",
                "/descriptor/path",
                severity="warning",
            )
        ]
    if target.sha256 == review.descriptor.sha256:
        return []
    if not (looks_like(target.data, "descriptor") or looks_like(target.data, "program")):
        return [
            document.finding(
                "review-descriptor",
                f"{written!r} is not a microcredential descriptor, so this form cannot be "
                "checked against it; point descriptor.path at the descriptor the form reviews",
                "/descriptor/path",
                severity="warning",
            )
        ]
    what = "the descriptor has changed since this form was made"
    if review.descriptor.fields:
        known = schema_fields("descriptor", "program")
        every = changed_fields(review.descriptor.fields, field_hashes(target.data))
        changed = [name for name in every if name in known]
        if len(changed) < len(every):
            changed.append("fields a descriptor does not have")
        if changed:
            what += " (changed: " + ", ".join(changed) + ")"
            touched = [
                s.id
                for _, s in rubric.iter_standards()
                if s.id in review.standards
                and any(p.split("/")[1:2] and p.split("/")[1] in changed for p in s.evidence)
            ]
            if touched:
                what += "; it is evidence for " + ", ".join(touched)
        else:
            what += " (only its layout: no field's value changed)"
    return [
        document.finding(
            "review-stale",
            what + "; check that your answers still hold, then run "
            "mcqa review init --update on this form",
            "/descriptor/sha256",
            severity="warning",
        )
    ]


# -- writing forms ------------------------------------------------------------------

#: Folders that hold installed packages: a schema there is no catalog's own copy.
_INSTALLED = frozenset({"site-packages", "dist-packages"})


def schema_location(form_folder: Path, name: str = "review") -> str:
    """What the modeline of a form written into ``form_folder`` points editors at.

    The catalog repository's own copy of the schema (``schemas/review.schema.json``,
    kept with ``mcqa schema export schemas/``), looked for in ``form_folder`` and
    each folder above it up to the project's root (:func:`mcqa._paths.find_root`),
    as a path relative to the form: it travels with the repository. Without one,
    the schema published for this version of mcqa
    (:func:`mcqa._project.schema_url`). Never a path into an installation of mcqa
    (a virtual environment's ``site-packages``), which no other machine has.
    """
    from mcqa._project import schema_url
    from mcqa.schema import schema_filename

    folder = form_folder.resolve()
    root = find_root(folder)
    for above in (folder, *folder.parents):
        if not above.is_relative_to(root):
            break
        candidate = above / "schemas" / schema_filename(name)
        real = inside(root, candidate)
        if real is not None and real.is_file() and not _INSTALLED & set(real.parts):
            return Path(os.path.relpath(candidate, folder)).as_posix()
    return schema_url(name)


#
# A form is data: nothing a descriptor, a rubric or an earlier form says may add a
# key, a comment or a line to it. Comment text is kept on its line (PyYAML also ends
# lines at NEL, U+2028 and U+2029) and free of characters YAML refuses; values are
# written as JSON strings, which are YAML double-quoted scalars.

# C0 controls, DEL, C1 controls (NEL among them), the line and paragraph separators,
# bidirectional embeddings, overrides and isolates, the byte-order mark, surrogates
# and the two non-characters YAML does not allow.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SURROGATES = re.compile("[\ud800-\udfff]")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.@+-]*")
_NOT_PLAIN = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def _visible(text: str) -> str:
    """``text`` with each character of ``_UNSAFE`` written as a visible escape (``\\u2028``)."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        code = ord(char)
        return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return _UNSAFE.sub(escape, text)


def comment_text(text: object) -> str:
    """``text`` made fit for the rest of one comment line of a form.

    Runs of white space, line breaks of every kind among them, become one space;
    other control, direction-changing and non-YAML characters become visible escapes.

    >>> comment_text("Data\\n  verdict: met\\u2028# x\\x00")
    'Data verdict: met # x\\\\x00'
    """
    return _visible(" ".join(str(text).split()))


def quote_scalar(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line (JSON's quoting, which YAML reads).

    Line and paragraph separators, NEL and other characters YAML would read as a
    line break or refuse are written as ``\\u`` escapes, so the value reads back
    unchanged; a lone surrogate, which no YAML parser accepts, becomes U+FFFD.

    >>> quote_scalar('a"b\\n  c: d\\u2028')
    '"a\\\\"b\\\\n  c: d\\\\u2028"'
    """
    quoted = json.dumps(_SURROGATES.sub("\ufffd", text), ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def plain_or_quoted(text: str) -> str:
    """``text`` as a plain YAML scalar when it is a simple word (an id, a ref), else quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _NOT_PLAIN:
        return text
    return quote_scalar(text)


def _wrap(text: str, indent: str, width: int = 88) -> list[str]:
    lines: list[str] = []
    for paragraph in str(text).strip().splitlines():  # every kind of line break
        wrapped = textwrap.wrap(paragraph.strip(), width - len(indent)) or [""]
        lines.extend(f"{indent}{_visible(part)}".rstrip() for part in wrapped)
    return lines


def _evidence_value(data: Any, pointer: str) -> str:
    target: Any = data
    for token in [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]:
        if isinstance(target, dict) and token in target:
            target = target[token]
        elif isinstance(target, list) and token.isdigit() and int(token) < len(target):
            target = target[int(token)]
        else:
            return "(not in the descriptor)"
    if isinstance(target, str):
        text = " ".join(target.split())
        shown = json.dumps(text[:117] + "..." if len(text) > 120 else text, ensure_ascii=False)
        return _visible(shown)
    # Lists and mappings as compact JSON, not JSON inside a quoted string.
    text = json.dumps(target, ensure_ascii=False, separators=(", ", ": "))
    return _visible(text[:117] + "..." if len(text) > 120 else text)


def amendment_notes(result: DescriptorResult) -> dict[str, list[str]]:
    """What an amendment round must re-judge: standard id -> its history in words.

    Standards the reviewers did not find met (and that are not undecided
    for want of answers) are listed, each with its round-by-round history and the
    recommendations that count, so the amendment form can show them.
    """
    notes: dict[str, list[str]] = {}
    for standard in result.standards:
        if standard.status != "not_met" or standard.source != "reviewers":
            continue
        lines = [
            f"Round {r.round}: {r.status.replace('_', ' ')} ({r.decided_by})."
            for r in standard.rounds
        ]
        lines += [
            f"{a.reviewer or 'A reviewer'}"
            + (f" ({a.role})" if a.role else "")
            + f", round {a.round}, recommended: {a.recommendation}"
            for a in standard.reviews
            if a.counted and a.recommendation
        ]
        notes[standard.id] = lines
    return notes


@dataclass(frozen=True)
class FormEntry:
    """One standard of a form: mcqa's comments, the key line, the blank answer."""

    standard: str
    preamble: tuple[str, ...]
    key: str
    body: tuple[str, ...]


@dataclass(frozen=True)
class FormParts:
    """A fresh form in pieces: the header (through ``standards:``) and one entry per standard."""

    header: tuple[str, ...]
    entries: tuple[FormEntry, ...]

    def text(self) -> str:
        lines = list(self.header)
        for entry in self.entries:
            lines += [*entry.preamble, entry.key, *entry.body]
        return "\n".join(lines) + "\n"


def render_form(
    document: Document,
    rubric: Rubric,
    *,
    reviewer: str,
    role: str,
    descriptor_path: str,
    form_round: int = 1,
    today: dt.date | None = None,
    suggestions: dict[str, list[str]] | None = None,
    schema_location: str | None = None,
    amend: Mapping[str, list[str]] | None = None,
) -> str:
    """A fresh review form: header, then one blank answer per standard a person judges.

    Each standard comes with its text, the reviewers' guidance and the evidence
    found in the descriptor, all as YAML comments, so the reviewer needs
    nothing else open. The blank form is already valid against the review
    schema (blank answers are allowed), so an editor shows no errors.

    ``amend`` makes an amendment-round form: only the standards it names (see
    :func:`amendment_notes`), each with what the earlier rounds decided and
    recommended. ``schema_location`` is what the form's first line points editors
    at (see :func:`schema_location`); ``None`` leaves that line out.
    """
    return form_parts(
        document,
        rubric,
        reviewer=reviewer,
        role=role,
        descriptor_path=descriptor_path,
        form_round=form_round,
        today=today,
        suggestions=suggestions,
        schema_location=schema_location,
        amend=amend,
    ).text()


def form_parts(
    document: Document,
    rubric: Rubric,
    *,
    reviewer: str,
    role: str,
    descriptor_path: str,
    form_round: int = 1,
    today: dt.date | None = None,
    suggestions: dict[str, list[str]] | None = None,
    schema_location: str | None = None,
    amend: Mapping[str, list[str]] | None = None,
) -> FormParts:
    """The form :func:`render_form` writes, in pieces (``review init --update`` reuses them)."""
    today = today or dt.date.today()
    data = document.data if isinstance(document.data, dict) else {}
    title = data.get("title", "")
    descriptor_id = data.get("id")
    levels = rubric.scale.levels if isinstance(rubric.scale, LevelScale) else None
    lines: list[str] = []
    if schema_location:
        lines.append(f"# yaml-language-server: $schema={_visible(schema_location)}")
    lines += [
        f"# Review of {comment_text(title)} under {comment_text(rubric.title)} ({rubric.ref}).",
        "# For each standard below: read the text, the guidance and the evidence, then fill in",
    ]
    if levels is None:
        lines.append("# verdict (met, not_met or not_applicable), a comment, and a recommendation")
        lines.append("# (required when the standard is not met; welcome when it is).")
    else:
        scale = ", ".join(
            f"{lv.value} = {comment_text(lv.label)}" for lv in sorted(levels, key=lambda x: x.value)
        )
        lines.append(f"# level ({scale}), a comment, and a recommendation (required below the top")
        lines.append(
            "# level). Write verdict: not_applicable instead when the standard does not apply."
        )
    if amend is not None:
        lines.append(
            f"# Amendment round {form_round}: judge only the standards below, which were not met"
        )
        lines.append(
            "# before. Each shows what the earlier rounds decided and recommended; check the"
        )
        lines.append("# revised descriptor against them.")
    lines += [
        "# Check the form any time with: mcqa review validate THIS-FILE",
        "review_format: 1",
        f"rubric: {plain_or_quoted(rubric.ref)}",
        "descriptor:",
    ]
    if isinstance(descriptor_id, str):
        lines.append(f"  id: {quote_scalar(descriptor_id)}")
    lines += [
        f"  path: {quote_scalar(descriptor_path)}",
        f"  sha256: {quote_scalar(document.sha256)}",
        FIELDS_COMMENT,
        "  fields:",
        # quoted: a fingerprint such as 123456789012 or 89e850018975 would read as a number
        *(
            f"    {quote_scalar(name)}: {quote_scalar(digest)}"
            for name, digest in field_hashes(data).items()
        ),
        "reviewer:",
        f"  name: {quote_scalar(reviewer)}",
        f"  role: {plain_or_quoted(role)}",
        f"round: {int(form_round)}",
        f"date: '{today.isoformat()}'",
        "standards:",
    ]
    suggestions = suggestions or {}
    entries: list[FormEntry] = []
    for category in rubric.categories:
        people = [
            s
            for s in category.standards
            if s.mode != "automated" and (amend is None or s.id in amend)
        ]
        banner = ["", f"  # ===== {_visible(category.id)} {comment_text(category.title)} ====="]
        for standard in people:
            weight = f"{standard.points} point{'s' if standard.points != 1 else ''}"
            if standard.essential:
                weight += ", essential"
            preamble = [
                *banner,
                "",
                f"  # {_visible(standard.id)} {comment_text(standard.title)} "
                f"({weight}; {standard.mode})",
            ]
            banner = []
            preamble += _wrap(standard.text, "  #   ")
            if standard.annotation:
                preamble.append("  #   Guidance:")
                preamble += _wrap(standard.annotation, "  #     ")
            if standard.evidence:
                preamble.append("  #   Evidence in the descriptor:")
                for pointer in standard.evidence:
                    shown = _evidence_value(data, pointer)
                    preamble.append(f"  #     {_visible(pointer)}: {shown}")
            for note in suggestions.get(standard.id, []):
                preamble += _wrap(note, "  #   ")
            if amend is not None and amend.get(standard.id):
                preamble.append("  #   Earlier rounds:")
                for note in amend[standard.id]:
                    preamble += _wrap(note, "  #     ")
            if levels is None:
                body = ["    verdict:         # met | not_met | not_applicable"]
            else:
                body = ["    level:           # " + " | ".join(str(lv.value) for lv in levels)]
            body += ["    comment:", "    recommendation:"]
            if levels is not None:
                body.append("    evidence: []     # links or documents that support your answer")
            entries.append(
                FormEntry(
                    standard.id, tuple(preamble), f"  {quote_scalar(standard.id)}:", tuple(body)
                )
            )
    return FormParts(tuple(lines), tuple(entries))
