"""The review contract: one reviewer's form for one descriptor in one round."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mcqa.models._base import Contract, DateString
from mcqa.models.rubric import ReviewerRole

__all__ = ["REVIEW_FORMAT", "Answer", "DescriptorRef", "Review", "Reviewer", "Verdict"]

#: The review form format this version of mcqa reads and writes.
REVIEW_FORMAT = 1

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


class Answer(Contract):
    """A reviewer's answer on one standard. Blank fields are not yet answered."""

    verdict: Verdict | None = None
    """``met``, ``not_met`` or ``not_applicable`` (binary scales)."""
    level: Annotated[int, Field(ge=0)] | None = None
    """The level chosen (ordinal scales such as 0-3)."""
    comment: str | None = None
    """What the reviewer saw."""
    recommendation: str | None = None
    """What to improve; required when the standard is not met."""


class Review(Contract):
    """One reviewer's judgments on one descriptor, under one rubric version."""

    review_format: Literal[1] = 1
    rubric: Annotated[
        str,
        StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*@\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$"),
    ]
    """The rubric and exact version, e.g. ``mcqa-core@1.0.0``."""
    descriptor: DescriptorRef
    reviewer: Reviewer = Field(default_factory=Reviewer)
    round: Annotated[int, Field(ge=1)] = 1
    """1 for the initial review, 2 and up for amendment rounds."""
    date: DateString | None = None
    standards: dict[str, Answer] = Field(default_factory=dict)
    """Answers by standard id."""
