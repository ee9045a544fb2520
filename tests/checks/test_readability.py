"""The ``readability`` check and its Flesch Reading Ease score."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.checks import NotApplicable, Problem, default_options
from mcqa.checks.readability import Readability, count_syllables, reading_ease, text_stats

from ._support import places, run_check

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
LONG_SENTENCE = " ".join(["we will walk through the steps with you and"] * 5) + " then stop."


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "readability"
    assert default_options(CHECK, {}) == {
        "field": "/description",
        "min_reading_ease": 30,
        "max_sentence_words": 30,
    }


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("a", 1),
        ("cat", 1),
        ("make", 1),
        ("makes", 1),
        ("table", 2),
        ("learning", 2),
        ("wanted", 2),
        ("planned", 1),
        ("uses", 2),
        ("data", 2),
        ("education", 4),
        ("university", 5),
        ("well-known", 2),
        ("2026", 1),
    ],
)
def test_count_syllables(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


def test_reading_ease_follows_the_flesch_formula() -> None:
    # 6 words, 1 sentence, 6 syllables: 206.835 - 1.015 * 6 - 84.6 * 1
    assert reading_ease("The cat sat on the mat.") == pytest.approx(116.145)
    assert reading_ease(PLAIN) > 60
    assert reading_ease(DENSE) < 0
    assert reading_ease("") == 0.0


def test_text_stats_split_sentences_lists_and_abbreviations() -> None:
    stats = text_stats(
        "Use tools, e.g. Excel. See https://x.org/a.b for more!\n\n- Clean data\n- Chart it"
    )
    assert stats.sentences == 4
    assert stats.words == 12


def test_plain_text_passes() -> None:
    assert run({"description": PLAIN}) == []


def test_hard_text_is_an_error_with_its_score() -> None:
    problems = run({"description": DENSE + " " + DENSE})
    assert places(problems)[0] == ("/description", "error")
    score = round(reading_ease(DENSE + " " + DENSE))
    assert f"Flesch Reading Ease score is {score}, below 30" in problems[0].message
    assert "shorter sentences" in problems[0].message
    assert "'This microcredential" in problems[0].message


def test_long_sentences_are_a_warning() -> None:
    problems = run({"description": LONG_SENTENCE})
    assert places(problems) == [("/description", "warning")]
    assert "average 47 words, more than 30" in problems[0].message
    assert run({"description": LONG_SENTENCE}, max_sentence_words=60) == []


def test_the_threshold_can_be_changed() -> None:
    text = DENSE + " " + DENSE
    assert all(p.severity == "warning" for p in run({"description": text}, min_reading_ease=-500))
    assert places(run({"description": PLAIN}, min_reading_ease=101)) == [("/description", "error")]


def test_another_field_can_be_scored() -> None:
    fields = {"description": PLAIN, "audience": {"description": DENSE + " " + DENSE}}
    problems = run(fields, field="/audience/description")
    assert places(problems)[0] == ("/audience/description", "error")


def test_a_list_of_texts_is_scored_as_paragraphs() -> None:
    fields = {"prerequisites": [PLAIN, PLAIN]}
    assert run(fields, field="/prerequisites") == []


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"description": "Too short to score."},
        {"description": PLAIN, "language": "de"},
        {"issuer": {"name": "Uni"}},
    ],
)
def test_not_applicable(fields: dict[str, Any]) -> None:
    with pytest.raises(NotApplicable):
        run(fields)


def test_a_field_that_is_not_text_is_not_applicable() -> None:
    with pytest.raises(NotApplicable):
        run({"issuer": {"name": "Uni"}}, field="/issuer")


@given(st.text(max_size=400))
def test_reading_ease_is_always_finite(text: str) -> None:
    assert math.isfinite(reading_ease(text))
    stats = text_stats(text)
    assert stats.sentences <= stats.words <= stats.syllables


@given(st.text(max_size=400), st.sampled_from([None, "en", "en-NZ", "fr"]))
def test_any_description_gives_well_formed_problems(text: str, language: str | None) -> None:
    fields: dict[str, Any] = {"description": text}
    if language:
        fields["language"] = language
    try:
        problems = run(fields)
    except NotApplicable:
        return
    assert language in (None, "en", "en-NZ")
    assert len(problems) <= 2
    for problem in problems:
        assert problem.pointer == "/description"
        assert problem.message
        assert "\n" not in problem.message
