"""The program contract: an institution's microcredential programme, as it describes itself.

A rubric with ``applies_to: program`` (such as ``mcqa-program``) scores this
document: the policy, systems, communication, equity, affordability, data and
quality practices behind an institution's microcredentials. As with a
descriptor, every field but ``id`` and ``title`` is optional; the rubric judges
what is there, and the self-assessment and the verification team judge the rest.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mcqa.models._base import (
    IS_WHOLE_NUMBER,
    NOT_A_BOOLEAN,
    Contract,
    DateString,
    Flag,
    Percentage,
    Url,
)
from mcqa.models._formats import PROGRAM_FORMAT

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


class Institution(Contract):
    """The institution that runs the programme."""

    name: str | None = None
    """The institution's official name."""
    url: Url | None = None
    """The institution's home page."""
    country: str | None = None
    """ISO 3166-1 alpha-2 code, e.g. ``US``."""
    region: str | None = None
    """State or region, e.g. ``NY``."""
    type: str | None = None
    """E.g. ``community college``, ``university``, ``system``."""


class Policy(Contract):
    """The institution's policy on microcredentials."""

    title: str | None = None
    """The policy's name or number, e.g. ``Policy AA-214, Microcredentials``."""
    url: Url | None = None
    """Where the approved text is published."""
    approved_by: str | None = None
    """The body that approved it, e.g. ``Faculty Senate``."""
    approved_on: DateString | None = None
    """The date of the approving vote or resolution."""
    next_review: DateString | None = None
    """The date by which the policy is due to be reviewed."""
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
    """The platform that issues verifiable digital credentials, e.g. an Open Badges issuer."""
    lms: str | None = None
    """The learning management system the microcredentials are taught in."""
    crm: str | None = None
    """The customer relationship management system used to reach prospective learners."""
    integrations: list[str] | None = None
    """Data flows between these systems, e.g. ``LMS completion -> badging platform``."""


class Partner(Contract):
    """An employer, agency or other organisation the programme works with."""

    name: str
    """The partner's name."""
    type: (
        Literal["employer", "industry-association", "state-agency", "regional", "other"] | None
    ) = None
    """The kind of partner; ``regional`` covers workforce boards and regional bodies."""
    role: str | None = None
    """What the partner does, e.g. ``co-designs curricula``, ``hires completers``."""


class Marketing(Contract):
    """How the programme tells people about its microcredentials."""

    audiences: list[str] | None = None
    """The groups addressed, e.g. ``adult learners``, ``employers``, ``current students``."""
    channels: list[str] | None = None
    """E.g. ``website``, ``social media``, ``career services``, ``employer events``."""
    value_statements: Flag | None = None
    """Whether each microcredential says what skill gap it addresses and for whom."""
    partners: list[Partner] | None = None
    """Employers, industry bodies, state agencies and regional bodies the programme works with."""


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
    """Scholarships and grants open to microcredential learners."""
    employer_funding: Flag | None = None
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
    """Where the figures are published, if they are."""
    improvements: list[str] | None = None
    """Changes made because of the data."""


class QualityFramework(Contract):
    """The quality standard the programme reviews its microcredentials against."""

    name: str | None = None
    """E.g. ``mcqa-core@1.0.0``."""
    adopted_on: DateString | None = None
    """The date the institution adopted the framework."""
    url: Url | None = None
    """Where the institution says how it applies the framework."""
    review_cycle_months: Annotated[int, Field(ge=1), IS_WHOLE_NUMBER] | None = None
    """How often each microcredential is reviewed again."""
    reviewed_share: Percentage | None = None
    """Percentage of active microcredentials reviewed in the current cycle."""


class Program(Contract):
    """An institution's microcredential programme.

    >>> p = Program.model_validate({"id": "rbc", "title": "Riverbend microcredentials",
    ...                             "policy": {"approved_by": "Faculty Senate"}})
    >>> p.policy.approved_by
    'Faculty Senate'
    """

    program_format: Annotated[Literal[1], NOT_A_BOOLEAN] | None = None
    """Version of this file format (optional)."""
    id: str = Field(min_length=1)
    """Stable id of the programme; review forms refer to it."""
    title: str = Field(min_length=1)
    """The programme's name."""
    institution: Institution | None = None
    """Who runs the programme."""
    description: str | None = None
    """What the programme offers and to whom, in a few sentences."""
    as_of: DateString | None = None
    """The date the description is true on."""
    contact: str | None = None
    """Who answers for the programme (name or email)."""
    microcredentials: Annotated[int, Field(ge=0), IS_WHOLE_NUMBER] | None = None
    """How many microcredentials the programme offers."""
    policy: Policy | None = None
    """The institutional policy on microcredentials."""
    governance: Governance | None = None
    """Who oversees the programme and who takes part in its decisions."""
    systems: Systems | None = None
    """The systems that approve, record, issue and deliver microcredentials."""
    marketing: Marketing | None = None
    """Audiences, channels and partners."""
    equity: Equity | None = None
    """Pathways, inclusive content, accessibility and support."""
    affordability: Affordability | None = None
    """Cost disclosure, aid and stackable routes into aid-eligible programmes."""
    data: DataPractice | None = None
    """What is measured about learners and what is done with it."""
    quality_framework: QualityFramework | None = None
    """The quality standard microcredentials are reviewed against."""
    extensions: dict[str, object] | None = None
    """Anything else, free-form; mcqa does not judge it."""
