"""What every built-in check promises, whatever it checks.

Each check is a :class:`~mcqa.checks.Check`, has a closed options schema with
a default for every option, and documents one passing and one failing example
that hold. What a check finds is tested in its own module.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from mcqa.checks import BUILTIN_CHECKS, Check, default_options

from ._support import documented_example, errors, run_check

each_check = pytest.mark.parametrize(
    "check", list(BUILTIN_CHECKS.values()), ids=list(BUILTIN_CHECKS)
)


def test_there_are_checks_to_test() -> None:
    assert len(BUILTIN_CHECKS) >= 8


@each_check
def test_satisfies_the_check_protocol(check: Check) -> None:
    assert isinstance(check, Check)
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", check.ID), check.ID
    assert BUILTIN_CHECKS[check.ID] is check
    assert callable(check.run)


@each_check
def test_the_options_schema_is_valid_closed_and_defaulted(check: Check) -> None:
    schema = check.OPTIONS_SCHEMA
    Draft202012Validator.check_schema(schema)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    properties: dict[str, Any] = schema["properties"]
    for name, spec in properties.items():
        assert "default" in spec, name
        Draft202012Validator(spec).validate(spec["default"])
    defaults = default_options(check, {})
    assert set(defaults) == set(properties)
    Draft202012Validator(schema).validate(defaults)


@each_check
def test_the_docstring_has_pass_and_fail_examples(check: Check) -> None:
    passing = documented_example(check, "PASS")
    failing = documented_example(check, "FAIL")
    assert passing
    assert failing
    assert passing != failing


@each_check
def test_the_pass_example_yields_no_error(check: Check) -> None:
    assert errors(run_check(check, documented_example(check, "PASS"))) == []


@each_check
def test_the_fail_example_yields_an_error(check: Check) -> None:
    problems = run_check(check, documented_example(check, "FAIL"))
    if getattr(check, "ADVISORY", False):
        # An advisory check only ever advises: its FAIL example warns, and never fails.
        assert [p for p in problems if p.severity == "warning"] != []
        assert errors(problems) == []
        return
    assert errors(problems) != []
