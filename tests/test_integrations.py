"""The CI integrations: the pre-commit hook, the GitHub Action, the example CI files.

Nothing here needs the network or pre-commit itself: the hook is run the way
pre-commit runs it (its ``entry`` and ``args``, the files its filters select,
in batches), and the action's scripts are run with bash under the environment
GitHub Actions gives them.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from mcqa._project import DOCS_URL, HOMEPAGE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
ACTION = ROOT / "action.yml"
CI = ROOT / "examples" / "ci"
CATALOG = ROOT / "examples" / "catalog"

#: File tags pre-commit (its ``identify`` library) gives by extension, for the tags the hook uses.
TAGS = {
    ".yaml": {"text", "yaml"},
    ".yml": {"text", "yaml"},
    ".json": {"text", "json"},
    ".md": {"text", "markdown"},
    ".markdown": {"text", "markdown"},
    ".py": {"text", "python"},
    ".toml": {"text", "toml"},
    ".txt": {"text", "plain-text"},
    ".xml": {"text", "xml"},
}


def present(path: Path) -> Path:
    """``path``; outside a git checkout (a source distribution), skip the test without it."""
    if not path.exists() and not (ROOT / ".git").exists():
        pytest.skip(f"{path.relative_to(ROOT)} is not in this source distribution")
    return path


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(present(path).read_text(encoding="utf-8"))


def the_hook() -> dict[str, Any]:
    hooks = load_yaml(HOOKS)
    assert isinstance(hooks, list)
    [hook] = [h for h in hooks if h["id"] == "mcqa"]
    assert isinstance(hook, dict)
    return hook


def selected(hook: dict[str, Any], files: Sequence[str]) -> list[str]:
    """The files pre-commit passes to ``hook``: its ``files``, ``exclude`` and type filters."""
    include = re.compile(hook.get("files", ""))
    exclude = re.compile(hook.get("exclude", "^$"))
    types = set(hook.get("types", ["file"]))
    types_or = set(hook.get("types_or", []))
    chosen = []
    for name in files:
        tags = {"file", *TAGS.get(Path(name).suffix.lower(), set())}
        if not include.search(name) or exclude.search(name):
            continue
        if not types <= tags or (types_or and not types_or & tags):
            continue
        chosen.append(name)
    return sorted(chosen)


def repository_files() -> list[str]:
    """The repository's files (tracked, or new and not ignored), as pre-commit names them."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError):
        return sorted(
            path.relative_to(ROOT).as_posix()
            for path in ROOT.rglob("*")
            if path.is_file() and not any(p.startswith(".") for p in path.relative_to(ROOT).parts)
        )
    return sorted(name for name in listed.split("\0") if name and (ROOT / name).is_file())


def hook_command(hook: dict[str, Any]) -> list[str]:
    """The hook's command without the files: ``entry`` then ``args``, as pre-commit builds it."""
    entry = shlex.split(hook["entry"])
    assert entry[0] == "mcqa", "the hook runs the mcqa command its package installs"
    return [sys.executable, "-m", "mcqa", *entry[1:], *hook.get("args", [])]


def batches(files: Sequence[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(files), size):
        yield list(files[start : start + size])


def run(command: Sequence[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "MCQA", "FORCE_COLOR", "RUNNER_"))
    }
    environment.update(env)
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@functools.cache
def check_help() -> str:
    return run([sys.executable, "-m", "mcqa", "check", "--help"], ROOT).stdout


def needs_option(option: str) -> None:
    """Skip the test when this ``mcqa check`` does not have ``option`` yet."""
    if option not in check_help():
        pytest.skip(f"needs mcqa check {option}")


# -- the pre-commit hook -------------------------------------------------------------------


def test_hook_definition_has_what_pre_commit_requires() -> None:
    hooks = load_yaml(HOOKS)
    assert isinstance(hooks, list) and hooks
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook), hook
        assert all(isinstance(hook[key], str) and hook[key] for key in ("id", "name", "entry"))
    hook = the_hook()
    assert hook["language"] == "python"  # installed once from the repository, then offline
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is False
    assert hook["types_or"] == ["yaml", "json", "markdown"]
    assert hook.get("description")
    assert shlex.split(hook["entry"])[:2] == ["mcqa", "check"]
    # Batches must still see the whole catalog, whatever arguments a user gives.
    assert "--catalog" in shlex.split(hook["entry"])
    assert hook["args"] == ["--fail-on", "checks"]
    for pattern in ("files", "exclude"):
        re.compile(hook[pattern])
    # types_or needs pre-commit 2.9.0 or newer.
    version = tuple(int(part) for part in hook["minimum_pre_commit_version"].split("."))
    assert version >= (2, 9, 0)


def test_hook_selects_exactly_the_example_catalog() -> None:
    catalog = sorted(path.relative_to(ROOT).as_posix() for path in CATALOG.iterdir())
    assert len(catalog) == 8
    assert selected(the_hook(), repository_files()) == catalog


def test_hook_selects_descriptors_in_a_consumers_repository() -> None:
    files = [
        ".github/workflows/ci.yml",
        ".pre-commit-config.yaml",
        ".mcqa.yaml",
        "README.md",
        "docs/index.md",
        "mkdocs.yml",
        "package.json",
        "catalog/.mcqa.yaml",
        "catalog/README.md",
        "catalog/data-101.yaml",
        "catalog/data-102.yml",
        "catalog/badges/welding.json",
        "catalog/pages/python.md",
        "catalog/notes.txt",
        "reviews/data-101-chair.yaml",
        "site/catalog/page.markdown",
    ]
    assert selected(the_hook(), files) == [
        "catalog/badges/welding.json",
        "catalog/data-101.yaml",
        "catalog/data-102.yml",
        "catalog/pages/python.md",
        "site/catalog/page.markdown",
    ]


def test_hook_runs_on_the_example_catalog_in_batches() -> None:
    """Each batch's exit code is what the whole run says of its files."""
    needs_option("--catalog")
    hook = the_hook()
    files = selected(hook, repository_files())
    whole = run([sys.executable, "-m", "mcqa", "check", *files, "-f", "json", "--jobs", "1"], ROOT)
    assert whole.returncode in (0, 1), whole.stderr
    failing = {
        result["path"]
        for result in json.loads(whole.stdout)["results"]
        if result["decision"] == "error" or result["checks_passed"] is False
    }
    assert "examples/catalog/broken-entry.yaml" in failing
    assert "examples/catalog/data-analytics-foundations.yaml" not in failing
    codes = []
    for batch in batches(files, 2):
        done = run([*hook_command(hook), *batch], ROOT)
        expected = 1 if failing & set(batch) else 0
        assert done.returncode == expected, (batch, done.stdout, done.stderr)
        for name in batch:
            assert name in done.stdout
        codes.append(done.returncode)
    assert set(codes) == {0, 1}  # some batches pass, some do not


def _catalog_with_a_shared_id(root: Path) -> list[str]:
    """Three descriptors under ``root/catalog``; the first and the last share an id."""
    catalog = root / "catalog"
    catalog.mkdir()
    shutil.copy(CATALOG / "data-analytics-foundations.yaml", catalog / "a-analytics.yaml")
    shutil.copy(CATALOG / "cloud-security-essentials.json", catalog / "b-cloud.json")
    text = (CATALOG / "data-analytics-foundations.yaml").read_text(encoding="utf-8")
    copy = text.replace("title: Data Analytics Foundations", "title: Data Analytics Basics", 1)
    assert copy != text
    (catalog / "c-analytics-again.yaml").write_text(copy, encoding="utf-8")
    (root / "README.md").write_text("# Our catalog\n", encoding="utf-8")
    files = [path.relative_to(root).as_posix() for path in sorted(root.rglob("*"))]
    return selected(the_hook(), files)


def test_hook_finds_a_duplicate_id_across_batches(tmp_path: Path) -> None:
    needs_option("--catalog")
    hook = the_hook()
    files = _catalog_with_a_shared_id(tmp_path)
    assert files == [
        "catalog/a-analytics.yaml",
        "catalog/b-cloud.json",
        "catalog/c-analytics-again.yaml",
    ]
    outputs = []
    for batch in batches(files, 2):
        done = run([*hook_command(hook), *batch], tmp_path)
        assert done.returncode in (0, 1), (batch, done.stdout, done.stderr)
        outputs.append(done.stdout)
    # The two descriptors with one id are in different batches; one batch names both.
    reported = [out for out in outputs if "duplicate-id" in out]
    assert reported, outputs
    assert any("a-analytics.yaml" in out and "c-analytics-again.yaml" in out for out in reported)


def test_without_the_catalog_a_batch_sees_only_its_own_files(tmp_path: Path) -> None:
    """What ``--catalog`` is for: each batch alone misses the shared id."""
    hook = the_hook()
    files = _catalog_with_a_shared_id(tmp_path)
    command = [part for part in hook_command(hook) if part not in ("--catalog", ".")]
    for batch in batches(files, 2):
        done = run([*command, *batch], tmp_path)
        assert done.returncode in (0, 1), (batch, done.stdout, done.stderr)
        assert "duplicate-id" not in done.stdout
    together = run([*command, *files], tmp_path)
    assert "duplicate-id" in together.stdout


# -- the GitHub Action ---------------------------------------------------------------------


def _walk(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string of a YAML document, with the keys that lead to it."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, str(index)))
    elif isinstance(node, str):
        yield path, node


_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


def test_action_is_a_composite_action_with_documented_inputs() -> None:
    action = load_yaml(ACTION)
    assert action["name"] and action["description"]
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert {"paths", "rubric", "fail-on", "install", "sarif-file", "args"} <= set(inputs)
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert "default" in spec, name
    used = {
        match.group(1)
        for _, text in _walk(action["runs"])
        for expression in _EXPRESSION.findall(text)
        for match in re.finditer(r"\binputs\.([\w-]+)", expression)
    }
    assert used == set(inputs), "every input is used, and only declared inputs are"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash", step.get("name")


def test_action_inputs_never_reach_a_script() -> None:
    """Script injection: ``${{ inputs.x }}`` only as a value under ``env:`` or ``with:``."""
    action = load_yaml(ACTION)
    seen = 0
    for path, text in _walk(action):
        for expression in _EXPRESSION.findall(text):
            if "inputs." in expression:
                seen += 1
                assert len(path) >= 2 and path[-2] in ("env", "with"), path
                assert text.strip() == "${{" + expression + "}}", path  # the whole value
    assert seen >= 6
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
    # Nor is any expression written into a script by another route.
    assert "github.action_path }}" not in present(ACTION).read_text(encoding="utf-8")


def test_action_runs_mcqa_check_with_annotations_and_sarif() -> None:
    steps = load_yaml(ACTION)["runs"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses == ["actions/setup-python", "github/codeql-action/upload-sarif"]
    [install] = [step for step in steps if step.get("id") == "install"]
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # by default, the action's own checkout
    assert '"$MCQA_INSTALL"' in install["run"]
    [check] = [step for step in steps if step.get("id") == "check"]
    assert re.search(r'"\$MCQA" check -f github\b', check["run"])
    assert '-f "sarif:$MCQA_SARIF"' in check["run"]
    assert 'exit "$code"' in check["run"]
    [upload] = [step for step in steps if "upload-sarif" in step.get("uses", "")]
    assert upload["if"].startswith("always() && ")
    assert "steps.check.outputs." in upload["if"]  # skipped when no report was written
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.upload }}"


def _action_script(step_id: str) -> str:
    [step] = [s for s in load_yaml(ACTION)["runs"]["steps"] if s.get("id") == step_id]
    script = step["run"]
    assert isinstance(script, str)
    return script


def _run_check_step(tmp_path: Path, cwd: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """The action's check step, with bash, as GitHub Actions runs it."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("needs bash")
    mcqa = tmp_path / "bin" / "mcqa"
    mcqa.parent.mkdir(exist_ok=True)
    mcqa.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m mcqa "$@"\n', "utf-8")
    mcqa.chmod(0o755)
    (tmp_path / "output").write_text("", encoding="utf-8")
    defaults = {
        "paths": ".",
        "rubric": "",
        "fail-on": "",
        "sarif-file": "mcqa.sarif",
        "upload-sarif": "true",
        "args": "",
    }
    values = {**defaults, **inputs}
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "MCQA": str(mcqa),
        "MCQA_PATHS": values["paths"],
        "MCQA_RUBRIC": values["rubric"],
        "MCQA_FAIL_ON": values["fail-on"],
        "MCQA_SARIF": values["sarif-file"],
        "MCQA_UPLOAD": values["upload-sarif"],
        "MCQA_ARGS": values["args"],
    }
    # GitHub runs a bash step as: bash --noprofile --norc -eo pipefail {0}
    script = tmp_path / "check.sh"
    script.write_text(_action_script("check"), encoding="utf-8")
    return run([bash, "--noprofile", "--norc", "-eo", "pipefail", script], cwd, **env)


def _outputs(tmp_path: Path) -> dict[str, str]:
    lines = (tmp_path / "output").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def test_action_check_step_writes_annotations_sarif_and_summary(tmp_path: Path) -> None:
    needs_option("FORMAT[:PATH]")
    sarif = tmp_path / "reports" / "mcqa.sarif"
    done = _run_check_step(
        tmp_path,
        ROOT,
        paths="examples/catalog/data-analytics-foundations.yaml\nexamples/catalog/broken-entry.yaml",
        **{"fail-on": "checks", "sarif-file": str(sarif), "args": "--jobs 1  --no-config"},
    )
    assert done.returncode == 1, done.stderr  # broken-entry.yaml cannot be read
    assert re.search(r"^::error file=examples/catalog/broken-entry\.yaml", done.stdout, re.M)
    assert _outputs(tmp_path) == {
        "exit-code": "1",
        "sarif-file": str(sarif),
        "upload": str(sarif),
    }
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").strip()


def test_action_check_step_without_sarif_uploads_nothing(tmp_path: Path) -> None:
    needs_option("FORMAT[:PATH]")
    done = _run_check_step(
        tmp_path,
        ROOT,
        paths="examples/catalog/data-analytics-foundations.yaml",
        **{"fail-on": "checks", "sarif-file": "", "args": "--no-config --jobs 1"},
    )
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert _outputs(tmp_path) == {"exit-code": "0"}


def test_action_check_step_takes_inputs_as_data(tmp_path: Path) -> None:
    """Inputs with shell syntax run nothing; a path cannot pass for an option."""
    work = tmp_path / "work"
    work.mkdir()
    done = _run_check_step(
        tmp_path,
        work,
        paths="$(touch pwned1) `touch pwned2` ; touch pwned3 && --output=pwned4 *",
        rubric="x; touch pwned5",
        args="$(touch pwned6)",
        **{"sarif-file": "report$(touch pwned7).sarif"},
    )
    assert done.returncode == 2, (done.stdout, done.stderr)  # mcqa could not run
    assert _outputs(tmp_path)["exit-code"] == "2"
    assert [path.name for path in work.iterdir() if path.name.startswith("pwned")] == []


# -- the example CI configurations ---------------------------------------------------------


def test_example_ci_files_parse() -> None:
    names = [*sorted(path.name for path in CI.glob("*.yml")), "pre-commit-config.yaml"]
    assert names == [
        "github-workflow-plain.yml",
        "github-workflow.yml",
        "gitlab-ci.yml",
        "pre-commit-config.yaml",
    ]
    for name in names:
        assert isinstance(load_yaml(CI / name), dict), name


def _gitlab_job() -> tuple[dict[str, Any], list[str]]:
    config = load_yaml(CI / "gitlab-ci.yml")
    [job] = [v for v in config.values() if isinstance(v, dict) and "script" in v]
    [command] = [line for line in job["script"] if line.lstrip().startswith("mcqa check")]
    return job, shlex.split(command)


def _format_paths(argv: Sequence[str]) -> dict[str, str]:
    return {
        value.partition(":")[0]: value.partition(":")[2]
        for option, value in itertools.pairwise(argv)
        if option in ("-f", "--format") and ":" in value
    }


def test_gitlab_job_declares_the_reports_it_writes() -> None:
    job, argv = _gitlab_job()
    reports = job["artifacts"]["reports"]
    written = _format_paths(argv)
    assert written == {
        "gitlab": reports["codequality"],
        "junit": reports["junit"],
    }
    assert reports["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"  # kept when the job fails
    assert "text" in argv  # the log
    assert any("mcqa-standard" in line for line in job["script"])


def test_gitlab_job_command_writes_valid_reports(tmp_path: Path) -> None:
    needs_option("FORMAT[:PATH]")
    job, argv = _gitlab_job()
    shutil.copytree(CATALOG, tmp_path / "catalog")
    shutil.copytree(ROOT / "examples" / "reviews", tmp_path / "reviews")
    done = run([sys.executable, "-m", "mcqa", *argv[1:], "--no-config", "--jobs", "1"], tmp_path)
    assert done.returncode == 1, done.stderr  # the examples include failures, on purpose
    assert "NOT CONFORMANT" in done.stdout  # the text report, in the job's log
    reports = job["artifacts"]["reports"]
    issues = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues and all(issue["location"]["path"].startswith("catalog/") for issue in issues)
    suites = ElementTree.parse(tmp_path / reports["junit"]).getroot()
    assert suites.tag == "testsuites" and len(suites) == 8


def test_github_workflows() -> None:
    with_action = load_yaml(CI / "github-workflow.yml")
    [job] = with_action["jobs"].values()
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert any(re.fullmatch(r"mcqa-project/mcqa@v\d+\.\d+\.\d+", u) for u in uses), uses
    assert f"https://github.com/{uses[-1].split('@')[0]}" == HOMEPAGE
    for workflow in (with_action, load_yaml(CI / "github-workflow-plain.yml")):
        assert workflow["permissions"]["security-events"] == "write"

    plain = load_yaml(CI / "github-workflow-plain.yml")
    [job] = plain["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert any("pip install" in r and "mcqa-standard" in r for r in runs)
    [command] = [shlex.split(r) for r in runs if r.startswith("mcqa check")]
    assert "github" in command
    sarif = _format_paths(command)["sarif"]
    [upload] = [step for step in job["steps"] if "upload-sarif" in step.get("uses", "")]
    assert upload["with"]["sarif_file"] == sarif
    assert upload["if"].startswith("always()")


def test_pre_commit_example_uses_the_hook() -> None:
    config = load_yaml(CI / "pre-commit-config.yaml")
    [repo] = config["repos"]
    assert repo["repo"] == HOMEPAGE
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])
    assert [hook["id"] for hook in repo["hooks"]] == [the_hook()["id"]]


# -- the package's name --------------------------------------------------------------------

_WRONG_INSTALL = re.compile(
    r"\b(?:pip3?|pipx|uv pip|uv tool|uv|poetry)\s+(?:install|add)\s+(?:-{1,2}\S+\s+)*"
    r"[\"']?mcqa(?![-\w])"
)


def _documents() -> Iterator[Path]:
    yield ROOT / "README.md"
    yield ROOT / "benchmarks" / "README.md"
    yield ACTION
    yield HOOKS
    yield from sorted((ROOT / "docs").rglob("*.md"))
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".yml", ".yaml", ".json", ".txt", ".toml"):
            yield path


def test_wrong_install_pattern() -> None:
    for wrong in (
        "pip install mcqa",
        "pip install 'mcqa[dask]'",
        "pipx install mcqa",
        "uv add mcqa",
    ):
        assert _WRONG_INSTALL.search(wrong), wrong
    for right in (
        "pip install mcqa-standard",
        "pip install 'mcqa-standard[dask]'",
        "pip install .",
    ):
        assert not _WRONG_INSTALL.search(right), right


def test_no_instruction_installs_the_wrong_package() -> None:
    """``mcqa`` on PyPI is another project: every instruction names mcqa-standard."""
    wrong = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _documents()
        if path.exists() or (ROOT / ".git").exists()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _WRONG_INSTALL.search(line)
    ]
    assert wrong == []
    assert "pip install mcqa-standard" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_distribution_is_mcqa_standard_with_project_urls() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "mcqa-standard"
    assert project["scripts"] == {"mcqa": "mcqa.cli:main"}  # the command keeps its name
    urls = project["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    assert urls["Homepage"] == urls["Source"] == HOMEPAGE
    assert urls["Documentation"] == DOCS_URL
    assert all(url.startswith(HOMEPAGE + "/") for key, url in urls.items() if url != HOMEPAGE)


def test_nothing_looks_the_package_up_by_the_old_name() -> None:
    by_name = re.compile(r"""(?:version|metadata|distribution|files|requires)\(\s*["']mcqa["']""")
    sources = sorted((ROOT / "src" / "mcqa").rglob("*.py"))
    assert sources
    assert [p.name for p in sources if by_name.search(p.read_text(encoding="utf-8"))] == []
