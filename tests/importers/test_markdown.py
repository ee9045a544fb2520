"""The Markdown importer: front matter, headings, "**Label:** value" lines, provenance."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcqa.importers._base import Imported, Importer
from mcqa.importers.markdown import MarkdownImporter
from mcqa.load import LoadLimits
from mcqa.load._source import Document, SourceMap
from mcqa.models import Descriptor
from mcqa.models.finding import Finding

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
SPECIFICATIONS = CORPUS / "rkemcha-mc-evaluation" / "specifications"

IMPORTER = MarkdownImporter()


def page(text: str, path: str | None = "course.md") -> Document:
    """A Markdown source document as the loader will hand it over."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(
        path=path,
        data=None,
        source_map=SourceMap(),
        findings=(),
        sha256=digest,
        format="markdown",
        text=text,
    )


def lines_of(text: str) -> int:
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def checked(text: str, path: str | None = "course.md") -> Imported:
    """Import ``text``; the descriptor must type and every place must be in the file."""
    result = IMPORTER.convert(page(text, path))
    Descriptor.model_validate(result.document.data)
    last = lines_of(text)
    for pointer, where in result.provenance.items():
        assert where.line is None or 1 <= where.line <= last, (pointer, where)
    for finding in result.findings:
        assert finding.line is None or 1 <= finding.line <= last, finding
        for place in finding.related:
            assert place.line is None or 1 <= place.line <= last, place
    assert result.source_format == "markdown"
    assert result.document.path == path
    return result


def data(text: str) -> dict[str, Any]:
    found: dict[str, Any] = checked(text).document.data
    return found


def findings(result: Imported, rule: str) -> list[Finding]:
    return [finding for finding in result.findings if finding.rule == rule]


def test_it_is_an_importer() -> None:
    assert isinstance(IMPORTER, Importer)
    assert IMPORTER.ID == "markdown"
    assert IMPORTER.DESCRIPTION


# -- front matter -----------------------------------------------------------------------

FRONT = """\
---
title: "Data literacy for managers"
description: Read and question the numbers in a report.
lang: English
objectives:
  - Read a chart critically
  - Question a sample size
keypoints:
  - Charts can mislead
ects: "5"
level: EQF 5
provider: Example University
price: 189€
tags: [data, charts]
layout: course
---
"""


def test_front_matter_maps_catalog_keys() -> None:
    result = checked(FRONT)
    got = result.document.data
    assert got["id"] == "course"
    assert got["title"] == "Data literacy for managers"
    assert got["description"] == "Read and question the numbers in a report."
    assert got["language"] == "en"
    assert got["learning_outcomes"] == ["Read a chart critically", "Question a sample size"]
    assert got["workload"] == {"ects": 5}
    assert got["level"] == {"framework": "EQF", "value": 5}
    assert got["issuer"] == {"name": "Example University"}
    assert got["cost"] == {"amount": 189, "currency": "EUR"}
    assert got["extensions"]["keypoints"] == ["Charts can mislead"]
    assert got["extensions"]["tags"] == ["data", "charts"]
    assert got["extensions"]["front_matter"] == {"layout": "course"}
    assert result.findings == ()


def test_front_matter_provenance_is_at_the_value() -> None:
    provenance = checked(FRONT).provenance
    assert provenance["/title"].source_field == "front matter: title"
    assert (provenance["/title"].line, provenance["/title"].column) == (2, 8)
    assert provenance["/language"].line == 4
    assert provenance["/learning_outcomes/1"].source_field == "front matter: objectives, item 2"
    assert (provenance["/learning_outcomes/1"].line, provenance["/learning_outcomes/1"].column) == (
        7,
        5,
    )
    assert provenance["/workload/ects"].line == 10
    assert provenance["/cost/amount"].line == 13
    assert provenance["/id"].source_field == "file name"


def test_descriptor_fields_pass_through_when_they_fit() -> None:
    got = data(
        "---\nid: dl-1\ntitle: T\nworkload:\n  hours: 40\nlearning_outcomes:\n"
        "  - statement: Clean a data set\n    id: LO1\ndelivery:\n  mode: online\n---\n"
    )
    assert got["id"] == "dl-1"
    assert got["workload"] == {"hours": 40}
    assert got["learning_outcomes"] == [{"statement": "Clean a data set", "id": "LO1"}]
    assert got["delivery"] == {"mode": "online"}


def test_descriptor_fields_of_another_shape_are_read() -> None:
    got = data(
        "---\ntitle: T\nlevel: Introductory\nlanguage: Nederlands\nworkload: 20 hours\n"
        "issuer: Example College\ncost: free\nprerequisites: none\n---\n"
    )
    assert got["audience"] == {"level": "Introductory"}
    assert "level" not in got
    assert got["language"] == "nl"
    assert got["workload"] == {"hours": 20}
    assert got["issuer"] == {"name": "Example College"}
    assert got["cost"] == {"amount": 0}
    assert got["prerequisites"] == "none"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2h", {"hours": 2}),
        ("1H30M", {"hours": 1.5}),
        ("PT45H", {"hours": 45}),
        ("P6W", {"duration_weeks": 6}),
        ("90 minutes", {"hours": 1.5}),
        ("6 weeks", {"duration_weeks": 6}),
        ("5 ECTS", {"ects": 5}),
        ('"3 credit hours"', {"credit_hours": 3}),
        ("self-paced", {"pace": "self-paced"}),
    ],
)
def test_durations(value: str, expected: dict[str, Any]) -> None:
    assert data(f"---\ntitle: T\ntime_estimation: {value}\n---\n")["workload"] == expected


def test_carpentries_teaching_and_exercises_are_minutes() -> None:
    result = checked("---\ntitle: T\nteaching: 30\nexercises: 15\n---\n")
    assert result.document.data["workload"] == {"hours": 0.75}
    assert result.provenance["/workload/hours"].line == 3


def test_author_stands_in_for_the_issuer_with_a_warning() -> None:
    result = checked("---\ntitle: T\nauthor: Example Academy\n---\n")
    assert result.document.data["issuer"] == {"name": "Example Academy"}
    [warning] = findings(result, "import-ambiguous")
    assert warning.line == 3
    kept = checked("---\ntitle: T\nauthor: A. Person\nprovider: Example Academy\n---\n")
    assert kept.document.data["issuer"] == {"name": "Example Academy"}
    assert kept.document.data["extensions"]["front_matter"] == {"author": "A. Person"}
    assert not findings(kept, "import-ambiguous")


def test_a_yaml_error_in_the_front_matter_is_located_and_the_body_still_read() -> None:
    text = "---\ntitle: T\ntags: [unclosed\n---\n\n## Learning outcomes\n\n- Clean a data set\n"
    result = checked(text)
    [error] = [f for f in result.findings if f.severity == "error"]
    assert error.rule == "yaml-syntax"
    assert error.file == "course.md"
    assert 3 <= (error.line or 0) <= 4
    assert result.document.data["learning_outcomes"] == ["Clean a data set"]
    assert result.provenance["/learning_outcomes/0"].line == 8


def test_duplicate_front_matter_keys_point_at_the_page_lines() -> None:
    result = checked("---\ntitle: A\ntitle: B\n---\n")
    [duplicate] = findings(result, "duplicate-key")
    assert duplicate.line == 3
    assert [place.line for place in duplicate.related] == [2]
    assert result.document.data["title"] == "A"


def test_unclosed_front_matter_is_a_warning_and_the_page_is_read() -> None:
    result = checked("---\ntitle: T\n\n# A page\n")
    assert findings(result, "import-ambiguous")[0].line == 1
    assert result.document.data["title"] == "A page"


def test_front_matter_that_is_not_a_mapping() -> None:
    result = checked("---\n- a\n- b\n---\n# Heading\n")
    assert findings(result, "import-ambiguous")
    assert result.document.data["title"] == "Heading"


# -- body -----------------------------------------------------------------------------

BODY = """\
# Micro-credential: Data literacy

## Description

Learners read charts and reports.

They question what they read.

## Learning outcomes

By the end, you can:

- Read a chart critically
- Question a sample size
  that is too small
- Explain a median

## Assessment

1. Written exam
2. Portfolio

## Prerequisites

Basic arithmetic.

## Cost

Free

## Workload

25 hours

## Team

Two teachers.
"""


def test_body_sections_map_to_fields() -> None:
    result = checked(BODY)
    got = result.document.data
    assert got["title"] == "Data literacy"
    assert (
        got["description"] == "Learners read charts and reports.\n\nThey question what they read."
    )
    assert got["learning_outcomes"] == [
        "Read a chart critically",
        "Question a sample size that is too small",
        "Explain a median",
    ]
    assert got["assessments"] == [{"description": "Written exam"}, {"description": "Portfolio"}]
    assert got["prerequisites"] == "Basic arithmetic."
    assert got["cost"] == {"amount": 0}
    assert got["workload"] == {"hours": 25}
    [unmapped] = findings(result, "import-unmapped")
    assert (unmapped.severity, unmapped.line) == ("info", 35)
    assert "Team" in unmapped.message


def test_body_provenance_lines_are_exact() -> None:
    provenance = checked(BODY).provenance
    assert provenance["/title"] == provenance["/title"].__class__(
        'heading "Micro-credential: Data literacy"', 1, 1
    )
    assert provenance["/description"].source_field == 'section "Description"'
    assert provenance["/description"].line == 5  # where the text starts
    items = [provenance[f"/learning_outcomes/{index}"] for index in range(3)]
    assert [(item.line, item.column) for item in items] == [(13, 3), (14, 3), (16, 3)]
    assert items[1].source_field == 'section "Learning outcomes", item 2'
    assert provenance["/assessments/1"].line == 21
    assert provenance["/assessments/1"].column == 4
    assert provenance["/workload/hours"] == provenance["/workload/hours"].__class__(
        'section "Workload"', 33, 1
    )
    assert provenance["/cost/amount"].line == 29


def test_front_matter_lines_shift_the_body_lines() -> None:
    text = "---\ntitle: T\n---\n" + BODY
    provenance = checked(text).provenance
    assert provenance["/learning_outcomes/0"].line == 13 + 3
    assert provenance["/title"].line == 2  # the front matter's title wins over the heading


def test_windows_line_endings_keep_the_lines() -> None:
    provenance = checked(BODY.replace("\n", "\r\n")).provenance
    assert provenance["/learning_outcomes/2"].line == 16


LABELS = """\
# Specification

**Title of the micro-credential:** Data literacy
**Awarding body:** Example University
**Country:** Netherlands

**Learning outcomes:**
The learner can:

- Read a chart critically
- Question a sample size

**ECTS:** 5
**EQF level:** 6
**Type of assessment:** written exam
**Form of participation:** online
**Notional workload:** 125 hours
**Language:** English
**Supervision and identity verification:** supervised with identity verification
**Quality assurance:** Internal review by the faculty board.
**Stackability:** Counts towards the minor in data science.

- Level: Advanced (EQF Level 6)
- Accessibility: Captions on every video.
"""


def test_label_lines_map_by_label() -> None:
    result = checked(LABELS)
    got = result.document.data
    assert got["title"] == "Data literacy"
    assert got["issuer"] == {"name": "Example University", "country": "NL"}
    assert got["learning_outcomes"] == ["Read a chart critically", "Question a sample size"]
    assert got["workload"] == {"ects": 5, "hours": 125}
    assert got["level"] == {"framework": "EQF", "value": 6}
    assert got["audience"] == {"level": "Advanced"}
    assert got["assessments"] == [{"type": "written exam"}]
    assert got["delivery"] == {"mode": "online"}
    assert got["language"] == "en"
    assert got["identity_verification"] == "supervised-id-check"
    assert got["accessibility"] == {"statement": "Captions on every video."}
    assert got["extensions"]["quality_assurance"] == "Internal review by the faculty board."
    assert got["extensions"]["stackability"] == "Counts towards the minor in data science."
    assert not findings(result, "import-ambiguous")


def test_label_provenance_names_the_label_and_its_line() -> None:
    provenance = checked(LABELS).provenance
    assert provenance["/workload/ects"] == provenance["/workload/ects"].__class__(
        '"**ECTS:**" line', 13, 1
    )
    assert provenance["/issuer/name"].line == 4
    assert provenance["/issuer/country"].line == 5
    assert provenance["/learning_outcomes/1"].source_field == (
        '"**Learning outcomes:**" line, item 2'
    )
    assert provenance["/learning_outcomes/1"].line == 11
    assert provenance["/level"].source_field == '"**EQF level:**" line'
    assert provenance["/level"].line == 14
    assert provenance["/audience/level"].source_field == '"Level:" line'
    assert (provenance["/audience/level"].line, provenance["/audience/level"].column) == (23, 3)


def test_labels_in_list_items_and_their_nested_lists() -> None:
    text = """\
# Spec

*   **Name of Microcredential:** Systems
*   **Learning Objectives:**
    *   Understand memory.
    *   Use a debugger.
*   **Learning Outcomes:**
    *   Write a memory allocator.
*   **Assessment Methods:**
    *   Lab work (60%)
        *   Assessment Type: Code review
    *   Exam (40%)
*   **Workload Theoretical:** 30 hours
*   **Workload Practical:** 45 hours
*   **Mode of Instruction:** Hybrid (online lectures, labs on campus)
"""
    result = checked(text)
    got = result.document.data
    assert got["title"] == "Systems"
    assert got["learning_outcomes"] == ["Write a memory allocator."]
    assert got["extensions"]["learning_objectives"] == ["Understand memory.", "Use a debugger."]
    assert got["assessments"] == [
        {"description": "Lab work (60%)", "type": "Code review"},
        {"description": "Exam (40%)"},
    ]
    assert got["workload"] == {"hours": 75}
    assert got["delivery"] == {"mode": "blended"}
    assert result.provenance["/workload/hours"].line == 13
    assert result.provenance["/assessments/1"].line == 12


def test_objectives_stand_in_when_there_are_no_outcomes() -> None:
    got = data("## Objectives\n\n- Plan a survey\n- Report a result\n")
    assert got["learning_outcomes"] == ["Plan a survey", "Report a result"]


def test_outcomes_of_several_modules_are_put_together() -> None:
    text = """\
## Modules

* **Module 1 (6 hours)**
  * **Learning Outcomes:**
    * Define a term.
* **Module 2 (6 hours)**
  * **Learning Outcomes:**
    * Apply a rule.
"""
    result = checked(text)
    assert result.document.data["learning_outcomes"] == ["Define a term.", "Apply a rule."]
    assert result.provenance["/learning_outcomes/1"].line == 8


@pytest.mark.parametrize(
    ("heading", "field", "expected"),
    [
        ("## Leerresultaten", "learning_outcomes", ["Een grafiek lezen"]),
        ("## Lernergebnisse", "learning_outcomes", ["Een grafiek lezen"]),
        ("## Résultats d'apprentissage", "learning_outcomes", ["Een grafiek lezen"]),
        ("## 12. Resultados de aprendizaje:", "learning_outcomes", ["Een grafiek lezen"]),
        ("### **3. What You\u2019ll Learn**", "learning_outcomes", ["Een grafiek lezen"]),
        ("## Voorkennis", "prerequisites", ["Een grafiek lezen"]),
        ("## Voraussetzungen", "prerequisites", ["Een grafiek lezen"]),
        ("## Prérequis", "prerequisites", ["Een grafiek lezen"]),
        ("## Toetsing", "assessments", [{"description": "Een grafiek lezen"}]),
        ("## Évaluation", "assessments", [{"description": "Een grafiek lezen"}]),
        ("## Doelgroep", "audience", {"description": "- Een grafiek lezen"}),
        ("## Who is this for?", "audience", {"description": "- Een grafiek lezen"}),
    ],
)
def test_headings_in_other_languages_and_forms(heading: str, field: str, expected: Any) -> None:
    assert data(f"{heading}\n\n- Een grafiek lezen\n")[field] == expected


def test_languages_by_name() -> None:
    assert data("**Language:** Español\n**Title:** T\n**ECTS:** 1\n")["language"] == "es"
    assert data("- Taal: Nederlands\n")["language"] == "nl"
    assert data("**Language:** nl-be\n")["language"] == "nl-BE"
    several = checked("**Language:** English and French\n")
    assert "language" not in several.document.data
    assert "several languages" in findings(several, "import-ambiguous")[0].message


def test_level_needs_a_framework_and_one_value() -> None:
    ranged = checked("# T\n\n**Level:** Basic (EQF 4/5)\n")
    assert "level" not in ranged.document.data
    assert ranged.document.data["audience"] == {"level": "Basic"}
    [warning] = findings(ranged, "import-ambiguous")
    assert warning.line == 3
    bare = checked("# T\n\n**Level:** 6\n")
    assert "level" not in bare.document.data
    assert "framework" in findings(bare, "import-ambiguous")[0].message
    named = data("# T\n\n**Level (EQF):** 6\n")
    assert named["level"] == {"framework": "EQF", "value": 6}
    after = data("# T\n\n**Level:** level 7 of the EQF\n")
    assert after["level"] == {"framework": "EQF", "value": 7}


# -- ambiguity ------------------------------------------------------------------------


def test_credits_of_an_unnamed_system_are_not_guessed() -> None:
    text = "# Course\n\nSome words.\n\n**Credits:** 3\n"
    result = checked(text)
    assert "workload" not in result.document.data
    assert result.document.data["extensions"]["workload"] == "3"
    [warning] = findings(result, "import-ambiguous")
    assert (warning.severity, warning.line, warning.column) == ("warning", 5, 1)
    assert "credit system" in warning.message
    assert warning.file == "course.md"


def test_credits_are_read_when_the_page_names_the_system() -> None:
    assert data("**Credits (ECTS):** 3\n")["workload"] == {"ects": 3}
    assert data("**Credits:** 3 ECTS\n")["workload"] == {"ects": 3}
    assert data("**Credits:** 3 credit hours\n")["workload"] == {"credit_hours": 3}
    assert data("**Study load:** 4 EC\n")["workload"] == {"ects": 4}


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("3 credits", "credit system"),
        ("25-30 hours", "range"),
        ("15 hours per week", "rate"),
        ("4 months", "calendar"),
        ("1 day", "calendar"),
        ("about a week", "no figure"),
        ("3.0", "no unit"),
    ],
)
def test_unclear_workloads_are_findings(value: str, problem: str) -> None:
    result = checked(f"# Course\n\n**Workload:** {value}\n")
    assert "workload" not in result.document.data
    [warning] = findings(result, "import-ambiguous")
    assert problem in warning.message
    assert warning.line == 3


def test_a_range_in_a_remark_does_not_hide_the_figure() -> None:
    result = checked("**Workload:** 1 ECTS (25-30 hours)\n")
    assert result.document.data["workload"] == {"ects": 1}
    assert not findings(result, "import-ambiguous")


@pytest.mark.parametrize(
    ("value", "cost", "warned"),
    [
        ("189€", {"amount": 189, "currency": "EUR"}, False),
        ("EUR 1.250", {"amount": 1250, "currency": "EUR"}, False),
        ("1,250.50 GBP", {"amount": 1250.5, "currency": "GBP"}, False),
        ("€ 12,50", {"amount": 12.5, "currency": "EUR"}, False),
        ("free of charge", {"amount": 0}, False),
        ("$1,125", {"amount": 1125}, True),
        ("Starting at 2.950€ / team", None, True),
    ],
)
def test_prices(value: str, cost: dict[str, Any] | None, warned: bool) -> None:
    result = checked(f"**Price:** {value}\n")
    assert result.document.data.get("cost") == cost
    assert bool(findings(result, "import-ambiguous")) is warned


def test_delivery_mode_only_when_plain() -> None:
    assert data("**Form of participation:** On-site\n")["delivery"] == {"mode": "on-site"}
    assert data("**Delivery mode:** Fully online.\n")["delivery"] == {"mode": "online"}
    result = checked("**Format:** On-site or Remote\n")
    assert "delivery" not in result.document.data
    assert result.document.data["extensions"]["delivery_mode"] == "On-site or Remote"
    assert findings(result, "import-ambiguous")[0].line == 1


def test_two_different_values_keep_the_first_and_warn_at_the_second() -> None:
    result = checked("**ECTS:** 5\n\nText.\n\n**ECTS:** 6\n")
    assert result.document.data["workload"] == {"ects": 5}
    [warning] = findings(result, "import-ambiguous")
    assert warning.line == 5
    assert [place.line for place in warning.related] == [1]
    same = checked("**ECTS:** 5\n\n**ECTS:** 5\n")
    assert not findings(same, "import-ambiguous")


def test_one_workload_part_alone_is_not_the_whole() -> None:
    result = checked("**Workload Practical:** 45 hours\n")
    assert "workload" not in result.document.data
    assert findings(result, "import-ambiguous")[0].line == 1


def test_running_text_is_not_split_into_outcomes() -> None:
    result = checked("## Learning outcomes\n\nLearners read charts and question them.\n")
    assert "learning_outcomes" not in result.document.data
    assert result.document.data["extensions"]["learning_outcomes"] == [
        "Learners read charts and question them."
    ]
    assert findings(result, "import-ambiguous")[0].line == 3


def test_prose_objectives_warn_only_when_there_are_no_outcomes() -> None:
    alone = checked("## Objectives\n\nLearners will read charts.\n")
    assert "learning_outcomes" not in alone.document.data
    assert [f.line for f in findings(alone, "import-ambiguous")] == [3]
    beside = checked(
        "## Objectives\n\nLearners will read charts.\n\n## Outcomes\n\n- Read a chart\n"
    )
    assert beside.document.data["learning_outcomes"] == ["Read a chart"]
    assert not findings(beside, "import-ambiguous")


def test_other_label_forms() -> None:
    got = data(
        '- **Program name** (`ceterms:name`): "Data literacy"\n'
        "- *Language:* English\n"
        "\n"
        "**Total cost: 450 EUR**\n"
    )
    assert got["title"] == "Data literacy"
    assert got["language"] == "en"
    assert got["cost"] == {"amount": 450, "currency": "EUR"}


def test_a_name_under_contact_or_issuer_is_not_the_title() -> None:
    got = data(
        "# Data literacy\n\n## Contact\n\n- **Name:** Dr. A. Person\n- Email: a.person@example.edu\n"
        "\n## Issuer\n\n**Name:** Example University\n"
    )
    assert got["title"] == "Data literacy"
    assert got["contact"] == {"name": "Dr. A. Person", "email": "a.person@example.edu"}
    assert got["issuer"] == {"name": "Example University"}


def test_a_generic_first_word_in_a_heading() -> None:
    got = data("## Course prerequisites\n\n- Algebra\n\n## Workshop format\n\nHands-on.\n")
    assert got["prerequisites"] == ["Algebra"]
    assert "delivery" not in got  # "format" alone is too vague a heading to read


def test_yaml_line_breaks_markdown_does_not_know_stay_in_the_front_matter() -> None:
    result = checked("---\ntitle: a\u2028b\nx: [\u2028\u2028\u2028\n---\n# H\n")
    assert [(f.rule, f.line) for f in result.findings] == [("yaml-syntax", 3)]


# -- incomplete pages, detection, bounds -------------------------------------------------


def test_a_page_without_a_title_gets_its_file_name_and_a_warning() -> None:
    result = checked("Just some text.\n", path="notes/readme-draft.md")
    assert result.document.data == {"id": "readme-draft", "title": "readme-draft"}
    assert [f.rule for f in result.findings] == ["import-missing", "import-unmapped"]


def test_ids_come_from_the_folder_for_index_pages() -> None:
    assert data_at("---\ntitle: T\n---\n", "courses/data-101/index.md")["id"] == "data-101"
    assert data_at("---\ntitle: T\nslug: dl\n---\n", "x/index.md")["id"] == "dl"
    assert data_at("# Data literacy\n", None)["id"] == "data-literacy"


def data_at(text: str, path: str | None) -> dict[str, Any]:
    found: dict[str, Any] = checked(text, path).document.data
    return found


def test_empty_and_blank_pages() -> None:
    for text in ("", "\n\n", "---\n---\n", "---\n# only a comment\n---\n"):
        result = checked(text)
        assert result.document.data == {"id": "course", "title": "course"}


def test_the_document_is_located_in_the_source_file() -> None:
    result = checked(LABELS)
    document = result.document
    assert document.format == "markdown"
    assert document.sha256 == page(LABELS).sha256
    assert document.source_map.locate("/workload/ects") is not None
    position = document.source_map.locate("/workload/ects")
    assert position is not None and position.line == 13


def test_detect() -> None:
    assert IMPORTER.detect(page("---\ntitle: T\n---\n"))
    # outcomes alone do not make a credential page (a page about a standard has them)
    assert not IMPORTER.detect(page("# T\n\n## What you will learn\n\n- a\n"))
    assert IMPORTER.detect(
        page("# T\n\n## What you will learn\n\n- a\n\n## Duration\n\n20 hours\n")
    )
    rubric_page = "".join(f"### {i}.1 Learning outcomes\n\n- a\n\n" for i in range(1, 10))
    assert not IMPORTER.detect(page(rubric_page + "## Workload\n\n20 hours\n"))
    assert IMPORTER.detect(page("**ECTS:** 5\n**Language:** English\n**EQF level:** 6\n"))
    assert not IMPORTER.detect(page("# Project\n\nInstall it with pip.\n\n## Usage\n\nRun it.\n"))
    assert not IMPORTER.detect(page("**ECTS:** 5\n"))
    as_yaml = Document("x.yaml", {"title": "T"}, SourceMap(), (), "0" * 64, "yaml", "title: T\n")
    assert not IMPORTER.detect(as_yaml)


def test_a_page_over_the_size_limit_is_a_finding() -> None:
    text = "a" * (LoadLimits().max_chars + 1)
    result = IMPORTER.convert(page(text))
    assert [f.rule for f in result.findings] == ["limit-size"]
    Descriptor.model_validate(result.document.data)
    assert not IMPORTER.detect(page(text))


def test_hostile_markdown_is_read_in_bounded_time() -> None:
    for text in (
        "[" * 20_000,
        "*a" * 20_000,
        ">" * 20_000,
        "".join("  " * depth + "- x\n" for depth in range(500)),
        "**ECTS:** 5\n" * 5_000,
        "## Learning outcomes\n- a\n" * 2_000,
    ):
        checked(text)


PIECES = [
    "---\n", "title: T\n", "# ", "## ", "Learning outcomes", "**", "ECTS", ":", " 5",
    " hours", "- ", "* ", "1. ", "\n", "\n\n", "  ", "> ", "`", "[", "](x)", "(", ")",
    "EQF", " level ", "4/5", "€", "$", "1,200", "credits", "\r\n", "\r", "Language",
    "English", "|", "---|", "<b>", "```", "objectives:\n- a\n", "price: ", "...\n",
    "\t", "Cost", "Form of participation", "online", "Workload Practical", "+++\n",
    "key: [\n", "&", "_", "~~", "Assessment", "Type:", "teaching: 5\n", "exercises: 1\n",
]  # fmt: skip
MARKDOWN = st.lists(
    st.sampled_from(PIECES) | st.text(max_size=12),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN)
def test_never_raises_and_every_place_is_in_the_file(text: str) -> None:
    checked(text)
    IMPORTER.detect(page(text))


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    checked(text)


# -- the real corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the real-document corpus is not at {CORPUS} (it sits beside the clone)")
    return CORPUS


def imported(path: Path) -> tuple[Imported, list[str]]:
    text = path.read_text(encoding="utf-8")
    result = checked(text, str(path))
    return result, text.replace("\r\n", "\n").split("\n")


def body_places_are_right(result: Imported, lines: list[str]) -> None:
    """Every outcome read from the body is on the line its provenance names."""
    got = result.document.data
    for index, outcome in enumerate(got.get("learning_outcomes") or []):
        where = result.provenance[f"/learning_outcomes/{index}"]
        assert where.line is not None
        if where.source_field.startswith("front matter"):
            continue
        word = str(outcome).split()[0]
        assert word in lines[where.line - 1], (where, outcome)
    for pointer in ("/title", "/issuer/name"):
        where = result.provenance.get(pointer)
        if where is None or where.line is None or where.source_field == "file name":
            continue
        value = got["title"] if pointer == "/title" else got["issuer"]["name"]
        assert str(value).split()[0].strip("`*") in lines[where.line - 1], (pointer, where)


def test_every_markdown_file_of_the_corpus_imports(corpus: Path) -> None:
    paths = sorted(corpus.rglob("*.md"))
    assert len(paths) >= 25
    for path in paths:
        result, lines = imported(path)
        body_places_are_right(result, lines)
        assert all(f.file == str(path) for f in result.findings)


#: The real specifications, with what they say (counted and read by hand).
SPECS: dict[str, dict[str, Any]] = {
    "092c7482-5122-11f0-aaae-427b3ba2f1eb.md": {
        "outcomes": 6, "hours": 75, "eqf": 7, "language": "en", "assessments": 3,
        "mode": "blended", "issuer": True,
    },
    "15aea1e6-51bb-11f0-82aa-427b3ba2f1eb.md": {
        "outcomes": 14, "objectives": 18, "hours": 125, "eqf": 7, "language": "en",
        "assessments": 7, "mode": "blended", "issuer": True,
    },
    "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md": {
        "outcomes": 6, "objectives": 6, "hours": 180, "eqf": 7, "language": "en",
        "assessments": 4, "mode": "online", "issuer": "placeholder",
    },
    "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md": {
        "outcomes": 6, "objectives": 7, "hours": 82.5, "eqf": 7, "language": "en",
        "assessments": 2, "mode": "online", "issuer": "placeholder",
    },
    "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md": {
        "outcomes": 6, "hours": 25, "eqf": None, "language": "es", "assessments": 4,
        "mode": "online", "issuer": "placeholder",
    },
    "0d69d58c-8ef6-11f0-ab46-427b3ba2f1ec.md": {
        "outcomes": 9, "ects": 1, "eqf": None, "language": None, "assessments": 3,
        "mode": None, "issuer": None,
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SPECS))
def test_real_specifications(corpus: Path, name: str) -> None:
    expected = SPECS[name]
    result, lines = imported(corpus / SPECIFICATIONS.relative_to(CORPUS) / name)
    got = result.document.data
    assert IMPORTER.detect(page("\n".join(lines)))
    assert got["id"] == name.removesuffix(".md")
    title = result.provenance["/title"]
    assert title.source_field != "file name" and title.line is not None
    assert not got["title"].lower().startswith(("micro", "#"))
    assert len(got["learning_outcomes"]) == expected["outcomes"]
    if "objectives" in expected:
        assert len(got["extensions"]["learning_objectives"]) == expected["objectives"]
    workload = got["workload"]
    assert workload.get("hours") == expected.get("hours")
    assert workload.get("ects") == expected.get("ects")
    if expected["eqf"] is None:
        assert "level" not in got
    else:
        assert got["level"] == {"framework": "EQF", "value": expected["eqf"]}
    assert got.get("language") == expected["language"]
    assert len(got["assessments"]) == expected["assessments"]
    assert got.get("delivery", {}).get("mode") == expected["mode"]
    issuer = got.get("issuer", {}).get("name")
    if expected["issuer"] is None:
        assert issuer is None
    elif expected["issuer"] == "placeholder":  # kept as written, for the placeholder check
        assert issuer is not None and issuer[:1] in "[<"
    else:
        assert issuer is not None and issuer[:1] not in "[<"
    body_places_are_right(result, lines)


def test_a_range_of_levels_in_a_real_specification_is_a_finding(corpus: Path) -> None:
    result, lines = imported(SPECIFICATIONS / "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md")
    [warning] = [f for f in findings(result, "import-ambiguous") if f.pointer == "/level"]
    assert "range" in warning.message
    assert warning.line is not None and "EQF" in lines[warning.line - 1]


def test_real_catalog_pages(corpus: Path) -> None:
    tutorial, lines = imported(
        corpus / "galaxy-training-material/topics/genome-annotation/tutorials/"
        "amr-gene-detection/tutorial.md"
    )
    got = tutorial.document.data
    assert got["id"] == "amr-gene-detection"
    assert len(got["learning_outcomes"]) == 3
    assert got["workload"] == {"hours": 2}
    assert "level" not in got and "issuer" not in got
    assert got["audience"]["level"] in lines[tutorial.provenance["/audience/level"].line - 1]

    episode, _ = imported(corpus / "swcarpentry-shell-novice/episodes/01-intro.md")
    got = episode.document.data
    assert len(got["learning_outcomes"]) == 2
    assert got["workload"] == {"hours": 0.08}  # 5 minutes of teaching, no exercises
    assert [f.line for f in findings(episode, "duplicate-key")] == [16]

    course, _ = imported(
        corpus / "pragmatech-digital/content/courses/"
        "testing-spring-boot-applications-masterclass/index.md"
    )
    got = course.document.data
    assert got["id"] == "testing-spring-boot-applications-masterclass"
    assert len(got["learning_outcomes"]) == 6
    assert course.provenance["/learning_outcomes/0"].source_field.startswith("section ")
    assert got["workload"] == {"hours": 20}
    assert got["cost"] == {"amount": 189, "currency": "EUR"}
    assert len(got["prerequisites"]) == 3
    assert got["url"].startswith("https://")
    assert "level" not in got and got["audience"]["level"]

    workshop, _ = imported(
        corpus / "pragmatech-digital/content/workshops/tdd-with-spring-boot-done-right/index.md"
    )
    got = workshop.document.data
    assert "workload" not in got and "delivery" not in got
    assert [f.line for f in findings(workshop, "import-ambiguous")] == [7, 8]
    assert len(got["prerequisites"]) == 7


def test_a_real_badge_page_with_unclear_values(corpus: Path) -> None:
    result, _ = imported(
        corpus / "educredentials-obv3-examples/_credentials/theed_microcredential_full_ho.md"
    )
    warnings = findings(result, "import-ambiguous")
    assert [f.line for f in warnings] == [13, 18]  # a second issuer; a study load with no unit
    assert [place.line for place in warnings[0].related] == [7]
    assert "workload" not in result.document.data


#: Pages that describe no credential: read anyway, as clearly incomplete descriptors.
NOT_SPECIFICATIONS = [
    "1edtech-openbadges-specification/ob_v2p0/examples/index.md",
    "credentialengine-ingest-examples/index.md",
    "credentialengine-ctdl-xtra/eval/ctdl-reference/field-spec.md",
    "credentialengine-ctdl-xtra/eval/wgu/INDEX.md",
    "credentialengine-ctdl-xtra/eval/wgu/README.md",
    "educredentials-obv3-examples/README.md",
    "educredentials-obv3-examples/examples.md",
    "educredentials-obv3-examples/markdown.md",
    "hoola-inc-schemas/Credential_Explainer.md",
    "mynextid-credentials/microcredential/README.md",
    "rkemcha-mc-evaluation/README.md",
    "rkemcha-mc-evaluation/specifications/590db6c4-a504-11f0-8e0c-427b3ba2f1ec.md",
    "rkemcha-mc-evaluation/specifications/79f1756e-93c6-11f0-87f8-427b3ba2f1ec.md",
]


@pytest.mark.parametrize("name", NOT_SPECIFICATIONS)
def test_pages_that_are_not_specifications_import_as_incomplete(corpus: Path, name: str) -> None:
    result, _ = imported(corpus / name)
    got = result.document.data
    assert "learning_outcomes" not in got
    assert set(got) - {"id", "title", "description", "extensions"} == set()
    assert findings(result, "import-unmapped")
    if name.startswith("rkemcha-mc-evaluation/specifications/"):  # no heading, no title
        assert got["title"] == got["id"]
        assert findings(result, "import-missing")
