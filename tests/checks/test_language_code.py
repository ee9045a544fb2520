"""The ``language-code`` check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks.language_code import LanguageCode

from ._support import places, run_check

CHECK = LanguageCode()
PAGE = {"url": "https://example.edu/microcredentials/data"}


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "language-code"
    assert default_options(CHECK, {}) == {"require_url_or_contact": True}


@pytest.mark.parametrize("language", ["en", "fr-CA", "nl-BE", "en-GB", "zh-Hant-TW", "es-419"])
def test_real_language_tags_pass(language: str) -> None:
    assert run({"language": language, **PAGE}) == []


def test_a_contact_serves_as_well_as_a_page() -> None:
    assert run({"language": "en", "contact": {"email": "office@example.edu"}}) == []


@pytest.mark.parametrize(
    ("language", "fragment"),
    [
        ("xx", "'xx' is not an ISO 639 language code"),
        ("qaa", "reserved for local use"),
        ("en_US", "'en-US'"),
        ("English", "'English' is 'en'"),
        ("en-UK", "use 'GB'"),
        ("en-ZZ", "private use"),
        ("und", "undetermined"),
    ],
)
def test_invalid_tags_are_errors(language: str, fragment: str) -> None:
    problems = run({"language": language, **PAGE})
    assert places(problems) == [("/language", "error")]
    assert fragment in problems[0].message


@pytest.mark.parametrize("language", ["EN", "en-gb", "eng", "mul"])
def test_tags_written_unusually_are_warnings(language: str) -> None:
    assert places(run({"language": language, **PAGE})) == [("/language", "warning")]


def test_no_language_is_an_error() -> None:
    (problem,) = run(PAGE)
    assert (problem.pointer, problem.severity) == ("", "error")
    assert "the language of instruction and assessment is not stated" in problem.message
    assert places(run({"language": None, **PAGE})) == [("/language", "error")]


def test_no_page_or_contact_is_an_error() -> None:
    (problem,) = run({"language": "en"})
    assert (problem.pointer, problem.severity) == ("", "error")
    assert "no web page or contact" in problem.message
    assert run({"language": "en"}, require_url_or_contact=False) == []


def test_problems_come_in_document_order() -> None:
    problems = run({"language": "xx"})
    assert [p.pointer for p in problems] == ["", "/language"]


@given(language=st.one_of(st.none(), st.text(max_size=20)), url=st.booleans())
def test_any_language_gives_well_formed_problems(language: str | None, url: bool) -> None:
    fields: dict[str, Any] = {"language": language, **(PAGE if url else {})}
    for problem in run(fields):
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer in ("", "/language")
