"""Review forms: read a folder of them and match each to its descriptor.

A form names its descriptor by ``descriptor.id`` (preferred) and
``descriptor.path`` (relative to the form's own folder). Forms for another
rubric are left out with a warning; forms with errors are reported, located.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mcqa.load import load_path
from mcqa.models.finding import Finding
from mcqa.models.review import Review
from mcqa.models.rubric import Rubric
from mcqa.validate import validate_model

__all__ = ["ReviewSet", "load_reviews", "reviews_for"]

_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class _Form:
    path: Path
    review: Review


@dataclass
class ReviewSet:
    """Every readable review form of a folder, and the problems found reading them."""

    forms: list[_Form] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def load_reviews(folder: Path, rubric: Rubric) -> ReviewSet:
    """Read every form under ``folder`` that is for ``rubric`` (any version of it)."""
    result = ReviewSet()
    for path in sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in _SUFFIXES and p.is_file()
    ):
        document = load_path(path)
        review, findings = validate_model(document, "review", Review)
        result.findings.extend(findings)
        if review is None:
            continue
        rubric_id, _, version = review.rubric.partition("@")
        if rubric_id != rubric.id:
            result.findings.append(
                document.finding(
                    "review-rubric",
                    f"this form is for {review.rubric}, not {rubric.ref}; it is left out",
                    "/rubric",
                    severity="warning",
                )
            )
            continue
        if version != rubric.version:
            result.findings.append(
                document.finding(
                    "review-rubric",
                    f"this form was made for {review.rubric}; the check uses {rubric.ref}",
                    "/rubric",
                    severity="warning",
                )
            )
        result.forms.append(_Form(path, review))
    return result


def reviews_for(
    reviews: ReviewSet, descriptor_path: Path, descriptor_id: str | None
) -> Sequence[Review]:
    """The forms about one descriptor, by id or by path, in file order."""
    target = descriptor_path.resolve()
    matched = []
    for form in reviews.forms:
        ref = form.review.descriptor
        if ref.id is not None and descriptor_id is not None:
            if ref.id == descriptor_id:
                matched.append(form.review)
        elif (form.path.parent / ref.path).resolve() == target:
            matched.append(form.review)
    return matched
