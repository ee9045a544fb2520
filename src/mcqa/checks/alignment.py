"""Every learning outcome is assessed, and every assessment names real outcomes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._walk import in_document_order, quote
from mcqa.validate import suggest

__all__ = ["OutcomeAssessmentAlignment"]

# Bounds on what a message about an unknown outcome id compares with and lists.
_MAX_SUGGEST = 200
_MAX_LISTED = 20


class OutcomeAssessmentAlignment:
    """Every learning outcome is assessed, and every assessment refers to real outcomes.

    Outcomes and assessments must work together: an outcome that no
    assessment measures is a promise nobody checks, and an assessment that
    measures no stated outcome does not show what the credential certifies.
    Outcomes therefore need ids (``LO1``, ``LO2``, ...) and each assessment
    lists, under ``outcomes``, the ids of the outcomes it measures.

    Errors:

    - no learning outcomes, or no assessments;
    - an outcome without an id (a plain line of text has none), or with the
      id of an earlier outcome;
    - an outcome whose id no assessment lists;
    - an assessment without an ``outcomes`` list, or with an empty one;
    - an assessment listing an id that no outcome has (with a "did you
      mean" when the id looks mistyped).

    Options: none.

    **PASS**

    ```yaml
    learning_outcomes:
      - {id: LO1, statement: Clean a messy data set}
      - {id: LO2, statement: Explain the choices made while cleaning it}
    assessments:
      - {type: project, outcomes: [LO1, LO2]}
    ```

    **FAIL**

    ```yaml
    learning_outcomes:
      - {id: LO1, statement: Clean a messy data set}
      - {id: LO2, statement: Explain the choices made}   # error: not assessed
      - Present the results                              # error: no id
    assessments:
      - {type: project, outcomes: [LO1, L03]}            # error: no outcome 'L03'
    ```
    """

    ID: ClassVar[str] = "outcome-assessment-alignment"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {},
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each outcome or assessment that is not aligned."""
        descriptor = context.descriptor
        data = context.data
        outcomes = descriptor.learning_outcomes or []
        assessments = descriptor.assessments or []

        missing: list[Problem] = []
        if not outcomes:
            missing.append(
                Problem(
                    "/learning_outcomes" if "learning_outcomes" in data else "",
                    "there are no learning outcomes for the assessments to measure; "
                    "list the outcomes, each with an id such as LO1",
                )
            )
        if not assessments:
            missing.append(
                Problem(
                    "/assessments" if "assessments" in data else "",
                    "there are no assessments, so no outcome is shown to be met; "
                    "describe each assessment and list the ids of the outcomes it measures",
                )
            )
        if missing:
            yield from in_document_order(data, missing)
            return

        raw_outcomes = data.get("learning_outcomes")
        problems: list[Problem] = []

        referenced: set[str] = set()
        for assessment in assessments:
            referenced.update(assessment.outcomes or [])

        ids: list[str] = []
        known: set[str] = set()
        for index, outcome in enumerate(outcomes):
            pointer = f"/learning_outcomes/{index}"
            item = (
                raw_outcomes[index]
                if isinstance(raw_outcomes, list) and index < len(raw_outcomes)
                else None
            )
            outcome_id = outcome.id
            if isinstance(item, str) or outcome_id is None or not outcome_id.strip():
                problems.append(
                    Problem(
                        pointer,
                        f"the outcome {quote(outcome.statement)} has no id; give it an id "
                        f"such as LO{index + 1} so assessments can refer to it",
                    )
                )
                continue
            if outcome_id in known:
                problems.append(
                    Problem(
                        f"{pointer}/id",
                        f"the id {quote(outcome_id)} is already used by an earlier outcome; "
                        "give each outcome its own id",
                    )
                )
                continue
            ids.append(outcome_id)
            known.add(outcome_id)
            if outcome_id not in referenced:
                problems.append(
                    Problem(
                        pointer,
                        f"{quote(outcome_id)} is not assessed by any assessment; add it to the "
                        "outcomes list of the assessment that measures it",
                    )
                )

        for j, assessment in enumerate(assessments):
            pointer = f"/assessments/{j}"
            name = self._name(assessment.id, assessment.type, j)
            if assessment.outcomes is None:
                problems.append(
                    Problem(
                        pointer,
                        f"{name} does not say which outcomes it measures; add an outcomes "
                        "list with their ids, e.g. outcomes: [LO1, LO2]",
                    )
                )
                continue
            if not assessment.outcomes:
                problems.append(
                    Problem(
                        f"{pointer}/outcomes",
                        f"{name} has an empty outcomes list; add the ids of the outcomes "
                        "it measures",
                    )
                )
                continue
            for k, reference in enumerate(assessment.outcomes):
                if reference in known:
                    continue
                # Suggestions compare with every id: bounded, so that a descriptor
                # with thousands of outcomes stays linear to check and to read.
                hint = suggest(reference, ids) if len(ids) <= _MAX_SUGGEST else None
                if hint is not None:
                    advice = f"did you mean {quote(hint)}?"
                elif ids and len(ids) <= _MAX_LISTED:
                    advice = "the outcome ids are " + ", ".join(quote(i) for i in ids)
                elif ids:
                    shown = ", ".join(quote(i) for i in ids[:_MAX_LISTED])
                    advice = f"the outcome ids include {shown} and {len(ids) - _MAX_LISTED} more"
                else:
                    advice = "no outcome has an id yet"
                problems.append(
                    Problem(
                        f"{pointer}/outcomes/{k}",
                        f"{name} refers to the outcome {quote(reference)}, which does not exist; "
                        f"{advice}",
                    )
                )

        yield from in_document_order(data, problems)

    @staticmethod
    def _name(assessment_id: str | None, kind: str | None, index: int) -> str:
        if assessment_id:
            return f"the assessment {quote(assessment_id)}"
        if kind:
            return f"assessment {index + 1} ({' '.join(kind.split())})"
        return f"assessment {index + 1}"
