"""A run compared with an earlier JSON report: new, unchanged and fixed findings."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mcqa
import mcqa.baseline
from mcqa.baseline import (
    Baseline,
    BaselineError,
    BaselineTally,
    Comparison,
    compare,
    compare_issues,
    load_baseline,
)
from mcqa.config import LoadedConfig
from mcqa.models.report import DescriptorResult, Report
from mcqa.reporters import RenderOptions
from mcqa.reporters.json import JsonReporter
from mcqa.reporters.sarif import Issue, SarifReporter, issues_of, unpack

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)
PM = "catalog/project-management-basics.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example catalog, its reviews and configuration, copied; the current folder."""
    shutil.copytree(ROOT / "examples" / "catalog", tmp_path / "catalog")
    shutil.copytree(ROOT / "examples" / "reviews", tmp_path / "reviews")
    shutil.copy(ROOT / "examples" / ".mcqa.yaml", tmp_path / ".mcqa.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(target: str = "catalog") -> Report:
    return mcqa.check_folder(target, config=".mcqa.yaml", today=TODAY)


def write_report(report: Report, path: Path) -> Path:
    """The report as ``mcqa check -f json`` writes it."""
    path.write_text(JsonReporter().render(report, RenderOptions()), encoding="utf-8")
    return path


def baseline_of(report: Report, path: Path) -> Baseline:
    return load_baseline(write_report(report, path), rubric_id=report.rubric.id)


def compared(baseline: Baseline, report: Report) -> tuple[list[Comparison], BaselineTally]:
    tally = BaselineTally()
    comparisons = []
    for result in report.results:
        comparison = compare(baseline, result)
        tally.add(comparison)
        comparisons.append(comparison)
    return comparisons, tally


def by_path(comparisons: list[Comparison]) -> dict[str, Comparison]:
    return {c.path: c for c in comparisons}


def edit(path: str, old: str, new: str) -> None:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the same run, twice ---------------------------------------------------------------


def test_a_run_compared_with_its_own_report_has_only_unchanged_findings(project: Path) -> None:
    report = check()
    baseline = baseline_of(report, project / "old.json")
    assert baseline.rubric == report.rubric
    assert len(baseline) == len(report.results)
    comparisons, tally = compared(baseline, report)
    assert all(not c.new and not c.fixed for c in comparisons)
    assert tally.unchanged > 20 and tally.new == tally.fixed == tally.failing == 0
    assert tally.finish(baseline, root=project) == []
    assert not tally.fails
    assert tally.text() == (
        f"compared with the baseline: 0 new findings, {tally.unchanged} unchanged, 0 fixed"
    )


def test_fingerprints_are_the_sarif_ones_without_informational_findings(project: Path) -> None:
    report = check()
    baseline = baseline_of(report, project / "old.json")
    for result in report.results:
        sarif = {i.fingerprint for i in issues_of(result) if i.severity != "info"}
        assert baseline.fingerprints(result.path) == sarif
        assert baseline.count(result.path) == len(sarif)
        assert baseline.decision(result.path) == result.decision
    assert any(i.severity == "info" for r in report.results for i in issues_of(r))


def test_the_sarif_digest_compares_like_the_result(project: Path) -> None:
    """Where a run keeps only what the workers rendered, the SARIF digest serves."""
    report = check()
    baseline = baseline_of(report, project / "old.json")
    edit(PM, "Understand the project life cycle", "Understand the project phases")
    for result in check().results:
        issues = unpack(SarifReporter().digest(result))
        assert compare_issues(baseline, result.path, result.decision, issues) == compare(
            baseline, result
        )


def test_paths_are_matched_whatever_their_spelling(project: Path) -> None:
    baseline = baseline_of(check(), project / "old.json")
    assert PM in baseline and f"./{PM}" in baseline and "catalog//x.yaml" not in baseline
    assert baseline.decision(f"./{PM}") == "not_conformant"


# -- what changed ----------------------------------------------------------------------


def test_moving_lines_above_a_finding_keeps_it_unchanged(project: Path) -> None:
    before = check(PM).results[0]
    baseline = baseline_of(check(), project / "old.json")
    # three comment lines near the top, and the url line moved from above the findings to the end
    text = Path(PM).read_text(encoding="utf-8")
    url = next(line for line in text.splitlines(keepends=True) if line.startswith("url:"))
    text = text.replace(url, "").replace("id: ", "# moved\n#\n\nid: ", 1) + url
    Path(PM).write_text(text, encoding="utf-8")
    after = check(PM).results[0]
    lines_before = {i.pointer: i.line for i in issues_of(before)}
    lines_after = {i.pointer: i.line for i in issues_of(after)}
    assert lines_after["/learning_outcomes/0/statement"] == (
        lines_before["/learning_outcomes/0/statement"] + 2
    )
    comparison = compare(baseline, after)
    assert comparison.new == () and comparison.fixed == ()
    assert len(comparison.unchanged) == baseline.count(PM) > 0
    assert not comparison.fails


def test_editing_what_a_message_says_makes_it_new_and_the_old_one_fixed(project: Path) -> None:
    baseline = baseline_of(check(), project / "old.json")
    edit(PM, "Understand the project life cycle", "Understand the project phases")
    comparisons, tally = compared(baseline, check())
    comparison = by_path(comparisons)[PM]
    assert [(i.rule, i.pointer) for i in comparison.new] == [
        ("measurable-outcomes", "/learning_outcomes/0/statement")
    ]
    assert "Understand the project phases" in comparison.new[0].message
    assert len(comparison.fixed) == 1
    assert comparison.fixed[0] in baseline.fingerprints(PM)
    assert comparison.new_errors == comparison.new and comparison.fails
    assert (tally.new, tally.fixed, tally.failing) == (1, 1, 1) and tally.fails
    # the other descriptors are untouched
    assert all(not c.new and not c.fixed for c in comparisons if c.path != PM)


def test_a_changed_figure_keeps_the_fingerprint(project: Path) -> None:
    """Numbers are masked: the same problem with another figure is the same finding."""
    sprint = "catalog/digital-marketing-sprint.yaml"
    baseline = baseline_of(check(), project / "old.json")
    before = [i for i in issues_of(check(sprint).results[0]) if i.rule == "workload-consistency"]
    edit(sprint, "ects: 3", "ects: 4")
    result = check(sprint).results[0]
    after = [i for i in issues_of(result) if i.rule == "workload-consistency"]
    assert (before[0].pointer, before[0].severity) == (after[0].pointer, after[0].severity)
    assert before[0].message != after[0].message
    comparison = compare(baseline, result)
    assert after[0] in comparison.unchanged and after[0] not in comparison.new


def test_a_fixed_finding_is_fixed_and_fails_nothing(project: Path) -> None:
    baseline = baseline_of(check(), project / "old.json")
    edit(PM, "Understand the project life cycle", "Explain the project life cycle")
    comparisons, tally = compared(baseline, check())
    comparison = by_path(comparisons)[PM]
    assert comparison.new == () and len(comparison.fixed) == 1
    assert not tally.fails and tally.fixed == 1


def test_a_removed_descriptor_s_findings_are_fixed(project: Path) -> None:
    welding = "catalog/welding-safety-practice.yaml"
    baseline = baseline_of(check(), project / "old.json")
    Path(welding).unlink()
    comparisons, tally = compared(baseline, check())
    assert welding not in by_path(comparisons)
    assert tally.fixed == 0
    assert tally.finish(baseline, root=project) == [welding]
    assert tally.removed == 1 and tally.fixed == baseline.count(welding) > 0
    assert tally.not_checked == 0 and not tally.fails
    assert tally.finish(baseline, root=project) == []  # once only
    assert tally.fixed == baseline.count(welding)


def test_descriptors_left_out_of_a_run_are_not_checked_not_fixed(project: Path) -> None:
    baseline = baseline_of(check(), project / "old.json")
    _, tally = compared(baseline, check(PM))
    assert tally.finish(baseline, root=project) == []
    assert (tally.removed, tally.fixed, tally.not_checked) == (0, 0, len(baseline) - 1)
    assert "7 not checked in this run" in tally.text()


def test_a_new_descriptor_has_only_new_findings(project: Path) -> None:
    baseline = baseline_of(check(), project / "old.json")
    shutil.copy(PM, "catalog/zz-copy.yaml")
    edit("catalog/zz-copy.yaml", "id: ", "id: copy-")
    comparisons, tally = compared(baseline, check())
    comparison = by_path(comparisons)["catalog/zz-copy.yaml"]
    assert not comparison.in_baseline and comparison.decision_before is None
    assert comparison.unchanged == () and len(comparison.new) == baseline.count(PM)
    assert comparison.fails and not comparison.worse
    assert tally.added == 1


def test_a_decision_that_got_worse_fails_the_run(project: Path) -> None:
    conformant = "catalog/data-analytics-foundations.yaml"
    baseline = baseline_of(check(), project / "old.json")
    assert baseline.decision(conformant) == "conformant"
    edit(conformant, "\ncost:", "\nprice:")
    comparison = by_path(compared(baseline, check())[0])[conformant]
    assert comparison.decision == "not_conformant" and comparison.worse and comparison.fails


def _issue(severity: str = "error", waived: bool = False) -> Issue:
    return Issue(
        rule="r",
        standard=None,
        rubric=None,
        severity=severity,
        essential=False,
        message="m",
        path="a.yaml",
        line=1,
        column=1,
        pointer="",
        related=(),
        waiver=("because", None, None) if waived else None,
        fingerprint="0" * 32,
    )


@pytest.mark.parametrize(
    ("before", "now", "new", "worse", "fails"),
    [
        ("conformant", "not_conformant", (), True, True),
        ("conformant", "error", (), True, True),
        ("pending_review", "not_conformant", (), True, True),
        ("not_conformant", "error", (), True, True),
        ("conformant", "pending_review", (), False, False),
        ("not_conformant", "not_conformant", (), False, False),
        ("error", "not_conformant", (), False, False),
        ("not_conformant", "not_conformant", (_issue("warning"),), False, False),
        ("not_conformant", "not_conformant", (_issue("error", waived=True),), False, False),
        ("not_conformant", "not_conformant", (_issue("error"),), False, True),
        (None, "not_conformant", (), False, False),
    ],
)
def test_when_a_descriptor_fails(
    before: str | None, now: str, new: tuple[Issue, ...], worse: bool, fails: bool
) -> None:
    comparison = Comparison("a.yaml", now, before, new, (), ())  # type: ignore[arg-type]
    assert (comparison.worse, comparison.fails) == (worse, fails)


def test_compare_refuses_a_decision_a_report_cannot_have(project: Path) -> None:
    baseline = baseline_of(check(PM), project / "old.json")
    with pytest.raises(ValueError, match="'fine' is not a decision"):
        compare_issues(baseline, PM, "fine", [])


# -- reading the report ------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_report() -> Report:
    return mcqa.check_folder(
        ROOT / "examples" / "catalog", config=ROOT / "examples" / ".mcqa.yaml", today=TODAY
    )


def _entries(baseline: Baseline) -> dict[str, tuple[str | None, frozenset[str]]]:
    return {p: (baseline.decision(p), baseline.fingerprints(p)) for p in baseline.paths()}


@pytest.mark.parametrize("chunk", [1, 7, 64, 4096])
def test_the_report_is_read_a_chunk_at_a_time(
    example_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    """However the file falls into chunks, the baseline is the same."""
    path = write_report(example_report, tmp_path / "r.json")
    whole = load_baseline(path)
    monkeypatch.setattr(mcqa.baseline, "_CHUNK", chunk)
    assert _entries(load_baseline(path)) == _entries(whole)
    compact = tmp_path / "compact.json"
    compact.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")
    assert _entries(load_baseline(compact)) == _entries(whole)


def test_a_report_with_its_keys_reordered_is_read(example_report: Report, tmp_path: Path) -> None:
    data = json.loads(example_report.model_dump_json())
    path = tmp_path / "sorted.json"
    path.write_text(json.dumps(data, sort_keys=True, indent=1), encoding="utf-8")
    baseline = load_baseline(path, rubric_id="mcqa-core")
    assert len(baseline) == len(example_report.results)
    data["rubric"]["id"] = "other"
    path.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    with pytest.raises(BaselineError, match="rubric 'other'"):
        load_baseline(path, rubric_id="mcqa-core")


def test_a_report_of_another_rubric_is_refused(example_report: Report, tmp_path: Path) -> None:
    path = write_report(example_report, tmp_path / "r.json")
    with pytest.raises(BaselineError) as caught:
        load_baseline(path, rubric_id="acme-rubric")
    message = caught.value.message
    assert message.startswith(f"{path}: ")
    assert "'mcqa-core' (mcqa-core@2.0.0)" in message and "'acme-rubric'" in message
    assert "cannot be compared" in message
    # another version of the same rubric is compared (its findings may then differ)
    assert load_baseline(path, rubric_id="mcqa-core").rubric.version == "2.0.0"


def _report_text(example_report: Report) -> str:
    return JsonReporter().render(example_report, RenderOptions())


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", r"r\.json: the baseline is empty"),
        (b"  \n", r"r\.json: the baseline is empty"),
        (b'{"format_version": 1,\n  "tool": }', r"r\.json:2:11: the baseline is not valid JSON"),
        (b'{"a": 1 "b": 2}', r"r\.json:1:9: .*not valid JSON: expected ',' or '}'"),
        (b'{"a": "unterminated', r"r\.json:1:7: .*not valid JSON: unterminated string"),
        (b'{"a": 1}{', r"r\.json:1:9: .*more data after the report"),
        (b"[1, 2]", r"r\.json: the baseline is not a report of mcqa check -f json \(it is not a"),
        (
            b'{"format_version": 1, "tool": {"name": "mcqa"}, "rubric": '
            b'{"id": "mcqa-core", "version": "2.0.0"}, "results": null}',
            r"not a report of mcqa check -f json \(it has no \"results\" list\)",
        ),
        (
            b'{"name": "site", "version": "1.0.0"}',
            r"not a report of mcqa check -f json \(it has no \"format_version\"",
        ),
        (b'{"results": [{"x": 1}]}', r"not a report of mcqa check -f json"),
        (b"\xff\xfe{}", r"r\.json: the baseline is not a report mcqa writes: it is not UTF-8"),
        (
            b'{"format_version": 2, "tool": {"name": "mcqa"}, "results": []}',
            r"a report in format 2; this version of mcqa reads format 1",
        ),
        (
            b'{"format_version": 1, "tool": {"name": "mcqa", "version": "1"},'
            b' "rubric": {"id": "mcqa-core", "version": "2.0.0"},\n'
            b' "results": [\n  {"path": "a.yaml", "descriptor_id": null, "decision": "great"}]}',
            r"r\.json:3:3: result 1 of the baseline is not a descriptor result as mcqa writes it:"
            r" decision: ",
        ),
        (b'{"a": [' * 5000, r"r\.json:1:\d+: the baseline is not valid JSON"),
    ],
)
def test_a_malformed_baseline_is_refused_with_a_located_plain_message(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    with pytest.raises(BaselineError, match=expected) as caught:
        load_baseline(path, rubric_id="mcqa-core")
    assert "Traceback" not in caught.value.message
    assert str(path) in caught.value.message


def test_a_truncated_report_is_refused(example_report: Report, tmp_path: Path) -> None:
    text = _report_text(example_report)
    path = tmp_path / "r.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(BaselineError, match=r"r\.json:\d+:\d+: the baseline is not valid JSON"):
        load_baseline(path)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "there is no such file"),
        (lambda p: p.mkdir(), "is a folder, not a report file"),
    ],
)
def test_an_unreadable_baseline_is_refused(tmp_path: Path, make: object, expected: str) -> None:
    path = tmp_path / "r.json"
    make(path)  # type: ignore[operator]
    with pytest.raises(BaselineError, match=expected) as caught:
        load_baseline(path)
    assert str(path) in caught.value.message


def test_the_same_path_twice_keeps_both_s_findings(example_report: Report, tmp_path: Path) -> None:
    data = json.loads(example_report.model_dump_json())
    first, second = data["results"][1], data["results"][5]
    second["path"] = first["path"].replace("/catalog/", "/catalog/./")
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    baseline = load_baseline(path)
    assert len(baseline) == len(data["results"]) - 1
    expected = {
        i.fingerprint
        for result in (first, second)
        for i in issues_of(DescriptorResult.model_validate(result))
        if i.severity != "info"
    }
    assert baseline.fingerprints(first["path"]) == expected
    alone = {i.fingerprint for i in issues_of(example_report.results[1]) if i.severity != "info"}
    assert alone < expected


def test_fields_a_newer_mcqa_adds_are_ignored(example_report: Report, tmp_path: Path) -> None:
    data = json.loads(example_report.model_dump_json())
    result = data["results"][1]
    result["grade"] = "B"
    standard = next(s for s in result["standards"] if s["findings"])
    standard["findings"][0]["fix"] = {"replace": "x"}
    standard["history"] = []
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    baseline = load_baseline(path)
    assert baseline.fingerprints(result["path"]) == {
        i.fingerprint for i in issues_of(example_report.results[1]) if i.severity != "info"
    }


# -- a property ----------------------------------------------------------------------------


def _fingerprints(path: Path, root: Path) -> Iterator[str]:
    report = mcqa.check_folder(path, "mcqa-core@2.0.0", config=LoadedConfig(root=root), today=TODAY)
    return (i.fingerprint for i in issues_of(report.results[0]))


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    lines=st.lists(st.sampled_from(["", "   ", "# a note", "#"]), min_size=1, max_size=40),
    where=st.integers(min_value=0),
)
def test_fingerprints_do_not_change_when_lines_are_inserted(
    tmp_path: Path, lines: list[str], where: int
) -> None:
    """Blank and comment lines inserted before any top-level key keep every fingerprint."""
    original = (ROOT / "examples" / PM).read_text(encoding="utf-8")
    path = tmp_path / "descriptor.yaml"
    path.write_text(original, encoding="utf-8")
    before = sorted(_fingerprints(path, tmp_path))
    rows = original.splitlines(keepends=True)
    keys = [n for n, row in enumerate(rows) if row[:1].isalpha()]
    at = keys[where % len(keys)]
    path.write_text("".join([*rows[:at], *(f"{x}\n" for x in lines), *rows[at:]]), "utf-8")
    assert sorted(_fingerprints(path, tmp_path)) == before
