"""``-f junit``: JUnit XML valid for the strict Ant schema and for Jenkins' xUnit schema.

The example catalog's output is compared byte for byte with
``tests/reporters/golden/example.junit.xml``; after a deliberate change, rewrite
it with ``MCQA_UPDATE_GOLDEN=1 python3 dev.py test tests/reporters`` and read the
difference before committing it. The output is validated with ``xmlschema``
against ``../shared/schemas-external/junit/JUnit.xsd`` and ``junit-10.xsd``;
those tests are skipped when ``../shared`` is absent (or ``xmlschema`` is not
installed).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import mcqa
from mcqa.models.finding import Finding
from mcqa.models.report import Acceptance, DescriptorResult, ReviewerAnswer, RoundOutcome
from mcqa.reporters._base import RenderOptions
from mcqa.reporters.junit import JunitReporter

from ._ci_support import (
    TODAY,
    assert_golden,
    assert_no_raw_controls,
    example_report,
    hostile_catalog,
    report_of,
    streamed,
)

REPORTER = JunitReporter()
OPTIONS = RenderOptions()
VERBOSE = RenderOptions(verbose=True)


@pytest.fixture(scope="module")
def schemas() -> list[Any]:
    from tests.conftest import SHARED

    xmlschema = pytest.importorskip("xmlschema")
    folder = SHARED / "schemas-external" / "junit"
    if not folder.is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED} (not present in this clone)")
    return [xmlschema.XMLSchema(str(folder / name)) for name in ("JUnit.xsd", "junit-10.xsd")]


def assert_valid(schemas: list[Any], text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    for schema in schemas:
        assert [str(e) for e in schema.iter_errors(text)] == [], schema.name
    return ET.fromstring(text.encode("utf-8"))


def suite_of(root: ET.Element, path: str) -> ET.Element:
    [suite] = [s for s in root if s.get("name") == path]
    return suite


def case_of(suite: ET.Element, standard: str) -> ET.Element:
    [case] = [c for c in suite.iter("testcase") if c.get("name", "").split(" ")[0] == standard]
    return case


def test_the_example_catalog_is_the_golden_file() -> None:
    assert_golden("example.junit.xml", REPORTER.render(example_report(), OPTIONS))


def test_the_example_catalog_validates_against_both_schemas(schemas: list[Any]) -> None:
    for options in (OPTIONS, VERBOSE):
        root = assert_valid(schemas, REPORTER.render(example_report(), options))
        assert root.tag == "testsuites" and root.attrib == {}
        assert len(root) == 8


def test_one_test_case_per_descriptor_and_standard() -> None:
    report = example_report()
    root = ET.fromstring(REPORTER.render(report, OPTIONS))
    for result, suite in zip(report.results, root, strict=True):
        assert suite.get("name") == suite.get("package") == result.path
        cases = list(suite.iter("testcase"))
        assert int(suite.get("tests", "")) == len(cases)
        if result.decision == "error":
            assert [c.get("name") for c in cases] == ["read the descriptor"]
            continue
        assert [c.get("name") for c in cases] == [f"{s.id} {s.title}" for s in result.standards]
        assert {c.get("classname") for c in cases} == {result.path}
        for kind in ("failures", "errors", "skipped"):
            tag = {"failures": "failure", "errors": "error", "skipped": "skipped"}[kind]
            assert int(suite.get(kind, "")) == len(list(suite.iter(tag)))


def test_the_outcome_of_each_standard() -> None:
    root = ET.fromstring(REPORTER.render(example_report(), OPTIONS))
    basics = suite_of(root, "examples/catalog/project-management-basics.yaml")
    failure = case_of(basics, "2.2").find("failure")
    assert failure is not None
    assert failure.get("type") == "not_met"
    assert (
        failure.get("message")
        == "not met (essential, until reviewed), decided by the automated check"
    )
    lines = (failure.text or "").split("\n")
    assert len(lines) == 3 and all("[2.2 measurable-outcomes]" in line for line in lines)
    assert lines[0].startswith("examples/catalog/project-management-basics.yaml:59:16: error: ")
    assert case_of(basics, "1.5").find("*") is None  # met: passes
    pending = case_of(basics, "1.1").find("skipped")
    assert pending is not None and pending.get("message") == "awaiting review"
    sprint = suite_of(root, "examples/catalog/digital-marketing-sprint.yaml")
    waived = case_of(sprint, "4.2").find("skipped")
    assert waived is not None
    assert waived.get("message") == (
        "waived: The ECTS value is being corrected in the next catalog release."
    )
    assert "(waived: The ECTS value" in (waived.text or "")
    python = suite_of(root, "examples/catalog/intro-python-programming.yaml")
    applicable = case_of(python, "8.3").find("skipped")
    assert applicable is not None and applicable.get("message") == "not applicable"


def test_an_unreadable_descriptor_is_one_test_case_in_error(schemas: list[Any]) -> None:
    broken = next(r for r in example_report().results if r.decision == "error")
    root = assert_valid(schemas, REPORTER.render(report_of([broken]), OPTIONS))
    [suite] = root
    assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("1", "1", "0")
    error = suite.find("testcase/error")
    assert error is not None and error.get("type") == "yaml-syntax"
    assert (error.get("message") or "").startswith("this is not valid YAML")
    assert (error.text or "").startswith("examples/catalog/broken-entry.yaml:10:2: error: ")


def test_properties_describe_the_descriptor() -> None:
    root = ET.fromstring(REPORTER.render(example_report(), OPTIONS))
    basics = suite_of(root, "examples/catalog/project-management-basics.yaml")
    properties = {p.get("name"): p.get("value") for p in basics.iter("property")}
    assert properties == {
        "descriptor_id": "cpit-project-management-basics",
        "decision": "not_conformant",
        "score_percent": "34.95",
        "points": "36/103",
        "essentials_met": "3/13",
        "checks_passed": "false",
        "sha256": properties["sha256"],
    }
    assert len(properties["sha256"] or "") == 64


def _reviewed(result: DescriptorResult) -> DescriptorResult:
    """``result`` with 1.1 not met by the reviewers (with advice) and 1.2 accepted as n/a."""

    def change(standard: Any) -> Any:
        if standard.id == "1.1":
            return standard.model_copy(
                update={
                    "status": "not_met",
                    "source": "reviewers",
                    "findings": (),
                    "rounds": (RoundOutcome(round=1, status="not_met", decided_by="the chair"),),
                    "reviews": (
                        ReviewerAnswer(
                            reviewer="Ana Silva",
                            role="chair",
                            verdict="not_met",
                            recommendation="Name the skill <and> the level & the audience",
                        ),
                    ),
                }
            )
        if standard.id == "1.2":
            return standard.model_copy(
                update={
                    "status": "not_applicable",
                    "source": "reviewers",
                    "accepted": Acceptance(reviewer="Ana Silva", reason="offered by a consortium"),
                }
            )
        return standard

    return result.model_copy(
        update={
            "standards": tuple(change(s) for s in result.standards),
            "decision": "not_conformant",
        }
    )


def test_reviewers_decisions(schemas: list[Any]) -> None:
    conformant = next(r for r in example_report().results if r.decision == "conformant")
    root = assert_valid(schemas, REPORTER.render(report_of([_reviewed(conformant)]), OPTIONS))
    [suite] = root
    failure = case_of(suite, "1.1").find("failure")
    assert failure is not None
    assert failure.get("message") == "not met (essential), decided by the chair"
    assert failure.text == (
        "recommendation (Ana Silva, chair): Name the skill <and> the level & the audience"
    )
    accepted = case_of(suite, "1.2").find("skipped")
    assert accepted is not None
    assert accepted.get("message") == (
        "accepted as not applicable by the chair (Ana Silva, round 1): offered by a consortium"
    )


def test_findings_tied_to_no_standard_go_to_system_out(schemas: list[Any]) -> None:
    sample = next(r for r in example_report().results if r.path.endswith("basics.yaml"))
    extra = Finding(
        rule="unknown-field",
        message="unknown field 'colour'",
        severity="warning",
        file=sample.path,
        line=3,
        column=1,
        pointer="/colour",
    )
    root = assert_valid(
        schemas,
        REPORTER.render(report_of([sample.model_copy(update={"findings": (extra,)})]), OPTIONS),
    )
    out = root.find("testsuite/system-out")
    assert out is not None
    assert out.text == f"{sample.path}:3:1: warning: unknown field 'colour' [unknown-field]"


def test_verbose_adds_informational_findings() -> None:
    quiet = ET.fromstring(REPORTER.render(example_report(), OPTIONS))
    loud = ET.fromstring(REPORTER.render(example_report(), VERBOSE))
    path = "examples/catalog/project-management-basics.yaml"
    assert case_of(suite_of(quiet, path), "1.1").find("skipped").text is None  # type: ignore[union-attr]
    suggestion = case_of(suite_of(loud, path), "1.1").find("skipped").text  # type: ignore[union-attr]
    assert suggestion is not None and "[1.1 review-suggestion]" in suggestion


@pytest.mark.parametrize(
    "pick",
    [
        [],
        ["data-analytics-foundations.yaml"],
        ["broken-entry.yaml"],
        ["data-analytics-foundations.yaml", "broken-entry.yaml", "welding-safety-practice.yaml"],
    ],
    ids=["none", "one", "one-error", "many"],
)
def test_streaming_gives_the_same_valid_bytes_as_render(
    schemas: list[Any], pick: list[str]
) -> None:
    by_name = {Path(r.path).name: r for r in example_report().results}
    results = [by_name[name] for name in pick]
    report = report_of(results)
    for options in (OPTIONS, VERBOSE):
        whole = REPORTER.render(report, options)
        assert streamed(REPORTER, results, options) == whole
        root = assert_valid(schemas, whole)
        assert len(root) == len(results)


def test_an_empty_run_is_an_empty_root_with_the_totals_in_a_comment() -> None:
    text = REPORTER.render(report_of([]), OPTIONS)
    assert text == (
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
        "  <!-- 0 descriptors checked against mcqa-core@2.0.0: 0 conformant, "
        "0 not conformant, 0 pending review -->\n</testsuites>\n"
    )


def test_suite_ids_are_stable_numbers() -> None:
    first = ET.fromstring(REPORTER.render(example_report(), OPTIONS))
    ids = [s.get("id") for s in first]
    assert all(i is not None and 0 <= int(i) < 2**31 for i in ids)
    assert len(set(ids)) == len(ids)
    alone = ET.fromstring(REPORTER.render(report_of([example_report().results[3]]), OPTIONS))
    assert alone[0].get("id") == ids[3]


def test_hostile_text_is_escaped_and_forges_no_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schemas: list[Any]
) -> None:
    monkeypatch.chdir(tmp_path)
    hostile_catalog(tmp_path)
    report = mcqa.check_folder(".", rubric="mcqa-core@2.0.0", today=TODAY)
    for options in (OPTIONS, VERBOSE):
        text = REPORTER.render(report, options)
        assert_no_raw_controls(text)
        root = assert_valid(schemas, text)
        [suite] = root
        assert suite.get("name") == "::error file=README.md::forged.yaml"
        failure = case_of(suite, "2.2").find("failure")
        assert failure is not None and "\\x1b[2J" in (failure.text or "")
        out = suite.find("system-out")
        assert out is not None and "unknown field" in (out.text or "")
        for line in (failure.text or "").split("\n"):
            assert line.startswith("\\x3a:error file=README.md::forged.yaml:")


def test_a_file_name_that_is_not_utf8_is_shown_escaped(schemas: list[Any]) -> None:
    result = next(r for r in example_report().results if r.decision == "error")
    odd = result.model_copy(
        update={
            "path": "caf\udce9.yaml",
            "findings": tuple(
                f.model_copy(update={"file": "caf\udce9.yaml"}) for f in result.findings
            ),
        }
    )
    text = REPORTER.render(report_of([odd]), OPTIONS)
    text.encode("utf-8")  # writable
    root = assert_valid(schemas, text)
    assert root[0].get("name") == "caf\\udce9.yaml"
