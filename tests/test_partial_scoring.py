"""One bad field never stops the scoring; short forms people write are read.

A descriptor that is a mapping is always scored. A value of the wrong shape is
a located finding, counts against the standards that rest on it, and is left
out for everything else; ``error`` is kept for files that hold no mapping.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mcqa._fields import standard_reads as reads_of
from mcqa._fields import touches
from mcqa.evaluate import evaluate_document, type_subject
from mcqa.load import Document, escape_token, load_bytes, load_path, load_text
from mcqa.models import Descriptor, Program
from mcqa.models.report import DescriptorResult
from mcqa.models.rubric import Rubric
from mcqa.rubrics import default_registry
from mcqa.validate import clean_subject, validate_document

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "examples" / "catalog"
EXAMPLE = CATALOG / "data-analytics-foundations.yaml"
PROGRAMME = ROOT / "examples" / "program" / "riverbend-college.yaml"
TODAY = dt.date(2026, 12, 1)
VALID = sorted(p for p in CATALOG.iterdir() if p.is_file() and p.name != "broken-entry.yaml")


@functools.cache
def core() -> Rubric:
    return default_registry().load("mcqa-core@2.0.0")


def score(document: Document, rubric: Rubric | None = None) -> DescriptorResult:
    return evaluate_document(document, rubric or core(), today=TODAY)


def statuses(result: DescriptorResult) -> dict[str, str]:
    return {s.id: s.status for s in result.standards}


def every_finding(result: DescriptorResult) -> list[Any]:
    return [*result.findings, *(f for s in result.standards for f in s.findings)]


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def with_contact(text: str, contact: str) -> str:
    """The example with its ``contact:`` mapping replaced by one line."""
    changed, count = re.subn(r"^contact:\n(?:  .*\n)+", f"contact: {contact}\n", text, flags=re.M)
    assert count == 1
    return changed


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


# -- the cases people wrote ----------------------------------------------------------------


def test_a_plain_email_address_as_contact_is_read_as_contact_email() -> None:
    original = score(load_path(EXAMPLE))
    text = with_contact(example_text(), "someone@example.edu")
    result = score(load_text(text, path="d.yaml"))
    assert result.decision == original.decision != "error"
    assert statuses(result) == statuses(original)
    [note] = [f for f in every_finding(result) if f.rule == "normalised"]
    assert note.severity == "info"
    assert (note.line, note.column, note.pointer) == (line_of(text, "contact:"), 10, "/contact")
    assert "e-mail address" in note.message and "contact.email" in note.message


def test_an_unquoted_phone_number_is_read_as_text() -> None:
    original = score(load_path(EXAMPLE))
    text = with_contact(example_text(), "{phone: 35312345678}")
    result = score(load_text(text, path="d.yaml"))
    assert result.decision == original.decision != "error"
    assert statuses(result) == statuses(original)
    [note] = [f for f in every_finding(result) if f.rule == "normalised"]
    assert (note.severity, note.line, note.pointer) == (
        "info",
        line_of(text, "contact:"),
        "/contact/phone",
    )
    assert "'35312345678'" in note.message


def test_hours_written_as_a_word_cost_only_the_workload_standards() -> None:
    original = score(load_path(EXAMPLE))
    text = example_text().replace("  hours: 75\n", "  hours: forty\n")
    result = score(load_text(text, path="d.yaml"))
    assert result.decision != "error" and result.score is not None
    changed = {sid for sid, status in statuses(result).items() if status != statuses(original)[sid]}
    assert changed == {"4.1", "4.2"}
    line = line_of(text, "  hours: forty")
    for sid in ("4.1", "4.2"):
        standard = next(s for s in result.standards if s.id == sid)
        assert standard.status == "not_met"
        [error] = [f for f in standard.findings if f.rule == "schema"]
        assert (error.severity, error.line, error.column) == ("error", line, 10)
        assert (error.pointer, error.standard) == ("/workload/hours", sid)
        assert error.message == "expected a number, found text 'forty'"
    assert result.checks_passed is False


def test_nine_of_ten_hand_written_descriptors_are_scored() -> None:
    """The descriptors written from the field list: ``contact`` as one address."""
    for address in ("someone@example.edu", "https://example.edu/ask", "+353 1 234 5678"):
        text = f"id: d{len(address)}\ntitle: Data literacy\ncontact: {address}\n"
        result = score(load_text(text, path="d.yaml"))
        assert result.decision != "error"
        assert not [f for f in every_finding(result) if f.rule == "schema" and f.line == 3]


# -- short forms ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical", "pointer"),
    [
        (
            "contact: someone@example.edu\n",
            {"contact": {"email": "someone@example.edu"}},
            "/contact",
        ),
        ("contact: mailto:a@b.org\n", {"contact": {"email": "a@b.org"}}, "/contact"),
        ("contact: https://uni.edu/ask\n", {"contact": {"url": "https://uni.edu/ask"}}, "/contact"),
        ("contact: '+353 1 234 5678'\n", {"contact": {"phone": "+353 1 234 5678"}}, "/contact"),
        ("contact: 35312345678\n", {"contact": {"phone": "35312345678"}}, "/contact"),
        (
            "contact: {phone: 35312345678}\n",
            {"contact": {"phone": "35312345678"}},
            "/contact/phone",
        ),
        (
            "issuer: Northbridge University\n",
            {"issuer": {"name": "Northbridge University"}},
            "/issuer",
        ),
        ("co_issuers: [A College]\n", {"co_issuers": [{"name": "A College"}]}, "/co_issuers/0"),
        ("workload: {hours: '40'}\n", {"workload": {"hours": 40}}, "/workload/hours"),
        ("workload: {ects: '2.5'}\n", {"workload": {"ects": 2.5}}, "/workload/ects"),
        ("cost: {amount: ' 450 '}\n", {"cost": {"amount": 450}}, "/cost/amount"),
        (
            "language: [en, ga]\n",
            {"language": "en", "languages": ["en", "ga"]},
            "/language/0",
        ),
        ("language: [nl-BE]\n", {"language": "nl-BE", "languages": ["nl-BE"]}, "/language/0"),
    ],
)
def test_short_forms_are_read_with_an_info_note(
    text: str, canonical: dict[str, Any], pointer: str
) -> None:
    document = load_text("id: d1\ntitle: T\n" + text, path="d.yaml")
    cleaned = clean_subject(document, "descriptor", Descriptor)
    assert cleaned.model is not None and cleaned.bad == ()
    assert {k: v for k, v in cleaned.data.items() if k not in ("id", "title")} == canonical
    [note] = cleaned.findings
    assert (note.rule, note.severity, note.line, note.pointer) == ("normalised", "info", 3, pointer)
    assert note.column == document.source_map.locate(pointer).column  # type: ignore[union-attr]


def test_a_language_list_keeps_every_language_and_checks_the_first() -> None:
    document = load_text("id: d1\ntitle: T\nlanguage: [en, xx-nonsense-tag]\n", path="d.yaml")
    typed, _ = type_subject(document, Descriptor, "descriptor")
    assert typed is not None
    assert (typed.language, typed.languages) == ("en", ["en", "xx-nonsense-tag"])


@pytest.mark.parametrize(
    ("text", "pointer", "words"),
    [
        ("workload: {hours: about forty}\n", "/workload/hours", "expected a number"),
        ("workload: {hours: forty}\n", "/workload/hours", "expected a number"),
        ("workload: {hours: '1,200'}\n", "/workload/hours", "not read as a number"),
        ("workload: {ects: '2,5'}\n", "/workload/ects", "not read as a number"),
        ("stackability: {credit: 3}\n", "/stackability/credit", "expected a mapping"),
        ("contact: Dr Aoife Brennan\n", "/contact", "not an e-mail address"),
        ("issuer: {name: [a]}\n", "/issuer/name", "expected text"),
        ("language: []\n", "/language", "expected text"),
    ],
)
def test_what_could_mean_several_things_is_a_finding_not_a_guess(
    text: str, pointer: str, words: str
) -> None:
    cleaned = clean_subject(
        load_text("id: d1\ntitle: T\n" + text, path="d.yaml"), "descriptor", Descriptor
    )
    assert cleaned.model is not None
    [bad] = cleaned.bad
    assert (bad.finding.severity, bad.finding.line, bad.finding.pointer) == ("error", 3, pointer)
    assert words in bad.finding.message
    assert not [f for f in cleaned.findings if f.rule == "normalised"]


def test_the_published_schema_keeps_the_canonical_form() -> None:
    document = load_text("id: d1\ntitle: T\ncontact: someone@example.edu\n", path="d.yaml")
    [finding] = validate_document(document, "descriptor")
    assert (finding.pointer, finding.severity) == ("/contact", "error")


# -- the smallest bad part ------------------------------------------------------------------


def test_a_bad_item_of_a_list_drops_only_that_item_and_findings_keep_their_lines() -> None:
    text = (
        "id: d1\ntitle: T\nlanguage: en\nlearning_outcomes:\n"
        "  - 42\n"
        "  - statement: Understand data cleaning and visualisation in depth\n"
    )
    document = load_text(text, path="d.yaml")
    cleaned = clean_subject(document, "descriptor", Descriptor)
    assert cleaned.model is not None and cleaned.model.learning_outcomes is not None
    assert [o.statement for o in cleaned.model.learning_outcomes] == [
        "Understand data cleaning and visualisation in depth"
    ]
    [bad] = cleaned.bad
    assert (bad.finding.line, bad.finding.pointer) == (5, "/learning_outcomes/0")
    # the check sees the outcome as the first of one; its finding names the line written
    result = score(document)
    [vague] = [
        f
        for s in result.standards
        for f in s.findings
        if f.rule == "measurable-outcomes" and f.severity == "error"
    ]
    assert (vague.line, vague.pointer) == (6, "/learning_outcomes/1/statement")


def test_a_bad_subfield_drops_only_that_subfield() -> None:
    text = "id: d1\ntitle: T\nworkload:\n  hours: forty\n  ects: 3\n  pace: cohort\n"
    typed, findings = type_subject(load_text(text), Descriptor, "descriptor")
    assert typed is not None and typed.workload is not None
    assert (typed.workload.hours, typed.workload.ects, typed.workload.pace) == (None, 3, "cohort")
    assert [(f.severity, f.line, f.pointer) for f in findings] == [("error", 4, "/workload/hours")]


def test_schema_checks_see_the_cleaned_data() -> None:
    hours = {
        "schema": {"required": ["workload"], "properties": {"workload": {"required": ["hours"]}}}
    }
    rubric = Rubric.model_validate(
        {
            "rubric_format": 1,
            "id": "t",
            "version": "1.0.0",
            "title": "T",
            "categories": [
                {
                    "id": "1",
                    "title": "All",
                    "standards": [
                        {
                            "id": "1.1",
                            "title": "Hours",
                            "text": "x",
                            "points": 1,
                            "mode": "automated",
                            "check": hours,
                        },
                        {
                            "id": "1.2",
                            "title": "Title",
                            "text": "x",
                            "points": 1,
                            "mode": "automated",
                            "check": {"schema": {"required": ["title"]}},
                        },
                    ],
                }
            ],
        }
    )
    result = score(load_text("id: d1\ntitle: T\nworkload: {hours: forty}\n"), rubric)
    assert statuses(result) == {"1.1": "not_met", "1.2": "met"}


def test_a_required_field_of_the_wrong_shape_is_missing_for_the_standards() -> None:
    result = score(load_text("id: d1\ntitle: [Data, literacy]\ndescription: x\n", path="d.yaml"))
    assert result.decision == "not_conformant"
    title = next(s for s in result.standards if s.id == "1.1")
    assert title.status == "not_met"
    assert any(f.line == 2 and f.pointer == "/title" for f in title.findings)


def test_a_bad_value_no_standard_rests_on_is_a_warning() -> None:
    result = score(
        load_text("id: d1\ntitle: Data literacy\ndescriptor_format: two\n", path="d.yaml")
    )
    assert result.decision != "error"
    [warning] = [f for f in result.findings if f.pointer == "/descriptor_format"]
    assert (warning.severity, warning.line) == ("warning", 3)


def test_unknown_fields_stay_warnings() -> None:
    cleaned = clean_subject(load_text("id: d1\ntitle: T\ntitel: x\n"), "descriptor", Descriptor)
    assert [(f.rule, f.severity, f.line) for f in cleaned.findings] == [
        ("unknown-field", "warning", 3)
    ]
    assert cleaned.bad == ()


@pytest.mark.parametrize(
    "raw",
    [b"- a list\n- at the top\n", b"just text\n", b"42\n", b"", b"id: [\n", b"\x00\x01\x02binary"],
)
def test_error_stays_for_a_file_that_holds_no_mapping(raw: bytes) -> None:
    result = score(load_bytes(raw, path="d.yaml"))
    assert result.decision == "error"
    assert result.standards == ()
    assert any(f.severity == "error" for f in result.findings)


def test_a_programme_with_a_bad_field_is_scored() -> None:
    rubric = default_registry().load("mcqa-program@2.0.0")
    text = PROGRAMME.read_text(encoding="utf-8")
    original = score(load_path(PROGRAMME), rubric)
    changed = re.sub(r"^microcredentials: .*$", "microcredentials: many", text, count=1, flags=re.M)
    assert changed != text
    result = score(load_text(changed, path="p.yaml"), rubric)
    assert result.decision != "error"
    assert statuses(result) == statuses(original)  # no indicator rests on the count
    [warning] = [f for f in result.findings if f.pointer == "/microcredentials"]
    assert warning.severity == "warning"
    typed, _ = type_subject(load_text(changed), Program, "program")
    assert typed is not None and typed.microcredentials is None


# -- the property ------------------------------------------------------------------------------


@functools.cache
def example(name: str) -> tuple[dict[str, Any], dict[str, str]]:
    """An example's data and the status of each standard, scored as it is."""
    path = CATALOG / name
    document = load_path(path)
    original = score(document)
    assert original.decision != "error"
    return document.data, statuses(original)


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def fields_of(data: dict[str, Any]) -> list[str]:
    """Every field at the top and one level down (items of lists and fields of mappings)."""
    found = []
    for key, value in data.items():
        top = "/" + escape_token(key)
        found.append(top)
        if isinstance(value, dict):
            found.extend(f"{top}/{escape_token(k)}" for k in value)
        elif isinstance(value, list):
            found.extend(f"{top}/{i}" for i in range(len(value)))
    return found


def at(data: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


def replaced(data: dict[str, Any], pointer: str, value: Any) -> dict[str, Any]:
    copied = json.loads(json.dumps(data))
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    target = copied
    for token in tokens[:-1]:
        target = target[int(token)] if isinstance(target, list) else target[token]
    if isinstance(target, list):
        target[int(tokens[-1])] = value
    else:
        target[tokens[-1]] = value
    return copied


def inside(value: Any, pointer: str) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{pointer}/{escape_token(key)}"
            found += [here, *inside(item, here)]
    elif isinstance(value, list):
        for index, item in enumerate(value):
            here = f"{pointer}/{index}"
            found += [here, *inside(item, here)]
    return found


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 .-", min_size=1, max_size=20)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    WORDS,
)
VALUES = {
    "null": st.none(),
    "boolean": st.booleans(),
    "number": st.one_of(
        st.integers(-(10**6), 10**12),
        st.floats(allow_nan=False, allow_infinity=False, width=32),
        st.sampled_from([math.nan, math.inf]),
    ),
    "string": st.one_of(WORDS, st.sampled_from(["40", "2.5", "forty", "1,200", ""])),
    "array": st.lists(SCALARS, max_size=3),
    "object": st.dictionaries(
        st.sampled_from(["name", "value", "x", "hours"]), SCALARS, max_size=3
    ),
}


@st.composite
def one_field_changed(draw: st.DrawFn) -> tuple[str, str, Any, str]:
    name = draw(st.sampled_from([p.name for p in VALID]))
    data, _ = example(name)
    pointer = draw(st.sampled_from(fields_of(data)))
    kind = draw(st.sampled_from(sorted(set(VALUES) - {json_type(at(data, pointer))})))
    value = draw(VALUES[kind])
    fmt = draw(st.sampled_from(["yaml", "json"]))
    return name, pointer, value, fmt


def model_accepts(data: Any) -> bool:
    """Whether the model takes ``data`` as it is (it reads ``descriptor_format: null``,
    which the published schema's ``const: 1`` refuses)."""
    try:
        Descriptor.model_validate(data)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


def render(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(one_field_changed())
def test_one_field_of_another_type_never_stops_the_scoring(
    change: tuple[str, str, Any, str],
) -> None:
    name, pointer, value, fmt = change
    data, before = example(name)
    text = render(replaced(data, pointer, value), fmt)
    document = load_text(text, path=f"d.{fmt}")
    loaded = at(document.data, pointer)
    assume(json_type(loaded) == json_type(value))  # YAML 1.1 output read as YAML 1.2
    result = score(document)

    # scored
    assert result.decision != "error"
    assert result.score is not None and len(result.standards) == len(before)

    # the field has a finding at its line, unless the new value is fine as it is
    held = [pointer, *inside(loaded, pointer)]
    lines = {document.source_map.locate(p).line for p in held}  # type: ignore[union-attr]
    refused = [
        f
        for f in validate_document(document, "descriptor")
        if f.pointer == pointer or (f.pointer or "").startswith(pointer + "/")
    ]
    if refused and not model_accepts(document.data):
        assert any(f.line in lines for f in every_finding(result)), (pointer, value)

    # every standard that does not use the field keeps its status
    held = [*inside(at(data, pointer), pointer), *inside(loaded, pointer)]
    rubric = core()
    after = statuses(result)
    for _, standard in rubric.iter_standards():
        if not touches(pointer, reads_of(standard), held):
            assert after[standard.id] == before[standard.id], (standard.id, pointer, value)
