"""CTDL (Credential Engine) JSON-LD in and out: mapping, provenance, units, round trip, corpus.

The documents here are small synthetic records written for these tests. Real
registry records are read at run time from the shared corpus beside the
repository (never copied here); those tests skip when it is absent.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcqa.importers._base import Imported, Importer
from mcqa.importers.ctdl import CTDL_CONTEXT, CtdlImporter, ctid_for, export_ctdl
from mcqa.load import Document, load_path, load_text
from mcqa.models import Descriptor

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "real"
CTDL_SCHEMA = SHARED / "schemas-external" / "ctdl" / "credentialSchema.json"

IMPORTER = CtdlImporter()


def load(source: str | dict[str, Any] | list[Any], path: str = "record.json") -> Document:
    text = source if isinstance(source, str) else json.dumps(source, indent=2)
    return load_text(text, path=path, format="json")


def convert(source: str | dict[str, Any]) -> Imported:
    document = load(source)
    assert IMPORTER.detect(document)
    imported = IMPORTER.convert(document)
    Descriptor.model_validate(imported.document.data)
    return imported


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the one occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, needle
    return text.count("\n", 0, text.index(needle)) + 1


def rules(imported: Imported, rule: str) -> list[str]:
    return [f.message for f in imported.findings if f.rule == rule]


def credential(**properties: Any) -> dict[str, Any]:
    """A minimal credential record with ``properties`` (``ceterms:`` added to bare names)."""
    record: dict[str, Any] = {
        "@context": CTDL_CONTEXT,
        "@type": "ceterms:MicroCredential",
        "ceterms:ctid": "ce-5b8a3c7e-2f0d-4e55-9a2b-6c1f0e9d8a71",
        "ceterms:name": {"en": "Spreadsheet Skills"},
    }
    for name, value in properties.items():
        record[name if ":" in name or name.startswith("@") else f"ceterms:{name}"] = value
    return record


# -- the importer's shape ----------------------------------------------------------------


def test_the_importer_has_the_protocol_shape() -> None:
    assert isinstance(IMPORTER, Importer)
    assert CtdlImporter.ID == "ctdl"
    assert CtdlImporter.DESCRIPTION


# -- one record, every field, exact provenance -------------------------------------------

RECORD = """\
{
  "@context": "https://credreg.net/ctdl/schema/context/json",
  "@id": "https://example.org/records/data-101",
  "@type": "ceterms:MicroCredential",
  "ceterms:ctid": "ce-5b8a3c7e-2f0d-4e55-9a2b-6c1f0e9d8a71",
  "ceterms:name": {"en-US": "Data Literacy for Public Servants"},
  "ceterms:description": {"en-US": "Clean, explore and present public data sets with open tools."},
  "ceterms:inLanguage": ["en-US"],
  "ceterms:subjectWebpage": "https://example.org/data-101",
  "ceterms:versionIdentifier": [
    {"@type": "ceterms:IdentifierValue", "ceterms:identifierValueCode": "2024.1"}
  ],
  "ceterms:credentialStatusType": {
    "@type": "ceterms:CredentialAlignmentObject",
    "ceterms:targetNode": "credentialStat:Active"
  },
  "ceterms:ownedBy": [
    {
      "@type": "ceterms:CredentialOrganization",
      "ceterms:name": {"en-US": "Example State College"},
      "ceterms:subjectWebpage": "https://college.example.org",
      "ceterms:address": [
        {
          "@type": "ceterms:Place",
          "ceterms:addressCountry": {"en-US": "United States"},
          "ceterms:addressRegion": {"en-US": "Ohio"}
        }
      ]
    }
  ],
  "ceterms:estimatedDuration": [
    {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "PT45H"},
    {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "P6W"}
  ],
  "ceterms:estimatedCost": [
    {
      "@type": "ceterms:CostProfile",
      "ceterms:price": "450",
      "ceterms:currency": "US Dollar",
      "ceterms:description": {"en-US": "Tuition, e-books and the exam."},
      "ceterms:costDetails": "https://example.org/data-101/costs"
    }
  ],
  "ceterms:learningDeliveryType": [
    {"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNode": "deliveryType:BlendedDelivery"}
  ],
  "ceterms:requires": [
    {
      "@type": "ceterms:ConditionProfile",
      "ceterms:description": {"en-US": "Pass the two assessments to earn the credit."},
      "ceterms:creditValue": [
        {
          "@type": "ceterms:ValueProfile",
          "schema:value": "3",
          "ceterms:creditUnitType": ["creditUnit:SemesterHour"]
        }
      ],
      "ceterms:targetAssessment": [
        {
          "@type": "ceterms:AssessmentProfile",
          "ceterms:assessmentMethodType": ["assessMethod:Exam"],
          "ceterms:description": {"en-US": "A proctored final exam."}
        }
      ]
    },
    {"@type": "ceterms:ConditionProfile", "ceterms:description": {"en-US": "A first course in statistics."}}
  ],
  "ceterms:recommends": [
    {"@type": "ceterms:ConditionProfile", "ceterms:description": {"en-US": "Comfort with spreadsheets."}}
  ],
  "ceterms:audienceLevelType": ["https://credreg.net/ctdl/terms/AudienceLevel#IntermediateLevel"],
  "ceterms:occupationType": [
    {
      "@type": "ceterms:CredentialAlignmentObject",
      "ceterms:frameworkName": {"en-US": "O*NET-SOC"},
      "ceterms:codedNotation": "15-2051.00",
      "ceterms:targetNodeName": {"en-US": "Data Scientists"}
    }
  ],
  "ceterms:isPartOf": ["https://example.org/records/msc-data"],
  "ceterms:accreditedBy": [
    {"@type": "ceterms:QACredentialOrganization", "ceterms:name": {"en-US": "Higher Learning Commission"}}
  ],
  "ceterms:teaches": [
    {
      "@type": "ceasn:Competency",
      "ceasn:competencyText": {"en-US": "Clean a public data set with open tools"},
      "ceasn:codedNotation": "LO1"
    }
  ],
  "ceterms:keyword": {"en-US": ["data", "open government"]},
  "ceterms:image": "https://example.org/badge.png"
}
"""


def test_a_record_maps_onto_every_descriptor_field_it_has() -> None:
    imported = convert(RECORD)
    assert imported.source_format == "ctdl"
    assert imported.document.data == {
        "id": "ce-5b8a3c7e-2f0d-4e55-9a2b-6c1f0e9d8a71",
        "title": "Data Literacy for Public Servants",
        "type": "microcredential",
        "status": "active",
        "description": "Clean, explore and present public data sets with open tools.",
        "language": "en-US",
        "url": "https://example.org/data-101",
        "version": "2024.1",
        "issuer": {
            "name": "Example State College",
            "url": "https://college.example.org",
            "country": "US",
            "region": "Ohio",
        },
        "audience": {"level": "intermediate", "prior_knowledge": "Comfort with spreadsheets."},
        "prerequisites": "A first course in statistics.",
        "workload": {"hours": 45.0, "duration_weeks": 6.0, "credit_hours": 3.0},
        "cost": {"amount": 450.0, "currency": "USD", "includes": "Tuition, e-books and the exam."},
        "delivery": {"mode": "blended"},
        "stackability": {"stacks_into": [{"id": "https://example.org/records/msc-data"}]},
        "relevance": {
            "occupations": [
                {"framework": "O*NET-SOC", "code": "15-2051.00", "title": "Data Scientists"}
            ]
        },
        "quality_assurance": {"type": "accredited", "body": "Higher Learning Commission"},
        "learning_outcomes": [
            {"statement": "Clean a public data set with open tools", "id": "LO1"}
        ],
        "assessments": [{"type": "exam", "description": "A proctored final exam."}],
        "extensions": {
            "ctdl": {
                "costDetails": "https://example.org/data-101/costs",
                "keyword": ["data", "open government"],
            }
        },
    }
    # The earning condition is not a prerequisite, and the image has no place.
    lost = rules(imported, "import-lost")
    assert any("how the credential is earned" in m for m in lost)
    assert any(m.startswith("ceterms:image ") for m in lost)
    assert not rules(imported, "import-ambiguous")


def test_provenance_gives_the_exact_line_and_column_of_each_source_value() -> None:
    imported = convert(RECORD)
    title = imported.provenance["/title"]
    assert (title.source_field, title.line) == ("/ceterms:name/en-US", 6)
    assert title.column == RECORD.splitlines()[5].index('"Data Literacy') + 1
    expected = {
        "/id": '"ce-5b8a3c7e',
        "/description": '"Clean, explore',
        "/language": '["en-US"]',
        "/url": '"https://example.org/data-101"',
        "/version": '"2024.1"',
        "/status": '"credentialStat:Active"',
        "/issuer/name": '"Example State College"',
        "/issuer/url": '"https://college.example.org"',
        "/issuer/country": '"United States"',
        "/issuer/region": '"Ohio"',
        "/workload/hours": '"PT45H"',
        "/workload/duration_weeks": '"P6W"',
        "/workload/credit_hours": '"schema:value": "3"',
        "/cost/amount": '"450"',
        "/cost/currency": '"US Dollar"',
        "/cost/includes": '"Tuition, e-books',
        "/delivery/mode": '"deliveryType:BlendedDelivery"',
        "/prerequisites": '"A first course in statistics."',
        "/audience/prior_knowledge": '"Comfort with spreadsheets."',
        "/audience/level": "AudienceLevel#IntermediateLevel",
        "/quality_assurance/body": '"ceterms:accreditedBy"',
        "/learning_outcomes/0/statement": '"Clean a public data set',
        "/stackability/stacks_into/0": '"https://example.org/records/msc-data"',
        "/extensions/ctdl/keyword": '"data", "open government"',
    }
    for pointer, needle in expected.items():
        assert imported.provenance[pointer].line == line_of(RECORD, needle), pointer
    # An object is placed at its opening brace, the line after the list it opens.
    for pointer, key in (
        ("/relevance/occupations/0", '"ceterms:occupationType"'),
        ("/assessments/0", '"ceterms:targetAssessment"'),
    ):
        assert imported.provenance[pointer].line == line_of(RECORD, key) + 1, pointer
    # The descriptor document places its values at the same lines, in the source file.
    document = imported.document
    assert document.path == "record.json"
    assert document.sha256 == load(RECORD).sha256
    located = document.source_map.locate("/issuer/country")
    assert located is not None and located.line == line_of(RECORD, '"United States"')
    located = document.source_map.locate("/issuer")  # the organization's opening brace
    assert located is not None and located.line == line_of(RECORD, '"ceterms:ownedBy"') + 1


def test_findings_point_at_the_source_value_they_are_about() -> None:
    text = RECORD.replace('"PT45H"', '"P3M"')
    imported = IMPORTER.convert(load(text))
    (finding,) = [f for f in imported.findings if f.rule == "import-ambiguous"]
    assert finding.severity == "warning"
    assert finding.file == "record.json"
    assert finding.line == line_of(text, '"P3M"')
    assert finding.pointer == "/ceterms:estimatedDuration/0/ceterms:exactDuration"
    assert "P3M" in finding.message
    assert "hours" not in imported.document.data["workload"]
    (image,) = [f for f in imported.findings if "ceterms:image" in f.message]
    assert (image.line, image.column) == (line_of(text, '"ceterms:image"'), 3)  # at the key


# -- graphs and references ---------------------------------------------------------------

GRAPH = {
    "@context": CTDL_CONTEXT,
    "@id": "https://example.org/graphs/spreadsheets",
    "@graph": [
        {
            "@id": "https://example.org/org/hsv",
            "@type": "ceterms:CredentialOrganization",
            "ceterms:name": {"nl": "Hogeschool Voorbeeld", "en": "Example University"},
            "ceterms:subjectWebpage": {"@id": "https://hsv.example.org"},
            "ceterms:address": [{"@type": "ceterms:Place", "ceterms:addressCountry": "NL"}],
            "ceterms:parentOrganization": ["https://example.org/org/group"],
        },
        {
            "@id": "https://example.org/credentials/spreadsheets",
            "@type": "ceterms:DigitalBadge",
            "ceterms:ctid": "ce-0c9b9c49-3c8e-4a9b-8d3c-2b9f3d6a1e11",
            "ceterms:name": "Spreadsheet Skills",
            "ceterms:ownedBy": ["https://example.org/org/hsv"],
            "ceterms:offeredBy": [{"@id": "https://example.org/org/hsv"}],
            "ceterms:requires": ["_:entry", {"@id": "_:earn"}],
            "ceterms:recognizedBy": [{"@id": "_:qa"}],
            "ceterms:occupationType": {"@id": "_:occupation"},
            "ceterms:isPreparationFor": [
                {
                    "@type": "ceterms:ConditionProfile",
                    "ceterms:targetCredential": ["https://example.org/credentials/office"],
                }
            ],
        },
        {
            "@id": "https://example.org/org/group",
            "@type": "ceterms:CredentialOrganization",
            "ceterms:name": "Example Education Group",
        },
        {
            "@id": "_:entry",
            "@type": "ceterms:ConditionProfile",
            "ceterms:description": "Basic computer skills",
        },
        {
            "@id": "_:earn",
            "@type": "ceterms:ConditionProfile",
            "ceterms:description": "Complete the three modules.",
            "ceterms:targetCompetency": [
                {
                    "@type": "ceterms:CredentialAlignmentObject",
                    "ceterms:targetNodeName": "Pivot Tables",
                },
                {
                    "@type": "ceterms:CredentialAlignmentObject",
                    "ceterms:frameworkName": "Digital Skills Framework",
                    "ceterms:codedNotation": "DS-4",
                    "ceterms:targetNode": "https://skills.example.org/ds-4",
                    "ceterms:targetNodeName": "Formulas",
                    "ceterms:targetNodeDescription": "Write formulas that combine cells",
                },
            ],
        },
        {"@id": "_:qa", "@type": "ceterms:QACredentialOrganization", "ceterms:name": "NVAO"},
        {
            "@id": "_:occupation",
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:framework": {"@id": "https://esco.ec.europa.eu/"},
            "ceterms:codedNotation": "4311.1",
            "ceterms:targetNodeName": {"@language": "en", "@value": "bookkeeper"},
        },
        {
            "@id": "https://example.org/credentials/office",
            "@type": "ceterms:Certificate",
            "ceterms:ctid": "ce-7e0f5c1a-9b8d-4c2e-a1f3-5d6b7c8e9f00",
            "ceterms:name": "Certificate in Office Data",
        },
    ],
}


def test_a_graph_is_read_through_its_references() -> None:
    imported = convert(GRAPH)
    data = imported.document.data
    assert data["id"] == "ce-0c9b9c49-3c8e-4a9b-8d3c-2b9f3d6a1e11"
    assert data["type"] == "badge"
    assert data["issuer"] == {
        "name": "Example University",
        "url": "https://hsv.example.org",
        "country": "NL",
        "parent": "Example Education Group",
    }
    assert data["prerequisites"] == "Basic computer skills"
    assert data["quality_assurance"] == {"type": "recognized", "body": "NVAO"}
    assert data["relevance"]["occupations"] == [
        {"framework": "https://esco.ec.europa.eu/", "code": "4311.1", "title": "bookkeeper"}
    ]
    assert data["stackability"]["stacks_into"] == [
        {
            "id": "ce-7e0f5c1a-9b8d-4c2e-a1f3-5d6b7c8e9f00",
            "title": "Certificate in Office Data",
            "type": "certificate",
        }
    ]
    assert data["learning_outcomes"] == [
        {
            "statement": "Write formulas that combine cells",
            "alignments": [
                {
                    "framework": "Digital Skills Framework",
                    "code": "DS-4",
                    "name": "Formulas",
                    "url": "https://skills.example.org/ds-4",
                }
            ],
        }
    ]
    assert "language" not in data  # the name is a plain string, and no inLanguage
    lost = rules(imported, "import-lost")
    assert any("'Pivot Tables' is a name, not a statement" in m for m in lost)
    assert any("also given in nl; mcqa kept the en text" in m for m in lost)
    # The issuer's provenance points into the organization's node of the graph.
    assert imported.provenance["/issuer/name"].source_field == "/@graph/0/ceterms:name/en"


def test_the_credential_of_a_graph_wins_over_learning_opportunities() -> None:
    graph = {
        "@context": CTDL_CONTEXT,
        "@graph": [
            {"@id": "urn:x:lp", "@type": "ceterms:LearningProgram", "ceterms:name": "Programme"},
            {
                "@id": "urn:x:badge",
                "@type": "ceterms:OpenBadge",
                "ceterms:name": "The badge",
                "ceterms:requires": [
                    {
                        "@type": "ceterms:ConditionProfile",
                        "ceterms:description": "Complete the programme.",
                        "ceterms:targetLearningOpportunity": ["urn:x:lp"],
                    }
                ],
            },
        ],
    }
    imported = convert(graph)
    assert imported.document.data["title"] == "The badge"
    assert imported.document.data["type"] == "badge"
    assert imported.document.data["extensions"] == {"ctdl": {"type": "ceterms:OpenBadge"}}
    assert imported.document.data["id"] == "urn:x:badge"  # no ctid: the @id


def test_a_programme_is_read_rather_than_its_courses() -> None:
    graph = {
        "@context": CTDL_CONTEXT,
        "@graph": [
            {"@id": "urn:x:c1", "@type": "ceterms:Course", "ceterms:name": "Course one"},
            {
                "@id": "urn:x:lp",
                "@type": "ceterms:LearningProgram",
                "ceterms:name": "The programme",
                "ceterms:hasPart": ["urn:x:c1", "urn:x:c2"],
            },
            {"@id": "urn:x:c2", "@type": "ceterms:Course", "ceterms:name": "Course two"},
        ],
    }
    imported = convert(graph)
    data = imported.document.data
    assert (data["title"], data["type"]) == ("The programme", "learning-program")
    assert data["extensions"]["ctdl"]["hasPart"] == [
        {"id": "urn:x:c1", "title": "Course one", "type": "course"},
        {"id": "urn:x:c2", "title": "Course two", "type": "course"},
    ]
    assert not rules(imported, "import-ambiguous")


def test_two_unrelated_credentials_are_an_ambiguity_and_the_first_is_read() -> None:
    graph = {
        "@graph": [
            {"@type": "ceterms:Certificate", "ceterms:name": "First"},
            {"@type": "ceterms:Certificate", "ceterms:name": "Second"},
        ]
    }
    imported = convert(graph)
    assert imported.document.data["title"] == "First"
    (message,) = rules(imported, "import-ambiguous")
    assert "'Second'" in message
    assert rules(imported, "import-missing")  # no ctid, no @id: the id is the file name
    assert imported.document.data["id"] == "record"


def test_references_outside_the_document_are_kept_and_never_fetched() -> None:
    owner = "https://credentialengineregistry.org/resources/ce-036d082d-d80e-41a7-99a0-2d63a4ad3a4a"
    imported = convert(
        credential(ownedBy=[owner], accreditedBy=["_:not-here"], teaches=["https://x.example/c1"])
    )
    data = imported.document.data
    assert "issuer" not in data
    assert data["extensions"]["ctdl"]["ownedBy"] == [owner]
    assert data["quality_assurance"] == {"type": "accredited"}
    unresolved = rules(imported, "import-unresolved")
    assert len(unresolved) == 3
    assert all(f.severity == "info" for f in imported.findings if f.rule == "import-unresolved")


# -- text, languages ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "language"),
    [
        ({"fr": "Littératie des données", "en-GB": "Data literacy"}, "Data literacy", "en-GB"),
        ({"de": "Datenkompetenz", "fr": "Littératie des données"}, "Datenkompetenz", "de"),
        ({"@value": "Datageletterdheid", "@language": "nl"}, "Datageletterdheid", "nl"),
        ([{"@value": "Data literacy", "@language": "en"}], "Data literacy", "en"),
        ("Data literacy", "Data literacy", None),
    ],
)
def test_translated_names_pick_english_or_the_first(
    name: Any, title: str, language: str | None
) -> None:
    record = credential()
    record["ceterms:name"] = name
    data = convert(record).document.data
    assert data["title"] == title
    assert data.get("language") == language


def test_in_language_wins_and_a_language_name_becomes_its_code() -> None:
    assert convert(credential(inLanguage=["English"])).document.data["language"] == "en"
    imported = convert(credential(inLanguage=["en", "es"]))
    assert "language" not in imported.document.data
    assert imported.document.data["extensions"]["ctdl"]["inLanguage"] == ["en", "es"]
    assert rules(imported, "import-ambiguous")


# -- units and vocabularies --------------------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "workload"),
    [
        ("PT45H", {"hours": 45.0}),
        ("PT90M", {"hours": 1.5}),
        ("PT1H30M", {"hours": 1.5}),
        ("P6W", {"duration_weeks": 6.0}),
        ("P2W", {"duration_weeks": 2.0}),
    ],
)
def test_durations_in_hours_and_weeks_are_read(duration: str, workload: dict[str, float]) -> None:
    profile = {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": duration}
    imported = convert(credential(estimatedDuration=[profile]))
    assert imported.document.data["workload"] == workload
    assert not rules(imported, "import-ambiguous")


@pytest.mark.parametrize("duration", ["P3M", "P2Y", "P5D", "P1DT2H", "six weeks", "PT", "P"])
def test_calendar_spans_and_bad_durations_are_ambiguous(duration: str) -> None:
    profile = {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": duration}
    imported = convert(credential(estimatedDuration=[profile]))
    assert "workload" not in imported.document.data
    (message,) = rules(imported, "import-ambiguous")
    assert repr(duration) in message


def test_a_duration_range_and_conflicting_durations_are_ambiguous() -> None:
    ranged = {
        "@type": "ceterms:DurationProfile",
        "ceterms:minimumDuration": "PT20H",
        "ceterms:maximumDuration": "PT40H",
    }
    imported = convert(credential(estimatedDuration=[ranged]))
    assert "workload" not in imported.document.data
    assert "PT20H to PT40H" in rules(imported, "import-ambiguous")[0]
    two = [
        {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "PT40H"},
        {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "PT45H"},
    ]
    imported = convert(credential(estimatedDuration=two))
    assert "workload" not in imported.document.data
    assert rules(imported, "import-ambiguous")


def value_profile(value: Any, unit: Any = None, **more: Any) -> dict[str, Any]:
    profile: dict[str, Any] = {"@type": "ceterms:ValueProfile", "schema:value": value, **more}
    if unit is not None:
        profile["ceterms:creditUnitType"] = [unit]
    return profile


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (value_profile("3", "creditUnit:SemesterHour"), {"workload": {"credit_hours": 3.0}}),
        (value_profile(2.5, "ContinuingEducationUnit"), {"workload": {"ceus": 2.5}}),
        (
            value_profile("5", None, **{"ceterms:creditUnitTypeDescription": {"en": "ECTS"}}),
            {"workload": {"ects": 5.0}},
        ),
        (
            value_profile(
                "4",
                {
                    "@type": "ceterms:CredentialAlignmentObject",
                    "ceterms:targetNode": {
                        "@id": "http://purl.org/ctdl/vocabs/creditUnit/DegreeCredit"
                    },
                },
            ),
            {"stackability": {"credit": {"value": 4.0, "unit": "degree-credit"}}},
        ),
        (
            value_profile("1,5", None, **{"ceterms:creditUnitTypeDescription": "NZ credits"}),
            {"stackability": {"credit": {"value": 1.5, "unit": "NZ credits"}}},
        ),
    ],
)
def test_credit_values_go_where_their_unit_says(
    profile: dict[str, Any], expected: dict[str, Any]
) -> None:
    for record in (
        credential(creditValue=[profile]),
        credential(
            requires=[
                {
                    "@type": "ceterms:ConditionProfile",
                    "ceterms:description": "Earn the credits.",
                    "ceterms:creditValue": [profile],
                }
            ]
        ),
    ):
        imported = convert(record)
        data = imported.document.data
        assert {k: data[k] for k in expected} == expected
        assert not rules(imported, "import-ambiguous")
        assert "prerequisites" not in data


@pytest.mark.parametrize(
    "properties",
    [
        {"creditValue": [value_profile("3")]},
        {"creditValue": [value_profile("three", "creditUnit:SemesterHour")]},
        {
            "creditValue": [
                {
                    "@type": "ceterms:ValueProfile",
                    "schema:minValue": 3,
                    "schema:maxValue": 6,
                    "ceterms:creditUnitType": ["creditUnit:SemesterHour"],
                }
            ]
        },
        {"creditUnitValue": "43.5"},
        {
            "creditValue": [
                value_profile(3, "creditUnit:SemesterHour"),
                value_profile(4, "creditUnit:SemesterHour"),
            ]
        },
    ],
)
def test_credits_without_a_unit_or_a_single_figure_are_ambiguous(
    properties: dict[str, Any],
) -> None:
    imported = convert(credential(**properties))
    assert "workload" not in imported.document.data
    assert "stackability" not in imported.document.data
    assert rules(imported, "import-ambiguous")


def test_legacy_credit_hours_with_their_type_are_read() -> None:
    record = credential(creditHourValue=3, creditHourType="Semester hours")
    assert convert(record).document.data["workload"] == {"credit_hours": 3.0}


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("audLevel:BeginnerLevel", "beginner"),
        ("https://credreg.net/ctdl/terms/AdvancedLevel", "advanced"),
        ({"@id": "http://purl.org/ctdl/vocabs/audLevel/IntermediateLevel"}, "intermediate"),
        (
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:targetNode": "audLevel:BachelorsDegreeLevel",
            },
            "bachelors degree",
        ),
        (
            {
                "@type": "ceterms:CredentialAlignmentObject",
                "ceterms:targetNodeName": "Working nurses",
            },
            "Working nurses",
        ),
    ],
)
def test_audience_levels_as_terms_uris_and_names(level: Any, expected: str) -> None:
    assert convert(credential(audienceLevelType=[level])).document.data["audience"] == {
        "level": expected
    }


def test_several_audience_levels_are_all_kept() -> None:
    levels = ["audLevel:MastersDegreeLevel", "audLevel:GraduateLevel"]
    data = convert(credential(audienceLevelType=levels)).document.data
    assert data["audience"]["level"] == "masters degree, graduate"


@pytest.mark.parametrize(
    ("delivery", "mode"),
    [
        ("deliveryType:OnlineOnly", "online"),
        ("deliveryType:InPerson", "on-site"),
        ({"@id": "http://purl.org/ctdl/vocabs/deliveryType/BlendedDelivery"}, "blended"),
    ],
)
def test_delivery_types(delivery: Any, mode: str) -> None:
    data = convert(credential(learningDeliveryType=[delivery])).document.data
    assert data["delivery"] == {"mode": mode}
    course = credential(deliveryType=[delivery])
    course["@type"] = "ceterms:Course"
    assert convert(course).document.data["delivery"] == {"mode": mode}


@pytest.mark.parametrize(
    "deliveries",
    [["deliveryType:OnlineOnly", "deliveryType:InPerson"], ["deliveryType:VariableSite"]],
)
def test_mixed_or_unknown_delivery_is_ambiguous(deliveries: list[str]) -> None:
    imported = convert(credential(learningDeliveryType=deliveries))
    assert "delivery" not in imported.document.data
    assert rules(imported, "import-ambiguous")


def cost(price: Any = None, currency: str | None = None, **more: Any) -> dict[str, Any]:
    profile: dict[str, Any] = {"@type": "ceterms:CostProfile", **more}
    if price is not None:
        profile["ceterms:price"] = price
    if currency is not None:
        profile["ceterms:currency"] = currency
    return profile


@pytest.mark.parametrize(
    ("profiles", "expected", "ambiguous"),
    [
        ([cost(995.0, "US Dollar")], {"amount": 995.0, "currency": "USD"}, False),
        ([cost("1,200", "eur")], {"amount": 1200.0, "currency": "EUR"}, False),
        ([cost(50, "$")], {"amount": 50.0}, True),
        ([cost("free", "USD")], {"currency": "USD"}, True),
        ([cost(100, "USD"), cost(200, "USD")], None, True),
        (
            [
                cost(
                    300,
                    "USD",
                    **{
                        "ceterms:directCostType": "costType:AggregateCost",
                        "ceterms:description": "All costs",
                    },
                ),
                cost(100, "USD", **{"ceterms:description": "Tuition"}),
                cost(200, "USD", **{"ceterms:description": "Exam fee"}),
            ],
            {
                "amount": 300.0,
                "currency": "USD",
                "includes": "All costs",
                "additional_fees": ["Tuition", "Exam fee"],
            },
            False,
        ),
    ],
)
def test_costs(
    profiles: list[dict[str, Any]], expected: dict[str, Any] | None, ambiguous: bool
) -> None:
    imported = convert(credential(estimatedCost=profiles))
    assert imported.document.data.get("cost") == expected
    assert bool(rules(imported, "import-ambiguous")) == ambiguous


def test_a_country_that_is_no_country_is_ambiguous() -> None:
    owner = {
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": "Academy",
        "ceterms:address": [{"@type": "ceterms:Place", "ceterms:addressCountry": "Atlantis"}],
    }
    imported = convert(credential(ownedBy=[owner]))
    assert imported.document.data["issuer"] == {"name": "Academy"}
    assert "'Atlantis'" in rules(imported, "import-ambiguous")[0]


def test_several_owners_are_joint_issuers() -> None:
    owners = [
        {"@type": "ceterms:CredentialOrganization", "ceterms:name": "First University"},
        {"@type": "ceterms:CredentialOrganization", "ceterms:name": "Second University"},
    ]
    data = convert(credential(ownedBy=owners)).document.data
    assert data["issuer"] == {"name": "First University"}
    assert data["co_issuers"] == [{"name": "Second University"}]


def test_the_strongest_quality_assurance_is_kept_and_the_others_reported() -> None:
    imported = convert(
        credential(
            recognizedBy=[
                {"@type": "ceterms:QACredentialOrganization", "ceterms:name": "Jobs Center"}
            ],
            accreditedBy=[{"@type": "ceterms:QACredentialOrganization", "ceterms:name": "ABET"}],
        )
    )
    assert imported.document.data["quality_assurance"] == {"type": "accredited", "body": "ABET"}
    assert any("also recognized by Jobs Center" in m for m in rules(imported, "import-lost"))


# -- what is not a descriptor ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "detected"),
    [
        (credential(), True),
        ({"@graph": [{"@type": "ceterms:Course", "ceterms:name": "C"}]}, True),
        ({"@type": "http://purl.org/ctdl/terms/Certification", "ceterms:name": "C"}, True),
        ({"@type": ["ceterms:Badge"], "ceterms:name": "C"}, True),
        ({"@context": CTDL_CONTEXT, "ceterms:name": "No type at all"}, True),
        ({"@type": "ctdl:Credential", "ctdl:name": "Draft"}, True),
        (
            {
                "@context": CTDL_CONTEXT,
                "@type": "ceterms:CredentialOrganization",
                "ceterms:name": "O",
            },
            False,
        ),
        ({"@graph": [{"@type": "ceterms:QACredentialOrganization", "ceterms:name": "O"}]}, False),
        (
            {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "type": ["Achievement"],
                "alignment": [{"targetType": "ceterms:Credential"}],
            },
            False,
        ),
        ({"@context": CTDL_CONTEXT}, False),
        ([credential()], False),
        ({"name": "Spreadsheet Skills"}, False),
    ],
)
def test_detect_judges_by_content(data: Any, detected: bool) -> None:
    assert IMPORTER.detect(load(data)) is detected
    assert IMPORTER.detect(load(data, path="ctdl-credential.jsonld")) is detected


def test_an_organization_only_record_converts_to_an_error_not_a_crash() -> None:
    record = {
        "@context": CTDL_CONTEXT,
        "@type": "ceterms:CredentialOrganization",
        "ceterms:name": "O",
    }
    imported = IMPORTER.convert(load(record))
    assert imported.document.data == {}
    (finding,) = imported.findings
    assert (finding.rule, finding.severity, finding.line) == ("import-not-descriptor", "error", 1)
    imported = IMPORTER.convert(load([1, 2]))
    assert [f.rule for f in imported.findings] == ["import-not-descriptor"]


def test_a_record_without_a_type_is_read_as_a_credential_with_a_warning() -> None:
    imported = convert({"@context": CTDL_CONTEXT, "ceterms:name": "Untyped", "ceterms:ctid": "x"})
    assert imported.document.data == {"id": "x", "title": "Untyped"}
    assert rules(imported, "import-missing")


DRAFT = {
    "@context": {"ctdl": "[CTI Namespace Not Determined Yet]", "schema": "http://schema.org/"},
    "@type": "ctdl:Credential",
    "ctdl:ctid": "urn:ctid:00000000-1111-2222-3333-444444444444",
    "ctdl:name": "Draft Credential",
    "ctdl:description": "A credential described in the pre-release vocabulary.",
    "ctdl:owner": ["http://example.org/org/1"],
    "ctdl:url": "http://example.org/credential/1",
    "ctdl:versionIdentifier": "v1",
    "ctdl:requires": [{"@type": "ctdl:ConditionProfile", "ctdl:description": "A diploma."}],
    "ctdl:purposeType": ["entryLevelWithinAnOccupation"],
}


def test_the_pre_release_draft_is_read_where_its_names_still_hold() -> None:
    imported = convert(DRAFT)
    assert imported.document.data == {
        "id": "urn:ctid:00000000-1111-2222-3333-444444444444",
        "title": "Draft Credential",
        "type": "credential",
        "description": "A credential described in the pre-release vocabulary.",
        "url": "http://example.org/credential/1",
        "version": "v1",
        "prerequisites": "A diploma.",
        "extensions": {"ctdl": {"ownedBy": ["http://example.org/org/1"]}},
    }
    (incomplete,) = [f for f in imported.findings if f.rule == "import-incomplete"]
    assert incomplete.severity == "warning"
    assert any(m.startswith("ctdl:purposeType ") for m in rules(imported, "import-lost"))
    assert any("ctdl:owner points at" in m for m in rules(imported, "import-unresolved"))


# -- never raises --------------------------------------------------------------------------

_KEYS = st.sampled_from(
    [
        "@type",
        "@id",
        "@graph",
        "@value",
        "@language",
        "en",
        "ceterms:name",
        "ceterms:ownedBy",
        "ceterms:requires",
        "ceterms:creditValue",
        "ceterms:estimatedDuration",
        "ceterms:exactDuration",
        "ceterms:estimatedCost",
        "ceterms:price",
        "ceterms:currency",
        "ceterms:audienceLevelType",
        "ceterms:targetNode",
        "ceterms:address",
        "ceterms:addressCountry",
        "ceterms:teaches",
        "ceterms:isPartOf",
        "ceterms:accreditedBy",
        "ceterms:ctid",
        "ceterms:codedNotation",
        "schema:value",
        "ceasn:competencyText",
    ]
)
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "ceterms:MicroCredential",
            "ceterms:Course",
            "ceterms:CredentialOrganization",
            "_:b0",
            "PT45H",
            "P3M",
            "3",
            "US Dollar",
            "audLevel:BeginnerLevel",
            "creditUnit:SemesterHour",
            "ce-5b8a3c7e-2f0d-4e55-9a2b-6c1f0e9d8a71",
        ]
    ),
    st.text(max_size=8),
)
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(_KEYS, _JSON, max_size=8).map(
        lambda d: {"@context": CTDL_CONTEXT, "@type": "ceterms:Badge", **d}
    )
    | _JSON
)
def test_convert_never_raises(data: Any) -> None:
    document = load(json.dumps(data))
    IMPORTER.detect(document)
    imported = IMPORTER.convert(document)
    assert isinstance(imported.document.data, dict)


# -- export --------------------------------------------------------------------------------


def test_the_ctid_is_derived_from_the_id_with_uuid5() -> None:
    record = export_ctdl({"id": "data-101", "title": "Data literacy"})
    expected = "ce-" + str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:mcqa:descriptor:data-101"))
    assert record["ceterms:ctid"] == expected == ctid_for("data-101")
    assert record["@id"] == "https://credentialengineregistry.org/resources/" + expected
    assert record["ceterms:codedNotation"] == "data-101"
    assert record["ceterms:name"] == "Data literacy"  # no language: a plain string
    assert record["@type"] == "ceterms:MicroCredential"
    ctid = "ce-5b8a3c7e-2f0d-4e55-9a2b-6c1f0e9d8a71"
    record = export_ctdl({"id": ctid, "title": "T"})
    assert record["ceterms:ctid"] == ctid
    assert "ceterms:codedNotation" not in record


def test_an_export_reads_back_with_its_original_id() -> None:
    record = export_ctdl({"id": "data-101", "title": "Data literacy"})
    assert convert(record).document.data == {
        "id": "data-101",
        "title": "Data literacy",
        "type": "microcredential",
    }


@pytest.mark.parametrize(
    ("kind", "cls"),
    [
        ("microcredential", "MicroCredential"),
        ("badge", "DigitalBadge"),
        ("certificate", "Certificate"),
        ("certification", "Certification"),
        ("degree", "Degree"),
        ("diploma", "Diploma"),
        ("license", "License"),
        ("course", "Course"),
        ("learning-program", "LearningProgram"),
        ("nanodegree", "MicroCredential"),
        (None, "MicroCredential"),
    ],
)
def test_the_type_chooses_the_class(kind: str | None, cls: str) -> None:
    record = export_ctdl({"id": "x", "title": "T", "type": kind, "status": "active"})
    assert record["@type"] == f"ceterms:{cls}"
    learning = cls in ("Course", "LearningProgram")
    status = "ceterms:lifeCycleStatusType" if learning else "ceterms:credentialStatusType"
    assert record[status]["ceterms:targetNode"].endswith(":Active")


def test_the_exact_class_kept_in_extensions_is_used() -> None:
    descriptor: dict[str, Any] = {"id": "x", "title": "T", "type": "badge"}
    descriptor["extensions"] = {"ctdl": {"type": "ceterms:OpenBadge"}}
    assert export_ctdl(descriptor)["@type"] == "ceterms:OpenBadge"
    descriptor["type"] = "certificate"  # the kept class no longer fits
    assert export_ctdl(descriptor)["@type"] == "ceterms:Certificate"


def test_an_invalid_descriptor_is_refused() -> None:
    with pytest.raises(ValueError, match="title"):
        export_ctdl({"id": "x"})


FULL = {
    "id": "data-101",
    "title": "Data literacy",
    "type": "microcredential",
    "status": "active",
    "version": "2.1",
    "language": "en",
    "url": "https://example.org/data-101",
    "issuer": {
        "name": "Example University",
        "url": "https://example.org",
        "country": "NL",
        "region": "Utrecht",
        "parent": "Example Group",
    },
    "co_issuers": [{"name": "Partner College", "country": "BE"}],
    "description": "Learn to clean, explore and present data sets.",
    "audience": {"level": "beginner, working adults", "prior_knowledge": "Spreadsheet use."},
    "relevance": {
        "occupations": [
            {"framework": "ESCO", "code": "2511.1", "title": "data analyst"},
            {"framework": "https://www.onetonline.org/", "code": "15-2051.00"},
        ]
    },
    "learning_outcomes": [{"id": "LO1", "statement": "Clean a data set"}, "Present findings"],
    "workload": {"hours": 45, "ects": 1.5, "duration_weeks": 6, "credit_hours": 1, "ceus": 4.5},
    "delivery": {"mode": "online"},
    "assessments": [
        {"id": "A1", "type": "project", "description": "A project", "passing_standard": "60 %"},
        {"type": "exam", "description": "Final exam"},
    ],
    "prerequisites": ["Spreadsheet basics", "English at B2"],
    "cost": {
        "amount": 450,
        "currency": "EUR",
        "includes": "Tuition and materials",
        "additional_fees": "Exam fee of 50 EUR",
        "financial_aid": {"eligible": True, "programs": ["STAP"], "statement": "Ask us"},
    },
    "stackability": {
        "stacks_into": [
            {"id": "msc-ds", "title": "MSc Data Science", "type": "degree"},
            {"id": "https://example.org/cert"},
        ],
        "credit": {"value": 3, "unit": "quarter-hour"},
    },
    "quality_assurance": {"type": "accredited", "body": "NVAO"},
    "extensions": {
        "ctdl": {"keyword": ["data", "spreadsheets"], "costDetails": "https://example.org/costs"}
    },
}

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_PREFIXES = ("@", "ceterms:", "ceasn:", "schema:")


def _walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}/{index}")


def _is_language_map(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and all(_TAG.match(k) for k in value)


def shape_problems(record: dict[str, Any]) -> list[str]:
    """What a CTDL credential record in today's registry encoding gets wrong.

    The registry's minimum (name, a description of 15 characters or more, an
    owner, a status, a CTID, a subject web page, a language) and the shapes of
    the values: language maps with BCP 47 keys, typed profiles and alignment
    objects, prefixed property names, ISO 8601 durations, numbers where CTDL
    has numbers.
    """
    problems = []
    if record.get("@context") != CTDL_CONTEXT:
        problems.append("@context")
    if not re.match(r"^ceterms:[A-Z][A-Za-z]+$", str(record.get("@type"))):
        problems.append("@type")
    if not re.match(
        r"^ce-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$", str(record.get("ceterms:ctid"))
    ):
        problems.append("ctid")
    for name in ("ceterms:name", "ceterms:description"):
        value = record.get(name)
        if not (_is_language_map(value) or isinstance(value, str)):
            problems.append(f"{name} is not text")
    description = record.get("ceterms:description")
    text = next(iter(description.values())) if isinstance(description, dict) else description
    if not isinstance(text, str) or len(text) < 15:
        problems.append("description shorter than 15 characters")
    if not (record.get("ceterms:ownedBy") or record.get("ceterms:offeredBy")):
        problems.append("no owner")
    status = record.get("ceterms:credentialStatusType") or record.get("ceterms:lifeCycleStatusType")
    if not (isinstance(status, dict) and ":" in status.get("ceterms:targetNode", "")):
        problems.append("status")
    if not str(record.get("ceterms:subjectWebpage", "")).startswith(("http://", "https://")):
        problems.append("subjectWebpage")
    languages = record.get("ceterms:inLanguage")
    if not (isinstance(languages, list) and languages and all(_TAG.match(t) for t in languages)):
        problems.append("inLanguage")
    for path, value in _walk(record):
        if isinstance(value, dict) and not _is_language_map(value):
            for key in value:
                if not key.startswith(_PREFIXES):
                    problems.append(f"{path}/{key}: unprefixed property")
            kind = value.get("@type")
            if path and kind is None and "@id" not in value:
                problems.append(f"{path}: an object without @type")
            if kind == "ceterms:ConditionProfile" and "ceterms:description" not in value:
                problems.append(f"{path}: a condition without a description")
            if kind == "ceterms:CredentialAlignmentObject" and not (
                value.keys()
                & {"ceterms:targetNode", "ceterms:targetNodeName", "ceterms:codedNotation"}
            ):
                problems.append(f"{path}: an alignment without a target")
            if kind == "ceterms:ValueProfile" and not isinstance(
                value.get("schema:value"), int | float
            ):
                problems.append(f"{path}: a value profile without a number")
        if path.endswith(
            ("/ceterms:exactDuration", "/ceterms:minimumDuration", "/ceterms:maximumDuration")
        ) and not re.match(r"^P(\d+W|T\d+(\.\d+)?H)$", str(value)):
            problems.append(f"{path}: not an ISO 8601 duration")
        if path.endswith("/ceterms:price") and not isinstance(value, int | float):
            problems.append(f"{path}: not a number")
    return problems


def test_an_export_has_the_registry_minimum_and_the_ctdl_shapes() -> None:
    record = export_ctdl(FULL)
    assert shape_problems(record) == []
    assert record["ceterms:inLanguage"] == ["en"]
    assert record["ceterms:ownedBy"][0]["ceterms:name"] == {"en": "Example University"}
    assert record["ceterms:credentialStatusType"]["ceterms:targetNode"] == "credentialStat:Active"
    assert [d["ceterms:exactDuration"] for d in record["ceterms:estimatedDuration"]] == [
        "PT45H",
        "P6W",
    ]
    # The minimum the data does not allow is reported by the same check, not invented.
    assert shape_problems(export_ctdl({"id": "x", "title": "T", "description": "Short."})) == [
        "description shorter than 15 characters",
        "no owner",
        "status",
        "subjectWebpage",
        "inLanguage",
    ]


def test_a_full_export_reads_back_unchanged() -> None:
    imported = convert(export_ctdl(FULL))
    assert Descriptor.model_validate(imported.document.data) == Descriptor.model_validate(FULL)
    assert not [f for f in imported.findings if f.severity != "info"]


_NEWER_THAN_2018 = {
    # Properties of today's CTDL that the 2018 schema does not know.
    "ceterms:learningDeliveryType",
    "ceterms:deliveryType",
    "ceterms:lifeCycleStatusType",
    "ceterms:teaches",
    "ceterms:financialAssistance",
    "ceterms:creditValue",
}


def to_2018_encoding(value: Any) -> Any:
    """Today's registry encoding as the 2018 production schema expects it.

    Three mechanical changes, nothing else: a language map becomes its one
    text, the context is the ``http://`` address, and the properties CTDL has
    gained since 2018 are left out.
    """
    if isinstance(value, dict):
        if _is_language_map(value) and len(value) == 1:
            return next(iter(value.values()))
        adapted = {k: to_2018_encoding(v) for k, v in value.items() if k not in _NEWER_THAN_2018}
        if adapted.get("@context") == CTDL_CONTEXT:
            adapted["@context"] = CTDL_CONTEXT.replace("https://", "http://")
        return adapted
    if isinstance(value, list):
        return [to_2018_encoding(v) for v in value]
    return value


@pytest.fixture(scope="module")
def ctdl_schema() -> dict[str, Any]:
    if not CTDL_SCHEMA.is_file():
        pytest.skip(f"needs the official CTDL schema at {CTDL_SCHEMA} (not present in this clone)")
    schema: dict[str, Any] = json.loads(CTDL_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return schema


def schema_errors(schema: dict[str, Any], record: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft4Validator(
        {"$ref": f"#/definitions/{record['@type']}", "definitions": schema["definitions"]}
    )
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(record)]
    if not errors:
        assert jsonschema.Draft4Validator(schema).is_valid(record)  # the schema's own anyOf
    return errors


@pytest.mark.parametrize("kind", ["microcredential", "badge", "certificate", "certification"])
def test_exports_validate_against_the_official_ctdl_schema(
    ctdl_schema: dict[str, Any], kind: str
) -> None:
    record = to_2018_encoding(export_ctdl({**FULL, "type": kind}))
    assert schema_errors(ctdl_schema, record) == []


def test_the_official_schema_sees_only_what_the_data_lacks(ctdl_schema: dict[str, Any]) -> None:
    descriptor = {**FULL, "extensions": {}}  # no cost details page to point at
    errors = schema_errors(ctdl_schema, to_2018_encoding(export_ctdl(descriptor)))
    assert errors == [
        "ceterms:estimatedCost/0: 'ceterms:costDetails' is a required property",
        "ceterms:estimatedCost/1: 'ceterms:costDetails' is a required property",
    ]


def test_the_2018_adapter_is_fair_to_real_registry_records(ctdl_schema: dict[str, Any]) -> None:
    path = CORPUS / "credentialengine-ingest-examples" / "Credential" / "1" / "Credential-1.json"
    if not path.is_file():
        pytest.skip(f"needs the shared corpus at {CORPUS} (not present in this clone)")
    record = json.loads(path.read_text(encoding="utf-8"))
    assert schema_errors(ctdl_schema, record)  # as published today, the 2018 schema refuses it
    assert schema_errors(ctdl_schema, to_2018_encoding(record)) == []


# -- the round trip ------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßçÅ"
text = st.text(alphabet=_LETTERS + " 0123456789.-'()/&:;!?#\"中", min_size=1, max_size=24).filter(
    lambda s: s.strip() != ""
)
words = st.text(alphabet=_LETTERS + " ", min_size=1, max_size=16).filter(lambda s: s.strip() != "")
slug = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
ctid = st.uuids().map(lambda u: f"ce-{u}")
url = st.from_regex(r"https://[a-z]{1,8}\.example\.org/[a-z0-9]{0,8}", fullmatch=True)
amount = st.integers(0, 20000) | st.sampled_from([0.5, 1.5, 12.25, 99.99])
credits = st.integers(0, 300) | st.sampled_from([0.5, 1.5, 7.5])
several = st.lists(text, min_size=2, max_size=3, unique=True)


def _some(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings with some of ``fields`` (at least one), none of them ``None``."""
    return st.fixed_dictionaries({}, optional=fields).filter(bool)


issuer = _some(
    name=text,
    url=url,
    country=st.sampled_from(["NL", "US", "DE", "NO", "BE", "NZ"]),
    region=text,
    parent=text,
)
KINDS = [
    "microcredential",
    "badge",
    "certificate",
    "certification",
    "degree",
    "diploma",
    "license",
    "course",
    "learning-program",
]
level_item = st.sampled_from(
    ["beginner", "intermediate", "advanced", "graduate", "bachelors degree"]
) | (words.filter(lambda s: "," not in s))


@st.composite
def descriptors(draw: st.DrawFn) -> dict[str, Any]:
    """Descriptors made of the fields CTDL carries (see the module's mapping tables)."""
    # Every descriptor has a type here: an export without one is a MicroCredential, and
    # reads back as type microcredential.
    data: dict[str, Any] = {
        "id": draw(slug | ctid),
        "title": draw(text),
        "type": draw(st.sampled_from(KINDS)),
    }
    optional = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "status": st.sampled_from(["active", "ceasing", "suspended", "teach-out"]),
                "version": text,
                "language": st.sampled_from(["en", "en-US", "nl", "fr-CA"]),
                "url": url,
                "description": text,
                "audience": _some(
                    level=st.lists(level_item, min_size=1, max_size=3, unique=True).map(", ".join),
                    prior_knowledge=text,
                ),
                "relevance": st.fixed_dictionaries(
                    {
                        "occupations": st.lists(
                            _some(
                                framework=st.sampled_from(
                                    ["ESCO", "O*NET-SOC", "https://www.bls.gov/soc/"]
                                ),
                                code=st.from_regex(r"[0-9]{2}-[0-9]{4}", fullmatch=True),
                                title=text,
                            ),
                            min_size=1,
                            max_size=3,
                        )
                    }
                ),
                "learning_outcomes": st.lists(
                    st.fixed_dictionaries({"statement": text}, optional={"id": slug}),
                    min_size=1,
                    max_size=3,
                ),
                "workload": _some(
                    hours=amount,
                    duration_weeks=st.integers(1, 104),
                    credit_hours=credits,
                    ceus=credits,
                    ects=credits,
                ),
                "delivery": st.fixed_dictionaries(
                    {"mode": st.sampled_from(["online", "on-site", "blended"])}
                ),
                "assessments": st.lists(
                    _some(
                        id=slug,
                        type=st.sampled_from(["exam", "project", "portfolio", "performance"]),
                        description=text,
                        passing_standard=text,
                    ),
                    min_size=1,
                    max_size=2,
                ),
                "prerequisites": text | several,
                "cost": _some(
                    amount=amount,
                    currency=st.sampled_from(["EUR", "USD", "GBP", "NZD"]),
                    includes=text,
                    financial_aid=_some(programs=several, statement=text).map(
                        lambda aid: {"eligible": True, **aid}
                    ),
                ),
                "stackability": _some(
                    stacks_into=st.lists(
                        _some(id=slug | ctid | url, title=text, type=st.sampled_from(KINDS)),
                        min_size=1,
                        max_size=2,
                    ),
                    credit=st.fixed_dictionaries(
                        {
                            "value": credits,
                            "unit": st.sampled_from(
                                ["degree-credit", "quarter-hour", "clock-hour", "NZ credits"]
                            ),
                        }
                    ),
                ),
                "quality_assurance": st.fixed_dictionaries(
                    {
                        "type": st.sampled_from(
                            ["accredited", "approved", "recognized", "regulated"]
                        )
                    },
                    optional={"body": text},
                ),
                "extensions": st.fixed_dictionaries(
                    {
                        "ctdl": st.fixed_dictionaries(
                            {"keyword": st.lists(text, min_size=1, max_size=4, unique=True)}
                        )
                    }
                ),
            },
        )
    )
    data.update(optional)
    if draw(st.booleans()):
        data["issuer"] = draw(issuer)
        if draw(st.booleans()):
            data["co_issuers"] = draw(st.lists(issuer, min_size=1, max_size=2))
    cost = data.get("cost")
    if cost and (cost.keys() & {"amount", "includes"}) and draw(st.booleans()):
        cost["additional_fees"] = draw(text | several)  # fees beside a main cost only
    return data


ROUND_TRIP = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@ROUND_TRIP
@given(descriptors())
def test_import_export_import_keeps_every_field_ctdl_carries(data: dict[str, Any]) -> None:
    expected = Descriptor.model_validate(data)
    record = export_ctdl(data)
    first = convert(record)
    assert Descriptor.model_validate(first.document.data) == expected
    assert not [f for f in first.findings if f.severity != "info"], first.findings
    # ... and once more from what was imported: the trip is stable.
    second = convert(export_ctdl(first.document.data))
    assert second.document.data == first.document.data


# -- the real corpus -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {CORPUS} (not present in this clone)")
    return CORPUS


def _documents(root: Path) -> Iterator[tuple[str, Document]]:
    for path in sorted(root.rglob("*")):
        if path.suffix in (".json", ".jsonld") and path.is_file():
            yield path.relative_to(root).as_posix(), load_path(path, format="json")


def test_every_ctdl_document_of_the_corpus_imports_and_types(corpus: Path) -> None:
    accepted = []
    for name, document in _documents(corpus):
        if not IMPORTER.detect(document):
            continue
        accepted.append(name)
        imported = IMPORTER.convert(document)
        Descriptor.model_validate(imported.document.data)
        assert not [f for f in imported.findings if f.severity == "error"], name
        for finding in imported.findings:
            assert finding.file == document.path and finding.line is not None, name
    assert len(accepted) >= 13, accepted
    assert "credentialengine-ingest-examples/Organization/1/Organization-1.json" not in accepted


def _import(root: Path, name: str) -> Imported:
    document = load_path(root / name, format="json")
    assert IMPORTER.detect(document), name
    imported = IMPORTER.convert(document)
    Descriptor.model_validate(imported.document.data)
    return imported


INGEST = "credentialengine-ingest-examples/"
WGU = "credentialengine-ctdl-xtra/eval/wgu/"


@pytest.mark.parametrize(
    ("name", "title", "kind", "level"),
    [
        (
            f"{INGEST}Credential/1/Credential-1.json",
            "Bachelor of Science in Cybersecurity",
            "degree",
            "bachelors degree",
        ),
        (
            f"{INGEST}Credential/1/Credential-1-graph.json",
            "Bachelor of Science in Cybersecurity",
            "degree",
            "bachelors degree",
        ),
        (
            f"{INGEST}LearningProgram/1/LearningProgram-1.json",
            "Lifelong Learning Accelerator",
            "learning-program",
            "secondary",
        ),
        (
            f"{INGEST}LearningProgram/1/LearningProgram-1-graph.json",
            "Lifelong Learning Accelerator",
            "learning-program",
            "secondary",
        ),
        (
            f"{WGU}bs-computer-science/registry.json",
            "Bachelor of Science, Computer Science (BSCS_202412)",
            "degree",
            "bachelors degree, undergraduate",
        ),
        (
            f"{WGU}mba/registry.json",
            "Master of Business Administration (MBA_201404)",
            "degree",
            "masters degree, graduate",
        ),
        (
            f"{WGU}ms-nursing-education/registry.json",
            "Master of Science, Nursing - Education (BSN to MSN) (MSNUED_202003)",
            "degree",
            "masters degree, graduate",
        ),
        (
            f"{WGU}cert-leadership/registry-proxy-aws-devops.json",
            "WGU Certificate: AWS Cloud DevOps v1.1",
            "badge",
            "post secondary, masters degree, graduate",
        ),
        (
            "hoola-inc-schemas/Credential_Explainer.extracted.jsonld",
            "Dental Assisting Certificate",
            "certificate",
            None,
        ),
    ],
)
def test_named_real_records(
    corpus: Path, name: str, title: str, kind: str, level: str | None
) -> None:
    data = _import(corpus, name).document.data
    assert data["title"] == title
    assert data["type"] == kind
    assert data.get("audience", {}).get("level") == level
    # None of these records states learning outcomes or a workload in hours or weeks.
    assert "learning_outcomes" not in data
    assert "hours" not in data.get("workload", {})
    assert "duration_weeks" not in data.get("workload", {})


def test_real_issuers(corpus: Path) -> None:
    # Registry records name their owner by reference to another record: kept, not fetched.
    for name in (f"{INGEST}Credential/1/Credential-1.json", f"{WGU}mba/registry.json"):
        imported = _import(corpus, name)
        assert "issuer" not in imported.document.data
        assert imported.document.data["extensions"]["ctdl"]["ownedBy"]
        assert rules(imported, "import-unresolved")
    wgu = _import(corpus, f"{WGU}mba/registry.json").document.data
    assert wgu["extensions"]["ctdl"]["ownedBy"] == [
        "https://credentialengineregistry.org/resources/ce-036d082d-d80e-41a7-99a0-2d63a4ad3a4a"
    ]


def test_real_details(corpus: Path) -> None:
    program = _import(corpus, f"{INGEST}LearningProgram/1/LearningProgram-1.json")
    data = program.document.data
    assert data["cost"]["amount"] == 4485.0 and data["cost"]["currency"] == "USD"
    assert data["delivery"] == {"mode": "blended"}
    assert data["prerequisites"].startswith("Anyone who is a high school graduate")
    assert data["relevance"]["occupations"][0] == {"title": "Data Analyst"}
    # "P9M" (nine months) is a calendar span: an ambiguity at its line, not a guess.
    (ambiguous,) = [f for f in program.findings if f.rule == "import-ambiguous"]
    text = (corpus / f"{INGEST}LearningProgram/1/LearningProgram-1.json").read_text(
        encoding="utf-8"
    )
    assert ambiguous.line == line_of(text, '"P9M"')
    assert "workload" not in data

    graph = _import(corpus, f"{INGEST}LearningProgram/1/LearningProgram-1-graph.json").document.data
    assert [p["title"] for p in graph["extensions"]["ctdl"]["hasPart"]] == [
        "Personal Growth Mastery",
        "Digital Skills Revolution",
        "Leadership and Innovation Excellence",
    ]
    cybersecurity = _import(corpus, f"{INGEST}Credential/1/Credential-1-graph.json").document.data
    assert cybersecurity["quality_assurance"] == {
        "type": "recognized",
        "body": "Example Town Cyber Security Jobs Center",
    }
    wgu = _import(corpus, f"{WGU}bs-computer-science/registry.json")
    assert wgu.document.data["quality_assurance"] == {
        "type": "accredited"
    }  # body not in the record
    assert wgu.document.data["relevance"]["occupations"][0]["code"] == "15-1131.00"
    assert wgu.document.data["delivery"] == {"mode": "online"}
    assert any("'P4Y'" in m for m in rules(wgu, "import-ambiguous"))
    hoola = _import(corpus, "hoola-inc-schemas/Credential_Explainer.extracted.jsonld")
    assert hoola.document.data["relevance"]["occupations"] == [
        {"framework": "O*Net - Occupations", "title": "Dental Assistants"}
    ]
    assert any("43.5 credits without saying which" in m for m in rules(hoola, "import-ambiguous"))


def test_the_pre_release_draft_in_the_corpus(corpus: Path) -> None:
    name = "credentialengine-credentialregistry/spec/support/fixtures/json/ce_registry/credential/4_valid.json"
    imported = _import(corpus, name)
    assert imported.document.data["title"] == "Example Credential - Quality Assurance"
    assert imported.document.data["version"] == "version 1.1a"
    assert rules(imported, "import-incomplete")


def test_organization_records_are_not_descriptors(corpus: Path) -> None:
    document = load_path(corpus / f"{INGEST}Organization/1/Organization-1.json", format="json")
    assert not IMPORTER.detect(document)
