"""The program scorecard: the Program contract, the mcqa-program rubric, and the example programme."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from pydantic import BaseModel

from mcqa.cli import cli
from mcqa.evaluate import evaluate_document
from mcqa.load import load_path, load_text
from mcqa.models import Program, Rubric
from mcqa.models import program as program_models
from mcqa.models.rubric import LevelScale, SchemaCheck
from mcqa.review import load_reviews, reviews_for
from mcqa.rubrics import RubricRegistry
from mcqa.validate import validate_model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "program" / "riverbend-college.yaml"
FORMS = ROOT / "examples" / "program" / "reviews"


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return RubricRegistry(entry_points=False).load("mcqa-program@2.0.0")


def test_the_example_is_a_valid_program() -> None:
    document = load_path(EXAMPLE)
    program, findings = validate_model(document, "program", Program)
    assert findings == [] and program is not None
    assert program.policy is not None and program.policy.approved_by == "Faculty Senate"
    schema = json.loads((ROOT / "schemas" / "program.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(document.data)


def test_a_wrong_value_gets_a_located_message() -> None:
    text = "id: p\ntitle: P\nmicrocredentials: many\npolicy:\n  approved_on: soon\n"
    program, findings = validate_model(load_text(text, path="p.yaml"), "program", Program)
    assert program is None
    assert [(f.line, f.pointer) for f in findings] == [
        (3, "/microcredentials"),
        (5, "/policy/approved_on"),
    ]


def test_the_scorecard_is_olc_shaped(rubric: Rubric) -> None:
    assert rubric.applies_to == "program"
    assert isinstance(rubric.scale, LevelScale)
    assert [level.value for level in rubric.scale.levels] == [0, 1, 2, 3]
    assert rubric.conformance.type == "bands"
    bands = [(b.min_percent, b.label, b.conformant) for b in rubric.conformance.bands]
    assert bands == [
        (90, "Exemplary", True),
        (80, "Endorsed", True),
        (70, "Developing", False),
        (60, "Emerging", False),
        (0, "Not yet", False),
    ]
    assert rubric.aggregation.required_roles == ["self"]
    assert rubric.aggregation.policy == "verified"
    titles = [c.title for c in rubric.categories]
    assert titles == [
        "Policy and governance",
        "Implementation",
        "Marketing and communication",
        "Equity",
        "Affordability",
        "Data and evaluation",
        "Quality framework",
    ]
    assert [c.id for c in rubric.categories] == ["1", "2", "3", "4", "5", "6", "7"]
    assert all(len(c.standards) == 5 for c in rubric.categories)
    assert all(s.mode != "automated" for _, s in rubric.iter_standards())
    assert all(s.annotation and 1 <= s.points <= 3 for _, s in rubric.iter_standards())


def test_every_program_field_is_described() -> None:
    from mcqa.schema import field_docstrings

    for name in program_models.__all__:
        model = getattr(program_models, name)
        if isinstance(model, type) and issubclass(model, BaseModel):
            for field in model.model_fields:
                assert field_docstrings(model).get(field), f"{name}.{field} has no docstring"


def _has_field(model: type[BaseModel], pointer: str) -> bool:
    current: Any = model
    for token in pointer.split("/")[1:]:
        fields = getattr(current, "model_fields", None)
        if fields is None or token not in fields:
            return False
        annotation = fields[token].annotation
        candidates = [
            a for a in getattr(annotation, "__args__", (annotation,)) if isinstance(a, type)
        ]
        current = next((a for a in candidates if issubclass(a, BaseModel)), None)
    return True


def test_every_evidence_pointer_names_a_program_field(rubric: Rubric) -> None:
    for _, standard in rubric.iter_standards():
        for pointer in standard.evidence:
            assert _has_field(Program, pointer), (standard.id, pointer)


def test_hybrid_checks_are_schemas_and_the_example_passes_most(rubric: Rubric) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    passed = failed = 0
    for _, standard in rubric.iter_standards():
        if standard.mode == "hybrid":
            assert isinstance(standard.check, SchemaCheck), standard.id
            Draft202012Validator.check_schema(standard.check.schema_)
            if Draft202012Validator(standard.check.schema_).is_valid(data):
                passed += 1
            else:
                failed += 1
    assert (passed, failed) == (28, 3)  # the example's honest gaps: 6.3, 7.2, 7.3


def test_a_program_rubric_cannot_use_named_checks(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "id": "p", "version": "1.0.0", "title": "P", "applies_to": "program",
                "categories": [{"id": "1", "title": "C", "standards": [{
                    "id": "1.1", "title": "T", "text": "X.", "mode": "automated",
                    "check": {"name": "cost-disclosure"},
                }]}],
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    _, findings = RubricRegistry(entry_points=False).check_file(path)
    assert any(f.rule == "rubric-check" and "schema checks only" in f.message for f in findings)


def test_self_assessment_then_verification_decides_the_example(rubric: Rubric) -> None:
    found = load_reviews(FORMS, rubric)
    assert found.ok, found.findings
    forms = reviews_for(found, EXAMPLE, "riverbend-microcredentials")
    assert sorted(f.reviewer.role or "" for f in forms) == ["chair", "peer", "self"]
    result = evaluate_document(load_path(EXAMPLE), rubric, forms)
    by_id = {s.id: s for s in result.standards}
    # Verified: the team's median replaces the self-score (self 3, team 2 and 3).
    assert by_id["1.3"].rounds[0].level == 2.5
    assert by_id["1.3"].rounds[0].decided_by == "the verification team (2 of them)"
    # Not verified: the self-score stands, and says so.
    assert by_id["3.3"].rounds[0].decided_by == "the self-assessment, not yet verified"
    assert result.decision == "conformant" and result.band == "Endorsed"
    assert all(f.severity != "error" for s in result.standards for f in s.findings)


def test_the_verifiers_checked_some_indicators_and_cite_evidence(rubric: Rubric) -> None:
    found = load_reviews(FORMS, rubric)
    team = [f.review for f in found.forms if f.review.reviewer.role != "self"]
    assert len(team) == 2
    for form in team:
        answered = {sid: a for sid, a in form.standards.items() if a.level is not None}
        assert 0 < len(answered) < 35
        assert all(a.evidence and a.comment for a in answered.values()), form.reviewer.name


def test_a_programme_scoring_two_throughout_is_emerging(rubric: Rubric, tmp_path: Path) -> None:
    text = (FORMS / "riverbend-self.yaml").read_text(encoding="utf-8")
    text = re.sub(
        r"level: [0-3]\n(    comment: .*\n)    recommendation:.*\n",
        r'level: 2\n\1    recommendation: "Close the remaining gaps."\n',
        text,
    )
    (tmp_path / "reviews").mkdir()
    (tmp_path / "reviews" / "self.yaml").write_text(text, encoding="utf-8")
    found = load_reviews(tmp_path / "reviews", rubric)
    assert found.ok, found.findings
    forms = reviews_for(found, EXAMPLE, "riverbend-microcredentials")
    result = evaluate_document(load_path(EXAMPLE), rubric, forms)
    assert result.score is not None and result.score.percent is not None
    assert round(result.score.percent, 2) == 66.67
    assert result.decision == "not_conformant" and result.band == "Emerging"


def test_the_example_command_in_the_examples_readme_works() -> None:
    readme = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    for command in (
        "mcqa review validate examples/program/reviews --rubric mcqa-program",
        "mcqa check examples/program/riverbend-college.yaml --rubric mcqa-program"
        " --reviews examples/program/reviews",
    ):
        assert command in readme
    result = CliRunner().invoke(
        cli,
        [
            "check", str(EXAMPLE), "--rubric", "mcqa-program", "--reviews", str(FORMS),
            "--no-config", "--today", "2026-11-28",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "CONFORMANT" in result.output and "band: Endorsed" in result.output
    assert "  below the top level: 1.3, 2.5, 3.3, 3.5," in result.output


def test_status_of_a_conformant_programme_suggests_improvements_not_an_amendment() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "review", "status", str(EXAMPLE), "--rubric", "mcqa-program", "--reviews", str(FORMS),
            "--no-config", "--today", "2026-11-28",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Not met; recommended improvements (13):" in result.output
    assert "Amendment" not in result.output
    assert "the recommendations above say how to improve further" in result.output
