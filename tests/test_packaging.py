"""The built wheel ships rubrics and schemas, and works outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (test extra)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("mcqa*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_data_and_type_marker(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mcqa/py.typed" in names
    assert "mcqa/_data/rubrics/mcqa-core/0.1.0.yaml" in names
    for schema in ("config", "descriptor", "program", "report", "review", "rubric"):
        assert f"mcqa/_data/schemas/{schema}.schema.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "mcqa = mcqa.cli:main" in text


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    """A fresh environment gets only the wheel; dependencies come from this one."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # Dependencies (pydantic, jsonschema, ...) from the test environment, without
    # its editable mcqa: a plain path entry does not run that folder's .pth files.
    site = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    where = subprocess.run(
        [str(python), "-c", "import mcqa; print(mcqa.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(env_dir) in where and str(ROOT / "src") not in where

    listed = subprocess.run(
        [str(bin_dir / "mcqa"), "rubric", "list"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0, listed.stderr
    assert any(line.startswith("mcqa-core ") for line in listed.stdout.splitlines())

    shown = subprocess.run(
        [str(python), "-m", "mcqa", "rubric", "show", "mcqa-core@^0", "--format", "json"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr
    assert '"id": "mcqa-core"' in shown.stdout
