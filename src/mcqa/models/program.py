"""The program contract: an institution's microcredential programme, as it describes itself.

A rubric with ``applies_to: program`` (such as ``mcqa-program``) scores this
document: the policy, systems, communication, equity, affordability, data and
quality practices behind an institution's microcredentials. As with a
descriptor, every field but ``id`` and ``title`` is optional; the rubric judges
what is there, and the self-assessment and the verification team judge the rest.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mcqa.models._base import Contract, DateString, Url

__all__ = [
    "PROGRAM_FORMAT",
    "Affordability",
    "DataPractice",
    "Equity",
    "Governance",
    "Institution",
    "Marketing",
    "Partner",
    "Policy",
    "Program",
    "QualityFramework",
    "Systems",
]

#: The program format this version of mcqa reads.
PROGRAM_FORMAT = 1


class Institution(Contract):
    """The institution that runs the programme."""

    name: str | None = None
    url: Url | None = None
    country: str | None = None
    """ISO 3166-1 alpha-2 code, e.g. ``US``."""
    region: str | None = None
    """State or region, e.g. ``NY``."""
    type: str | None = None
    """E.g. ``community college``, ``university``, ``system``."""


class Policy(Contract):
    """The institution's policy on microcredentials."""

    title: str | None = None
    url: Url | None = None
    approved_by: str | None = None
    """The body that approved it, e.g. ``Faculty Senate``."""
    approved_on: DateString | None = None
    next_review: DateString | None = None
    covers: list[str] | None = None
    """What it rules on, e.g. ``approval``, ``transcripting``, ``credit``, ``quality``."""


class Governance(Contract):
    """Who is at the table when microcredentials are decided."""

    body: str | None = None
    """The committee or council that oversees microcredentials."""
    stakeholders: list[str] | None = None
    """Offices and groups represented, e.g. ``registrar``, ``IT``, ``faculty``, ``students``."""
    meets: str | None = None
    """How often, e.g. ``monthly``."""


class Systems(Contract):
    """The systems that record, show and deliver microcredentials."""

    sis: str | None = None
    """The student information system, and whether it records microcredentials."""
    transcript: str | None = None
    """How microcredentials appear on transcripts or a learner record."""
    approval_workflow: str | None = None
    """How a new microcredential is approved (curricular workflow)."""
    badging_platform: str | None = None
    lms: str | None = None
    crm: str | None = None
    integrations: list[str] | None = None
    """Data flows between these systems, e.g. ``LMS completion -> badging platform``."""


class Partner(Contract):
    """An employer, agency or other organisation the programme works with."""

    name: str
    type: (
        Literal["employer", "industry-association", "state-agency", "regional", "other"] | None
    ) = None
    role: str | None = None
    """What the partner does, e.g. ``co-designs curricula``, ``hires completers``."""


class Marketing(Contract):
    """How the programme tells people about its microcredentials."""

    audiences: list[str] | None = None
    """The groups addressed, e.g. ``adult learners``, ``employers``, ``current students``."""
    channels: list[str] | None = None
    """E.g. ``website``, ``social media``, ``career services``, ``employer events``."""
    value_statements: bool | None = None
    """Whether each microcredential says what skill gap it addresses and for whom."""
    partners: list[Partner] | None = None


class Equity(Contract):
    """Access and inclusion."""

    pathways: list[str] | None = None
    """Routes to careers for learners who are not already enrolled, e.g. ``adult re-entry``."""
    inclusive_content_review: str | None = None
    """How content is reviewed for inclusive and representative design."""
    accessibility_standard: str | None = None
    """E.g. ``WCAG 2.2 AA``."""
    support_services: list[str] | None = None
    """Advising, tutoring, childcare, technology loans and so on."""


class Affordability(Contract):
    """What the programme costs learners and how they can pay."""

    cost_disclosure_url: Url | None = None
    """Where the full cost of each microcredential is published."""
    financial_aid: list[str] | None = None
    """Aid that covers microcredentials, e.g. ``workforce Pell``, ``state grant``."""
    scholarships: list[str] | None = None
    employer_funding: bool | None = None
    """Whether employers sponsor or reimburse learners."""
    stackable_to_aid_eligible: list[str] | None = None
    """Degrees or certificates that microcredentials stack into and that qualify for aid."""


class DataPractice(Contract):
    """What the programme measures, and what it does with it."""

    metrics: (
        list[
            Literal[
                "enrollment",
                "retention",
                "completion",
                "progression",
                "employment",
                "earnings",
                "satisfaction",
            ]
        ]
        | None
    ) = None
    """What is tracked for every microcredential."""
    disaggregated_by: list[str] | None = None
    """Groups the data is broken down by, e.g. ``age``, ``race/ethnicity``, ``Pell status``."""
    reporting: str | None = None
    """Who sees the data and how often, e.g. ``annual report to the Faculty Senate``."""
    dashboard_url: Url | None = None
    improvements: list[str] | None = None
    """Changes made because of the data."""


class QualityFramework(Contract):
    """The quality standard the programme reviews its microcredentials against."""

    name: str | None = None
    """E.g. ``mcqa-core@1.0.0``."""
    adopted_on: DateString | None = None
    url: Url | None = None
    review_cycle_months: int | None = Field(default=None, ge=1)
    """How often each microcredential is reviewed again."""
    reviewed_share: float | None = Field(default=None, ge=0, le=100)
    """Percentage of active microcredentials reviewed in the current cycle."""


class Program(Contract):
    """An institution's microcredential programme.

    >>> p = Program.model_validate({"id": "rbc", "title": "Riverbend microcredentials",
    ...                             "policy": {"approved_by": "Faculty Senate"}})
    >>> p.policy.approved_by
    'Faculty Senate'
    """

    program_format: Literal[1] | None = None
    """Version of this file format (optional)."""
    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    institution: Institution | None = None
    description: str | None = None
    as_of: DateString | None = None
    """The date the description is true on."""
    contact: str | None = None
    """Who answers for the programme (name or email)."""
    microcredentials: int | None = Field(default=None, ge=0)
    """How many microcredentials the programme offers."""
    policy: Policy | None = None
    governance: Governance | None = None
    systems: Systems | None = None
    marketing: Marketing | None = None
    equity: Equity | None = None
    affordability: Affordability | None = None
    data: DataPractice | None = None
    quality_framework: QualityFramework | None = None
    extensions: dict[str, object] | None = None
    """Anything else, free-form; mcqa does not judge it."""
