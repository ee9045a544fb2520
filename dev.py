#!/usr/bin/env python3
"""Developer tasks for mcqa, with nothing needed but Python 3.10 or newer.

    python3 dev.py demo      set up .venv, then check the bundled example catalog
    python3 dev.py test      set up .venv with the test tools, then run every test
    python3 dev.py lint      ruff check, ruff format --check, mypy --strict src

Each task creates ``.venv`` on first use and reinstalls mcqa into it only when
``pyproject.toml`` changed. Extra arguments go to the tool (``dev.py test -k loader``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def say(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def run(*command: str | Path) -> int:
    return subprocess.call([str(part) for part in command], cwd=ROOT)


def ensure_venv(extras: str) -> None:
    """Create .venv and install mcqa (editable) with ``extras``, if not done already."""
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py itself may run on an older Python
        sys.exit(f"dev.py: mcqa needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    stamp_text = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest() + extras
    stamp = VENV / f".mcqa-installed-{extras or 'base'}"
    if PYTHON.exists() and stamp.exists() and stamp.read_text() == stamp_text:
        return
    if not PYTHON.exists():
        say(f"creating {VENV.name} with Python {sys.version.split()[0]}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    target = f".[{extras}]" if extras else "."
    say(f"installing mcqa{f'[{extras}]' if extras else ''} into {VENV.name}")
    code = run(PYTHON, "-m", "pip", "install", "--quiet", "--editable", target)
    if code != 0:
        sys.exit(f"dev.py: installing mcqa failed (pip exit code {code})")
    stamp.write_text(stamp_text)


def demo(args: list[str]) -> int:
    ensure_venv("")
    mcqa = BIN / "mcqa"
    say("checking the example catalog (examples/catalog) against the MCQA standard:")
    code = run(mcqa, "check", "examples/catalog", "--config", "examples/.mcqa.yaml", *args)
    if code == 1:
        say(
            "mcqa exited 1 because some example descriptors are not conformant, on purpose: "
            "each shows a different problem. Try -f json, or --verbose."
        )
        return 0
    return code


def test(args: list[str]) -> int:
    ensure_venv("test")
    return run(PYTHON, "-m", "pytest", *args)


def lint(args: list[str]) -> int:
    ensure_venv("test,dev")
    codes = [
        run(BIN / "ruff", "check", "src", "tests", "dev.py"),
        run(BIN / "ruff", "format", "--check", "src", "tests", "dev.py"),
        run(BIN / "mypy", "--strict", "src"),
    ]
    return max(codes)


TASKS = {"demo": demo, "test": test, "lint": lint}


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
