"""The rubric registry: find, load, extend and check rubrics.

Rubrics come from three places, looked up in this order:

1. built-in rubrics shipped with mcqa (``rubrics/<id>/<version>.yaml``);
2. packages that declare an entry point in the group ``mcqa.rubrics`` whose
   value is a folder laid out the same way (or a callable returning one);
3. any rubric file named by its path.

A rubric is named ``id`` (newest release), ``id@1.2.0`` (exactly) or
``id@^1`` / ``id@~1.2`` / ``id@>=1.0 <2`` (newest match, npm range rules).

>>> registry = RubricRegistry(entry_points=False)
>>> rubric = registry.load("mcqa-core@^0")
>>> rubric.ref
'mcqa-core@0.1.0'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry

from mcqa._data import rubrics_dir
from mcqa._frameworks import FRAMEWORKS, LOCAL_PREFIX, QM_SPECIFIC_STANDARDS, is_local
from mcqa._paths import looks_like
from mcqa._plugins import iter_plugins
from mcqa._regex import FORMAT_CHECKER, PatternValidator, pattern_problem, quote_pattern
from mcqa._semver import is_valid_range, is_version, newest_matching, sort_versions
from mcqa.load import Document, file_problem, join_pointer, load_path
from mcqa.models.finding import Finding, RelatedLocation
from mcqa.models.rubric import Category, NamedCheck, Rubric, Standard
from mcqa.schema import SCHEMA_FORMATS, schema_id, schema_registry
from mcqa.validate import build_model, iter_schema_findings, suggest, validate_model

__all__ = [
    "ENTRY_POINT_GROUP",
    "RUBRIC_SUFFIXES",
    "RubricError",
    "RubricRegistry",
    "RubricSource",
    "default_registry",
    "looks_like_path",
    "parse_spec",
    "unique_findings",
]

#: Entry-point group through which other packages contribute rubrics.
ENTRY_POINT_GROUP = "mcqa.rubrics"

#: File suffixes a rubric file may have.
RUBRIC_SUFFIXES = (".yaml", ".yml", ".json")


class RubricError(Exception):
    """A rubric cannot be used: unknown id, no matching version, or a broken file.

    ``findings`` holds the located problems when the rubric file itself is at fault.
    """

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = tuple(findings)


@dataclass(frozen=True)
class RubricSource:
    """Where one version of one rubric can be read from."""

    id: str
    version: str
    path: Path
    origin: str
    """``built-in``, ``entry point NAME`` or ``file``."""

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def looks_like_path(spec: str) -> bool:
    """True when ``spec`` names a file rather than ``id[@range]``."""
    return "/" in spec or "\\" in spec or spec.lower().endswith(RUBRIC_SUFFIXES)


def parse_spec(spec: str) -> tuple[str, str | None]:
    """Split ``id@range`` into ``(id, range)``; the range is ``None`` when absent.

    >>> parse_spec("mcqa-core@^1")
    ('mcqa-core', '^1')
    >>> parse_spec("mcqa-core")
    ('mcqa-core', None)
    """
    rubric_id, _, range_text = spec.partition("@")
    return rubric_id.strip(), (range_text.strip() or None) if _ else None


# Where each standard and category of a resolved rubric was written, so that a
# problem found after merging still points at a line of the right file.
_Where = dict[str, tuple[Document, str]]


@dataclass
class _Resolved:
    rubric: Rubric | None
    where: _Where = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


class RubricRegistry:
    """Finds rubrics by id and range, loads files, resolves ``extends``.

    Loading never prints. Problems in a rubric file are findings; when a
    rubric is needed and cannot be had, :class:`RubricError` is raised.
    """

    def __init__(
        self,
        *,
        builtin: bool = True,
        entry_points: bool = True,
        directories: Iterable[Path] = (),
    ) -> None:
        self._sources: dict[tuple[str, str], RubricSource] = {}
        self._problems: list[str] = []
        self._cache: dict[tuple[Path, str, bool], _Resolved] = {}
        if builtin:
            self._add_directory(rubrics_dir(), "built-in")
        for directory in directories:
            self._add_directory(Path(directory), f"folder {directory}")
        if entry_points:
            self._add_entry_points()

    # -- discovery ----------------------------------------------------------------

    @property
    def problems(self) -> tuple[str, ...]:
        """Why some rubric sources were skipped (a broken plug-in, a misnamed file)."""
        return tuple(self._problems)

    def _add_directory(self, directory: Path, origin: str) -> None:
        if not directory.is_dir():
            self._problems.append(f"{origin}: {directory} is not a folder")
            return
        for path in sorted(directory.glob("*/*")):
            if path.suffix.lower() not in RUBRIC_SUFFIXES or not path.is_file():
                continue
            rubric_id, version = path.parent.name, path.stem
            if not is_version(version):
                self._problems.append(
                    f"{path}: skipped; a rubric file is named <id>/<version>.yaml, "
                    f"and {version!r} is not a semantic version"
                )
                continue
            key = (rubric_id, version)
            if key in self._sources:
                self._problems.append(
                    f"{path}: skipped; {rubric_id}@{version} is already provided "
                    f"({self._sources[key].origin})"
                )
                continue
            self._sources[key] = RubricSource(rubric_id, version, path, origin)

    def _add_entry_points(self) -> None:
        for name, value, loaded, problem in iter_plugins(ENTRY_POINT_GROUP, instantiate=False):
            origin = f"entry point {name}"
            try:
                if problem is None:
                    directory = Path(loaded() if callable(loaded) else loaded)
            except Exception as exc:  # a broken plug-in must not stop mcqa
                problem = f"could not be loaded: {exc}"
            if problem is not None:
                self._problems.append(f"{origin} ({value}) {problem}")
                continue
            self._add_directory(directory, origin)

    def sources(self) -> list[RubricSource]:
        """Every known rubric version, by id then version."""
        ids = sorted({key[0] for key in self._sources})
        return [
            self._sources[(rubric_id, version)]
            for rubric_id in ids
            for version in self.versions(rubric_id)
        ]

    def ids(self) -> list[str]:
        return sorted({key[0] for key in self._sources})

    def versions(self, rubric_id: str) -> list[str]:
        """Known versions of ``rubric_id``, oldest first."""
        return sort_versions(v for (i, v) in self._sources if i == rubric_id)

    def find(self, spec: str) -> RubricSource:
        """The source for ``id``, ``id@version`` or ``id@range`` (newest match).

        Raises :class:`RubricError` for an unknown id, a malformed range, or a
        range nothing matches; the message lists what is available.
        """
        rubric_id, range_text = parse_spec(spec)
        versions = self.versions(rubric_id)
        if not versions:
            known = self.ids()
            message = f"unknown rubric {rubric_id!r}"
            hint = suggest(rubric_id, known)
            if hint:
                message += f"; did you mean {hint!r}?"
            message += "; known rubrics: " + (", ".join(known) if known else "none")
            raise RubricError(message)
        if range_text is None:
            releases = [v for v in versions if "-" not in v.split("+")[0]]
            chosen: str | None = (releases or versions)[-1]
        else:
            if not is_valid_range(range_text):
                raise RubricError(
                    f"{range_text!r} is not a version or a version range; write e.g. "
                    f"{rubric_id}@1.0.0, {rubric_id}@^1 or {rubric_id}@~1.2 "
                    f"(available: {', '.join(versions)})"
                )
            chosen = newest_matching(versions, range_text)
            if chosen is None:
                raise RubricError(
                    f"no version of {rubric_id} matches {range_text!r}; "
                    f"available: {', '.join(versions)}"
                )
        assert chosen is not None
        return self._sources[(rubric_id, chosen)]

    # -- loading ------------------------------------------------------------------

    def load(self, spec: str | Path) -> Rubric:
        """The resolved rubric named by ``spec``: ``id[@range]`` or a file path.

        Raises :class:`RubricError` when it cannot be found, or when its file
        (or a rubric it extends) has errors; ``findings`` then lists them all.
        """
        if isinstance(spec, Path) or looks_like_path(spec):
            path = Path(spec)
            if not path.is_file():
                problem = file_problem(path) if os.path.lexists(path) else None
                raise RubricError(
                    f"rubric file {str(spec)!r} "
                    + (f"cannot be read: {problem}" if problem else "does not exist")
                )
            display = str(spec)
            source = None
        else:
            source = self.find(spec)
            path, display = source.path, str(source.path)
        resolved = self._resolve(path, display, (), full=False)
        rubric = resolved.rubric
        filed_as = (source.id, source.version) if source else None
        if rubric is not None and filed_as and filed_as != (rubric.id, rubric.version):
            raise RubricError(
                f"{display} is filed as {filed_as[0]}@{filed_as[1]} but declares {rubric.ref}; "
                "rename the file or correct its id and version"
            )
        errors = [f for f in resolved.findings if f.severity == "error"]
        if resolved.rubric is None or errors:
            count = len(errors) or 1
            raise RubricError(
                f"the rubric {display} has {count} problem{'s' if count != 1 else ''}",
                unique_findings(resolved.findings),
            )
        return resolved.rubric

    def check_file(
        self, path: Path, display: str | None = None
    ) -> tuple[Rubric | None, list[Finding]]:
        """Validate a rubric file completely: syntax, schema, meaning, ``extends``.

        Returns the resolved rubric (``None`` if it could not be built) and every
        finding, sorted. Never raises for problems in the file.
        """
        resolved = self._resolve(path, display or str(path), (), full=True)
        return resolved.rubric, unique_findings(resolved.findings)

    def _resolve(
        self, path: Path, display: str, chain: tuple[Path, ...], *, full: bool
    ) -> _Resolved:
        """The rubric of a file, resolved, with its findings.

        A rubric that ships with mcqa is checked in full by mcqa's own tests (and
        by ``check_file``, ``full``): loaded only to be used, it is built without
        the JSON Schema passes (of the file, and of each check's schema against
        the meta-schema), which cost a large share of a one-file run's start.
        """
        real = path.resolve()
        trusted = not full and real.is_relative_to(_bundled())
        key = (real, display, trusted)
        if key in self._cache:
            return self._cache[key]
        document = load_path(path, display=display)
        if trusted:
            rubric, findings = build_model(document, Rubric)
        else:
            rubric, findings = validate_model(document, "rubric", Rubric)
        if rubric is None:
            return self._remember(key, _Resolved(None, {}, findings))
        where = _locate(rubric, document)
        if rubric.extends is None:
            if rubric.overrides is not None:
                findings.append(
                    document.finding(
                        "rubric-overrides",
                        "'overrides' change a base rubric, but this rubric has no 'extends'",
                        "/overrides",
                        key=True,
                    )
                )
            resolved = _Resolved(rubric, where, findings)
        else:
            resolved = self._extend(rubric, document, real, chain, where, findings, full=full)
        if resolved.rubric is not None:
            resolved.findings.extend(
                _semantic_findings(resolved.rubric, resolved.where, document, meta=not trusted)
            )
        return self._remember(key, resolved)

    def _remember(self, key: tuple[Path, str, bool], resolved: _Resolved) -> _Resolved:
        self._cache[key] = resolved
        return resolved

    def _extend(
        self,
        child: Rubric,
        document: Document,
        real: Path,
        chain: tuple[Path, ...],
        where: _Where,
        findings: list[Finding],
        *,
        full: bool,
    ) -> _Resolved:
        assert child.extends is not None
        spec = child.extends

        def fail(message: str) -> _Resolved:
            findings.append(document.finding("rubric-extends", message, "/extends"))
            return _Resolved(None, {}, findings)

        if looks_like_path(spec):
            base_path = Path(spec)
            if base_path.is_absolute():
                return fail("'extends' must name the base file relative to this rubric's folder")
            folder = real.parent
            base_real = (folder / base_path).resolve()
            if not base_real.is_relative_to(folder):
                return fail(
                    f"'extends' may not leave this rubric's folder ({spec!r} points outside it)"
                )
            if not base_real.is_file():
                return fail(f"the base rubric file {spec!r} does not exist")
            if not looks_like(load_path(base_real).data, "rubric"):  # say so, quote nothing
                return fail(f"the base {spec!r} is not a rubric file (no id, version and title)")
            base_display = str(Path(document.path or "").parent / base_path)
        else:
            try:
                source = self.find(spec)
            except RubricError as exc:
                return fail(exc.message)
            base_real, base_display = source.path.resolve(), str(source.path)
        if base_real == real or base_real in chain:
            names = [p.name for p in (*chain, real, base_real)]
            return fail("'extends' goes round in a circle: " + " -> ".join(names))
        base = self._resolve(base_real, base_display, (*chain, real), full=full)
        findings.extend(base.findings)
        if base.rubric is None:
            return fail(f"the base rubric {spec!r} has errors, so this rubric cannot be built")
        merged_where = dict(base.where)
        merged = _merge(base.rubric, child, document, merged_where, findings)
        merged_where.update(where)
        return _Resolved(merged, merged_where, findings)


def _remove_standard(categories: list[Category], standard_id: str) -> bool:
    for index, category in enumerate(categories):
        kept = [s for s in category.standards if s.id != standard_id]
        if len(kept) != len(category.standards):
            categories[index] = category.model_copy(update={"standards": kept})
            return True
    return False


def _merge(
    base: Rubric, child: Rubric, document: Document, where: _Where, findings: list[Finding]
) -> Rubric:
    """Apply ``child``'s overrides and additions to ``base``."""
    categories = [c.model_copy(deep=True) for c in base.categories]
    overrides = child.overrides

    def known_ids() -> list[str]:
        return [c.id for c in categories] + [s.id for c in categories for s in c.standards]

    def problem(message: str, pointer: str, *, key: bool = False) -> None:
        findings.append(document.finding("rubric-extends", message, pointer, key=key))

    if overrides is not None:
        for index, removed in enumerate(overrides.remove):
            pointer = f"/overrides/remove/{index}"
            before = len(categories)
            categories = [c for c in categories if c.id != removed]
            if len(categories) == before and not _remove_standard(categories, removed):
                hint = suggest(removed, known_ids())
                problem(
                    f"the base rubric has no standard or category {removed!r} to remove"
                    + (f"; did you mean {hint!r}?" if hint else ""),
                    pointer,
                )
        for standard_id, patch in overrides.standards.items():
            pointer = join_pointer("/overrides/standards", standard_id)
            changes = {name: getattr(patch, name) for name in patch.model_fields_set}
            for c_index, category in enumerate(categories):
                positions = [i for i, s in enumerate(category.standards) if s.id == standard_id]
                if positions:
                    standards = list(category.standards)
                    standards[positions[0]] = standards[positions[0]].model_copy(update=changes)
                    categories[c_index] = category.model_copy(update={"standards": standards})
                    where[standard_id] = (document, pointer)
                    break
            else:
                hint = suggest(standard_id, [s.id for c in categories for s in c.standards])
                problem(
                    f"the base rubric has no standard {standard_id!r} to change"
                    + (f"; did you mean {hint!r}?" if hint else ""),
                    pointer,
                    key=True,
                )
        for a_index, addition in enumerate(overrides.add):
            pointer = f"/overrides/add/{a_index}"
            targets = [i for i, c in enumerate(categories) if c.id == addition.category]
            if not targets:
                hint = suggest(addition.category, [c.id for c in categories])
                problem(
                    f"the base rubric has no category {addition.category!r} to add to"
                    + (f"; did you mean {hint!r}?" if hint else ""),
                    pointer + "/category",
                )
                continue
            category = categories[targets[0]]
            standards = list(category.standards)
            for s_index, standard in enumerate(addition.standards):
                s_pointer = f"{pointer}/standards/{s_index}"
                if standard.id in known_ids():
                    problem(
                        f"standard {standard.id!r} already exists in the base rubric; "
                        "change it under 'overrides.standards' instead",
                        s_pointer + "/id",
                    )
                    continue
                standards.append(standard)
                where[standard.id] = (document, s_pointer)
            categories[targets[0]] = category.model_copy(update={"standards": standards})
    for index, category in enumerate(child.categories):
        if category.id in [c.id for c in categories]:
            problem(
                f"category {category.id!r} already exists in the base rubric; add standards "
                "to it under 'overrides.add' instead",
                f"/categories/{index}/id",
            )
            continue
        categories.append(category)
    inherited = {
        name: getattr(base, name)
        for name in (
            "title",
            "status",
            "license",
            "applies_to",
            "description",
            "homepage",
            "scale",
            "conformance",
            "aggregation",
        )
        if name not in child.model_fields_set
    }
    return child.model_copy(
        update={
            **inherited,
            "extends": None,
            "overrides": None,
            "categories": categories,
            "based_on": [base.ref, *base.based_on],
        }
    )


def _locate(rubric: Rubric, document: Document) -> _Where:
    """Where each category and standard is written; repeats of an id get ``id#2``, ``id#3``..."""
    where: _Where = {}

    def put(key: str, pointer: str) -> None:
        count = 1
        name = key
        while name in where:
            count += 1
            name = f"{key}#{count}"
        where[name] = (document, pointer)

    for c_index, category in enumerate(rubric.categories):
        put(f"category:{category.id}", f"/categories/{c_index}")
        for s_index, standard in enumerate(category.standards):
            put(standard.id, f"/categories/{c_index}/standards/{s_index}")
    return where


@cache
def _bundled() -> Path:
    """The folder of the rubrics that ship with mcqa, resolved."""
    return rubrics_dir().resolve()


def _semantic_findings(
    rubric: Rubric, where: _Where, document: Document, *, meta: bool = True
) -> list[Finding]:
    """Problems a schema cannot see: duplicate ids, a mode without a check, and so on.

    Without ``meta``, the checks' schemas are not validated against the JSON Schema
    meta-schema (a rubric that ships with mcqa, whose tests do that)."""
    findings: list[Finding] = []

    def at(key: str, message: str, suffix: str = "", *, rule: str, severity: str = "error") -> None:
        doc, pointer = where.get(key, (document, ""))
        findings.append(
            doc.finding(rule, message, pointer + suffix, severity=severity)  # type: ignore[arg-type]
        )

    if not rubric.categories or not any(c.standards for c in rubric.categories):
        findings.append(
            document.finding("rubric-empty", "the rubric has no standards", "", severity="error")
        )
    seen: dict[str, tuple[Document, str]] = {}
    repeats: dict[str, int] = {}

    def occurrence(key: str) -> str:
        repeats[key] = repeats.get(key, 0) + 1
        return key if repeats[key] == 1 else f"{key}#{repeats[key]}"

    for category in rubric.categories:
        key = occurrence(f"category:{category.id}")
        if key != f"category:{category.id}":
            at(
                key,
                f"the category id {category.id!r} is used twice",
                "/id",
                rule="rubric-duplicate-id",
            )
        for standard in category.standards:
            standard_key = occurrence(standard.id)
            if standard.id in seen:
                first_doc, first_pointer = seen[standard.id]
                pos = first_doc.source_map.locate(first_pointer + "/id")
                doc, pointer = where.get(standard_key, where.get(standard.id, (document, "")))
                findings.append(
                    doc.finding(
                        "rubric-duplicate-id",
                        f"the standard id {standard.id!r} is used twice",
                        pointer + "/id",
                        related=(
                            RelatedLocation(
                                message=f"first {standard.id!r}",
                                file=first_doc.path,
                                line=pos.line if pos else None,
                                column=pos.column if pos else None,
                                pointer=first_pointer,
                            ),
                        ),
                    )
                )
                continue
            seen[standard.id] = where.get(standard.id, (document, ""))
            findings.extend(_standard_findings(standard, *seen[standard.id], meta=meta))
            if rubric.applies_to == "program" and isinstance(standard.check, NamedCheck):
                doc, pointer = seen[standard.id]
                findings.append(
                    doc.finding(
                        "rubric-check",
                        f"standard {standard.id} names the check {standard.check.name!r}, but "
                        "named checks read microcredential descriptors; a rubric for programmes "
                        "can use schema checks only",
                        pointer + "/check",
                    )
                )
    written = set(document.data) if isinstance(document.data, dict) else set()
    # Inherited settings were checked (and reported) in the base rubric's file.
    if rubric.scale.type == "levels" and "scale" in written:
        values = [level.value for level in rubric.scale.levels]
        if len(set(values)) != len(values):
            findings.append(
                document.finding(
                    "rubric-scale", "two levels of the scale share a value", "/scale/levels"
                )
            )
    elif rubric.aggregation.policy in ("mean", "median") and written & {"scale", "aggregation"}:
        findings.append(
            document.finding(
                "rubric-aggregation",
                f"the {rubric.aggregation.policy!r} policy needs a scale with levels; "
                "this rubric's scale is met / not met",
                "/aggregation/policy",
            )
        )
    if rubric.conformance.type == "bands" and "conformance" in written:
        minimums = [band.min_percent for band in rubric.conformance.bands]
        if len(set(minimums)) != len(minimums):
            findings.append(
                document.finding(
                    "rubric-conformance",
                    "two bands start at the same percentage",
                    "/conformance/bands",
                )
            )
    return findings


def _standard_findings(
    standard: Standard, document: Document, pointer: str, *, meta: bool = True
) -> list[Finding]:
    findings: list[Finding] = []
    if standard.mode in ("automated", "hybrid") and standard.check is None:
        findings.append(
            document.finding(
                "rubric-check",
                f"standard {standard.id} is {standard.mode} but has no 'check' for a machine to run",
                pointer + "/mode",
            )
        )
    if standard.mode == "manual" and standard.check is not None:
        findings.append(
            document.finding(
                "rubric-check",
                f"standard {standard.id} is manual, so its 'check' is never run; "
                "make it hybrid to show reviewers the check's suggestion",
                pointer + "/check",
                severity="warning",
            )
        )
    schemas = [(getattr(standard.check, "schema_", None), "/check/schema", "the check's schema")]
    schemas.append((standard.applies_if, "/applies_if", "'applies_if'"))
    for schema, suffix, what in schemas:
        if schema is None:
            continue
        error = next(_META_VALIDATOR.iter_errors(schema), None) if meta else None
        if error is not None:
            findings.append(
                document.finding(
                    "rubric-check",
                    f"{what} is not a valid JSON Schema: {error.message}",
                    pointer + suffix,
                )
            )
        findings.extend(_fragment_findings(schema, document, pointer + suffix, what))
    if isinstance(standard.check, NamedCheck):
        findings.extend(_named_check_findings(standard.check, document, pointer + "/check"))
    findings.extend(_crosswalk_findings(standard, document, pointer))
    if standard.essential and standard.points == 0:
        findings.append(
            document.finding(
                "rubric-points",
                f"standard {standard.id} is essential but worth 0 points",
                pointer + "/points",
                severity="warning",
            )
        )
    return findings


def _crosswalk_findings(standard: Standard, document: Document, pointer: str) -> list[Finding]:
    """A crosswalk to a framework mcqa does not know, or to an id its framework lacks.

    Only a crosswalk written at ``pointer`` in ``document`` is checked: one a
    standard inherits was checked in its base rubric's file.
    """
    base = pointer + "/crosswalk"
    if base not in document.source_map.values:
        return []
    findings: list[Finding] = []
    known = ", ".join(list(FRAMEWORKS)[:-1]) + " and " + list(FRAMEWORKS)[-1]
    own = f"a framework of your own needs a key starting with {LOCAL_PREFIX!r}, e.g. 'x-suny'"
    for key, items in standard.crosswalk.items():
        key_pointer = join_pointer(base, key)
        if is_local(key):
            continue
        framework = FRAMEWORKS.get(key)
        if framework is None:
            hint = suggest(key, FRAMEWORKS)
            advice = (
                f"did you mean {hint!r}? ({own})"
                if hint
                else f"the known frameworks are {known}, and {own}"
            )
            findings.append(
                document.finding(
                    "rubric-crosswalk",
                    f"standard {standard.id} has a crosswalk to {key!r}, a framework mcqa does "
                    f"not know; {advice}",
                    key_pointer,
                    key=True,
                )
            )
            continue
        for index, item in enumerate(items):
            if item in framework.ids:
                continue
            if key == "qm":
                advice = _qm_advice(item)
            else:
                hint = suggest(item, framework.ids)
                advice = (
                    f"did you mean {hint!r}?" if hint else "the ids are " + ", ".join(framework.ids)
                )
            findings.append(
                document.finding(
                    "rubric-crosswalk",
                    f"standard {standard.id}: {item!r} is not one of the {framework.title} "
                    f"({framework.edition}); {advice}",
                    join_pointer(key_pointer, index),
                )
            )
    return findings


def _qm_advice(item: str) -> str:
    """What the Quality Matters numbers near ``item`` are."""
    general, _, _ = item.partition(".")
    count = (
        QM_SPECIFIC_STANDARDS.get(int(general)) if general.isascii() and general.isdigit() else None
    )
    if count is None:
        last = max(QM_SPECIFIC_STANDARDS)
        return (
            f"the General Standards are numbered 1 to {last}, and their specific standards "
            f"1.1 to {last}.{QM_SPECIFIC_STANDARDS[last]}"
        )
    return f"General Standard {general} has the specific standards {general}.1 to {general}.{count}"


def _named_check_findings(check: NamedCheck, document: Document, pointer: str) -> list[Finding]:
    """An unknown check name, or options its schema refuses."""
    from mcqa.checks import all_checks  # the checks use the registry's helpers too

    known = all_checks()
    implementation = known.get(check.name)
    if implementation is None:
        hint = suggest(check.name, known)
        message = f"there is no check named {check.name!r}"
        message += (
            f"; did you mean {hint!r}?" if hint else "; known checks: " + ", ".join(sorted(known))
        )
        return [document.finding("rubric-check", message, pointer + "/name")]
    schema = implementation.OPTIONS_SCHEMA
    base = pointer + "/options"
    validator = PatternValidator(
        schema, format_checker=_FORMATS_BUT_REGEX, registry=schema_registry()
    )
    findings = list(
        iter_schema_findings(
            document, validator, rule="rubric-check", instance=check.options, base=base
        )
    )
    # Options that are regular expressions ('format: regex'): say why one is refused.
    patterns = PatternValidator(schema, format_checker=_REGEX_FORMAT, registry=schema_registry())
    for error in patterns.iter_errors(check.options):
        if error.validator == "format" and isinstance(error.instance, str):
            at = base + "".join(join_pointer("", token) for token in error.absolute_path)
            problem = pattern_problem(error.instance)
            if problem is not None:
                findings.append(_pattern_finding(document, at, error.instance, problem))
    return findings


# -- patterns and references in JSON Schema fragments -------------------------------------

#: Format checks for a rubric's schemas, except ``regex``: patterns get their own findings.
_FORMATS_BUT_REGEX = FormatChecker(())
_FORMATS_BUT_REGEX.checkers = {k: v for k, v in FORMAT_CHECKER.checkers.items() if k != "regex"}
_REGEX_FORMAT = FormatChecker(())
_REGEX_FORMAT.checkers = {"regex": FORMAT_CHECKER.checkers["regex"]}

#: Checks that a rubric's fragment is a JSON Schema, as ``check_schema`` does, but with an
#: explicit registry (nothing is fetched) and without compiling the fragment's patterns.
_META_VALIDATOR = PatternValidator(
    Draft202012Validator.META_SCHEMA, format_checker=_FORMATS_BUT_REGEX, registry=Registry()
)

#: Keywords whose values are data, never schemas: not searched for patterns or ``$ref``.
_DATA_KEYWORDS = frozenset(
    {"const", "enum", "default", "examples", "title", "description", "$comment", "required",
     "type", "format", "$id", "$schema", "$anchor", "$dynamicAnchor", "$vocabulary"}
)  # fmt: skip

#: Keywords whose values map names to schemas.
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)


def _fragment_findings(
    schema: Any, document: Document, pointer: str, what: str
) -> Iterator[Finding]:
    """Each pattern mcqa will not run, and each ``$ref`` that leaves the fragment.

    Every part that may be a schema is searched (also under unknown keywords, which a
    ``$ref`` can point into); values of data keywords such as ``const`` are not.
    """
    if isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from _fragment_findings(item, document, join_pointer(pointer, index), what)
        return
    if not isinstance(schema, dict):
        return
    for keyword, value in schema.items():
        at = join_pointer(pointer, keyword)
        if keyword in _DATA_KEYWORDS:
            continue
        if keyword == "pattern" and isinstance(value, str):
            problem = pattern_problem(value)
            if problem is not None:
                yield _pattern_finding(document, at, value, problem)
        elif keyword in ("$ref", "$dynamicRef") and isinstance(value, str):
            problem = _reference_problem(value, keyword, what)
            if problem is not None:
                yield document.finding("rubric-ref", problem, at)
        elif keyword in _SCHEMA_MAPS and isinstance(value, dict):
            for name, subschema in value.items():
                name_at = join_pointer(at, name)
                if keyword == "patternProperties":
                    problem = pattern_problem(name)
                    if problem is not None:
                        yield _pattern_finding(document, name_at, name, problem, key=True)
                yield from _fragment_findings(subschema, document, name_at, what)
        else:
            yield from _fragment_findings(value, document, at, what)


def _pattern_finding(
    document: Document, pointer: str, pattern: str, problem: str, *, key: bool = False
) -> Finding:
    return document.finding(
        "rubric-pattern",
        f"the pattern {quote_pattern(pattern)} cannot be used; {problem}",
        pointer,
        key=key,
    )


def _bundled_ids() -> list[str]:
    return [schema_id(name) for name in sorted(SCHEMA_FORMATS)]


def _reference_problem(reference: str, keyword: str, what: str) -> str | None:
    """Why a ``$ref`` in a rubric may not be followed; ``None`` when it stays inside."""
    if reference.startswith("#"):
        return None
    target = reference.partition("#")[0]
    known = _bundled_ids()
    if target in known:
        return None
    if target.startswith("urn:mcqa:schema:"):
        hint = suggest(target, known)
        return f"{keyword} {reference!r} names no schema of mcqa's" + (
            f"; did you mean {hint!r}?" if hint else "; they are " + ", ".join(known)
        )
    return (
        f"{keyword} {reference!r} points outside {what}; mcqa never fetches a schema from the "
        "network or reads one from a file, so a reference may only point inside the same "
        "schema ('#/$defs/name', '#anchor') or at one of mcqa's own schemas by its id, such "
        "as 'urn:mcqa:schema:descriptor:1'"
    )


def unique_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sorted, each finding once (a base rubric's problems reach every rubric extending it)."""
    seen: set[tuple[Any, ...]] = set()
    result = []
    for finding in sorted(findings, key=Finding.sort_key):
        key = finding.sort_key()
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result


_default: list[RubricRegistry] = []


def default_registry(factory: Callable[[], RubricRegistry] = RubricRegistry) -> RubricRegistry:
    """A shared registry with the built-in rubrics and installed plug-ins."""
    if not _default:
        _default.append(factory())
    return _default[0]
