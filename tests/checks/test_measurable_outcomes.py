"""The ``measurable-outcomes`` check."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import CheckContext, NeedsReview, Problem
from mcqa.checks._verbs import (
    BLOOM_LEVELS,
    BLOOM_VERBS,
    FIELD_VERBS,
    STATE_NOUNS,
    UNMEASURABLE_VERBS,
    VERB_FORMS,
    known_verbs,
    levels_of,
)
from mcqa.checks.measurable_outcomes import MeasurableOutcomes, infer_bloom_level, strip_lead_in
from mcqa.models.descriptor import Descriptor

from ._support import TODAY, errors, make_context, run_check

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


def test_default_flagged_phrases_cover_the_wrappers() -> None:
    defaults = CHECK.OPTIONS_SCHEMA["properties"]["flagged_phrases"]["default"]
    assert defaults == list(STATE_NOUNS)
    for noun in ("knowledge", "understanding", "proficiency", "familiarity", "exposure"):
        assert noun in defaults


def test_bloom_lists_hold_no_unmeasurable_verb() -> None:
    single = {v for v in UNMEASURABLE_VERBS if " " not in v}
    for level in BLOOM_LEVELS:
        assert not (BLOOM_VERBS[level] & single), level
    assert not (FIELD_VERBS & single)
    assert not (known_verbs() & set(STATE_NOUNS))


def test_every_listed_verb_form_is_a_form_of_a_known_verb() -> None:
    assert all(verb in known_verbs() for verb in VERB_FORMS.values())


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
        "The learner articulates the value of cloud services",
        "Students will be able to clean a data set",
        "You'll deploy a web app to a cloud platform",
        "You will configure a firewall",
        "To earn this badge, learners must weld a butt joint",
        "Participants can annotate a genome",
        "By the end of the course, you will debug a failing test",
        "By the end of the course you will refactor a legacy module",
        "After completing this module students can troubleshoot a network",
        "In this course, you will visualise survey results",
        "Learners should be able to query a database",
        "1. **Analyze** the structure of a data set",
    ],
)
def test_lead_ins_are_skipped(statement: str) -> None:
    assert outcomes(statement) == []


@pytest.mark.parametrize(
    "statement",
    [
        "Automates the nightly backup",
        "Using a spreadsheet to track a budget",
        "Cleaned a messy survey file",
        "Importing a CSV file into pandas",
        "Refactoring a function without changing its behaviour",
        "Documented an API with OpenAPI",
        "Handling customer complaints by phone",
        "Writing tests before the code",
        "Developed a marking scheme",
        "Building a REST API",
        "Visualizing results in a dashboard",
        "Visualising results in a dashboard",
        "Wrote a business plan",
        "Led a team retrospective",
    ],
)
def test_inflected_and_gerund_verbs_pass(statement: str) -> None:
    assert outcomes(statement) == []


@pytest.mark.parametrize(
    "verb",
    [
        "import",
        "clean",
        "automate",
        "refactor",
        "document",
        "weld",
        "visualize",
        "visualise",
        "align",
        "incorporate",
        "articulate",
        "deploy",
        "configure",
        "debug",
        "troubleshoot",
        "annotate",
        "query",
        "calibrate",
        "triage",
        "solder",
        "re-run",
    ],
)
def test_verbs_of_technical_and_trade_fields_pass(verb: str) -> None:
    assert outcomes(f"{verb.capitalize()} the material for the project") == []
    assert outcomes(f"{verb.capitalize()} materials for projects") == []


@pytest.mark.parametrize(
    ("statement", "direct"),
    [
        ("Ability to clean data", "'Clean data'"),
        ("The ability to apply quality methods to a programme", "'Apply quality methods"),
        ("Able to weld a butt joint", "'Weld a butt joint'"),
        ("Learn to manage system resources", "'Manage system resources'"),
        ("Students will learn how to write unit tests", "'Write unit tests'"),
        ("Skills to develop and debug system software", "'Develop and debug"),
        ("Demonstrate the ability to plan a study", "'Plan a study'"),
    ],
)
def test_ability_to_a_measurable_verb_passes_with_a_style_note(statement: str, direct: str) -> None:
    (problem,) = outcomes(statement)
    assert problem.severity == "info"
    assert problem.pointer == "/learning_outcomes/0"
    assert "reads more directly with its verb first" in problem.message
    assert direct in problem.message


def test_ability_to_an_unmeasurable_verb_is_an_error() -> None:
    (problem,) = outcomes("Ability to understand recursion")
    assert problem.severity == "error"
    assert "starts with 'understand'" in problem.message


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
        ("Students will learn about joins", "learn"),
        ("Learn statistics", "learn"),
        ("Master Excel pivot tables", "master"),
        ("You'll master testing techniques", "master"),
        ("Become confident with spreadsheets", "become confident"),
        ("Become a visionary leader", "become"),
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
        ("Be responsible for patient safety", "be"),
    ],
)
def test_unmeasurable_verbs_are_errors(statement: str, phrase: str) -> None:
    (problem,) = outcomes(statement)
    assert problem.pointer == "/learning_outcomes/0"
    assert problem.severity == "error"
    assert f"starts with '{phrase}'" in problem.message


@pytest.mark.parametrize(
    ("statement", "phrase"),
    [
        ("Knowledge of SQL joins", "knowledge"),
        ("A comprehensive understanding of accreditation", "a comprehensive understanding"),
        ("Proficiency in system programming", "proficiency"),
        ("Familiarity with Git", "familiarity"),
        ("Exposure to machine learning", "exposure"),
        ("Awareness of privacy law", "awareness"),
        ("Appreciation of open data", "appreciation"),
        ("Insight into customer behaviour", "insight"),
        ("Competence in performing data analysis", "competence"),
        ("Skill in analysing curriculum", "skill"),
        ("Practical experience in system programming", "practical experience"),
        ("Demonstrate understanding of linear algebra", "demonstrate understanding"),
        ("Demonstrate knowledge of first aid", "demonstrate knowledge"),
        ("Demonstrate awareness of bias", "demonstrate awareness"),
        ("Learners must demonstrate an understanding of X", "demonstrate an understanding"),
        ("Develop proficiency in C", "develop proficiency"),
        ("Gain hands-on experience with Docker", "gain hands-on experience"),
        ("Have the confidence to implement tests", "have the confidence"),
        ("An overview of cybersecurity", "an overview"),
    ],
)
def test_wrapped_states_of_mind_and_skill_are_errors(statement: str, phrase: str) -> None:
    (problem,) = outcomes({"statement": statement})
    assert problem.pointer == "/learning_outcomes/0/statement"
    assert problem.severity == "error"
    assert f"starts with '{phrase}'" in problem.message
    assert "not what they do" in problem.message
    assert statement[:40] in problem.message


@pytest.mark.parametrize(
    "statement",
    [
        "Data cleaning",
        "Topics: pandas, outliers",
        "Time management, problem-solving and innovation",
        "Importance of ethics in business",
        "How to lead a team",
        "When to use integration tests",
        "Best practices for controller tests",
        "Use of tab completion",
        "Values-based leadership through reflection",
        "Q&A and final discussion",
    ],
)
def test_topic_labels_are_errors(statement: str) -> None:
    (problem,) = outcomes(statement)
    assert problem.severity == "error"
    assert "names a topic" in problem.message


@pytest.mark.parametrize(
    "statement",
    [
        "Python is a programming language",
        "A shell is a program that runs other programs",
        "Git has a staging area",
        "Most commands take options",
        "This badge recognizes the capacity to collaborate",
        "Example of a workflow",
    ],
)
def test_facts_stated_as_outcomes_are_errors(statement: str) -> None:
    (problem,) = outcomes(statement)
    assert problem.severity == "error"
    assert "states a fact" in problem.message or "names a topic" in problem.message


def test_a_question_is_an_error() -> None:
    (problem,) = outcomes("What is a command shell and why would I use one?")
    assert problem.severity == "error"
    assert "is a question" in problem.message


def test_a_heading_before_a_colon_is_skipped() -> None:
    assert outcomes("Research skills: Locating and verifying sources") == []
    assert outcomes("Hands-on: Building a REST API with TDD") == []
    (problem,) = outcomes("Key concepts: Data cleaning")
    assert problem.severity == "error"


def test_a_word_followed_by_its_object_is_an_unknown_verb() -> None:
    (problem,) = outcomes({"statement": "Kern the headline of a poster"})
    assert problem.pointer == "/learning_outcomes/0/statement"
    assert problem.severity == "warning"
    assert "'Kern'" in problem.message
    assert "not a recognised action verb" in problem.message
    assert "extra_verbs" in problem.message


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
    assert [p.severity for p in outcomes("Kern the headline")] == ["warning"]
    assert [p.severity for p in outcomes("Kern headlines")] == ["error"]
    assert outcomes("Kern the headline", extra_verbs=["Kern"]) == []
    assert outcomes("Kerning headlines", extra_verbs=["kern"]) == []


def test_flagged_phrases_can_be_replaced() -> None:
    assert [p.severity for p in outcomes("Fluency in Spanish")] == ["error"]
    (flagged,) = outcomes("Grit in adversity", flagged_phrases=["grit"])
    assert flagged.severity == "error"
    assert "starts with 'grit'" in flagged.message
    assert outcomes("Grit the road surface", flagged_phrases=["grit"], extra_verbs=["grit"]) == []


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


# --- other languages --------------------------------------------------------------


def test_non_english_outcomes_need_review() -> None:
    with pytest.raises(NeedsReview, match="English"):
        run({"language": "nl-BE", "learning_outcomes": ["Begrijpen"]})


def test_a_short_list_is_reported_before_the_review_in_any_language() -> None:
    found: list[Problem] = []
    context = make_context(
        CHECK, {"language": "es", "learning_outcomes": ["Comprender la IA"]}, min_outcomes=2
    )
    with pytest.raises(NeedsReview) as raised:
        found.extend(CHECK.run(context))
    assert [p.pointer for p in found] == ["/learning_outcomes"]
    assert "'es'" in raised.value.reason


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
        ("Ability to design a schema", "create"),
        ("Weld a butt joint", None),
        ("Data cleaning", None),
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
    problems: list[Problem] = []
    try:
        problems.extend(CHECK.run(make_context(CHECK, fields, min_outcomes=min_outcomes)))
    except NeedsReview:
        assert items
        assert language in ("fr", "es-MX")
        assert all(p.pointer == "/learning_outcomes" for p in problems)
        return
    for problem in problems:
        assert problem.severity in ("error", "warning", "info")
        assert problem.message
        assert "\n" not in problem.message
        assert problem.pointer == "/learning_outcomes" or problem.pointer.startswith(
            "/learning_outcomes/"
        )
    assert len([p for p in problems if p.pointer != "/learning_outcomes"]) <= 2 * len(items)


@given(st.text(max_size=300))
def test_any_text_is_judged_without_raising(statement: str) -> None:
    problems = outcomes(statement)
    assert len(problems) <= 2
    assert all(p.message and "\n" not in p.message for p in problems)


def test_a_very_long_statement_is_judged_quickly() -> None:
    statement = "Explain " + "why a very long outcome statement, " * 20_000 + "matters"
    started = time.perf_counter()
    assert outcomes(statement, "data " * 50_000 + "cleaning") != []
    assert time.perf_counter() - started < 1.0


_MEASURABLE = st.builds(
    "{} {}".format,
    st.sampled_from(
        ["explain", "design", "weld", "deploy", "clean", "query", "annotate", "calibrate"]
    ),
    st.sampled_from(["a data set", "the joint", "two models", "survey results", "it"]),
)
_LEAD_INS = st.sampled_from(
    [
        "",
        "Learners will be able to ",
        "Students can ",
        "You'll ",
        "You will ",
        "The learner will ",
        "To earn this badge, learners must ",
        "By the end of this course, you will be able to: ",
        "On successful completion, participants will ",
        "- ",
        "LO3: ",
    ]
)


@given(outcome=_MEASURABLE, lead_in=_LEAD_INS)
def test_a_lead_in_never_makes_a_measurable_outcome_fail(outcome: str, lead_in: str) -> None:
    assert errors(outcomes(outcome.capitalize())) == []
    assert errors(outcomes(lead_in + outcome)) == []


@given(st.text(max_size=100))
def test_inferred_levels_are_bloom_levels(statement: str) -> None:
    level = infer_bloom_level(statement)
    assert level is None or level in BLOOM_LEVELS


@given(st.sampled_from(sorted(set().union(*BLOOM_VERBS.values()))))
def test_every_bloom_verb_is_accepted_and_levelled(verb: str) -> None:
    assert errors(outcomes(f"{verb.capitalize()} something")) == []
    assert infer_bloom_level(f"{verb} something") == levels_of(verb)[0]
