"""Acceptance: the example catalog gets the decisions and the located findings its comments promise.

Expected lines and columns are found by searching each example's text for the
offending value (comment lines skipped), so the examples can be edited freely.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import mcqa
from mcqa.catalog import check_catalog, discover, plan_catalog
from mcqa.config import load_config
from mcqa.models.finding import Finding
from mcqa.models.report import DescriptorResult, Report, StandardResult
from mcqa.review import load_reviews

ROOT = Path(__file__).resolve().parents[1]
CATALOG = "examples/catalog"
TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def report() -> Report:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)  # so paths in the report read examples/catalog/...
        loaded = load_config(Path("examples/.mcqa.yaml"))
        rubric = mcqa.load_rubric(loaded.config.rubric or "mcqa-core@^2")
        assert loaded.config.reviews == "reviews"
        reviews = load_reviews(loaded.root / loaded.config.reviews, rubric)
        assert reviews.ok, reviews.findings
        assert len(reviews.forms) == 3
        files = discover([Path(CATALOG)], loaded)
        plan = plan_catalog(files, rubric, loaded, {}, reviews)
        return check_catalog(plan, jobs=1, today=TODAY)


def result(report: Report, name: str) -> DescriptorResult:
    [found] = [r for r in report.results if r.path == f"{CATALOG}/{name}"]
    return found


def standard(found: DescriptorResult, sid: str) -> StandardResult:
    [s] = [s for s in found.standards if s.id == sid]
    return s


def all_findings(found: DescriptorResult) -> list[Finding]:
    return [*found.findings, *(f for s in found.standards for f in s.findings)]


def text_of(name: str) -> list[str]:
    return (ROOT / CATALOG / name).read_text(encoding="utf-8").splitlines()


def locate(name: str, needle: str, *, occurrence: int = 1) -> tuple[int, str]:
    """The 1-based line number (and the line) of ``needle`` outside comments."""
    hits = [
        (n, line)
        for n, line in enumerate(text_of(name), 1)
        if needle in line and not line.lstrip().startswith(("#", "//"))
    ]
    assert len(hits) >= occurrence, f"{needle!r} is not in {name}"
    return hits[occurrence - 1]


def value_column(line: str) -> int:
    """The column where the value of a ``key: value`` line starts."""
    return line.index(": ") + 3


def first_content_line(name: str) -> int:
    return next(
        n
        for n, line in enumerate(text_of(name), 1)
        if line.strip() and not line.lstrip().startswith("#")
    )


def where(finding: Finding) -> tuple[int | None, int | None]:
    return finding.line, finding.column


# -- decisions ---------------------------------------------------------------------------


def test_every_example_is_checked(report: Report) -> None:
    assert [r.path for r in report.results] == sorted(
        f"{CATALOG}/{p.name}" for p in (ROOT / CATALOG).iterdir() if p.is_file()
    )
    assert (report.rubric.id, report.rubric.version) == ("mcqa-core", "2.0.0")
    decisions = {Path(r.path).name: r.decision for r in report.results}
    assert decisions == {
        "broken-entry.yaml": "error",
        "clinical-leadership-draft.yaml": "not_conformant",
        "cloud-security-essentials.json": "pending_review",
        "data-analytics-foundations.yaml": "conformant",
        "digital-marketing-sprint.yaml": "pending_review",
        "intro-python-programming.yaml": "not_conformant",
        "project-management-basics.yaml": "not_conformant",
        "welding-safety-practice.yaml": "not_conformant",
    }


def test_data_analytics_foundations_conforms_with_its_reviews(report: Report) -> None:
    found = result(report, "data-analytics-foundations.yaml")
    assert found.decision == "conformant"
    assert found.descriptor_id == "nbu-data-analytics-foundations"
    assert found.score is not None and found.essentials is not None
    assert (found.score.earned, found.score.possible, found.score.percent) == (103, 103, 100)
    assert (found.essentials.met, found.essentials.total) == (13, 13)
    assert {s.status for s in found.standards} == {"met"}
    reviewed = {s.id for s in found.standards if s.source == "reviewers"}
    core = mcqa.load_rubric("mcqa-core@2.0.0")
    assert reviewed == {s.id for _, s in core.iter_standards() if s.mode != "automated"}
    # the peer said 5.5 is not met; two of three said met
    assert standard(found, "5.5").status == "met"
    assert not [f for f in all_findings(found) if f.severity == "error"]
    # the forms pin the file they reviewed
    assert found.sha256 == "baa8a80e6b7a5331559b82095304d04882645ec5b032ce80813b3c2c1f9de511"


def test_data_analytics_foundations_awaits_review_without_its_reviews() -> None:
    report = mcqa.evaluate(
        ROOT / CATALOG / "data-analytics-foundations.yaml", "mcqa-core@^2", today=TODAY
    )
    [found] = report.results
    assert found.decision == "pending_review"
    assert not [s for s in found.standards if s.status == "not_met"]


def test_project_management_basics_outcomes_are_not_measurable(report: Report) -> None:
    name = "project-management-basics.yaml"
    found = result(report, name)
    assert found.decision == "not_conformant"
    s = standard(found, "2.2")
    assert (s.status, s.essential, s.source) == ("not_met", True, "automated")
    errors = [f for f in s.findings if f.severity == "error"]
    assert all(f.rule == "measurable-outcomes" and f.standard == "2.2" for f in errors)
    expected = []
    for start, verb in (
        ("Understand", "'understand'"),
        ("Know", "'know'"),
        ("Be aware of", "'be aware of'"),
    ):
        line, text = locate(name, f"statement: {start} ")
        expected.append((line, value_column(text), verb))
    assert [(f.line, f.column) for f in errors] == [(line, column) for line, column, _ in expected]
    for finding, (_, _, verb) in zip(errors, expected, strict=True):
        assert f"starts with {verb}" in finding.message
        assert finding.file == f"{CATALOG}/{name}"
    # LO4 ("Create a project schedule ...") is fine
    lo4, _ = locate(name, "Create a project schedule")
    assert lo4 not in {f.line for f in s.findings}
    # the only essential standard that is not met
    assert [x.id for x in found.standards if x.essential and x.status == "not_met"] == ["2.2"]


def test_digital_marketing_sprint_workload_is_inconsistent_but_waived(report: Report) -> None:
    name = "digital-marketing-sprint.yaml"
    found = result(report, name)
    s = standard(found, "4.2")
    assert (s.status, s.source, s.points_earned) == ("not_applicable", "waiver", 0)
    [finding] = [f for f in s.findings if f.rule == "workload-consistency"]
    line, text = locate(name, "  ects: ")
    assert where(finding) == (line, value_column(text))
    assert finding.pointer == "/workload/ects"
    assert "10 hours" in finding.message
    assert finding.waiver is not None
    assert finding.waiver.reason == "The ECTS value is being corrected in the next catalog release."
    assert finding.waiver.expires == "2027-06-30"
    assert finding.waiver.source == "examples/.mcqa.yaml"
    # the waiver takes 4.2's 2 points out of the total rather than failing them
    assert found.score is not None
    assert found.score.possible == 101
    assert found.decision == "pending_review"


def test_digital_marketing_sprint_fails_4_2_without_the_waiver() -> None:
    report = mcqa.evaluate(
        ROOT / CATALOG / "digital-marketing-sprint.yaml", "mcqa-core@^2", today=TODAY
    )
    [found] = report.results
    s = standard(found, "4.2")
    assert (s.status, s.source) == ("not_met", "automated")
    assert [f.waiver for f in s.findings] == [None]


def test_welding_safety_practice_assessments_do_not_match_outcomes(report: Report) -> None:
    name = "welding-safety-practice.yaml"
    found = result(report, name)
    assert found.decision == "not_conformant"
    s = standard(found, "3.2")
    assert (s.status, s.essential) == ("not_met", True)
    findings = sorted(
        (f for f in s.findings if f.rule == "outcome-assessment-alignment"), key=where
    )
    assert len(findings) == 2
    unassessed, unknown = findings
    lo3, lo3_text = locate(name, "id: LO3")
    assert where(unassessed) == (lo3, lo3_text.index("id: LO3") + 1)
    assert "'LO3' is not assessed" in unassessed.message
    lo5, lo5_text = locate(name, "LO5")
    assert where(unknown) == (lo5, lo5_text.index("LO5") + 1)
    assert "'LO5'" in unknown.message and "'A2'" in unknown.message
    assert "did you mean 'LO4'?" in unknown.message


def test_intro_python_programming_has_no_cost(report: Report) -> None:
    name = "intro-python-programming.yaml"
    found = result(report, name)
    assert found.decision == "not_conformant"
    cost = standard(found, "8.1")
    assert (cost.status, cost.essential, cost.source) == ("not_met", True, "automated")
    [finding] = [f for f in cost.findings if f.severity == "error"]
    assert finding.rule == "cost-disclosure"
    assert "the cost is not stated" in finding.message
    # the whole descriptor is at fault: located at its first line of content
    assert where(finding) == (first_content_line(name), 1)
    assert [s.id for s in found.standards if s.essential and s.status == "not_met"] == ["8.1"]
    # cost standards that apply only to a paid credential leave the total
    for sid in ("8.3", "8.4", "8.5"):
        assert standard(found, sid).status == "not_applicable"


def test_clinical_leadership_draft_has_template_leftovers(report: Report) -> None:
    name = "clinical-leadership-draft.yaml"
    found = result(report, name)
    assert found.decision == "not_conformant"
    s = standard(found, "9.5")
    assert s.status == "not_met"
    placeholders = sorted((f for f in s.findings if f.rule == "placeholder-text"), key=where)
    expected = []
    for needle in ("[Issuing University Name]", "TBD", "Lorem ipsum"):
        line, text = locate(name, needle)
        expected.append((line, value_column(text), needle))
    assert [where(f) for f in placeholders] == [(line, col) for line, col, _ in expected]
    for finding, (_, _, needle) in zip(placeholders, expected, strict=True):
        assert f"'{needle}' looks like placeholder text" in finding.message
        assert finding.severity == "error"


def test_clinical_leadership_draft_lapsed_review_and_http_link(report: Report) -> None:
    name = "clinical-leadership-draft.yaml"
    found = result(report, name)
    [lapsed] = standard(found, "9.3").findings
    line, text = locate(name, "next_review:")
    assert where(lapsed) == (line, value_column(text))
    assert "2024-01-10" in lapsed.message
    [http] = standard(found, "9.6").findings
    line, text = locate(name, "policy_url: http://")
    assert (where(http), http.severity) == ((line, value_column(text)), "warning")
    assert standard(found, "9.6").status == "met"


def test_broken_entry_is_an_error_at_the_real_line(report: Report) -> None:
    name = "broken-entry.yaml"
    found = result(report, name)
    assert found.decision == "error"
    assert (found.score, found.standards) == (None, ())
    [syntax] = [f for f in found.findings if f.rule == "yaml-syntax"]
    line, text = locate(name, "country: GB")
    assert text.startswith(" country")  # indented one space too little
    assert where(syntax) == (line, len(text) - len(text.lstrip()) + 1)
    assert syntax.severity == "error"
    assert syntax.file == f"{CATALOG}/{name}"


def test_cloud_security_essentials_json_only_awaits_review(report: Report) -> None:
    found = result(report, "cloud-security-essentials.json")
    assert found.decision == "pending_review"
    assert not [s for s in found.standards if s.status == "not_met"]
    assert {f.severity for f in all_findings(found)} == {"info"}


# -- every finding is located ----------------------------------------------------------


def test_every_finding_points_into_its_file(report: Report) -> None:
    data = json.loads(report.model_dump_json())
    checked = 0
    for entry in data["results"]:
        lines = (ROOT / entry["path"]).read_text(encoding="utf-8").splitlines()
        findings = [*entry["findings"], *(f for s in entry["standards"] for f in s["findings"])]
        for finding in findings:
            assert finding["file"] == entry["path"], finding
            assert finding["line"] is not None, finding
            assert 1 <= finding["line"] <= len(lines), finding
            assert finding["column"] is not None, finding
            assert 1 <= finding["column"] <= len(lines[finding["line"] - 1]) + 1, finding
            checked += 1
    assert checked > 50
