"""The fast search for the first placeholder finds what the full search finds first.

:func:`find_placeholder` skips patterns that cannot match (by the strings each
needs) and reads only the first match of each source; these properties hold it
to :func:`iter_placeholder_spans`, the plain definition.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mcqa.checks._walk import iter_strings, shared_walks
from mcqa.checks.placeholders import (
    _INSTRUCTIONS,
    _LABELS,
    _ONE_WORD_INSTRUCTIONS,
    _ONE_WORD_LABELS,
    compile_patterns,
    find_placeholder,
    iter_placeholder_spans,
    iter_placeholders,
)

#: Pieces that make the built-in rules fire (and nearly fire), with ordinary words.
PIECES = [
    "[University Name]",
    "<Start Date>",
    "«Titel»",
    "{{ name }}",
    "${x}",
    "%s",
    "TBD",
    "tbc",
    "FIXME",
    "XXX",
    "T.B.A.",
    "N.N.",
    "N/A",
    "Lorem ipsum",
    "click here",
    "Klicken Sie",
    "Name of the institution",
    "Title of the Qualification",
    "Your course title",
    "Course Title",
    "Kurstitel",
    "Placeholder",
    "???",
    "DD/MM/YYYY",
    "insert.here",
    "Insert course title",
    "Enter the name here",
    "Text hier eingeben",
    "Saisir le titre ici",
    "Replace with first name",
    "TODO",
    "todo",
    "`{{ code }}`",
    "<code>TBD</code>",
    "Learners",
    "insert a catheter",
    "data",
    "cleaning",
    "the",
    "X",
    "x",
    "N.",
    "t.",
    "%",
    "{{",
    "Name of",
    "Your ",
    "é",
    "Ünïcödé",
    "2026",
    ":",
    "-",
    "*",
    ".",
    "(",
    ")",
]
SEPARATORS = st.sampled_from([" ", "", "\n", "\n\n", "- ", "\t", ". ", ", "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(PIECES), max_size=8))
    out = ""
    for part in parts:
        out += draw(SEPARATORS) + part
    return out + draw(SEPARATORS)


def first_by_definition(
    text: str, language: str | None, extra: tuple[re.Pattern[str], ...]
) -> str | None:
    for start, end in iter_placeholder_spans(text, language=language, extra=extra):
        return text[start:end]
    return None


EXTRAS = [(), tuple(compile_patterns(("coming soon", r"\bdata\b")))]


@settings(max_examples=600, deadline=None)
@given(
    st.one_of(texts(), st.text(max_size=60)),
    st.sampled_from([None, "en", "de", "fr-CA"]),
    st.sampled_from(EXTRAS),
)
def test_find_placeholder_is_the_first_span(
    text: str, language: str | None, extra: tuple[re.Pattern[str], ...]
) -> None:
    assert find_placeholder(text, extra, language=language) == first_by_definition(
        text, language, extra
    )


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "a/b", "c~d", "x"]), texts(), max_size=4))
def test_shared_walks_change_nothing(data: dict[str, str]) -> None:
    tree = {"outer": data, "list": list(data.values()), "extensions": {"x": "TBD"}}
    alone = (list(iter_strings(tree)), list(iter_placeholders(tree, language=None)))
    with shared_walks():
        shared = (list(iter_strings(tree)), list(iter_placeholders(tree, language=None)))
        again = (list(iter_strings(tree)), list(iter_placeholders(tree, language=None)))
    assert alone == shared == again


def test_only_the_listed_phrases_fill_text_without_a_space() -> None:
    # A phrase that can match a single word must be in the one-word lists, which
    # the fast path tries on values without a space; the rest need a space.
    one_word = {*_ONE_WORD_LABELS, *_ONE_WORD_INSTRUCTIONS}
    samples = {
        _INSTRUCTIONS[3]: "placeholder",
        _INSTRUCTIONS[5]: "???",
        _INSTRUCTIONS[7]: "insert.here",
        _INSTRUCTIONS[9]: "dd/mm/yyyy",
        _LABELS[4]: "kurstitel",
    }
    assert set(samples) == one_word
    for pattern, sample in samples.items():
        assert re.fullmatch(pattern, sample, re.IGNORECASE), pattern
    for pattern in (*_LABELS, *_INSTRUCTIONS):
        if pattern not in one_word:
            # every other phrase holds a literal space outside any character class
            outside = re.sub(r"\[[^\]]*\]", "", pattern)
            assert " " in outside, pattern
