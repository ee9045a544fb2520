"""``mcqa review validate``: every mistake in a reviewer's form, located, in one run."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from mcqa.cli import cli
from mcqa.load import load_path
from mcqa.review import validate_review
from mcqa.rubrics import RubricRegistry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"

FIVE_MISTAKES = """\
review_format: 1
rubric: mcqa-core@1.0.0
descriptor:
  path: data.yaml
reviewer:
  role: peer
standards:
  "1.3":
    verdict: met
  "1.3":
    verdict: not_met
  "2.33":
    verdict: met
  "5.1":
    verdict: not_met
  "5.2":
    level: 2
"""


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def validate(path: Path) -> list[tuple[int | None, str, str]]:
    registry = RubricRegistry(entry_points=False)
    _, findings = validate_review(load_path(path), registry, form_path=path)
    return [(f.line, f.severity, f.rule) for f in findings if f.severity != "info"]


def test_five_mistakes_give_five_located_messages(write: Callable[..., Path]) -> None:
    form = write("form.yaml", FIVE_MISTAKES)
    write("data.yaml", "id: d\ntitle: T\n")
    assert validate(form) == [
        (line_of(FIVE_MISTAKES, "role: peer"), "error", "review-reviewer"),
        (line_of(FIVE_MISTAKES, '"1.3"', 2), "error", "duplicate-key"),
        (line_of(FIVE_MISTAKES, '"2.33"'), "error", "review-standard"),
        (line_of(FIVE_MISTAKES, '"5.1"'), "error", "review-recommendation"),
        (line_of(FIVE_MISTAKES, "level: 2"), "error", "review-scale"),
    ]


def test_unknown_standard_gets_a_did_you_mean(write: Callable[..., Path]) -> None:
    form = write("form.yaml", FIVE_MISTAKES)
    registry = RubricRegistry(entry_points=False)
    _, findings = validate_review(load_path(form), registry)
    (unknown,) = [f for f in findings if f.rule == "review-standard"]
    assert unknown.message == "mcqa-core@1.0.0 has no standard '2.33'; did you mean '2.3'?"


def test_the_example_forms_are_clean_and_list_nothing_unanswered() -> None:
    for form in sorted((ROOT / "examples" / "reviews").glob("*.yaml")):
        registry = RubricRegistry(entry_points=False)
        _, findings = validate_review(load_path(form), registry, form_path=form)
        assert findings == [], (form, [f.message for f in findings])


def test_a_changed_descriptor_makes_the_form_stale(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # a repository: its top is the root forms' paths stay in
    catalog, reviews = tmp_path / "catalog", tmp_path / "reviews"
    catalog.mkdir()
    reviews.mkdir()
    descriptor = catalog / EXAMPLE.name
    shutil.copy(EXAMPLE, descriptor)
    source = ROOT / "examples" / "reviews" / "data-analytics-foundations-chair.yaml"
    form = reviews / source.name
    shutil.copy(source, form)
    assert validate(form) == []
    descriptor.write_text(descriptor.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    (stale,) = validate(form)
    assert stale[1:] == ("warning", "review-stale")
    assert stale[0] == line_of(form.read_text(encoding="utf-8"), "sha256:")


def test_unanswered_standards_are_information(write: Callable[..., Path]) -> None:
    digest = hashlib.sha256(b"id: d\ntitle: T\n").hexdigest()
    write("data.yaml", "id: d\ntitle: T\n")
    form = write(
        "form.yaml",
        f"rubric: mcqa-core@1.0.0\ndescriptor:\n  path: data.yaml\n  sha256: {digest}\n"
        "reviewer:\n  name: Ana\nstandards:\n  '1.3': {}\n",
    )
    registry = RubricRegistry(entry_points=False)
    _, findings = validate_review(load_path(form), registry, form_path=form)
    assert {f.severity for f in findings} == {"info"}
    blank = [f for f in findings if f.pointer == "/standards/1.3"]
    assert [(f.line, f.rule) for f in blank] == [(8, "review-unanswered")]


def test_cli_exit_codes_and_output(write: Callable[..., Path]) -> None:
    form = write("form.yaml", FIVE_MISTAKES)
    runner = CliRunner()
    bad = runner.invoke(cli, ["review", "validate", str(form)])
    assert bad.exit_code == 1
    assert bad.output.count(": error: ") == 5
    assert "Traceback" not in bad.output
    good = runner.invoke(cli, ["review", "validate", str(ROOT / "examples" / "reviews")])
    assert good.exit_code == 0, good.output
    assert form.read_text(encoding="utf-8") == FIVE_MISTAKES


def test_a_stale_form_names_the_fields_that_changed(tmp_path: Path) -> None:
    descriptor = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, descriptor)
    form = tmp_path / "form.yaml"
    made = CliRunner().invoke(
        cli,
        ["review", "init", str(descriptor), "--reviewer", "Ana", "-o", str(form)],
    )
    assert made.exit_code == 0, made.output
    registry = RubricRegistry(entry_points=False)

    def stale_message() -> str:
        _, findings = validate_review(load_path(form), registry, form_path=form)
        (stale,) = [f for f in findings if f.rule == "review-stale"]
        return stale.message

    # Only the layout changes: every field keeps its value.
    descriptor.write_text(descriptor.read_text(encoding="utf-8") + "\n# a note\n", "utf-8")
    assert "only its layout" in stale_message()
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace("title:", "title: Renamed\nold_title:", 1), "utf-8")
    # a field no descriptor has is not named: the file might not be a descriptor at all
    assert "(changed: title, fields a descriptor does not have)" in stale_message()
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace("Corrib Analytics Ltd", "Corrib Analytics plc"), "utf-8")
    message = stale_message()
    assert "(changed: relevance, title, fields a descriptor does not have)" in message
    assert "it is evidence for " in message and "5.5" in message.split("evidence for ")[1]


def test_an_answer_kept_from_an_older_version_asks_to_be_confirmed(
    write: Callable[..., Path],
) -> None:
    text = (
        "review_format: 1\nrubric: mcqa-core@1.0.0\ndescriptor:\n  path: d.yaml\n"
        'reviewer:\n  name: Ana\nstandards:\n  "1.3":\n    verdict: met\n'
        "    given_under: mcqa-core@0.1.0\n"
    )
    form = write("form.yaml", text)
    assert validate(form) == [(line_of(text, "given_under"), "warning", "review-given-under")]


def test_an_amendment_form_by_someone_other_than_the_chair_is_flagged(
    write: Callable[..., Path],
) -> None:
    text = (
        "review_format: 1\nrubric: mcqa-core@1.0.0\ndescriptor:\n  path: d.yaml\n"
        'reviewer:\n  name: Sofia\n  role: peer\nround: 2\nstandards:\n  "1.3":\n'
        "    verdict: met\n"
    )
    form = write("form.yaml", text)
    assert validate(form) == [(line_of(text, "role: peer"), "warning", "review-round")]


def test_a_form_for_an_older_version_hears_of_the_newer_one(write: Callable[..., Path]) -> None:
    registry = RubricRegistry(entry_points=False)
    for version, expected in (
        ("0.1.0", ["mcqa-core@2.0.0 is out"]),
        ("1.0.0", ["mcqa-core@2.0.0 is out"]),
        ("2.0.0", []),
    ):
        text = (
            f"review_format: 1\nrubric: mcqa-core@{version}\ndescriptor:\n  path: d.yaml\n"
            "reviewer:\n  name: Ana\nstandards: {}\n"
        )
        form = write(f"form-{version}.yaml", text)
        _, findings = validate_review(load_path(form), registry)
        notes = [f.message.split(";")[0] for f in findings if f.rule == "review-rubric"]
        assert notes == expected


def test_a_form_whose_descriptor_is_gone_says_so(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # ../catalog/ stays inside the repository, but is not there
    (tmp_path / "reviews").mkdir()
    form = tmp_path / "reviews" / "form.yaml"
    shutil.copy(ROOT / "examples" / "reviews" / "data-analytics-foundations-chair.yaml", form)
    assert validate(form) == [
        (line_of(form.read_text(encoding="utf-8"), "path:"), "warning", "review-descriptor")
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [("yes", "met"), ("true", "met"), ("Yes", "met"), ("no", "not_met"), ("'not met'", "not_met")],
)
def test_a_yes_or_no_verdict_says_which_verdict_to_write(
    write: Callable[..., Path], written: str, meant: str
) -> None:
    text = (
        "review_format: 1\nrubric: mcqa-core@2.0.0\ndescriptor:\n  path: d.yaml\n"
        f'reviewer:\n  name: Ana\nstandards:\n  "1.3":\n    verdict: {written}\n'
    )
    _, findings = validate_review(
        load_path(write("form.yaml", text)), RubricRegistry(entry_points=False)
    )
    [problem] = [f for f in findings if f.severity == "error"]
    assert problem.line == 9
    assert f"write {meant}" in problem.message
