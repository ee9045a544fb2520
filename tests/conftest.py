"""Shared test helpers.

Tests that need the public corpus or the official external schemas read them
from ``../shared`` beside the repository (CI has it there). A clone without
it skips those tests with a clear reason; every other test still runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def shared_dir() -> Path:
    """``../shared``; the test is skipped when the folder is not beside the clone."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED} (not present in this clone)")
    return SHARED


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a text file under ``tmp_path`` and return its path: ``write("a.yaml", text)``."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
