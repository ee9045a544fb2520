"""Learners are assessed: attendance, participation or completion is not assessment."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._walk import in_document_order, quote
from mcqa.models.descriptor import Assessment

__all__ = ["AssessmentType"]

_WORD = re.compile(r"[a-z0-9]+")

#: Words that say a learner took part, and what that amounts to.
_TAKING_PART: dict[str, str] = {
    **dict.fromkeys(
        ["attendance", "attend", "attends", "attended", "attending", "presence"], "attendance"
    ),
    **dict.fromkeys(
        [
            "participation",
            "participate",
            "participates",
            "participated",
            "participating",
            "engagement",
            "engage",
            "engaged",
        ],
        "participation",
    ),
    **dict.fromkeys(
        ["completion", "complete", "completes", "completed", "completing", "finish", "finished"],
        "completion",
    ),
    **dict.fromkeys(
        ["watch", "watching", "watched", "view", "viewing", "viewed"], "watching videos"
    ),
    **dict.fromkeys(
        ["enrolment", "enrollment", "enrolled", "registration", "registered", "logging", "login"],
        "enrolment",
    ),
    **dict.fromkeys(["none", "nothing"], "none"),
}

#: Whole types or descriptions that say there is no assessment.
_NO_ASSESSMENT = frozenset(
    {"no", "na", "n a", "nil", "not assessed", "no assessment", "not applicable", "ungraded"}
)

#: Words and phrases that name something a learner is assessed on.
_ASSESSED_WORDS = """
    project projects exam exams examination examinations test tests quiz quizzes
    assignment assignments portfolio portfolios demonstration demonstrations demonstrate
    demo presentation presentations presenting practical practicals practicum essay essays
    report reports paper thesis dissertation simulation simulations interview interviews
    oral viva defence defense observation observations observed capstone artefact
    artefacts artifact artifacts lab labs laboratory exercise exercises task tasks
    submission submissions submit submitted written write writing critique reflection
    reflective journal poster pitch prototype proposal osce mcq deliverable deliverables
    build create design develop produce analyse analyze solve performance assessed-task
    case-study case-studies problem-set problem-sets peer-review peer-assessment
    code-review multiple-choice role-play
"""

#: Types that name no kind of assessment by themselves.
_GENERIC_TYPES = frozenset(
    {
        "other",
        "others",
        "misc",
        "miscellaneous",
        "various",
        "mixed",
        "general",
        "assessment",
        "assessments",
        "evaluation",
        "see description",
    }
)

#: Words that turn the word after them (or the one after that) around: "no exam".
_NEGATIONS = frozenset({"no", "not", "without", "non"})

_EXAMPLES = "e.g. a project, an exam, a portfolio or a practical demonstration"


def _phrases(words: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Each word or hyphenated phrase as a tuple of the words it is written with."""
    found = set()
    for word in words:
        tokens = tuple(_WORD.findall(word.lower()))
        if tokens:
            found.add(tokens)
    return frozenset(found)


_ASSESSED = _phrases(_ASSESSED_WORDS.split())


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _singular(token: str) -> str:
    return token[:-1] if len(token) > 3 and token.endswith("s") else token


def _find_assessed(tokens: Sequence[str], phrases: frozenset[tuple[str, ...]]) -> bool:
    """Whether ``tokens`` name something assessed, not just after "no" or "without".

    One pass over the tokens, trying phrases of up to the longest length.
    """
    longest = max((len(p) for p in phrases), default=0)
    for start in range(len(tokens)):
        for length in range(1, min(longest, len(tokens) - start) + 1):
            window = tuple(tokens[start : start + length])
            singular = (*window[:-1], _singular(window[-1]))
            negated = _NEGATIONS.intersection(tokens[max(0, start - 2) : start])
            if (window in phrases or singular in phrases) and not negated:
                return True
    return False


def _taking_part(tokens: Sequence[str], extra: frozenset[tuple[str, ...]]) -> str | None:
    """What taking part the tokens name first (``attendance``, ``completion``...), if any."""
    for start, token in enumerate(tokens):
        what = _TAKING_PART.get(token)
        if what is not None:
            return what
        for phrase in extra:
            if tuple(tokens[start : start + len(phrase)]) == phrase:
                return " ".join(phrase)
    return None


@dataclass(frozen=True)
class _Reading:
    """What one assessment amounts to."""

    typed: bool
    """It has a type of at least two characters."""
    assessed: bool
    """Its type or description names something assessed."""
    taking_part: str | None
    """What it amounts to instead, when it names only attendance, participation..."""
    source: str
    """``type`` or ``description``: where that was said."""
    generic: bool
    """Its type ("other") names no kind of assessment."""


class AssessmentType:
    """Each assessment names a type, and learners are assessed, not only counted.

    An assessment shows what a learner can do. Attendance, participation,
    completing the modules or watching the videos show only that a learner
    took part, so they are not assessment, however they are written: as a
    type (``attendance``), or in the description of a vague type (``other``
    with "attendance at all sessions"), or as "participation in the
    discussions". An assessment that names something assessed as well is an
    assessment: "project and participation" passes.

    The type and the description are read word by word (in one pass), for
    words that name something assessed (project, exam, test, quiz,
    portfolio, assignment, presentation, demonstration, practical, essay,
    report, case study, simulation, interview, observation, ...) and words
    that name taking part. "No exam" names no exam.

    - **error**: no assessments; an assessment without a type; an
      assessment that amounts only to taking part (or to "none"), when no
      other assessment names something assessed; a type such as ``other``
      with no description;
    - **warning**: such an assessment beside real ones (the credential is
      still assessed, but the list misleads); a type such as ``other`` whose
      description names nothing assessed.

    Options:

    - ``assessed_words``: further words or phrases that name something
      assessed, e.g. ``["kata"]`` (default: none);
    - ``taking_part_words``: further words or phrases that name only taking
      part, e.g. ``["seat time"]`` (default: none).

    **PASS**

    ```yaml
    assessments:
      - type: project
        description: Clean and document a supplied data set.
      - type: exam
        description: 30-minute supervised online quiz.
    ```

    **FAIL**

    ```yaml
    assessments:
      - type: other
        description: Attendance at all sessions.   # error: attendance is not assessment
    ```
    """

    ID: ClassVar[str] = "assessment-type"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "assessed_words": {
                "description": "Further words or phrases that name something assessed.",
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": [],
            },
            "taking_part_words": {
                "description": "Further words or phrases that name only taking part.",
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": [],
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each assessment without a type or that is only taking part."""
        assessed = _ASSESSED | _phrases(context.options.get("assessed_words", []))
        taking_part = _phrases(context.options.get("taking_part_words", []))
        assessments = context.descriptor.assessments or []
        if not assessments:
            yield Problem(
                "/assessments" if "assessments" in context.data else "",
                f"no assessment is described; say how learners are assessed, {_EXAMPLES}",
            )
            return

        readings = [self._read(a, assessed, taking_part) for a in assessments]
        assessed_elsewhere = any(
            r.typed and r.taking_part is None and (r.assessed or not r.generic) for r in readings
        )
        problems: list[Problem] = []
        for index, (assessment, reading) in enumerate(zip(assessments, readings, strict=True)):
            pointer = f"/assessments/{index}"
            name = self._name(assessment, index)
            if not reading.typed:
                problems.append(
                    Problem(
                        f"{pointer}/type" if assessment.type is not None else pointer,
                        f"{name} has no type; name the kind of assessment, {_EXAMPLES}",
                    )
                )
            if reading.taking_part is not None:
                text = assessment.type if reading.source == "type" else assessment.description
                problems.append(
                    self._taking_part_problem(
                        f"{pointer}/{reading.source}",
                        name,
                        text or "",
                        reading.taking_part,
                        beside_real=assessed_elsewhere,
                    )
                )
            elif reading.typed and reading.generic and not reading.assessed:
                if assessment.description is None or not assessment.description.strip():
                    problems.append(
                        Problem(
                            f"{pointer}/type",
                            f"{name}: the type {quote(assessment.type or '')} does not say how "
                            f"learners are assessed; name the kind of assessment, {_EXAMPLES}",
                        )
                    )
                else:
                    problems.append(
                        Problem(
                            f"{pointer}/type",
                            f"{name}: the type {quote(assessment.type or '')} says little; "
                            f"name the kind of assessment, {_EXAMPLES}",
                            severity="warning",
                        )
                    )
        yield from in_document_order(context.data, problems)

    @staticmethod
    def _read(
        assessment: Assessment,
        assessed: frozenset[tuple[str, ...]],
        taking_part: frozenset[tuple[str, ...]],
    ) -> _Reading:
        kind = " ".join((assessment.type or "").split())
        description = assessment.description or ""
        type_tokens = _tokens(kind)
        description_tokens = _tokens(description)
        typed = len(kind) >= 2
        generic = " ".join(type_tokens) in _GENERIC_TYPES
        if _find_assessed(type_tokens, assessed) or _find_assessed(description_tokens, assessed):
            return _Reading(typed, True, None, "type", generic)
        if " ".join(type_tokens) in _NO_ASSESSMENT:
            return _Reading(typed, False, "none", "type", generic)
        what = _taking_part(type_tokens, taking_part)
        if what is not None:
            return _Reading(typed, False, what, "type", generic)
        if " ".join(description_tokens) in _NO_ASSESSMENT:
            return _Reading(typed, False, "none", "description", generic)
        what = _taking_part(description_tokens, taking_part)
        return _Reading(typed, False, what, "description" if what else "type", generic)

    @staticmethod
    def _taking_part_problem(
        pointer: str, name: str, text: str, what: str, *, beside_real: bool
    ) -> Problem:
        if what == "none":
            said = f"{name} says there is no assessment ({quote(text)})"
        else:
            said = (
                f"{name} ({quote(text)}) assesses nothing: {what} shows that a learner "
                "took part, not what they can do"
            )
        if beside_real:
            return Problem(
                pointer,
                f"{said}; the other assessments assess the learners, so remove this one or "
                "say what it assesses",
                severity="warning",
            )
        return Problem(pointer, f"{said}; say how learners are assessed, {_EXAMPLES}")

    @staticmethod
    def _name(assessment: Assessment, index: int) -> str:
        if assessment.id:
            return f"the assessment {quote(assessment.id)}"
        return f"assessment {index + 1}"
