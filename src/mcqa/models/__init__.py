"""mcqa's data contracts as pydantic models.

The JSON Schemas in ``schemas/`` are generated from these models by
``mcqa schema export``; the two never drift apart (a test compares them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcqa._lazy import lazy_exports

if TYPE_CHECKING:  # the real imports, for type checkers; at run time see __getattr__
    from mcqa.models.config import Config, ConfigWaiver, PathOverride
    from mcqa.models.descriptor import Descriptor, LearningOutcome
    from mcqa.models.finding import Finding, RelatedLocation, Severity, Waiver
    from mcqa.models.program import Program
    from mcqa.models.report import (
        AgreementStats,
        Decision,
        DescriptorResult,
        Essentials,
        Report,
        ReviewerAnswer,
        RoundOutcome,
        RubricRef,
        Score,
        StandardResult,
        StandardStatus,
        Summary,
        ToolInfo,
    )
    from mcqa.models.review import Answer, DescriptorRef, Review, Reviewer, Verdict
    from mcqa.models.rubric import (
        Aggregation,
        BandsRule,
        BinaryScale,
        Category,
        LevelScale,
        NamedCheck,
        Overrides,
        Rubric,
        ScaleLevel,
        SchemaCheck,
        Standard,
        StandardPatch,
        ThresholdRule,
    )

__all__ = [
    "Aggregation",
    "AgreementStats",
    "Answer",
    "BandsRule",
    "BinaryScale",
    "Category",
    "Config",
    "ConfigWaiver",
    "Decision",
    "Descriptor",
    "DescriptorRef",
    "DescriptorResult",
    "Essentials",
    "Finding",
    "LearningOutcome",
    "LevelScale",
    "NamedCheck",
    "Overrides",
    "PathOverride",
    "Program",
    "RelatedLocation",
    "Report",
    "Review",
    "Reviewer",
    "ReviewerAnswer",
    "RoundOutcome",
    "Rubric",
    "RubricRef",
    "ScaleLevel",
    "SchemaCheck",
    "Score",
    "Severity",
    "Standard",
    "StandardPatch",
    "StandardResult",
    "StandardStatus",
    "Summary",
    "ThresholdRule",
    "ToolInfo",
    "Verdict",
    "Waiver",
]

#: Where each model is defined. Importing one module of models (``mcqa.models.finding``)
#: loads only that one and what it needs; each name here is imported when first used
#: (PEP 562), so that a run that reads no programme never builds the programme models.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(["Config", "ConfigWaiver", "PathOverride"], "mcqa.models.config"),
    **dict.fromkeys(["Descriptor", "LearningOutcome"], "mcqa.models.descriptor"),
    **dict.fromkeys(["Finding", "RelatedLocation", "Severity", "Waiver"], "mcqa.models.finding"),
    **dict.fromkeys(["Program"], "mcqa.models.program"),
    **dict.fromkeys(
        [
            "AgreementStats",
            "Decision",
            "DescriptorResult",
            "Essentials",
            "Report",
            "ReviewerAnswer",
            "RoundOutcome",
            "RubricRef",
            "Score",
            "StandardResult",
            "StandardStatus",
            "Summary",
            "ToolInfo",
        ],
        "mcqa.models.report",
    ),
    **dict.fromkeys(
        ["Answer", "DescriptorRef", "Review", "Reviewer", "Verdict"], "mcqa.models.review"
    ),
    **dict.fromkeys(
        [
            "Aggregation",
            "BandsRule",
            "BinaryScale",
            "Category",
            "LevelScale",
            "NamedCheck",
            "Overrides",
            "Rubric",
            "ScaleLevel",
            "SchemaCheck",
            "Standard",
            "StandardPatch",
            "ThresholdRule",
        ],
        "mcqa.models.rubric",
    ),
}


if not TYPE_CHECKING:  # type checkers see the imports above instead
    __getattr__, __dir__ = lazy_exports(globals(), _EXPORTS, __all__)
