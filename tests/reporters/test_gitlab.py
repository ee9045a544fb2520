"""``-f gitlab``: a GitLab Code Quality report with stable, unique fingerprints.

The example catalog's output is compared byte for byte with
``tests/reporters/golden/example.gitlab.json``; after a deliberate change,
rewrite it with ``MCQA_UPDATE_GOLDEN=1 python3 dev.py test tests/reporters`` and
read the difference before committing it. Each issue is validated against the
schema GitLab's own parser uses
(``../shared/schemas-external/gitlab-codequality/codeclimate.json``); those tests
are skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

import mcqa
from mcqa.models.report import DescriptorResult, RoundOutcome
from mcqa.reporters._base import RenderOptions
from mcqa.reporters.gitlab import GitlabReporter

from ._ci_support import (
    ROOT,
    TODAY,
    assert_golden,
    assert_no_raw_controls,
    example_report,
    hostile_catalog,
    report_of,
    streamed,
)

REPORTER = GitlabReporter()
OPTIONS = RenderOptions()
VERBOSE = RenderOptions(verbose=True)


@pytest.fixture
def validator(shared_dir: Path) -> Draft7Validator:
    schema = json.loads(
        (shared_dir / "schemas-external/gitlab-codequality/codeclimate.json").read_text("utf-8")
    )
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def assert_valid(validator: Draft7Validator, text: str) -> list[dict[str, Any]]:
    """A JSON array of issues, each valid for GitLab's parser, each located on a line."""
    issues = json.loads(text)
    assert isinstance(issues, list)
    for issue in issues:
        assert [e.message for e in validator.iter_errors(issue)] == []
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    return issues


def test_the_example_catalog_is_the_golden_file() -> None:
    assert_golden("example.gitlab.json", REPORTER.render(example_report(), OPTIONS))


def test_the_example_catalog_validates(validator: Draft7Validator) -> None:
    for options in (OPTIONS, VERBOSE):
        issues = assert_valid(validator, REPORTER.render(example_report(), options))
        assert issues


def test_the_output_is_json_as_json_writes_it() -> None:
    text = REPORTER.render(example_report(), VERBOSE)
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_fingerprints_are_unique_across_the_example_catalog() -> None:
    for options in (OPTIONS, VERBOSE):
        issues = json.loads(REPORTER.render(example_report(), options))
        counts = Counter(issue["fingerprint"] for issue in issues)
        assert [f for f, n in counts.items() if n > 1] == []


def test_colliding_issues_of_one_descriptor_are_told_apart() -> None:
    sample = next(r for r in example_report().results if r.path.endswith("basics.yaml"))
    standard = next(s for s in sample.standards if s.id == "2.2")
    doubled = standard.model_copy(update={"findings": standard.findings * 3})
    thrice = sample.model_copy(
        update={"standards": tuple(doubled if s.id == "2.2" else s for s in sample.standards)}
    )
    issues = json.loads(REPORTER.render(report_of([thrice]), OPTIONS))
    prints = [i["fingerprint"] for i in issues]
    assert len(issues) == 9 and len(set(prints)) == 9
    # the first of each kind keeps the fingerprint it has alone
    alone = {i["fingerprint"] for i in json.loads(REPORTER.render(report_of([sample]), OPTIONS))}
    assert alone <= set(prints)


def test_severities_follow_the_findings_and_the_essential_standards() -> None:
    issues = json.loads(REPORTER.render(example_report(), OPTIONS))
    by_check = {(i["check_name"], i["severity"]) for i in issues}
    assert ("yaml-syntax", "major") in by_check  # an error tied to no standard
    assert ("mcqa-core/2.2", "critical") in by_check  # essential 2.2, not met
    assert ("mcqa-core/9.6", "minor") in by_check  # a warning
    assert ("mcqa-core/2.5", "major") in by_check  # 2.5 is not essential
    assert "info" not in {i["severity"] for i in issues}
    loud = json.loads(REPORTER.render(example_report(), VERBOSE))
    assert {i["severity"] for i in loud} == {"info", "minor", "major", "critical"}


def test_descriptions_name_the_standard_and_the_rule() -> None:
    issues = json.loads(REPORTER.render(example_report(), OPTIONS))
    vague = [i for i in issues if i["description"].endswith("[2.2 measurable-outcomes]")]
    assert [(i["location"]["path"], i["location"]["lines"]["begin"]) for i in vague] == [
        ("examples/catalog/project-management-basics.yaml", 59),
        ("examples/catalog/project-management-basics.yaml", 67),
        ("examples/catalog/project-management-basics.yaml", 75),
    ]


def test_a_waived_finding_is_left_out() -> None:
    issues = json.loads(REPORTER.render(example_report(), VERBOSE))
    assert not [i for i in issues if i["check_name"] == "mcqa-core/4.2"]


def _decided_by_reviewers(result: DescriptorResult) -> DescriptorResult:
    standards = tuple(
        s.model_copy(
            update={
                "status": "not_met",
                "source": "reviewers",
                "findings": (),
                "rounds": (RoundOutcome(round=1, status="not_met", decided_by="the chair"),),
            }
        )
        if s.id in ("1.1", "2.4")
        else s
        for s in result.standards
    )
    return result.model_copy(update={"standards": standards, "decision": "not_conformant"})


def test_standards_the_reviewers_did_not_pass_are_issues_at_the_first_line(
    validator: Draft7Validator,
) -> None:
    conformant = next(r for r in example_report().results if r.decision == "conformant")
    issues = assert_valid(
        validator, REPORTER.render(report_of([_decided_by_reviewers(conformant)]), OPTIONS)
    )
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("mcqa-core/1.1", "critical", {"path": conformant.path, "lines": {"begin": 1}}),
        ("mcqa-core/2.4", "major", {"path": conformant.path, "lines": {"begin": 1}}),
    ]
    assert issues[0]["description"] == (
        "essential standard 1.1 (Title and description) is not met, decided by the chair"
        " [1.1 not-met]"
    )


@pytest.mark.parametrize(
    "pick",
    [
        [],
        ["data-analytics-foundations.yaml"],
        ["broken-entry.yaml"],
        [
            "data-analytics-foundations.yaml",
            "broken-entry.yaml",
            "digital-marketing-sprint.yaml",
            "data-analytics-foundations.yaml",
            "welding-safety-practice.yaml",
        ],
        ["data-analytics-foundations.yaml", "digital-marketing-sprint.yaml"],
    ],
    ids=["none", "one-without-findings", "one-error", "many-some-empty", "all-empty"],
)
def test_streaming_gives_the_same_valid_bytes_as_render(
    validator: Draft7Validator, pick: list[str]
) -> None:
    by_name = {Path(r.path).name: r for r in example_report().results}
    results = [by_name[name] for name in pick]
    report = report_of(results)
    for options in (OPTIONS, VERBOSE):
        whole = REPORTER.render(report, options)
        assert streamed(REPORTER, results, options) == whole
        issues = assert_valid(validator, whole)
        assert len(issues) == sum(
            len(json.loads(REPORTER.render(report_of([r]), options))) for r in results
        )


def test_an_empty_run_is_an_empty_array() -> None:
    assert REPORTER.render(report_of([]), OPTIONS) == "[]\n"


def test_one_unreadable_descriptor_is_one_major_issue(validator: Draft7Validator) -> None:
    broken = next(r for r in example_report().results if r.decision == "error")
    [issue] = assert_valid(validator, REPORTER.render(report_of([broken]), OPTIONS))
    assert issue["check_name"] == "yaml-syntax" and issue["severity"] == "major"
    assert issue["location"] == {"path": broken.path, "lines": {"begin": 10}}


def by_place(text: str) -> dict[tuple[str, str], tuple[str, int]]:
    return {
        (i["check_name"], i["description"]): (i["fingerprint"], i["location"]["lines"]["begin"])
        for i in json.loads(text)
    }


def test_fingerprints_survive_unrelated_lines_inserted_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    core = mcqa.load_rubric("mcqa-core@2.0.0")
    source = (ROOT / "examples/catalog/welding-safety-practice.yaml").read_text("utf-8")
    target = Path("catalog/welding-safety-practice.yaml")
    target.parent.mkdir()
    target.write_text(source, encoding="utf-8")
    before = by_place(
        REPORTER.render(mcqa.check_folder("catalog", rubric=core, today=TODAY), VERBOSE)
    )
    target.write_text("# first a comment\n# then another one\n" + source, encoding="utf-8")
    after = by_place(
        REPORTER.render(mcqa.check_folder("catalog", rubric=core, today=TODAY), VERBOSE)
    )
    assert before.keys() == after.keys() and len(before) > 5
    for key, (fingerprint, line) in before.items():
        assert after[key] == (fingerprint, line + 2), key


def test_paths_are_normalised() -> None:
    broken = next(r for r in example_report().results if r.decision == "error")
    dotted = broken.model_copy(
        update={
            "path": "./examples//catalog/broken-entry.yaml",
            "findings": tuple(
                f.model_copy(update={"file": "./examples//catalog/broken-entry.yaml"})
                for f in broken.findings
            ),
        }
    )
    [issue] = json.loads(REPORTER.render(report_of([dotted]), OPTIONS))
    assert issue["location"]["path"] == "examples/catalog/broken-entry.yaml"
    [plain] = json.loads(REPORTER.render(report_of([broken]), OPTIONS))
    assert issue["fingerprint"] == plain["fingerprint"]


def test_hostile_text_is_escaped_and_forges_no_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: Draft7Validator
) -> None:
    monkeypatch.chdir(tmp_path)
    hostile_catalog(tmp_path)
    report = mcqa.check_folder(".", rubric="mcqa-core@2.0.0", today=TODAY)
    for options in (OPTIONS, VERBOSE):
        text = REPORTER.render(report, options)
        assert_no_raw_controls(text)
        issues = assert_valid(validator, text)
        assert any("\x1b[2J" in i["description"] for i in issues)
        assert {i["location"]["path"] for i in issues} == {"::error file=README.md::forged.yaml"}


def test_a_file_name_that_is_not_utf8_is_still_written(validator: Draft7Validator) -> None:
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
    assert "caf\\udce9.yaml" in text
    [issue] = assert_valid(validator, text)
    assert issue["location"]["path"] == "caf\udce9.yaml"
