"""The ``awarding-body`` check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.awarding_body import AwardingBody

from ._support import errors, places, run_check

CHECK = AwardingBody()


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "awarding-body"
    assert default_options(CHECK, {}) == {"require_country": True}


@pytest.mark.parametrize(
    "fields",
    [
        {"issuer": {"name": "University of Example", "country": "NL"}},
        {"issuer": {"name": "Faculty of Engineering", "parent": "Example U", "country": "BE"}},
        {"issuer": {"name": "TAFE Example", "country": "AU", "region": "Victoria"}},
        {"issuer": {"name": "Prishtina College", "country": "XK"}},
        {
            "issuer": {"name": "University A", "country": "NL"},
            "co_issuers": [
                {"name": "University B", "country": "DE"},
                {"name": "University C", "country": "FR", "region": "Occitanie"},
            ],
        },
        {"issuer": {"name": "University A", "country": "NL"}, "co_issuers": []},
    ],
)
def test_named_bodies_with_real_countries_pass(fields: dict[str, Any]) -> None:
    assert run(fields) == []


def test_no_issuer_is_an_error_at_the_top() -> None:
    (problem,) = run({})
    assert (problem.pointer, problem.severity) == ("", "error")
    assert "the awarding body is not named" in problem.message
    assert places(run({"issuer": None})) == [("/issuer", "error")]


def test_the_weak_example_of_the_rubric_fails() -> None:
    """Only a platform's name and the private-use country ZZ."""
    problems = run({"issuer": {"name": "Learning Platform", "country": "ZZ"}})
    assert places(problems) == [("/issuer/country", "error")]
    assert problems[0].message == (
        "'ZZ' is a code for private use, not a country; give the two-letter ISO 3166-1 code "
        "of the country, e.g. NL"
    )


@pytest.mark.parametrize("country", ["ZZ", "XX", "QM", "zz", "AA", "XA"])
def test_private_use_countries_are_errors(country: str) -> None:
    problems = run({"issuer": {"name": "Example University", "country": country}})
    assert places(problems) == [("/issuer/country", "error")]
    assert "private use" in problems[0].message


def test_a_three_letter_country_is_an_error_naming_the_two_letter_code() -> None:
    (problem,) = run({"issuer": {"name": "Example University", "country": "NLD"}})
    assert (problem.pointer, problem.severity) == ("/issuer/country", "error")
    assert "use the two-letter code 'NL'" in problem.message


def test_a_lower_case_country_is_a_warning() -> None:
    problems = run({"issuer": {"name": "Example University", "country": "nl"}})
    assert places(problems) == [("/issuer/country", "warning")]
    assert "in capitals, as 'NL'" in problems[0].message


def test_missing_name_and_country_are_errors() -> None:
    problems = run({"issuer": {}})
    assert places(problems) == [("/issuer", "error"), ("/issuer", "error")]
    assert "has no name" in problems[0].message
    assert "has no country" in problems[1].message


@pytest.mark.parametrize("name", ["", " ", "X", " Y  "])
def test_a_name_of_fewer_than_two_characters_is_an_error(name: str) -> None:
    problems = run({"issuer": {"name": name, "country": "NL"}})
    assert places(problems) == [("/issuer/name", "error")]


def test_the_country_may_be_optional() -> None:
    assert run({"issuer": {"name": "Example University"}}, require_country=False) == []
    problems = run(
        {"issuer": {"name": "Example University", "country": "ZZ"}}, require_country=False
    )
    assert places(problems) == [("/issuer/country", "error")]


def test_every_co_issuer_is_checked() -> None:
    problems = run(
        {
            "issuer": {"name": "University A", "country": "NL"},
            "co_issuers": [
                {"name": "University B", "country": "DE"},
                {"name": "University C"},
                {"country": "QM"},
            ],
        }
    )
    assert places(problems) == [
        ("/co_issuers/1", "error"),
        ("/co_issuers/2", "error"),
        ("/co_issuers/2/country", "error"),
    ]
    assert problems[0].message.startswith("co-issuer 2 'University C' has no country")
    assert problems[1].message.startswith("co-issuer 3 has no name")


def test_co_issuers_without_an_issuer_still_fail() -> None:
    problems = run({"co_issuers": [{"name": "University B", "country": "DE"}]})
    assert places(problems) == [("", "error")]


@given(
    issuer=st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {},
            optional={
                "name": st.text(max_size=10),
                "country": st.text(max_size=4),
                "region": st.text(max_size=5),
            },
        ),
    ),
    require_country=st.booleans(),
)
def test_any_issuer_gives_well_formed_problems(
    issuer: dict[str, Any] | None, require_country: bool
) -> None:
    problems = run({"issuer": issuer}, require_country=require_country)
    for problem in problems:
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer in ("/issuer", "/issuer/name", "/issuer/country")
    if issuer is not None and require_country and "country" not in issuer:
        assert errors(problems)
