"""Descriptors survive the trip through JSON and YAML text and back, unchanged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcqa.load import load_text
from mcqa.models import Descriptor, LearningOutcome
from mcqa.models.descriptor import Alignment, Assessment, Issuer
from mcqa.validate import validate_model

ROUND_TRIP = settings(
    max_examples=75,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßçÅ"
REST = LETTERS + "0123456789 .,-'()/&:;!?#\"中"

# Text starts with a letter: PyYAML's safe_dump writes YAML 1.1, so a plain
# "0o17" or "1e3" (numbers in YAML 1.2, text in 1.1) would not survive it.
text = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(LETTERS),
    st.text(alphabet=REST, max_size=24),
)
short_list = st.lists(text, max_size=3)
text_or_list = st.one_of(text, short_list)
non_negative = st.one_of(
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=10**6),
)
rate = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)
date_text = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)


def obj(optional: dict[str, st.SearchStrategy[Any]], **required: Any) -> st.SearchStrategy[Any]:
    """A mapping of fields: the required ones always, each optional one or not at all."""
    return st.fixed_dictionaries(required, optional=optional)


issuer = obj({"name": text, "url": text, "country": text, "region": text, "parent": text})
audience = obj({"description": text, "level": text, "prior_knowledge": text})
occupation = obj({"framework": text, "code": text, "title": text})
relevance = obj(
    {
        "skills_gap": text,
        "labor_market_evidence": text,
        "industry_partners": short_list,
        "occupations": st.lists(occupation, max_size=2),
    }
)
alignment = obj({"framework": text, "code": text, "name": text, "url": text})
BLOOM = ["remember", "understand", "apply", "analyze", "evaluate", "create"]
learning_outcome = st.one_of(
    text,  # a plain statement, normalised to {statement: ...}
    obj(
        {
            "id": text,
            "bloom_level": st.sampled_from(BLOOM),
            "alignments": st.lists(alignment, max_size=2),
        },
        statement=text,
    ),
)
workload = obj(
    {
        "hours": non_negative,
        "ects": non_negative,
        "credit_hours": non_negative,
        "duration_weeks": non_negative,
        "pace": text,
    }
)
level = obj({"framework": text, "value": st.one_of(text, st.integers(-5, 20))})
delivery = obj({"mode": st.sampled_from(["online", "on-site", "blended"]), "schedule": text})
assessment = obj(
    {
        "id": text,
        "type": text,
        "description": text,
        "outcomes": short_list,
        "passing_standard": text,
    }
)
cost = obj(
    {
        "amount": non_negative,
        "currency": st.sampled_from(["EUR", "USD", "NZD", "GBP"]),
        "includes": text_or_list,
        "additional_fees": text_or_list,
        "financial_aid": obj({"eligible": st.booleans(), "programs": short_list}),
        "scholarships": text_or_list,
        "refund_policy_url": text,
    }
)
stackability = obj(
    {
        "stacks_into": st.lists(obj({"id": text, "title": text, "type": text}), max_size=2),
        "credit": obj({"value": non_negative, "unit": text, "recommended_by": text}),
        "transcripted": st.booleans(),
    }
)
credential = obj({"format": text, "platform": text, "verification_url": text, "expires": text})
accessibility = obj({"statement": text, "conformance": text, "accommodations_contact": text})
equity = obj({"statement": text, "supports": short_list})
quality_assurance = obj(
    {
        "type": text,
        "body": text,
        "approved_through": text,
        "policy_url": text,
        "last_review": date_text,
        "next_review": date_text,
    }
)
outcomes_data = obj(
    {
        "enrollments": st.integers(min_value=0, max_value=10**7),
        "completion_rate": rate,
        "employment_rate": rate,
        "progression_rate": rate,
        "period": text,
    }
)
contact = obj({"name": text, "email": text, "url": text, "phone": text})
extension_value = st.one_of(
    text, st.integers(-(10**12), 10**12), st.booleans(), st.lists(text, max_size=3)
)
extensions = st.dictionaries(text, extension_value, max_size=3)

descriptor_data = obj(
    {
        "descriptor_format": st.just(1),
        "type": text,
        "status": st.sampled_from(["draft", "active", "retired"]),
        "version": text,
        "language": st.sampled_from(["en", "nl-BE", "de", "mi-NZ"]),
        "url": text,
        "issuer": issuer,
        "description": text,
        "audience": audience,
        "relevance": relevance,
        "learning_outcomes": st.lists(learning_outcome, max_size=4),
        "workload": workload,
        "level": level,
        "delivery": delivery,
        "assessments": st.lists(assessment, max_size=3),
        "identity_verification": st.sampled_from(["none", "supervised", "supervised-id-check"]),
        "prerequisites": text_or_list,
        "cost": cost,
        "stackability": stackability,
        "credential": credential,
        "accessibility": accessibility,
        "equity": equity,
        "quality_assurance": quality_assurance,
        "outcomes_data": outcomes_data,
        "contact": contact,
        "extensions": extensions,
    },
    id=text,
    title=text,
)
descriptors = descriptor_data.map(Descriptor.model_validate)


@ROUND_TRIP
@given(descriptors)
def test_json_dump_and_validate_round_trip(descriptor: Descriptor) -> None:
    dumped = descriptor.model_dump_json(exclude_none=True)
    assert Descriptor.model_validate_json(dumped) == descriptor


@ROUND_TRIP
@given(descriptors)
def test_yaml_text_round_trip(descriptor: Descriptor) -> None:
    data = descriptor.model_dump(mode="json", exclude_none=True)
    text_ = yaml.safe_dump(data, sort_keys=False)
    doc = load_text(text_, path="d.yaml", format="yaml")
    assert doc.findings == ()
    assert doc.data == data
    loaded, findings = validate_model(doc, "descriptor", Descriptor)
    assert findings == []
    assert loaded == descriptor


@ROUND_TRIP
@given(descriptors)
def test_json_text_round_trip(descriptor: Descriptor) -> None:
    data = descriptor.model_dump(mode="json", exclude_none=True)
    text_ = json.dumps(data, indent=2, ensure_ascii=False)
    doc = load_text(text_, path="d.json", format="json")
    assert doc.findings == ()
    assert doc.data == data
    loaded, findings = validate_model(doc, "descriptor", Descriptor)
    assert findings == []
    assert loaded == descriptor


@ROUND_TRIP
@given(descriptors)
def test_every_field_of_the_yaml_text_is_located(descriptor: Descriptor) -> None:
    data = descriptor.model_dump(mode="json", exclude_none=True)
    doc = load_text(yaml.safe_dump(data, sort_keys=False), format="yaml")
    for key in data:
        assert f"/{key}" in doc.source_map.keys
        position = doc.source_map.locate(f"/{key}", key=True)
        assert position is not None
        assert position.column == 1


def test_plain_strings_become_learning_outcomes() -> None:
    descriptor = Descriptor.model_validate(
        {
            "id": "data-101",
            "title": "Data literacy",
            "learning_outcomes": [
                "Clean a data set",
                {"id": "LO2", "statement": "Explain a chart", "bloom_level": "understand"},
            ],
        }
    )
    assert descriptor.learning_outcomes == [
        LearningOutcome(statement="Clean a data set"),
        LearningOutcome(id="LO2", statement="Explain a chart", bloom_level="understand"),
    ]
    first = descriptor.learning_outcomes[0]
    assert isinstance(first, LearningOutcome)
    assert (first.id, first.bloom_level, first.alignments) == (None, None, None)
    assert descriptor.model_dump(mode="json", exclude_none=True)["learning_outcomes"][0] == {
        "statement": "Clean a data set"
    }


def test_plain_strings_from_yaml_become_learning_outcomes() -> None:
    text_ = "id: d1\ntitle: T\nlearning_outcomes:\n  - Clean a data set\n  - Build a chart\n"
    descriptor, findings = validate_model(load_text(text_), "descriptor", Descriptor)
    assert findings == []
    assert descriptor is not None
    assert [lo.statement for lo in descriptor.learning_outcomes or []] == [
        "Clean a data set",
        "Build a chart",
    ]
    assert all(isinstance(lo, LearningOutcome) for lo in descriptor.learning_outcomes or [])


def test_nested_models_are_typed() -> None:
    descriptor = Descriptor.model_validate(
        {
            "id": "x",
            "title": "T",
            "issuer": {"name": "Uni", "country": "NO"},
            "assessments": [{"id": "A1", "outcomes": ["LO1"]}],
            "learning_outcomes": [{"statement": "Do", "alignments": [{"code": "S1"}]}],
        }
    )
    assert descriptor.issuer == Issuer(name="Uni", country="NO")
    assert descriptor.assessments == [Assessment(id="A1", outcomes=["LO1"])]
    assert descriptor.learning_outcomes is not None
    assert descriptor.learning_outcomes[0].alignments == [Alignment(code="S1")]
