"""The ``mcqa`` command line: ``--version``, ``rubric list|show|validate`` and ``schema export``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from mcqa._version import __version__
from mcqa.cli import cli
from mcqa.rubrics import RubricRegistry
from mcqa.schema import SCHEMA_MODELS, schema_filename

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
CORE = ROOT / "rubrics" / "mcqa-core" / "0.1.0.yaml"

LOCATED = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): "
)

GOOD = """\
rubric_format: 1
id: demo
version: 1.0.0
title: Demo rubric
categories:
  - id: "1"
    title: Basics
    standards:
      - id: "1.1"
        title: Has a title
        text: The descriptor has a title.
        points: 3
        essential: true
        mode: automated
        check:
          schema:
            required: [title]
      - id: "1.2"
        title: Audience
        text: The descriptor names its audience.
        points: 2
"""

# Exactly three problems: a duplicate key (line 5), an unknown field (line 9)
# and a wrong type (line 14).
BAD = """\
rubric_format: 1
id: demo
version: 1.0.0
title: Demo rubric
title: Again
categories:
  - id: "1"
    title: Basics
    colour: red
    standards:
      - id: "1.1"
        title: Has a title
        text: The descriptor has a title.
        points: many
"""

# A second broken file: one wrong type on line 3.
OTHER_BAD = """\
id: other
version: 1.0.0
title: [not, text]
categories:
  - id: "1"
    title: Basics
    standards:
      - {id: "1.1", title: T, text: T.}
"""


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    """Nested aliases that would expand to ``width ** levels`` strings."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    lines.append(f"categories: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


def located(lines: Sequence[str]) -> list[tuple[str, int, int, str]]:
    """``(file, line, column, severity)`` of every ``file:line:col: severity:`` line."""
    found = []
    for text in lines:
        match = LOCATED.match(text)
        if match:
            found.append(
                (
                    match["file"],
                    int(match["line"]),
                    int(match["column"]),
                    match["severity"],
                )
            )
    return found


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in ``tmp_path``, so file names in the output are short and predictable."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- --version and help ---------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout == f"mcqa {__version__}\n"


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("rubric", "schema", "check"):
        assert command in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.exit_code == 2
    no_traceback(result)


# -- rubric list ----------------------------------------------------------------------------


def test_rubric_list_text() -> None:
    result = run("rubric", "list")
    assert result.exit_code == 0
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "VERSION", "STATUS", "TITLE", "SOURCE"]
    core = [line for line in lines if line.startswith("mcqa-core ") and " 0.1.0 " in line]
    assert len(core) == 1
    assert "draft" in core[0]
    assert "MCQA Standard for Microcredentials (draft)" in core[0]
    assert core[0].rstrip().endswith("built-in")


def test_rubric_list_json() -> None:
    result = run("rubric", "list", "-f", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert all(set(row) == {"id", "version", "status", "title", "source"} for row in rows)
    assert {
        "id": "mcqa-core",
        "version": "0.1.0",
        "status": "draft",
        "title": "MCQA Standard for Microcredentials (draft)",
        "source": "built-in",
    } in rows
    ids = [row["id"] for row in rows]
    assert ids == sorted(ids)


def test_rubric_list_rejects_an_unknown_format() -> None:
    result = run("rubric", "list", "-f", "xml")
    assert result.exit_code == 2
    no_traceback(result)


# -- rubric show ----------------------------------------------------------------------------


def test_rubric_show_yaml() -> None:
    result = run("rubric", "show", "mcqa-core@^0")
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert (data["id"], data["version"], data["status"]) == ("mcqa-core", "0.1.0", "draft")
    assert [c["id"] for c in data["categories"]] == [str(n) for n in range(1, 10)]
    assert data["categories"][0]["standards"][0]["id"] == "1.1"
    assert data["categories"][0]["standards"][0]["check"]["schema"]["required"] == [
        "title",
        "description",
        "issuer",
    ]


def test_rubric_show_yaml_is_a_valid_rubric_again(in_tmp: Path) -> None:
    shown = run("rubric", "show", "mcqa-core@^0").stdout
    (in_tmp / "copy.yaml").write_text(shown, encoding="utf-8")
    result = run("rubric", "validate", "copy.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_rubric_show_json_matches_the_published_schema() -> None:
    result = run("rubric", "show", "mcqa-core@^0", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    schema = json.loads((SCHEMAS / "rubric.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert problems == []
    assert data["id"] == "mcqa-core"
    assert data["version"] == "0.1.0"
    assert data == yaml.safe_load(run("rubric", "show", "mcqa-core@^0").stdout)


def test_rubric_show_markdown_has_the_standards_as_headings() -> None:
    result = run("rubric", "show", "mcqa-core@^0", "-f", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    rubric = RubricRegistry(entry_points=False).load("mcqa-core@^0")
    assert lines[0] == f"# {rubric.title}"
    for category in rubric.categories:
        assert f"## {category.id} {category.title}" in lines
        for standard in category.standards:
            assert f"### {standard.id} {standard.title}" in lines
    headings = [line for line in lines if line.startswith("### ")]
    assert len(headings) == len(rubric.iter_standards()) == 18
    assert "> **Draft.** Not for claims of conformance." in lines
    assert "`mcqa-core@0.1.0`" in result.stdout


def test_rubric_show_resolves_extends(in_tmp: Path) -> None:
    (in_tmp / "ours.yaml").write_text(
        """\
id: ours
version: 1.0.0
title: Our profile
extends: mcqa-core@^0
overrides:
  remove: ["9"]
  standards:
    "1.2": {points: 3, essential: true}
""",
        encoding="utf-8",
    )
    result = run("rubric", "show", "ours.yaml", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["based_on"] == ["mcqa-core@0.1.0"]
    assert "extends" not in data
    assert "overrides" not in data
    assert [c["id"] for c in data["categories"]] == [str(n) for n in range(1, 9)]
    standard = data["categories"][0]["standards"][1]
    assert (standard["id"], standard["points"], standard["essential"]) == ("1.2", 3, True)
    markdown = run("rubric", "show", "ours.yaml", "-f", "markdown").stdout
    assert "Based on `mcqa-core@0.1.0`." in markdown


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("no-such-rubric", "mcqa: error: unknown rubric 'no-such-rubric'"),
        ("mcqa-cor", "mcqa: error: unknown rubric 'mcqa-cor'; did you mean 'mcqa-core'?"),
        ("mcqa-core@^99", "mcqa: error: no version of mcqa-core matches '^99'; available: "),
        ("mcqa-core@^^1", "mcqa: error: '^^1' is not a version or a version range"),
        ("missing.yaml", "mcqa: error: rubric file 'missing.yaml' does not exist"),
    ],
)
def test_rubric_show_of_an_unknown_rubric(in_tmp: Path, spec: str, expected: str) -> None:
    result = run("rubric", "show", spec)
    assert result.exit_code == 2
    no_traceback(result)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected)


def test_rubric_show_of_a_broken_file_prints_its_problems(in_tmp: Path) -> None:
    (in_tmp / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = run("rubric", "show", "bad.yaml")
    assert result.exit_code == 2
    no_traceback(result)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [(f, n, c) for f, n, c, _ in located(lines)] == [
        ("bad.yaml", 5, 1),
        ("bad.yaml", 9, 5),
        ("bad.yaml", 14, 17),
    ]
    assert lines[-1] == "mcqa: error: the rubric bad.yaml has 3 problems"


# -- rubric validate ------------------------------------------------------------------------


def test_validate_a_good_file(in_tmp: Path) -> None:
    (in_tmp / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = run("rubric", "validate", "good.yaml")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "1 file checked: no problems\n"


def test_validate_the_builtin_rubric() -> None:
    result = run("rubric", "validate", str(CORE))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_validate_prints_exactly_three_located_problems(in_tmp: Path) -> None:
    (in_tmp / "bad.yaml").write_text(BAD, encoding="utf-8")
    result = run("rubric", "validate", "bad.yaml")
    assert result.exit_code == 1
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert located(lines) == [
        ("bad.yaml", 5, 1, "error"),
        ("bad.yaml", 9, 5, "error"),
        ("bad.yaml", 14, 17, "error"),
    ]
    problems = [line for line in lines if LOCATED.match(line)]
    assert "'title' appears more than once" in problems[0]
    assert problems[0].endswith("[duplicate-key]")
    assert "unknown field 'colour'" in problems[1]
    assert problems[1].endswith("[unknown-field]")
    assert "expected a whole number, found text 'many'" in problems[2]
    # The duplicate key's note points at the first 'title', right after its error.
    assert lines == [problems[0], "bad.yaml:4:1: note: first 'title'", *problems[1:]]
    assert result.stderr == "1 file checked: 3 errors, 0 warnings\n"


def test_validate_several_files_prints_every_problem_sorted(in_tmp: Path) -> None:
    (in_tmp / "good.yaml").write_text(GOOD, encoding="utf-8")
    (in_tmp / "bad.yaml").write_text(BAD, encoding="utf-8")
    (in_tmp / "zz-other.yaml").write_text(OTHER_BAD, encoding="utf-8")
    result = run("rubric", "validate", "zz-other.yaml", "good.yaml", "bad.yaml")
    assert result.exit_code == 1
    no_traceback(result)
    found = located(result.stdout.splitlines())
    assert found == [
        ("bad.yaml", 5, 1, "error"),
        ("bad.yaml", 9, 5, "error"),
        ("bad.yaml", 14, 17, "error"),
        ("zz-other.yaml", 3, 8, "error"),
    ]
    assert result.stderr == "3 files checked: 4 errors, 0 warnings\n"


def test_validate_a_folder(in_tmp: Path) -> None:
    folder = in_tmp / "rubrics"
    (folder / "nested").mkdir(parents=True)
    (folder / "good.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "nested" / "bad.yml").write_text(BAD, encoding="utf-8")
    (folder / "README.txt").write_text("not a rubric", encoding="utf-8")
    result = run("rubric", "validate", "rubrics")
    assert result.exit_code == 1
    files = {f for f, *_ in located(result.stdout.splitlines())}
    assert files == {str(Path("rubrics") / "nested" / "bad.yml")}
    assert result.stderr.startswith("2 files checked: 3 errors")


def test_validate_an_empty_folder_could_not_run(in_tmp: Path) -> None:
    (in_tmp / "empty").mkdir()
    result = run("rubric", "validate", "empty")
    assert result.exit_code == 2
    no_traceback(result)
    assert result.stderr.startswith("mcqa: error: no rubric files")


def test_validate_warnings_do_not_fail(in_tmp: Path) -> None:
    text = GOOD.replace(
        "        points: 2\n", "        points: 2\n        check:\n          schema: {}\n"
    )
    (in_tmp / "warn.yaml").write_text(text, encoding="utf-8")
    result = run("rubric", "validate", "warn.yaml")
    assert result.exit_code == 0
    assert [s for *_, s in located(result.stdout.splitlines())] == ["warning"]
    assert result.stderr == "1 file checked: 0 errors, 1 warning\n"


def test_validate_reports_extends_problems(in_tmp: Path) -> None:
    (in_tmp / "child.yaml").write_text(
        "id: child\nversion: 1.0.0\ntitle: Child\nextends: ../elsewhere/base.yaml\n",
        encoding="utf-8",
    )
    result = run("rubric", "validate", "child.yaml")
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("child.yaml:4:10: error: 'extends' may not leave this rubric's folder")
    assert line.endswith("[rubric-extends]")


def test_validate_a_base_and_its_child_reports_each_problem_once(in_tmp: Path) -> None:
    (in_tmp / "base.yaml").write_text(
        GOOD.replace("        points: 2\n", "        points: 2\n        mode: automated\n"),
        encoding="utf-8",
    )
    (in_tmp / "child.yaml").write_text(
        "id: child\nversion: 1.0.0\ntitle: Child\nextends: base.yaml\n", encoding="utf-8"
    )
    result = run("rubric", "validate", "base.yaml", "child.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(set(lines)), "the same problem is printed twice:\n" + result.stdout
    assert located(lines) == [("base.yaml", 22, 15, "error")]


def test_validate_without_a_file_is_a_usage_error() -> None:
    result = run("rubric", "validate")
    assert result.exit_code == 2
    no_traceback(result)
    assert "Missing argument" in result.stderr


def test_validate_a_missing_file_is_a_usage_error(in_tmp: Path) -> None:
    (in_tmp / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = run("rubric", "validate", "good.yaml", "absent.yaml")
    assert result.exit_code == 2
    no_traceback(result)
    assert result.stdout == ""
    assert "absent.yaml" in result.stderr
    assert "does not exist" in result.stderr


# -- hostile input --------------------------------------------------------------------------


def _timed(*args: str) -> tuple[Result, float]:
    run("rubric", "validate", str(CORE))  # warm up: imports and caches are not the test
    start = time.perf_counter()
    result = run(*args)
    return result, time.perf_counter() - start


@pytest.mark.parametrize("command", ["validate", "show"])
@pytest.mark.parametrize(("levels", "width"), [(10, 10), (30, 2)])
def test_billion_laughs_ends_quickly(in_tmp: Path, command: str, levels: int, width: int) -> None:
    (in_tmp / "laughs.yaml").write_text(billion_laughs(levels, width), encoding="utf-8")
    result, seconds = _timed("rubric", command, "laughs.yaml")
    assert seconds < 1.0, f"took {seconds:.2f} s"
    assert result.exit_code in (1, 2)
    no_traceback(result)
    assert "laughs.yaml:1:1: error: expanding the aliases" in result.output
    assert "[limit-size]" in result.output


@pytest.mark.parametrize("depth", [200, 5000])
def test_deep_nesting_ends_quickly(in_tmp: Path, depth: int) -> None:
    (in_tmp / "deep.yaml").write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    result, seconds = _timed("rubric", "validate", "deep.yaml")
    assert seconds < 1.0
    assert result.exit_code == 1
    no_traceback(result)
    ((file, line, _, severity),) = located(result.stdout.splitlines())
    assert (file, line, severity) == ("deep.yaml", 1, "error")
    if depth == 200:
        assert "values are nested more than 64 levels deep [limit-depth]" in result.stdout


def test_python_tags_are_refused(in_tmp: Path) -> None:
    marker = in_tmp / "pwned"
    text = GOOD.replace(
        "title: Demo rubric",
        f"title: !!python/object/apply:os.system ['touch {marker}']",
    )
    (in_tmp / "evil.yaml").write_text(text, encoding="utf-8")
    for command in ("validate", "show"):
        result = run("rubric", command, "evil.yaml")
        assert result.exit_code in (1, 2)
        no_traceback(result)
        assert "[yaml-tag]" in result.output
    assert not marker.exists()


# -- inputs are never modified ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("rubric", "validate", "{good}"),
        ("rubric", "validate", "{bad}"),
        ("rubric", "validate", "{good}", "{bad}", "{child}"),
        ("rubric", "show", "{good}"),
        ("rubric", "show", "{good}", "-f", "json"),
        ("rubric", "show", "{good}", "-f", "markdown"),
        ("rubric", "show", "{child}", "-f", "yaml"),
        ("rubric", "show", "{bad}"),
    ],
)
def test_commands_do_not_modify_their_inputs(in_tmp: Path, args: tuple[str, ...]) -> None:
    files = {
        "good": in_tmp / "good.yaml",
        "bad": in_tmp / "bad.yaml",
        "child": in_tmp / "child.yaml",
    }
    files["good"].write_text(GOOD, encoding="utf-8")
    files["bad"].write_text(BAD, encoding="utf-8")
    # CRLF line ends, a BOM and a comment: things a rewrite would lose.
    files["child"].write_bytes(
        b"\xef\xbb\xbf# ours\r\nid: child\r\nversion: 1.0.0\r\ntitle: Child\r\n"
        b"extends: good.yaml\r\n"
    )
    before = {name: (p.read_bytes(), p.stat().st_mtime_ns) for name, p in files.items()}
    listing = sorted(p.name for p in in_tmp.iterdir())
    result = run(*(a.format(**{k: str(v) for k, v in files.items()}) for a in args))
    assert result.exit_code in (0, 1, 2)
    no_traceback(result)
    after = {name: (p.read_bytes(), p.stat().st_mtime_ns) for name, p in files.items()}
    assert after == before
    assert sorted(p.name for p in in_tmp.iterdir()) == listing


# -- schema export --------------------------------------------------------------------------

SCHEMA_FILES = sorted(schema_filename(name) for name in SCHEMA_MODELS)


def test_schema_export_writes_the_six_schemas(tmp_path: Path) -> None:
    target = tmp_path / "out" / "schemas"
    result = run("schema", "export", str(target))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in target.iterdir())
    assert written == SCHEMA_FILES
    assert len(written) == 6  # config, descriptor, program, report, review, rubric
    assert result.stdout.splitlines() == [str(target / name) for name in SCHEMA_FILES]
    for name in written:
        json.loads((target / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_exported_schema_is_identical_to_the_committed_one(tmp_path: Path, name: str) -> None:
    assert run("schema", "export", str(tmp_path)).exit_code == 0
    assert (tmp_path / name).read_bytes() == (SCHEMAS / name).read_bytes(), (
        f"schemas/{name} differs from what 'mcqa schema export' writes"
    )


def test_schema_export_check_passes_on_the_committed_schemas() -> None:
    before = {p.name: p.read_bytes() for p in SCHEMAS.iterdir()}
    result = run("schema", "export", "--check", str(SCHEMAS))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in SCHEMAS.iterdir()} == before


def test_schema_export_check_passes_on_a_fresh_export(tmp_path: Path) -> None:
    assert run("schema", "export", str(tmp_path)).exit_code == 0
    result = run("schema", "export", "--check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_schema_export_check_fails_on_an_altered_file(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, folder)
    # Start from what mcqa writes, so only the altered file can differ.
    assert run("schema", "export", str(folder)).exit_code == 0
    altered = folder / "review.schema.json"
    data = json.loads(altered.read_text(encoding="utf-8"))
    data["title"] = "Changed by hand"
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    altered.write_text(text, encoding="utf-8")
    result = run("schema", "export", "--check", str(folder))
    assert result.exit_code == 1
    no_traceback(result)
    assert result.stdout.splitlines() == [
        f"{altered}: error: differs from the models; run 'mcqa schema export'"
    ]
    assert altered.read_text(encoding="utf-8") == text  # --check writes nothing


def test_schema_export_check_fails_on_a_missing_file(tmp_path: Path) -> None:
    assert run("schema", "export", str(tmp_path)).exit_code == 0
    (tmp_path / "config.schema.json").unlink()
    result = run("schema", "export", "--check", str(tmp_path))
    assert result.exit_code == 1
    assert "config.schema.json: error: differs" in result.stdout
    assert not (tmp_path / "config.schema.json").exists()


def test_schema_export_check_on_a_missing_folder_writes_nothing(tmp_path: Path) -> None:
    result = run("schema", "export", "--check", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == len(SCHEMA_FILES)
    assert not (tmp_path / "nowhere").exists()


# -- the installed command and python -m ----------------------------------------------------


def _subprocess(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MCQA_DEBUG"}
    return subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=60, check=False, env=env
    )


def _console_script() -> Path:
    script = Path(sys.executable).with_name("mcqa")
    if not script.exists():
        pytest.skip(f"no console script beside {sys.executable}")
    return script


def test_console_script_version(tmp_path: Path) -> None:
    done = _subprocess([str(_console_script()), "--version"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"mcqa {__version__}\n"


def test_console_script_reports_errors_without_a_traceback(tmp_path: Path) -> None:
    done = _subprocess([str(_console_script()), "rubric", "show", "no-such-rubric"], tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("mcqa: error: unknown rubric 'no-such-rubric'")


def test_python_m_mcqa(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    done = _subprocess([sys.executable, "-m", "mcqa", "rubric", "validate", "bad.yaml"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert [(f, n, c) for f, n, c, _ in located(done.stdout.splitlines())] == [
        ("bad.yaml", 5, 1),
        ("bad.yaml", 9, 5),
        ("bad.yaml", 14, 17),
    ]
    shown = _subprocess(
        [sys.executable, "-m", "mcqa", "rubric", "show", "mcqa-core@^0", "-f", "json"], tmp_path
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["version"] == "0.1.0"
