"""``mcqa check`` runs that fit CI: ``--baseline``, ``--changed-since`` and ``--catalog``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.test_check_cli import invoke

ROOT = Path(__file__).resolve().parents[1]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Catalog Team",
    "GIT_AUTHOR_EMAIL": "catalog@example.edu",
    "GIT_COMMITTER_NAME": "Catalog Team",
    "GIT_COMMITTER_EMAIL": "catalog@example.edu",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the examples, as a catalog repository of its own (the current folder)."""
    folder = tmp_path / "project"
    shutil.copytree(ROOT / "examples", folder)
    monkeypatch.chdir(folder)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return folder


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=folder,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


CHECK = ["check", "catalog", "--today", "2026-12-01"]


# -- --baseline -----------------------------------------------------------------------


def test_a_baseline_of_the_same_run_fails_on_nothing(project: Path) -> None:
    first = invoke([*CHECK, "-f", "json", "-o", "base.json"])
    assert first.exit_code == 1  # the catalog has failures of its own
    again = invoke([*CHECK, "--baseline", "base.json", "-q"])
    assert again.exit_code == 0, again.stderr
    assert "0 new findings" in again.stderr and "0 fixed" in again.stderr


def test_a_new_error_fails_and_is_listed_but_old_ones_do_not(project: Path) -> None:
    invoke([*CHECK, "-f", "json", "-o", "base.json"])
    target = project / "catalog" / "data-analytics-foundations.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("\ntitle:", "\ntitle: TBD\nold_title:", 1), encoding="utf-8")
    result = invoke([*CHECK, "--baseline", "base.json", "-f", "json", "-o", os.devnull])
    assert result.exit_code == 1
    assert "new: catalog/data-analytics-foundations.yaml:" in result.stderr
    assert "'TBD'" in result.stderr
    assert "catalog/welding-safety-practice.yaml" not in result.stderr  # unchanged


def test_moving_lines_keeps_findings_unchanged(project: Path) -> None:
    invoke([*CHECK, "-f", "json", "-o", "base.json"])
    target = project / "catalog" / "welding-safety-practice.yaml"
    target.write_text("# a comment\n\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke([*CHECK, "--baseline", "base.json", "-q"])
    assert result.exit_code == 0, result.stderr
    assert "0 new findings" in result.stderr


def test_fixing_a_finding_is_counted_as_fixed(project: Path) -> None:
    invoke([*CHECK, "-f", "json", "-o", "base.json"])
    (project / "catalog" / "broken-entry.yaml").unlink()
    result = invoke([*CHECK, "--baseline", "base.json", "-q"])
    assert result.exit_code == 0
    assert "1 fixed" in result.stderr and "1 removed" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "base.json"),
        ('{"format_version": 1, "results": []}', "base.json"),
    ],
)
def test_an_unusable_baseline_is_exit_2(project: Path, content: str, message: str) -> None:
    (project / "base.json").write_text(content, encoding="utf-8")
    result = invoke([*CHECK, "--baseline", "base.json"])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_baseline_of_another_rubric_is_refused(project: Path) -> None:
    invoke([*CHECK, "-f", "json", "-o", "base.json", "--rubric", "eu-microcredential"])
    result = invoke([*CHECK, "--baseline", "base.json"])
    assert result.exit_code == 2
    assert "eu-microcredential" in result.stderr


# -- --changed-since -----------------------------------------------------------------------


@pytest.fixture
def repository(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "catalog")
    return project


def checked(result_stdout: str) -> set[str]:
    return {
        line.split(":")[0]
        for line in result_stdout.splitlines()
        if line.startswith("catalog/") and not line.startswith(" ")
    }


def test_only_changed_descriptors_are_checked(repository: Path) -> None:
    target = repository / "catalog" / "intro-python-programming.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = invoke([*CHECK, "--changed-since", "HEAD"])
    assert checked(result.stdout) == {"catalog/intro-python-programming.yaml"}
    assert result.exit_code == 1  # it is not conformant


def test_nothing_changed_is_exit_0_with_a_note(repository: Path) -> None:
    result = invoke([*CHECK, "--changed-since", "HEAD"])
    assert result.exit_code == 0
    assert "no descriptor changed since HEAD" in result.stderr


def test_a_changed_review_form_brings_its_descriptor(repository: Path) -> None:
    forms = sorted((repository / "reviews").rglob("*.yaml"))
    form = forms[0]
    named = yaml.safe_load(form.read_text(encoding="utf-8"))["descriptor"]["path"]
    form.write_text(form.read_text(encoding="utf-8") + "\n# re-read\n", encoding="utf-8")
    result = invoke([*CHECK, "--changed-since", "HEAD"])
    assert Path(named).name in {Path(p).name for p in checked(result.stdout)}


@pytest.mark.parametrize("rev", ["no-such-revision", "--output=/tmp/x"])
def test_a_bad_revision_is_exit_2(repository: Path, rev: str) -> None:
    result = invoke([*CHECK, f"--changed-since={rev}"])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert not Path("/tmp/x").exists() or rev != "--output=/tmp/x"


# -- --catalog -----------------------------------------------------------------------------


def test_a_duplicate_id_is_found_across_batches(project: Path) -> None:
    catalog = project / "catalog"
    source = catalog / "data-analytics-foundations.yaml"
    copy = catalog / "zz-copy.yaml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    # pre-commit passes files in batches: each batch names one of the two
    for batch in (source, copy):
        alone = invoke(["check", str(batch.relative_to(project)), "--today", "2026-12-01"])
        assert "duplicate-id" not in alone.stdout
        whole = invoke(
            [
                "check",
                str(batch.relative_to(project)),
                "--catalog",
                "catalog",
                "--today",
                "2026-12-01",
            ]
        )
        assert "duplicate-id" in whole.stdout, whole.stdout
        other = copy if batch == source else source
        assert other.name in whole.stdout
