"""Invariants of combining reviewers' forms, for every policy, scale and round.

* The order the forms come in changes nothing (not the decision, not the report).
* One more "met" never lowers a result: turning one reviewer's ``not_met`` into
  ``met`` (or raising one level) never makes a standard's status, the points
  earned or the decision worse. Nor does adding a ``met`` where a reviewer left
  a standard blank, on rubrics that need one answer per standard and answers
  that are met or not met. (With ``min_reviewers`` above one, a new answer can
  settle an undecided standard either way, so "blank to met" is not monotone
  there; with ``not_applicable`` answers, a met can break a not-applicable
  majority into a tie. Both are the policies working as documented.)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcqa.evaluate import evaluate_document
from mcqa.load import load_text
from mcqa.models import Answer, DescriptorResult, Review, Rubric

TODAY = dt.date(2026, 11, 28)
DOCUMENT = load_text('{"id": "d1", "title": "Data literacy"}', format="json", path="d1.json")
IDS = ["1.1", "1.2", "1.3", "2.1", "2.2"]
ROLES = ["chair", "peer", "sme", "external", "self"]
LEVELS = [{"value": v, "label": f"Level {v}"} for v in range(4)]

STATUS_RANK = {"not_met": 0, "pending_review": 1, "met": 2}
DECISION_RANK = {"not_conformant": 0, "pending_review": 1, "conformant": 2}


def rubric(policy: str, levels: bool, min_reviewers: int, amendment_role: str | None) -> Rubric:
    return Rubric.model_validate(
        {
            "id": "demo",
            "version": "1.0.0",
            "title": "Demo",
            "scale": {"type": "levels", "levels": LEVELS} if levels else {"type": "binary"},
            "conformance": {"type": "threshold", "threshold_percent": 75},
            "aggregation": {
                "policy": policy,
                "min_reviewers": min_reviewers,
                "amendment_role": amendment_role,
            },
            "categories": [
                {
                    "id": cid,
                    "title": f"Category {cid}",
                    "standards": [
                        {
                            "id": sid,
                            "title": f"Standard {sid}",
                            "text": "Text.",
                            "points": 1 + n % 3,
                            "essential": n == 0,
                        }
                        for n, sid in enumerate(IDS)
                        if sid.startswith(cid + ".")
                    ],
                }
                for cid in ("1", "2")
            ],
        }
    )


@st.composite
def cases(draw: st.DrawFn, *, allow_na: bool = True) -> tuple[Rubric, list[Review]]:
    levels = draw(st.booleans())
    policies = (
        ["mean", "median", "verified", "chair"]
        if levels
        else ["majority", "unanimous", "chair", "verified"]
    )
    policy = draw(st.sampled_from(policies))
    chosen = rubric(
        policy,
        levels,
        draw(st.integers(1, 3)),
        draw(st.sampled_from([None, "chair", "peer"])),
    )
    verdicts = ["met", "not_met", "not_applicable"] if allow_na else ["met", "not_met"]
    answer = (
        st.one_of(st.none(), st.integers(0, 3).map(lambda v: {"level": v}))
        if levels
        else st.one_of(st.none(), st.sampled_from(verdicts).map(lambda v: {"verdict": v}))
    )
    forms = []
    for number in range(draw(st.integers(1, 5))):
        answers: dict[str, Any] = {}
        for sid in IDS:
            given_answer = draw(answer)
            if given_answer is not None:
                answers[sid] = given_answer
        forms.append(
            Review.model_validate(
                {
                    "rubric": "demo@1.0.0",
                    "descriptor": {"path": "d1.json", "id": "d1"},
                    "reviewer": {
                        "name": draw(st.sampled_from(["Ana", "Liam", "Sofia", "Noor"])),
                        "role": draw(st.sampled_from(ROLES)),
                    },
                    "round": draw(st.sampled_from([1, 1, 1, 2])),
                    "date": f"2026-11-{10 + number}",
                    "standards": answers,
                }
            )
        )
    return chosen, forms


def run(chosen: Rubric, forms: list[Review]) -> DescriptorResult:
    return evaluate_document(DOCUMENT, chosen, forms, today=TODAY)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_the_forms_changes_nothing(
    case: tuple[Rubric, list[Review]], random: Any
) -> None:
    chosen, forms = case
    shuffled = list(forms)
    random.shuffle(shuffled)
    assert run(chosen, shuffled) == run(chosen, forms)


def not_worse(before: DescriptorResult, after: DescriptorResult) -> None:
    # One more "met" can split a settled "not met" into a tie (1 to 1, 2 to 2), which
    # leaves that standard undecided: the decision then awaits review again. That is
    # the one way a conformant result may become pending; it never becomes worse.
    unsettled = any(
        old.status == "not_met" and new.status == "pending_review"
        for old, new in zip(before.standards, after.standards, strict=True)
    )
    if not (before.decision == "conformant" and after.decision == "pending_review" and unsettled):
        assert DECISION_RANK[after.decision] >= DECISION_RANK[before.decision]
    assert after.score is not None and before.score is not None
    assert after.score.earned >= before.score.earned
    for old, new in zip(before.standards, after.standards, strict=True):
        if old.status != "not_applicable" and new.status != "not_applicable":
            assert STATUS_RANK[new.status] >= STATUS_RANK[old.status], (old, new)


def improve(form: Review, sid: str, levels: bool) -> Review | None:
    answer = form.standards.get(sid)
    if answer is None:
        return None
    if levels:
        if answer.level is None or answer.level >= 3:
            return None
        better = answer.model_copy(update={"level": answer.level + 1})
    else:
        if answer.verdict != "not_met":
            return None
        better = answer.model_copy(update={"verdict": "met"})
    return form.model_copy(update={"standards": {**form.standards, sid: better}})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.data())
def test_one_more_met_never_lowers_a_result(
    case: tuple[Rubric, list[Review]], data: st.DataObject
) -> None:
    chosen, forms = case
    levels = chosen.scale.type == "levels"
    candidates = [
        (i, sid) for i, form in enumerate(forms) for sid in IDS if improve(form, sid, levels)
    ]
    if not candidates:
        return
    index, sid = data.draw(st.sampled_from(candidates))
    better = list(forms)
    changed = improve(forms[index], sid, levels)
    assert changed is not None
    better[index] = changed
    not_worse(run(chosen, forms), run(chosen, better))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(allow_na=False), st.data())
def test_a_met_where_a_reviewer_left_a_blank_never_lowers_a_result(
    case: tuple[Rubric, list[Review]], data: st.DataObject
) -> None:
    chosen, forms = case
    if chosen.aggregation.min_reviewers != 1 or chosen.scale.type == "levels":
        chosen = rubric(
            chosen.aggregation.policy
            if chosen.aggregation.policy in ("majority", "unanimous", "chair", "verified")
            else "majority",
            False,
            1,
            chosen.aggregation.amendment_role,
        )
        forms = [
            f.model_copy(update={"standards": {k: a for k, a in f.standards.items() if a.verdict}})
            for f in forms
        ]
    blanks = [(i, sid) for i, form in enumerate(forms) for sid in IDS if sid not in form.standards]
    if not blanks:
        return
    index, sid = data.draw(st.sampled_from(blanks))
    more = list(forms)
    more[index] = forms[index].model_copy(
        update={"standards": {**forms[index].standards, sid: Answer(verdict="met")}}
    )
    not_worse(run(chosen, forms), run(chosen, more))
