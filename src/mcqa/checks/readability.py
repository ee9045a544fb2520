"""The description is readable: Flesch Reading Ease and sentence length."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, NotApplicable, Problem
from mcqa.checks._walk import format_number, is_english, quote, resolve, split_pointer

__all__ = ["Readability", "TextStats", "count_syllables", "reading_ease", "text_stats"]

_MIN_WORDS = 20

_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_ADDRESS = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+|\S+@\S+\.\S+", re.IGNORECASE)
_ABBREVIATION = re.compile(
    r"\b(e\.g|i\.e|etc|vs|cf|approx|incl|dr|mr|mrs|ms|prof|fig)\.", re.IGNORECASE
)
_BLOCK_BREAK = re.compile(r"\n\s*\n|\n\s*(?:[-*+•]|\d+[.)])\s+|^\s*(?:[-*+•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)")
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def count_syllables(word: str) -> int:
    """An estimate of the syllables in an English word (at least 1).

    Counts groups of vowels, then drops a silent final ``e`` (``make``) and
    the silent ``e`` of ``-es``/``-ed`` endings (``makes``, ``planned``).

    >>> [count_syllables(w) for w in ("the", "make", "table", "wanted", "planned", "education")]
    [1, 1, 2, 2, 1, 4]
    """
    parts = [p for p in re.split(r"['\u2019\-]", word.lower()) if p]
    if len(parts) > 1:
        return sum(count_syllables(p) for p in parts)
    letters = re.sub(r"[^a-z]", "", word.lower())
    if len(letters) <= 3:
        return 1
    count = len(_VOWEL_GROUP.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")):
        count -= 1
    elif letters.endswith("le") and letters[-3] in "aeiouy":
        count -= 1  # "sale", "mile": the e is silent here too
    elif letters.endswith("es") and letters[-3] not in "aeiouysxzcg":
        count -= 1  # "makes", not "uses" or "boxes"
    elif letters.endswith("ed") and letters[-3] not in "aeiouytd":
        count -= 1  # "planned", not "wanted"
    return max(count, 1)


@dataclass(frozen=True)
class TextStats:
    """Counts that readability formulas work from."""

    words: int
    sentences: int
    syllables: int
    longest_sentence: str
    """The sentence with the most words, as written."""

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def _plain(text: str) -> str:
    """Text without Markdown links, web and e-mail addresses, and dotted abbreviations."""
    text = _LINK.sub(r"\1", text)
    text = _ADDRESS.sub(" address ", text)
    return _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)


def text_stats(text: str) -> TextStats:
    """Words, sentences and syllables of ``text``.

    Sentences end at ``.``, ``!`` or ``?``, at a blank line, and at the start
    of a list item, so a bullet list without full stops is not one long sentence.

    >>> s = text_stats("Learn to code. Build an app!\\n\\n- Test it")
    >>> (s.words, s.sentences)
    (8, 3)
    """
    words = sentences = syllables = 0
    longest: tuple[int, str] = (0, "")
    for block in _BLOCK_BREAK.split(_plain(text)):
        start = 0
        ends = [m.end() for m in _SENTENCE_END.finditer(block)]
        for end in [*ends, len(block)]:
            sentence = block[start:end].strip()
            start = end
            found = _WORD.findall(sentence)
            if not found:
                continue
            sentences += 1
            words += len(found)
            syllables += sum(count_syllables(w) for w in found)
            if len(found) > longest[0]:
                longest = (len(found), sentence)
    return TextStats(words, sentences, syllables, longest[1])


def reading_ease(text: str) -> float:
    """The Flesch Reading Ease score of English ``text``; higher is easier.

    206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per word).
    Plain English scores 60-70; academic prose often below 30. A text with
    no words scores 0.

    >>> round(reading_ease("The cat sat on the mat."))
    116
    """
    stats = text_stats(text)
    if stats.words == 0:
        return 0.0
    return (
        206.835 - 1.015 * (stats.words / stats.sentences) - 84.6 * (stats.syllables / stats.words)
    )


class Readability:
    """The description is written in plain language that learners can read.

    Learners, employers and advisers read the description to decide whether
    a credential is for them. This check scores the text with the Flesch
    Reading Ease formula (0-100, higher is easier: plain English is about
    60-70, dense academic prose below 30) and measures how long the
    sentences are. Syllables are estimated by a rule of thumb, so treat the
    score as a guide.

    - **error**: a score below ``min_reading_ease``;
    - **warning**: sentences averaging more than ``max_sentence_words`` words.

    The check does not apply when the text is missing or shorter than 20
    words, or when the descriptor's ``language`` is not English (the formula
    is for English).

    Options:

    - ``field``: JSON Pointer to the text to score (default ``/description``).
    - ``min_reading_ease``: the lowest acceptable score (default ``30``).
    - ``max_sentence_words``: the longest acceptable average sentence, in
      words (default ``30``).

    **PASS**

    ```yaml
    description: >-
      This badge shows that you can clean and chart a small data set. You
      work with real data from local firms. Each week you finish one short
      task and get feedback from a tutor.
    ```

    **FAIL**

    ```yaml
    description: >-
      This microcredential operationalises interdisciplinary methodological
      competencies, facilitating comprehensive organisational transformation
      through systematic evaluation of institutional infrastructure
      considerations and contemporary regulatory expectations.
    ```
    """

    ID: ClassVar[str] = "readability"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "field": {
                "description": "JSON Pointer to the text to score.",
                "type": "string",
                "pattern": "^(/([^~/]|~[01])*)*$",
                "default": "/description",
            },
            "min_reading_ease": {
                "description": "The lowest acceptable Flesch Reading Ease score.",
                "type": "number",
                "default": 30,
            },
            "max_sentence_words": {
                "description": "The longest acceptable average sentence, in words.",
                "type": "number",
                "exclusiveMinimum": 0,
                "default": 30,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem when the text is hard to read or its sentences are long."""
        options = context.options
        pointer = str(options.get("field", "/description"))
        min_ease = float(options.get("min_reading_ease", 30))
        max_words = float(options.get("max_sentence_words", 30))

        if not is_english(context.descriptor.language):
            raise NotApplicable(
                f"the descriptor's language is {context.descriptor.language!r}; "
                "the Flesch formula is for English"
            )
        found, value = resolve(context.data, pointer)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)
        if not found or not isinstance(value, str):
            raise NotApplicable(f"there is no text at {pointer or 'the top'} to score")
        stats = text_stats(value)
        if stats.words < _MIN_WORDS:
            raise NotApplicable(f"the text at {pointer} has {stats.words} words; too few to score")

        tokens = split_pointer(pointer)
        name = tokens[-1].replace("_", " ") if tokens else "text"
        score = reading_ease(value)
        if score < min_ease and math.isfinite(score):
            yield Problem(
                pointer,
                f"the {name} {quote(value, limit=50)} is hard to read: its Flesch Reading "
                f"Ease score is {round(score)}, below {format_number(min_ease)}. Use shorter "
                "sentences and everyday words, and explain any specialist terms",
            )
        if stats.words_per_sentence > max_words:
            yield Problem(
                pointer,
                f"the sentences of the {name} average {round(stats.words_per_sentence)} "
                f"words, more than {format_number(max_words)}; split long sentences such as "
                f"{quote(stats.longest_sentence, limit=80)}",
                severity="warning",
            )
