"""The ``cost-disclosure`` check and the ISO 4217 codes it accepts."""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks._codes import price_currency_codes
from mcqa.checks.cost import CostDisclosure

from ._support import places, run_check

CHECK = CostDisclosure()
ISO_4217_CODES = price_currency_codes()


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "cost-disclosure"
    assert default_options(CHECK, {}) == {"require_currency": True}


def test_the_currency_list_is_sound() -> None:
    assert all(len(c) == 3 and c.isascii() and c.isupper() for c in ISO_4217_CODES)
    assert {"EUR", "USD", "GBP", "JPY", "CHF", "NZD", "AUD", "CAD", "INR"} <= ISO_4217_CODES
    assert {"XAF", "XOF", "XCD", "XPF"} <= ISO_4217_CODES  # real currencies despite the X
    assert not ({"HRK", "VEF", "DEM", "FRF", "MRO", "STD"} & ISO_4217_CODES)
    assert not ({"XXX", "XTS", "XAU", "XDR"} & ISO_4217_CODES)
    assert 150 < len(ISO_4217_CODES) < 200


@pytest.mark.parametrize(
    "cost",
    [
        {"amount": 450, "currency": "EUR"},
        {"amount": 0},
        {"amount": 0, "currency": "USD"},
        {"amount": 19.99, "currency": "GBP", "includes": "exam fee"},
    ],
)
def test_a_disclosed_cost_passes(cost: dict[str, Any]) -> None:
    assert run({"cost": cost}) == []


def test_no_cost_is_an_error_at_the_top() -> None:
    (problem,) = run({})
    assert (problem.pointer, problem.severity) == ("", "error")
    assert problem.message == (
        "the cost is not stated; give the full price and its currency, or 0 if it is free"
    )


def test_a_null_cost_is_an_error_at_the_field() -> None:
    assert places(run({"cost": None})) == [("/cost", "error")]


def test_a_cost_without_an_amount_is_an_error() -> None:
    problems = run({"cost": {"currency": "EUR"}})
    assert places(problems) == [("/cost", "error")]
    assert "no amount" in problems[0].message


def test_a_price_without_a_currency_is_an_error_at_the_amount() -> None:
    problems = run({"cost": {"amount": 250}})
    assert places(problems) == [("/cost/amount", "error")]
    assert "250" in problems[0].message
    assert "currency" in problems[0].message
    assert run({"cost": {"amount": 250}}, require_currency=False) == []


@pytest.mark.parametrize(
    ("currency", "hint"),
    [
        ("€", "EUR"),
        ("EURO", "EUR"),
        ("euros", "EUR"),
        ("$", "USD"),
        ("US$", "USD"),
        ("£", "GBP"),
        ("EUE", "EUR"),
    ],
)
def test_an_unknown_currency_is_an_error_with_a_suggestion(currency: str, hint: str) -> None:
    problems = run({"cost": {"amount": 100, "currency": currency}})
    assert places(problems) == [("/cost/currency", "error")]
    assert f"'{currency}' is not an ISO 4217 currency code" in problems[0].message
    assert f"did you mean '{hint}'?" in problems[0].message


@pytest.mark.parametrize("currency", ["HRK", "QQQ", "Dutch guilders"])
def test_withdrawn_or_made_up_codes_are_errors(currency: str) -> None:
    (problem,) = run({"cost": {"amount": 100, "currency": currency}})
    assert (problem.pointer, problem.severity) == ("/cost/currency", "error")


@pytest.mark.parametrize(("currency", "successor"), [("HRK", "EUR"), ("ANG", "XCG")])
def test_a_withdrawn_code_suggests_its_successor(currency: str, successor: str) -> None:
    (problem,) = run({"cost": {"amount": 100, "currency": currency}})
    assert "no longer an ISO 4217 currency code" in problem.message
    assert f"did you mean '{successor}'?" in problem.message


@pytest.mark.parametrize("currency", ["XXX", "XTS", "XAU", "XDR", "xxx"])
def test_codes_that_are_no_currency_are_errors(currency: str) -> None:
    (problem,) = run({"cost": {"amount": 100, "currency": currency}})
    assert (problem.pointer, problem.severity) == ("/cost/currency", "error")
    assert "not a currency a learner can pay in" in problem.message


@pytest.mark.parametrize("currency", ["XOF", "XAF", "XCD"])
def test_currencies_whose_code_starts_with_x_pass(currency: str) -> None:
    assert run({"cost": {"amount": 100, "currency": currency}}) == []


def test_a_code_not_in_capitals_is_a_warning() -> None:
    problems = run({"cost": {"amount": 100, "currency": "eur"}})
    assert places(problems) == [("/cost/currency", "warning")]
    assert "'EUR'" in problems[0].message


def test_a_currency_with_a_free_credential_is_still_checked() -> None:
    assert places(run({"cost": {"amount": 0, "currency": "€"}})) == [("/cost/currency", "error")]


def test_problems_come_in_document_order() -> None:
    assert [p.pointer for p in run({"cost": {"currency": "eur"}})] == ["/cost", "/cost/currency"]


@given(code=st.sampled_from(sorted(ISO_4217_CODES)), amount=st.floats(0, 1e9))
def test_every_active_code_passes(code: str, amount: float) -> None:
    assert run({"cost": {"amount": amount, "currency": code}}) == []


@given(code=st.text(string.ascii_uppercase, min_size=3, max_size=3))
def test_every_other_three_letter_code_fails(code: str) -> None:
    problems = run({"cost": {"amount": 10, "currency": code}})
    if code in ISO_4217_CODES:
        assert problems == []
    else:
        assert places(problems) == [("/cost/currency", "error")]


@given(
    cost=st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {},
            optional={
                "amount": st.floats(min_value=0, allow_nan=False, allow_infinity=False),
                "currency": st.text(max_size=6),
            },
        ),
    ),
    require_currency=st.booleans(),
)
def test_any_cost_gives_well_formed_problems(
    cost: dict[str, Any] | None, require_currency: bool
) -> None:
    for problem in run({"cost": cost}, require_currency=require_currency):
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer in ("/cost", "/cost/amount", "/cost/currency")
