"""The review contract: one reviewer's form for one descriptor in one round."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mcqa.models._base import IS_WHOLE_NUMBER, NOT_A_BOOLEAN, Contract, DateString
from mcqa.models._formats import REVIEW_FORMAT
from mcqa.models.rubric import ReviewerRole

__all__ = [
    "REVIEW_FORMAT",
    "Answer",
    "DescriptorRef",
    "Review",
    "Reviewer",
    "RubricVersionRef",
    "Verdict",
]


Verdict = Literal["met", "not_met", "not_applicable"]
"""A reviewer's judgment on a binary-scale standard."""


class Reviewer(Contract):
    """Who filled in the form."""

    name: str | None = None
    role: ReviewerRole | None = None
    """``chair``, ``peer``, ``sme`` (subject-matter expert), ``external`` or ``self``."""
    email: str | None = None


class DescriptorRef(Contract):
    """The descriptor a form reviews, pinned by content."""

    path: str
    """Path of the descriptor file, relative to the form or the catalog root."""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    """SHA-256 of the descriptor's bytes when the form was made; tells a stale form."""
    id: str | None = None
    """The descriptor's ``id``."""
    fields: dict[str, Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8,64}$")]] = Field(
        default_factory=dict
    )
    """A short SHA-256 of each top-level field of the descriptor when the form was
    made, by field name; tells which parts of a stale form's descriptor changed."""


RubricVersionRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*@\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$"),
]
"""A rubric and exact version, e.g. ``mcqa-core@1.0.0``."""


class Answer(Contract):
    """A reviewer's answer on one standard. Blank fields are not yet answered."""

    verdict: Verdict | None = None
    """``met``, ``not_met`` or ``not_applicable`` (binary scales)."""
    level: Annotated[int, Field(ge=0), IS_WHOLE_NUMBER] | None = None
    """The level chosen (ordinal scales such as 0-3)."""
    comment: str | None = None
    """What the reviewer saw."""
    recommendation: str | None = None
    """What to improve; required when the standard is not met."""
    evidence: list[str] = Field(default_factory=list)
    """Links or documents that support the answer (a self-assessment's evidence)."""
    given_under: RubricVersionRef | None = None
    """The rubric version this answer was given under, when the standard has changed
    since (written by ``review init --update``). The answer is not counted until the
    reviewer confirms it under the form's rubric by deleting this line."""


class Review(Contract):
    """One reviewer's judgments on one descriptor, under one rubric version."""

    review_format: Annotated[Literal[1], NOT_A_BOOLEAN] = 1
    rubric: RubricVersionRef
    """The rubric and exact version, e.g. ``mcqa-core@1.0.0``."""
    descriptor: DescriptorRef
    reviewer: Reviewer = Field(default_factory=Reviewer)
    round: Annotated[int, Field(ge=1), IS_WHOLE_NUMBER] = 1
    """1 for the initial review; 2 and up for amendment rounds, each of which
    re-judges the standards not met in the rounds before it."""
    date: DateString | None = None
    standards: dict[str, Answer] = Field(default_factory=dict)
    """Answers by standard id."""
    retired: dict[str, Answer] = Field(default_factory=dict)
    """Answers on standards the rubric no longer has, kept for the record by
    ``review init --update`` (by their old id, each with ``given_under``); never counted."""
