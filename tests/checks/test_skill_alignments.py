"""The ``skill-alignments`` check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.skill_alignments import SkillAlignments

from ._support import places, run_check

CHECK = SkillAlignments()

ESCO_SKILL = "http://data.europa.eu/esco/skill/7dd94ad3-13d6-43fe-8b94-51fcbf67ced9"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"


def outcome(*alignments: dict[str, Any], id_: str = "LO1") -> dict[str, Any]:
    return {
        "id": id_,
        "statement": "Judge the reliability of a source",
        "alignments": list(alignments),
    }


def run(outcomes: Any, **options: Any) -> list[Problem]:
    return run_check(CHECK, {"learning_outcomes": outcomes}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "skill-alignments"
    assert default_options(CHECK, {}) == {"require_every_outcome": True}


@pytest.mark.parametrize(
    "alignment",
    [
        {"framework": "ESCO", "name": "evaluate information", "url": ESCO_SKILL},
        {"framework": "ESCO", "code": ESCO_SKILL},
        {"framework": "ESCO", "code": "S1.2.1"},
        {"framework": "O*NET", "code": "2.A.1.a", "name": "Reading Comprehension"},
        {"framework": "O*NET", "url": "https://www.onetonline.org/link/summary/15-1131.00"},
        {"framework": "Mozilla 21st Century Skills", "code": "anything"},
        {"framework": "Our competency map", "url": "https://example.edu/competencies/7"},
    ],
)
def test_aligned_outcomes_pass(alignment: dict[str, Any]) -> None:
    assert run([outcome(alignment)]) == []


def test_no_outcomes_is_an_error() -> None:
    assert places(run_check(CHECK, {})) == [("", "error")]
    assert places(run([])) == [("/learning_outcomes", "error")]


def test_an_outcome_without_alignments_is_an_error() -> None:
    problems = run(
        [
            outcome({"framework": "ESCO", "url": ESCO_SKILL}),
            "Present the results to a lay audience",
            {"id": "LO3", "statement": "Write a short report", "alignments": []},
        ]
    )
    assert places(problems) == [
        ("/learning_outcomes/1", "error"),
        ("/learning_outcomes/2/alignments", "error"),
    ]
    assert problems[0].message.startswith("outcome 2 is not aligned to a skill")
    assert problems[1].message.startswith("the outcome 'LO3' is not aligned to a skill")


def test_one_aligned_outcome_may_be_enough() -> None:
    outcomes = [outcome({"framework": "ESCO", "url": ESCO_SKILL}), "Present the results"]
    assert run(outcomes, require_every_outcome=False) == []
    assert places(run(["Present the results"], require_every_outcome=False)) == [
        ("/learning_outcomes/0", "error")
    ]


def test_an_alignment_needs_a_framework_and_a_code_or_url() -> None:
    problems = run([outcome({"name": "evaluate information"}, {"framework": "ESCO"})])
    assert places(problems) == [
        ("/learning_outcomes/0/alignments/0", "error"),
        ("/learning_outcomes/0/alignments/0", "error"),
        ("/learning_outcomes/0/alignments/1", "error"),
    ]
    assert "names no framework" in problems[0].message
    assert "gives neither a code nor a URL" in problems[1].message


@pytest.mark.parametrize(
    ("alignment", "pointer", "fragment"),
    [
        ({"framework": "ESCO", "code": "evaluate information"}, "code", "not an ESCO skill"),
        ({"framework": "ESCO", "url": ESCO_OCCUPATION}, "url", "is an ESCO occupation"),
        ({"framework": "ESCO", "url": "https://example.org/skill/1"}, "url", "not an ESCO URI"),
        ({"framework": "O*NET", "code": "reading"}, "code", "not an O*NET code"),
    ],
)
def test_codes_out_of_shape_are_errors(
    alignment: dict[str, Any], pointer: str, fragment: str
) -> None:
    problems = run([outcome(alignment)])
    assert places(problems) == [(f"/learning_outcomes/0/alignments/0/{pointer}", "error")]
    assert fragment in problems[0].message


def test_both_code_and_url_are_checked() -> None:
    problems = run([outcome({"framework": "ESCO", "code": "cleaning", "url": ESCO_OCCUPATION})])
    assert [p.pointer for p in problems] == [
        "/learning_outcomes/0/alignments/0/code",
        "/learning_outcomes/0/alignments/0/url",
    ]


def test_an_esco_link_with_extra_text_is_a_warning() -> None:
    problems = run([outcome({"framework": "ESCO", "url": ESCO_SKILL + "&language=en"})])
    assert places(problems) == [("/learning_outcomes/0/alignments/0/url", "warning")]


@given(
    st.lists(
        st.one_of(
            st.text(min_size=1, max_size=10),
            st.fixed_dictionaries(
                {"statement": st.text(max_size=10)},
                optional={
                    "alignments": st.lists(
                        st.fixed_dictionaries(
                            {},
                            optional={
                                "framework": st.sampled_from(["ESCO", "O*NET", "x", ""]),
                                "code": st.text(max_size=15),
                                "url": st.text(min_size=1, max_size=15),
                            },
                        ),
                        max_size=2,
                    )
                },
            ),
        ),
        max_size=3,
    ),
    st.booleans(),
)
def test_any_outcomes_give_well_formed_problems(outcomes: list[Any], every: bool) -> None:
    for problem in run(outcomes, require_every_outcome=every):
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer.startswith("/learning_outcomes")
