"""Open Badges in and out: the OB 3.0 and OB 2.0 importers, and the OB 3.0 exporters.

Unit tests run on small documents written here. Tests on real documents and on
the official OB 3.0 JSON Schemas read them at run time from ``../shared`` and
are skipped, with the reason, when it is not beside the clone.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft201909Validator
from referencing import Registry, Resource

import mcqa
from mcqa.importers._base import Imported
from mcqa.importers.openbadges import (
    ACHIEVEMENT_TYPES,
    AMBIGUOUS,
    MISSING,
    NOT_A_DESCRIPTOR,
    UNMAPPED,
    OpenBadges2Importer,
    OpenBadges3Importer,
    achievement_id,
    achievement_type_to_descriptor,
    export_endorsement,
    export_ob3_achievement,
    split_narrative,
)
from mcqa.load import Document, load_path, load_text
from mcqa.models import Descriptor
from mcqa.models.report import DescriptorResult, Essentials, Score

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "real"
OB3_SCHEMAS = SHARED / "schemas-external" / "openbadges-v3"
EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "catalog" / "data-analytics-foundations.yaml"
)

OB3 = OpenBadges3Importer()
OB2 = OpenBadges2Importer()
CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB3_LANGUAGE = re.compile(r"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


def needs(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"needs {path} (the shared corpus and schemas are not beside this clone)")
    return path


def document(value: Any, path: str = "badge.json") -> Document:
    """A JSON document as mcqa's loader reads it (with a source map)."""
    text = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)
    return load_text(text, path=path, format="json")


def achievement(**fields: Any) -> dict[str, Any]:
    """A bare OB 3.0 Achievement with its context."""
    return {
        "@context": CONTEXT,
        "id": "https://example.edu/achievements/1",
        "type": ["Achievement"],
        "name": "Welding safety",
        "description": "Work safely with arc welders.",
        "criteria": {"narrative": "Pass the practical test."},
        **fields,
    }


def credential(achievement_fields: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """An OB 3.0 OpenBadgeCredential around an achievement."""
    inner = {k: v for k, v in achievement(**achievement_fields).items() if k != "@context"}
    return {
        "@context": CONTEXT,
        "id": "urn:uuid:0b8a6c1e-6f2a-4e6d-9d0e-2b1f7c3a9e11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": "https://example.edu/issuer",
            "type": ["Profile"],
            "name": "Example College",
        },
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": inner},
        **fields,
    }


def imported(value: Any, importer: Any = OB3) -> Imported:
    """Import a document, and check that what comes out is a descriptor."""
    source = value if isinstance(value, Document) else document(value)
    assert importer.detect(source)
    result = importer.convert(source)
    Descriptor.model_validate(result.document.data)
    return result


def data(value: Any, importer: Any = OB3) -> dict[str, Any]:
    result: dict[str, Any] = imported(value, importer).document.data
    return result


def rules(result: Imported, severity: str | None = None) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in result.findings if severity in (None, f.severity)]


# -- detection -----------------------------------------------------------------------------


def test_an_achievement_and_a_credential_of_one_are_detected() -> None:
    assert OB3.detect(document(achievement()))
    assert OB3.detect(document(credential({})))
    achievement_credential = credential({})
    achievement_credential["type"] = ["VerifiableCredential", "AchievementCredential"]
    assert OB3.detect(document(achievement_credential))
    single = achievement()
    single["type"] = "Achievement"  # JSON-LD allows one term without a list
    assert OB3.detect(document(single))


def test_detection_is_by_content_not_by_name() -> None:
    without_context = {k: v for k, v in achievement().items() if k != "@context"}
    assert not OB3.detect(document(without_context, path="achievement-ob3.json"))
    older = achievement()
    older["@context"] = [CONTEXT[0], "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"]
    assert OB3.detect(document(older, path="notes.txt"))
    assert not OB3.detect(document([achievement()]))
    assert not OB3.detect(document({"@context": CONTEXT, "type": ["Profile"], "id": "x"}))


def test_an_endorsement_is_not_a_descriptor() -> None:
    endorsement = {
        "@context": CONTEXT,
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Endorsement",
        "issuer": {"id": "https://example.org", "type": ["Profile"]},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "https://example.edu/achievements/1",
            "type": ["EndorsementSubject"],
            "endorsementComment": "Good.",
        },
    }
    source = document(endorsement)
    assert not OB3.detect(source)
    assert not OB2.detect(source)
    result = OB3.convert(source)  # asked anyway: a located error, never an exception
    assert result.document.data is None
    [finding] = result.findings
    assert (finding.rule, finding.severity, finding.line) == (NOT_A_DESCRIPTOR, "error", 1)
    assert "EndorsementCredential" in finding.message


def test_a_credential_without_an_embedded_achievement_is_not_detected() -> None:
    linked = credential({})
    linked["credentialSubject"]["achievement"] = "https://example.edu/achievements/1"
    assert not OB3.detect(document(linked))


def test_ob2_detection() -> None:
    badge = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": "https://example.org/badge.json",
        "name": "Robotics",
    }
    assert OB2.detect(document(badge))
    assert not OB3.detect(document(badge))
    assert not OB2.detect(document(achievement()))
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://example.org/assertion.json",
        "badge": {k: v for k, v in badge.items() if k != "@context"},
    }
    assert OB2.detect(document(assertion))
    assertion["badge"] = "https://example.org/badge.json"
    assert not OB2.detect(document(assertion))
    assert not OB2.detect(document({**badge, "@context": "https://w3id.org/openbadges/v1"}))


# -- OB 3.0 mapping ------------------------------------------------------------------------

PROVENANCE_DOCUMENT = """{
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
  ],
  "id": "urn:uuid:6f7c4d3e-1111-4a2b-9c3d-0e1f2a3b4c5d",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "issuer": {
    "id": "https://example.edu/issuer",
    "type": ["Profile"],
    "name": "Example College",
    "url": "https://example.edu",
    "address": {"type": ["Address"], "addressCountryCode": "NL", "addressRegion": "Utrecht"}
  },
  "validFrom": "2026-01-01T00:00:00Z",
  "credentialSubject": {
    "type": ["AchievementSubject"],
    "achievement": {
      "id": "https://example.edu/achievements/data-101",
      "type": ["Achievement"],
      "name": "Data literacy",
      "description": "Clean and read data.",
      "achievementType": "MicroCredential",
      "inLanguage": "en",
      "criteria": {
        "narrative": "Pass both parts.\\n\\n## Learning outcomes\\n\\n- **LO1** Clean a data set\\n- **LO2** Chart a trend\\n\\n## Assessment\\n\\n- A graded project"
      },
      "creditsAvailable": 3,
      "alignment": [
        {"type": ["Alignment"], "targetType": "ext:EQF", "targetName": "EQF level 5", "targetCode": "5", "targetUrl": "http://data.europa.eu/snb/eqf/5"},
        {"type": ["Alignment"], "targetName": "data analyst", "targetUrl": "http://data.europa.eu/esco/occupation/d3edb8f8-3a53-4bb6-8b7e-9ec9dc3a0e2d"}
      ],
      "timeInvestment": "PT45H",
      "tag": ["data"]
    }
  }
}
"""


def test_each_value_is_located_at_its_source_line() -> None:
    result = imported(PROVENANCE_DOCUMENT)
    got = result.document.data
    assert got["id"] == "https://example.edu/achievements/data-101"
    assert got["title"] == "Data literacy"
    assert got["type"] == "microcredential"
    assert got["issuer"] == {
        "name": "Example College",
        "url": "https://example.edu",
        "country": "NL",
        "region": "Utrecht",
    }
    assert got["learning_outcomes"] == [
        {"id": "LO1", "statement": "Clean a data set"},
        {"id": "LO2", "statement": "Chart a trend"},
    ]
    assert got["assessments"] == [{"description": "A graded project"}]
    assert got["level"] == {"framework": "EQF", "value": 5}
    assert got["relevance"]["occupations"] == [
        {
            "framework": "ESCO",
            "code": "d3edb8f8-3a53-4bb6-8b7e-9ec9dc3a0e2d",
            "title": "data analyst",
        }
    ]
    assert got["workload"] == {"hours": 45}
    assert got["extensions"]["open_badges"]["criteria"] == {"narrative": "Pass both parts."}
    lines = {pointer: where.line for pointer, where in result.provenance.items()}
    expected = {
        "/id": 19,
        "/title": 21,
        "/description": 22,
        "/type": 23,
        "/language": 24,
        "/issuer/name": 11,
        "/issuer/country": 13,
        "/learning_outcomes/0/statement": 26,
        "/level/value": 30,
        "/relevance/occupations/0/title": 31,
        "/workload/hours": 33,
        "/extensions/open_badges/tag": 34,
    }
    assert {pointer: lines[pointer] for pointer in expected} == expected
    # the descriptor document places every field there, so checks' findings point into the badge
    for pointer, line in expected.items():
        position = result.document.source_map.locate(pointer)
        assert position is not None
        assert position.line == line
    assert result.document.path == "badge.json"
    assert result.document.format == "ob3"
    assert result.provenance["/title"].source_field == "/credentialSubject/achievement/name"
    assert result.provenance["/title"].column == 15
    assert rules(result, "warning") == [(AMBIGUOUS, 28)]
    [ambiguous] = [f for f in result.findings if f.rule == AMBIGUOUS]
    assert ambiguous.file == "badge.json"
    assert ambiguous.pointer == "/credentialSubject/achievement/creditsAvailable"
    assert "unit" in ambiguous.message
    assert got["extensions"]["open_badges"]["creditsAvailable"] == 3


def test_a_bare_achievement_takes_its_issuer_from_the_creator() -> None:
    got = data(
        achievement(
            creator={
                "id": "https://example.edu",
                "type": ["Profile"],
                "name": "Example College",
                "address": {"type": ["Address"], "addressCountry": "Netherlands"},
                "parentOrg": {
                    "id": "https://example.org",
                    "type": ["Profile"],
                    "name": "Example U",
                },
            },
            version="2.0",
            url="https://example.edu/apply",
            fieldOfStudy="Engineering",
            humanCode="WELD-1",
            specialization="Arc welding",
            related=[
                {
                    "id": "https://example.edu/achievements/1-nl",
                    "type": ["Related"],
                    "inLanguage": "nl",
                }
            ],
        )
    )
    assert got["issuer"] == {"name": "Example College", "country": "NL", "parent": "Example U"}
    assert got["version"] == "2.0"
    assert got["url"] == "https://example.edu/apply"
    assert got["credential"] == {"format": "Open Badges 3.0"}
    kept = got["extensions"]["open_badges"]
    assert kept["fieldOfStudy"] == "Engineering"
    assert kept["humanCode"] == "WELD-1"
    assert kept["specialization"] == "Arc welding"
    assert kept["related"] == [{"id": "https://example.edu/achievements/1-nl", "inLanguage": "nl"}]


def test_a_credential_takes_the_issuer_and_keeps_a_different_creator() -> None:
    got = data(
        credential(
            {
                "creator": {
                    "id": "https://skills.example",
                    "type": ["Profile"],
                    "name": "Skills Group",
                }
            }
        )
    )
    assert got["issuer"] == {"name": "Example College"}
    assert got["extensions"]["open_badges"]["creator"] == {"name": "Skills Group"}


def test_an_issuer_given_only_by_its_address() -> None:
    result = imported(credential({}, issuer="https://example.edu/issuer"))
    got = result.document.data
    assert "issuer" not in got
    assert got["extensions"]["open_badges"]["issuer"] == "https://example.edu/issuer"
    assert any(f.rule == UNMAPPED and "link" in f.message for f in result.findings)


def test_achievement_types() -> None:
    assert achievement_type_to_descriptor("MicroCredential") == "microcredential"
    assert achievement_type_to_descriptor("CertificateOfCompletion") == "certificate-of-completion"
    assert achievement_type_to_descriptor("ext:Nanodegree") == "Nanodegree"
    assert achievement_type_to_descriptor("ext:badge") == "badge"
    assert data(achievement(achievementType="Badge"))["type"] == "badge"


@pytest.mark.parametrize(
    ("name", "language", "title", "expected_language"),
    [
        ("Lassen", "nl", "Lassen", "nl"),
        ({"@value": "Lassen", "@language": "nl"}, None, "Lassen", "nl"),
        (
            [{"@value": "Lassen", "@language": "nl"}, {"@value": "Welding", "@language": "en-GB"}],
            None,
            "Welding",
            "en-GB",
        ),
        ({"nl": "Lassen", "de": "Schweissen"}, None, "Lassen", "nl"),
        ({"nl": "Lassen", "en": "Welding"}, "en-US", "Welding", "en-US"),
    ],
)
def test_translated_strings(
    name: Any, language: str | None, title: str, expected_language: str
) -> None:
    fields: dict[str, Any] = {"name": name}
    if language is not None:
        fields["inLanguage"] = language
    elif isinstance(name, str):
        fields["description"] = {"@value": "Veilig lassen.", "@language": "nl"}
    got = data(achievement(**fields))
    assert got["title"] == title
    assert got["language"] == expected_language


def test_several_languages_are_a_note() -> None:
    result = imported(achievement(name={"nl": "Lassen", "en": "Welding"}))
    assert any(
        f.rule == UNMAPPED and f.severity == "info" and "2 languages" in f.message
        for f in result.findings
    )


def test_a_missing_name_and_id_are_findings() -> None:
    bare = achievement()
    del bare["name"], bare["id"]
    result = imported(bare)
    got = result.document.data
    assert got["id"].startswith("ob3-")
    assert got["title"] == got["id"]
    assert [f.rule for f in result.findings if f.severity == "warning"] == [MISSING, MISSING]
    inner = credential({}, name="Welding safety credential")
    del inner["credentialSubject"]["achievement"]["name"]
    assert data(inner)["title"] == "Welding safety credential"


def test_ects_names_the_unit_of_credits_available() -> None:
    result = imported(achievement(ECTS=3.0, creditsAvailable=3))
    got = result.document.data
    assert got["workload"] == {"ects": 3}
    assert got["stackability"] == {"credit": {"value": 3, "unit": "ECTS"}}
    assert not [f for f in result.findings if f.rule == AMBIGUOUS]
    different = imported(achievement(ECTS=3, creditsAvailable=5))
    assert [f.rule for f in different.findings if f.severity == "warning"] == [AMBIGUOUS]
    assert "stackability" not in different.document.data


@pytest.mark.parametrize(
    ("value", "workload", "ambiguous"),
    [
        ("PT45H", {"hours": 45}, False),
        ("20 hours", {"hours": 20}, False),
        ("PT1H30M", {"hours": 1.5}, False),
        ("P6W", {"duration_weeks": 6}, False),
        (13, None, True),
        ("13", None, True),
        ("forty hours", None, True),
    ],
)
def test_time_investment_units(value: Any, workload: Any, ambiguous: bool) -> None:
    result = imported(achievement(timeInvestment=value))
    assert result.document.data.get("workload") == workload
    assert bool([f for f in result.findings if f.rule == AMBIGUOUS]) is ambiguous


def test_study_load_hours_and_bad_figures() -> None:
    assert data(achievement(SBU=240))["workload"] == {"hours": 240}
    result = imported(achievement(ECTS="three", SBU=-4))
    assert "workload" not in result.document.data
    assert [f.rule for f in result.findings if f.severity == "warning"] == [AMBIGUOUS, AMBIGUOUS]


def alignment(**fields: Any) -> dict[str, Any]:
    return {"type": ["Alignment"], **fields}


@pytest.mark.parametrize(
    ("item", "level"),
    [
        (alignment(targetName="Level", targetUrl="http://data.europa.eu/snb/eqf/6"), 6),
        (
            alignment(
                targetType="ext:EQF",
                targetName="EQF level 4",
                targetCode="4",
                targetUrl="https://x.example/eqf",
            ),
            4,
        ),
        (
            alignment(
                targetType="ext:EQF", targetName="EQF level 3", targetUrl="https://x.example/eqf"
            ),
            3,
        ),
        (
            alignment(
                targetFramework="European Qualifications Framework",
                targetName="Level 7",
                targetUrl="https://x.example",
            ),
            7,
        ),
    ],
)
def test_eqf_levels(item: dict[str, Any], level: int) -> None:
    assert data(achievement(alignment=[item]))["level"] == {"framework": "EQF", "value": level}


def test_other_framework_levels_and_unclear_ones() -> None:
    got = data(
        achievement(
            alignment=[
                alignment(
                    targetType="ext:QualificationLevel",
                    targetFramework="NZQCF",
                    targetCode="5",
                    targetName="NZQCF level 5",
                    targetUrl="https://x.example/nzqcf/5",
                )
            ]
        )
    )
    assert got["level"] == {"framework": "NZQCF", "value": 5}
    source = document(
        achievement(
            alignment=[
                alignment(
                    targetType="ext:EQF",
                    targetName="EQF",
                    targetCode="nine",
                    targetUrl="https://x.example",
                )
            ]
        )
    )
    unclear = imported(source)
    assert "level" not in unclear.document.data
    where = source.source_map.locate("/alignment/0")
    assert where is not None
    assert rules(unclear, "warning") == [(AMBIGUOUS, where.line)]
    assert (
        unclear.document.data["extensions"]["open_badges"]["alignment"][0]["targetCode"] == "nine"
    )


def test_occupations_by_address_and_framework() -> None:
    got = data(
        achievement(
            alignment=[
                alignment(
                    targetName="welder",
                    targetUrl="http://data.europa.eu/esco/occupation/0a1b2c3d-1111-2222-3333-444455556666",
                ),
                alignment(
                    targetName="Welders, Cutters",
                    targetCode="51-4121.00",
                    targetFramework="O*NET-SOC",
                    targetUrl="https://www.onetonline.org/link/summary/51-4121.00",
                ),
                alignment(
                    targetType="ext:Occupation",
                    targetName="Lasser",
                    targetCode="7212",
                    targetFramework="ISCO-08",
                    targetUrl="urn:x",
                ),
            ]
        )
    )
    assert got["relevance"] == {
        "occupations": [
            {
                "framework": "ESCO",
                "code": "0a1b2c3d-1111-2222-3333-444455556666",
                "title": "welder",
            },
            {"framework": "O*NET-SOC", "code": "51-4121.00", "title": "Welders, Cutters"},
            {"framework": "ISCO-08", "code": "7212", "title": "Lasser"},
        ]
    }
    assert "learning_outcomes" not in got


def test_quality_assurance_alignment() -> None:
    got = data(
        achievement(
            alignment=[
                alignment(
                    targetType="ext:QualityAssurance",
                    targetName="BSc Mechanical Engineering",
                    targetDescription="Accredited by the national agency",
                    targetFramework="National Accreditation Agency",
                    targetUrl="https://qa.example/decisions/1",
                )
            ]
        )
    )
    assert got["quality_assurance"] == {
        "approved_through": "Accredited by the national agency",
        "body": "National Accreditation Agency",
        "policy_url": "https://qa.example/decisions/1",
    }


def test_competency_alignments_become_outcomes_unless_outcomes_are_stated() -> None:
    skill = alignment(
        targetName="Weld steel plates",
        targetUrl="http://data.europa.eu/esco/skill/5b0d2c1a-0000-4000-8000-000000000001",
        targetType="CFItem",
    )
    link = alignment(
        targetName="Welding diploma",
        targetUrl="https://registry.example/ce-1",
        targetType="ceterms:Credential",
    )
    got = data(achievement(alignment=[skill, link]))
    assert got["learning_outcomes"] == [
        {
            "statement": "Weld steel plates",
            "alignments": [
                {
                    "name": "Weld steel plates",
                    "url": "http://data.europa.eu/esco/skill/5b0d2c1a-0000-4000-8000-000000000001",
                    "framework": "ESCO",
                }
            ],
        }
    ]
    assert got["extensions"]["open_badges"]["alignment"] == [
        {
            "targetName": "Welding diploma",
            "targetUrl": "https://registry.example/ce-1",
            "targetType": "ceterms:Credential",
        }
    ]
    stated = imported(
        achievement(
            alignment=[skill],
            criteria={"narrative": "## Outcomes\n\n1. Prepare a weld joint\n2. Inspect a weld"},
        )
    )
    assert [o["statement"] for o in stated.document.data["learning_outcomes"]] == [
        "Prepare a weld joint",
        "Inspect a weld",
    ]
    assert (
        stated.document.data["extensions"]["open_badges"]["alignment"][0]["targetName"]
        == "Weld steel plates"
    )
    assert any(f.rule == UNMAPPED and "not tied" in f.message for f in stated.findings)


def test_the_criteria_narrative() -> None:
    narrative = split_narrative(
        "# Requirements\nAttend all sessions.\n\n## Learning Outcomes:\n\nBy the end you can:\n\n"
        "- Cut a joint\n  cleanly and safely\n* Weld it\n\n## Assessment\n\n- Practical test\n\n## Notes\nNone."
    )
    assert narrative.outcomes == ["Cut a joint cleanly and safely", "Weld it"]
    assert narrative.assessments == ["Practical test"]
    assert (
        narrative.remainder
        == "# Requirements\nAttend all sessions.\n\nBy the end you can:\n## Notes\nNone."
    )
    unstructured = imported(achievement(criteria={"narrative": "Pass the practical test."}))
    assert unstructured.document.data["extensions"]["open_badges"]["criteria"] == {
        "narrative": "Pass the practical test."
    }
    assert "learning_outcomes" not in unstructured.document.data
    assert any(f.rule == UNMAPPED and "narrative" in f.message for f in unstructured.findings)
    by_address = data(achievement(criteria={"id": "https://example.edu/criteria"}))
    assert by_address["extensions"]["open_badges"]["criteria"] == {
        "id": "https://example.edu/criteria"
    }


def test_result_descriptions_are_assessments() -> None:
    results = [
        {
            "id": "urn:uuid:1",
            "type": ["ResultDescription"],
            "name": "Final grade",
            "resultType": "ext:GradeScore",
            "valueMin": "1",
            "valueMax": "10",
            "requiredValue": "6",
        },
        {
            "id": "urn:uuid:2",
            "type": ["ResultDescription"],
            "name": "Letter",
            "resultType": "LetterGrade",
            "allowedValue": ["C", "B", "A"],
            "requiredValue": "B",
            "assessmentType": "Exam",
            "description": "A written exam",
        },
        {
            "id": "urn:uuid:3",
            "type": ["ResultDescription"],
            "name": "Rubric",
            "resultType": "RubricCriterionLevel",
            "requiredLevel": "urn:uuid:9",
            "rubricCriterionLevel": [
                {"id": "urn:uuid:9", "type": ["RubricCriterionLevel"], "name": "Proficient"}
            ],
        },
    ]
    got = data(achievement(resultDescription=results, assessmentType="testing"))
    assert got["assessments"] == [
        {
            "type": "testing",
            "description": "Final grade",
            "passing_standard": "6 on a scale from 1 to 10",
        },
        {
            "type": "Exam",
            "description": "A written exam",
            "passing_standard": "B (possible values: C, B, A)",
        },
        {
            "type": "testing",
            "description": "Rubric",
            "passing_standard": "at least the rubric level 'Proficient'",
        },
    ]
    alone = data(achievement(assessmentType="portfolio"))
    assert alone["assessments"] == [{"type": "portfolio"}]


@pytest.mark.parametrize(
    ("supervision", "checked", "expected", "ambiguous"),
    [
        ("onsite with identity verification", True, "supervised-id-check", False),
        ("supervised online", True, "supervised-id-check", False),
        ("supervised online", False, "supervised", False),
        ("supervised with no identity verification", None, "supervised", False),
        ("unsupervised with no identity verification", False, "none", False),
        ("onsite with identity verification", False, None, True),
        ("unsupervised with no identity verification", True, None, True),
        (None, True, None, True),
    ],
)
def test_supervision_and_identity(
    supervision: str | None, checked: bool | None, expected: str | None, ambiguous: bool
) -> None:
    fields: dict[str, Any] = {}
    if supervision is not None:
        fields["supervisionType"] = supervision
    if checked is not None:
        fields["identityChecked"] = checked
    result = imported(achievement(**fields))
    assert result.document.data.get("identity_verification") == expected
    assert bool([f for f in result.findings if f.rule == AMBIGUOUS]) is ambiguous


@pytest.mark.parametrize(
    ("participation", "mode", "ambiguous"),
    [
        ("online", "online", False),
        ("onsite or blended", None, True),
        ("work experience", None, False),
    ],
)
def test_participation(participation: str, mode: str | None, ambiguous: bool) -> None:
    result = imported(achievement(participationType=participation))
    assert result.document.data.get("delivery", {}).get("mode") == mode
    assert bool([f for f in result.findings if f.rule == AMBIGUOUS]) is ambiguous
    if mode is None:
        assert (
            result.document.data["extensions"]["open_badges"]["participationType"] == participation
        )


def test_endorsements_of_the_achievement_are_kept_unverified() -> None:
    endorsement = {
        "@context": CONTEXT,
        "id": "urn:uuid:e1",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "QA",
        "issuer": {"id": "https://qa.example", "type": ["Profile"], "name": "QA Agency"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "https://example.edu/achievements/1",
            "type": ["EndorsementSubject"],
            "endorsementComment": "Sound.",
        },
    }
    result = imported(achievement(endorsement=[endorsement]))
    assert result.document.data["extensions"]["open_badges"]["endorsement"] == [
        {
            "id": "urn:uuid:e1",
            "issuer": "QA Agency",
            "endorsementComment": "Sound.",
            "validFrom": "2026-01-01T00:00:00Z",
        }
    ]
    assert any(f.rule == UNMAPPED and "endorsement" in f.message for f in result.findings)


def test_odd_shapes_do_not_crash() -> None:
    odd = achievement(
        name=["", {"@value": 3}],
        alignment={"targetName": "One alignment, not in a list", "targetUrl": "https://x.example"},
        resultDescription=[None, 3, {"resultType": "ext:LearningOutcome"}],
        tag="single",
        creator="https://example.edu",
        related=[{"no": "id"}],
        endorsement=["not an object"],
        criteria=["not", "an", "object"],
        ECTS=True,
    )
    result = imported(odd)
    got = result.document.data
    assert got["learning_outcomes"][0]["statement"] == "One alignment, not in a list"
    assert got["extensions"]["open_badges"]["tag"] == ["single"]
    assert "workload" not in got


# -- OB 2.0 --------------------------------------------------------------------------------


def test_an_ob2_badge_class() -> None:
    badge = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": "https://example.org/robotics-badge.json",
        "name": "Awesome Robotics Badge",
        "description": "For doing awesome things with robots.",
        "criteria": {
            "id": "https://example.org/robotics-badge.html",
            "narrative": "Build a robot.\n\n## Learning outcomes\n\n- Move a robot forward\n- Pick up a bucket",
        },
        "tags": ["robots"],
        "version": "1.1",
        "issuer": {
            "type": "Profile",
            "id": "https://example.org/org.json",
            "name": "Example Issuer",
            "url": "https://example.org",
        },
        "alignment": {
            "targetName": "Problem-Solving",
            "targetUrl": "https://example.org/skills/1",
            "targetFramework": "Skills",
        },
    }
    result = imported(badge, OB2)
    got = result.document.data
    assert got["title"] == "Awesome Robotics Badge"
    assert got["issuer"] == {"name": "Example Issuer", "url": "https://example.org"}
    assert [o["statement"] for o in got["learning_outcomes"]] == [
        "Move a robot forward",
        "Pick up a bucket",
    ]
    assert got["extensions"]["open_badges"] == {
        "alignment": [
            {
                "targetName": "Problem-Solving",
                "targetUrl": "https://example.org/skills/1",
                "targetFramework": "Skills",
            }
        ],
        "criteria": {
            "id": "https://example.org/robotics-badge.html",
            "narrative": "Build a robot.",
        },
        "tag": ["robots"],
    }
    assert got["version"] == "1.1"
    assert got["credential"] == {"format": "Open Badges 2.0"}
    assert result.source_format == "ob2"
    assert result.provenance["/title"].line == 5


def test_an_ob2_assertion_with_its_badge_class() -> None:
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "@language": "en",
        "type": "Assertion",
        "id": "https://example.org/beths-robotics-badge.json",
        "badge": {
            "id": "https://example.org/robotics-badge.json",
            "type": "BadgeClass",
            "name": "Awesome Robotics Badge",
            "criteria": "https://example.org/robotics-badge.html",
            "issuer": "https://example.org/organization.json",
        },
    }
    result = imported(assertion, OB2)
    got = result.document.data
    assert got["id"] == "https://example.org/robotics-badge.json"
    assert got["language"] == "en"
    assert got["extensions"]["open_badges"]["issuer"] == "https://example.org/organization.json"
    assert result.provenance["/title"].source_field == "/badge/name"
    assert OB2.convert(document(achievement())).findings[0].rule == NOT_A_DESCRIPTOR


# -- export --------------------------------------------------------------------------------


def example_descriptor() -> dict[str, Any]:
    loaded = load_path(EXAMPLE)
    assert loaded.ok
    result: dict[str, Any] = loaded.data
    return result


def test_export_of_a_complete_descriptor() -> None:
    descriptor = example_descriptor()
    exported = export_ob3_achievement(descriptor)
    assert exported["id"] == "urn:mcqa:descriptor:nbu-data-analytics-foundations"
    assert exported["type"] == ["Achievement"]
    assert exported["name"] == "Data Analytics Foundations"
    assert exported["achievementType"] == "MicroCredential"
    assert exported["inLanguage"] == "en"
    assert exported["creator"]["name"] == descriptor["issuer"]["name"]
    assert exported["creator"]["address"] == {
        "type": ["Address"],
        "addressCountryCode": "IE",
        "addressRegion": "Munster",
    }
    narrative = exported["criteria"]["narrative"]
    assert "## Learning outcomes" in narrative and "## Assessment" in narrative
    assert "**LO1** Prepare a raw data set" in narrative
    kinds = [a.get("targetType") for a in exported["alignment"]]
    assert kinds.count("ext:EQF") == 1 and kinds.count("ext:Occupation") == 3
    quality = next(
        a for a in exported["alignment"] if a.get("targetType") == "ext:QualityAssurance"
    )
    assert quality["targetName"] == descriptor["quality_assurance"]["approved_through"]
    assert quality["targetFramework"] == "Northbridge University Quality Office"
    assert quality["targetUrl"] == descriptor["quality_assurance"]["policy_url"]
    eqf = next(a for a in exported["alignment"] if a.get("targetType") == "ext:EQF")
    assert eqf["targetUrl"] == "http://data.europa.eu/snb/eqf/5"
    outcomes = [
        r for r in exported["resultDescription"] if r["resultType"] == "ext:LearningOutcome"
    ]
    assessments = [r for r in exported["resultDescription"] if r["resultType"] == "Status"]
    assert len(outcomes) == 4 and len(assessments) == 2
    assert outcomes[0]["id"] == "urn:mcqa:outcome:nbu-data-analytics-foundations:LO1"
    assert [a["targetUrl"] for a in assessments[1]["alignment"]] == [
        "urn:mcqa:outcome:nbu-data-analytics-foundations:LO1",
        "urn:mcqa:outcome:nbu-data-analytics-foundations:LO2",
    ]
    assert "creditsAvailable" not in exported  # ECTS are not credit hours
    back = data(dict(exported, **{"@context": CONTEXT}))
    assert back["id"] == descriptor["id"]
    assert [o["id"] for o in back["learning_outcomes"]] == ["LO1", "LO2", "LO3", "LO4"]
    assert back["assessments"][1]["outcomes"] == ["LO1", "LO2"]
    assert back["level"] == {"framework": "EQF", "value": 5}
    assert len(back["relevance"]["occupations"]) == 3


def test_credit_hours_are_the_only_credits_exported() -> None:
    exported = export_ob3_achievement(
        {"id": "a", "title": "A", "workload": {"credit_hours": 3, "ects": 6}}
    )
    assert exported["creditsAvailable"] == 3.0
    assert achievement_id("https://example.edu/a") == "https://example.edu/a"
    assert (
        achievement_id("urn:mcqa:descriptor:x") == "urn:mcqa:descriptor:urn%3Amcqa%3Adescriptor%3Ax"
    )


def result_for(descriptor: dict[str, Any], decision: str = "conformant") -> DescriptorResult:
    return DescriptorResult(
        path="catalog/data.yaml",
        descriptor_id=descriptor["id"],
        decision=decision,  # type: ignore[arg-type]
        score=Score(earned=88, possible=103, percent=85.44),
        essentials=Essentials(met=13, total=13),
        checks_passed=True,
        sha256="ab" * 32,
    )


def test_an_endorsement_states_the_result() -> None:
    descriptor = example_descriptor()
    endorsement = export_endorsement(
        descriptor,
        result_for(descriptor),
        "mcqa-core@2.0.0",
        {"name": "Northbridge Quality Office", "url": "https://quality.example"},
        when=date(2026, 5, 1),
    )
    assert endorsement["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert "proof" not in endorsement
    assert endorsement["validFrom"] == "2026-05-01T00:00:00Z"
    subject = endorsement["credentialSubject"]
    assert subject["id"] == export_ob3_achievement(descriptor)["id"]
    assert subject["type"] == ["EndorsementSubject"]
    assert subject["endorsementComment"] == (
        "Conformance to mcqa-core@2.0.0: conformant. Score 85.44 % (88 of 103 points). "
        "Essential standards met: 13 of 13. Automated checks: all passed. "
        f"Reviewed on 2026-05-01. Descriptor SHA-256: {'ab' * 32}."
    )
    assert endorsement["issuer"] == {
        "id": "https://quality.example",
        "type": ["Profile"],
        "name": "Northbridge Quality Office",
        "url": "https://quality.example",
    }
    again = export_endorsement(
        descriptor,
        result_for(descriptor),
        "mcqa-core@2.0.0",
        {"name": "Northbridge Quality Office", "url": "https://quality.example"},
        when=date(2026, 5, 1),
    )
    assert again == endorsement  # the same review gives the same credential
    later = export_endorsement(
        descriptor,
        result_for(descriptor, "pending_review"),
        "mcqa-core@2.0.0",
        {"id": "did:example:qa"},
        when=datetime(2026, 5, 2, 9, 30, tzinfo=timezone.utc),
    )
    assert later["id"] != endorsement["id"]
    assert later["validFrom"] == "2026-05-02T09:30:00Z"
    assert "pending review" in later["credentialSubject"]["endorsementComment"]
    assert datetime.fromisoformat(
        export_endorsement(descriptor, result_for(descriptor), "r@1", {"name": "Q"})[
            "validFrom"
        ].replace("Z", "+00:00")
    )
    with pytest.raises(ValueError, match="endorser"):
        export_endorsement(
            descriptor, result_for(descriptor), "mcqa-core@2.0.0", {"email": "qa@example.org"}
        )


# -- the official OB 3.0 JSON Schemas ------------------------------------------------------


@pytest.fixture(scope="module")
def schemas() -> dict[str, Draft201909Validator]:
    """Validators for an Achievement, an AchievementCredential and an EndorsementCredential."""
    needs(OB3_SCHEMAS)
    credential_schema = json.loads((OB3_SCHEMAS / "achievementcredential.json").read_text("utf-8"))
    endorsement_schema = json.loads((OB3_SCHEMAS / "endorsementcredential.json").read_text("utf-8"))
    registry: Registry[Any] = Registry().with_resources(
        [
            (credential_schema["$id"], Resource.from_contents(credential_schema)),
            (endorsement_schema["$id"], Resource.from_contents(endorsement_schema)),
        ]
    )

    def validator(schema: dict[str, Any]) -> Draft201909Validator:
        Draft201909Validator.check_schema(schema)
        return Draft201909Validator(
            schema, registry=registry, format_checker=Draft201909Validator.FORMAT_CHECKER
        )

    return {
        "achievement": validator(
            {
                "$schema": "https://json-schema.org/draft/2019-09/schema",
                "$ref": f"{credential_schema['$id']}#/$defs/Achievement",
            }
        ),
        "credential": validator(credential_schema),
        "endorsement": validator(endorsement_schema),
    }


def problems(validator: Draft201909Validator, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def in_credential(exported: dict[str, Any]) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": "urn:uuid:7d3f0b3a-2c1e-4a5b-8c9d-0e1f2a3b4c5d",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": "https://example.edu/issuer",
            "type": ["Profile"],
            "name": "Example College",
        },
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"type": ["AchievementSubject"], "achievement": exported},
    }


def test_exports_validate_against_the_official_schemas(
    schemas: dict[str, Draft201909Validator],
) -> None:
    descriptor = example_descriptor()
    exported = export_ob3_achievement(descriptor)
    assert problems(schemas["achievement"], exported) == []
    assert problems(schemas["credential"], in_credential(exported)) == []
    endorsement = export_endorsement(
        descriptor,
        result_for(descriptor),
        "mcqa-core@2.0.0",
        {"name": "QA Office"},
        when=date(2026, 5, 1),
    )
    assert problems(schemas["endorsement"], endorsement) == []
    # the endorsement can travel inside the achievement it endorses
    assert problems(schemas["achievement"], dict(exported, endorsement=[endorsement])) == []
    assert problems(schemas["achievement"], export_ob3_achievement({"id": "x", "title": "X"})) == []
    # the validators do reject what the schemas forbid
    assert problems(schemas["achievement"], {k: v for k, v in exported.items() if k != "criteria"})
    assert problems(
        schemas["endorsement"], {k: v for k, v in endorsement.items() if k != "validFrom"}
    )


# -- round trip ----------------------------------------------------------------------------


def carried(value: dict[str, Any]) -> dict[str, Any]:
    """The descriptor fields both Open Badges 3.0 and mcqa carry (see the module's tables)."""
    d = Descriptor.model_validate(value).model_dump(exclude_none=True)
    out = {k: d[k] for k in ("id", "title", "description", "type", "version", "url") if k in d}
    if "language" in d and OB3_LANGUAGE.match(d["language"]):
        out["language"] = d["language"]
    issuer = {
        k: v
        for k, v in d.get("issuer", {}).items()
        if k in ("name", "url", "country", "region", "parent")
    }
    if issuer:
        out["issuer"] = issuer
    outcomes = []
    for outcome in d.get("learning_outcomes", []):
        kept = {k: outcome[k] for k in ("id", "statement") if k in outcome}
        alignments = [
            {k: a[k] for k in ("name", "url", "code", "framework") if k in a}
            for a in outcome.get("alignments", [])
            if "name" in a and "url" in a
        ]
        if alignments:
            kept["alignments"] = alignments
        outcomes.append(kept)
    if outcomes:
        out["learning_outcomes"] = outcomes
    if d.get("assessments"):
        out["assessments"] = d["assessments"]
    if "value" in d.get("level", {}):
        out["level"] = {k: d["level"][k] for k in ("framework", "value") if k in d["level"]}
    if d.get("relevance", {}).get("occupations"):
        out["occupations"] = d["relevance"]["occupations"]
    quality = d.get("quality_assurance", {})
    if "approved_through" in quality and "policy_url" in quality:
        out["quality_assurance"] = {
            k: quality[k] for k in ("approved_through", "policy_url", "body") if k in quality
        }
    kept_ob = d.get("extensions", {}).get("open_badges", {})
    kept_ob = {
        k: v
        for k, v in kept_ob.items()
        if k
        in (
            "tag",
            "fieldOfStudy",
            "specialization",
            "humanCode",
            "related",
            "criteria",
            "alignment",
        )
    }
    if kept_ob:
        out["open_badges"] = kept_ob
    return out


def round_trip(descriptor: dict[str, Any]) -> tuple[dict[str, Any], Imported]:
    exported = export_ob3_achievement(descriptor)
    back = imported(document(dict(exported, **{"@context": CONTEXT}), path="exported.json"))
    return exported, back


TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=24).filter(str.strip)
PLAIN = (
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="#"),
        min_size=1,
        max_size=60,
    )
    .map(str.strip)
    .filter(bool)
)
URL = st.from_regex(r"https://[a-z]{1,8}\.example(/[a-z0-9._~-]{1,8}){0,3}", fullmatch=True)
LANGUAGE = st.sampled_from(["en", "nl", "nl-BE", "en-GB", "de-DE", "zh-Hant-TW", "fr", "es-419"])
KNOWN_TYPES = [achievement_type_to_descriptor(t) for t in ACHIEVEMENT_TYPES]
LETTERS = {t.lower() for t in ACHIEVEMENT_TYPES}
OTHER_TYPES = st.from_regex(r"[A-Za-z][A-Za-z0-9._-]{0,15}", fullmatch=True).filter(
    lambda t: re.sub(r"[^a-z0-9]", "", t.lower().removeprefix("ext:")) not in LETTERS
)
UUID = st.uuids().map(str)


def optional(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


ALIGNMENT = st.fixed_dictionaries(
    {"name": TEXT, "url": URL}, optional={"framework": TEXT, "code": TEXT}
)
OUTCOME = st.fixed_dictionaries(
    {"statement": TEXT},
    optional={"id": TEXT, "alignments": st.lists(ALIGNMENT, min_size=1, max_size=3)},
)
ASSESSMENT = optional(
    id=TEXT,
    type=TEXT,
    description=TEXT,
    outcomes=st.lists(TEXT, min_size=1, max_size=3),
    passing_standard=TEXT,
)
NOT_DIGITS = TEXT.filter(lambda s: not re.fullmatch(r"0|[1-9][0-9]{0,8}", s))
LEVEL = st.one_of(
    st.fixed_dictionaries({"framework": st.just("EQF"), "value": st.integers(1, 8)}),
    st.fixed_dictionaries(
        {"value": st.one_of(st.integers(0, 10**6), NOT_DIGITS)},
        optional={"framework": st.sampled_from(["EQF", "NZQCF", "QF-EHEA", "NFQ", "AQF"])},
    ),
)
OCCUPATION = st.fixed_dictionaries(
    {"title": TEXT},
    optional={
        "framework": st.sampled_from(["ESCO", "O*NET-SOC", "ISCO-08", "SOC 2018", "Local list"]),
        "code": st.one_of(TEXT, UUID),
    },
).filter(lambda o: o["title"] != o.get("code"))
KEPT_ALIGNMENT = st.fixed_dictionaries(
    {
        "targetName": TEXT,
        "targetUrl": URL,
        "targetType": st.sampled_from(["ceterms:Credential", "CTDL"]),
    },
    optional={"targetCode": TEXT, "targetFramework": TEXT, "targetDescription": TEXT},
)
OPEN_BADGES = optional(
    tag=st.lists(TEXT, min_size=1, max_size=3),
    fieldOfStudy=TEXT,
    specialization=TEXT,
    humanCode=TEXT,
    criteria=optional(id=URL, narrative=PLAIN).filter(bool),
    related=st.lists(
        st.fixed_dictionaries({"id": URL}, optional={"inLanguage": LANGUAGE, "version": TEXT}),
        min_size=1,
        max_size=2,
    ),
    alignment=st.lists(KEPT_ALIGNMENT, min_size=1, max_size=2),
).filter(bool)


@st.composite
def descriptors(draw: st.DrawFn) -> dict[str, Any]:
    """Descriptors made of the fields Open Badges 3.0 carries."""
    descriptor: dict[str, Any] = {
        "id": draw(st.one_of(TEXT, URL).filter(lambda s: not s.startswith("urn:mcqa:"))),
        "title": draw(TEXT),
    }
    descriptor.update(
        draw(
            optional(
                description=TEXT,
                type=st.one_of(st.sampled_from(KNOWN_TYPES), OTHER_TYPES),
                version=TEXT,
                language=LANGUAGE,
                url=URL,
                issuer=optional(
                    name=TEXT,
                    url=URL,
                    country=st.from_regex(r"[A-Z]{2}", fullmatch=True),
                    region=TEXT,
                    parent=TEXT,
                ).filter(bool),
                learning_outcomes=st.lists(OUTCOME, min_size=1, max_size=4),
                assessments=st.lists(ASSESSMENT, min_size=1, max_size=3),
                level=LEVEL,
                relevance=st.fixed_dictionaries(
                    {"occupations": st.lists(OCCUPATION, min_size=1, max_size=3)}
                ),
                quality_assurance=st.fixed_dictionaries(
                    {"approved_through": TEXT, "policy_url": URL}, optional={"body": TEXT}
                ),
                extensions=st.fixed_dictionaries({"open_badges": OPEN_BADGES}),
            )
        )
    )
    return descriptor


ROUND_TRIP = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@ROUND_TRIP
@given(descriptors())
def test_import_export_import_keeps_what_both_formats_carry(descriptor: dict[str, Any]) -> None:
    Descriptor.model_validate(descriptor)
    exported, back = round_trip(descriptor)
    assert carried(back.document.data) == carried(descriptor)
    again, _ = round_trip(back.document.data)
    assert again == exported  # and exporting what came back changes nothing


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(descriptors())
def test_every_export_is_valid_ob3(
    schemas: dict[str, Draft201909Validator], descriptor: dict[str, Any]
) -> None:
    exported = export_ob3_achievement(descriptor)
    assert problems(schemas["achievement"], exported) == []


# -- the real corpus -----------------------------------------------------------------------

OB_FOLDERS = (
    "1edtech-openbadges-specification",
    "educredentials-obv3-examples",
    "mynextid-credentials",
)

#: Documents of the corpus that describe other things (schemas, contexts, EDC, forms).
NOT_DESCRIPTORS = {
    "1edtech-openbadges-specification/ob_v3p0/context-3.0.3.json",
    "1edtech-openbadges-specification/ob_v3p0/examples/endorsement.json",
    "1edtech-openbadges-specification/ob_v2p0/v1/schema/badgeclass.json",
    "1edtech-openbadges-specification/ob_v2p0/v2/context.json",
    "1edtech-openbadges-specification/ob_v2p0/extensions/assessmentExtension/schema.json",
    "1edtech-openbadges-specification/extensions/applyLinkExtension/schema_obv3p0.json",
    "educredentials-obv3-examples/contexts/educredential.json",
    "educredentials-obv3-examples/schemas/microcredential.json",
    "educredentials-obv3-examples/schemas/ob_v3p0_achievementcredential_schema.json",
    "mynextid-credentials/microcredential/v1/open-badge/schema.json",
    "mynextid-credentials/microcredential/v1/edc/examples/edc-mc-example.json",
    "mynextid-credentials/microcredential/v1/input-fields/example.json",
}


def corpus_documents() -> list[tuple[str, Document]]:
    needs(CORPUS)
    found = []
    for folder in OB_FOLDERS:
        for path in sorted((CORPUS / folder).rglob("*.json")):
            found.append((path.relative_to(CORPUS).as_posix(), load_path(path)))
    return found


def test_every_open_badge_of_the_corpus_imports() -> None:
    documents = corpus_documents()
    detected = {name: doc for name, doc in documents if OB3.detect(doc) or OB2.detect(doc)}
    for name, doc in detected.items():
        importer = OB3 if OB3.detect(doc) else OB2
        assert not (OB3.detect(doc) and OB2.detect(doc)), name
        result = importer.convert(doc)
        Descriptor.model_validate(result.document.data)
        assert result.document.data["title"].strip(), name
        assert all(f.file == doc.path and f.line is not None for f in result.findings), name
    names = {name for name, _ in documents}
    assert names >= NOT_DESCRIPTORS
    assert not NOT_DESCRIPTORS & set(detected)
    unreadable = {name for name, doc in documents if doc.data is None}
    # corpus figures: 69 JSON files, 3 not strict JSON, 39 Open Badges 3.0 documents
    assert len(documents) == 69
    assert len(unreadable) == 3
    assert len(detected) == 39
    assert all(OB3.detect(doc) for doc in detected.values())


def corpus(name: str) -> Imported:
    path = needs(CORPUS / name)
    source = load_path(path)
    return imported(source)


def outcome_statements(got: dict[str, Any]) -> list[str]:
    return [o["statement"] for o in got.get("learning_outcomes", [])]


def test_corpus_1edtech_full_open_badge() -> None:
    result = corpus("1edtech-openbadges-specification/ob_v3p0/examples/fullOpenBadge.json")
    got = result.document.data
    assert got["title"] == "1EdTech University Degree"
    assert got["type"] == "degree"
    assert got["issuer"] == {
        "name": "1EdTech University",
        "url": "https://1edtech.edu",
        "country": "US",
        "region": "TX",
        "parent": "Universal Universities",
    }
    assert outcome_statements(got) == ["1EdTech University Degree"]
    assert [a.get("passing_standard") for a in got["assessments"]] == [
        "C (possible values: D, C, B, A)",
        "at least the rubric level 'Mastery'",
        None,
    ]
    assert "workload" not in got and "level" not in got
    assert rules(result, "warning") == [(AMBIGUOUS, 248)]  # creditsAvailable 36.0: in what unit?
    assert got["extensions"]["open_badges"]["tag"] == ["research", "computer science"]


def test_corpus_1edtech_skill_assertion() -> None:
    got = corpus(
        "1edtech-openbadges-specification/ob_v3p0/examples/skillAssertionCase.json"
    ).document.data
    assert got["title"] == "Robot Programming"
    assert got["type"] == "competency"
    assert got["issuer"] == {"name": "1EdTech University", "url": "https://1edtech.edu"}
    assert got["learning_outcomes"] == [
        {
            "statement": "Robot Programming",
            "alignments": [
                {
                    "framework": "Example Robotics Framework",
                    "name": "Robot Programming",
                    "url": "https://robotics-competencies.example.com/competencies/robot-programming",
                }
            ],
        }
    ]
    assert got["extensions"]["open_badges"]["creator"]["name"] == "Example Industry Group"
    assert "workload" not in got and "level" not in got


def test_corpus_1edtech_basic_credential() -> None:
    result = corpus(
        "1edtech-openbadges-specification/ob_v3p0/examples/basicOpenBadgeCredential.json"
    )
    got = result.document.data
    assert got["title"] == "Teamwork"
    assert got["issuer"] == {"name": "Example Corp"}
    assert "learning_outcomes" not in got and "assessments" not in got
    assert got["extensions"]["open_badges"]["criteria"]["narrative"].startswith(
        "Team members are nominated"
    )
    assert rules(result) == [(UNMAPPED, 22)]


def test_corpus_educredentials_higher_education_microcredential() -> None:
    result = corpus(
        "educredentials-obv3-examples/_data/credentials/theed_microcredential_full_ho.json"
    )
    got = result.document.data
    assert got["title"] == "Minor: Jedi Mind Control and Advanced Meditation Practices"
    assert got["issuer"] == {"name": "Naboo Theed University", "country": "XX"}
    assert got["workload"] == {"ects": 3}
    assert got["level"] == {"framework": "EQF", "value": 4}
    assert got["language"] == "en-EN"
    assert got["identity_verification"] == "supervised-id-check"
    assert got["assessments"] == [
        {
            "type": "testing",
            "description": "Final Project Grade",
            "passing_standard": "6 on a scale from 1 to 10",
        }
    ]
    assert got["quality_assurance"]["policy_url"] == "https://data.example.com/decisions/AV-4223"
    assert "learning_outcomes" not in got
    assert result.provenance["/workload/ects"].line == 102
    assert result.provenance["/level/value"].line == 81  # targetCode "4"
    assert rules(result, "warning") == [(AMBIGUOUS, 85)]  # onsite or blended


def test_corpus_educredentials_vocational_microcredential() -> None:
    result = corpus(
        "educredentials-obv3-examples/_data/credentials/mbob_zw_ssb_microcredential_full.json"
    )
    got = result.document.data
    assert got["title"] == "Dekbed schudden voor gevorderden"
    assert got["issuer"] == {"name": "MBO Beek", "country": "NL"}
    assert got["workload"] == {"hours": 240}  # SBU: study-load hours
    assert got["level"] == {"framework": "EQF", "value": 4}
    assert got["language"] == "nl-NL"
    assert result.provenance["/workload/hours"].line == 80
    assert result.provenance["/title"].line == 42


def test_corpus_educredentials_ambiguities() -> None:
    result = corpus(
        "educredentials-obv3-examples/_data/credentials/uvh_fvhz_extracurricular_full.json"
    )
    got = result.document.data
    assert got["title"] == "Extracurriculair Stage bij Het Ministerie van Onnodige Zaken"
    assert got["issuer"]["name"] == "Universiteit van Harderwijk"
    assert "workload" not in got  # timeInvestment 200: hours? days?
    assert got["level"] == {"framework": "EQF", "value": 3}
    assert "identity_verification" not in got
    assert rules(result, "warning") == [(AMBIGUOUS, 65), (AMBIGUOUS, 66), (AMBIGUOUS, 69)]
    online = corpus(
        "educredentials-obv3-examples/_data/credentials/theed_regular_full_ho.json"
    ).document.data
    assert online["delivery"] == {"mode": "online"}
    assert online["identity_verification"] == "supervised-id-check"
    assert online["workload"] == {"ects": 6}
    assert online["level"] == {"framework": "EQF", "value": 5}


def test_corpus_mynextid_microcredential() -> None:
    result = corpus(
        "mynextid-credentials/microcredential/v1/open-badge/examples/open-badge-mc-example.json"
    )
    got = result.document.data
    assert got["title"] == "Data Science Fundamentals"
    assert got["type"] == "microcredential"
    assert got["issuer"] == {"name": "NETIS d.o.o.", "url": "https://www.netis.si"}
    assert outcome_statements(got) == ["Develop test procedures", "Analyse test data"]
    assert all(o["alignments"][0]["framework"] == "ESCO" for o in got["learning_outcomes"])
    assert got["language"] == "en"
    assert "workload" not in got and "level" not in got
    assert rules(result, "warning") == [(AMBIGUOUS, 47)]  # creditsAvailable 5: ECTS? credit hours?
    assert got["extensions"]["open_badges"]["creditsAvailable"] == 5
    assert got["extensions"]["open_badges"]["humanCode"] == "DS-101-2024"


def test_corpus_ob2_examples_are_not_strict_json() -> None:
    folder = needs(CORPUS / "1edtech-openbadges-specification" / "ob_v2p0" / "examples")
    for name, line, column in (
        ("BadgeClass-example.json", 14, 80),
        ("Criteria-with-alignment-example.json", 6, 84),
    ):
        loaded = load_path(folder / name)
        assert loaded.data is None
        [finding] = loaded.findings
        assert (finding.rule, finding.line, finding.column) == ("json-syntax", line, column)
        assert not OB2.detect(loaded) and not OB3.detect(loaded)
    # YAML reads JSON and folds the line breaks inside the strings: the badge class is real
    badge = load_path(folder / "BadgeClass-example.json", format="yaml")
    result = imported(badge, OB2)
    got = result.document.data
    assert got["title"] == "Awesome Robotics Badge"
    assert outcome_statements(got) == ["CCSS.ELA-Literacy.RST.11-12.3", "Problem-Solving"]
    assert (
        got["learning_outcomes"][1]["alignments"][0]["framework"] == "Mozilla 21st Century Skills"
    )
    assert got["extensions"]["open_badges"]["issuer"] == "https://example.org/organization.json"
    assert got["extensions"]["open_badges"]["tag"] == ["robots", "awesome"]
    assert result.provenance["/learning_outcomes/0/statement"].line == 12
    criteria = load_path(folder / "Criteria-with-alignment-example.json", format="yaml")
    assert criteria.ok and not OB2.detect(criteria)  # a fragment: no type


def test_corpus_round_trip_and_exports_validate(schemas: dict[str, Draft201909Validator]) -> None:
    for name, doc in corpus_documents():
        if not OB3.detect(doc):
            continue
        first = OB3.convert(doc).document.data
        exported, back = round_trip(first)
        assert problems(schemas["achievement"], exported) == [], name
        assert carried(back.document.data) == carried(first), name


def test_checks_on_an_imported_badge_point_into_the_badge() -> None:
    result = corpus(
        "educredentials-obv3-examples/_data/credentials/theed_microcredential_full_ho.json"
    )
    report = mcqa.evaluate(result.document, "mcqa-core")
    findings = [f for standard in report.results[0].standards for f in standard.findings]
    assert any(f.line == 35 and "'XX'" in f.message for f in findings)  # addressCountryCode
    assert any(f.line == 63 and "en-EN" in f.message for f in findings)  # inLanguage
    assert all(f.file == result.document.path for f in findings)


def test_an_endorsement_of_a_real_result_validates(
    schemas: dict[str, Draft201909Validator],
) -> None:
    report = mcqa.evaluate(EXAMPLE, "mcqa-core")
    [result] = report.results
    endorsement = export_endorsement(
        example_descriptor(),
        result,
        f"{report.rubric.id}@{report.rubric.version}",
        {"id": "https://quality.example/profile", "name": "QA Office"},
        when=date(2026, 5, 1),
    )
    assert problems(schemas["endorsement"], endorsement) == []
    comment = endorsement["credentialSubject"]["endorsementComment"]
    assert comment.startswith(f"Conformance to mcqa-core@{report.rubric.version}: ")
    assert "Essential standards met:" in comment
