"""``mcqa check -f FORMAT[:PATH]``: several formats in one run, ``auto``, the job summary,
``--quiet``, colour from the environment, and the configuration named in the report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import mcqa.cli
from tests.test_check_cli import EXAMPLE_ARGS, invoke

ROOT = Path(__file__).resolve().parents[1]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
FORMATS = ("json", "sarif", "junit", "gitlab", "markdown", "github")
#: Environment of a run outside any CI, whatever the machine running the tests says.
PLAIN = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "FORCE_COLOR": "", "NO_COLOR": ""}


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    for name in PLAIN:
        monkeypatch.delenv(name, raising=False)
    return ROOT


def alone(output_format: str, *extra: str) -> str:
    result = invoke([*EXAMPLE_ARGS, "-f", output_format, *extra], env=PLAIN)
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_format_in_one_run_is_what_each_writes_alone(
    at_root: Path, tmp_path: Path, jobs: str
) -> None:
    args = [*EXAMPLE_ARGS, "--jobs", jobs, "-f", "text"]
    for name in FORMATS:
        args += ["-f", f"{name}:{tmp_path / 'out' / name}"]
    result = invoke(args, env=PLAIN)
    assert result.exit_code == 1, result.output
    assert result.stdout == alone("text")
    for name in FORMATS:
        written = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert written == alone(name), name
    json.loads((tmp_path / "out" / "json").read_text(encoding="utf-8"))


def test_a_format_without_a_path_goes_to_the_output_file(at_root: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = invoke(
        [*EXAMPLE_ARGS, "-f", "json", "-f", f"sarif:{tmp_path / 'x.sarif'}", "-o", str(report)],
        env=PLAIN,
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert report.read_text(encoding="utf-8") == alone("json")


@pytest.mark.parametrize(
    ("formats", "message"),
    [
        (["-f", "text", "-f", "json"], "2 formats would share standard output"),
        (["-f", "json:{d}/same", "-f", "sarif:{d}/same"], "would write to the same place"),
        (["-f", "json:"], "names no file after ':'"),
        (["-f", "xml:{d}/x"], "'xml' is not a format"),
    ],
)
def test_formats_that_clash_stop_before_any_work(
    at_root: Path, tmp_path: Path, formats: list[str], message: str
) -> None:
    args = [f.format(d=tmp_path) for f in formats]
    result = invoke([*EXAMPLE_ARGS, *args], env=PLAIN)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_auto_is_github_under_github_actions_and_text_elsewhere(at_root: Path) -> None:
    assert invoke([*EXAMPLE_ARGS, "-f", "auto"], env=PLAIN).stdout == alone("text")
    under = invoke([*EXAMPLE_ARGS, "-f", "auto"], env={**PLAIN, "GITHUB_ACTIONS": "true"})
    assert under.stdout == alone("github")
    assert "::error file=" in under.stdout


def test_github_appends_the_markdown_report_to_the_job_summary(
    at_root: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    env = {**PLAIN, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = invoke([*EXAMPLE_ARGS, "-f", "github"], env=env)
    assert result.exit_code == 1
    assert summary.read_text(encoding="utf-8") == "# Earlier step\n" + alone("markdown")
    # a markdown report asked for elsewhere is not written twice
    summary.write_text("", encoding="utf-8")
    own = tmp_path / "own.md"
    invoke([*EXAMPLE_ARGS, "-f", "github", "-f", f"markdown:{own}"], env=env)
    assert summary.read_text(encoding="utf-8") == ""
    assert own.read_text(encoding="utf-8") == alone("markdown")


def test_quiet_shows_only_what_fails(at_root: Path) -> None:
    quiet = alone("text", "--quiet")
    full = alone("text")
    assert quiet.splitlines()[-1] == full.splitlines()[-1]  # the summary stays
    assert "CONFORMANT  " not in quiet.replace("NOT CONFORMANT", "")
    assert "PENDING REVIEW" not in quiet and "PENDING REVIEW" in full
    assert ": warning:" not in quiet and ": warning:" in full
    assert "NOT CONFORMANT" in quiet and ": error:" in quiet
    assert len(quiet.splitlines()) < len(full.splitlines())
    result = invoke([*EXAMPLE_ARGS, "--quiet", "--verbose"], env=PLAIN)
    assert result.exit_code == 2 and "cannot be used together" in result.stderr


def test_quiet_does_not_change_machine_formats(at_root: Path) -> None:
    assert alone("json", "--quiet") == alone("json")


@pytest.mark.parametrize(
    ("env", "asked", "isatty", "coloured"),
    [
        ({}, None, True, True),
        ({}, None, False, False),
        ({"NO_COLOR": "1"}, None, True, False),
        ({"TERM": "dumb"}, None, True, False),
        ({"FORCE_COLOR": "1"}, None, False, True),
        ({"FORCE_COLOR": ""}, None, False, False),
        ({"FORCE_COLOR": "1"}, False, True, False),
        ({"NO_COLOR": "1"}, True, False, True),
    ],
)
def test_colour_follows_the_flags_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    asked: bool | None,
    isatty: bool,
    coloured: bool,
) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout.isatty", lambda: isatty)
    assert mcqa.cli._colour(asked) is coloured


def test_force_color_colours_the_text_report(at_root: Path) -> None:
    result = invoke([*EXAMPLE_ARGS], env={**PLAIN, "FORCE_COLOR": "1"})
    assert ANSI.search(result.stdout)
    assert not ANSI.search(invoke([*EXAMPLE_ARGS], env=PLAIN).stdout)


def test_the_configuration_is_named_in_the_text_header_and_the_json_report(
    at_root: Path,
) -> None:
    text = alone("text")
    assert text.splitlines()[0].endswith(
        "checking against mcqa-core@2.0.0 with the configuration examples/.mcqa.yaml"
    )
    assert json.loads(alone("json"))["config"] == "examples/.mcqa.yaml"
    bare = [a for a in EXAMPLE_ARGS if a not in ("--config", "examples/.mcqa.yaml")]
    result = invoke([*bare, "--no-config", "-f", "json"], env=PLAIN)
    assert json.loads(result.stdout)["config"] is None
    result = invoke([*bare, "--no-config"], env=PLAIN)
    assert result.stdout.splitlines()[0].endswith("with no configuration file")


def test_the_library_report_names_the_configuration_too(at_root: Path) -> None:
    report = mcqa.check_folder("examples/catalog", config="examples/.mcqa.yaml")
    assert report.config == "examples/.mcqa.yaml"


def test_an_unreachable_cluster_is_exit_2_with_a_reason(
    at_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed", reason="the cluster option needs mcqa-standard[dask]")
    monkeypatch.setattr("mcqa._cluster.CONNECT_TIMEOUT", "1s")
    result = invoke([*EXAMPLE_ARGS, "--scheduler", "tcp://127.0.0.1:9"], env=PLAIN)
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr


def test_one_bad_field_is_one_line_naming_every_standard_it_counts_against(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = (ROOT / "examples/catalog/data-analytics-foundations.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "catalog"
    folder.mkdir()
    bad = re.sub(r"(?m)^  hours: .*$", "  hours: forty", source, count=1)
    (folder / "bad.yaml").write_text(bad, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = invoke(["check", "catalog", "--no-config"], env=PLAIN).stdout
    lines = [line for line in text.splitlines() if "'forty'" in line]
    assert len(lines) == 1, lines
    assert re.search(r"\[(\d+\.\d+, )+\d+\.\d+ schema\]$", lines[0]), lines[0]
    # the machine formats keep one finding per standard
    report = json.loads(invoke(["check", "catalog", "--no-config", "-f", "json"], env=PLAIN).stdout)
    counted = [
        f
        for s in report["results"][0]["standards"]
        for f in s["findings"]
        if "'forty'" in f["message"]
    ]
    assert len(counted) > 1
