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

import sys
import types
from typing import TYPE_CHECKING, Any

from mcqa._lazy import lazy_exports
from mcqa._version import __version__

if TYPE_CHECKING:  # the real imports, for type checkers; at run time see __getattr__
    from pathlib import Path

    from mcqa.catalog import check_catalog, check_folder, discover, plan_catalog
    from mcqa.config import ConfigError, LoadedConfig, load_config
    from mcqa.diff import RubricDiff, diff_rubrics
    from mcqa.evaluate import build_report, evaluate, evaluate_document
    from mcqa.load import (
        Document,
        LoadLimits,
        Position,
        SourceMap,
        load_bytes,
        load_path,
        load_text,
    )
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
    from mcqa.rubrics import RubricError, RubricRegistry, RubricSource
    from mcqa.rubrics import default_registry as default_registry
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

#: Where each name of the public API is defined. ``import mcqa`` loads none of these
#: modules; each is imported when one of its names is first used (PEP 562).
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["check_catalog", "check_folder", "discover", "plan_catalog"], "mcqa.catalog"),
    **dict.fromkeys(["ConfigError", "LoadedConfig", "load_config"], "mcqa.config"),
    **dict.fromkeys(["RubricDiff", "diff_rubrics"], "mcqa.diff"),
    **dict.fromkeys(["build_report", "evaluate", "evaluate_document"], "mcqa.evaluate"),
    **dict.fromkeys(
        ["Document", "LoadLimits", "Position", "SourceMap", "load_bytes", "load_path", "load_text"],
        "mcqa.load",
    ),
    **dict.fromkeys(
        [
            "Config",
            "Descriptor",
            "DescriptorResult",
            "Finding",
            "Report",
            "Review",
            "Rubric",
            "Standard",
            "StandardResult",
        ],
        "mcqa.models",
    ),
    **dict.fromkeys(
        ["ReviewSet", "load_reviews", "render_form", "reviews_for", "validate_review"],
        "mcqa.review",
    ),
    **dict.fromkeys(
        ["RubricError", "RubricRegistry", "RubricSource", "default_registry"], "mcqa.rubrics"
    ),
    **dict.fromkeys(["export_schemas", "generate_schema"], "mcqa.schema"),
    **dict.fromkeys(["ReviewStatus", "render_status_text", "review_status"], "mcqa.status"),
    **dict.fromkeys(["read_descriptor", "validate_document", "validate_model"], "mcqa.validate"),
}


if not TYPE_CHECKING:  # type checkers see the imports above instead
    __getattr__, __dir__ = lazy_exports(globals(), _EXPORTS, __all__)


class _Package(types.ModuleType):
    """The ``mcqa`` package, whose function ``evaluate`` shares its name with a submodule.

    Importing a submodule makes it an attribute of its package; the public function
    ``mcqa.evaluate`` keeps the name, whichever is imported first.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "evaluate" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def load_rubric(spec: str | Path) -> Rubric:
    """A resolved rubric by ``id``, ``id@range`` or file path, from the default registry.

    Raises :class:`RubricError` (with located ``findings``) if it cannot be loaded.
    """
    from mcqa.rubrics import default_registry

    return default_registry().load(spec)
