"""The ``readability`` check: a reading grade from textstat, judged against the audience."""

from __future__ import annotations

import socket
import sys
import time
from typing import Any

import pytest
import textstat  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from mcqa.checks import NeedsReview, NotApplicable, Problem, default_options
from mcqa.checks.readability import (
    AUDIENCES,
    MAX_CHARS,
    MAX_GRADE,
    Readability,
    audience_of,
    plain_text,
    read,
)

from ._support import make_context, places, run_check

CHECK = Readability()

PLAIN = (
    "This badge shows that you can clean and chart a small data set. You work with real "
    "data from local firms. Each week you finish one short task and get help from a tutor."
)
DENSE = (
    "This microcredential operationalises interdisciplinary methodological competencies, "
    "facilitating comprehensive organisational transformation through systematic evaluation "
    "of institutional infrastructure considerations and contemporary regulatory expectations."
)
# About grade 15: too hard for beginners, fine for everyone else.
MIDDLE = (
    "You examine modern approaches to leadership and compare strategies for managing teams. "
    "Weekly assignments apply these ideas to realistic workplace situations, and a tutor "
    "comments on your analysis."
)
DUTCH = (
    "De student leert in deze cursus hoe je een kleine dataset opschoont en in een grafiek "
    "zet. Je werkt met echte gegevens van bedrijven uit de regio en krijgt elke week "
    "feedback van een docent."
)
TECHNICAL_LIST = (
    "- Topics: system calls, standard C libraries, POSIX signals and pipes\n"
    "- Memory: malloc, calloc, realloc, mmap, virtual memory, shared memory\n"
    "- Processes: fork, exec, wait, exit, scheduling, semaphores and mutexes\n"
    "- Tools: Valgrind, GDB, strace, perf and compiler sanitizers"
)
FIVE_MB = 5_000_000
HANG_GUARD_SECONDS = 3.0  # guards against a hang (quadratic time), not a speed target


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def grade(text: str) -> float:
    return read(plain_text(text)).grade


def test_id_and_default_options() -> None:
    assert CHECK.ID == "readability"
    assert default_options(CHECK, {}) == {
        "field": "/description",
        "max_grade": {"beginner": 14, "intermediate": 17, "advanced": 20, "specialist": 23},
        "default_audience": "intermediate",
        "min_words": 20,
    }
    assert list(MAX_GRADE) == list(AUDIENCES)
    assert sorted(MAX_GRADE.values()) == list(MAX_GRADE.values())  # plainer audiences first


def test_the_samples_span_the_grades() -> None:
    assert grade(PLAIN) < 8
    assert MAX_GRADE["beginner"] < grade(MIDDLE) < MAX_GRADE["intermediate"]
    assert grade(DENSE) > 30


# --- Text preparation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Read [the guide](https://x.org/guide) today.", "Read the guide today."),
        ("Mail help@example.org or see https://x.org/a.b.", "Mail link or see link."),
        ("Visit www.example.org, then rest.", "Visit link, then rest."),
        ("Use tools, e.g. Excel, i.e. a sheet.", "Use tools, eg Excel, ie a sheet."),
        ("It takes 2.5 hours with Node.js here.", "It takes 25 hours with Nodejs here."),
        (
            "Self-paced and ethical/legal work\u2014online.",
            "Self paced and ethical legal work online.",
        ),
        ("## Outcomes\n\n1. Clean data\n2) Chart it", "Outcomes. Clean data. Chart it."),
        ("* one\n+ two\n\u2022 three", "one. two. three."),
        ("> A quoted\n> line goes on.", "A quoted line goes on."),
        ("A wrapped\nsentence goes on.", "A wrapped sentence goes on."),
        ("Course A: $995\nCourse B: $1495", "Course A: $995. Course B: $1495."),
        ("Intro:\n\n| a | b |\n|---|---|\n| c | d |", "Intro. a b. c d."),
        ("Text.\n\n```\ncode = 1\n```\n\nMore.", "Text. More."),
        ("**Bold** and `code` and _it_.", "Bold and code and it."),
        ("Done --- \u2014 !", "Done."),
        ("", ""),
    ],
)
def test_plain_text(text: str, plain: str) -> None:
    assert plain_text(text) == plain


def test_read_uses_textstat_on_the_prepared_text() -> None:
    prepared = plain_text(PLAIN)
    reading = read(prepared)
    assert reading.words == textstat.lexicon_count(prepared) == 34
    assert reading.sentences == textstat.sentence_count(prepared) == 3
    assert reading.coleman_liau == pytest.approx(textstat.coleman_liau_index(prepared))
    assert reading.automated_readability == pytest.approx(
        textstat.automated_readability_index(prepared)
    )
    assert reading.grade == pytest.approx(
        (reading.coleman_liau + reading.automated_readability) / 2
    )
    assert reading.longest_sentence.startswith("This badge shows")
    assert read("").words == 0


def test_scoring_needs_no_network_no_data_download_and_no_pkg_resources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # textstat's syllable-based formulas (Flesch, Flesch-Kincaid, SMOG, ...) fetch the CMU
    # pronouncing dictionary through nltk on first use; the ones used here must not.
    import nltk  # type: ignore[import-untyped]

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("scoring tried to reach the network or to fetch data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setitem(sys.modules, "pkg_resources", None)  # importing it would fail
    text = f"{MIDDLE} {DENSE} Visit https://example.org or mail help@example.org today."
    assert warnings(run({"description": text, "audience": {"level": "beginner"}}))
    assert read(plain_text(text)).grade > 0


# --- Audience --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "audience"),
    [
        ("beginner", "beginner"),
        ("Beginners", "beginner"),
        ("Introductory", "beginner"),
        ("entry level", "beginner"),
        ("general public", "beginner"),
        ("Beginner to intermediate", "beginner"),
        ("intermediate", "intermediate"),
        ("Intermediate to Advanced", "intermediate"),
        ("advanced", "advanced"),
        ("working professionals", "advanced"),
        ("experienced practitioners", "advanced"),
        ("specialist", "specialist"),
        ("Experts", "specialist"),
        ("Master's level", "specialist"),
        ("PhD researchers", "specialist"),
    ],
)
def test_audience_level_words(level: str, audience: str) -> None:
    context = make_context(CHECK, {"audience": {"level": level}})
    assert audience_of(context, "intermediate")[0] == audience


@pytest.mark.parametrize(
    ("value", "audience"),
    [
        (1, "beginner"),
        (3, "beginner"),
        (4, "intermediate"),
        ("5", "intermediate"),
        ("EQF 6", "advanced"),
        (7, "specialist"),
        (8, "specialist"),
    ],
)
def test_an_eqf_level_decides_when_no_audience_level_is_given(
    value: int | str, audience: str
) -> None:
    context = make_context(CHECK, {"level": {"framework": "EQF", "value": value}})
    found, because, note = audience_of(context, "intermediate")
    assert (found, note) == (audience, None)
    assert because.startswith("EQF level ")


@pytest.mark.parametrize(
    "level",
    [
        {"framework": "EQF", "value": 9},
        {"framework": "EQF", "value": "none"},
        {"framework": "NZQCF", "value": 7},
        {"not_applicable": "a non-formal course"},
    ],
)
def test_other_levels_fall_back_to_the_default(level: dict[str, Any]) -> None:
    context = make_context(CHECK, {"level": level})
    assert audience_of(context, "advanced")[0] == "advanced"


def test_audience_level_wins_over_eqf() -> None:
    fields = {"audience": {"level": "beginner"}, "level": {"framework": "EQF", "value": 7}}
    assert audience_of(make_context(CHECK, fields), "intermediate")[0] == "beginner"


def test_an_unknown_audience_level_is_noted_and_not_used() -> None:
    fields = {
        "audience": {"level": "all welcome"},
        "level": {"framework": "EQF", "value": 7},
        "description": MIDDLE,
    }
    problems = run(fields)
    assert places(problems) == [("/audience/level", "info")]
    assert "'all welcome' names no level" in problems[0].message


def test_the_same_text_is_too_hard_for_beginners_but_fine_for_specialists() -> None:
    for level in ("beginner", "novice"):
        found = warnings(run({"description": MIDDLE, "audience": {"level": level}}))
        assert places(found) == [("/description", "warning")]
    for level in ("intermediate", "advanced", "specialist"):
        assert run({"description": MIDDLE, "audience": {"level": level}}) == []
    assert warnings(run({"description": MIDDLE, "level": {"framework": "EQF", "value": 2}}))
    assert run({"description": MIDDLE, "level": {"framework": "EQF", "value": 7}}) == []


def test_no_audience_means_the_default_audience() -> None:
    assert run({"description": MIDDLE}) == []
    assert warnings(run({"description": MIDDLE}, default_audience="beginner"))


def test_max_grade_can_be_changed_per_audience() -> None:
    fields = {"description": MIDDLE, "audience": {"level": "beginner"}}
    assert run(fields, max_grade={"beginner": 20}) == []
    specialist = {"description": MIDDLE, "audience": {"level": "specialist"}}
    assert warnings(run(specialist, max_grade={"specialist": 10}))
    # audiences left out keep their defaults
    assert warnings(run(fields, max_grade={"specialist": 10}))


# --- Findings --------------------------------------------------------------------------


def test_plain_text_for_beginners_passes() -> None:
    assert run({"description": PLAIN, "audience": {"level": "beginner"}}) == []


def test_hard_text_is_a_warning_with_its_grade_audience_and_longest_sentence() -> None:
    fields = {"description": f"{DENSE} {PLAIN}", "audience": {"level": "Beginner"}}
    problems = run(fields)
    assert places(problems) == [("/description", "warning")]
    message = problems[0].message
    expected = format(round(grade(f"{DENSE} {PLAIN}"), 1), "g")
    assert f"reads at about grade {expected}, above 14 for a beginner audience" in message
    assert "(audience.level 'Beginner')" in message
    assert "shorter sentences and everyday words" in message
    assert "start with 'This microcredential operationalises" in message
    assert "\n" not in message


def test_run_on_text_has_its_grade_capped_in_the_message() -> None:
    problems = run({"description": " ".join(["information technology"] * 100)})
    assert "reads at grade 30 or more, above 17 for an intermediate audience" in (
        problems[0].message
    )
    assert "(no audience.level or EQF level is given)" in problems[0].message


@pytest.mark.parametrize("audience", AUDIENCES)
def test_never_an_error(audience: str) -> None:
    problems = run({"description": DENSE + " " + DENSE, "audience": {"level": audience}})
    assert [p.severity for p in problems] == ["warning"]


def test_short_text_is_an_info_not_a_judgment() -> None:
    short = " ".join(DENSE.split()[:12])
    problems = run({"description": short, "audience": {"level": "beginner"}})
    assert places(problems) == [("/description", "info")]
    assert "has 12 words, too few to judge its readability (at least 20" in problems[0].message
    assert places(run({"description": short}, min_words=5)) == [("/description", "warning")]


def test_only_the_start_of_a_long_text_is_read() -> None:
    text = (PLAIN + " ") * (MAX_CHARS // len(PLAIN) + 10)
    problems = run({"description": text})
    assert places(problems) == [("/description", "info")]
    assert "longer than 20,000 characters; only its start was read" in problems[0].message


def test_another_field_can_be_scored() -> None:
    fields = {"description": PLAIN, "audience": {"description": DENSE + " " + DENSE}}
    problems = run(fields, field="/audience/description")
    assert places(problems) == [("/audience/description", "warning")]
    assert problems[0].message.startswith("the description reads at")


def test_a_list_of_texts_is_scored_as_paragraphs() -> None:
    assert run({"prerequisites": [PLAIN, PLAIN]}, field="/prerequisites") == []


@pytest.mark.parametrize(
    ("fields", "options"),
    [
        ({}, {}),
        ({"issuer": {"name": "Uni"}}, {}),
        ({"issuer": {"name": "Uni"}}, {"field": "/issuer"}),
    ],
)
def test_not_applicable_without_text(fields: dict[str, Any], options: dict[str, Any]) -> None:
    with pytest.raises(NotApplicable):
        run(fields, **options)


# --- Not English -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "de-DE", "fr"])
def test_a_declared_other_language_needs_a_reviewer(language: str) -> None:
    with pytest.raises(NeedsReview, match=f"language is '{language}'; the readability formulas"):
        run({"description": PLAIN, "language": language})


@pytest.mark.parametrize("language", [None, "en", "nl"])
def test_text_that_does_not_look_english_needs_a_reviewer(language: str | None) -> None:
    fields: dict[str, Any] = {"description": DUTCH}
    if language:
        fields["language"] = language
    with pytest.raises(NeedsReview):
        run(fields)


def test_an_english_list_of_technical_terms_is_still_scored() -> None:
    reading = read(plain_text(TECHNICAL_LIST))
    assert reading.looks_english
    assert run({"description": TECHNICAL_LIST, "audience": {"level": "advanced"}}) == []


# --- Bounded time ----------------------------------------------------------------------


def _timed_run(text: str) -> tuple[float, list[Problem]]:
    start = time.perf_counter()
    problems = run({"description": text})
    return time.perf_counter() - start, problems


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a" * FIVE_MB, id="one 5 MB word"),
        pytest.param(" " * FIVE_MB, id="5 MB of spaces"),
        pytest.param("a." * (FIVE_MB // 2), id="5 MB of a."),
        pytest.param("[" * FIVE_MB, id="5 MB of ["),
        pytest.param("[a](" * (FIVE_MB // 4), id="5 MB of unclosed links"),
        pytest.param("a@" * (FIVE_MB // 2), id="5 MB of @"),
        pytest.param("\n- " * (FIVE_MB // 3), id="5 MB of list marks"),
    ],
)
def test_huge_descriptions_finish_fast(text: str) -> None:
    seconds, problems = _timed_run(text)
    assert seconds < HANG_GUARD_SECONDS
    assert problems[0].severity == "info"
    assert "only its start was read" in problems[0].message
    assert all(p.severity == "info" for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1_000_000,
        "[a](" * 250_000,
        "](" * 500_000,
        "a.a" * 330_000,
        "x@y" * 330_000,
        "http://" * 140_000,
        "#" * 1_000_000,
        "1." * 500_000,
        ". " * 500_000,
        "a-" * 500_000,
    ],
    ids=lambda text: repr(text[:4]),
)
def test_text_preparation_is_linear(text: str) -> None:
    start = time.perf_counter()
    plain_text(text)
    assert time.perf_counter() - start < HANG_GUARD_SECONDS


# --- Any text --------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=600),
    st.sampled_from([None, "beginner", "Expert", "unknown", "x" * 300]),
    st.sampled_from([None, 1, 6, "7", "nine", 99]),
    st.sampled_from([None, "en", "en-NZ", "nl"]),
)
def test_any_description_gives_advice_never_an_error(
    text: str, level: str | None, eqf: int | str | None, language: str | None
) -> None:
    fields: dict[str, Any] = {"description": text}
    if level is not None:
        fields["audience"] = {"level": level}
    if eqf is not None:
        fields["level"] = {"framework": "EQF", "value": eqf}
    if language:
        fields["language"] = language
    try:
        problems = run(fields)
    except NeedsReview:
        return  # not English: a reviewer judges
    assert len(problems) <= 3
    for problem in problems:
        assert problem.severity in ("warning", "info")
        assert problem.pointer in ("/description", "/audience/level")
        assert problem.message
        assert "\n" not in problem.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_reading_any_text_is_finite(text: str) -> None:
    reading = read(plain_text(text))
    assert reading.words >= 0
    assert reading.sentences <= reading.words or reading.words == 0
    assert reading.grade == reading.grade  # not NaN
