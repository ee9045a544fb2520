"""Bad content is reported, never raised.

Whatever a file or a dict holds, the loader, the engine, review forms and the
configuration answer with findings (or, for a configuration or rubric that
cannot be used, mcqa's own documented errors), never with pydantic's
``ValidationError``, ``OverflowError``, ``RecursionError`` or ``ValueError``.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mcqa
from mcqa.config import ConfigError, LoadedConfig, load_config
from mcqa.evaluate import type_subject
from mcqa.load import Document, escape_token, load_bytes, load_path, load_text
from mcqa.models import Descriptor, Program, Review
from mcqa.models._base import number_problem
from mcqa.review import load_reviews, validate_review
from mcqa.rubrics import RubricError, RubricRegistry, default_registry

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
EXAMPLE_FORM = ROOT / "examples" / "reviews" / "data-analytics-foundations-chair.yaml"
CORE = "mcqa-core@^2"
DECISIONS = ("conformant", "not_conformant", "pending_review", "error")

QUICK = settings(max_examples=150, deadline=None)
SLOW = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- strategies ------------------------------------------------------------------------

HUGE = st.sampled_from([10**400, -(10**400), 2**1024, 10**309])
NUMBERS = st.one_of(
    st.integers(),
    HUGE,
    st.floats(),  # NaN and both infinities included
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=30))
JSON_LIKE = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=12), inner, max_size=4),
    ),
    max_leaves=20,
)
OBJECTS = st.dictionaries(st.text(max_size=12), JSON_LIKE, max_size=6)


def pointers(data: Any, base: str = "") -> Iterator[str]:
    """Every JSON Pointer in ``data`` below the root."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{base}/{escape_token(key)}"
            yield here
            yield from pointers(value, here)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            here = f"{base}/{index}"
            yield here
            yield from pointers(value, here)


def replaced(data: Any, pointer: str, value: Any) -> Any:
    """A copy of ``data`` with the value at ``pointer`` replaced by ``value``."""
    result = copy.deepcopy(data)
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    target = result
    for token in tokens[:-1]:
        target = target[int(token)] if isinstance(target, list) else target[token]
    last = tokens[-1]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return result


def mutations(base: Any) -> st.SearchStrategy[Any]:
    """``base`` with one field's value replaced by arbitrary JSON-like data."""
    return st.tuples(st.sampled_from(sorted(pointers(base))), JSON_LIKE).map(
        lambda pair: replaced(base, *pair)
    )


def as_text(data: Any, fmt: str) -> str:
    """``data`` written as JSON (``NaN`` for NaN) or YAML (``.nan``, ``.inf``)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def document(data: Any, fmt: str, name: str = "subject") -> Document:
    return load_text(
        as_text(data, fmt), path=f"{name}.{fmt}", format="yaml" if fmt == "yaml" else "json"
    )


FORMATS = st.sampled_from(["yaml", "json"])

EXAMPLE_DATA = load_path(EXAMPLE).data
FORM_DATA = load_path(EXAMPLE_FORM).data
CONFIG_DATA = {
    "config_format": 1,
    "rubric": CORE,
    "include": ["catalog/**/*.yaml"],
    "exclude": ["catalog/drafts/**"],
    "fail_on": "not-conformant",
    "jobs": 2,
    "reviews": "reviews",
    "overrides": [{"paths": ["catalog/program/**"], "rubric": "mcqa-program"}],
    "waivers": [
        {"standard": "4.2", "paths": ["catalog/**"], "reason": "pending", "expires": "2027-06-30"}
    ],
    "inline_waivers": ["catalog/**"],
}
RUBRIC_DATA = {
    "rubric_format": 1,
    "id": "tiny",
    "version": "1.0.0",
    "title": "Tiny",
    "scale": {
        "type": "levels",
        "levels": [{"value": 0, "label": "no"}, {"value": 1, "label": "yes", "points": 2.5}],
    },
    "conformance": {"type": "threshold", "threshold_percent": 80, "essential_level": 1},
    "aggregation": {"policy": "median", "min_reviewers": 1},
    "categories": [
        {
            "id": "1",
            "title": "One",
            "standards": [
                {
                    "id": "1.1",
                    "title": "A",
                    "text": "Has a title.",
                    "points": 3,
                    "essential": True,
                    "mode": "automated",
                    "check": {
                        "schema": {"required": ["title"], "properties": {"title": {"minLength": 1}}}
                    },
                },
                {"id": "1.2", "title": "B", "text": "Does B.", "evidence": ["/cost"]},
            ],
        }
    ],
}


# -- (a) the loader ---------------------------------------------------------------------

YAMLISH = st.text(alphabet=st.sampled_from(list("ab1.-:#&*!|>'\"{}[],? \n\t~%@`eE+")), max_size=80)


@QUICK
@given(st.one_of(st.binary(max_size=200), YAMLISH.map(str.encode)), FORMATS)
def test_load_bytes_never_raises(data: bytes, fmt: str) -> None:
    doc = load_bytes(data, path=f"x.{fmt}", format="yaml" if fmt == "yaml" else "json")
    assert doc.data is not None or doc.findings
    for finding in doc.findings:
        assert finding.file == f"x.{fmt}"
        assert finding.line is None or finding.line >= 1


@QUICK
@given(JSON_LIKE, FORMATS)
def test_loaded_numbers_are_figures_or_findings(data: Any, fmt: str) -> None:
    doc = document(data, fmt)
    refused = {f.pointer for f in doc.findings if f.rule == "number"}

    def walk(value: Any, pointer: str) -> None:
        if number_problem(value) is not None:
            assert pointer in refused
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{pointer}/{escape_token(key)}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{pointer}/{index}")

    walk(doc.data, "")


# -- (b) the engine ---------------------------------------------------------------------


def check_result(report: mcqa.Report, *, named: str | None) -> None:
    [result] = report.results
    assert result.decision in DECISIONS
    findings = [*result.findings, *(f for s in result.standards for f in s.findings)]
    if result.decision == "error":
        assert any(f.severity == "error" for f in findings)
    if named is not None:
        assert all(f.file == named for f in findings)


@SLOW
@given(OBJECTS)
def test_evaluate_never_raises_on_plain_data(data: dict[str, Any]) -> None:
    check_result(mcqa.evaluate(data, CORE), named=None)


@SLOW
@given(OBJECTS, FORMATS)
def test_evaluate_never_raises_on_a_file_of_any_data(data: dict[str, Any], fmt: str) -> None:
    doc = document(data, fmt)
    check_result(mcqa.evaluate(doc, CORE), named=doc.path)


@SLOW
@given(mutations(EXAMPLE_DATA), FORMATS)
def test_evaluate_never_raises_on_a_mutated_example(data: dict[str, Any], fmt: str) -> None:
    check_result(mcqa.evaluate(data, CORE), named=None)
    doc = document(data, fmt)
    check_result(mcqa.evaluate(doc, CORE), named=doc.path)


@SLOW
@given(mutations(load_path(ROOT / "examples" / "program" / "riverbend-college.yaml").data))
def test_a_mutated_programme_never_raises(data: dict[str, Any]) -> None:
    doc = document(data, "json", "program")
    check_result(mcqa.evaluate(doc, "mcqa-program"), named=doc.path)


@QUICK
@given(st.one_of(OBJECTS, mutations(EXAMPLE_DATA)), FORMATS)
def test_typing_a_subject_never_raises(data: Any, fmt: str) -> None:
    doc = document(data, fmt)
    for model, schema in ((Descriptor, "descriptor"), (Program, "program")):
        typed, findings = type_subject(doc, model, schema)
        assert typed is not None or any(f.severity == "error" for f in findings)


# -- (c) review forms, configuration, rubrics -------------------------------------------


def _review_outcome(doc: Document) -> None:
    review, findings = validate_review(doc, default_registry())
    assert review is None or isinstance(review, Review)
    for finding in findings:
        assert finding.file == doc.path


@SLOW
@given(st.one_of(OBJECTS, mutations(FORM_DATA)), FORMATS)
def test_validate_review_never_raises(data: Any, fmt: str) -> None:
    _review_outcome(document(data, fmt, "form"))


@SLOW
@given(st.one_of(OBJECTS, mutations(FORM_DATA)), FORMATS)
def test_load_reviews_never_raises(data: Any, fmt: str) -> None:
    rubric = mcqa.load_rubric(CORE)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, f"form.{fmt}").write_text(as_text(data, fmt), encoding="utf-8")
        found = load_reviews(Path(folder), rubric)
    assert found.ok or found.findings
    for review in found.reviews:
        assert isinstance(review, Review)


def _config_or_error(path: Path) -> LoadedConfig | ConfigError:
    try:
        return load_config(path)
    except ConfigError as exc:
        return exc


@SLOW
@given(st.one_of(OBJECTS, mutations(CONFIG_DATA)), FORMATS)
def test_load_config_raises_only_config_errors(data: Any, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, ".mcqa.yaml" if fmt == "yaml" else "mcqa.json")
        path.write_text(as_text(data, fmt), encoding="utf-8")
        outcome = _config_or_error(path)
    if isinstance(outcome, ConfigError):
        assert outcome.message
        for finding in outcome.findings:
            assert finding.file == str(path)
            assert finding.line is not None
    else:
        assert outcome.path == path


@SLOW
@given(st.one_of(OBJECTS, mutations(RUBRIC_DATA)), FORMATS)
def test_checking_a_rubric_file_never_raises(data: Any, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"tiny.{fmt}")
        path.write_text(as_text(data, fmt), encoding="utf-8")
        rubric, findings = RubricRegistry().check_file(path)
        assert rubric is not None or any(f.severity == "error" for f in findings)
        with contextlib.suppress(RubricError):
            RubricRegistry().load(path)


def test_the_base_data_is_valid() -> None:
    """The mutation strategies start from documents that load without errors."""
    assert Descriptor.model_validate(EXAMPLE_DATA)
    assert Review.model_validate(FORM_DATA)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, ".mcqa.yaml")
        path.write_text(as_text(CONFIG_DATA, "yaml"), encoding="utf-8")
        assert load_config(path).config.jobs == 2
        rubric_path = Path(folder, "tiny.yaml")
        rubric_path.write_text(as_text(RUBRIC_DATA, "yaml"), encoding="utf-8")
        rubric, findings = RubricRegistry().check_file(rubric_path)
        assert rubric is not None, findings


# -- regressions from the hostile-input audit -------------------------------------------


AUDIT = [
    ("/workload/hours", math.nan, "NaN is not a number; write a figure"),
    ("/workload/hours", math.inf, "infinity is not a number; write a figure"),
    ("/workload/hours", 10**400, "this number is too large"),
    ("/workload/hours", True, "expected a number, found true"),
    ("/cost/amount", True, "expected a number, found true"),
    ("/quality_assurance/last_review", "2026-02-30", "there is no 30 February 2026"),
]


@pytest.mark.parametrize(("pointer", "value", "message"), AUDIT)
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_audit_values_are_located_findings(
    pointer: str, value: Any, message: str, fmt: str
) -> None:
    doc = document(replaced(EXAMPLE_DATA, pointer, value), fmt)
    [result] = mcqa.evaluate(doc, CORE).results
    assert result.decision in ("not_conformant", "pending_review")  # scored, not "error"
    assert not [f for f in result.findings if f.severity == "error"]
    hits = [(s, f) for s in result.standards for f in s.findings if f.severity == "error"]
    assert {(f.pointer, f.message) for _, f in hits if f.rule in ("schema", "number")} == {
        (pointer, message)
    }
    assert any(s.status == "not_met" for s, f in hits if f.pointer == pointer)
    for _, finding in hits:
        if finding.pointer == pointer:
            assert finding.file == doc.path
            assert finding.line == doc.source_map.locate(pointer).line  # type: ignore[union-attr]
            assert finding.column == doc.source_map.locate(pointer).column  # type: ignore[union-attr]


@pytest.mark.parametrize("field", ["includes", "additional_fees", "scholarships"])
def test_list_items_that_are_not_text_are_located_at_the_item(field: str) -> None:
    doc = document(replaced(EXAMPLE_DATA, f"/cost/{field}", ["fine", 1, {"a": "b"}, None]), "yaml")
    [result] = mcqa.evaluate(doc, CORE).results
    assert result.decision != "error"
    found = {
        (f.pointer, f.message)
        for s in result.standards
        for f in s.findings
        if f.severity == "error" and f.rule == "schema"
    }
    assert sorted(found) == [
        (f"/cost/{field}/1", "expected text, found a whole number 1; put the value in quotes"),
        (f"/cost/{field}/2", "expected text, found a mapping of fields"),
        (f"/cost/{field}/3", "expected text, found nothing; fill in a value or remove the field"),
    ]


def test_an_impossible_waiver_date_in_the_configuration_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / ".mcqa.yaml"
    path.write_text(
        "rubric: mcqa-core@^2\nwaivers:\n  - standard: '4.2'\n    reason: pending\n"
        "    expires: '2026-02-30'\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    [finding] = info.value.findings
    assert (finding.line, finding.column, finding.pointer) == (5, 14, "/waivers/0/expires")
    assert finding.message == "there is no 30 February 2026"
