"""mcqa: an open, versioned quality standard for microcredentials, and the engine
that checks catalogs against it.

The public API is what this module exports; everything else may change.
Nothing here prints or exits: problems in users' files are returned as
:class:`Finding` values, and :class:`RubricError` is raised only when a
rubric cannot be had at all.

>>> import mcqa
>>> rubric = mcqa.load_rubric("mcqa-core@^0")
>>> rubric.ref
'mcqa-core@0.1.0'
>>> doc = mcqa.load_text("id: d1\\ntitle: Data literacy\\ntitle: twice\\n", path="d.yaml")
>>> [(f.rule, f.line) for f in doc.findings]
[('duplicate-key', 3)]
"""

from __future__ import annotations

from pathlib import Path

from mcqa._version import __version__
from mcqa.catalog import check_catalog, check_folder, discover, plan_catalog
from mcqa.config import ConfigError, LoadedConfig, load_config
from mcqa.diff import RubricDiff, diff_rubrics
from mcqa.evaluate import build_report, evaluate, evaluate_document
from mcqa.load import Document, LoadLimits, Position, SourceMap, load_bytes, load_path, load_text
from mcqa.models import (
    Config,
    Descriptor,
    DescriptorResult,
    Finding,
    Report,
    Review,
    Rubric,
    Standard,
    StandardResult,
)
from mcqa.review import ReviewSet, load_reviews, render_form, reviews_for, validate_review
from mcqa.rubrics import RubricError, RubricRegistry, RubricSource, default_registry
from mcqa.schema import export_schemas, generate_schema
from mcqa.status import ReviewStatus, render_status_text, review_status
from mcqa.validate import read_descriptor, validate_document, validate_model

__all__ = [
    "Config",
    "ConfigError",
    "Descriptor",
    "DescriptorResult",
    "Document",
    "Finding",
    "LoadLimits",
    "LoadedConfig",
    "Position",
    "Report",
    "Review",
    "ReviewSet",
    "ReviewStatus",
    "Rubric",
    "RubricDiff",
    "RubricError",
    "RubricRegistry",
    "RubricSource",
    "SourceMap",
    "Standard",
    "StandardResult",
    "__version__",
    "build_report",
    "check_catalog",
    "check_folder",
    "diff_rubrics",
    "discover",
    "evaluate",
    "evaluate_document",
    "export_schemas",
    "generate_schema",
    "load_bytes",
    "load_config",
    "load_path",
    "load_reviews",
    "load_rubric",
    "load_text",
    "plan_catalog",
    "read_descriptor",
    "render_form",
    "render_status_text",
    "review_status",
    "reviews_for",
    "validate_document",
    "validate_model",
    "validate_review",
]


def load_rubric(spec: str | Path) -> Rubric:
    """A resolved rubric by ``id``, ``id@range`` or file path, from the default registry.

    Raises :class:`RubricError` (with located ``findings``) if it cannot be loaded.
    """
    return default_registry().load(spec)
