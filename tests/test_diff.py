"""Rubric version comparison: matching standards, kinds of change, verdicts, renderers."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mcqa.diff import (
    CHANGE_KINDS,
    Change,
    RubricDiff,
    diff_rubrics,
    diff_to_json,
    natural_key,
    render_diff_markdown,
    render_diff_text,
)
from mcqa.models.rubric import Category, Rubric, Standard
from mcqa.rubrics import RubricRegistry

# -- a small rubric in two versions -----------------------------------------------------


def std(sid: str, **fields: Any) -> dict[str, Any]:
    """A standard whose title and text are unique to ``sid`` unless given."""
    return {"id": sid, "title": f"Title {sid}", "text": f"Text of standard {sid}.", **fields}


def rubric(version: str, categories: list[dict[str, Any]], **fields: Any) -> Rubric:
    return Rubric.model_validate(
        {"id": "demo", "version": version, "title": "Demo", "categories": categories, **fields}
    )


CHECK = {"schema": {"required": ["title"]}}
LEVELS = [{"value": 0, "label": "Not met"}, {"value": 1, "label": "Met"}]

V1: dict[str, Any] = {
    "status": "draft",
    "scale": {"type": "levels", "levels": LEVELS},
    "conformance": {"type": "threshold", "threshold_percent": 85},
    "aggregation": {"policy": "majority", "min_reviewers": 3},
    "categories": [
        {
            "id": "1",
            "title": "Overview",
            "standards": [std("1.1"), std("1.2"), std("1.3", points=1)],
        },
        {
            "id": "2",
            "title": "Outcomes",
            "standards": [
                std("2.1"),
                std("2.2", mode="automated", check=CHECK),
                std("2.3", mode="automated", check=CHECK),
                std("2.4"),
                std("2.5"),
                std("2.6"),
                std("2.7"),
                std("2.8", evidence=["/title"]),
                std("2.9", crosswalk={"qm": ["2.1"]}),
                std("2.10"),
            ],
        },
        {"id": "3", "title": "Obsolete", "standards": []},
    ],
}


def version_2() -> dict[str, Any]:
    """V1 with exactly one change of each kind (three for categories)."""
    data = copy.deepcopy(V1)
    data["status"] = "final"  # metadata
    data["scale"]["levels"][1]["points"] = 2  # scale (points only: verdicts stay valid)
    data["conformance"]["threshold_percent"] = 80  # conformance
    data["aggregation"]["min_reviewers"] = 2  # aggregation
    overview, outcomes, _obsolete = data["categories"]
    overview["title"] = "Overview and transparency"  # category renamed
    overview["standards"][1]["text"] = "A new text for 1.2."  # reworded
    overview["standards"][2]["points"] = 2  # reweighted
    s = {d["id"]: d for d in outcomes["standards"]}
    s["2.1"]["essential"] = True  # essential
    s["2.2"]["mode"] = "hybrid"  # mode
    s["2.3"]["check"] = {"schema": {"required": ["title", "description"]}}  # check
    s["2.6"]["id"] = "2.11"  # renumbered (same title and text)
    s["2.7"]["scope"] = "issued-credential"  # applicability
    s["2.8"]["evidence"] = ["/title", "/description"]  # evidence
    s["2.9"]["crosswalk"] = {"qm": ["2.2"]}  # crosswalk
    s["2.10"]["effort"] = "large"  # effort
    moved = s.pop("2.4")  # moved, to a new category (category added)
    del s["2.5"]  # removed
    outcomes["standards"] = [*s.values(), std("2.12")]  # added
    data["categories"] = [  # category 3 removed
        overview,
        outcomes,
        {"id": "4", "title": "Delivery", "standards": [moved]},
    ]
    return data


@pytest.fixture
def old() -> Rubric:
    return rubric("1.0.0", **V1)


@pytest.fixture
def new() -> Rubric:
    return rubric("2.0.0", **version_2())


@pytest.fixture
def diff(old: Rubric, new: Rubric) -> RubricDiff:
    return diff_rubrics(old, new)


# (kind, standard, old_id, new_id, field)
EXPECTED = [
    ("metadata", None, None, None, "status"),
    ("scale", None, None, None, "levels"),
    ("conformance", None, None, None, "threshold_percent"),
    ("aggregation", None, None, None, "min_reviewers"),
    ("category", None, "1", "1", "title"),
    ("category", None, "3", None, None),
    ("category", None, None, "4", None),
    ("reworded", "1.2", "1.2", "1.2", "text"),
    ("reweighted", "1.3", "1.3", "1.3", "points"),
    ("essential", "2.1", "2.1", "2.1", "essential"),
    ("mode", "2.2", "2.2", "2.2", "mode"),
    ("check", "2.3", "2.3", "2.3", "check"),
    ("moved", "2.4", "2.4", "2.4", "category"),
    ("removed", "2.5", "2.5", None, None),
    ("applicability", "2.7", "2.7", "2.7", "scope"),
    ("evidence", "2.8", "2.8", "2.8", "evidence"),
    ("crosswalk", "2.9", "2.9", "2.9", "crosswalk"),
    ("effort", "2.10", "2.10", "2.10", "effort"),
    ("renumbered", "2.11", "2.6", "2.11", "id"),
    ("added", "2.12", None, "2.12", None),
]


def summary(diff: RubricDiff) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
    return [(c.kind, c.standard, c.old_id, c.new_id, c.field) for c in diff.changes]


# -- what is reported -------------------------------------------------------------------


def test_each_change_is_reported_once_in_order(diff: RubricDiff) -> None:
    assert summary(diff) == EXPECTED
    assert {c.kind for c in diff.changes} == set(CHANGE_KINDS)


def test_values_before_and_after(diff: RubricDiff) -> None:
    by_kind = {c.kind: c for c in diff.changes if c.kind != "category"}
    assert (by_kind["metadata"].before, by_kind["metadata"].after) == ("draft", "final")
    assert (by_kind["conformance"].before, by_kind["conformance"].after) == (85, 80)
    assert (by_kind["aggregation"].before, by_kind["aggregation"].after) == (3, 2)
    assert (by_kind["reweighted"].before, by_kind["reweighted"].after) == (1, 2)
    assert (by_kind["essential"].before, by_kind["essential"].after) == (False, True)
    assert (by_kind["mode"].before, by_kind["mode"].after) == ("automated", "hybrid")
    assert by_kind["check"].after == {"schema": {"required": ["title", "description"]}}
    assert (by_kind["moved"].before, by_kind["moved"].after) == ("2", "4")
    assert (by_kind["renumbered"].before, by_kind["renumbered"].after) == ("2.6", "2.11")
    assert by_kind["reworded"].after == "A new text for 1.2."
    assert by_kind["added"].after["title"] == "Title 2.12"
    assert by_kind["removed"].before["title"] == "Title 2.5"
    assert by_kind["scale"].invalidates_verdict is False


def test_messages_are_plain_sentences(diff: RubricDiff) -> None:
    messages = {c.kind: c.message for c in diff.changes}
    assert messages["reweighted"] == "Standard 1.3: points changed from 1 to 2."
    assert messages["essential"] == "Standard 2.1 is now essential."
    assert messages["mode"] == "Standard 2.2: mode changed from automated to hybrid."
    assert messages["renumbered"] == (
        'Standard 2.6 "Title 2.6" was renumbered to 2.11 (same title and text).'
    )
    assert messages["moved"] == (
        'Standard 2.4 moved from category 2 "Outcomes" to category 4 "Delivery".'
    )
    assert all(c.message.endswith(".") and "\n" not in c.message for c in diff.changes)


def test_identical_rubrics_have_no_changes(old: Rubric) -> None:
    same = diff_rubrics(old, old.model_copy(deep=True))
    assert same.changes == ()
    assert same.changed_standards() == set()
    assert all(same.carried_forward(sid) == sid for sid in same.old_ids())
    assert render_diff_text(same) == "No changes from demo@1.0.0 to demo@1.0.0."
    assert "No changes" in render_diff_markdown(same)


def test_rewrapped_wording_is_no_change() -> None:
    a = rubric("1.0.0", [{"id": "1", "title": "C", "standards": [std("1.1", text="One two.")]}])
    b = rubric("1.0.1", [{"id": "1", "title": "C", "standards": [std("1.1", text="One\n two.\n")]}])
    assert diff_rubrics(a, b).changes == ()


def test_natural_order_of_ids() -> None:
    ids = ["2.10", "2.9", "10.1", "2.1", "1.10", "1.2"]
    assert sorted(ids, key=natural_key) == ["1.2", "1.10", "2.1", "2.9", "2.10", "10.1"]
    standards = [std(sid, points=1) for sid in ("2.1", "2.2", "2.9", "2.10", "2.11")]
    a = rubric("1.0.0", [{"id": "2", "title": "C", "standards": standards}])
    bumped = [{**s, "points": 2} for s in reversed(standards)]
    b = rubric("1.0.1", [{"id": "2", "title": "C", "standards": bumped}])
    assert [c.standard for c in diff_rubrics(a, b).changes] == ["2.1", "2.2", "2.9", "2.10", "2.11"]


def test_explicit_field_coverage() -> None:
    """Every field of a standard is compared, so a new field cannot be missed silently."""
    from mcqa.diff import _METADATA_FIELDS, _STANDARD_FIELDS

    assert set(Standard.model_fields) == {*_STANDARD_FIELDS, "id", "renamed_from"}
    assert set(Category.model_fields) == {"id", "title", "description", "standards"}
    compared = {*_METADATA_FIELDS, "scale", "conformance", "aggregation", "categories"}
    informational = {
        "rubric_format",
        "version",
        "extends",
        "overrides",
        "based_on",
        "supersedes",
    }
    assert set(Rubric.model_fields) == compared | informational


# -- renumbering ------------------------------------------------------------------------


def one_category(version: str, *standards: dict[str, Any]) -> Rubric:
    return rubric(version, [{"id": "1", "title": "C", "standards": list(standards)}])


def test_insertion_renumbers_the_standards_after_it() -> None:
    a = one_category("1.0.0", std("1.1"), std("1.2"), std("1.3"))
    moved_down = [std("1.2", id="1.3"), std("1.3", id="1.4")]
    b = one_category("1.1.0", std("1.1"), std("1.2", title="New", text="Inserted."), *moved_down)
    diff = diff_rubrics(a, b)
    assert summary(diff) == [
        ("added", "1.2", None, "1.2", None),
        ("renumbered", "1.3", "1.2", "1.3", "id"),
        ("renumbered", "1.4", "1.3", "1.4", "id"),
    ]
    assert diff.changed_standards() == {"1.2"}
    assert [diff.carried_forward(s) for s in ("1.1", "1.2", "1.3")] == ["1.1", "1.3", "1.4"]


def test_swapped_ids_are_two_renumberings() -> None:
    a = one_category("1.0.0", std("1.1"), std("1.2"))
    b = one_category("1.1.0", std("1.2", id="1.1"), std("1.1", id="1.2"))
    diff = diff_rubrics(a, b)
    assert [(c.kind, c.old_id, c.new_id) for c in diff.changes] == [
        ("renumbered", "1.2", "1.1"),
        ("renumbered", "1.1", "1.2"),
    ]
    assert diff.carried_forward("1.1") == "1.2"


def test_renumbered_and_reworded_needs_an_explicit_mapping() -> None:
    a = one_category("1.0.0", std("1.1"), std("1.2"))
    b = one_category("1.1.0", std("1.1"), std("1.3", title="Title 1.2", text="Reworded text."))
    without = diff_rubrics(a, b)
    assert [(c.kind, c.standard) for c in without.changes] == [
        ("removed", "1.2"),
        ("added", "1.3"),
    ]
    assert without.carried_forward("1.2") is None

    diff = diff_rubrics(a, b, renames={"1.3": "1.2"})
    assert summary(diff) == [
        ("renumbered", "1.3", "1.2", "1.3", "id"),
        ("reworded", "1.3", "1.2", "1.3", "text"),
    ]
    assert "declared as a rename" in diff.changes[0].message
    assert diff.changed_standards() == {"1.3"}
    assert diff.carried_forward("1.2") is None  # reworded: the verdict does not carry


def test_renamed_from_in_the_rubric_maps_a_renumbered_and_reworded_standard() -> None:
    a = one_category("1.0.0", std("1.1"), std("1.2"))
    b = one_category(
        "2.0.0",
        std("1.1"),
        std("1.5", title="Title 1.2", text="Reworded.", renamed_from=["1.4", "1.2"]),
    )
    diff = diff_rubrics(a, b)
    assert [(c.kind, c.old_id, c.new_id) for c in diff.changes] == [
        ("renumbered", "1.2", "1.5"),
        ("reworded", "1.2", "1.5"),
    ]
    assert "declared as a rename" in diff.changes[0].message


def test_renamed_from_is_ignored_when_the_old_rubric_already_has_the_id() -> None:
    # 1.2 existed in 1.0.0 already, so its renamed_from speaks of older versions.
    a = one_category("1.0.0", std("1.1"), std("1.2"))
    b = one_category("1.1.0", std("1.2", renamed_from=["1.1"]))
    diff = diff_rubrics(a, b)
    assert [(c.kind, c.old_id, c.new_id) for c in diff.changes] == [("removed", "1.1", None)]


def test_explicit_mapping_of_a_renumbered_standard_carries_its_verdict() -> None:
    a = one_category("1.0.0", std("1.1"), std("1.2", points=2))
    b = one_category(
        "1.1.0", std("1.1"), std("1.5", title="Title 1.2", text="Text of standard 1.2.", points=3)
    )
    diff = diff_rubrics(a, b, renames={"1.5": "1.2"})
    assert [c.kind for c in diff.changes] == ["renumbered", "reweighted"]
    assert diff.carried_forward("1.2") == "1.5"


def test_explicit_mapping_wins_over_matching_text() -> None:
    a = one_category("1.0.0", std("1.1"), std("1.2"))
    b = one_category("1.1.0", std("1.1"), std("1.2"))
    diff = diff_rubrics(a, b, renames={"1.2": "1.1", "1.1": "1.2"})
    assert [(c.kind, c.old_id, c.new_id, c.field) for c in diff.changes] == [
        ("renumbered", "1.2", "1.1", "id"),
        ("reworded", "1.2", "1.1", "title"),
        ("reworded", "1.2", "1.1", "text"),
        ("renumbered", "1.1", "1.2", "id"),
        ("reworded", "1.1", "1.2", "title"),
        ("reworded", "1.1", "1.2", "text"),
    ]


@pytest.mark.parametrize(
    ("renames", "message"),
    [
        ({"9.9": "1.1"}, "has no standard '9.9'"),
        ({"1.1": "9.9"}, "has no standard '9.9'"),
        ({"1.1": "1.2", "1.2": "1.2"}, "both said to be '1.2'"),
    ],
)
def test_bad_renames_are_refused(renames: dict[str, str], message: str) -> None:
    a = one_category("1.0.0", std("1.1"), std("1.2"))
    with pytest.raises(ValueError, match=message):
        diff_rubrics(a, a, renames=renames)


def test_duplicate_ids_are_refused() -> None:
    twice = one_category("1.0.0", std("1.1"), std("1.1"))
    with pytest.raises(ValueError, match="used twice"):
        diff_rubrics(twice, twice)


def test_renumbered_category() -> None:
    a = rubric("1.0.0", [{"id": "1", "title": "A", "standards": [std("1.1")]}])
    b = rubric("1.1.0", [{"id": "2", "title": "A", "standards": [std("1.1")]}])
    diff = diff_rubrics(a, b)
    assert summary(diff) == [("category", None, "1", "2", "id")]  # not "moved"
    assert "## " in render_diff_markdown(diff) and "### Renumbered" in render_diff_markdown(diff)


# -- carrying verdicts forward ----------------------------------------------------------


def test_changed_standards_follow_the_rule(diff: RubricDiff) -> None:
    # Wording, check, mode and applicability invalidate; added standards have no verdict.
    assert diff.changed_standards() == {"1.2", "2.2", "2.3", "2.7", "2.12"}
    invalidating = {c.kind for c in diff.changes if c.invalidates_verdict}
    assert invalidating == {"reworded", "mode", "check", "applicability", "added"}


def test_carried_forward(diff: RubricDiff) -> None:
    carried = {sid: diff.carried_forward(sid) for sid in diff.old_ids()}
    assert carried == {
        "1.1": "1.1",  # unchanged
        "1.2": None,  # reworded
        "1.3": "1.3",  # reweighted
        "2.1": "2.1",  # essential
        "2.2": None,  # mode
        "2.3": None,  # check
        "2.4": "2.4",  # moved
        "2.5": None,  # removed
        "2.6": "2.11",  # renumbered
        "2.7": None,  # applicability
        "2.8": "2.8",  # evidence
        "2.9": "2.9",  # crosswalk
        "2.10": "2.10",  # unchanged
    }
    assert diff.carried_forward("7.7") is None


def test_a_new_scale_invalidates_every_verdict(old: Rubric) -> None:
    relabelled = copy.deepcopy(V1)
    relabelled["scale"]["levels"][1]["label"] = "Fully met"
    binary = {**copy.deepcopy(V1), "scale": {"type": "binary"}}
    for data in (relabelled, binary):
        diff = diff_rubrics(old, rubric("2.0.0", **data))
        assert [c.kind for c in diff.changes] == ["scale"]
        assert diff.changes[0].invalidates_verdict
        assert diff.changed_standards() == set(diff.new_ids())
        assert diff.carried_forward("1.1") is None


def test_conformance_type_change(old: Rubric) -> None:
    data = {
        **copy.deepcopy(V1),
        "conformance": {"type": "bands", "bands": [{"min_percent": 90, "label": "Good"}]},
    }
    diff = diff_rubrics(old, rubric("2.0.0", **data))
    assert summary(diff) == [("conformance", None, None, None, "type")]
    assert diff.changes[0].message == "Conformance rule changed from threshold to bands."
    assert diff.changed_standards() == set()


# -- renderers --------------------------------------------------------------------------


def test_text_has_one_line_per_change(diff: RubricDiff) -> None:
    lines = render_diff_text(diff).splitlines()
    assert len(lines) == len(diff.changes)
    for line, change in zip(lines, diff.changes, strict=True):
        assert line.split()[0] == change.kind
        assert line.endswith(change.message)


def test_markdown_sections(diff: RubricDiff) -> None:
    text = render_diff_markdown(diff)
    assert text.startswith("## demo@2.0.0\n\nChanges from demo@1.0.0.")
    sections = {block.split("\n", 1)[0]: block for block in text.split("### ")[1:]}
    assert list(sections) == ["Added", "Removed", "Renumbered", "Changed", "Review again"]
    assert "Standard 2.12" in sections["Added"] and 'Category 4 "Delivery"' in sections["Added"]
    assert "Standard 2.5" in sections["Removed"] and 'Category 3 "Obsolete"' in sections["Removed"]
    assert "2.6" in sections["Renumbered"] and "2.11" in sections["Renumbered"]
    changed = [c for c in diff.changes if c.kind not in ("added", "removed", "renumbered")]
    changed = [c for c in changed if not (c.kind == "category" and c.field is None)]
    bullets = [line for line in sections["Changed"].splitlines() if line.startswith("- ")]
    assert len(bullets) == len(changed)
    assert (
        "Standard 1.3: points changed from 1 to 2."
        in bullets[changed.index(next(c for c in changed if c.kind == "reweighted"))]
    )
    assert sections["Review again"].rstrip().endswith("1.2, 2.2, 2.3, 2.7.")


def test_markdown_escapes_special_characters() -> None:
    a = one_category("1.0.0", std("1.1"))
    b = one_category("1.0.1", std("1.1"), std("1.2", title="Uses *stars* and_underscores"))
    text = render_diff_markdown(diff_rubrics(a, b))
    assert r"Uses \*stars\* and\_underscores" in text


def test_json_is_plain_and_deterministic(old: Rubric, new: Rubric) -> None:
    first = diff_to_json(diff_rubrics(old, new))
    second = diff_to_json(diff_rubrics(old, new))
    assert first == second
    assert json.dumps(first) == json.dumps(second)
    assert json.loads(json.dumps(first)) == first  # plain data only
    assert [c["kind"] for c in first["changes"]] == [k for k, *_ in EXPECTED]
    assert list(first["changes"][0]) == [
        "kind",
        "standard",
        "old_id",
        "new_id",
        "field",
        "before",
        "after",
        "invalidates_verdict",
        "message",
    ]
    assert first["changed_standards"] == ["1.2", "2.2", "2.3", "2.7", "2.12"]
    assert list(first["carried_forward"])[-2:] == ["2.9", "2.10"]
    assert first["carried_forward"]["2.6"] == "2.11"


def test_json_does_not_share_state_with_the_diff(diff: RubricDiff) -> None:
    index = [c.kind for c in diff.changes].index("check")
    data = diff_to_json(diff)
    data["changes"][index]["after"]["schema"]["required"].append("mutated")
    assert "mutated" not in diff_to_json(diff)["changes"][index]["after"]["schema"]["required"]


def test_diff_is_frozen(diff: RubricDiff) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        diff.changes = ()  # type: ignore[misc]
    assert isinstance(diff.changes[0], Change)


# -- the built-in rubric ----------------------------------------------------------------


def test_builtin_core_draft_against_first_release() -> None:
    registry = RubricRegistry(entry_points=False)
    draft, release = registry.load("mcqa-core@0.1.0"), registry.load("mcqa-core@1.0.0")
    diff = diff_rubrics(draft, release)
    assert (diff.old_ref, diff.new_ref) == ("mcqa-core@0.1.0", "mcqa-core@1.0.0")
    added = {c.new_id for c in diff.of_kind("added")}
    assert added and added <= {s.id for _, s in release.iter_standards()}
    assert not added & {s.id for _, s in draft.iter_standards()}
    assert any(c.kind == "metadata" and c.field == "status" for c in diff.changes)
    assert len(render_diff_text(diff).splitlines()) == len(diff.changes)
    assert "### Added" in render_diff_markdown(diff)
    assert diff_to_json(diff) == diff_to_json(diff_rubrics(draft, release))
    assert diff_rubrics(release, draft).of_kind("removed")


# -- properties -------------------------------------------------------------------------

POOL = [
    std(f"{n}", title=f"Standard number {n}", text=f"Asks for thing {n}.", points=n % 3 + 1)
    for n in range(8)
]


@st.composite
def pool_rubrics(draw: st.DrawFn) -> Rubric:
    """A rubric of a random subset of POOL, in random order, in one or two categories.

    Ids are either the pool's own or renumbered by position.
    """
    order = draw(st.permutations(range(len(POOL))))
    chosen = order[: draw(st.integers(0, len(order)))]
    renumber = draw(st.booleans())
    split = draw(st.integers(0, len(chosen)))
    standards = [
        {**POOL[i], "id": f"{position + 1}" if renumber else POOL[i]["id"]}
        for position, i in enumerate(chosen)
    ]
    return rubric(
        "1.0.0",
        [
            {"id": "1", "title": "First", "standards": standards[:split]},
            {"id": "2", "title": "Second", "standards": standards[split:]},
        ],
    )


@settings(max_examples=60, deadline=None)
@given(pool_rubrics())
def test_a_rubric_has_no_changes_from_itself(r: Rubric) -> None:
    diff = diff_rubrics(r, r)
    assert diff.changes == ()
    assert all(diff.carried_forward(s.id) == s.id for _, s in r.iter_standards())


@settings(max_examples=100, deadline=None)
@given(pool_rubrics(), pool_rubrics())
def test_added_one_way_is_removed_the_other(a: Rubric, b: Rubric) -> None:
    forward, backward = diff_rubrics(a, b), diff_rubrics(b, a)
    added = {c.new_id for c in forward.of_kind("added")}
    removed = {c.old_id for c in backward.of_kind("removed")}
    assert added == removed
    assert {(o, n) for o, n in forward.matched} == {(n, o) for o, n in backward.matched}
    assert set(forward.new_ids()) == {s.id for _, s in b.iter_standards()}
    assert set(forward.old_ids()) == {s.id for _, s in a.iter_standards()}


def test_rubric_diff_command_prints_each_format() -> None:
    import json as _json

    from click.testing import CliRunner

    from mcqa.cli import cli

    runner = CliRunner()
    text = runner.invoke(cli, ["rubric", "diff", "mcqa-core@0.1.0", "mcqa-core@1.0.0"])
    assert text.exit_code == 0, text.output
    assert "status changed from draft to final" in text.output
    data = _json.loads(
        runner.invoke(
            cli, ["rubric", "diff", "mcqa-core@0.1.0", "mcqa-core@1.0.0", "-f", "json"]
        ).output
    )
    assert any(change["kind"] == "added" for change in data["changes"])
    markdown = runner.invoke(
        cli, ["rubric", "diff", "mcqa-core@0.1.0", "mcqa-core@1.0.0", "-f", "markdown"]
    )
    assert "### Added" in markdown.output
    unknown = runner.invoke(cli, ["rubric", "diff", "mcqa-core@0.1.0", "nope"])
    assert unknown.exit_code == 2
