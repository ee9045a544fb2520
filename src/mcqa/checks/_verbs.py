"""Action verbs of Bloom's revised taxonomy, and verbs that cannot be observed.

The six levels of the revised taxonomy (Anderson and Krathwohl, 2001) are
``remember``, ``understand``, ``apply``, ``analyze``, ``evaluate`` and
``create``. Each level here has a set of verbs that describe something a
learner visibly does at that level; a verb may belong to more than one level
(``compare`` is used both to understand and to analyze). The lists are the
project's own selection of verbs in common use in outcome-writing guides.

British spellings (``analyse``, ``organise``, ``summarise``, ``practise``) are
added automatically.

>>> levels_of("summarise")
('understand',)
>>> levels_of("compare")
('understand', 'analyze')
>>> levels_of("know")
()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = [
    "BLOOM_LEVELS",
    "BLOOM_VERBS",
    "SUGGESTED_VERBS",
    "UNMEASURABLE_VERBS",
    "all_action_verbs",
    "british_variants",
    "levels_of",
    "suggestions_for",
]

#: Bloom's revised taxonomy, lowest level first.
BLOOM_LEVELS: tuple[str, ...] = ("remember", "understand", "apply", "analyze", "evaluate", "create")

_US_VERBS: dict[str, str] = {
    "remember": """
        arrange cite count define duplicate enumerate find identify indicate label list
        locate match memorize name quote recall recite recognize record repeat reproduce
        retrieve select state tabulate tell
    """,
    "understand": """
        associate characterize clarify classify compare contrast convert describe discuss
        distinguish estimate exemplify explain express extend extrapolate generalize give
        illustrate infer interpret outline paraphrase predict relate report rephrase
        represent restate review summarize translate
    """,
    "apply": """
        adapt administer apply calculate carry chart collaborate collect communicate complete
        compute conduct configure coordinate demonstrate deploy determine dramatize employ
        execute facilitate follow handle implement install interview lead manage manipulate
        measure model modify navigate negotiate operate perform practice prepare present
        process run schedule set show simulate sketch solve teach transfer use utilize
    """,
    "analyze": """
        analyze attribute audit break categorize compare contrast correlate debug
        deconstruct detect diagnose diagram differentiate discriminate dissect distinguish
        examine experiment infer inspect investigate map organize outline prioritize query
        question relate research separate structure subdivide survey test trace troubleshoot
    """,
    "evaluate": """
        appraise argue assess check choose conclude critique criticize decide defend
        evaluate grade judge justify measure monitor prioritize rank rate recommend reflect
        score select support test validate verify weigh
    """,
    "create": """
        assemble author build code combine compile compose construct create design develop
        devise draft formulate generate hypothesize integrate invent make originate plan
        produce program propose prototype rearrange reconstruct reorganize revise rewrite
        synthesize write
    """,
}

_EXTRA_BRITISH = {"practice": "practise", "program": "programme"}


def british_variants(verbs: Iterable[str]) -> set[str]:
    """``verbs`` with their British spellings added.

    >>> sorted(british_variants(["analyze", "organize", "size"]))
    ['analyse', 'analyze', 'organise', 'organize', 'size']
    """
    out: set[str] = set()
    for verb in verbs:
        out.add(verb)
        if verb.endswith("yze"):
            out.add(verb[:-3] + "yse")
        elif verb.endswith("ize") and len(verb) > 5:
            out.add(verb[:-3] + "ise")
        if verb in _EXTRA_BRITISH:
            out.add(_EXTRA_BRITISH[verb])
    return out


#: Action verbs by level (read-only).
BLOOM_VERBS: Mapping[str, frozenset[str]] = MappingProxyType(
    {level: frozenset(british_variants(_US_VERBS[level].split())) for level in BLOOM_LEVELS}
)

#: The classic verbs and phrases that name a state of mind rather than something
#: a learner does, so an assessor cannot observe them.
UNMEASURABLE_VERBS: tuple[str, ...] = (
    "understand",
    "know",
    "learn",
    "appreciate",
    "be aware of",
    "become aware of",
    "be familiar with",
    "become familiar with",
    "be acquainted with",
    "become acquainted with",
    "be exposed to",
    "be introduced to",
    "comprehend",
    "realize",
    "realise",
    "grasp",
    "gain knowledge of",
    "gain an understanding of",
    "gain an appreciation of",
    "develop an understanding of",
    "develop an appreciation of",
    "have knowledge of",
    "have an understanding of",
    "believe",
    "internalize",
    "internalise",
)

#: Observable verbs to suggest instead of an unmeasurable one, by its first word.
SUGGESTED_VERBS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "understand": ("explain", "summarize", "compare"),
        "comprehend": ("explain", "summarize", "compare"),
        "grasp": ("explain", "summarize", "compare"),
        "realize": ("explain", "describe", "identify"),
        "realise": ("explain", "describe", "identify"),
        "know": ("define", "list", "describe"),
        "be": ("identify", "describe", "explain"),
        "become": ("identify", "describe", "explain"),
        "have": ("define", "describe", "explain"),
        "gain": ("explain", "describe", "apply"),
        "develop": ("explain", "describe", "apply"),
        "learn": ("apply", "demonstrate", "use"),
        "appreciate": ("justify", "assess", "argue"),
        "believe": ("justify", "defend", "argue"),
        "internalize": ("demonstrate", "justify", "apply"),
        "internalise": ("demonstrate", "justify", "apply"),
    }
)

_DEFAULT_SUGGESTIONS = ("describe", "explain", "apply")


def suggestions_for(phrase: str) -> tuple[str, ...]:
    """Observable verbs to offer instead of an unmeasurable ``phrase``.

    >>> suggestions_for("be aware of")
    ('identify', 'describe', 'explain')
    """
    words = phrase.lower().split()
    return SUGGESTED_VERBS.get(words[0], _DEFAULT_SUGGESTIONS) if words else _DEFAULT_SUGGESTIONS


def all_action_verbs() -> frozenset[str]:
    """Every verb of every level."""
    return frozenset().union(*BLOOM_VERBS.values())


def levels_of(verb: str) -> tuple[str, ...]:
    """The levels whose lists hold ``verb`` (lower case), lowest first."""
    return tuple(level for level in BLOOM_LEVELS if verb in BLOOM_VERBS[level])
