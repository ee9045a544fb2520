"""Schema validation: every mistake becomes one located finding, in plain words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mcqa.load import load_text
from mcqa.models import Descriptor, Rubric
from mcqa.models.finding import Finding
from mcqa.validate import (
    build_model,
    model_findings,
    read_descriptor,
    suggest,
    validate_document,
    validate_model,
)


def check(text: str, schema: str = "descriptor", *, path: str = "d.yaml") -> list[Finding]:
    return validate_document(load_text(text, path=path), schema)


def where(findings: list[Finding]) -> list[tuple[int | None, int | None, str | None]]:
    return [(f.line, f.column, f.pointer) for f in findings]


# -- suggest -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "choices", "expected"),
    [
        ("titel", ["title", "type", "id"], "title"),
        ("learning_outcome", ["learning_outcomes", "language"], "learning_outcomes"),
        ("onlin", ["online", "on-site", "blended"], "online"),
        ("ID", ["id", "title"], "id"),
        ("Learning-Outcomes", ["learning_outcomes"], "learning_outcomes"),
        ("zzzz", ["title", "id"], None),
        ("anything", [], None),
    ],
)
def test_suggest(word: str, choices: list[str], expected: str | None) -> None:
    assert suggest(word, choices) == expected


# -- descriptor mistakes -----------------------------------------------------------


def test_valid_descriptor_has_no_findings() -> None:
    assert check("id: d1\ntitle: Data literacy\nlearning_outcomes: [Clean data]\n") == []


def test_missing_required_field_is_located_at_its_parent() -> None:
    text = "# a descriptor\nid: x\nlearning_outcomes:\n  - id: LO1\n    bloom_level: apply\n"
    findings = check(text)
    assert [(f.rule, f.line, f.column, f.pointer, f.message) for f in findings] == [
        ("schema", 2, 1, "", "the required field 'title' is missing"),
        ("schema", 4, 5, "/learning_outcomes/0", "the required field 'statement' is missing"),
    ]
    assert all(f.file == "d.yaml" and f.severity == "error" for f in findings)


def test_missing_field_in_a_nested_object() -> None:
    text = "waivers:\n  - standard: '1.1'\n    paths: ['**']\n"
    (finding,) = check(text, "config", path="mcqa.yaml")
    assert finding.message == "the required field 'reason' is missing"
    assert (finding.file, finding.line, finding.column) == ("mcqa.yaml", 2, 5)
    assert finding.pointer == "/waivers/0"


def test_unknown_field_is_located_at_the_key_with_a_suggestion() -> None:
    (finding,) = check("id: x\ntitle: T\ntitel: Data literacy\n")
    assert finding.rule == "unknown-field"
    assert finding.message == "unknown field 'titel'; did you mean 'title'?"
    assert (finding.line, finding.column, finding.pointer) == (3, 1, "/titel")


def test_unknown_nested_field_is_located_at_its_key() -> None:
    (finding,) = check("id: x\ntitle: T\nissuer:\n  nam: Example University\n")
    assert finding.rule == "unknown-field"
    assert finding.message == "unknown field 'nam'; did you mean 'name'?"
    assert (finding.line, finding.column, finding.pointer) == (4, 3, "/issuer/nam")


def test_unknown_field_without_a_close_match_lists_the_allowed_ones() -> None:
    (finding,) = check("id: x\ntitle: T\ndelivery:\n  zzzzzz: 1\n")
    assert finding.rule == "unknown-field"
    assert finding.message == "unknown field 'zzzzzz'; allowed here: mode, schedule"
    assert (finding.line, finding.column) == (4, 3)


def test_unknown_field_in_json_is_located_at_the_key() -> None:
    text = '{\n  "id": "x",\n  "title": "T",\n  "titel": "again"\n}\n'
    (finding,) = check(text, path="d.json")
    assert finding.message == "unknown field 'titel'; did you mean 'title'?"
    assert (finding.file, finding.line, finding.column) == ("d.json", 4, 3)


def test_number_where_text_is_expected_says_put_it_in_quotes() -> None:
    (finding,) = check("id: x\ntitle: 2.3\n")
    assert finding.message == "expected text, found a number 2.3; put the value in quotes"
    assert (finding.line, finding.column, finding.pointer) == (2, 8, "/title")


@pytest.mark.parametrize(
    ("value", "shown"),
    [("12", "a whole number 12"), ("true", "true"), ("1.10", "a number 1.1")],
)
def test_other_scalars_where_text_is_expected(value: str, shown: str) -> None:
    (finding,) = check(f"id: x\ntitle: T\nversion: {value}\n")
    assert finding.message == f"expected text, found {shown}; put the value in quotes"
    assert (finding.line, finding.column) == (3, 10)


def test_empty_value_where_text_is_expected() -> None:
    (finding,) = check("id: x\ntitle:\n")
    assert finding.message == "expected text, found nothing; fill in a value or remove the field"
    assert finding.pointer == "/title"
    assert finding.line == 2


@pytest.mark.parametrize(
    ("text", "pointer", "position", "wrong", "hint"),
    [
        ("delivery:\n  mode: onlin\n", "/delivery/mode", (4, 9), "onlin", "online"),
        (
            "identity_verification: supervized\n",
            "/identity_verification",
            (3, 24),
            "supervized",
            "supervised",
        ),
        (
            "learning_outcomes:\n  - statement: Do\n    bloom_level: aply\n",
            "/learning_outcomes/0/bloom_level",
            (5, 18),
            "aply",
            "apply",
        ),
    ],
)
def test_enum_mistake_suggests_the_closest_value(
    text: str, pointer: str, position: tuple[int, int], wrong: str, hint: str
) -> None:
    (finding,) = check("id: x\ntitle: T\n" + text)
    assert finding.pointer == pointer
    assert (finding.line, finding.column) == position
    assert finding.message.startswith(f"text {wrong!r} is not allowed; use one of: ")
    assert finding.message.endswith(f"(did you mean {hint!r}?)")


def test_enum_message_lists_every_choice() -> None:
    (finding,) = check("id: x\ntitle: T\ndelivery: {mode: hybrid}\n")
    assert finding.message == ("text 'hybrid' is not allowed; use one of: online, on-site, blended")


@pytest.mark.parametrize(
    ("text", "pointer", "message"),
    [
        ("workload:\n  hours: -5\n", "/workload/hours", "must be at least 0, found -5"),
        ("cost:\n  amount: -0.5\n", "/cost/amount", "must be at least 0, found -0.5"),
        (
            "outcomes_data:\n  enrollments: -1\n",
            "/outcomes_data/enrollments",
            "must be at least 0, found -1",
        ),
        (
            "outcomes_data:\n  completion_rate: 150\n",
            "/outcomes_data/completion_rate",
            "must be at most 100, found 150",
        ),
    ],
)
def test_numbers_out_of_range(text: str, pointer: str, message: str) -> None:
    (finding,) = check("id: x\ntitle: T\n" + text)
    assert finding.message == message
    assert finding.pointer == pointer
    assert finding.line == 4


def test_date_pattern_names_the_form() -> None:
    (finding,) = check("id: x\ntitle: T\nquality_assurance:\n  last_review: 30/06/2027\n")
    assert finding.message == (
        "text '30/06/2027' is not a date written YYYY-MM-DD, e.g. 2027-06-30"
    )
    assert (finding.line, finding.column, finding.pointer) == (
        4,
        16,
        "/quality_assurance/last_review",
    )


def test_unquoted_date_is_text_and_valid() -> None:
    text = "id: x\ntitle: T\nquality_assurance:\n  last_review: 2027-06-30\n"
    assert check(text) == []


def test_several_mistakes_give_one_finding_each_sorted_by_line() -> None:
    text = (
        "id: 7\n"  # 1: a number, not text
        "titel: Data\n"  # 2: unknown field (and title is missing)
        "issuer:\n"
        "  country: NL\n"
        "  nme: Uni\n"  # 5: unknown field
        "workload:\n"
        "  hours: -1\n"  # 7: negative
        "delivery:\n"
        "  mode: onsite\n"  # 9: enum
        "quality_assurance:\n"
        "  next_review: 2027-6-30\n"  # 11: date pattern
        "outcomes_data:\n"
        "  employment_rate: 101\n"  # 13: over 100
    )
    findings = check(text)
    assert [(f.line, f.pointer) for f in findings] == [
        (1, ""),
        (1, "/id"),
        (2, "/titel"),
        (5, "/issuer/nme"),
        (7, "/workload/hours"),
        (9, "/delivery/mode"),
        (11, "/quality_assurance/next_review"),
        (13, "/outcomes_data/employment_rate"),
    ]
    lines = [f.line or 0 for f in findings]
    assert lines == sorted(lines)
    assert findings[0].message == "the required field 'title' is missing"
    assert "did you mean 'on-site'?" in findings[5].message


def test_loader_findings_come_first_in_position_order() -> None:
    findings = check("id: x\ntitle: T\ntitle: U\nworkload: {hours: -1}\n")
    assert [(f.rule, f.line) for f in findings] == [("duplicate-key", 3), ("schema", 4)]


def test_a_document_that_did_not_load_returns_only_loader_findings() -> None:
    findings = check("id: [x\n")
    assert [f.rule for f in findings] == ["yaml-syntax"]


def test_wrong_root_type() -> None:
    (finding,) = check("- id: x\n  title: T\n")
    assert finding.message == "expected a mapping of fields, found a list"
    assert (finding.line, finding.column, finding.pointer) == (1, 1, "")


def test_wrong_type_for_an_outcome_item() -> None:
    (finding,) = check("id: x\ntitle: T\nlearning_outcomes:\n  - 5\n")
    assert finding.pointer == "/learning_outcomes/0"
    assert (finding.line, finding.column) == (4, 5)
    assert finding.message.startswith(
        "expected a mapping of fields or text, found a whole number 5"
    )


# -- rubric, review and config -------------------------------------------------------

RUBRIC_HEAD = "id: r\nversion: 1.0.0\ntitle: R\n"


def test_wrong_discriminator_names_the_allowed_values() -> None:
    (finding,) = check(RUBRIC_HEAD + "scale:\n  type: lvls\n", "rubric", path="r.yaml")
    assert finding.message == "text 'lvls' is not allowed; use type: binary or levels"
    assert (finding.file, finding.line, finding.column) == ("r.yaml", 5, 9)
    assert finding.pointer == "/scale/type"


def test_missing_discriminator_is_named() -> None:
    (finding,) = check(RUBRIC_HEAD + "conformance:\n  threshold_percent: 80\n", "rubric")
    prefix = "the required field 'type' is missing; use type: "
    assert finding.message.startswith(prefix)
    assert sorted(finding.message[len(prefix) :].split(" or ")) == ["bands", "threshold"]
    assert finding.pointer == "/conformance"
    assert (finding.line, finding.column) == (5, 3)


def test_errors_inside_the_chosen_branch_are_reported() -> None:
    text = RUBRIC_HEAD + "scale:\n  type: levels\n  levels:\n    - {value: 0, label: none}\n"
    (finding,) = check(text, "rubric")
    assert finding.pointer == "/scale/levels"
    assert finding.message == "needs at least 2 items"
    assert (finding.line, finding.column) == (7, 5)


def test_rubric_version_and_threshold_mistakes() -> None:
    text = "id: r\nversion: 1.0\ntitle: R\nconformance: {type: threshold, threshold_percent: 101}\n"
    findings = check(text, "rubric")
    assert [(f.line, f.pointer, f.message) for f in findings] == [
        (2, "/version", "expected text, found a number 1.0; put the value in quotes"),
        (4, "/conformance/threshold_percent", "must be at most 100, found 101"),
    ]


def test_rubric_semver_pattern() -> None:
    (finding,) = check("id: r\nversion: v1\ntitle: R\n", "rubric")
    assert finding.message == "text 'v1' is not a semantic version such as 1.2.0"


def test_review_mistakes() -> None:
    text = (
        "rubric: r@1.0.0\n"
        "descriptor: {path: d.yaml, sha256: abc}\n"
        "date: 2024-1-2\n"
        "round: 0\n"
        'standards: {"1.1": {verdict: meet}}\n'
    )
    findings = check(text, "review", path="review.yaml")
    assert [(f.line, f.pointer, f.message) for f in findings] == [
        (2, "/descriptor/sha256", "text 'abc' is not a SHA-256 hash (64 hexadecimal digits)"),
        (3, "/date", "text '2024-1-2' is not a date written YYYY-MM-DD, e.g. 2027-06-30"),
        (4, "/round", "must be at least 1, found 0"),
        (
            5,
            "/standards/1.1/verdict",
            "text 'meet' is not allowed; use one of: met, not_met, not_applicable "
            "(did you mean 'met'?)",
        ),
    ]


def test_config_mistakes() -> None:
    findings = check("fail_on: never\njobs: 0\nrubrik: mcqa-core\n", "config", path="mcqa.yaml")
    assert [(f.rule, f.line, f.message) for f in findings] == [
        (
            "schema",
            1,
            "text 'never' is not allowed; use one of: not-conformant, pending, checks",
        ),
        ("schema", 2, "must be at least 1, found 0"),
        ("unknown-field", 3, "unknown field 'rubrik'; did you mean 'rubric'?"),
    ]


def test_valid_config_and_review() -> None:
    assert check("rubric: mcqa-core\njobs: 2\n", "config") == []
    review = "rubric: r@1.0.0\ndescriptor: {path: d.yaml}\nstandards: {'1.1': {verdict: met}}\n"
    assert check(review, "review") == []


# -- validate_model and read_descriptor --------------------------------------------------


def test_validate_model_success() -> None:
    doc = load_text("id: d1\ntitle: Data literacy\nworkload: {hours: 40}\n", path="d.yaml")
    descriptor, findings = validate_model(doc, "descriptor", Descriptor)
    assert findings == []
    assert isinstance(descriptor, Descriptor)
    assert descriptor.title == "Data literacy"
    assert descriptor.workload is not None
    assert descriptor.workload.hours == 40.0


def test_validate_model_returns_none_and_findings_on_errors() -> None:
    doc = load_text("id: d1\ntitle: T\nworkload: {hours: -1}\n", path="d.yaml")
    descriptor, findings = validate_model(doc, "descriptor", Descriptor)
    assert descriptor is None
    assert [(f.rule, f.line, f.pointer) for f in findings] == [("schema", 3, "/workload/hours")]


def test_validate_model_refuses_loader_errors() -> None:
    doc = load_text("id: d1\ntitle: T\ntitle: U\n")
    descriptor, findings = validate_model(doc, "descriptor", Descriptor)
    assert descriptor is None
    assert [f.rule for f in findings] == ["duplicate-key"]


def test_validate_model_on_a_document_that_did_not_load() -> None:
    descriptor, findings = validate_model(load_text(""), "descriptor", Descriptor)
    assert descriptor is None
    assert [f.rule for f in findings] == ["empty"]


def test_validate_model_for_a_rubric() -> None:
    text = RUBRIC_HEAD + "categories:\n  - id: '1'\n    title: C\n    standards:\n"
    text += "      - {id: '1.1', title: S, text: Do it, points: 3, essential: true}\n"
    rubric, findings = validate_model(load_text(text), "rubric", Rubric)
    assert findings == []
    assert isinstance(rubric, Rubric)
    standard = rubric.standard("1.1")
    assert standard is not None
    assert (standard.points, standard.essential) == (3, True)


def test_read_descriptor(write: Any) -> None:
    path = write("catalog/d.yaml", "id: d1\ntitle: Data literacy\nlearning_outcomes: [Do]\n")
    descriptor, document, findings = read_descriptor(path)
    assert findings == []
    assert descriptor is not None
    assert descriptor.id == "d1"
    assert descriptor.learning_outcomes is not None
    assert descriptor.learning_outcomes[0].statement == "Do"
    assert document.path == str(path)
    assert document.data["title"] == "Data literacy"


def test_read_descriptor_with_errors_uses_the_display_name(write: Any) -> None:
    path = write("d.json", '{"id": "d1",\n "titel": "T"}')
    descriptor, document, findings = read_descriptor(path, display="catalog/d.json")
    assert descriptor is None
    assert document.format == "json"
    assert [(f.file, f.line, f.column, f.message) for f in findings] == [
        ("catalog/d.json", 1, 1, "the required field 'title' is missing"),
        ("catalog/d.json", 2, 2, "unknown field 'titel'; did you mean 'title'?"),
    ]


def test_read_descriptor_of_a_missing_file(tmp_path: Path) -> None:
    descriptor, document, findings = read_descriptor(tmp_path / "gone.yaml")
    assert descriptor is None
    assert document.data is None
    assert [f.rule for f in findings] == ["io"]


# -- numbers, dates and list items the audit found --------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("true", "expected a number, found true"),
        ("false", "expected a number, found false"),
        (".nan", "NaN is not a number; write a figure"),
        ("-.inf", "infinity is not a number; write a figure"),
        ("1e400", "this number is too large"),
        ("1" + "0" * 400, "this number is too large"),
    ],
)
@pytest.mark.parametrize("field", ["workload:\n  hours", "cost:\n  amount"])
def test_a_value_that_is_no_figure_is_one_located_finding(
    field: str, value: str, message: str
) -> None:
    [finding] = check(f"id: x\ntitle: T\n{field}: {value}\n")
    assert finding.message == message
    assert (finding.line, finding.column) == (4, 10 if "hours" in field else 11)
    assert finding.severity == "error"


def test_a_refused_number_under_a_bound_is_reported_once() -> None:
    # The schema would also say "must be at most 100"; the loader has said it already.
    [finding] = check("id: x\ntitle: T\noutcomes_data:\n  completion_rate: .inf\n")
    assert (finding.rule, finding.message) == ("number", "infinity is not a number; write a figure")


@pytest.mark.parametrize("field", ["includes", "additional_fees", "scholarships"])
def test_list_items_of_the_wrong_type_are_located_at_the_item(field: str) -> None:
    findings = check(f"id: x\ntitle: T\ncost:\n  {field}: [fine, 1, {{a: b}}, true]\n")
    width = len(field) + 5
    assert [(f.line, f.column, f.pointer, f.message) for f in findings] == [
        (
            4,
            width + 7,
            f"/cost/{field}/1",
            "expected text, found a whole number 1; put the value in quotes",
        ),
        (4, width + 10, f"/cost/{field}/2", "expected text, found a mapping of fields"),
        (4, width + 18, f"/cost/{field}/3", "expected text, found true; put the value in quotes"),
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2026-02-30", "there is no 30 February 2026"),
        ("2027-13-01", "there is no month 13; months run from 01 to 12"),
        ("0000-01-01", "there is no year 0; the years run from 0001"),
    ],
)
@pytest.mark.parametrize(
    ("schema", "head", "line", "pointer"),
    [
        (
            "descriptor",
            "id: x\ntitle: T\nquality_assurance:\n  next_review:",
            4,
            "/quality_assurance/next_review",
        ),
        ("program", "id: p\ntitle: P\npolicy:\n  approved_on:", 4, "/policy/approved_on"),
        ("review", "rubric: mcqa-core@2.0.0\ndescriptor: {path: d.yaml}\ndate:", 3, "/date"),
        (
            "config",
            "waivers:\n  - standard: '1.1'\n    reason: r\n    expires:",
            4,
            "/waivers/0/expires",
        ),
    ],
)
def test_a_date_that_does_not_exist_is_refused_in_every_contract(
    schema: str, head: str, line: int, pointer: str, date: str, message: str
) -> None:
    [finding] = check(f"{head} '{date}'\n", schema)
    assert (finding.line, finding.pointer, finding.message) == (line, pointer, message)


def test_a_leap_day_is_a_date() -> None:
    assert check("id: x\ntitle: T\nquality_assurance:\n  last_review: '2028-02-29'\n") == []


def test_a_list_or_mapping_as_a_tag_is_explained_not_raised() -> None:
    [finding] = check(RUBRIC_HEAD + "scale: {type: [binary]}\n", "rubric")
    assert finding.pointer == "/scale/type"
    assert "use type: binary or levels" in finding.message


# -- a model's errors as findings --------------------------------------------------------


def by_hand(text: str, data: Any) -> Any:
    """A document whose data was changed after loading (the source map still locates it)."""
    import dataclasses

    return dataclasses.replace(load_text(text, path="d.yaml"), data=data)


def test_build_model_turns_the_models_errors_into_located_findings() -> None:
    text = "id: x\ntitle: T\nworkload:\n  hours: 5\ncost:\n  includes: [a, b]\n"
    data = {
        "id": "x",
        "title": "T",
        "workload": {"hours": float("nan")},
        "cost": {"includes": ["a", 7]},
    }
    descriptor, findings = build_model(by_hand(text, data), Descriptor)
    assert descriptor is None
    assert [(f.rule, f.line, f.column, f.pointer, f.message) for f in findings] == [
        ("schema", 4, 10, "/workload/hours", "NaN is not a number; write a figure"),
        (
            "schema",
            6,
            17,
            "/cost/includes/1",
            "expected text, found a whole number 7; put the value in quotes",
        ),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"title": "T"}, [("", "the required field 'id' is missing")]),
        ({"id": "x", "title": "T", "titel": "U"}, [("/titel", "unknown field 'titel'")]),
        ({"id": "x", "title": ""}, [("/title", "must not be empty")]),
        (
            {"id": "x", "title": "T", "workload": {"hours": -1}},
            [("/workload/hours", "must be at least 0, found -1")],
        ),
        (
            {"id": "x", "title": "T", "workload": {"hours": True}},
            [("/workload/hours", "expected a number, found true")],
        ),
        (
            {"id": "x", "title": "T", "workload": {"hours": 10**400}},
            [("/workload/hours", "this number is too large")],
        ),
        (
            {"id": "x", "title": "T", "workload": []},
            [("/workload", "expected a mapping of fields, found a list")],
        ),
        (
            {"id": "x", "title": "T", "delivery": {"mode": "onlin"}},
            [
                (
                    "/delivery/mode",
                    "text 'onlin' is not allowed; use 'online', 'on-site' or 'blended'",
                )
            ],
        ),
        (
            {"id": "x", "title": "T", "cost": {"includes": 5}},
            [
                (
                    "/cost/includes",
                    "expected text or a list, found a whole number 5; put the value in quotes",
                )
            ],
        ),
        (
            {"id": "x", "title": "T", "quality_assurance": {"last_review": "2026-02-30"}},
            [("/quality_assurance/last_review", "there is no 30 February 2026")],
        ),
        (
            {"id": "x", "title": "T", "quality_assurance": {"last_review": "soon"}},
            [
                (
                    "/quality_assurance/last_review",
                    "text 'soon' is not a date written YYYY-MM-DD, e.g. 2027-06-30",
                )
            ],
        ),
        (
            {"id": "x", "title": "T", "learning_outcomes": [{"id": "LO1"}]},
            [("/learning_outcomes/0", "the required field 'statement' is missing")],
        ),
    ],
)
def test_model_findings_are_worded_as_the_schema_pass_words_them(
    data: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    descriptor, findings = build_model(by_hand("id: x\ntitle: T\n", data), Descriptor)
    assert descriptor is None
    assert [(f.pointer, f.message) for f in findings] == expected
    assert all(f.file == "d.yaml" and f.line is not None for f in findings)


def test_model_findings_explain_the_closest_alternative_of_a_tagged_union() -> None:
    data = {
        "id": "r",
        "version": "1.0.0",
        "title": "R",
        "scale": {"type": "levels", "levels": [{"value": "x", "label": "a"}]},
    }
    rubric, findings = build_model(by_hand("id: r\n", data), Rubric)
    assert rubric is None
    assert [(f.pointer, f.message) for f in findings] == [
        ("/scale/levels/0/value", "expected a whole number, found text 'x'"),
    ]


def test_model_findings_for_an_unknown_tag() -> None:
    data = {"id": "r", "version": "1.0.0", "title": "R", "scale": {"type": "stars"}}
    _, findings = build_model(by_hand("id: r\n", data), Rubric)
    assert [(f.pointer, f.message) for f in findings] == [
        ("/scale/type", "text 'stars' is not allowed; use type: binary, levels")
    ]


def test_validate_model_reports_what_only_the_model_refuses() -> None:
    # A document made by hand: no loader finding, and JSON Schema cannot refuse NaN.
    doc = by_hand(
        "id: x\ntitle: T\nworkload:\n  ects: 1\n",
        {"id": "x", "title": "T", "workload": {"ects": float("nan")}},
    )
    descriptor, findings = validate_model(doc, "descriptor", Descriptor)
    assert descriptor is None
    assert [(f.line, f.pointer, f.message) for f in findings] == [
        (4, "/workload/ects", "NaN is not a number; write a figure")
    ]


def test_model_findings_can_be_made_from_a_validation_error() -> None:
    from pydantic import ValidationError

    data = {"id": "x", "title": "T", "workload": {"hours": "many"}}
    with pytest.raises(ValidationError) as info:
        Descriptor.model_validate(data)
    [finding] = model_findings(by_hand("id: x\n", data), info.value, data)
    assert (finding.pointer, finding.message) == (
        "/workload/hours",
        "expected a number, found text 'many'",
    )
