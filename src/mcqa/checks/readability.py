"""The description is plain enough for the readers it is for: a grade by textstat's formulas."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from mcqa.checks import _textcounts
from mcqa.checks._base import CheckContext, NeedsReview, NotApplicable, Problem
from mcqa.checks._walk import format_number, is_english, quote, resolve, split_pointer

__all__ = ["AUDIENCES", "MAX_GRADE", "Readability", "Reading", "audience_of", "plain_text", "read"]

#: The audiences the check knows, plainest first.
AUDIENCES: tuple[str, ...] = ("beginner", "intermediate", "advanced", "specialist")

#: The highest reading grade (US school years) each audience is expected to read with ease.
MAX_GRADE: dict[str, float] = {
    "beginner": 14,
    "intermediate": 17,
    "advanced": 20,
    "specialist": 23,
}


def _word_set(words: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(words.split())


#: Words of ``audience.level`` and the audience each stands for (the plainest found wins).
_LEVEL_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _word_set(
            "beginner beginners novice novices newcomer newcomers introductory intro entry "
            "foundation foundations foundational basic basics elementary general public "
            "everyone anyone"
        ),
        "beginner",
    ),
    **dict.fromkeys(_word_set("intermediate improver improvers"), "intermediate"),
    **dict.fromkeys(
        _word_set(
            "advanced experienced professional professionals practitioner practitioners "
            "undergraduate bachelor"
        ),
        "advanced",
    ),
    **dict.fromkeys(
        _word_set(
            "specialist specialists expert experts researcher researchers graduate "
            "postgraduate master masters doctoral doctorate phd"
        ),
        "specialist",
    ),
}

#: EQF levels and the audience a text for learners at that level is written for.
_EQF_AUDIENCE: dict[int, str] = {
    1: "beginner",
    2: "beginner",
    3: "beginner",
    4: "intermediate",
    5: "intermediate",
    6: "advanced",
    7: "specialist",
    8: "specialist",
}

#: How much of a text the check reads: enough for any real description, and a bound on time.
MAX_CHARS = 20_000
_MAX_LEVEL_CHARS = 200
_TOP_GRADE = 30


#: Common short words of English, and of the languages descriptions are most often written
#: in besides (Dutch, German, French, Spanish, Italian, Portuguese, and placeholder Latin).
#: Words common to English and one of them (``in``, ``is``, ``was``, ``also``) are in neither.
_ENGLISH_WORDS = _word_set(
    "about after all and any are at be been but by can could does each for from has have "
    "how if into it its may more most must not of on one or other our should some such than "
    "that the their them then there these they this those through to up we what when where "
    "which while who with would you your"
)
_OTHER_WORDS = _word_set(
    # Dutch
    "de het een van en niet voor met op te dat zijn wordt je jouw ook bij naar om aan deze "
    "dit worden hun heeft als uit "
    # German
    "der das und ist nicht mit für ein eine zu dem von auf im sich werden wird oder auch "
    "nach wie "
    # French
    "le la les des du et est une pour dans sur avec qui au aux ce cette sont pas vous nous "
    # Spanish
    "el los las del y que un una para con por se al su sus es como más este esta "
    # Italian and Portuguese
    "il di che della delle non sono gli os da das dos em uma não são "
    # Latin placeholder text
    "lorem ipsum dolor amet consectetur adipiscing elit"
)

# Every pattern below is linear: no run is quantified twice, and a run never includes the
# character that starts the next attempt.
_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)")
_LINE_MARK = re.compile(r"(#{1,6}|>|[-*+\u2022]|\d{1,9}[.)])(?=\s|$)")
_RULE = re.compile(r"[-*_=\s]{3,}")
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_DIGITS = re.compile(r"\d{1,3}")

#: Hyphens, dashes and slashes that join words; they part them for counting.
_WORD_JOINERS = str.maketrans(dict.fromkeys("-/\u2010\u2011\u2013\u2014", " "))
_TRAILING = ".,;:!?)]}\"'\u201d\u2019\u00bb"
_ENDINGS = (".", "!", "?")
_ABBREVIATIONS = _word_set(
    "e.g i.e etc vs cf approx incl excl resp ca dr mr mrs ms prof fig no nr st dept"
)


def _clean_token(token: str) -> str:
    """One whitespace-separated token as a readability formula should see it.

    Web and e-mail addresses become the word ``link``; dashes and slashes
    between words (``self-care``, ``ethical/legal``, ``needs\u2014and``) part
    them, as a reader parts them; dots inside a token (``3.5``, ``Node.js``)
    and the dots of abbreviations (``e.g.``) go, so that they do not end a
    sentence; Markdown emphasis marks go; a token with no letter or digit is
    dropped.
    """
    token = token.strip("*_`~")
    if not token:
        return ""
    core = token.rstrip(_TRAILING)
    tail = token[len(core) :]
    core = core.strip("*_`~")
    lowered = core.lower()
    at = core.find("@")
    if "://" in core or lowered.startswith("www.") or (at > 0 and "." in core[at + 1 :]):
        return "link" + tail
    if lowered.lstrip("(\"'\u201c\u2018") in _ABBREVIATIONS and tail.startswith("."):
        return core.replace(".", "") + tail[1:]
    if not any(c.isalnum() for c in core):
        return ""
    if "." in core or "!" in core or "?" in core:
        core = core.replace(".", "").replace("!", "").replace("?", "")
    core = core.translate(_WORD_JOINERS)
    return core + tail


def _strip_marks(line: str) -> tuple[str, str]:
    """``line`` without its Markdown heading, quote or list marks, and the kind of line."""
    kind = "text"
    for _ in range(4):
        match = _LINE_MARK.match(line)
        if match is None:
            break
        mark = match.group(1)
        if mark.startswith("#"):
            kind = "heading"
        elif mark == ">":
            kind = kind if kind != "text" else "quote"
        else:
            kind = "item"
        line = line[match.end() :].lstrip()
    return line, kind


def _starts_new_line_item(previous: str, line: str) -> bool:
    """Whether ``line`` starts a new item rather than going on with the sentence before it.

    A line that follows one without closing punctuation and starts with a
    capital, a digit or a currency sign is taken as the next line of a list
    written without marks (``Course A: $995`` then ``Course B: $1495``).
    """
    first = line[:1]
    if not first or previous.endswith((".", ",", ";", ":", "!", "?", "-", "(")):
        return False
    return first.isupper() or first.isdigit() or first in "$\u20ac\u00a3"


def _units(text: str) -> Iterator[str]:
    """The paragraphs, headings, list items and table rows of Markdown ``text``."""
    paragraph: list[str] = []
    fenced = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            fenced = not fenced
            if paragraph:
                yield " ".join(paragraph)
                paragraph = []
            continue
        if fenced:
            continue
        if not line or _RULE.fullmatch(line):
            if paragraph:
                yield " ".join(paragraph)
                paragraph = []
            continue
        if line.startswith("|"):
            if paragraph:
                yield " ".join(paragraph)
                paragraph = []
            yield line.replace("|", " ")
            continue
        line, kind = _strip_marks(line)
        if kind in ("heading", "item") and paragraph:
            yield " ".join(paragraph)
            paragraph = []
        if kind == "heading":
            yield line
            continue
        if paragraph and _starts_new_line_item(paragraph[-1], line):
            yield " ".join(paragraph)
            paragraph = []
        paragraph.append(line)
    if paragraph:
        yield " ".join(paragraph)


def plain_text(text: str) -> str:
    """``text`` made ready for a readability formula, in time linear in its length.

    Markdown links keep their text; web and e-mail addresses become ``link``;
    headings, list items, table rows and paragraphs each end a sentence, so a
    bullet list without full stops is not one long sentence; dots that do not
    end a sentence (``e.g.``, ``3.5``, ``Node.js``) go.

    >>> plain_text("## What you learn\\n\\n- Clean data, e.g. in [Excel](https://x.org)\\n- Chart it")
    'What you learn. Clean data, eg in Excel. Chart it.'
    """
    text = _LINK.sub(r"\1", text)
    sentences: list[str] = []
    for unit in _units(text):
        words = [w for w in (_clean_token(t) for t in unit.split()) if w]
        if not words:
            continue
        sentence = " ".join(words)
        if not sentence.endswith(_ENDINGS):
            sentence = sentence.rstrip(_TRAILING) + "."
        sentences.append(sentence)
    return " ".join(sentences)


@dataclass(frozen=True)
class Reading:
    """What textstat's counts and formulas make of a plain text.

    They are computed by :mod:`mcqa.checks._textcounts`, which reproduces textstat's results.
    """

    words: int
    sentences: int
    coleman_liau: float
    """The Coleman-Liau index: a US school grade from letters per word and words per sentence."""
    automated_readability: float
    """The Automated Readability Index: a US school grade from characters and sentence length."""
    english_words: int
    """How many words are common English words."""
    other_words: int
    """How many words are common words of other languages (Dutch, German, French, ...)."""
    longest_sentence: str

    @property
    def grade(self) -> float:
        """The reading grade: the mean of the two indexes."""
        return (self.coleman_liau + self.automated_readability) / 2

    @property
    def words_per_sentence(self) -> float:
        """Words per sentence, as textstat counts them."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def looks_english(self) -> bool:
        """Whether more of the words are common English words than common words of others."""
        return self.english_words >= self.other_words


def read(plain: str) -> Reading:
    """Count and score a text made by :func:`plain_text`, with textstat's English formulas.

    The counts and formulas are textstat's, reproduced in :mod:`mcqa.checks._textcounts`.

    >>> r = read(plain_text("The cat sat on the mat. It was happy there, and so was I."))
    >>> (r.words, r.sentences, r.grade < 3)
    (14, 2, True)
    """
    words = _textcounts.lexicon_count(plain)
    sentences = _textcounts.sentence_count(plain) if words else 0
    tokens = _LETTERS.findall(plain.lower())
    longest = max(_SENTENCE_END.split(plain), key=lambda s: s.count(" "), default="")
    return Reading(
        words=words,
        sentences=sentences,
        coleman_liau=_textcounts.coleman_liau_index(plain) if words else 0.0,
        automated_readability=_textcounts.automated_readability_index(plain) if words else 0.0,
        english_words=sum(1 for t in tokens if t in _ENGLISH_WORDS),
        other_words=sum(1 for t in tokens if t in _OTHER_WORDS),
        longest_sentence=longest,
    )


def _grade_words(grade: float) -> str:
    """A grade as a message gives it; the formulas run past any school grade on run-on text.

    >>> _grade_words(17.26), _grade_words(984.4)
    ('about grade 17.3', 'grade 30 or more')
    """
    if grade >= _TOP_GRADE:
        return f"grade {_TOP_GRADE} or more"
    return f"about grade {format_number(round(grade, 1))}"


def _eqf(value: object) -> int | None:
    """An EQF level 1-8 from ``5``, ``"5"`` or ``"EQF 5"``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        match = _DIGITS.search(value[:_MAX_LEVEL_CHARS])
        if match is None:
            return None
        number = int(match.group())
    else:
        return None
    return number if 1 <= number <= 8 else None


def audience_of(context: CheckContext, default: str) -> tuple[str, str, str | None]:
    """The audience a descriptor is written for, why, and a note when ``audience.level`` is unknown.

    ``audience.level`` decides when it names a known level (the plainest
    named wins: ``beginner to intermediate`` is ``beginner``); then an EQF
    ``level``; then ``default``.
    """
    descriptor = context.descriptor
    note = None
    stated = descriptor.audience.level if descriptor.audience else None
    if stated and stated.strip():
        found = [
            _LEVEL_WORDS[w]
            for w in _LETTERS.findall(stated[:_MAX_LEVEL_CHARS].lower())
            if w in _LEVEL_WORDS
        ]
        if found:
            audience = min(found, key=AUDIENCES.index)
            return audience, f"audience.level {quote(stated, limit=40)}", None
        note = (
            f"audience.level {quote(stated, limit=40)} names no level the readability check "
            f"knows ({', '.join(AUDIENCES)}), so it was not used"
        )
    level = descriptor.level
    if level is not None and (level.framework or "").strip().upper() == "EQF":
        eqf = _eqf(level.value)
        if eqf is not None:
            return _EQF_AUDIENCE[eqf], f"EQF level {eqf}", note
    return default, "no audience.level or EQF level is given", note


class Readability:
    """The description is plain enough for the readers it is written for.

    Learners, employers and advisers read the description to decide whether
    a credential is for them. This check estimates how many years of school
    a reader needs to read it with ease (a US school grade: 12 is the end of
    secondary school, 16 a bachelor's degree) and compares it with the
    audience the descriptor declares: a text for beginners should be plainer
    than one for specialists.

    The grade is the mean of two English formulas, as the textstat library
    computes them: the Coleman-Liau index and the Automated Readability Index.
    Both count letters per word and words per sentence; neither needs a
    pronouncing dictionary, so the grade is the same on every machine and
    nothing is downloaded. Before scoring, Markdown links keep only their
    text, web and e-mail addresses count as one word, hyphens and slashes
    part words, and headings, list items and paragraphs end a sentence. Only
    the first 20,000 characters are read.

    The audience comes from ``audience.level`` when it contains one of the
    words below (the plainest wins: "beginner to intermediate" is
    beginner); otherwise from an EQF ``level``; otherwise it is
    ``default_audience``. The highest grade starts at 14 for beginners (two
    grades past secondary school) and rises by 3 for each step, because the
    formulas count letters, and the vocabulary of each step up is longer but
    familiar to its readers:

    | Audience | ``audience.level`` words | EQF | Highest grade |
    |---|---|---|---|
    | beginner | beginner, novice, introductory, entry, foundation(al), basic, general public | 1-3 | 14 |
    | intermediate | intermediate, improver | 4-5 | 17 |
    | advanced | advanced, experienced, professional, practitioner, undergraduate, bachelor | 6 | 20 |
    | specialist | specialist, expert, researcher, graduate, postgraduate, master's, doctoral | 7-8 | 23 |

    Readability formulas are rough: they cannot tell a needed technical term
    from jargon, nor a clear long sentence from a muddled one. So the check
    only advises the reviewers of this hybrid standard and never fails it:

    - **warning**: a grade above the highest grade for the audience, quoting
      the longest sentence as a place to start;
    - **info**: fewer than ``min_words`` words (too few to judge); a text
      longer than 20,000 characters (only its start was read); an
      ``audience.level`` with none of the words above.

    The formulas are for English. When the descriptor's ``language`` is not
    English, or the text does not look like English (more of its words are
    common words of Dutch, German, French, Spanish, Italian, Portuguese or
    placeholder Latin than common English words), a person must judge: the
    check raises the standard for review instead of scoring. It does not
    apply when there is no text.

    **Measured on real descriptions.** Of 149 description texts from public
    credential records and course pages (Open Badges and CTDL examples,
    Dutch edubadges, catalog and lesson pages, micro-credential
    specifications), 21 went to review as not English, 57 were too short to
    score, and 8 of the 71 scored texts were flagged. A careful reading
    judged 1 of the 8 warnings wrong (12.5 %): a clear sentence that scored
    high for its long compound names. For specialists the highest grade is
    generous on purpose: with a lower one, clear course descriptions for
    graduates were flagged about as often as dense ones, so most specialist
    prose is left to the reviewer. The texts, the audiences assumed and the
    judgments are listed in ``tests/data/readability-labelled.yaml``.

    Options:

    - ``field``: JSON Pointer to the text to score (default ``/description``).
    - ``max_grade``: the highest grade per audience, any of ``beginner``,
      ``intermediate``, ``advanced``, ``specialist`` (defaults above).
    - ``default_audience``: the audience assumed when the descriptor names
      none (default ``intermediate``).
    - ``min_words``: the fewest words worth scoring (default ``20``).

    **PASS**

    ```yaml
    audience:
      level: beginner
    description: >-
      This badge shows that you can clean and chart a small data set. You
      work with real data from local firms. Each week you finish one short
      task and get feedback from a tutor.
    ```

    **FAIL**

    ```yaml
    audience:
      level: beginner
    description: >-
      This microcredential operationalises interdisciplinary methodological
      competencies, facilitating comprehensive organisational transformation
      through systematic evaluation of institutional infrastructure
      considerations and contemporary regulatory expectations.
    ```
    """

    ID: ClassVar[str] = "readability"
    ADVISORY: ClassVar[bool] = True
    """The check only advises reviewers: it never yields an error."""
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "field": {
                "description": "JSON Pointer to the text to score.",
                "type": "string",
                "pattern": "^(/([^~/]|~[01])*)*$",
                "default": "/description",
            },
            "max_grade": {
                "description": (
                    "The highest reading grade (US school years) for each audience; "
                    "audiences left out keep their defaults."
                ),
                "type": "object",
                "properties": {
                    name: {"type": "number", "minimum": 0, "maximum": _TOP_GRADE}
                    for name in AUDIENCES
                },
                "additionalProperties": False,
                "default": dict(MAX_GRADE),
            },
            "default_audience": {
                "description": "The audience assumed when the descriptor names none.",
                "enum": list(AUDIENCES),
                "default": "intermediate",
            },
            "min_words": {
                "description": "The fewest words worth scoring.",
                "type": "integer",
                "minimum": 1,
                "default": 20,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a warning when the text is harder than its audience should have to read."""
        options = context.options
        pointer = str(options.get("field", "/description"))
        limits = dict(MAX_GRADE)
        chosen = options.get("max_grade")
        if isinstance(chosen, Mapping):
            limits.update({k: float(v) for k, v in chosen.items() if k in limits})
        default = str(options.get("default_audience", "intermediate"))
        if default not in limits:
            default = "intermediate"
        min_words = int(options.get("min_words", 20))

        found, value = resolve(context.data, pointer)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = "\n\n".join(value)
        if not found or not isinstance(value, str):
            raise NotApplicable(f"there is no text at {pointer or 'the top'} to score")
        tokens = split_pointer(pointer)
        name = tokens[-1].replace("_", " ") if tokens else "text"
        language = context.descriptor.language
        if not is_english(language):
            raise NeedsReview(
                f"the descriptor's language is {language!r}; the readability formulas are "
                f"for English, so a reviewer judges whether the {name} is plain enough"
            )

        if len(value) > MAX_CHARS:
            value = value[:MAX_CHARS]
            yield Problem(
                pointer,
                f"the {name} is longer than {MAX_CHARS:,} characters; only its start was read",
                severity="info",
            )
        reading = read(plain_text(value))
        if reading.words < min_words:
            yield Problem(
                pointer,
                f"the {name} has {reading.words} word{'' if reading.words == 1 else 's'}, "
                "too few to judge its readability "
                f"(at least {min_words} are needed)",
                severity="info",
            )
            return
        if not reading.looks_english:
            raise NeedsReview(
                f"the {name} does not look like English; the readability formulas are for "
                f"English, so a reviewer judges whether the {name} is plain enough"
            )

        audience, because, note = audience_of(context, default)
        if note:
            yield Problem("/audience/level", note, severity="info")
        limit = limits[audience]
        if reading.grade > limit:
            article = "an" if audience[0] in "aeiou" else "a"
            yield Problem(
                pointer,
                f"the {name} reads at {_grade_words(reading.grade)}, above "
                f"{format_number(limit)} for {article} {audience} audience ({because}); "
                f"its sentences average {round(reading.words_per_sentence)} words. Use shorter "
                "sentences and everyday words, and explain specialist terms: start with "
                f"{quote(reading.longest_sentence, limit=80)}",
                severity="warning",
            )
