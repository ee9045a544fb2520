"""The ``occupation-codes`` check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.occupation_codes import OccupationCodes

from ._support import places, run_check

CHECK = OccupationCodes()

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"
ESCO_SKILL = "http://data.europa.eu/esco/skill/7dd94ad3-13d6-43fe-8b94-51fcbf67ced9"


def run(occupations: Any, **options: Any) -> list[Problem]:
    return run_check(CHECK, {"relevance": {"occupations": occupations}}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "occupation-codes"
    assert default_options(CHECK, {}) == {"require_code": True}


@pytest.mark.parametrize(
    "occupation",
    [
        {"framework": "ESCO", "code": "2511.1", "title": "data analyst"},
        {"framework": "ESCO", "code": ESCO_OCCUPATION},
        {"framework": "O*NET-SOC", "code": "15-2051.00", "title": "Data Scientists"},
        {"framework": "O*NET-SOC", "code": "15-2051"},
        {"framework": "ISCO-08", "code": "2511"},
        {"framework": "SOC 2018", "code": "15-2051"},
        {"framework": "NZSCO", "code": "224999"},
    ],
)
def test_coded_occupations_pass(occupation: dict[str, Any]) -> None:
    assert run([occupation]) == []


def test_no_occupations_is_an_error_where_they_belong() -> None:
    assert places(run_check(CHECK, {})) == [("", "error")]
    assert places(run_check(CHECK, {"relevance": {}})) == [("/relevance", "error")]
    assert places(run([])) == [("/relevance/occupations", "error")]
    (problem,) = run(None)
    assert "no occupation is named" in problem.message


def test_the_weak_example_of_the_rubric_fails() -> None:
    problems = run([{"title": "many roles in technology"}])
    assert places(problems) == [
        ("/relevance/occupations/0", "error"),
        ("/relevance/occupations/0", "error"),
    ]
    assert "names no framework" in problems[0].message
    assert "has no code" in problems[1].message
    assert "'many roles in technology'" in problems[0].message


@pytest.mark.parametrize(
    ("occupation", "fragment"),
    [
        ({"framework": "ISCO-08", "code": "25"}, "group, not an occupation"),
        ({"framework": "ESCO", "code": ESCO_SKILL}, "is an ESCO skill, not an ESCO occupation"),
        ({"framework": "ESCO", "code": "15-2051"}, "not an ESCO occupation code"),
        ({"framework": "O*NET", "code": "data scientist"}, "not an O*NET-SOC code"),
        ({"framework": "SOC", "code": "2134"}, "UK SOC 2020"),
    ],
)
def test_codes_out_of_shape_are_errors_at_the_code(
    occupation: dict[str, Any], fragment: str
) -> None:
    problems = run([occupation])
    assert places(problems) == [("/relevance/occupations/0/code", "error")]
    assert fragment in problems[0].message


def test_an_onet_code_under_soc_is_a_warning() -> None:
    problems = run([{"framework": "https://www.bls.gov/soc/", "code": "15-1131.00"}])
    assert places(problems) == [("/relevance/occupations/0/code", "warning")]


def test_empty_fields_are_located_at_the_field() -> None:
    problems = run([{"framework": " ", "code": ""}])
    assert places(problems) == [
        ("/relevance/occupations/0/framework", "error"),
        ("/relevance/occupations/0/code", "error"),
    ]


def test_a_title_may_stand_in_for_the_code() -> None:
    occupations = [{"framework": "ESCO", "title": "data analyst"}]
    assert places(run(occupations)) == [("/relevance/occupations/0", "error")]
    assert run(occupations, require_code=False) == []
    (problem,) = run([{"framework": "ESCO"}], require_code=False)
    assert "or at least its title" in problem.message
    assert places(run([{"framework": "ISCO-08", "code": "25"}], require_code=False)) == [
        ("/relevance/occupations/0/code", "error")
    ]


def test_each_occupation_is_checked_in_order() -> None:
    problems = run(
        [
            {"framework": "ESCO", "code": "2511.1"},
            {"framework": "ISCO-08", "code": "251"},
            {"code": "2511"},
        ]
    )
    assert places(problems) == [
        ("/relevance/occupations/1/code", "error"),
        ("/relevance/occupations/2", "error"),
    ]


@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "framework": st.sampled_from(["ESCO", "O*NET-SOC", "ISCO-08", "SOC", "other", ""]),
                "code": st.text(max_size=20),
                "title": st.text(max_size=10),
            },
        ),
        max_size=3,
    ),
    st.booleans(),
)
def test_any_occupations_give_well_formed_problems(
    occupations: list[dict[str, Any]], require_code: bool
) -> None:
    for problem in run(occupations, require_code=require_code):
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer.startswith("/relevance/occupations")
