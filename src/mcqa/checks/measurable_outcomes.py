"""Learning outcomes must say what learners will do, as an observable action."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from typing import Any, ClassVar, Literal

from mcqa.checks._base import CheckContext, NeedsReview, Problem
from mcqa.checks._verbs import (
    ACQUIRING_VERBS,
    BLOOM_LEVELS,
    CAPACITY_NOUNS,
    STATE_NOUNS,
    UNMEASURABLE_VERBS,
    VERB_FORMS,
    known_verbs,
    levels_of,
    suggestions_for,
)
from mcqa.checks._walk import format_number, is_english, quote

__all__ = ["MeasurableOutcomes", "infer_bloom_level", "strip_lead_in"]

_KNOWN_VERBS = known_verbs()

#: The most characters of a statement that are read: the decision is made on
#: its first words, so a long statement costs no more than a short one.
_LOOK = 400
#: The most words of a statement that are read.
_WORDS = 16
#: How many words may stand before a state noun ("a comprehensive understanding").
_MODIFIERS = 4
#: Words at most in a heading before a colon ("Research skills: locate ...").
_HEADING_WORDS = 5

_MARKS: tuple[re.Pattern[str], ...] = (
    # "- ", "* ", "• ", "> ", "## "
    re.compile(r"^[\s\-*•·\u2013\u2014>#_]+"),
    # "1. ", "(2) "
    re.compile(r"^\(?\d+[.)]\s*"),
    # "LO1: ", "CLO 2a. ", "K3) "
    re.compile(r"^[A-Z]{1,4} ?\d+[a-z]?[:.)]\s*"),
)

# Applied in this order, each at most once, to text with single spaces.
_LEAD_INS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "To earn this badge, "
        r"^to (?:earn|receive|obtain|achieve|gain|be awarded|be granted|qualify for|pass"
        r"|complete)\b[^,:;]{0,120}[,:;] ?",
        # "By the end of this course, " / "On successful completion of the badge: " /
        # "After completing this module " (when a learner or "you" follows)
        r"^(?:by|at|upon|on|after|following|having)\b[^,:;]{0,120}?"
        r"\b(?:end|completion|conclusion|complet\w*|finish\w*|successful\w*)\b[^,:;]{0,120}?"
        r"(?:[,:;] ?|(?=(?:the )?(?:you|learners?|students?|participants?|graduates?|"
        r"candidates?|trainees?)\b))",
        # "In this course, " / "Throughout the programme: "
        r"^(?:in|during|throughout|through|within|across) (?:this|the|these|each) "
        r"[^,:;]{1,80}[,:;] ?",
        # "Learners", "The successful participants", "You", "You'll"
        r"^(?:(?:the|all|successful|each|every) ){0,3}(?:learners?|students?|participants?|"
        r"graduates?|candidates?|trainees?|apprentices?|pupils?|attendees?|delegates?|"
        r"(?:badge )?earners?|recipients?|holders?|you|they|we)(?:['\u2019](?:ll|re|d))?\b[ ,]*",
        # "will be able to", "Be able to:", "are expected to"
        r"^(?:(?:will|shall|should|can|could|must|may|would|are|is) (?:be )?|be )"
        r"(?:able|expected|prepared|ready|equipped) to\b[ :]*",
        # "will", "can", "must:", "need to"
        r"^(?:will|shall|should|can|could|must|may|would|need to|have to|has to"
        r"|are required to|is required to)\b[ :]*",
        # "To"
        r"^to\b ?",
    )
)

# A word: letters, with single apostrophes or hyphens between letters ("don't",
# "hands-on"). No quantified group holds a quantifier, so matching is linear.
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019\-](?=[^\W\d_]))*")

_SENTENCE_END = re.compile(r"[.!?]\s")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A trailing word of a flagged phrase that may differ in the text ("be aware that").
_LINKING_WORDS = frozenset({"of", "with", "to", "about", "into", "for", "that", "in", "on"})

_DETERMINERS = _set(
    """
    the a an this that these those my your his her its our their them it each every all
    any some several many multiple various different both either one two three own
    """
)
_PREPOSITIONS = _set(
    """
    of in for with to on about into onto through across within between among from at by via
    over under behind toward towards around against without during per like versus vs
    """
)
_AUXILIARIES = _set(
    """
    is are was were be been am has have had does do did can could will would shall should
    may might must
    """
)
# Words that never open an action: whatever follows, the outcome names a topic or
# states a fact.
_NOT_VERBS = (
    _DETERMINERS
    | _PREPOSITIONS
    | _AUXILIARIES
    | _set(
        """
        what which who whom whose why how when where whether if and or but nor so yet
        because although though while as than there here he she i me us most more much
        less few no not other another such same only also very just some
        """
    )
)
# Headings whose list is a list of topics, whatever its items look like.
_TOPIC_HEADINGS = _set(
    "topic topics content contents syllabus subject subjects theme themes keywords"
)
# Words that may stand before a state noun although they look like verbs.
_STATE_MODIFIERS = _set("working demonstrated applied proven")
# Verbs that take "of" straight after them ("dispose of"); after any other
# verb, "of" shows the verb is a noun ("Use of", "Review of").
_OF_VERBS = _set("dispose approve conceive consist speak think")
# Prefixes that make a verb of a verb ("re-run", "co-design", "self-assess").
_VERB_PREFIXES = _set("re co pre de un sub self cross over under inter mis out up e")
# Verbs that cannot be measured but are verbs all the same: if a rubric takes
# them off the flagged list, an outcome opening with one is an unknown verb,
# not a topic.
_FLAGGED_HEADS = frozenset(p.split()[0] for p in UNMEASURABLE_VERBS)
_VERB_LIKE = (_FLAGGED_HEADS | ACQUIRING_VERBS | {"do"}) - {"get", "be"}


def _normal(text: str) -> str:
    return " ".join(text[:_LOOK].split())


def _strip_marks(text: str) -> str:
    for _ in range(8):
        before = text
        for pattern in _MARKS:
            text = pattern.sub("", text, count=1)
        if text == before:
            break
    return text


def strip_lead_in(statement: str) -> str:
    """The outcome without list marks and lead-ins such as "Learners will be able to".

    >>> strip_lead_in("By the end of this course, you will be able to: explain X")
    'explain X'
    >>> strip_lead_in("Students can design a survey")
    'design a survey'
    >>> strip_lead_in("Be able to clean a data set")
    'clean a data set'
    >>> strip_lead_in("To earn this badge, learners must weld a butt joint")
    'weld a butt joint'
    """
    text = _strip_marks(_normal(statement))
    for pattern in _LEAD_INS:
        text = pattern.sub("", text, count=1)
    return text.strip()


@lru_cache(maxsize=8192)
def _lemma(word: str) -> str:
    """The base form of a lower-case ``word`` ("automates" -> "automate")."""
    if word in VERB_FORMS:
        return VERB_FORMS[word]
    if word in _KNOWN_VERBS or word in _NOT_VERBS or len(word) > 40 or not word.isascii():
        return word
    # Imported here: simplemma loads its dictionary (about a second) on first use,
    # and most outcomes open with a verb in its base form, which needs no lookup.
    import simplemma

    return str(simplemma.lemmatize(word, lang="en", low_memory=True)).lower()


@dataclass(frozen=True)
class _Word:
    written: str
    lower: str
    start: int
    end: int


def _words(text: str) -> list[_Word]:
    return [
        _Word(m.group(), m.group().lower(), m.start(), m.end())
        for m in islice(_WORD.finditer(text), _WORDS)
    ]


def _spaced(text: str, words: Sequence[_Word], index: int) -> bool:
    """Whether only spaces stand between ``words[index]`` and the word after it."""
    return index + 1 < len(words) and not text[words[index].end : words[index + 1].start].strip()


_Kind = Literal["empty", "question", "flagged", "state", "topic", "fact", "unknown", "verb"]


@dataclass(frozen=True)
class _Reading:
    """What the start of an outcome statement turned out to be."""

    kind: _Kind
    word: str | None = None
    """The deciding word as written."""
    verb: str | None = None
    """Its base form, when it is a known action verb."""
    phrase: str | None = None
    """The flagged verb or state-noun phrase, as written."""
    option: str | None = None
    """The flagged entry (from the options) that ``phrase`` matched."""
    direct: str | None = None
    """For "Ability to X": the outcome from its verb on ("X")."""


@dataclass(frozen=True)
class _Lists:
    flagged: tuple[tuple[str, ...], ...]
    states: tuple[tuple[str, ...], ...]
    extra: frozenset[str]

    @classmethod
    def of(cls, flagged: Iterable[str], states: Iterable[str], extra: Iterable[str]) -> _Lists:
        def phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
            split = {tuple(str(p).lower().split()) for p in items if str(p).strip()}
            return tuple(sorted(split, key=lambda p: (-len(p), p)))

        return cls(
            phrases(flagged),
            phrases(states),
            frozenset(str(v).lower().strip() for v in extra),
        )


_DEFAULT_LISTS = _Lists.of(UNMEASURABLE_VERBS, STATE_NOUNS, ())


def _is_verb(word: str, lists: _Lists) -> bool:
    """Whether ``word`` is a form of a known action verb (or of an extra one)."""
    if word in lists.extra or word in _KNOWN_VERBS:
        return True
    if "-" in word:
        # "re-run", "co-design" are verbs; "test-driven", "hands-on" are modifiers.
        prefix, _, rest = word.partition("-")
        return prefix in _VERB_PREFIXES and _is_verb(rest, lists)
    lemma = _lemma(word)
    return lemma in _KNOWN_VERBS or lemma in lists.extra


def _phrase_matches(phrase: Sequence[str], lowered: Sequence[str]) -> int:
    """How many of ``lowered`` the flagged ``phrase`` covers (0 for no match)."""
    if not phrase or not lowered or phrase[0] not in (lowered[0], _lemma(lowered[0])):
        return 0
    rest = phrase[1:]
    if list(lowered[1 : 1 + len(rest)]) == list(rest):
        return len(phrase)
    if rest and rest[-1] in _LINKING_WORDS and list(lowered[1 : len(rest)]) == list(rest[:-1]):
        return len(phrase) - 1
    return 0


def _ability_start(lowered: Sequence[str], lists: _Lists) -> int | None:
    """Where the action starts in "Ability to X", "Learn how to X" or "Able to X"."""
    if len(lowered) < 3:
        return None
    head = _lemma(lowered[0])
    if lowered[0] == "able" and lowered[1] == "to":
        return 2
    if head in ("learn", "know") and lowered[1:3] == ["how", "to"] and len(lowered) > 3:
        return 3
    if head == "learn" and lowered[1] == "to":
        return 2
    first = 1 if head in ACQUIRING_VERBS else 0
    for index in range(first, min(first + _MODIFIERS, len(lowered) - 2)):
        word = lowered[index]
        if word in CAPACITY_NOUNS and lowered[index + 1] == "to":
            return index + 2
        if not _is_modifier(word, lists):
            return None
    return None


def _is_modifier(word: str, lists: _Lists) -> bool:
    """Whether ``word`` may stand before a state noun ("a solid", "practical")."""
    if word in _DETERMINERS or word in _STATE_MODIFIERS:
        return True
    return word not in _NOT_VERBS and not _is_verb(word, lists)


def _state_phrase(lowered: Sequence[str], lists: _Lists) -> tuple[int, str] | None:
    """``(words covered, state noun)`` when the outcome opens with a wrapped state noun."""
    first = 1 if _lemma(lowered[0]) in ACQUIRING_VERBS else 0
    for index in range(first, min(first + _MODIFIERS, len(lowered))):
        for phrase in lists.states:
            if list(lowered[index : index + len(phrase)]) == list(phrase):
                return index + len(phrase), " ".join(phrase)
        if not _is_modifier(lowered[index], lists):
            return None
    return None


def _heading(text: str, words: Sequence[_Word], lists: _Lists) -> tuple[list[_Word], str] | None:
    """``(heading words, rest)`` for "Research skills: locate ...", else ``None``."""
    colon = text.find(":", 0, 80)
    if colon <= 0 or _SENTENCE_END.search(text, 0, colon):
        return None
    before = [w for w in words if w.end <= colon]
    rest = text[colon + 1 :].strip(" *_")
    if not before or len(before) > _HEADING_WORDS or not rest:
        return None
    first = before[0].lower
    if _is_verb(first, lists) or any(_phrase_matches(p, [first]) for p in lists.flagged):
        return None
    return before, rest


def _read(text: str, lists: _Lists, *, after_to: bool = False, depth: int = 0) -> _Reading:
    """What the (lead-in free) outcome ``text`` opens with."""
    words = _words(text)
    if not words:
        return _Reading("empty")
    if not after_to and text.rstrip().endswith("?"):
        return _Reading("question", word=words[0].written)
    if not after_to and depth == 0:
        heading = _heading(text, words, lists)
        if heading is not None:
            before, rest = heading
            if any(w.lower in _TOPIC_HEADINGS for w in before):
                return _Reading("topic", word=before[0].written)
            return _read(rest, lists, depth=1)

    lowered = [w.lower for w in words]
    # "Critically evaluate ...": an adverb before the verb does not decide.
    if (
        len(words) > 1
        and lowered[0].endswith("ly")
        and lowered[0] not in _NOT_VERBS
        and not _is_verb(lowered[0], lists)
        and not any(_phrase_matches(p, lowered[:1]) for p in lists.flagged)
    ):
        words, lowered = words[1:], lowered[1:]
    first, lemma = words[0], _lemma(lowered[0])

    if lowered[0] in lists.extra or lemma in lists.extra:
        return _Reading("verb", word=first.written, verb=lemma)

    start = None if after_to else _ability_start(lowered, lists)
    if start is not None:
        direct = text[words[start].start :] if start < len(words) else ""
        inner = _read(direct, lists, after_to=True)
        return replace(inner, direct=direct) if inner.kind == "verb" else inner

    for phrase in lists.flagged:
        covered = _phrase_matches(phrase, lowered)
        if covered:
            shown = " ".join(w.written for w in words[:covered])
            return _Reading("flagged", first.written, phrase=shown, option=" ".join(phrase))

    state = _state_phrase(lowered, lists)
    if state is not None:
        covered, noun = state
        shown = " ".join(w.written for w in words[:covered])
        return _Reading("state", first.written, phrase=shown, option=noun)

    if _is_verb(lowered[0], lists):
        verb = lowered[0] if lowered[0] in _KNOWN_VERBS else lemma
        if (
            not after_to
            and _spaced(text, words, 0)
            and lowered[1] == "of"
            and verb not in _OF_VERBS
        ):
            return _Reading("topic", first.written)
        return _Reading("verb", first.written, verb=verb)

    return _not_a_verb(text, words, lowered, lists, after_to=after_to)


def _not_a_verb(
    text: str, words: Sequence[_Word], lowered: Sequence[str], lists: _Lists, *, after_to: bool
) -> _Reading:
    """Read an outcome whose first word is no known verb: a topic, a fact or a verb unknown."""
    first = words[0].written
    if after_to:
        return _Reading("unknown", first)
    nearby = lowered[1:5]
    if lowered[0] == "be":
        # "Be responsible for ...", "Be proactive": a state, like "be aware of".
        return _Reading("flagged", first, phrase=first, option="be")
    if lowered[0] in _VERB_LIKE or _lemma(lowered[0]) in _VERB_LIKE:
        return _Reading("unknown", first)
    if lowered[0] in _NOT_VERBS:
        if lowered[0] not in _AUXILIARIES and any(w in _AUXILIARIES for w in nearby):
            return _Reading("fact", first)
        return _Reading("topic", first)
    if any(w in _AUXILIARIES for w in lowered[1:4]):
        return _Reading("fact", first)
    if _spaced(text, words, 0) and lowered[1] in _DETERMINERS:
        # "Kern the headline": a word followed by its object is a verb mcqa does not know.
        return _Reading("unknown", first)
    word = lowered[0]
    if "-" not in word and word.endswith(("ing", "ed")) and _lemma(word) != word:
        # "Frobnicated ...": a form of a verb mcqa does not know.
        return _Reading("unknown", first)
    return _Reading("topic", first)


def infer_bloom_level(statement: str) -> str | None:
    """The lowest Bloom level whose verbs include the outcome's opening verb.

    ``None`` when the outcome does not open with an action verb of a Bloom
    level: an unmeasurable verb such as "understand", a topic, or a verb of a
    field such as "weld", which belongs to no level.

    >>> infer_bloom_level("Learners will be able to design a data pipeline")
    'create'
    >>> infer_bloom_level("Compare two survey designs")
    'understand'
    >>> infer_bloom_level("Understand statistics") is None
    True
    """
    reading = _read(strip_lead_in(statement), _DEFAULT_LISTS)
    if reading.kind != "verb" or reading.verb is None:
        return None
    levels = levels_of(reading.verb)
    return levels[0] if levels else None


def _words_list(words: Sequence[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    if len(quoted) < 2:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _verb_first(direct: str) -> str:
    text = " ".join(direct.split())
    return quote(text[:1].upper() + text[1:], limit=60)


class MeasurableOutcomes:
    """Each learning outcome says what learners will do, as an observable action.

    An outcome says what a learner can *do* once the credential is earned, so
    that an assessment can show it. "Understand SQL", "Knowledge of SQL" or
    "SQL joins" name a state of mind or a topic that nobody can observe;
    "Write a query that joins three tables" names something a learner does.

    List marks and lead-ins such as "Learners will be able to", "You'll",
    "The learner", "To earn this badge, learners must" or "By the end of this
    course, you will" are skipped, and so is an adverb before the verb
    ("critically evaluate"). A short heading before a colon is skipped too
    ("Research skills: Locating sources"). Then the opening words decide:

    - an action verb passes, in any form ("Explain", "Explains", "Explaining",
      "Explained"): the verbs of Bloom's revised taxonomy and those of
      technical and trade fields ("import", "refactor", "deploy", "weld",
      "calibrate", "triage", ...). Inflected forms are brought back to the
      verb by the simplemma lemmatiser;
    - "Ability to X", "Able to X", "Learn to X" or "Learn how to X", where X
      is an action verb, passes with an **info** note suggesting "X ..." on
      its own;
    - an unmeasurable verb ("understand", "know", "learn", "appreciate",
      "master", "be aware of", "be familiar with", ...) is an **error**;
    - a noun that wraps a state of mind, a level of skill or an experience
      is an **error**, with or without a verb or adjectives before it:
      "Knowledge of", "A solid understanding of", "Proficiency in",
      "Familiarity with", "Exposure to", "Demonstrate understanding of",
      "Develop proficiency in", "Gain experience in";
    - a topic label with no verb ("Data cleaning", "Topics: pandas,
      outliers", "Overview of the field", "How to lead a team"), a fact
      ("Python is a programming language", "A shell is a program") or a
      question ("What is a shell?") is an **error**;
    - a word that is not a known verb but is followed by its object ("Kern
      the headline") is a **warning**: it may be a verb of a field mcqa does
      not know, which the ``extra_verbs`` option accepts;
    - when the outcome declares a ``bloom_level`` and its verb belongs only
      to other levels, that is a **warning**.

    A missing or empty list of outcomes is an error, and so is a list shorter
    than ``min_outcomes``. The verb lists are English: when the descriptor's
    ``language`` is not English the outcomes await a reviewer's judgement.

    Accuracy, measured on a labelled set of 258 outcome statements from 9
    public sources: the Open Badges 2.0 and 3.0 specification examples, the
    educredentials and MyNextID credential examples, Credential Engine's
    ingest examples and its Western Governors University registry records and
    catalogue pages, AI-generated micro-credential specifications
    (rkemcha/mc_evaluation), Galaxy Training Material and Software Carpentry
    lesson objectives and key points, and a training provider's course pages.
    The check fails 95 of the 102 vague ones (93.1 %) and fails 0 of the 156
    measurable ones (0.0 %). The vague outcomes it lets pass are aims written
    with an action verb ("Learn how to lead with empathy ...", "Building a
    test-focused development culture"), topics that open with a word that is
    also a verb ("Test slices for faster tests") and self-improvement slogans
    ("Unlock your full potential", a warning). The set, the way it was
    labelled and the measurement are in the test suite
    (``tests/data/outcomes-labelled.yaml``).

    Options:

    - ``flagged_verbs``: the unmeasurable verbs and phrases (lower case;
      several words allowed, e.g. ``be aware of``).
    - ``flagged_phrases``: the nouns that wrap a state of mind, a level of
      skill or an experience (lower case; several words allowed).
    - ``extra_verbs``: further words to accept as action verbs, such as a
      verb of your field that is not listed; a word listed here is accepted
      even if it is also flagged. Default: none.
    - ``min_outcomes``: the fewest outcomes a descriptor may have (default 1).

    **PASS**

    ```yaml
    learning_outcomes:
      - id: LO1
        statement: Explain how a relational database stores data
        bloom_level: understand
      - Learners will be able to design a normalised schema
      - Importing a CSV file and cleaning its columns with pandas
    ```

    **FAIL**

    ```yaml
    learning_outcomes:
      - Understand relational databases    # error: "understand"
      - Knowledge of indexes               # error: a state of mind
      - Data cleaning                      # error: a topic, no verb
      - Ability to write SQL queries       # info: "Write SQL queries"
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
            "flagged_phrases": {
                "description": (
                    "Nouns that wrap a state of mind, a level of skill or an experience "
                    "(such as 'knowledge' in 'knowledge of')."
                ),
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "default": list(STATE_NOUNS),
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
        lists = _Lists.of(
            options.get("flagged_verbs", UNMEASURABLE_VERBS),
            options.get("flagged_phrases", STATE_NOUNS),
            options.get("extra_verbs", []),
        )
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

        if len(outcomes) < min_outcomes:
            yield Problem(
                "/learning_outcomes",
                f"there {'is' if len(outcomes) == 1 else 'are'} {len(outcomes)} learning "
                f"outcome{'' if len(outcomes) == 1 else 's'}; this standard asks for at least "
                f"{format_number(min_outcomes)}",
            )

        if not is_english(context.descriptor.language):
            raise NeedsReview(
                f"the outcomes are written in {context.descriptor.language!r}, and mcqa "
                "reads outcomes in English only; a reviewer must judge whether each one "
                "names an action that an assessment could observe"
            )

        for index, outcome in enumerate(outcomes):
            item = raw[index] if isinstance(raw, list) and index < len(raw) else None
            pointer = f"/learning_outcomes/{index}"
            if not isinstance(item, str):
                pointer += "/statement"
            yield from self._judge(pointer, outcome.statement, outcome.bloom_level, lists)

    @staticmethod
    def _judge(
        pointer: str, statement: str, bloom_level: str | None, lists: _Lists
    ) -> Iterator[Problem]:
        reading = _read(strip_lead_in(statement), lists)
        shown = quote(statement, limit=80)
        hint = (
            f"; if '{reading.word}' is a verb of your field, add it to the check's "
            "extra_verbs option"
        )
        if reading.kind == "empty":
            yield Problem(
                pointer,
                f"the outcome {shown} does not say what learners will do; "
                "write it as an action verb followed by what is done, e.g. "
                "'Explain how a database index works'",
            )
        elif reading.kind == "question":
            yield Problem(
                pointer,
                f"the outcome {shown} is a question; write what learners will be able to "
                "do instead, starting with a verb, e.g. 'Explain what a shell is'",
            )
        elif reading.kind == "flagged":
            phrase = (reading.phrase or "").lower()
            yield Problem(
                pointer,
                f"the outcome {shown} starts with '{phrase}', which cannot be "
                "observed or measured; start with a verb that names something learners do, "
                f"such as {_words_list(suggestions_for(reading.option or phrase))}",
            )
        elif reading.kind == "state":
            phrase = (reading.phrase or "").lower()
            yield Problem(
                pointer,
                f"the outcome {shown} starts with '{phrase}', which names what learners "
                "have (a state of mind, a level of skill or an experience), not what they "
                "do; say how they will show it, starting with a verb such as "
                f"{_words_list(suggestions_for(reading.option or phrase))}",
            )
        elif reading.kind == "topic":
            yield Problem(
                pointer,
                f"the outcome {shown} names a topic, not something learners do; start "
                "with a verb that says what they will do with it, e.g. 'Explain ...', "
                "'Apply ...' or 'Build ...'"
                + ("" if (reading.word or "").lower() in _NOT_VERBS else hint),
            )
        elif reading.kind == "fact":
            yield Problem(
                pointer,
                f"the outcome {shown} states a fact, not what learners will be able to do; "
                "rewrite it as an action, e.g. 'Explain why ...' or 'Describe how ...'",
            )
        elif reading.kind == "unknown":
            yield Problem(
                pointer,
                f"the outcome {shown} starts with '{reading.word}', which is not a "
                "recognised action verb; start with an observable verb such as "
                "'describe', 'apply', 'analyze' or 'design'" + hint,
                severity="warning",
            )
        else:
            yield from _verb_notes(pointer, shown, reading, bloom_level)


def _verb_notes(
    pointer: str, shown: str, reading: _Reading, bloom_level: str | None
) -> Iterator[Problem]:
    """Advice on an outcome that opens with an action verb."""
    if reading.direct is not None:
        yield Problem(
            pointer,
            f"the outcome {shown} is measurable, but reads more directly with its verb "
            f"first: {_verb_first(reading.direct)}",
            severity="info",
        )
    levels = levels_of(reading.verb or "")
    if bloom_level in BLOOM_LEVELS and levels and bloom_level not in levels:
        yield Problem(
            pointer,
            f"the outcome {shown} is marked as Bloom level '{bloom_level}', but "
            f"'{reading.verb}' is a verb of the {' and '.join(levels)} "
            f"level{'s' if len(levels) > 1 else ''}; change the verb or the level",
            severity="warning",
        )
