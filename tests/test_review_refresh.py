"""``mcqa review init --update``: a form brought up to date, nothing the reviewer wrote lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcqa.cli import cli
from mcqa.load import load_path
from mcqa.review import validate_review
from mcqa.rubrics import RubricRegistry


def std(sid: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "title": f"Title {sid}",
        "text": f"Text of {sid}.",
        "mode": "manual",
        **fields,
    }


OLD = [
    std("1.1", essential=True, points=3, evidence=["/title"]),
    std("1.2"),
    std("1.3"),
    std("1.4"),
    std("2.1"),
]
NEW = [
    std("1.1", essential=True, points=3, evidence=["/title"]),
    std("1.2", text="Text of 1.2, now asking for more."),  # reworded
    std("1.7", title="Title 1.3", text="Text of 1.3."),  # renumbered
    std("1.6"),  # added; 1.4 removed
    std("2.1", points=2),  # re-weighted
]


def write_rubric(folder: Path, version: str, standards: list[dict[str, Any]]) -> Path:
    data = {
        "id": "demo",
        "version": version,
        "title": "Demo",
        "categories": [
            {"id": "1", "title": "Basics", "standards": [s for s in standards if s["id"] < "2"]},
            {"id": "2", "title": "More", "standards": [s for s in standards if s["id"] >= "2"]},
        ],
    }
    path = folder / "rubrics" / "demo" / f"{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["review", "init", *args, "--today", "2026-11-28"])
    return result.exit_code, result.output


def fill(text: str, sid: str, answer: list[str]) -> str:
    """Replace the blank answer of ``sid`` with the lines of ``answer``."""
    blank = [
        "    verdict:         # met | not_met | not_applicable",
        "    comment:",
        "    recommendation:",
    ]
    lines = text.splitlines()
    at = lines.index(f'  "{sid}":') + 1
    assert lines[at : at + 3] == blank
    lines[at : at + 3] = answer
    return "\n".join(lines) + "\n"


REVIEWER_COMMENTS = [
    "# Ana's notes: read on the train, re-checked at the desk.",
    "# first pass",
    "# checked twice",
    "# The syllabus PDF helped here.",
    "# Ask Liam about the audience standard.",
    "# This one was close.",
    "# end of my review",
]


@pytest.fixture
def case(tmp_path: Path) -> dict[str, Path]:
    old = write_rubric(tmp_path, "1.0.0", OLD)
    new = write_rubric(tmp_path, "1.1.0", NEW)
    descriptor = tmp_path / "d1.yaml"
    descriptor.write_text("id: d1\ntitle: Data literacy\n", encoding="utf-8")
    form = tmp_path / "form.yaml"
    code, out = run(
        str(descriptor), "--reviewer", "Ana", "--role", "chair", "-r", str(old), "-o", str(form)
    )
    assert code == 0, out
    text = form.read_text(encoding="utf-8")
    text = text.replace(
        "review_format: 1",
        "# Ana's notes: read on the train, re-checked at the desk.\nreview_format: 1",
    )
    text = text.replace("round: 1", "round: 1  # first pass")
    text = fill(
        text,
        "1.1",
        [
            "    verdict: met  # checked twice",
            "    # The syllabus PDF helped here.",
            "    comment: Clear outcomes.",
        ],
    )
    text = fill(
        text,
        "1.2",
        [
            "    verdict: not_met",
            "    comment: 'Outcome 3: too broad'",
            "    recommendation: |",
            "      Split outcome 3 in two.",
            "      # not a comment: part of the text",
        ],
    )
    text = text.replace('  "1.3":', '  # Ask Liam about the audience standard.\n  "1.3":')
    text = fill(
        text, "1.3", ["    verdict: met", '    comment: "Audience: adults returning to study"']
    )
    text = fill(
        text, "1.4", ["    verdict: met", "    # This one was close.", "    comment: Just enough."]
    )
    text = fill(text, "2.1", ["    verdict: met", "    comment: Fine."])
    text += "# end of my review\n"
    form.write_text(text, encoding="utf-8")
    return {"old": old, "new": new, "descriptor": descriptor, "form": form}


def test_update_after_a_rubric_change_keeps_every_answer_and_comment(case: dict[str, Path]) -> None:
    form = case["form"]
    before_bytes = form.read_bytes()
    before = yaml.safe_load(before_bytes)
    code, out = run(str(case["descriptor"]), "-o", str(form), "--update", "-r", str(case["new"]))
    assert code == 0, out
    assert (
        "updated to demo@1.1.0: kept 3 answers; 1 to look at again (the standard changed): 1.2"
        in out
    )
    assert "1 new to answer: 1.6; 1 retired: 1.4" in out
    text = form.read_text(encoding="utf-8")
    for comment in REVIEWER_COMMENTS:
        assert text.count(comment) == 1, comment
    after = yaml.safe_load(text)
    assert after["rubric"] == "demo@1.1.0"
    assert after["round"] == 1 and after["reviewer"] == before["reviewer"]
    answers = after["standards"]
    assert answers["1.1"] == before["standards"]["1.1"]
    assert answers["1.2"] == {**before["standards"]["1.2"], "given_under": "demo@1.0.0"}
    assert answers["1.7"] == before["standards"]["1.3"]  # renumbered: same answer, new id
    assert answers["1.6"] == {"verdict": None, "comment": None, "recommendation": None}
    assert answers["2.1"] == before["standards"]["2.1"]
    assert after["retired"] == {"1.4": {**before["standards"]["1.4"], "given_under": "demo@1.0.0"}}
    assert "1.3" not in answers
    lines = text.splitlines()
    # Comments stay where the reviewer put them.
    assert lines[lines.index('  "1.7":') - 1] == "  # Ask Liam about the audience standard."
    assert lines[lines.index('  "1.1":') + 1] == "    verdict: met  # checked twice"
    assert "round: 1  # first pass" in lines
    assert lines[-1] == "# end of my review"
    assert "  #   Text of 1.2, now asking for more." in lines  # the new wording is shown
    # The form is valid for the new version; the kept answer asks to be confirmed.
    registry = RubricRegistry(directories=[case["new"].parents[1]])
    _, findings = validate_review(load_path(form), registry, form_path=form)
    assert [(f.severity, f.rule) for f in findings if f.severity != "info"] == [
        ("warning", "review-given-under")
    ]
    assert Path(str(form) + ".bak").read_bytes() == before_bytes
    # Running it again changes nothing.
    again = form.read_bytes()
    code, out = run(str(case["descriptor"]), "-o", str(form), "--update", "-r", str(case["new"]))
    assert code == 0 and "up to date" in out
    assert form.read_bytes() == again


def test_update_after_the_descriptor_changed_refreshes_fingerprint_and_evidence(
    case: dict[str, Path],
) -> None:
    form, descriptor = case["form"], case["descriptor"]
    before = yaml.safe_load(form.read_text(encoding="utf-8"))
    descriptor.write_text("id: d1\ntitle: Data literacy for everyone\n", encoding="utf-8")
    code, out = run(str(descriptor), "-o", str(form), "--update", "-r", str(case["old"]))
    assert code == 0, out
    text = form.read_text(encoding="utf-8")
    after = yaml.safe_load(text)
    assert after["standards"] == before["standards"]
    assert after["descriptor"]["sha256"] != before["descriptor"]["sha256"]
    assert after["descriptor"]["fields"]["title"] != before["descriptor"]["fields"]["title"]
    assert '  #     /title: "Data literacy for everyone"' in text
    assert '/title: "Data literacy"\n' not in text
    for comment in REVIEWER_COMMENTS:
        assert text.count(comment) == 1, comment


def test_update_refuses_what_it_cannot_do_and_leaves_the_file_alone(case: dict[str, Path]) -> None:
    form, descriptor = case["form"], case["descriptor"]
    missing = form.with_name("missing.yaml")
    code, out = run(str(descriptor), "-o", str(missing), "--update")
    assert code == 2 and "does not exist" in out
    broken = form.read_text(encoding="utf-8").replace("round: 1", "round: [1")
    form.write_text(broken, encoding="utf-8")
    code, out = run(str(descriptor), "-o", str(form), "--update", "-r", str(case["new"]))
    assert code == 2 and "was not updated" in out
    assert form.read_text(encoding="utf-8") == broken
    assert not Path(str(form) + ".bak").exists()
    code, out = run(str(descriptor), "--update")
    assert code == 2 and "-o FORM" in out


def test_a_json_form_is_refused_with_a_reason(case: dict[str, Path]) -> None:
    form = case["form"]
    data = yaml.safe_load(form.read_text(encoding="utf-8"))
    json_form = form.with_suffix(".json")
    import json

    json_form.write_text(json.dumps(data), encoding="utf-8")
    before = json_form.read_bytes()
    code, out = run(
        str(case["descriptor"]), "-o", str(json_form), "--update", "-r", str(case["new"])
    )
    assert code == 2 and "only YAML forms" in out
    assert json_form.read_bytes() == before


def test_a_second_backup_does_not_overwrite_the_first(case: dict[str, Path]) -> None:
    form, descriptor = case["form"], case["descriptor"]
    first = form.read_bytes()
    assert run(str(descriptor), "-o", str(form), "--update", "-r", str(case["new"]))[0] == 0
    second = form.read_bytes()
    descriptor.write_text("id: d1\ntitle: Renamed\n", encoding="utf-8")
    assert run(str(descriptor), "-o", str(form), "--update", "-r", str(case["new"]))[0] == 0
    assert Path(str(form) + ".bak").read_bytes() == first
    assert Path(str(form) + ".bak.1").read_bytes() == second


def test_blank_answers_are_neither_flagged_nor_retired(tmp_path: Path) -> None:
    old = write_rubric(tmp_path, "1.0.0", OLD)
    new = write_rubric(tmp_path, "1.1.0", NEW)
    descriptor = tmp_path / "d1.yaml"
    descriptor.write_text("id: d1\ntitle: Data literacy\n", encoding="utf-8")
    form = tmp_path / "blank.yaml"
    assert run(str(descriptor), "--reviewer", "Ana", "-r", str(old), "-o", str(form))[0] == 0
    code, out = run(str(descriptor), "-o", str(form), "--update", "-r", str(new))
    assert code == 0, out
    text = form.read_text(encoding="utf-8")
    assert "given_under" not in text and "retired" not in text
    assert "kept 0 answers" in out and "to look at again" not in out


def test_without_the_old_version_mcqa_text_is_not_kept_as_the_reviewers(
    case: dict[str, Path],
) -> None:
    # The form names a version nobody has: its answers are kept, all to be confirmed.
    form = case["form"]
    form.write_text(form.read_text(encoding="utf-8").replace("demo@1.0.0", "demo@0.9.0"), "utf-8")
    case["old"].unlink()
    code, out = run(str(case["descriptor"]), "-o", str(form), "--update", "-r", str(case["new"]))
    assert code == 0, out
    text = form.read_text(encoding="utf-8")
    assert "# 1.4 Title 1.4 (1 point; manual)" not in text
    for comment in REVIEWER_COMMENTS:
        assert text.count(comment) == 1, comment
    assert yaml.safe_load(text)["standards"]["1.1"]["given_under"] == "demo@0.9.0"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any, Any, Any]:
    folder = tmp_path_factory.mktemp("refresh")
    paths = case.__wrapped__(folder)  # type: ignore[attr-defined]
    registry = RubricRegistry(entry_points=False, directories=[folder / "rubrics"])
    return (
        paths["form"].read_text(encoding="utf-8"),
        load_path(paths["descriptor"]),
        registry.load("demo@1.0.0"),
        registry.load("demo@1.1.0"),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_no_comment_is_ever_lost_wherever_the_reviewer_puts_it(
    filled: tuple[str, Any, Any, Any], data: st.DataObject
) -> None:
    """Comments dropped anywhere a YAML comment can go all survive the update, once each."""
    from mcqa.load import load_text
    from mcqa.refresh import update_form

    text, descriptor, old, new = filled
    lines = text.splitlines()
    # Anywhere but inside a block scalar, where a '#' line is text, not a comment.
    spots = [i for i, line in enumerate(lines) if not line.startswith("      ")]
    chosen = data.draw(st.lists(st.sampled_from(spots), min_size=1, max_size=6, unique=True))
    for n, at in enumerate(sorted(chosen, reverse=True)):
        indent = data.draw(st.sampled_from(["", "  ", "    "]))
        lines.insert(at, f"{indent}# reviewer note {n} xyz")
    form = load_text("\n".join(lines) + "\n", format="yaml", path="form.yaml")
    if not form.ok:
        return  # e.g. an indented comment before the first key: not this test's business
    result = update_form(form, descriptor, new, old, descriptor_path="d1.yaml")
    for n in range(len(chosen)):
        assert result.text.count(f"# reviewer note {n} xyz") == 1, n
    again = update_form(
        load_text(result.text, format="yaml", path="form.yaml"), descriptor, new, new,
        descriptor_path="d1.yaml",
    )  # fmt: skip
    assert again.text == result.text


def test_an_answer_written_on_one_line_is_kept_with_its_comment(case: dict[str, Path]) -> None:
    form = case["form"]
    text = form.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = lines.index('  "2.1":')
    lines[at : at + 3] = ['  "2.1": {verdict: met, comment: "a # inside"}  # my flow note']
    form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = run(str(case["descriptor"]), "-o", str(form), "--update", "-r", str(case["new"]))
    assert code == 0, out
    updated = form.read_text(encoding="utf-8")
    assert '  "2.1":  # my flow note' in updated
    assert yaml.safe_load(updated)["standards"]["2.1"] == {
        "verdict": "met",
        "comment": "a # inside",
    }


@st.composite
def rubric_change(draw: st.DrawFn) -> tuple[Any, Any]:
    """An old rubric of manual standards and a new version made by random edits."""
    from mcqa.models import Rubric

    count = draw(st.integers(1, 6))
    old = [std(f"1.{n}") for n in range(1, count + 1)]
    new = []
    next_id = count + 1
    for standard in old:
        action = draw(st.sampled_from(["keep", "reword", "renumber", "remove", "reweight"]))
        if action == "keep":
            new.append(dict(standard))
        elif action == "reword":
            new.append({**standard, "text": standard["text"] + " Reworded."})
        elif action == "renumber":
            new.append({**standard, "id": f"1.{next_id}"})
            next_id += 1
        elif action == "reweight":
            new.append({**standard, "points": 3})
    for _ in range(draw(st.integers(0, 2))):
        new.append(std(f"1.{next_id}", title=f"New {next_id}", text=f"New text {next_id}."))
        next_id += 1
    if not new:
        new.append(std(f"1.{next_id}", title="Fresh", text="Fresh text."))

    def build(version: str, standards: list[dict[str, Any]]) -> Any:
        return Rubric.model_validate(
            {"id": "demo", "version": version, "title": "Demo",
             "categories": [{"id": "1", "title": "Basics", "standards": standards}]}
        )  # fmt: skip

    return build("1.0.0", old), build("1.1.0", new)


@settings(max_examples=80, deadline=None)
@given(rubric_change(), st.data())
def test_every_answer_survives_any_rubric_change(
    change: tuple[Any, Any], data: st.DataObject
) -> None:
    from mcqa.diff import diff_rubrics
    from mcqa.load import load_text
    from mcqa.refresh import update_form
    from mcqa.review import render_form

    old, new = change
    descriptor = load_text("id: d1\ntitle: Data literacy\n", format="yaml", path="d1.yaml")
    text = render_form(descriptor, old, reviewer="Ana", role="chair", descriptor_path="d1.yaml")
    answers: dict[str, str] = {}
    for _, standard in old.iter_standards():
        verdict = data.draw(st.sampled_from([None, "met", "not_met"]))
        if verdict is not None:
            answers[standard.id] = verdict
            text = fill(
                text,
                standard.id,
                [f"    verdict: {verdict}", f"    comment: note on {standard.id}",
                 f"    recommendation: fix {standard.id}"],
            )  # fmt: skip
    form = load_text(text, format="yaml", path="form.yaml")
    result = update_form(form, descriptor, new, old, descriptor_path="d1.yaml")
    after = yaml.safe_load(result.text)
    diff = diff_rubrics(old, new)
    matched, changed = dict(diff.matched), diff.changed_standards()
    for old_id, verdict in answers.items():
        new_id = matched.get(old_id)
        kept = after["standards"][new_id] if new_id else after["retired"][old_id]
        assert kept["verdict"] == verdict and kept["comment"] == f"note on {old_id}"
        flagged = new_id is None or new_id in changed
        assert ("given_under" in kept) == flagged, (old_id, new_id)
    assert set(after["standards"]) == {s.id for _, s in new.iter_standards()}


def test_the_changed_note_goes_once_the_reviewer_confirms(case: dict[str, Path]) -> None:
    form = case["form"]
    assert run(str(case["descriptor"]), "-o", str(form), "--update", "-r", str(case["new"]))[0] == 0
    text = form.read_text(encoding="utf-8")
    assert "# CHANGED in demo@1.1.0" in text
    form.write_text(text.replace("    given_under: demo@1.0.0\n", "", 1), encoding="utf-8")
    code, out = run(str(case["descriptor"]), "-o", str(form), "--update", "-r", str(case["new"]))
    assert code == 0, out
    confirmed = form.read_text(encoding="utf-8")
    assert "CHANGED in" not in confirmed and "Re-read it above" not in confirmed
    assert yaml.safe_load(confirmed)["standards"]["1.2"]["verdict"] == "not_met"
