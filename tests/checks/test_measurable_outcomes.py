"""The ``measurable-outcomes`` check."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import CheckContext, NotApplicable, Problem
from mcqa.checks._verbs import BLOOM_LEVELS, BLOOM_VERBS, UNMEASURABLE_VERBS, levels_of
from mcqa.checks.measurable_outcomes import MeasurableOutcomes, infer_bloom_level, strip_lead_in
from mcqa.models.descriptor import Descriptor

from ._support import TODAY, errors, run_check

CHECK = MeasurableOutcomes()


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def outcomes(*items: Any, **options: Any) -> list[Problem]:
    return run({"learning_outcomes": list(items)}, **options)


# --- the contract ---------------------------------------------------------------


def test_id() -> None:
    assert CHECK.ID == "measurable-outcomes"


def test_default_flagged_verbs_cover_the_classics() -> None:
    defaults = CHECK.OPTIONS_SCHEMA["properties"]["flagged_verbs"]["default"]
    for verb in ("understand", "know", "learn", "appreciate", "be aware of", "comprehend"):
        assert verb in defaults


def test_bloom_lists_hold_no_unmeasurable_verb() -> None:
    single = {v for v in UNMEASURABLE_VERBS if " " not in v}
    for level in BLOOM_LEVELS:
        assert not (BLOOM_VERBS[level] & single), level


# --- pass -------------------------------------------------------------------------


def test_measurable_outcomes_pass() -> None:
    problems = outcomes(
        {"id": "LO1", "statement": "Explain how an index speeds up a query"},
        {"id": "LO2", "statement": "Design a normalised schema", "bloom_level": "create"},
        "Learners will be able to write SQL queries that join three tables",
        "Critically evaluate a data model",
    )
    assert problems == []


@pytest.mark.parametrize(
    "statement",
    [
        "Participants can describe the data life cycle",
        "By the end of this course, you will be able to: compare two designs",
        "Students will apply the method to a case",
        "Be able to calculate a mean",
        "On successful completion of this badge, learners will be able to plan a study",
        "The learner will be able to analyse survey data",
        "LO1: Identify sources of bias",
        "- Summarise a report",
        "To construct a budget",
        "Describes the steps of a review",
    ],
)
def test_lead_ins_are_skipped(statement: str) -> None:
    assert outcomes(statement) == []


# --- fail -------------------------------------------------------------------------


def test_understand_and_know_are_errors_at_those_outcomes() -> None:
    problems = outcomes(
        {"id": "LO1", "statement": "Understand the basics of relational databases"},
        {"id": "LO2", "statement": "Write a query that joins two tables"},
        "Know the main join types",
    )
    assert [(p.pointer, p.severity) for p in problems] == [
        ("/learning_outcomes/0/statement", "error"),
        ("/learning_outcomes/2", "error"),
    ]
    assert "'understand'" in problems[0].message
    assert "cannot be observed or measured" in problems[0].message
    assert "Understand the basics" in problems[0].message
    assert "'explain'" in problems[0].message  # a suggestion
    assert "'know'" in problems[1].message


@pytest.mark.parametrize(
    ("statement", "phrase"),
    [
        ("Learners will understand joins", "understand"),
        ("Students will learn to clean data", "learn"),
        ("Be able to appreciate open data", "appreciate"),
        ("Be aware of privacy law", "be aware of"),
        ("Be aware that data can be biased", "be aware"),
        ("Be familiar with spreadsheets", "be familiar with"),
        ("Become acquainted with R", "become acquainted with"),
        ("Gain an understanding of statistics", "gain an understanding of"),
        ("Gain knowledge of SQL", "gain knowledge of"),
        ("Understands the data life cycle", "understands"),
        ("Fully comprehend the GDPR", "comprehend"),
        ("Realise why backups matter", "realise"),
        ("Grasp the idea of normal forms", "grasp"),
        ("Internalize good habits", "internalize"),
    ],
)
def test_unmeasurable_verbs_are_errors(statement: str, phrase: str) -> None:
    (problem,) = outcomes(statement)
    assert problem.pointer == "/learning_outcomes/0"
    assert problem.severity == "error"
    assert f"starts with '{phrase}'" in problem.message


def test_a_word_that_is_not_a_verb_is_a_warning() -> None:
    (problem,) = outcomes({"statement": "Knowledge of SQL joins"})
    assert problem.pointer == "/learning_outcomes/0/statement"
    assert problem.severity == "warning"
    assert "'Knowledge'" in problem.message
    assert "not a recognised action verb" in problem.message


@pytest.mark.parametrize("statement", ["", "   ", "Learners will be able to", "42"])
def test_an_outcome_without_words_is_an_error(statement: str) -> None:
    (problem,) = outcomes(statement)
    assert problem.severity == "error"
    assert "does not say what learners will do" in problem.message


def test_a_bloom_level_that_does_not_fit_the_verb_is_a_warning() -> None:
    problems = outcomes(
        {"statement": "List the SQL data types", "bloom_level": "create"},
        {"statement": "Compare two designs", "bloom_level": "analyze"},
        {"statement": "Compare two designs", "bloom_level": "understand"},
    )
    assert [(p.pointer, p.severity) for p in problems] == [
        ("/learning_outcomes/0/statement", "warning")
    ]
    assert "'create'" in problems[0].message
    assert "'list'" in problems[0].message
    assert "remember" in problems[0].message


def test_missing_outcomes_is_an_error_at_the_top() -> None:
    (problem,) = run({})
    assert (problem.pointer, problem.severity) == ("", "error")
    assert "no learning outcomes" in problem.message


def test_an_empty_list_is_an_error_at_the_list() -> None:
    (problem,) = run({"learning_outcomes": []})
    assert (problem.pointer, problem.severity) == ("/learning_outcomes", "error")


def test_fewer_outcomes_than_the_minimum_is_an_error() -> None:
    problems = outcomes("Explain X", "Apply Y", min_outcomes=3)
    assert [(p.pointer, p.severity) for p in problems] == [("/learning_outcomes", "error")]
    assert "2 learning outcomes" in problems[0].message
    assert "at least 3" in problems[0].message
    assert outcomes("Explain X", "Apply Y", min_outcomes=2) == []


# --- options ----------------------------------------------------------------------


def test_extra_verbs_are_accepted() -> None:
    assert [p.severity for p in outcomes("Refactor legacy code")] == ["warning"]
    assert outcomes("Refactor legacy code", extra_verbs=["Refactor"]) == []


def test_extra_verbs_win_over_flagged_verbs() -> None:
    assert outcomes("Learn a new language", extra_verbs=["learn"]) == []


def test_flagged_verbs_can_be_replaced() -> None:
    (flagged,) = outcomes("Explore open data portals", flagged_verbs=["explore"])
    assert flagged.severity == "error"
    assert "'explore'" in flagged.message
    # "understand" is no longer flagged, and it is not an action verb either
    (not_flagged,) = outcomes("Understand X", flagged_verbs=["explore"])
    assert not_flagged.severity == "warning"


def test_options_missing_from_the_context_fall_back_to_defaults() -> None:
    data = {"id": "x", "title": "t", "learning_outcomes": ["Know SQL"]}
    bare = CheckContext(Descriptor.model_validate(data), data, {}, TODAY)
    assert [p.pointer for p in CHECK.run(bare)] == ["/learning_outcomes/0"]


# --- not applicable ---------------------------------------------------------------


def test_non_english_descriptors_are_not_applicable() -> None:
    with pytest.raises(NotApplicable, match="English"):
        run({"language": "nl-BE", "learning_outcomes": ["Begrijpen"]})


def test_english_variants_apply() -> None:
    problems = run({"language": "en-GB", "learning_outcomes": ["Know SQL"]})
    assert [p.pointer for p in problems] == ["/learning_outcomes/0"]


def test_missing_outcomes_are_reported_in_any_language() -> None:
    assert [p.pointer for p in run({"language": "de"})] == [""]


# --- order ------------------------------------------------------------------------


def test_problems_come_in_document_order() -> None:
    problems = outcomes(
        "Know A", "Explain B", {"statement": "Appreciate C"}, "Stuff D", min_outcomes=9
    )
    assert [p.pointer for p in problems] == [
        "/learning_outcomes",
        "/learning_outcomes/0",
        "/learning_outcomes/2/statement",
        "/learning_outcomes/3",
    ]


# --- helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "level"),
    [
        ("List the SQL data types", "remember"),
        ("Learners will be able to explain a join", "understand"),
        ("Apply a checklist", "apply"),
        ("Diagnose a slow query", "analyze"),
        ("Justify a design decision", "evaluate"),
        ("Design a schema", "create"),
        ("Understand SQL", None),
        ("Knowledge of SQL", None),
        ("", None),
    ],
)
def test_infer_bloom_level(statement: str, level: str | None) -> None:
    assert infer_bloom_level(statement) == level


def test_strip_lead_in_keeps_the_outcome() -> None:
    assert strip_lead_in("Students will be able to design a survey.") == "design a survey."
    assert strip_lead_in("Design a survey") == "Design a survey"


# --- properties -------------------------------------------------------------------

_statements = st.one_of(
    st.text(max_size=80),
    st.builds(
        " ".join,
        st.lists(
            st.sampled_from(
                [
                    "learners",
                    "will",
                    "be",
                    "able",
                    "to",
                    "aware",
                    "of",
                    "understand",
                    "design",
                    "critically",
                    "the",
                    "data",
                    ",",
                    "By the end of the course,",
                ]
            ),
            max_size=8,
        ),
    ),
)
_outcome = st.one_of(
    _statements,
    st.fixed_dictionaries(
        {"statement": _statements},
        optional={
            "id": st.text(max_size=5),
            "bloom_level": st.sampled_from(BLOOM_LEVELS),
        },
    ),
)


@given(
    items=st.lists(_outcome, max_size=6),
    language=st.sampled_from([None, "en", "en-US", "fr", "es-MX"]),
    min_outcomes=st.integers(0, 8),
)
def test_any_descriptor_gives_well_formed_problems(
    items: list[Any], language: str | None, min_outcomes: int
) -> None:
    fields: dict[str, Any] = {"learning_outcomes": items}
    if language is not None:
        fields["language"] = language
    try:
        problems = run(fields, min_outcomes=min_outcomes)
    except NotApplicable:
        assert language in ("fr", "es-MX")
        return
    for problem in problems:
        assert problem.severity in ("error", "warning")
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer == "/learning_outcomes" or problem.pointer.startswith(
            "/learning_outcomes/"
        )
    assert len([p for p in problems if p.pointer != "/learning_outcomes"]) <= len(items)


@given(st.text(max_size=100))
def test_inferred_levels_are_bloom_levels(statement: str) -> None:
    level = infer_bloom_level(statement)
    assert level is None or level in BLOOM_LEVELS


@given(st.sampled_from(sorted(set().union(*BLOOM_VERBS.values()))))
def test_every_bloom_verb_is_accepted_and_levelled(verb: str) -> None:
    assert errors(outcomes(f"{verb.capitalize()} something")) == []
    assert infer_bloom_level(f"{verb} something") == levels_of(verb)[0]
