"""``-f github``: workflow commands GitHub reads, that a descriptor's text cannot forge.

The example catalog's output is compared byte for byte with the golden files in
``tests/reporters/golden/`` (``github.txt``, ``github-verbose.txt``). After a
deliberate change of the output, rewrite them with::

    MCQA_UPDATE_GOLDEN=1 python3 dev.py test tests/reporters

and read the difference before committing it.

Every line of output is checked the way the Actions runner reads it: a line
that starts with ``::`` (after white space) must be one of mcqa's commands,
well formed, whose properties and message decode to mcqa's own text; any other
line must never read as a command, in GitHub Actions or in Azure Pipelines.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import mcqa
from mcqa.cli import cli
from mcqa.models.finding import Finding, Waiver
from mcqa.models.report import (
    DescriptorResult,
    Essentials,
    Report,
    RubricRef,
    Score,
    StandardResult,
    ToolInfo,
)
from mcqa.render.safe import printable
from mcqa.reporters import RenderOptions, RunInfo, StreamingReporter, all_reporters, summary_of
from mcqa.reporters.github import ANNOTATIONS_PER_KIND, MESSAGE_CAP, GithubReporter

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2026, 12, 1)
REPORTER = GithubReporter()

HOSTILE = [
    "\x1b[2J\x1b[31mRED\x1b[0m",
    "ok\rforged line",
    "100% sure %0A::warning::forged %0D%0A %25",
    "::error file=README.md::forged",
    "##vso[task.setvariable variable=secret]stolen",
    "##[error]forged ##VSO[task.complete]",
    "line one\nline two",
    "@octocat and @org/team",
    "a | b",
    "<script>alert(1)</script>",
    "![x](http://e/x.png)",
    "right\u202etxt.exe para\u2028graph \x85 \x00",
]
FORGED_NAME = "::error file=x,line=1::forged %0A, @octocat.yaml"


# -- the runner's reading of a line ---------------------------------------------------------

_DATA = [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")]
_PROPERTY = [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_OTHER_COMMAND = re.compile(r"##(\[|vso\[)", re.IGNORECASE)


def _unescape(text: str, mappings: list[tuple[str, str]]) -> str:
    for escaped, char in mappings:
        text = text.replace(escaped, char)
    return text


def _escape(text: str, mappings: list[tuple[str, str]]) -> str:
    for escaped, char in reversed(mappings):
        text = text.replace(char, escaped)
    return text


@dataclass
class Command:
    name: str
    properties: dict[str, str]
    message: str


def parse(line: str) -> Command:
    """A workflow command as the runner reads it (``ActionCommand.TryParseV2``), checked
    to be exactly what mcqa means: escaping the decoded values again gives the line back."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    name, _, props = info.partition(" ")
    properties: dict[str, str] = {}
    for pair in filter(None, props.split(",")):
        key, value = pair.split("=", 1)
        assert key not in properties, line
        properties[key] = _unescape(value, _PROPERTY)
        assert _escape(properties[key], _PROPERTY) == value, line
    message = _unescape(data, _DATA)
    assert _escape(message, _DATA) == data, line
    for text in (message, *properties.values()):
        assert not _CONTROL.search(text), line
        assert not _OTHER_COMMAND.search(text), line
    return Command(name, properties, message)


def read(output: str) -> tuple[list[Command], list[str]]:
    """The commands and the plain lines of an output, each line checked."""
    assert output.endswith("\n")
    assert "\r" not in output and "\x1b" not in output
    commands: list[Command] = []
    plain: list[str] = []
    for line in output[:-1].split("\n"):
        assert not _CONTROL.search(line), line
        assert not _OTHER_COMMAND.search(line), line
        if line.lstrip().startswith("::"):
            command = parse(line)
            assert command.name in {"error", "warning", "notice", "group", "endgroup"}, line
            if command.name in {"error", "warning", "notice"}:
                assert set(command.properties) <= {"file", "line", "col", "title"}, line
                assert all(command.properties.get(k, "1").isdigit() for k in ("line", "col"))
            else:
                assert not command.properties, line
            commands.append(command)
        else:
            assert not line.lstrip().startswith("##"), line
            plain.append(line)
    return commands, plain


def annotations_of(output: str) -> list[Command]:
    return [c for c in read(output)[0] if c.name in {"error", "warning", "notice"}]


def closing(output: str) -> Command | None:
    last = annotations_of(output)[-1:]
    return last[0] if last and last[0].properties == {"title": "mcqa"} else None


# -- what mcqa means ------------------------------------------------------------------------


def quoted(text: str) -> str:
    """How an annotation quotes the user's text."""
    text = re.sub(r"##(?=\[|vso\[)", r"\\x23#", printable(text), flags=re.IGNORECASE)
    return text if len(text) <= MESSAGE_CAP else text[: MESSAGE_CAP - 1] + "…"


def label(finding: Finding) -> str:
    return f"{finding.standard} {finding.rule}" if finding.standard else finding.rule


def all_findings(result: DescriptorResult) -> list[Finding]:
    return [*result.findings, *(f for s in result.standards for f in s.findings)]


def expected_annotations(report: Report) -> dict[tuple[str, str, str], str]:
    """Each finding's (file, title, message) as an annotation, and its kind."""
    expected: dict[tuple[str, str, str], str] = {}
    for result in report.results:
        for f in all_findings(result):
            message = f.message + (f" (waived: {f.waiver.reason})" if f.waiver else "")
            kind = "notice" if f.waiver or f.severity == "info" else f.severity
            key = (quoted(f.file or result.path), quoted(f"mcqa {label(f)}"), quoted(message))
            expected[key] = kind
    return expected


def wanted(report: Report, *, verbose: bool) -> int:
    """Annotations the report calls for: findings, and a failing descriptor that no error
    finding explains."""
    total = 0
    for result in report.results:
        kinds = ["notice" if f.waiver else f.severity for f in all_findings(result)]
        errors = kinds.count("error")
        if not errors and result.decision in ("not_conformant", "error"):
            errors = 1
        total += errors + kinds.count("warning")
        if verbose:
            total += kinds.count("notice") + kinds.count("info")
    return total


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Report:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        return mcqa.check_folder("examples/catalog", config="examples/.mcqa.yaml", today=TODAY)


def streamed(reporter: StreamingReporter, report: Report, options: RenderOptions) -> str:
    """As ``mcqa check`` writes it: begin, each result's text, end with the digests
    (which come from worker processes, so they go through pickle)."""
    run = RunInfo(tool=report.tool, rubric=report.rubric)
    texts = [reporter.result(result, options) for result in report.results]
    digests = [pickle.loads(pickle.dumps(reporter.digest(r))) for r in report.results]
    return (
        reporter.begin(run, options)
        + reporter.SEPARATOR.join(texts)
        + reporter.end(run, report.summary, digests, options)
    )


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MCQA_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(output.encode("utf-8"))
    assert path.exists(), f"no golden file {name}: run with MCQA_UPDATE_GOLDEN=1"
    assert output.encode("utf-8") == path.read_bytes(), f"{name} differs from the golden file"


# -- the example catalog --------------------------------------------------------------------


@pytest.mark.parametrize(("verbose", "name"), [(False, "github.txt"), (True, "github-verbose.txt")])
def test_the_example_catalog_matches_the_golden_file(
    example: Report, verbose: bool, name: str
) -> None:
    output = REPORTER.render(example, RenderOptions(verbose=verbose))
    check_golden(name, output)
    read(output)


@pytest.mark.parametrize("verbose", [False, True])
def test_streamed_is_rendered_byte_for_byte(example: Report, verbose: bool) -> None:
    options = RenderOptions(verbose=verbose)
    assert streamed(REPORTER, example, options) == REPORTER.render(example, options)


def test_the_output_is_the_same_whatever_the_number_of_workers(
    example: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    parallel = mcqa.check_folder(
        "examples/catalog", config="examples/.mcqa.yaml", today=TODAY, jobs=2
    )
    for verbose in (False, True):
        options = RenderOptions(verbose=verbose)
        assert REPORTER.render(parallel, options) == REPORTER.render(example, options)


@pytest.mark.skipif("github" not in all_reporters(), reason="the github format is not registered")
@pytest.mark.parametrize("jobs", [1, 2])
def test_mcqa_check_streams_the_same_bytes(
    example: Report, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Through the command line, rendered by worker processes."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    args = ["check", "examples/catalog", "--config", "examples/.mcqa.yaml", "-f", "github"]
    run = CliRunner().invoke(cli, [*args, "--today", "2026-12-01", "-j", str(jobs)])
    assert run.exit_code == 1, run.output
    assert run.stdout == REPORTER.render(example, RenderOptions())


def test_every_annotation_is_a_finding_of_the_report(example: Report) -> None:
    expected = expected_annotations(example)
    for verbose in (False, True):
        output = REPORTER.render(example, RenderOptions(verbose=verbose))
        shown = [a for a in annotations_of(output) if a != closing(output)]
        assert shown
        for annotation in shown:
            props = annotation.properties
            if props["title"] in ("mcqa not conformant", "mcqa error"):
                assert annotation.name == "error" and "line" not in props
                continue
            key = (props["file"], props["title"], annotation.message)
            assert expected[key] == annotation.name
            assert verbose or annotation.name != "notice"


def test_annotations_come_worst_first(example: Report) -> None:
    output = REPORTER.render(example, RenderOptions(verbose=True))
    files = [a.properties["file"] for a in annotations_of(output) if "file" in a.properties]
    assert files[0] == "examples/catalog/broken-entry.yaml"  # could not be read
    assert files[1] == "examples/catalog/clinical-leadership-draft.yaml"  # 11 essentials missing
    order = list(dict.fromkeys(files))
    assert order.index("examples/catalog/welding-safety-practice.yaml") < order.index(
        "examples/catalog/project-management-basics.yaml"
    )  # 11 essentials missing before 10


def test_a_waived_finding_is_only_a_notice(example: Report) -> None:
    for verbose in (False, True):
        output = REPORTER.render(example, RenderOptions(verbose=verbose))
        waived = [a for a in annotations_of(output) if "(waived: " in a.message]
        assert all(a.name == "notice" for a in waived)
        assert bool(waived) == verbose


def test_a_failure_no_error_finding_explains_gets_an_error_at_its_file() -> None:
    report = synthetic_hostile()
    output = REPORTER.render(report, RenderOptions())
    decisions = [
        a for a in annotations_of(output) if a.properties["title"] == "mcqa not conformant"
    ]
    assert len(decisions) == 1  # the first has error findings: they explain it
    assert decisions[0].name == "error"
    assert decisions[0].properties == {
        "file": quoted(report.results[1].path),
        "title": "mcqa not conformant",
    }
    assert decisions[0].message == "not conformant: 33.33 % (1/3 points), essentials 0/1"


def test_the_log_groups_each_descriptor_and_lists_every_finding(example: Report) -> None:
    output = REPORTER.render(example, RenderOptions())
    commands, plain = read(output)
    groups = [c.message for c in commands if c.name == "group"]
    assert len(groups) == [c.name for c in commands].count("endgroup")
    assert groups[0] == "examples/catalog/broken-entry.yaml: ERROR"
    assert any(
        g.startswith("examples/catalog/project-management-basics.yaml: NOT CONFORMANT")
        for g in groups
    )
    for result in example.results:
        for finding in all_findings(result):
            if finding.severity != "info":
                assert any(
                    line.startswith(f"  {finding.location_text()}: {finding.severity}: ")
                    and f"[{label(finding)}]" in line
                    for line in plain
                ), finding
    assert plain[-1].startswith("8 descriptors checked against mcqa-core@2.0.0: ")


# -- hostile text ---------------------------------------------------------------------------


def hostile_descriptor() -> str:
    outcomes = "".join(f"  - {json.dumps('Understand ' + text)}\n" for text in HOSTILE)
    return (
        "id: hostile\n"
        f"title: {json.dumps(HOSTILE[3])}\n"
        f"description: {json.dumps(' '.join(HOSTILE))}\n"
        f"issuer: {{name: {json.dumps(HOSTILE[0])}, country: {json.dumps(HOSTILE[4])}}}\n"
        f"learning_outcomes:\n{outcomes}"
        f"cost: {{amount: 10, currency: {json.dumps(HOSTILE[1])}}}\n"
        f"url: {json.dumps('http://e/' + HOSTILE[2])}\n"
        f"{json.dumps(HOSTILE[5])}: unknown field\n"
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("hostile") / "catalog"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(hostile_descriptor(), encoding="utf-8")
    (folder / FORGED_NAME).write_text("id: [\n", encoding="utf-8")
    (folder / "esc\x1b[2J,name:%0A.yaml").write_text("id: [\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder.parent)
        return mcqa.check_folder("catalog", rubric="mcqa-core@2.0.0", today=TODAY)


def synthetic_hostile() -> Report:
    """A result whose every piece of text (path, standard, rule, message, waiver) is hostile."""
    text = " ".join(HOSTILE)
    findings = tuple(
        Finding(
            rule=f"rule {bad}",
            message=f"{bad} {text}",
            severity=severity,
            standard=f"9.9 {bad}",
            file=f"{bad}.yaml",
            line=3,
            column=1,
            waiver=Waiver(reason=bad) if severity == "info" else None,
        )
        for bad in HOSTILE
        for severity in ("error", "warning", "info")
    )
    result = DescriptorResult(
        path=FORGED_NAME,
        descriptor_id=HOSTILE[3],
        decision="not_conformant",
        score=Score(earned=1, possible=3, percent=33.33),
        essentials=Essentials(met=0, total=1),
        standards=(
            StandardResult(
                id=HOSTILE[3],
                title=text,
                status="not_met",
                essential=True,
                points_earned=0,
                points_possible=1,
                source="reviewers",
                findings=findings,
            ),
        ),
    )
    unexplained = result.model_copy(update={"path": HOSTILE[3] + ".yaml", "standards": ()})
    results = (result, unexplained)
    return Report(
        tool=ToolInfo(version="0"),
        rubric=RubricRef(id=HOSTILE[3], version=HOSTILE[2]),
        results=results,
        summary=summary_of(results),
    )


@pytest.mark.parametrize("verbose", [False, True])
@pytest.mark.parametrize("which", ["descriptor", "synthetic"])
def test_hostile_text_is_quoted_never_obeyed(hostile: Report, verbose: bool, which: str) -> None:
    report = hostile if which == "descriptor" else synthetic_hostile()
    options = RenderOptions(verbose=verbose)
    output = REPORTER.render(report, options)
    assert streamed(REPORTER, report, options) == output
    read(output)  # every line is checked as the runner reads it
    expected = expected_annotations(report)
    shown = [a for a in annotations_of(output) if a != closing(output)]
    assert shown
    for annotation in shown:
        props = annotation.properties
        if props["title"] in ("mcqa not conformant", "mcqa error"):
            assert props["file"] in {quoted(r.path) for r in report.results}
        else:
            assert (props["file"], props["title"], annotation.message) in expected
    # the hostile text is there, visibly escaped
    assert "\\x1b[2J" in output
    assert "\\x23#vso[task.setvariable" in output
    assert not any(line.startswith("::error file=x") for line in output.split("\n"))


@pytest.mark.parametrize("text", [HOSTILE[2], "a:b,c", "%3A%2C%25", "\\n%0A"])
def test_properties_and_message_decode_to_the_text(text: str) -> None:
    """``%0A`` or ``%3A`` written in a descriptor stays as written once GitHub decodes it."""
    finding = Finding(rule=text, message=text, standard=text, file=text, line=2, column=3)
    result = DescriptorResult(
        path="d.yaml", descriptor_id="d", decision="error", findings=(finding,)
    )
    report = Report(
        tool=ToolInfo(version="0"),
        rubric=RubricRef(id="r", version="1"),
        results=(result,),
        summary=summary_of([result]),
    )
    [annotation] = annotations_of(REPORTER.render(report, RenderOptions()))
    assert annotation.name == "error"
    assert annotation.properties == {
        "file": text,
        "line": "2",
        "col": "3",
        "title": f"mcqa {text} {text}",
    }
    assert annotation.message == text


def test_a_forged_file_name_decodes_to_itself(hostile: Report) -> None:
    output = REPORTER.render(hostile, RenderOptions())
    files = {a.properties.get("file") for a in annotations_of(output)}
    assert f"catalog/{FORGED_NAME}" in files
    assert "catalog/esc\\x1b[2J,name:%0A.yaml" in files


# -- the cap --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """200 descriptors, each with errors (unmeasurable outcomes, missing fields) and warnings."""
    folder = tmp_path_factory.mktemp("faulty")
    for n in range(200):
        (folder / f"d{n:04d}.yaml").write_text(
            f"id: d{n}\ntitle: Data {n}\nlearning_outcomes: [Understand data {n}, Know it]\n"
            f"url: http://example.org/{n}\nworkload: {{hours: {10 + n}}}\n",
            encoding="utf-8",
        )
    return mcqa.check_folder(folder, rubric="mcqa-core@2.0.0", today=TODAY)


def kinds(output: str) -> Iterator[str]:
    for annotation in annotations_of(output):
        if annotation != closing(output):
            yield annotation.name


@pytest.mark.parametrize("verbose", [False, True])
def test_annotations_are_capped_with_a_closing_notice(faulty: Report, verbose: bool) -> None:
    assert faulty.summary.not_conformant == 200
    output = REPORTER.render(faulty, RenderOptions(verbose=verbose))
    shown = list(kinds(output))
    assert shown.count("error") == ANNOTATIONS_PER_KIND
    assert shown.count("warning") == ANNOTATIONS_PER_KIND
    assert shown.count("notice") == (ANNOTATIONS_PER_KIND - 1 if verbose else 0)
    assert len(shown) + 1 <= 50  # GitHub's cap per job
    notice = closing(output)
    assert notice is not None and notice.name == "notice"
    left = wanted(faulty, verbose=verbose) - len(shown)
    assert notice.message.startswith(f"{left} more annotations were not shown")
    assert "log" in notice.message and "summary" in notice.message
    # every finding is still in the log
    _, plain = read(output)
    assert sum(": error: " in line for line in plain) == sum(
        f.severity == "error" for r in faulty.results for f in all_findings(r)
    )


def test_no_closing_notice_when_everything_is_shown(example: Report) -> None:
    one = example.model_copy(
        update={"results": example.results[-1:], "summary": summary_of(example.results[-1:])}
    )
    output = REPORTER.render(one, RenderOptions())
    assert closing(output) is None
    assert len(annotations_of(output)) == wanted(one, verbose=False)


def test_a_digest_stays_small(faulty: Report) -> None:
    long = faulty.results[0].model_copy(
        update={
            "standards": tuple(
                s.model_copy(
                    update={
                        "findings": tuple(
                            f.model_copy(update={"message": "x" * 100_000}) for f in s.findings
                        )
                    }
                )
                for s in faulty.results[0].standards
            )
        }
    )
    assert len(pickle.dumps(REPORTER.digest(long))) < 2_000
    clean = long.model_copy(update={"standards": (), "findings": (), "decision": "conformant"})
    assert len(pickle.dumps(REPORTER.digest(clean))) < 300
