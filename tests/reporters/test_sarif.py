"""``-f sarif``: valid SARIF 2.1.0, stable fingerprints, the same bytes however it is written.

The example catalog's output is compared byte for byte with
``tests/reporters/golden/example.sarif``; after a deliberate change, rewrite it
with ``MCQA_UPDATE_GOLDEN=1 python3 dev.py test tests/reporters`` and read the
difference before committing it. Validation uses the official OASIS schema
(``../shared/schemas-external/sarif/sarif-schema-2.1.0.json``, draft-04), offline;
those tests are skipped when ``../shared`` is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft4Validator

import mcqa
from mcqa.catalog import discover, iter_results, plan_catalog
from mcqa.config import LoadedConfig
from mcqa.models.report import DescriptorResult, RoundOutcome, RubricRef
from mcqa.reporters._base import RenderOptions, render_report
from mcqa.reporters.sarif import (
    FILE_RULES,
    FINGERPRINT_KEY,
    SarifReporter,
    installed_rubric,
    project_path,
)

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

REPORTER = SarifReporter()
OPTIONS = RenderOptions()


@pytest.fixture(scope="module")
def core() -> mcqa.Rubric:
    return mcqa.load_rubric("mcqa-core@2.0.0")


@pytest.fixture
def validator(shared_dir: Path) -> Draft4Validator:
    schema = json.loads(
        (shared_dir / "schemas-external/sarif/sarif-schema-2.1.0.json").read_text("utf-8")
    )
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft4Validator, text: str) -> dict[str, Any]:
    log = json.loads(text)
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert problems == []
    assert isinstance(log, dict)
    return log


def results_of(text: str) -> list[dict[str, Any]]:
    log = json.loads(text)
    return list(log["runs"][0]["results"])


def test_the_example_catalog_is_the_golden_file() -> None:
    assert_golden("example.sarif", REPORTER.render(example_report(), OPTIONS))


def test_the_example_catalog_validates_against_the_official_schema(
    validator: Draft4Validator,
) -> None:
    for options in (OPTIONS, RenderOptions(verbose=True)):
        log = assert_valid(validator, REPORTER.render(example_report(), options))
        assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_the_output_is_json_as_json_writes_it() -> None:
    """Pretty JSON with ``indent=2`` and a final newline: what ``json.dumps`` gives, piece for piece."""
    text = REPORTER.render(example_report(), RenderOptions(verbose=True))
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_every_standard_is_a_rule_with_help_and_properties(core: mcqa.Rubric) -> None:
    log = json.loads(REPORTER.render(example_report(), OPTIONS))
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("mcqa", "0.0.0")
    assert driver["informationUri"].startswith("https://")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert len(rules) == len(driver["rules"])  # ids are unique
    for category, standard in core.iter_standards():
        rule = rules[f"mcqa-core/{standard.id}"]
        assert rule["shortDescription"]["text"] == standard.title
        assert rule["fullDescription"]["text"] == standard.text.strip()
        assert rule["help"]["markdown"] == (standard.annotation or standard.text).strip()
        assert rule["properties"] == {
            "category": category.id,
            "essential": standard.essential,
            "mode": standard.mode,
            "points": standard.points,
        }
        assert re.fullmatch(r"[A-Z]\w*", rule["name"])
    for rule_id in FILE_RULES:
        assert "/" not in rule_id and rules[rule_id]["shortDescription"]["text"]


def _anchors(markdown: str) -> set[str]:
    headings = re.findall(r"^#+ (.+)$", markdown, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_help_links_point_at_headings_of_the_published_standard() -> None:
    log = json.loads(REPORTER.render(example_report(), OPTIONS))
    linked = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if "helpUri" in r]
    assert len(linked) == 50
    for rule in linked:
        address = urlsplit(rule["helpUri"])
        assert address.scheme == "https" and address.fragment
        document = ROOT / "docs" / "standard" / Path(address.path).name
        assert document.name == "mcqa-core-2.0.0.md"
        assert address.fragment in _anchors(document.read_text("utf-8")), rule["id"]


def test_a_draft_or_unpublished_rubric_has_no_help_links() -> None:
    draft = mcqa.load_rubric("mcqa-core@0.1.0")
    text = render_report(REPORTER, example_report(), OPTIONS, standard=draft)
    rules = json.loads(text)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not any("helpUri" in rule for rule in rules)


def test_results_are_located_leveled_and_tied_to_their_rules() -> None:
    log = json.loads(REPORTER.render(example_report(), OPTIONS))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert {r["level"] for r in results} == {"error", "warning"}  # no notes without verbose
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith("examples/catalog/")
    vague = [r for r in results if r.get("properties", {}).get("rule") == "measurable-outcomes"]
    assert [r["locations"][0]["physicalLocation"]["region"] for r in vague] == [
        {"startLine": 59, "startColumn": 16},
        {"startLine": 67, "startColumn": 16},
        {"startLine": 75, "startColumn": 16},
    ]
    assert {r["ruleId"] for r in vague} == {"mcqa-core/2.2"}
    syntax = next(r for r in results if r["ruleId"] == "yaml-syntax")
    assert "properties" not in syntax  # a file rule needs no "rule" property
    assert run["properties"]["summary"]["total"] == 8
    assert run["properties"]["rubric"] == "mcqa-core@2.0.0"


def test_verbose_adds_informational_findings_as_notes() -> None:
    quiet = results_of(REPORTER.render(example_report(), OPTIONS))
    loud = results_of(REPORTER.render(example_report(), RenderOptions(verbose=True)))
    notes = [r for r in loud if r["level"] == "note"]
    assert notes and len(loud) == len(quiet) + len(notes)
    assert {r["properties"]["rule"] for r in notes} >= {"review-suggestion", "review-provisional"}


def test_a_waived_finding_is_a_suppressed_result() -> None:
    results = results_of(REPORTER.render(example_report(), OPTIONS))
    waived = [r for r in results if "suppressions" in r]
    assert len(waived) == 1
    assert waived[0]["ruleId"] == "mcqa-core/4.2"
    assert waived[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "The ECTS value is being corrected in the next catalog release.",
            "properties": {"expires": "2027-06-30", "source": "examples/.mcqa.yaml"},
        }
    ]


def _decided_by_reviewers(result: DescriptorResult) -> DescriptorResult:
    """``result`` with standard 1.1 not met by the reviewers, without a finding."""
    standards = tuple(
        s.model_copy(
            update={
                "status": "not_met",
                "source": "reviewers",
                "findings": (),
                "rounds": (RoundOutcome(round=1, status="not_met", decided_by="2 of 3 reviewers"),),
            }
        )
        if s.id == "1.1"
        else s
        for s in result.standards
    )
    return result.model_copy(update={"standards": standards, "decision": "not_conformant"})


def test_a_standard_the_reviewers_did_not_pass_is_a_result_at_the_descriptor(
    validator: Draft4Validator,
) -> None:
    conformant = next(r for r in example_report().results if r.decision == "conformant")
    report = report_of([_decided_by_reviewers(conformant)])
    log = assert_valid(validator, REPORTER.render(report, OPTIONS))
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "mcqa-core/1.1"
    assert result["level"] == "error"
    assert result["message"]["text"] == (
        "essential standard 1.1 (Title and description) is not met, decided by 2 of 3 reviewers"
    )
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": conformant.path, "uriBaseId": "%SRCROOT%"}
            }
        }
    ]
    assert result["properties"] == {"rule": "not-met", "essential": True}


def test_a_not_met_standard_with_an_error_finding_adds_no_result_of_its_own() -> None:
    results = results_of(REPORTER.render(example_report(), OPTIONS))
    assert not [r for r in results if r.get("properties", {}).get("rule") == "not-met"]


@pytest.mark.parametrize(
    "pick",
    [
        [],
        ["data-analytics-foundations.yaml"],
        ["broken-entry.yaml"],
        [
            "data-analytics-foundations.yaml",
            "broken-entry.yaml",
            "cloud-security-essentials.json",
            "data-analytics-foundations.yaml",
            "project-management-basics.yaml",
        ],
        ["data-analytics-foundations.yaml", "cloud-security-essentials.json"],
    ],
    ids=["none", "one-without-findings", "one-error", "many-some-empty", "all-empty"],
)
def test_streaming_gives_the_same_valid_bytes_as_render(
    validator: Draft4Validator, core: mcqa.Rubric, pick: list[str]
) -> None:
    by_name = {Path(r.path).name: r for r in example_report().results}
    results = [by_name[name] for name in pick]
    report = report_of(results)
    for options in (OPTIONS, RenderOptions(verbose=True)):
        whole = REPORTER.render(report, options)
        assert streamed(REPORTER, results, options, standard=core) == whole
        log = assert_valid(validator, whole)
        assert len(log["runs"][0]["results"]) == sum(
            len(results_of(REPORTER.render(report_of([r]), options))) for r in results
        )


def test_an_empty_run_has_an_empty_results_array(validator: Draft4Validator) -> None:
    log = assert_valid(validator, REPORTER.render(report_of([]), OPTIONS))
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["properties"]["summary"]["total"] == 0


def test_the_bytes_do_not_depend_on_the_number_of_workers(
    tmp_path: Path, core: mcqa.Rubric
) -> None:
    folder = tmp_path / "catalog"
    folder.mkdir()
    for source in sorted((ROOT / "examples/catalog").iterdir()):
        (folder / source.name).write_bytes(source.read_bytes())
    loaded = LoadedConfig(root=tmp_path)
    plan = plan_catalog(discover([folder], loaded), core, loaded)
    outputs = set()
    for jobs in (1, 3):
        results = list(iter_results(plan, jobs=jobs, today=TODAY))
        outputs.add(streamed(REPORTER, results, OPTIONS, standard=core))
    assert len(outputs) == 1


def test_without_a_rubric_there_are_only_the_file_rules(validator: Draft4Validator) -> None:
    """A third-party caller that has no rubric to give still gets valid SARIF."""
    report = example_report()
    text = render_report(REPORTER, report, OPTIONS)  # standard=None
    log = assert_valid(validator, text)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(FILE_RULES)
    tied = [r for r in log["runs"][0]["results"] if "/" in r["ruleId"]]
    assert tied and not any("ruleIndex" in r for r in tied)


def test_render_looks_up_installed_rubrics_by_id_and_version_only() -> None:
    core = installed_rubric(RubricRef(id="mcqa-core", version="2.0.0"))
    assert core is not None and core.ref == "mcqa-core@2.0.0"
    assert installed_rubric(RubricRef(id="mcqa-core", version="9.9.9")) is None
    assert installed_rubric(RubricRef(id="no-such-rubric", version="1.0.0")) is None
    assert installed_rubric(RubricRef(id="../rubrics/mcqa-core/2.0.0", version="1.0.0")) is None
    assert installed_rubric(RubricRef(id="mcqa-core", version="../../etc/passwd")) is None


def fingerprints(text: str) -> dict[tuple[str, str, str], tuple[str, int | None]]:
    """Each result's fingerprint and line, by rule, JSON pointer and message."""
    found = {}
    for result in results_of(text):
        key = (
            result["ruleId"],
            result.get("properties", {}).get("pointer", ""),
            result["message"]["text"],
        )
        region = result["locations"][0]["physicalLocation"].get("region", {})
        found[key] = (result["partialFingerprints"][FINGERPRINT_KEY], region.get("startLine"))
    return found


def test_fingerprints_survive_unrelated_lines_inserted_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, core: mcqa.Rubric
) -> None:
    monkeypatch.chdir(tmp_path)
    source = (ROOT / "examples/catalog/project-management-basics.yaml").read_text("utf-8")
    target = Path("catalog/project-management-basics.yaml")
    target.parent.mkdir()
    target.write_text(source, encoding="utf-8")
    before = fingerprints(
        REPORTER.render(mcqa.check_folder("catalog", rubric=core, today=TODAY), OPTIONS)
    )
    marker = "learning_outcomes:\n"
    target.write_text(source.replace(marker, "# a note\n# and another\n\n" + marker), "utf-8")
    after = fingerprints(
        REPORTER.render(mcqa.check_folder("catalog", rubric=core, today=TODAY), OPTIONS)
    )
    assert before.keys() == after.keys()
    moved = [key for key in before if before[key][1] != after[key][1]]
    assert len(moved) >= 3  # the three vague outcomes moved down
    for key in before:
        assert before[key][0] == after[key][0], key
        line = before[key][1]
        if line is not None and line >= 58:
            assert after[key][1] == line + 3


def test_fingerprints_are_unique_and_told_apart_when_they_would_collide() -> None:
    results = results_of(REPORTER.render(example_report(), RenderOptions(verbose=True)))
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
    assert len(prints) == len(set(prints))
    # the same finding twice in one descriptor: same rule, place and message
    sample = next(r for r in example_report().results if r.path.endswith("basics.yaml"))
    standard = next(s for s in sample.standards if s.id == "2.2")
    doubled = standard.model_copy(update={"findings": standard.findings + standard.findings})
    twice = sample.model_copy(
        update={"standards": tuple(doubled if s.id == "2.2" else s for s in sample.standards)}
    )
    prints = [
        r["partialFingerprints"][FINGERPRINT_KEY]
        for r in results_of(REPORTER.render(report_of([twice]), OPTIONS))
    ]
    assert len(prints) == len(set(prints))


def test_hostile_text_is_escaped_and_forges_no_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: Draft4Validator
) -> None:
    monkeypatch.chdir(tmp_path)
    hostile_catalog(tmp_path)
    report = mcqa.check_folder(".", rubric="mcqa-core@2.0.0", today=TODAY)
    for options in (OPTIONS, RenderOptions(verbose=True)):
        text = REPORTER.render(report, options)
        assert_no_raw_controls(text)
        log = assert_valid(validator, text)
        messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
        assert any("\x1b[2J" in m and "::error file=README.md::forged" in m for m in messages)
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]
        }
        assert uris == {"%3A%3Aerror%20file%3DREADME.md%3A%3Aforged.yaml"}


def test_project_paths_are_normalised_and_made_relative_to_a_project_root() -> None:
    assert project_path("./a/./b/../c.yaml") == "a/c.yaml"
    assert project_path("a.yaml", root="/p", cwd="/p") == "a.yaml"
    assert project_path("../x/a.yaml", root="/p", cwd="/p/docs") == "x/a.yaml"
    assert project_path("/p/sub/a.yaml", root="/p", cwd="/elsewhere") == "sub/a.yaml"
    assert project_path("a.yaml", root="/p", cwd="/q") == "a.yaml"  # outside the root: as given
    assert project_path("a.yaml", root="relative", cwd="/p") == "a.yaml"


def test_an_absolute_path_is_a_file_uri(validator: Draft4Validator) -> None:
    result = next(r for r in example_report().results if r.decision == "error")
    moved = result.model_copy(
        update={
            "path": "/srv/catalog/broken entry.yaml",
            "findings": tuple(
                f.model_copy(update={"file": "/srv/catalog/broken entry.yaml"})
                for f in result.findings
            ),
        }
    )
    log = assert_valid(validator, REPORTER.render(report_of([moved]), OPTIONS))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file:///srv/catalog/broken%20entry.yaml"}


def test_a_standard_of_an_overriding_rubric_is_named_after_that_rubric() -> None:
    sample = next(r for r in example_report().results if r.path.endswith("basics.yaml"))
    other = sample.model_copy(update={"rubric": RubricRef(id="my-rubric", version="1.0.0")})
    results = results_of(REPORTER.render(report_of([other]), OPTIONS))
    tied = [r for r in results if "/" in r["ruleId"]]
    assert tied and all(r["ruleId"].startswith("my-rubric/") for r in tied)
    assert not any("ruleIndex" in r for r in tied)


def test_standard_results_keep_the_standard_order_of_the_report() -> None:
    """Results follow the report's order of findings: by file, line, column, severity."""
    sample = next(r for r in example_report().results if r.path.endswith("draft.yaml"))
    results = results_of(REPORTER.render(report_of([sample]), OPTIONS))
    places = [
        (
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        )
        for r in results
    ]
    assert places == sorted(places)


def test_a_file_name_that_is_not_utf8_keeps_its_bytes_in_the_uri(
    validator: Draft4Validator,
) -> None:
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
    log = assert_valid(validator, text)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "caf%E9.yaml"
