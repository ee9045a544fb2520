"""mcqa's data contracts as pydantic models.

The JSON Schemas in ``schemas/`` are generated from these models by
``mcqa schema export``; the two never drift apart (a test compares them).
"""

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
