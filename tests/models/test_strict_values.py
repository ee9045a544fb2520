"""Numbers, flags and dates in every contract: what the published schema accepts, the model accepts.

``true`` is never a number, NaN and infinity are refused, integers beyond the
float range are refused, and a date written ``YYYY-MM-DD`` must exist. The
JSON Schema says the same wherever JSON Schema can (NaN, infinity and huge
integers cannot be written in JSON; the loader reports them).
"""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mcqa.models import Config, Descriptor, Program, Review, Rubric
from mcqa.models._base import DATE_PATTERN, date_problem, number_problem
from mcqa.schema import validator_for

DESCRIPTOR = {
    "id": "d1",
    "title": "Data literacy",
    "descriptor_format": 1,
    "workload": {"hours": 75, "ects": 3},
    "cost": {"amount": 450, "financial_aid": {"eligible": False}},
    "level": {"framework": "EQF", "value": 5},
    "stackability": {"credit": {"value": 3}, "transcripted": True, "learner_record": False},
    "quality_assurance": {"last_review": "2026-03-15", "next_review": "2028-03-15"},
    "outcomes_data": {"enrollments": 120, "completion_rate": 81.5},
}
PROGRAM = {
    "id": "p1",
    "title": "Programme",
    "program_format": 1,
    "as_of": "2026-09-01",
    "microcredentials": 12,
    "policy": {"approved_on": "2025-05-01", "next_review": "2028-05-01"},
    "marketing": {"value_statements": True},
    "affordability": {"employer_funding": False},
    "quality_framework": {
        "adopted_on": "2025-06-01",
        "review_cycle_months": 36,
        "reviewed_share": 40,
    },
}
CONFIG = {
    "config_format": 1,
    "jobs": 2,
    "waivers": [{"standard": "4.2", "reason": "pending", "expires": "2027-06-30"}],
}
REVIEW = {
    "review_format": 1,
    "rubric": "mcqa-core@2.0.0",
    "descriptor": {"path": "d.yaml"},
    "round": 1,
    "date": "2026-12-01",
    "standards": {"1.1": {"level": 2}},
}
RUBRIC = {
    "rubric_format": 1,
    "id": "tiny",
    "version": "1.0.0",
    "title": "Tiny",
    "scale": {
        "type": "levels",
        "levels": [{"value": 0, "label": "no"}, {"value": 1, "label": "yes", "points": 2.5}],
    },
    "conformance": {
        "type": "bands",
        "essential_level": 1,
        "decimals": 1,
        "bands": [{"min_percent": 80, "label": "good", "conformant": True}],
    },
    "aggregation": {"min_reviewers": 2},
    "categories": [
        {
            "id": "1",
            "title": "One",
            "standards": [
                {"id": "1.1", "title": "A", "text": "A.", "points": 3, "essential": True}
            ],
        }
    ],
}
THRESHOLD_RUBRIC = {**RUBRIC, "conformance": {"type": "threshold", "threshold_percent": 85}}

# (contract, schema name, valid data, pointer, kind): every number, flag and date field.
FIELDS: list[tuple[type[BaseModel], str, dict[str, Any], str, str]] = [
    (Descriptor, "descriptor", DESCRIPTOR, "/descriptor_format", "format"),
    (Descriptor, "descriptor", DESCRIPTOR, "/workload/hours", "number"),
    (Descriptor, "descriptor", DESCRIPTOR, "/workload/ects", "number"),
    (Descriptor, "descriptor", DESCRIPTOR, "/cost/amount", "number"),
    (Descriptor, "descriptor", DESCRIPTOR, "/cost/financial_aid/eligible", "flag"),
    (Descriptor, "descriptor", DESCRIPTOR, "/level/value", "text-or-whole"),
    (Descriptor, "descriptor", DESCRIPTOR, "/stackability/credit/value", "number"),
    (Descriptor, "descriptor", DESCRIPTOR, "/stackability/transcripted", "flag"),
    (Descriptor, "descriptor", DESCRIPTOR, "/stackability/learner_record", "flag"),
    (Descriptor, "descriptor", DESCRIPTOR, "/quality_assurance/last_review", "date"),
    (Descriptor, "descriptor", DESCRIPTOR, "/quality_assurance/next_review", "date"),
    (Descriptor, "descriptor", DESCRIPTOR, "/outcomes_data/enrollments", "whole"),
    (Descriptor, "descriptor", DESCRIPTOR, "/outcomes_data/completion_rate", "percent"),
    (Program, "program", PROGRAM, "/program_format", "format"),
    (Program, "program", PROGRAM, "/as_of", "date"),
    (Program, "program", PROGRAM, "/microcredentials", "whole"),
    (Program, "program", PROGRAM, "/policy/approved_on", "date"),
    (Program, "program", PROGRAM, "/policy/next_review", "date"),
    (Program, "program", PROGRAM, "/marketing/value_statements", "flag"),
    (Program, "program", PROGRAM, "/affordability/employer_funding", "flag"),
    (Program, "program", PROGRAM, "/quality_framework/adopted_on", "date"),
    (Program, "program", PROGRAM, "/quality_framework/review_cycle_months", "whole"),
    (Program, "program", PROGRAM, "/quality_framework/reviewed_share", "percent"),
    (Config, "config", CONFIG, "/config_format", "format"),
    (Config, "config", CONFIG, "/jobs", "whole"),
    (Config, "config", CONFIG, "/waivers/0/expires", "date"),
    (Review, "review", REVIEW, "/review_format", "format"),
    (Review, "review", REVIEW, "/round", "whole"),
    (Review, "review", REVIEW, "/date", "date"),
    (Review, "review", REVIEW, "/standards/1.1/level", "whole"),
    (Rubric, "rubric", RUBRIC, "/rubric_format", "format"),
    (Rubric, "rubric", RUBRIC, "/scale/levels/1/value", "whole"),
    (Rubric, "rubric", RUBRIC, "/scale/levels/1/points", "number"),
    (Rubric, "rubric", RUBRIC, "/conformance/essential_level", "whole"),
    (Rubric, "rubric", RUBRIC, "/conformance/decimals", "whole"),
    (Rubric, "rubric", RUBRIC, "/conformance/bands/0/min_percent", "percent"),
    (Rubric, "rubric", RUBRIC, "/conformance/bands/0/conformant", "flag"),
    (Rubric, "rubric", RUBRIC, "/aggregation/min_reviewers", "whole"),
    (Rubric, "rubric", RUBRIC, "/categories/0/standards/0/points", "whole"),
    (Rubric, "rubric", RUBRIC, "/categories/0/standards/0/essential", "flag"),
    (Rubric, "rubric", THRESHOLD_RUBRIC, "/conformance/threshold_percent", "percent"),
]

PROBES: list[Any] = [
    True,
    False,
    0,
    1,
    2,
    1.0,
    3.0,
    2.5,
    -1,
    150,
    "3",
    "yes",
    None,
    [],
    {},
    "2026-02-30",
    "2028-02-29",
    "2027-13-01",
    "0000-01-01",
    "\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0661",  # Arabic-Indic digits
    "2026-01-01\n",
]
NUMERIC = ("number", "percent", "whole", "format")
UNUSABLE = [math.nan, math.inf, -math.inf, 10**400, -(10**309)]


def put(data: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    result = copy.deepcopy(data)
    *parents, last = pointer.split("/")[1:]
    target: Any = result
    for token in parents:
        target = target[int(token)] if isinstance(target, list) else target[token]
    target[last] = value
    return result


def model_accepts(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(("model", "schema", "base", "pointer", "kind"), FIELDS)
def test_the_base_documents_are_valid(
    model: type[BaseModel], schema: str, base: dict[str, Any], pointer: str, kind: str
) -> None:
    assert model_accepts(model, base)
    assert validator_for(schema).is_valid(base)


@pytest.mark.parametrize(("model", "schema", "base", "pointer", "kind"), FIELDS)
@pytest.mark.parametrize("value", PROBES)
def test_the_model_accepts_what_the_schema_accepts(
    model: type[BaseModel], schema: str, base: dict[str, Any], pointer: str, kind: str, value: Any
) -> None:
    data = put(base, pointer, value)
    by_schema = validator_for(schema).is_valid(data)
    by_model = model_accepts(model, data)
    if kind == "date" and value == "2026-01-01\n":
        # Python's '$' matches before a final newline, so jsonschema lets it through;
        # the model refuses it, and the engine reports the model's error as a finding.
        assert not by_model
        return
    if kind == "format" and value is None:
        # The published schema refuses ``descriptor_format: null`` (its ``const: 1``
        # applies to null too) while the model takes it as "not given".
        return
    assert by_model == by_schema, (pointer, value)
    if isinstance(value, bool):
        assert by_model == (kind == "flag"), pointer
    elif kind == "flag":
        assert not by_model or value is None
    if kind in NUMERIC and isinstance(value, str):
        assert not by_model
    if kind == "date" and value != "2028-02-29" and value is not None:
        assert not by_model


@pytest.mark.parametrize(("model", "schema", "base", "pointer", "kind"), FIELDS)
@pytest.mark.parametrize("value", UNUSABLE)
def test_nan_infinity_and_huge_integers_are_refused(
    model: type[BaseModel], schema: str, base: dict[str, Any], pointer: str, kind: str, value: Any
) -> None:
    assert not model_accepts(model, put(base, pointer, value))


def test_integers_count_where_a_number_is_expected() -> None:
    descriptor = Descriptor.model_validate(put(DESCRIPTOR, "/workload/hours", 75))
    assert descriptor.workload is not None
    assert descriptor.workload.hours == 75.0
    assert isinstance(descriptor.workload.hours, float)


def test_a_whole_float_counts_where_a_whole_number_is_expected() -> None:
    config = Config.model_validate(put(CONFIG, "/jobs", 4.0))
    assert config.jobs == 4
    assert isinstance(config.jobs, int)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected a number"),
        (math.nan, "NaN is not a number; write a figure"),
        (math.inf, "infinity is not a number; write a figure"),
        (10**400, "this number is too large"),
    ],
)
def test_the_models_own_messages_are_plain_words(value: Any, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        Descriptor.model_validate(put(DESCRIPTOR, "/workload/hours", value))
    [error] = info.value.errors()
    assert error["msg"] == message
    assert error["loc"] == ("workload", "hours")


def test_number_problem() -> None:
    assert number_problem(True) is None
    assert number_problem(10**308) is None
    assert number_problem(-(10**309)) == "this number is too large"
    assert number_problem(-math.inf) == "infinity is not a number; write a figure"
    assert number_problem("NaN") is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-02-30", "there is no 30 February 2026"),
        ("2025-02-29", "there is no 29 February 2025"),
        ("2100-02-29", "there is no 29 February 2100"),
        ("2026-04-31", "there is no 31 April 2026"),
        ("2026-01-00", "there is no 0 January 2026"),
        ("2026-13-01", "there is no month 13; months run from 01 to 12"),
        ("2026-00-10", "there is no month 0; months run from 01 to 12"),
        ("0000-01-01", "there is no year 0; the years run from 0001"),
        ("2000-02-29", None),
        ("2024-02-29", None),
        ("0001-01-01", None),
        ("9999-12-31", None),
        ("30/06/2027", None),  # not of the form: the pattern's message says what the form is
    ],
)
def test_date_problem(text: str, problem: str | None) -> None:
    assert date_problem(text) == problem


def test_the_date_pattern_and_date_problem_agree_on_every_day_of_four_centuries() -> None:
    import datetime as dt
    import re

    pattern = re.compile(DATE_PATTERN)
    for year in (1, 4, 100, 400, 1900, 2000, 2024, 2025, 2100, 2400, 9996, 9999):
        for month in range(0, 14):
            for day in range(0, 33):
                text = f"{year:04d}-{month:02d}-{day:02d}"
                try:
                    dt.date(year, month, day)
                    real = True
                except ValueError:
                    real = False
                assert bool(pattern.match(text)) == real, text
                assert (date_problem(text) is None) == real, text
