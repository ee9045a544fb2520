"""Unit tests for the data contracts (pydantic models)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mcqa.models import (
    BinaryScale,
    Config,
    Descriptor,
    DescriptorResult,
    Finding,
    LevelScale,
    NamedCheck,
    Report,
    Review,
    Rubric,
    RubricRef,
    SchemaCheck,
    Summary,
    ThresholdRule,
    ToolInfo,
)

MINIMAL_RUBRIC = {
    "id": "tiny",
    "version": "1.0.0",
    "title": "Tiny",
    "categories": [
        {
            "id": "1",
            "title": "One",
            "standards": [
                {"id": "1.1", "title": "A", "text": "Does A.", "points": 3, "essential": True},
                {"id": "1.2", "title": "B", "text": "Does B."},
            ],
        }
    ],
}


class TestFinding:
    def test_is_frozen(self) -> None:
        finding = Finding(rule="r", message="m")
        with pytest.raises(ValidationError):
            finding.message = "changed"  # type: ignore[misc]

    def test_location_text_uses_what_is_known(self) -> None:
        assert Finding(rule="r", message="m").location_text() == "<input>"
        assert Finding(rule="r", message="m", file="a.yaml").location_text() == "a.yaml"
        assert Finding(rule="r", message="m", file="a.yaml", line=3).location_text() == "a.yaml:3"
        located = Finding(rule="r", message="m", file="a.yaml", line=3, column=7)
        assert located.location_text() == "a.yaml:3:7"

    def test_sorts_by_file_position_then_severity(self) -> None:
        findings = [
            Finding(rule="z", message="m", file="b.yaml", line=1, column=1),
            Finding(rule="a", message="m", file="a.yaml", line=9, column=1, severity="warning"),
            Finding(rule="a", message="m", file="a.yaml", line=9, column=1, severity="error"),
            Finding(rule="a", message="m", file="a.yaml", line=2, column=5),
        ]
        ordered = sorted(findings, key=Finding.sort_key)
        assert [(f.file, f.line, f.severity) for f in ordered] == [
            ("a.yaml", 2, "error"),
            ("a.yaml", 9, "error"),
            ("a.yaml", 9, "warning"),
            ("b.yaml", 1, "error"),
        ]

    def test_lines_are_one_based(self) -> None:
        with pytest.raises(ValidationError):
            Finding(rule="r", message="m", line=0)


class TestRubric:
    def test_defaults_follow_quality_matters(self) -> None:
        rubric = Rubric.model_validate(MINIMAL_RUBRIC)
        assert isinstance(rubric.scale, BinaryScale)
        assert isinstance(rubric.conformance, ThresholdRule)
        assert rubric.conformance.threshold_percent == 85
        assert rubric.conformance.essentials == "all"
        assert rubric.aggregation.policy == "majority"
        assert rubric.ref == "tiny@1.0.0"

    def test_standards_in_order_and_by_id(self) -> None:
        rubric = Rubric.model_validate(MINIMAL_RUBRIC)
        assert [s.id for _, s in rubric.iter_standards()] == ["1.1", "1.2"]
        standard = rubric.standard("1.1")
        assert standard is not None and standard.essential and standard.points == 3
        assert rubric.standard("9.9") is None

    def test_unknown_fields_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="modee"):
            Rubric.model_validate({**MINIMAL_RUBRIC, "modee": "x"})

    def test_version_must_be_semver(self) -> None:
        with pytest.raises(ValidationError):
            Rubric.model_validate({**MINIMAL_RUBRIC, "version": "1.0"})

    def test_scale_is_chosen_by_its_type(self) -> None:
        levels = {
            "type": "levels",
            "levels": [{"value": 0, "label": "no"}, {"value": 3, "label": "yes"}],
        }
        rubric = Rubric.model_validate({**MINIMAL_RUBRIC, "scale": levels})
        assert isinstance(rubric.scale, LevelScale)
        assert [lv.value for lv in rubric.scale.levels] == [0, 3]

    def test_check_is_a_schema_fragment_or_a_named_check(self) -> None:
        data = {**MINIMAL_RUBRIC}
        data["categories"] = [
            {
                "id": "1",
                "title": "One",
                "standards": [
                    {
                        "id": "1.1",
                        "title": "A",
                        "text": "t",
                        "check": {"schema": {"required": ["x"]}},
                    },
                    {"id": "1.2", "title": "B", "text": "t", "check": {"name": "placeholders"}},
                ],
            }
        ]
        rubric = Rubric.model_validate(data)
        first, second = (s.check for _, s in rubric.iter_standards())
        assert isinstance(first, SchemaCheck) and first.schema_ == {"required": ["x"]}
        assert isinstance(second, NamedCheck) and second.options == {}
        dumped = rubric.model_dump(by_alias=True, exclude_none=True)
        assert dumped["categories"][0]["standards"][0]["check"] == {"schema": {"required": ["x"]}}


class TestDescriptorReviewConfig:
    def test_descriptor_needs_only_id_and_title(self) -> None:
        descriptor = Descriptor.model_validate({"id": "d1", "title": "Data literacy"})
        assert descriptor.learning_outcomes is None
        with pytest.raises(ValidationError):
            Descriptor.model_validate({"id": "d1"})

    def test_plain_outcome_strings_are_normalised(self) -> None:
        descriptor = Descriptor.model_validate(
            {
                "id": "d",
                "title": "t",
                "learning_outcomes": ["Clean a data set", {"id": "LO2", "statement": "Plot it"}],
            }
        )
        assert descriptor.learning_outcomes is not None
        assert [(o.id, o.statement) for o in descriptor.learning_outcomes] == [
            (None, "Clean a data set"),
            ("LO2", "Plot it"),
        ]

    def test_review_names_an_exact_rubric_version(self) -> None:
        review = Review.model_validate(
            {
                "rubric": "mcqa-core@1.0.0",
                "descriptor": {"path": "d.yaml"},
                "standards": {"2.10": {}},
            }
        )
        assert review.round == 1 and review.standards["2.10"].verdict is None
        with pytest.raises(ValidationError):
            Review.model_validate({"rubric": "mcqa-core@^1", "descriptor": {"path": "d.yaml"}})

    def test_config_defaults(self) -> None:
        config = Config()
        assert config.fail_on == "not-conformant"
        assert "**/*.yaml" in config.include
        with pytest.raises(ValidationError):
            Config.model_validate({"waivers": [{"standard": "1.1", "reason": ""}]})


def test_report_round_trips_through_json() -> None:
    report = Report(
        tool=ToolInfo(version="0.1.0"),
        rubric=RubricRef(id="mcqa-core", version="0.1.0"),
        results=(
            DescriptorResult(
                path="a.yaml",
                descriptor_id=None,
                decision="error",
                findings=(
                    Finding(rule="yaml-syntax", message="bad", file="a.yaml", line=1, column=1),
                ),
            ),
        ),
        summary=Summary(total=1, error=1),
    )
    assert Report.model_validate_json(report.model_dump_json()) == report
