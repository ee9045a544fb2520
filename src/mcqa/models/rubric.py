"""The rubric contract: a versioned quality standard written as data."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from mcqa.models._base import (
    IS_WHOLE_NUMBER,
    NOT_A_BOOLEAN,
    Contract,
    Flag,
    JsonPointer,
    NonNegativeNumber,
    Percentage,
    SemVer,
)
from mcqa.models._formats import RUBRIC_FORMAT

__all__ = [
    "RUBRIC_FORMAT",
    "Aggregation",
    "BandsRule",
    "BinaryScale",
    "Category",
    "CategoryAddition",
    "ConformanceBand",
    "LevelScale",
    "Mode",
    "NamedCheck",
    "Overrides",
    "ReviewerRole",
    "Rubric",
    "ScaleLevel",
    "SchemaCheck",
    "Standard",
    "StandardPatch",
    "ThresholdRule",
]


RubricId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=100)]
StandardId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$")]
Mode = Literal["automated", "hybrid", "manual"]
ReviewerRole = Literal["chair", "peer", "sme", "external", "self"]
Scope = Literal["descriptor", "issued-credential"]
Effort = Literal["small", "medium", "large"]
"""What meeting a standard usually takes: ``small``, an edit to the descriptor;
``medium``, information or a decision from elsewhere in the institution (an
office, a committee, a partner); ``large``, a change to the credential itself
(its assessment, its design, its accessibility)."""


class SchemaCheck(Contract):
    """An automated check written as a JSON Schema (2020-12) fragment.

    The descriptor passes when it validates against the fragment.
    """

    schema_: dict[str, Any] = Field(alias="schema")
    """A JSON Schema applied to the whole descriptor, e.g. ``{required: [title]}``."""


class NamedCheck(Contract):
    """A built-in or third-party automated check, called by name with options."""

    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*$")]
    """Id of the check, e.g. ``measurable-outcomes``."""
    options: dict[str, Any] = Field(default_factory=dict)
    """Options for the check; each check publishes a schema for them."""


class Standard(Contract):
    """One specific standard: something a good microcredential does."""

    id: StandardId
    """Number of the standard, e.g. ``"2.3"`` (quote it in YAML)."""
    title: str
    """A short name."""
    text: str
    """What the standard asks for, as one or two sentences."""
    annotation: str | None = None
    """Guidance for reviewers (Markdown): what to look for, examples, pitfalls."""
    points: Annotated[int, Field(ge=0, le=100), IS_WHOLE_NUMBER] = 1
    """Weight of the standard (QM-style 3, 2 or 1)."""
    essential: Flag = False
    """An essential standard must be met for the microcredential to conform."""
    mode: Mode = "manual"
    """Who judges it: a machine (``automated``), a person (``manual``), or a person
    helped by a machine's suggestion (``hybrid``)."""
    evidence: list[JsonPointer] = Field(default_factory=list)
    """Where in a descriptor the evidence lives (JSON Pointers)."""
    check: SchemaCheck | NamedCheck | None = None
    """How a machine judges it, for ``automated`` and ``hybrid`` standards."""
    scope: Scope = "descriptor"
    """What the standard is about: a catalog ``descriptor``, or only an
    ``issued-credential`` (a learner's identity, date of issue, grade), which
    makes it not applicable when a descriptor is checked."""
    applies_if: dict[str, Any] | None = None
    """A JSON Schema: the standard applies only to descriptors that match it
    (e.g. only credentials that carry credit); otherwise it is not applicable."""
    crosswalk: dict[str, list[str]] = Field(default_factory=dict)
    """Corresponding ids in other frameworks, e.g. ``{eu-annex-i: [learning-outcomes]}``."""
    renamed_from: list[StandardId] = Field(default_factory=list)
    """Ids this standard had in earlier versions of the rubric, newest first. Tells
    ``rubric diff`` and the carrying forward of reviews that it is the same standard
    even when its id and wording both changed."""
    effort: Effort | None = None
    """What meeting the standard usually takes, for action plans: ``small`` (edit the
    descriptor), ``medium`` (information or a decision from elsewhere in the
    institution) or ``large`` (change the credential itself)."""


class StandardPatch(Contract):
    """Changes an extending rubric makes to one of its base's standards."""

    title: str | None = None
    text: str | None = None
    annotation: str | None = None
    points: Annotated[int, Field(ge=0, le=100), IS_WHOLE_NUMBER] | None = None
    essential: Flag | None = None
    mode: Mode | None = None
    evidence: list[JsonPointer] | None = None
    check: SchemaCheck | NamedCheck | None = None
    scope: Scope | None = None
    applies_if: dict[str, Any] | None = None
    crosswalk: dict[str, list[str]] | None = None
    renamed_from: list[StandardId] | None = None
    effort: Effort | None = None


class Category(Contract):
    """A general standard: a group of specific standards on one theme."""

    id: StandardId
    """Number of the category, e.g. ``"2"``."""
    title: str
    description: str | None = None
    """What the category is about (Markdown)."""
    standards: list[Standard] = Field(default_factory=list)


class CategoryAddition(Contract):
    """Standards an extending rubric adds to one category of its base."""

    category: StandardId
    """Id of the category (of the base) the standards join."""
    standards: list[Standard] = Field(min_length=1)


class Overrides(Contract):
    """How an extending rubric changes its base."""

    standards: dict[str, StandardPatch] = Field(default_factory=dict)
    """Changes to existing standards, by standard id."""
    remove: list[str] = Field(default_factory=list)
    """Ids of base standards (or whole categories) to drop."""
    add: list[CategoryAddition] = Field(default_factory=list)
    """New standards for existing categories."""


class BinaryScale(Contract):
    """Each standard is met or not met (the Quality Matters way): all points or none."""

    type: Literal["binary"]


class ScaleLevel(Contract):
    """One level of an ordinal scale, such as ``2 — moderate use``."""

    value: Annotated[int, Field(ge=0), IS_WHOLE_NUMBER]
    label: str
    description: str | None = None
    points: NonNegativeNumber | None = None
    """Points this level earns out of the level with most points; defaults to ``value``."""


class LevelScale(Contract):
    """Each standard is rated on ordered levels (the OLC Scorecard way, e.g. 0-3)."""

    type: Literal["levels"]
    levels: list[ScaleLevel] = Field(min_length=2)


class ThresholdRule(Contract):
    """Conform when every essential standard is met and enough points are earned."""

    type: Literal["threshold"]
    essentials: Literal["all", "none"] = "all"
    """``all``: every essential standard must be met; ``none``: essentials are not required."""
    essential_level: Annotated[int, Field(ge=0), IS_WHOLE_NUMBER] | None = None
    """On an ordinal scale, the least level an essential standard must reach (for
    example 2, "in place", on a 0-3 scale); the scale's top level when not given."""
    threshold_percent: Percentage = 85.0
    """Least share of the applicable points, in percent."""
    rounding: Literal["none", "floor", "half-up"] = "none"
    """How the percentage is rounded before it is compared: ``none`` compares the
    exact ratio (84.99 % fails an 85 % threshold)."""
    decimals: Annotated[int, Field(ge=0, le=6), IS_WHOLE_NUMBER] = 0
    """Decimals kept by ``floor`` or ``half-up`` rounding."""


class ConformanceBand(Contract):
    """A named band of percentages, such as ``Exemplary: 90 % and above``."""

    min_percent: Percentage
    label: str
    conformant: Flag = True
    """Whether a result in this band counts as conforming."""


class BandsRule(Contract):
    """Place the percentage of points in named bands (the OLC Scorecard way)."""

    type: Literal["bands"]
    essentials: Literal["all", "none"] = "none"
    """``all``: every essential standard must reach ``essential_level`` for a
    conforming band; ``none``: essentials are not required."""
    essential_level: Annotated[int, Field(ge=0), IS_WHOLE_NUMBER] | None = None
    """On an ordinal scale, the least level an essential standard must reach;
    the scale's top level when not given."""
    bands: list[ConformanceBand] = Field(min_length=1)
    rounding: Literal["none", "floor", "half-up"] = "none"
    decimals: Annotated[int, Field(ge=0, le=6), IS_WHOLE_NUMBER] = 0


class Aggregation(Contract):
    """How several reviewers' judgments on one standard become one decision."""

    policy: Literal["majority", "unanimous", "chair", "mean", "median", "verified"] = "majority"
    """``majority``: met when more than half say met (2 of 3, as in Quality Matters);
    ``unanimous``; ``chair`` decides; ``mean`` or ``median`` of levels (ordinal scales);
    ``verified``: a self-assessment checked by a team (as OLC does): the self-score
    stands until reviewers in other roles score the standard, then their median decides."""
    min_reviewers: Annotated[int, Field(ge=1), IS_WHOLE_NUMBER] = 1
    """Fewest reviewers a decision needs."""
    required_roles: list[ReviewerRole] = Field(default_factory=list)
    """Roles that must be on the team, e.g. ``[chair, sme]``."""
    amendment_role: ReviewerRole | None = None
    """Who re-examines unmet standards in an amendment round (Quality Matters: the chair)."""


class Rubric(Contract):
    """A quality standard: categories of weighted standards, a scale, a rule to conform.

    A rubric may ``extend`` another and change it through ``overrides``; the
    registry resolves that into a complete rubric.
    """

    rubric_format: Annotated[Literal[1], NOT_A_BOOLEAN] = 1
    """Version of this file format."""
    id: RubricId
    """Short id, e.g. ``mcqa-core``."""
    version: SemVer
    """Semantic version of this rubric, e.g. ``1.0.0``."""
    title: str
    status: Literal["draft", "final", "deprecated"] = "final"
    """``draft`` rubrics are for trying out, not for claims of conformance."""
    license: str | None = None
    """SPDX id of the licence of the rubric text, e.g. ``CC-BY-4.0``."""
    applies_to: Literal["microcredential", "program"] = "microcredential"
    """What the rubric scores: one microcredential, or an institution's programme."""
    description: str | None = None
    """What the rubric is for (Markdown)."""
    homepage: str | None = None
    extends: str | None = None
    """The base rubric: ``id``, ``id@range`` or a relative path to a rubric file."""
    overrides: Overrides | None = None
    """Changes to the base rubric (only with ``extends``)."""
    supersedes: list[RubricId] = Field(default_factory=list)
    """Ids of rubrics this one replaces. Review forms made for them are carried
    forward to this rubric as if made for an earlier version of it."""
    based_on: list[str] = Field(default_factory=list)
    """The rubrics (``id@version``) this one was resolved from through ``extends``,
    nearest first. Filled in by mcqa; informational."""
    scale: Annotated[BinaryScale | LevelScale, Field(discriminator="type")] = Field(
        default_factory=lambda: BinaryScale(type="binary")
    )
    conformance: Annotated[ThresholdRule | BandsRule, Field(discriminator="type")] = Field(
        default_factory=lambda: ThresholdRule(type="threshold")
    )
    aggregation: Aggregation = Field(default_factory=Aggregation)
    categories: list[Category] = Field(default_factory=list)

    @property
    def ref(self) -> str:
        """``id@version``, the way reports and review forms name a rubric."""
        return f"{self.id}@{self.version}"

    def iter_standards(self) -> list[tuple[Category, Standard]]:
        """Every standard with its category, in rubric order."""
        return [(c, s) for c in self.categories for s in c.standards]

    def standard(self, standard_id: str) -> Standard | None:
        """The standard with this id, or ``None``."""
        for _, s in self.iter_standards():
            if s.id == standard_id:
                return s
        return None
