"""The descriptor contract: one microcredential as a catalog describes it.

Top-level field names are a contract that rubrics (through JSON Pointers),
checks and users rely on. New optional fields may be added; none is renamed.
Every field but ``id`` and ``title`` is optional: whether a good descriptor
has it is for the rubric to judge, not for the schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from mcqa.models._base import (
    IS_WHOLE_NUMBER,
    NOT_A_BOOLEAN,
    Contract,
    DateString,
    Flag,
    NonNegativeNumber,
    Percentage,
    Url,
    WholeNumber,
)
from mcqa.models._formats import DESCRIPTOR_FORMAT

__all__ = [
    "DESCRIPTOR_FORMAT",
    "Accessibility",
    "Alignment",
    "Assessment",
    "Audience",
    "Contact",
    "Cost",
    "Credential",
    "Credit",
    "Delivery",
    "Descriptor",
    "Equity",
    "FinancialAid",
    "Issuer",
    "LearningOutcome",
    "Occupation",
    "OutcomesData",
    "QualificationLevel",
    "QualityAssurance",
    "Relevance",
    "StackTarget",
    "Stackability",
    "Workload",
]


NonNegative = NonNegativeNumber
Rate = Percentage
TextOrList = str | list[str]


class Issuer(Contract):
    """Who awards the credential."""

    name: str | None = None
    url: Url | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2 code, e.g. ``NL``."""
    region: str | None = None
    """Region or state within the country."""
    parent: str | None = None
    """The larger body the issuer belongs to, e.g. the university of a faculty."""


class Audience(Contract):
    """Who the credential is for."""

    description: str | None = None
    level: str | None = None
    """E.g. ``beginner``, ``intermediate``, ``advanced``."""
    prior_knowledge: str | None = None


class Occupation(Contract):
    """An occupation the credential prepares for, in a named framework."""

    framework: str | None = None
    """E.g. ``ESCO``, ``O*NET-SOC``, ``ISCO-08``."""
    code: str | None = None
    title: str | None = None


class Relevance(Contract):
    """Why the credential matters to learners and employers."""

    skills_gap: str | None = None
    """The skill gap the credential addresses."""
    labor_market_evidence: str | None = None
    """Evidence of demand: data, surveys, reports (text or a link)."""
    industry_partners: list[str] | None = None
    occupations: list[Occupation] | None = None


class Alignment(Contract):
    """A skill or competency in a framework that a learning outcome aligns to."""

    framework: str | None = None
    code: str | None = None
    name: str | None = None
    url: Url | None = None


class LearningOutcome(Contract):
    """What a learner can do after earning the credential."""

    id: str | None = None
    """Short id that assessments refer to, e.g. ``LO1``."""
    statement: str
    """The outcome, starting with an observable action verb."""
    bloom_level: (
        Literal["remember", "understand", "apply", "analyze", "evaluate", "create"] | None
    ) = None
    """Level in Bloom's revised taxonomy."""
    alignments: list[Alignment] | None = None


def _normalise_outcomes(value: Any) -> Any:
    """Accept a plain list of strings as a list of outcomes without ids."""
    if isinstance(value, list):
        return [{"statement": item} if isinstance(item, str) else item for item in value]
    return value


LearningOutcomes = Annotated[
    list[LearningOutcome],
    BeforeValidator(_normalise_outcomes, json_schema_input_type=list[LearningOutcome | str]),
]


class Workload(Contract):
    """How much learning the credential takes."""

    hours: NonNegative | None = None
    """Notional learning hours in total."""
    ects: NonNegative | None = None
    """ECTS credits (1 ECTS is 25-30 hours)."""
    credit_hours: NonNegative | None = None
    """US semester credit hours (one is about 15 contact hours, 45 hours of learning)."""
    ceus: NonNegative | None = None
    """Continuing Education Units (one CEU is 10 contact hours)."""
    duration_weeks: NonNegative | None = None
    pace: str | None = None
    """E.g. ``self-paced``, ``cohort``, ``part-time``."""


class QualificationLevel(Contract):
    """The level of the credential in a qualifications framework."""

    framework: str | None = None
    """E.g. ``EQF``, ``QF-EHEA``, ``NZQCF``."""
    value: str | WholeNumber | None = None
    not_applicable: str | None = None
    """Why no framework level applies, instead of a framework and value: for
    example a non-formal credential, or one outside any qualifications framework."""


class Delivery(Contract):
    """How the credential is taught."""

    mode: Literal["online", "on-site", "blended"] | None = None
    """Form of participation."""
    schedule: str | None = None


class Assessment(Contract):
    """How learners show they have met the outcomes."""

    id: str | None = None
    type: str | None = None
    """E.g. ``project``, ``exam``, ``portfolio``, ``practical``."""
    description: str | None = None
    outcomes: list[str] | None = None
    """Ids of the learning outcomes this assessment measures."""
    passing_standard: str | None = None
    """What counts as a pass."""


class FinancialAid(Contract):
    """Whether learners can get financial aid for the credential."""

    eligible: Flag | None = None
    programs: list[str] | None = None
    statement: str | None = None
    """The same in words, e.g. ``none available``."""


_NO_AID = frozenset({"none", "none available", "no", "not available", "not eligible", "n/a"})


def _normalise_aid(value: Any) -> Any:
    """Accept ``financial_aid: none available`` (a disclosed answer) as a statement."""
    if isinstance(value, str):
        text = " ".join(value.split())
        aid: dict[str, Any] = {"statement": text}
        if text.lower().rstrip(".") in _NO_AID:
            aid["eligible"] = False
        return aid
    return value


FinancialAidField = Annotated[
    FinancialAid, BeforeValidator(_normalise_aid, json_schema_input_type=FinancialAid | str)
]


class Cost(Contract):
    """What the credential costs a learner."""

    amount: NonNegative | None = None
    """Full price; ``0`` for free."""
    currency: str | None = None
    """ISO 4217 code, e.g. ``EUR``."""
    includes: TextOrList | None = None
    additional_fees: TextOrList | None = None
    financial_aid: FinancialAidField | None = None
    """Whether aid is available: a mapping, or a statement such as ``none available``."""
    scholarships: TextOrList | None = None
    refund_policy_url: Url | None = None


class StackTarget(Contract):
    """A larger credential this one counts towards."""

    id: str | None = None
    title: str | None = None
    type: str | None = None
    """E.g. ``certificate``, ``degree``, ``microcredential``."""


class Credit(Contract):
    """Academic credit the credential carries."""

    value: NonNegative | None = None
    unit: str | None = None
    """E.g. ``ECTS``, ``credit-hours``, ``NZ-credits``."""
    recommended_by: str | None = None
    """Who recommends or grants the credit, e.g. a credit-evaluation service."""


class Stackability(Contract):
    """How the credential fits into longer learning pathways."""

    stacks_into: list[StackTarget] | None = None
    credit: Credit | None = None
    transcripted: Flag | None = None
    """Whether the credential appears on an official transcript."""
    learner_record: Flag | None = None
    """Whether the credential appears on a permanent learner record the provider keeps
    (a comprehensive learner record, a HEAR, a national learner record), which serves
    where there is no transcript."""


class Credential(Contract):
    """The digital credential a learner receives."""

    format: str | None = None
    """E.g. ``Open Badges 3.0``, ``European Digital Credential``."""
    platform: str | None = None
    verification_url: Url | None = None
    expires: str | None = None
    """Whether and when the credential expires, e.g. ``never`` or ``P3Y``."""


class Accessibility(Contract):
    """How the credential serves learners with disabilities."""

    statement: str | None = None
    conformance: str | None = None
    """Conformance target, e.g. ``WCAG 2.2 AA``."""
    accommodations_contact: str | None = None


class Equity(Contract):
    """How the credential serves every learner."""

    statement: str | None = None
    supports: list[str] | None = None


class QualityAssurance(Contract):
    """How the credential's quality is assured."""

    type: str | None = None
    """E.g. ``internal``, ``external``, ``accredited``."""
    body: str | None = None
    """Who assures it."""
    approved_through: str | None = None
    """The approval route, e.g. ``faculty senate curriculum committee``."""
    policy_url: Url | None = None
    last_review: DateString | None = None
    next_review: DateString | None = None


class OutcomesData(Contract):
    """What happened to learners (percentages from 0 to 100)."""

    enrollments: Annotated[int, Field(ge=0), IS_WHOLE_NUMBER] | None = None
    completion_rate: Rate | None = None
    employment_rate: Rate | None = None
    progression_rate: Rate | None = None
    """Share of completers who went on to a larger credential."""
    period: str | None = None
    """The period the data covers, e.g. ``2025``."""


class Contact(Contract):
    """Where learners can ask questions."""

    name: str | None = None
    email: str | None = None
    url: Url | None = None
    phone: str | None = None


class Descriptor(Contract):
    """A microcredential as a catalog describes it.

    >>> d = Descriptor.model_validate({"id": "data-101", "title": "Data literacy",
    ...                                "learning_outcomes": ["Clean a data set"]})
    >>> d.learning_outcomes[0].statement
    'Clean a data set'
    """

    descriptor_format: Annotated[Literal[1], NOT_A_BOOLEAN] | None = None
    """Version of this file format (optional)."""
    id: str = Field(min_length=1)
    """Stable id within the catalog."""
    title: str = Field(min_length=1)
    type: str | None = None
    """E.g. ``microcredential``, ``badge``, ``certificate``."""
    status: str | None = None
    """E.g. ``draft``, ``active``, ``retired``."""
    version: str | None = None
    language: str | None = None
    """BCP 47 language tag of the language of instruction and assessment, e.g. ``en`` or
    ``nl-BE``. A list of tags is read as its first tag, the whole list kept as ``languages``."""
    languages: list[str] | None = None
    """Every language the credential is taught or assessed in (BCP 47 tags), the
    language of instruction (``language``) first."""
    url: Url | None = None
    issuer: Issuer | None = None
    """The awarding body."""
    co_issuers: list[Issuer] | None = None
    """Further awarding bodies of a jointly awarded credential, each with its country."""
    description: str | None = None
    audience: Audience | None = None
    relevance: Relevance | None = None
    learning_outcomes: LearningOutcomes | None = None
    workload: Workload | None = None
    level: QualificationLevel | None = None
    delivery: Delivery | None = None
    assessments: list[Assessment] | None = None
    identity_verification: Literal["none", "supervised", "supervised-id-check"] | None = None
    """Supervision and identity verification during assessment."""
    prerequisites: TextOrList | None = None
    cost: Cost | None = None
    stackability: Stackability | None = None
    credential: Credential | None = None
    accessibility: Accessibility | None = None
    equity: Equity | None = None
    quality_assurance: QualityAssurance | None = None
    outcomes_data: OutcomesData | None = None
    contact: Contact | None = None
    extensions: dict[str, Any] | None = None
    """Anything else, free-form; mcqa does not judge it."""
