"""Where mcqa's bundled data (rubrics and schemas) lives.

In a built wheel the top-level ``rubrics/`` and ``schemas/`` folders are
packaged as ``mcqa/_data/``; in a source checkout they are read from the
repository itself, so an editable install needs no copy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["DataMissingError", "data_root", "rubrics_dir", "schemas_dir"]


class DataMissingError(RuntimeError):
    """mcqa's bundled data cannot be found: the installation is broken."""


@cache
def data_root() -> Path:
    """The folder that holds ``rubrics/`` and ``schemas/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent.parent):
        if (candidate / "rubrics").is_dir() and (candidate / "schemas").is_dir():
            return candidate
    raise DataMissingError(
        f"mcqa's bundled rubrics and schemas are missing (looked in {here / '_data'}); "
        "reinstall mcqa"
    )


def rubrics_dir() -> Path:
    """The bundled rubrics: ``<id>/<version>.yaml``."""
    return data_root() / "rubrics"


def schemas_dir() -> Path:
    """The published JSON Schemas: ``<name>.schema.json``."""
    return data_root() / "schemas"
