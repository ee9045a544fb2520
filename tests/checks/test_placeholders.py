"""The ``placeholder-text`` check, and the data-walking helpers it shares."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import Problem, default_options
from mcqa.checks._walk import in_document_order, iter_strings, resolve, split_pointer
from mcqa.checks.placeholders import PlaceholderText

from ._support import places, run_check

CHECK = PlaceholderText()


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def description(text: str, **options: Any) -> list[Problem]:
    return run({"description": text}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "placeholder-text"
    assert default_options(CHECK, {}) == {"patterns": []}


def test_a_finished_descriptor_passes() -> None:
    problems = run(
        {
            "issuer": {"name": "University of Twente", "url": "https://utwente.nl"},
            "description": (
                "Learn to clean data [see the guide](https://utwente.nl/guide) and cite "
                "sources as in [1] or [2-4]. Tasks: [x] done, [ ] open. <p>HTML</p> stays. "
                "The room is booked; the exam is at 10:00."
            ),
            "learning_outcomes": ["Explain the data life cycle"],
        }
    )
    assert problems == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Issued by [Issuing University Name].", "[Issuing University Name]"),
        ("Starts on [insert date]", "[insert date]"),
        ("Starts on <insert start date>", "<insert start date>"),
        ("Taught by <Lecturer Name>", "<Lecturer Name>"),
        ("Welcome to {{ course_title }}", "{{ course_title }}"),
        ("Start date TBD", "TBD"),
        ("Venue tba", "tba"),
        ("TODO: write this", "TODO"),
        ("Fixme later", "Fixme"),
        ("Call XXX for details", "XXX"),
        ("Lorem ipsum dolor sit amet", "Lorem ipsum"),
    ],
)
def test_placeholders_are_errors_quoting_the_match(text: str, found: str) -> None:
    problems = description(text)
    assert places(problems) == [("/description", "error")]
    assert f"'{found}' looks like placeholder text" in problems[0].message


@pytest.mark.parametrize("text", ["xxx", "TBDs are fine here", "a todolist", "Mr. Xxx"])
def test_look_alikes_are_not_placeholders(text: str) -> None:
    assert description(text) == []


def test_one_error_per_string_quoting_the_first_match() -> None:
    (problem,) = description("Date TBD, venue [Campus Name], lorem ipsum")
    assert "'TBD'" in problem.message


def test_every_string_is_searched_in_document_order() -> None:
    fields = {
        "issuer": {"name": "[Issuing University Name]", "country": "NL"},
        "learning_outcomes": [{"id": "LO1", "statement": "TODO"}, "Explain X", "[insert outcome]"],
        "relevance": {"industry_partners": ["Acme", "TBA"]},
    }
    assert places(run(fields)) == [
        ("/issuer/name", "error"),
        ("/learning_outcomes/0/statement", "error"),
        ("/learning_outcomes/2", "error"),
        ("/relevance/industry_partners/1", "error"),
    ]


def test_extensions_are_not_searched() -> None:
    assert run({"extensions": {"note": "TODO", "TODO": ["[x y]"]}}) == []


def test_extra_patterns_are_matched_without_case() -> None:
    assert description("Coming Soon!") == []
    (problem,) = description("Coming Soon!", patterns=[r"coming\s+soon"])
    assert "'Coming Soon'" in problem.message


def test_an_invalid_pattern_is_reported() -> None:
    with pytest.raises(ValueError, match="not a valid regular expression"):
        description("x", patterns=["("])


def test_todo_counts_only_in_capitals_outside_english() -> None:
    assert run({"language": "es", "description": "Aprende todo sobre datos"}) == []
    assert places(run({"language": "es", "description": "TODO: traducir"})) == [
        ("/description", "error")
    ]
    assert places(run({"description": "todo"})) == [("/description", "error")]


# --- the walking helpers ----------------------------------------------------------


def test_iter_strings_yields_values_not_keys() -> None:
    data = {"TODO": "a", "b": ["x", {"c~/d": "y"}], "n": 3, "extensions": {"e": "z"}}
    found = [(s.pointer, s.key, s.value) for s in iter_strings(data)]
    assert found == [("/TODO", "TODO", "a"), ("/b/0", "b", "x"), ("/b/1/c~0~1d", "c~/d", "y")]


def test_resolve_and_split_pointer() -> None:
    data = {"a/b": [10, {"~": "x"}]}
    assert split_pointer("/a~1b/1/~0") == ["a/b", "1", "~"]
    assert resolve(data, "/a~1b/1/~0") == (True, "x")
    assert resolve(data, "") == (True, data)
    assert resolve(data, "/a~1b/2") == (False, None)
    assert resolve(data, "/a~1b/01") == (False, None)
    assert resolve(data, "/missing") == (False, None)


def test_in_document_order() -> None:
    data = {"b": {"y": 1, "x": 2}, "a": [1, 2]}
    problems = [Problem(p, "m") for p in ["/a/1", "/missing", "/b/x", "/a/0", "", "/b", "/b/y"]]
    ordered = [p.pointer for p in in_document_order(data, problems)]
    assert ordered == ["", "/b", "/b/y", "/b/x", "/a/0", "/a/1", "/missing"]


# --- properties -------------------------------------------------------------------


@given(st.text(max_size=200))
def test_any_text_gives_at_most_one_error(text: str) -> None:
    problems = description(text)
    assert len(problems) <= 1
    for problem in problems:
        assert (problem.pointer, problem.severity) == ("/description", "error")
        assert problem.message
        assert "\n" not in problem.message


@given(
    before=st.text(st.characters(categories=["Ll", "Zs"]), max_size=30),
    after=st.text(st.characters(categories=["Ll", "Zs"]), max_size=30),
    word=st.sampled_from(["TBD", "TBA", "TODO", "FIXME", "XXX", "[Your Name]", "lorem ipsum"]),
)
def test_a_placeholder_between_spaces_is_always_found(before: str, after: str, word: str) -> None:
    problems = description(f"{before} {word} {after}")
    assert places(problems) == [("/description", "error")]
