"""``mcqa.checks._textcounts`` gives textstat's results, so mcqa need not import textstat.

textstat is a test dependency only: every count and grade here is compared
with what textstat 0.7 (default settings) says of the same text, on
generated texts and on every description in the public corpus beside the
repository (``../shared/corpus/real``; those tests are skipped without it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import textstat  # type: ignore[import-untyped]
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcqa.checks import _textcounts
from mcqa.checks.readability import plain_text, read

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"
DATA_SUFFIXES = (".json", ".jsonld", ".yaml", ".yml")
MIN_DESCRIPTIONS = 100  # the corpus holds about 700; far fewer means the walk broke

MEASURES: dict[str, tuple[Callable[[str], Any], Callable[[str], Any]]] = {
    "lexicon_count": (_textcounts.lexicon_count, textstat.lexicon_count),
    "sentence_count": (_textcounts.sentence_count, textstat.sentence_count),
    "coleman_liau_index": (_textcounts.coleman_liau_index, textstat.coleman_liau_index),
    "automated_readability_index": (
        _textcounts.automated_readability_index,
        textstat.automated_readability_index,
    ),
}


def differences(text: str) -> dict[str, tuple[Any, Any]]:
    """The measures where mcqa and textstat disagree on ``text``: name -> (mcqa, textstat)."""
    found = {}
    for name, (ours, theirs) in MEASURES.items():
        mine, expected = ours(text), theirs(text)
        # Exact: the same float operations in the same order give the same bits.
        if mine != expected or type(mine) is not type(expected):
            found[name] = (mine, expected)
    return found


# --- Generated texts -------------------------------------------------------------------


def spaced(items: str) -> list[str]:
    """The items of a space-separated list."""
    return items.split()


#: ASCII and other letters (a dotless and a dotted i, Greek, Cyrillic, Chinese, Arabic) and ``_``.
LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "\u00e9\u00df\u00fc\u00f8\u0131\u0130\u03a9\u0436\u4e2d\u0627_"
)
#: Contractions, quotes, hyphens, dots inside words, numbers, accents (one combining), ...
SAMPLE_WORDS = spaced(
    "the a I data don't it's we've they'll you're she'd o'clock rock'n'roll 'quoted' "
    "self-paced e.g. Node.js 3.5 2026 caf\u00e9 na\u00efve e\u0301t\u00e9 \u00fcber "
    "\u0661\u0662 snake_case it\u2019s"
)
WORDS = st.one_of(st.sampled_from(SAMPLE_WORDS), st.text(alphabet=LETTERS, min_size=1, max_size=12))
PUNCTUATION = st.sampled_from(
    [*".!?;:,'-", *spaced("... ?! 's 't 'd 've 'll 're '' \u2019 \" ( ) / \u2014")]
)
DIGITS = st.from_regex(r"[0-9]{1,4}([.,][0-9]{1,3})?", fullmatch=True)
SPACES = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\x1c"])
TEXTS = st.lists(st.one_of(WORDS, WORDS, PUNCTUATION, DIGITS, SPACES), max_size=80).map("".join)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(TEXTS)
def test_the_counts_are_textstats_on_mixed_text(text: str) -> None:
    assert differences(text) == {}


@PROPERTY
@given(st.text(max_size=200))
def test_the_counts_are_textstats_on_any_text(text: str) -> None:
    assert differences(text) == {}


@PROPERTY
@given(TEXTS)
def test_the_counts_are_textstats_on_prepared_text(text: str) -> None:
    plain = plain_text(text)
    assert differences(plain) == {}
    reading = read(plain)
    words = textstat.lexicon_count(plain)
    assert reading.words == words
    assert reading.sentences == (textstat.sentence_count(plain) if words else 0)
    assert reading.coleman_liau == (textstat.coleman_liau_index(plain) if words else 0.0)
    assert reading.automated_readability == (
        textstat.automated_readability_index(plain) if words else 0.0
    )


# --- Edge cases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n",
        ".",
        "...",
        "?!",
        "' ' '",
        "'s",
        "Hi.",
        "Hi",
        "Yes. No. Maybe so.",
        "No end to this sentence at all",
        "Two words. Then a longer sentence follows here. Ok!",
        "Don't stop: it's self-paced, and we'll help you're sure.",
        "'Quoted', he said. Rock'n'roll isn't dead.",
        "It takes 2.5 hours, 3 days or 1,000 minutes!!!",
        "A \u2014 dash, a - hyphen, and a slash/here.",
        "Caf\u00e9 \u00fcber na\u00efve \u00e9t\u00e9. \u4e2d\u6587 text here.",
        "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 and \u0395\u03bb\u03bb\u03ac\u03b4\u03b1 too.",
        "snake_case words_with underscores count as letters.",
        "\u0661\u0662\u0663 digits of other scripts are letters too.",
        "...leading dots and then words here.",
        "Tabs\tand\u00a0non-breaking\u2028spaces split words here.",
        "It\u2019s a curly apostrophe; is it punctuation?",
    ],
)
def test_edge_cases_agree_with_textstat(text: str) -> None:
    assert differences(text) == {}


def test_what_textstat_does_that_is_easy_to_miss() -> None:
    # Punctuation goes before counting words, but a contraction's apostrophe stays.
    assert _textcounts.lexicon_count("- , 's 'x") == 2
    # Sentences of two words or fewer are not counted, but a text has at least one.
    assert _textcounts.sentence_count("Hi there. Ok. This one counts.") == 1
    assert _textcounts.sentence_count("Hi.") == 1
    assert _textcounts.sentence_count("") == 0
    # ARI divides characters by space-separated tokens, the lone "-" included (16 / 5),
    # but words per sentence by words without punctuation (4 / 1).
    ari = (4.71 * (16 / 5)) + (0.5 * (4 / 1)) - 21.43
    assert _textcounts.automated_readability_index("Go - now, please go.") == ari
    assert textstat.automated_readability_index("Go - now, please go.") == ari


# --- Real descriptions -----------------------------------------------------------------


def _descriptions(data: Any) -> Iterator[str]:
    """Every string under a ``description`` key (or ``ctdl:description``), in language maps too."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and key.rpartition(":")[2] == "description":
                if isinstance(value, str):
                    yield value
                elif isinstance(value, dict | list):
                    items = value.values() if isinstance(value, dict) else value
                    yield from (v for v in items if isinstance(v, str))
            yield from _descriptions(value)
    elif isinstance(data, list):
        for item in data:
            yield from _descriptions(item)


def _load(path: Path) -> Any:
    """A corpus file's data (YAML reads the JSON examples with raw line breaks in strings)."""
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return None  # not valid upstream either (kept as found; see SOURCES.md)


def corpus_descriptions() -> list[tuple[str, str]]:
    """(file, description) for every description in the corpus, in file order."""
    found = []
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix in DATA_SUFFIXES and path.is_file():
            name = path.relative_to(CORPUS).as_posix()
            found.extend((name, text) for text in _descriptions(_load(path)))
    return found


@pytest.fixture(scope="module")
def descriptions() -> list[tuple[str, str]]:
    if not CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {CORPUS} (not present in this clone)")
    found = corpus_descriptions()
    assert len(found) >= MIN_DESCRIPTIONS
    return found


@pytest.mark.parametrize("prepare", [plain_text, str], ids=["prepared for scoring", "as written"])
def test_real_descriptions_agree_with_textstat(
    descriptions: list[tuple[str, str]], prepare: Callable[[str], str]
) -> None:
    wrong = {
        f"{name}: {text[:60]!r}": found
        for name, text in descriptions
        if (found := differences(prepare(text)))
    }
    assert wrong == {}
