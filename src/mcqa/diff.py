"""Compare two versions of a rubric: what changed, and which review verdicts survive.

:func:`diff_rubrics` matches the standards of an old and a new rubric and lists
every difference as a :class:`Change`. The three renderers turn the result into
plain text (one line per change), a Markdown changelog section, or plain data
for JSON.

>>> from mcqa.models.rubric import Rubric
>>> def demo(version, standards):
...     return Rubric.model_validate({
...         "id": "demo", "version": version, "title": "Demo",
...         "categories": [{"id": "1", "title": "Basics", "standards": standards}],
...     })
>>> old = demo("1.0.0", [
...     {"id": "1.1", "title": "Outcomes", "text": "Lists outcomes.", "points": 2},
...     {"id": "1.2", "title": "Audience", "text": "Names the audience."},
... ])
>>> new = demo("1.1.0", [
...     {"id": "1.1", "title": "Outcomes", "text": "Lists outcomes.", "points": 3},
...     {"id": "1.2", "title": "Audience", "text": "Names the audience and what they know."},
... ])
>>> diff = diff_rubrics(old, new)
>>> print(render_diff_text(diff))
reweighted  Standard 1.1: points changed from 2 to 3.
reworded    Standard 1.2: text changed.
>>> sorted(diff.changed_standards())
['1.2']
>>> diff.carried_forward("1.1"), diff.carried_forward("1.2")
('1.1', None)

Matching standards
------------------

A standard of the new rubric is the same standard as one of the old rubric when
(in this order of preference):

1. the caller says so through ``renames`` (new id -> old id), or the new
   standard says so in ``renamed_from`` (an id it had in earlier versions,
   used when the old rubric has no standard under the new id);
2. it has the same id and the same title and text;
3. it has the same title and text under another id (it was *renumbered*);
4. it has the same id (its wording changed).

Anything left over was ``added`` (new) or ``removed`` (old). Wording is compared
with runs of white space collapsed, so re-wrapping a YAML paragraph is no change.
Categories are matched the same way, by id and title.

Carrying review verdicts forward
--------------------------------

A reviewer's verdict on a standard judges the descriptor against the standard's
*wording* and *way of judging*, not against its weight. So:

* a verdict **cannot** be carried forward when the standard's title, text or
  annotation changed (``reworded``), its ``check`` or ``mode`` changed, or
  what it applies to changed (``scope`` or ``applies_if``: ``applicability``);
  an ``added`` standard has no verdict to carry;
* a verdict **is** carried forward, under the new id, when only the standard's
  points (``reweighted``), essential flag, evidence pointers, crosswalk, effort,
  category (``moved``) or id (``renumbered``) changed;
* a change of the rating ``scale`` (its type, or its levels' values, labels or
  descriptions) invalidates every verdict, since verdicts are given on the
  scale; a change of the points a level earns does not. Conformance and
  aggregation rules only score and combine verdicts, so they invalidate none.

Every change says whether it invalidates a verdict (``invalidates_verdict``);
:meth:`RubricDiff.changed_standards` and :meth:`RubricDiff.carried_forward` apply
this rule.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args

from pydantic import BaseModel

from mcqa.models.rubric import Category, Rubric, Standard

__all__ = [
    "CHANGE_KINDS",
    "Change",
    "ChangeKind",
    "RubricDiff",
    "diff_rubrics",
    "diff_to_json",
    "natural_key",
    "render_diff_markdown",
    "render_diff_text",
]

ChangeKind = Literal[
    # the rubric as a whole
    "metadata",
    "scale",
    "conformance",
    "aggregation",
    # categories (added, removed, renumbered, renamed, described)
    "category",
    # standards
    "removed",
    "added",
    "renumbered",
    "moved",
    "reworded",
    "check",
    "mode",
    "applicability",
    "reweighted",
    "essential",
    "evidence",
    "crosswalk",
    "effort",
]

#: Every kind of change, in the order changes are listed for one subject.
CHANGE_KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)

_RUBRIC_KINDS = frozenset({"metadata", "scale", "conformance", "aggregation"})

#: Which kind of change a difference in each field of a standard is.
_STANDARD_FIELDS: dict[str, ChangeKind] = {
    "title": "reworded",
    "text": "reworded",
    "annotation": "reworded",
    "check": "check",
    "mode": "mode",
    "scope": "applicability",
    "applies_if": "applicability",
    "points": "reweighted",
    "essential": "essential",
    "evidence": "evidence",
    "crosswalk": "crosswalk",
    "effort": "effort",
}
#: Kinds of standard change after which a review verdict no longer holds.
_INVALIDATING = frozenset({"added", "reworded", "check", "mode", "applicability"})
#: Fields compared after collapsing white space.
_WORDING = frozenset({"title", "text", "annotation", "description"})
#: Fields whose values are sentences, too long to quote in a message.
_PROSE = frozenset({"text", "annotation", "description"})
#: Rubric fields reported as ``metadata`` (``version`` differs by design).
_METADATA_FIELDS = ("id", "title", "status", "license", "applies_to", "description", "homepage")


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a rubric.

    ``standard`` is the id the change is about: the new id, or the old id of a
    removed standard; ``None`` for changes to the rubric or a category. For
    standards and categories, ``old_id`` and ``new_id`` are its ids in each
    version (``None`` on the side where it does not exist). ``field`` names the
    field that changed, ``before`` and ``after`` hold its values as plain data.
    """

    kind: ChangeKind
    message: str
    """One plain-language sentence."""
    standard: str | None = None
    old_id: str | None = None
    new_id: str | None = None
    field: str | None = None
    before: Any = None
    after: Any = None
    invalidates_verdict: bool = False
    """Whether a review verdict on the standard (on every standard, when
    ``standard`` is ``None``) stops being valid."""

    def to_json(self) -> dict[str, Any]:
        """The change as plain data, keys in a fixed order."""
        return {
            "kind": self.kind,
            "standard": self.standard,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "field": self.field,
            "before": copy.deepcopy(self.before),
            "after": copy.deepcopy(self.after),
            "invalidates_verdict": self.invalidates_verdict,
            "message": self.message,
        }


@dataclass(frozen=True)
class RubricDiff:
    """What changed from one rubric version to another.

    ``changes`` are ordered: rubric-level changes first, then categories, then
    standards by id in natural order (``2.9`` before ``2.10``). ``matched`` pairs
    each old standard id with the id of the same standard in the new rubric.
    """

    old_ref: str
    new_ref: str
    changes: tuple[Change, ...] = ()
    matched: tuple[tuple[str, str], ...] = ()

    def of_kind(self, *kinds: ChangeKind) -> tuple[Change, ...]:
        """The changes of these kinds, in order."""
        return tuple(c for c in self.changes if c.kind in kinds)

    def new_ids(self) -> list[str]:
        """Every standard id of the new rubric, in natural order."""
        ids = [new for _, new in self.matched] + [
            c.new_id for c in self.of_kind("added") if c.new_id is not None
        ]
        return sorted(ids, key=natural_key)

    def old_ids(self) -> list[str]:
        """Every standard id of the old rubric, in natural order."""
        ids = [old for old, _ in self.matched] + [
            c.old_id for c in self.of_kind("removed") if c.old_id is not None
        ]
        return sorted(ids, key=natural_key)

    def changed_standards(self) -> set[str]:
        """New ids of the standards whose review verdicts cannot be carried forward.

        These are added standards and standards whose wording, check, mode or
        applicability changed; every standard when the scale changed. Points,
        essential flag, evidence, crosswalk, category and id changes keep a
        verdict valid (see the module documentation).
        """
        if any(c.invalidates_verdict and c.standard is None for c in self.changes):
            return set(self.new_ids())
        return {c.new_id for c in self.changes if c.invalidates_verdict and c.new_id is not None}

    def carried_forward(self, old_id: str) -> str | None:
        """The new id a verdict on old standard ``old_id`` now belongs to.

        ``None`` when the standard was removed, when the verdict is no longer
        valid (see :meth:`changed_standards`), or when the old rubric has no
        such standard.
        """
        for old, new in self.matched:
            if old == old_id:
                return None if new in self.changed_standards() else new
        return None


# -- ordering ---------------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)", re.ASCII)


def natural_key(identifier: str) -> tuple[tuple[int | str, ...], str]:
    """Sort key for ids such as ``2.10``: runs of digits compare as numbers.

    >>> sorted(["2.10", "10.1", "2.9", "2.1", "A-2"], key=natural_key)
    ['2.1', '2.9', '2.10', '10.1', 'A-2']
    """
    parts = _DIGITS.split(identifier)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts)), identifier


def _sort_key(change: Change) -> tuple[int, tuple[tuple[int | str, ...], str], int]:
    rank = CHANGE_KINDS.index(change.kind)
    if change.kind in _RUBRIC_KINDS:
        return 0, natural_key(""), rank
    if change.kind == "category":
        return 1, natural_key(change.new_id or change.old_id or ""), rank
    return 2, natural_key(change.standard or ""), rank


# -- describing values ------------------------------------------------------------------

_PLAIN = re.compile(r"[\w.@/+:-]+")


def _show(value: Any) -> str | None:
    """A short rendering of a value for a message, or ``None`` when too long."""
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, str):
        text = value if _PLAIN.fullmatch(value) else json.dumps(value, ensure_ascii=False)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ", ".join(value)
    else:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 60 else None


def _absent(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _phrase(subject: str, label: str, before: Any, after: Any, *, values: bool = True) -> str:
    """``Subject: label changed from X to Y.`` (values only when short and wanted)."""
    old, new = (_show(before), _show(after)) if values else (None, None)
    if _absent(before):
        return f"{subject}: {label} added" + (f" ({new})." if new else ".")
    if _absent(after):
        return f"{subject}: {label} removed" + (f" (was {old})." if old else ".")
    if old and new:
        return f"{subject}: {label} changed from {old} to {new}."
    return f"{subject}: {label} changed."


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", by_alias=True)


def _same(name: str, before: Any, after: Any) -> bool:
    if name in _WORDING and isinstance(before, str) and isinstance(after, str):
        return _norm(before) == _norm(after)
    return bool(before == after)


# -- matching ---------------------------------------------------------------------------

_Key = TypeVar("_Key", bound=Hashable)


def _pair(
    old: Sequence[tuple[str, _Key]],
    new: Sequence[tuple[str, _Key]],
    fixed: Mapping[str, str],
) -> dict[str, tuple[str, str]]:
    """Pair new ids with old ids: ``{new: (old, how)}``, ``how`` in explicit/id/content.

    ``old`` and ``new`` list ``(id, content)`` in document order.
    """
    pairs: dict[str, tuple[str, str]] = {
        new_id: (old_id, "explicit") for new_id, old_id in fixed.items()
    }
    taken = {old_id for old_id, _ in pairs.values()}
    old_content = dict(old)
    # Same id, same content.
    for new_id, content in new:
        if (
            new_id not in pairs
            and new_id not in taken
            and new_id in old_content
            and old_content[new_id] == content
        ):
            pairs[new_id] = (new_id, "id")
            taken.add(new_id)
    # Same content, another id.
    by_content: dict[_Key, list[str]] = {}
    for old_id, content in old:
        if old_id not in taken:
            by_content.setdefault(content, []).append(old_id)
    for new_id, content in new:
        candidates = by_content.get(content)
        if new_id not in pairs and candidates:
            old_id = candidates.pop(0)
            pairs[new_id] = (old_id, "content")
            taken.add(old_id)
    # Same id, other content.
    for new_id, _ in new:
        if new_id not in pairs and new_id in old_content and new_id not in taken:
            pairs[new_id] = (new_id, "id")
            taken.add(new_id)
    return pairs


def _index(rubric: Rubric) -> dict[str, tuple[Category, Standard]]:
    placed: dict[str, tuple[Category, Standard]] = {}
    seen: set[str] = set()
    for category in rubric.categories:
        if category.id in seen:
            raise ValueError(f"{rubric.ref}: the category id {category.id!r} is used twice")
        seen.add(category.id)
        for standard in category.standards:
            if standard.id in placed:
                raise ValueError(f"{rubric.ref}: the standard id {standard.id!r} is used twice")
            placed[standard.id] = (category, standard)
    return placed


def _wording(standard: Standard) -> tuple[str | None, str | None]:
    return _norm(standard.title), _norm(standard.text)


def _check_renames(
    renames: Mapping[str, str],
    old: Mapping[str, object],
    new: Mapping[str, object],
    old_ref: str,
    new_ref: str,
) -> None:
    used: dict[str, str] = {}
    for new_id, old_id in renames.items():
        if new_id not in new:
            raise ValueError(f"renames: {new_ref} has no standard {new_id!r}")
        if old_id not in old:
            raise ValueError(f"renames: {old_ref} has no standard {old_id!r}")
        if old_id in used:
            raise ValueError(
                f"renames: {used[old_id]!r} and {new_id!r} are both said to be {old_id!r}"
            )
        used[old_id] = new_id


def _declared_renames(
    new: Mapping[str, tuple[Category, Standard]],
    old: Mapping[str, tuple[Category, Standard]],
    given: Mapping[str, str],
) -> dict[str, str]:
    """Renames the new rubric declares through ``renamed_from`` (new id -> old id).

    A declaration counts when the old rubric has no standard under the new id
    (else the id was already in use then, and it is that standard), has one
    under the declared id, and nobody else has claimed that old id.
    """
    found: dict[str, str] = {}
    taken = set(given.values())
    for new_id, (_, standard) in new.items():
        if new_id in given or new_id in old:
            continue
        for old_id in standard.renamed_from:
            if old_id in old and old_id not in taken:
                found[new_id] = old_id
                taken.add(old_id)
                break
    return found


# -- comparing --------------------------------------------------------------------------


def _rubric_changes(old: Rubric, new: Rubric) -> list[Change]:
    changes: list[Change] = []
    for name in _METADATA_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if not _same(name, before, after):
            label = name.replace("_", " ")
            message = _phrase("Rubric", label, before, after, values=name not in _PROSE)
            changes.append(Change("metadata", message, field=name, before=before, after=after))
    changes.extend(_scale_changes(old, new))
    rules: tuple[tuple[ChangeKind, str], ...] = (
        ("conformance", "Conformance"),
        ("aggregation", "Aggregation"),
    )
    for kind, subject in rules:
        before_model, after_model = getattr(old, kind), getattr(new, kind)
        before, after = _dump(before_model), _dump(after_model)
        if before.get("type") != after.get("type"):
            message = f"{subject} rule changed from {before['type']} to {after['type']}."
            changes.append(Change(kind, message, field="type", before=before, after=after))
            continue
        for name, value in before.items():
            if value != after[name]:
                message = _phrase(subject, name.replace("_", " "), value, after[name])
                changes.append(Change(kind, message, field=name, before=value, after=after[name]))
    return changes


def _scale_name(scale: dict[str, Any]) -> str:
    if scale["type"] == "binary":
        return "met / not met"
    levels = ", ".join(f"{level['value']} {level['label']}" for level in scale["levels"])
    return f"levels ({levels})"


def _scale_changes(old: Rubric, new: Rubric) -> list[Change]:
    before, after = _dump(old.scale), _dump(new.scale)
    if before == after:
        return []
    if before["type"] != after["type"]:
        message = f"Scale changed from {_scale_name(before)} to {_scale_name(after)}."
        return [
            Change(
                "scale", message, field="type", before=before, after=after, invalidates_verdict=True
            )
        ]
    unscored = [[{**level, "points": None} for level in s["levels"]] for s in (before, after)]
    if unscored[0] != unscored[1]:
        message = f"Scale changed from {_scale_name(before)} to {_scale_name(after)}."
        invalidates = True
    else:
        message = "Scale: the points the levels earn changed."
        invalidates = False
    return [
        Change(
            "scale",
            message,
            field="levels",
            before=before["levels"],
            after=after["levels"],
            invalidates_verdict=invalidates,
        )
    ]


def _category_changes(old: Rubric, new: Rubric) -> tuple[list[Change], dict[str, str]]:
    """Changes to categories, and the old id of each matched new category."""
    pairs = _pair(
        [(c.id, _norm(c.title)) for c in old.categories],
        [(c.id, _norm(c.title)) for c in new.categories],
        {},
    )
    old_by_id = {c.id: c for c in old.categories}
    matched = {new_id: old_id for new_id, (old_id, _) in pairs.items()}
    changes: list[Change] = []
    for category in old.categories:
        if category.id not in matched.values():
            changes.append(
                Change(
                    "category",
                    f'Category {category.id} "{category.title}" removed.',
                    old_id=category.id,
                    before=_category_data(category),
                )
            )
    for category in new.categories:
        if category.id not in matched:
            changes.append(
                Change(
                    "category",
                    f'Category {category.id} "{category.title}" added.',
                    new_id=category.id,
                    after=_category_data(category),
                )
            )
            continue
        was = old_by_id[matched[category.id]]
        if was.id != category.id:
            message = f'Category {was.id} "{category.title}" is now category {category.id}.'
            changes.append(
                Change(
                    "category",
                    message,
                    old_id=was.id,
                    new_id=category.id,
                    field="id",
                    before=was.id,
                    after=category.id,
                )
            )
        for name in ("title", "description"):
            before, after = getattr(was, name), getattr(category, name)
            if not _same(name, before, after):
                if name == "title":
                    message = f'Category {category.id} renamed from "{before}" to "{after}".'
                else:
                    message = _phrase(f"Category {category.id}", name, before, after, values=False)
                changes.append(
                    Change(
                        "category",
                        message,
                        old_id=was.id,
                        new_id=category.id,
                        field=name,
                        before=before,
                        after=after,
                    )
                )
    return changes, matched


def _category_data(category: Category) -> dict[str, Any]:
    return {"id": category.id, "title": category.title, "description": category.description}


def _standard_message(kind: ChangeKind, sid: str, name: str, before: Any, after: Any) -> str:
    subject = f"Standard {sid}"
    if kind == "essential":
        return f"{subject} is now essential." if after else f"{subject} is no longer essential."
    if kind in ("reweighted", "mode"):
        return f"{subject}: {name} changed from {_show(before)} to {_show(after)}."
    return _phrase(subject, name.replace("_", " "), before, after, values=name not in _PROSE)


def _standard_changes(
    old_id: str,
    new_id: str,
    how: str,
    was: tuple[Category, Standard],
    now: tuple[Category, Standard],
    category_of: Mapping[str, str],
) -> list[Change]:
    (old_category, before_std), (new_category, after_std) = was, now
    changes: list[Change] = []
    if old_id != new_id:
        reason = "declared as a rename" if how == "explicit" else "same title and text"
        message = f'Standard {old_id} "{after_std.title}" was renumbered to {new_id} ({reason}).'
        changes.append(Change("renumbered", message, new_id, old_id, new_id, "id", old_id, new_id))
    if category_of.get(new_category.id) != old_category.id:
        message = (
            f'Standard {new_id} moved from category {old_category.id} "{old_category.title}" '
            f'to category {new_category.id} "{new_category.title}".'
        )
        changes.append(
            Change(
                "moved",
                message,
                new_id,
                old_id,
                new_id,
                field="category",
                before=old_category.id,
                after=new_category.id,
            )
        )
    before, after = _dump(before_std), _dump(after_std)
    for name, kind in _STANDARD_FIELDS.items():
        if not _same(name, before[name], after[name]):
            changes.append(
                Change(
                    kind,
                    _standard_message(kind, new_id, name, before[name], after[name]),
                    new_id,
                    old_id,
                    new_id,
                    field=name,
                    before=before[name],
                    after=after[name],
                    invalidates_verdict=kind in _INVALIDATING,
                )
            )
    return changes


def diff_rubrics(
    old: Rubric, new: Rubric, *, renames: Mapping[str, str] | None = None
) -> RubricDiff:
    """Compare two versions of a rubric.

    ``renames`` maps new standard ids to old ones for standards that were
    renumbered *and* reworded (which cannot be recognised by their text). A
    ``ValueError`` is raised when it names an id neither rubric has, or one old
    id twice, or when a rubric uses a standard or category id twice.

    >>> from mcqa.models.rubric import Rubric
    >>> def demo(version, standards):
    ...     return Rubric.model_validate({"id": "demo", "version": version, "title": "Demo",
    ...         "categories": [{"id": "1", "title": "Basics", "standards": standards}]})
    >>> old = demo("1.0.0", [{"id": "1.1", "title": "Outcomes", "text": "Lists outcomes."}])
    >>> new = demo("2.0.0", [
    ...     {"id": "1.1", "title": "Audience", "text": "Names the audience."},
    ...     {"id": "1.2", "title": "Outcomes", "text": "Lists outcomes."},
    ... ])
    >>> for change in diff_rubrics(old, new).changes:
    ...     print(change.kind, change.old_id, change.new_id)
    added None 1.1
    renumbered 1.1 1.2
    >>> diff_rubrics(old, old).changes
    ()
    """
    old_index, new_index = _index(old), _index(new)
    fixed = dict(renames or {})
    _check_renames(fixed, old_index, new_index, old.ref, new.ref)
    fixed.update(_declared_renames(new_index, old_index, fixed))
    pairs = _pair(
        [(sid, _wording(s)) for sid, (_, s) in old_index.items()],
        [(sid, _wording(s)) for sid, (_, s) in new_index.items()],
        fixed,
    )
    changes = _rubric_changes(old, new)
    category_changes, category_of = _category_changes(old, new)
    changes.extend(category_changes)
    taken = {old_id for old_id, _ in pairs.values()}
    for old_id, (_, standard) in old_index.items():
        if old_id not in taken:
            changes.append(
                Change(
                    "removed",
                    f'Standard {old_id} "{standard.title}" removed.',
                    standard=old_id,
                    old_id=old_id,
                    before=_dump(standard),
                )
            )
    matched: list[tuple[str, str]] = []
    for new_id, (category, standard) in new_index.items():
        if new_id not in pairs:
            changes.append(
                Change(
                    "added",
                    f'Standard {new_id} "{standard.title}" added to category {category.id}.',
                    standard=new_id,
                    new_id=new_id,
                    after=_dump(standard),
                    invalidates_verdict=True,
                )
            )
            continue
        old_id, how = pairs[new_id]
        matched.append((old_id, new_id))
        changes.extend(
            _standard_changes(
                old_id, new_id, how, old_index[old_id], new_index[new_id], category_of
            )
        )
    return RubricDiff(
        old_ref=old.ref,
        new_ref=new.ref,
        changes=tuple(sorted(changes, key=_sort_key)),
        matched=tuple(sorted(matched, key=lambda pair: natural_key(pair[0]))),
    )


# -- rendering --------------------------------------------------------------------------


def render_diff_text(diff: RubricDiff) -> str:
    """One line per change, ``kind`` then message: rubric, categories, then standards.

    >>> render_diff_text(RubricDiff("demo@1.0.0", "demo@1.0.1"))
    'No changes from demo@1.0.0 to demo@1.0.1.'
    """
    if not diff.changes:
        return f"No changes from {diff.old_ref} to {diff.new_ref}."
    width = max(len(c.kind) for c in diff.changes)
    return "\n".join(f"{c.kind:<{width}}  {c.message}" for c in diff.changes)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _section(change: Change) -> str:
    if change.kind == "added" or (change.kind == "category" and change.old_id is None):
        return "Added"
    if change.kind == "removed" or (change.kind == "category" and change.new_id is None):
        return "Removed"
    if change.kind == "renumbered" or (change.kind == "category" and change.field == "id"):
        return "Renumbered"
    return "Changed"


def render_diff_markdown(diff: RubricDiff) -> str:
    """A changelog section: ``### Added``, ``### Removed``, ``### Renumbered``, ``### Changed``.

    Standards whose review verdicts cannot be carried forward are listed last.

    >>> print(render_diff_markdown(RubricDiff("demo@1.0.0", "demo@1.0.1")))
    ## demo@1.0.1
    <BLANKLINE>
    No changes from demo@1.0.0.
    """
    lines = [f"## {_md(diff.new_ref)}", ""]
    if not diff.changes:
        lines.append(f"No changes from {_md(diff.old_ref)}.")
        return "\n".join(lines)
    lines.append(f"Changes from {_md(diff.old_ref)}.")
    for section in ("Added", "Removed", "Renumbered", "Changed"):
        items = [c for c in diff.changes if _section(c) == section]
        if items:
            lines += ["", f"### {section}", ""]
            lines += [f"- {_md(c.message)}" for c in items]
    redo = sorted(
        diff.changed_standards() - {c.new_id for c in diff.of_kind("added")}, key=natural_key
    )
    if redo:
        lines += ["", "### Review again", ""]
        lines.append(
            "Review verdicts on these standards cannot be carried forward: " + ", ".join(redo) + "."
        )
    return "\n".join(lines)


def diff_to_json(diff: RubricDiff) -> dict[str, Any]:
    """The diff as plain data in a deterministic order (for ``json.dumps``).

    ``carried_forward`` maps every old standard id to the new id its verdicts
    carry to, or ``None``.

    >>> diff_to_json(RubricDiff("demo@1.0.0", "demo@1.0.1"))["changes"]
    []
    """
    return {
        "old": diff.old_ref,
        "new": diff.new_ref,
        "changes": [c.to_json() for c in diff.changes],
        "changed_standards": sorted(diff.changed_standards(), key=natural_key),
        "carried_forward": {old: diff.carried_forward(old) for old in diff.old_ids()},
    }
