"""Word, sentence and letter counts and two reading grades, as textstat computes them.

These functions reproduce the English counting of textstat 0.7 (its default
settings: no rounding, apostrophes of contractions kept inside words) for the
four measures the readability check uses, so that mcqa need not import
textstat, and the nltk it imports, at run time. The results are the same, to
the last bit of every float; the test suite checks them against textstat.

>>> text = "The cat sat on the mat. It was happy there, and so was I."
>>> lexicon_count(text), sentence_count(text)
(14, 2)
>>> round(coleman_liau_index(text), 4), round(automated_readability_index(text), 4)
(-3.0429, -3.1271)
"""

from __future__ import annotations

import re

__all__ = [
    "automated_readability_index",
    "coleman_liau_index",
    "lexicon_count",
    "sentence_count",
]

#: An apostrophe that does not start the ending of an English contraction
#: (``'t``, ``'s``, ``'d``, ``'ve``, ``'ll``, ``'re``); it is punctuation.
_LOOSE_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
#: Punctuation, apostrophes of contractions apart.
_PUNCTUATION = re.compile(r"[^\w\s']")
#: Anything but a word character (a letter, digit or underscore of any script).
_NOT_LETTER = re.compile(r"\W")
_SPACE = re.compile(r"\s")
#: A sentence: from a word boundary up to and with its closing ``.``, ``!`` or ``?`` marks.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
#: Sentences of this many words or fewer are not counted (but a text has at least one).
_SHORTEST_IGNORED = 2


def lexicon_count(text: str) -> int:
    """The number of words: what is left between spaces once punctuation goes.

    Apostrophes of contractions stay (``don't`` is one word), hyphenated
    words are one word, numbers are words; a token of punctuation alone is
    no word.

    >>> lexicon_count("Don't stop - self-paced, 3 weeks!")
    5
    >>> lexicon_count(""), lexicon_count("... ' !")
    (0, 0)
    """
    text = _LOOSE_APOSTROPHE.sub("", text)
    return len(_PUNCTUATION.sub("", text).split())


def sentence_count(text: str) -> int:
    """The number of sentences of three words or more: 0 for an empty text, else at least 1.

    A sentence runs from a word boundary to the next ``.``, ``!`` or ``?``
    marks (or the end of the text).

    >>> sentence_count("Learn to code. Now! Build, test and ship a small web app.")
    2
    >>> sentence_count(""), sentence_count("Hi."), sentence_count(" ")
    (0, 1, 1)
    """
    if not text:
        return 0
    sentences = _SENTENCE.findall(text)
    ignored = sum(1 for s in sentences if lexicon_count(s) <= _SHORTEST_IGNORED)
    return max(1, len(sentences) - ignored)


def _letter_count(text: str) -> int:
    """The number of word characters: letters and digits of any script, and ``_``.

    >>> _letter_count("It's 3.5 km - a walk.")
    12
    """
    return len(_NOT_LETTER.sub("", text))


def _char_count(text: str) -> int:
    """The number of characters that are not white space.

    >>> _char_count("It's 3.5 km -\\ta walk.")
    16
    """
    return len(_SPACE.sub("", text))


def coleman_liau_index(text: str) -> float:
    """The Coleman-Liau index: 0.058 L - 0.296 S - 15.8.

    L is letters and S sentences per 100 words; 0.0 when the text has no
    word, no letter or no sentence.

    >>> round(coleman_liau_index("The cat sat on the mat. The dog ran after it."), 4)
    -3.7818
    >>> coleman_liau_index(""), coleman_liau_index("...")
    (0.0, 0.0)
    """
    words = lexicon_count(text)
    if not words:
        return 0.0
    letters = _letter_count(text) / words * 100
    sentences = sentence_count(text) / words * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def automated_readability_index(text: str) -> float:
    """The Automated Readability Index: 4.71 C + 0.5 W - 21.43.

    C is characters (all but white space) per space-separated token, W
    words per sentence; 0.0 when either is 0.

    >>> round(automated_readability_index("The cat sat on the mat. The dog ran after it."), 4)
    -3.6936
    >>> automated_readability_index(""), automated_readability_index("...")
    (0.0, 0.0)
    """
    tokens = len(text.split())
    chars_per_word = _char_count(text) / tokens if tokens else 0.0
    sentences = sentence_count(text)
    words_per_sentence = lexicon_count(text) / sentences if sentences else 0.0
    if chars_per_word == 0 or words_per_sentence == 0:
        return 0.0
    return (4.71 * chars_per_word) + (0.5 * words_per_sentence) - 21.43
