"""Learning outcomes must start with an observable action verb."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, NotApplicable, Problem
from mcqa.checks._verbs import (
    BLOOM_LEVELS,
    UNMEASURABLE_VERBS,
    all_action_verbs,
    levels_of,
    suggestions_for,
)
from mcqa.checks._walk import format_number, is_english, quote

__all__ = ["MeasurableOutcomes", "infer_bloom_level", "strip_lead_in"]

_ACTION_VERBS = all_action_verbs()

_LEADING_MARKS = re.compile(
    r"^(?:[\s\-*•·\u2013\u2014>]+|\(?\d+[.)]\s*|[A-Z]{1,4}\s?\d+[a-z]?[:.)]\s*)+"
)

_LEAD_INS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "By the end of this course," / "On successful completion of the badge:"
        r"^(?:by|at|upon|on|after|following|having)\b[^,:;]{0,120}?"
        r"\b(?:end|completion|conclusion|complet\w*|finish\w*|successful\w*)\b[^,:;]{0,120}?[,:;]\s*",
        # "Learners", "The successful participants", "You"
        r"^(?:(?:the|all|successful)\s+)*(?:learners?|students?|participants?|graduates?|"
        r"candidates?|trainees?|(?:badge\s+)?earners?|recipients?|holders?|you|they)\b[\s,]*",
        # "will be able to", "Be able to:", "are expected to"
        r"^(?:(?:will|shall|should|can|could|must|may|would|are|is)\s+)?(?:be\s+)?"
        r"(?:able|expected|prepared|ready|equipped)\s+to\b[\s:]*",
        # "will", "can"
        r"^(?:will|shall|should|can|could|must|may|would)\b\s*",
        # "To"
        r"^to\b\s*",
    )
)

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")

# A trailing word of a flagged phrase that may differ in the text ("be aware that").
_LINKING_WORDS = frozenset({"of", "with", "to", "about", "into", "for", "that", "in", "on"})


def strip_lead_in(statement: str) -> str:
    """The outcome without list marks and lead-ins such as "Learners will be able to".

    >>> strip_lead_in("By the end of this course, you will be able to: explain X")
    'explain X'
    >>> strip_lead_in("Students can design a survey")
    'design a survey'
    >>> strip_lead_in("Be able to clean a data set")
    'clean a data set'
    """
    text = _LEADING_MARKS.sub("", statement.strip())
    for pattern in _LEAD_INS:
        text = pattern.sub("", text, count=1)
    return text.strip()


def _forms(word: str) -> list[str]:
    """``word`` and the base forms it may be an inflection of (describes -> describe)."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        forms.extend((stem, stem + "e"))
        if stem[-1] == stem[-2]:
            forms.append(stem[:-1])
    return forms


@dataclass(frozen=True)
class _Reading:
    """What the start of an outcome statement turned out to be."""

    word: str | None = None
    """The deciding word as written (``None`` when the outcome has no words)."""
    verb: str | None = None
    """Its base form when it is a known action verb."""
    flagged: str | None = None
    """The unmeasurable verb or phrase, as written, when one opens the outcome."""
    phrase: str | None = None
    """The flagged verb or phrase (from the option) that ``flagged`` matched."""


def _phrase_matches(phrase: Sequence[str], words: Sequence[str]) -> int:
    """How many of ``words`` the flagged ``phrase`` covers (0 for no match)."""
    if not phrase or not words or phrase[0] not in _forms(words[0]):
        return 0
    rest = phrase[1:]
    if list(words[1 : 1 + len(rest)]) == list(rest):
        return len(phrase)
    if rest and rest[-1] in _LINKING_WORDS and list(words[1 : len(rest)]) == list(rest[:-1]):
        return len(phrase) - 1
    return 0


def _read(statement: str, flagged: Iterable[str], extra: frozenset[str]) -> _Reading:
    written = _WORD.findall(strip_lead_in(statement))
    if not written:
        return _Reading()
    lowered = [w.lower() for w in written]
    phrases = sorted(
        (tuple(p.lower().split()) for p in flagged if p.strip()), key=len, reverse=True
    )
    flagged_heads = {p[0] for p in phrases}
    known = _ACTION_VERBS | extra | flagged_heads

    # "Critically evaluate ...": an adverb before the verb does not decide.
    if (
        len(lowered) > 1
        and lowered[0].endswith("ly")
        and not any(f in known for f in _forms(lowered[0]))
    ):
        written, lowered = written[1:], lowered[1:]

    forms = _forms(lowered[0])
    if not any(f in extra for f in forms):
        for phrase in phrases:
            covered = _phrase_matches(phrase, lowered)
            if covered:
                return _Reading(
                    word=written[0],
                    flagged=" ".join(written[:covered]),
                    phrase=" ".join(phrase),
                )
    for form in forms:
        if form in _ACTION_VERBS or form in extra:
            return _Reading(word=written[0], verb=form)
    return _Reading(word=written[0])


def infer_bloom_level(statement: str) -> str | None:
    """The lowest Bloom level whose verbs include the outcome's opening verb.

    ``None`` when the outcome does not open with a known action verb, or opens
    with an unmeasurable one such as "understand".

    >>> infer_bloom_level("Learners will be able to design a data pipeline")
    'create'
    >>> infer_bloom_level("Compare two survey designs")
    'understand'
    >>> infer_bloom_level("Understand statistics") is None
    True
    """
    reading = _read(statement, UNMEASURABLE_VERBS, frozenset())
    if reading.verb is None:
        return None
    levels = levels_of(reading.verb)
    return levels[0] if levels else None


def _words_list(words: Sequence[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


class MeasurableOutcomes:
    """Each learning outcome starts with an observable action verb.

    An outcome says what a learner can *do* once the credential is earned, so
    that an assessment can show it. Verbs such as "understand", "know",
    "learn" or "be aware of" name a state of mind that nobody can observe;
    verbs from Bloom's revised taxonomy ("list", "explain", "apply",
    "analyze", "evaluate", "design", ...) name something a learner does.

    Lead-ins such as "Learners will be able to", "Students can" or "By the
    end of this course, you will be able to" are skipped, and so is an
    adverb before the verb ("critically evaluate"). Then the first word
    decides:

    - an unmeasurable verb or phrase is an **error**;
    - a word that is not a known action verb is a **warning**;
    - when the outcome declares a ``bloom_level`` and its verb belongs only
      to other levels, that is a **warning**.

    A missing or empty list of outcomes is an error, and so is a list shorter
    than ``min_outcomes``. The verb lists are English: when the descriptor's
    ``language`` is not English the check does not apply (a missing list of
    outcomes is still reported).

    Options:

    - ``flagged_verbs``: the unmeasurable verbs and phrases (lower case;
      several words allowed, e.g. ``be aware of``).
    - ``extra_verbs``: further words to accept as action verbs, such as
      ``troubleshoot`` or ``refactor``; a word listed here is accepted even
      if it is also flagged. Default: none.
    - ``min_outcomes``: the fewest outcomes a descriptor may have (default 1).

    **PASS**

    ```yaml
    learning_outcomes:
      - id: LO1
        statement: Explain how a relational database stores data
        bloom_level: understand
      - Learners will be able to design a normalised schema
    ```

    **FAIL**

    ```yaml
    learning_outcomes:
      - Understand relational databases    # error: "understand"
      - Be familiar with SQL               # error: "be familiar with"
      - Knowledge of indexes               # warning: not a verb
    ```
    """

    ID: ClassVar[str] = "measurable-outcomes"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "flagged_verbs": {
                "description": "Verbs and phrases that cannot be observed or measured.",
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": list(UNMEASURABLE_VERBS),
            },
            "extra_verbs": {
                "description": "Further words to accept as action verbs.",
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": [],
            },
            "min_outcomes": {
                "description": "The fewest learning outcomes a descriptor may have.",
                "type": "integer",
                "minimum": 0,
                "default": 1,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each outcome that is not measurable."""
        options = context.options
        flagged: list[str] = list(options.get("flagged_verbs", UNMEASURABLE_VERBS))
        extra = frozenset(str(v).lower().strip() for v in options.get("extra_verbs", []))
        min_outcomes = int(options.get("min_outcomes", 1))

        outcomes = context.descriptor.learning_outcomes or []
        raw = context.data.get("learning_outcomes")
        if not outcomes:
            pointer = "/learning_outcomes" if "learning_outcomes" in context.data else ""
            yield Problem(
                pointer,
                "there are no learning outcomes; list what learners will be able to do, "
                "each starting with an action verb such as 'explain', 'apply' or 'design'",
            )
            return
        if not is_english(context.descriptor.language):
            raise NotApplicable(
                f"the descriptor's language is {context.descriptor.language!r}; "
                "the verb lists are English"
            )

        if len(outcomes) < min_outcomes:
            yield Problem(
                "/learning_outcomes",
                f"there {'is' if len(outcomes) == 1 else 'are'} {len(outcomes)} learning "
                f"outcome{'' if len(outcomes) == 1 else 's'}; this standard asks for at least "
                f"{format_number(min_outcomes)}",
            )

        for index, outcome in enumerate(outcomes):
            item = raw[index] if isinstance(raw, list) and index < len(raw) else None
            pointer = f"/learning_outcomes/{index}"
            if not isinstance(item, str):
                pointer += "/statement"
            yield from self._judge(pointer, outcome.statement, outcome.bloom_level, flagged, extra)

    @staticmethod
    def _judge(
        pointer: str,
        statement: str,
        bloom_level: str | None,
        flagged: Sequence[str],
        extra: frozenset[str],
    ) -> Iterator[Problem]:
        reading = _read(statement, flagged, extra)
        shown = quote(statement, limit=80)
        if reading.word is None:
            yield Problem(
                pointer,
                f"the outcome {shown} does not say what learners will do; "
                "write it as an action verb followed by what is done, e.g. "
                "'Explain how a database index works'",
            )
            return
        if reading.flagged is not None:
            yield Problem(
                pointer,
                f"the outcome {shown} starts with '{reading.flagged.lower()}', which cannot be "
                "observed or measured; start with a verb that names something learners do, "
                f"such as {_words_list(suggestions_for(reading.phrase or reading.flagged))}",
            )
            return
        if reading.verb is None:
            yield Problem(
                pointer,
                f"the outcome {shown} starts with '{reading.word}', which is not a "
                "recognised action verb; start with an observable verb such as "
                "'describe', 'apply', 'analyze' or 'design'",
                severity="warning",
            )
            return
        levels = levels_of(reading.verb)
        if bloom_level in BLOOM_LEVELS and levels and bloom_level not in levels:
            yield Problem(
                pointer,
                f"the outcome {shown} is marked as Bloom level '{bloom_level}', but "
                f"'{reading.verb}' is a verb of the {' and '.join(levels)} "
                f"level{'s' if len(levels) > 1 else ''}; change the verb or the level",
                severity="warning",
            )
