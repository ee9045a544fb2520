"""The frameworks a rubric's crosswalk may refer to, and the ids each one has.

A standard's ``crosswalk`` maps a framework key to ids within that framework.
The keys mcqa knows are listed here with every id they have, so that a
mistyped key or id is found when the rubric is checked. The ids are mcqa's
own short names (or, for Quality Matters, the numbers of specific
standards): no framework's wording is reproduced.

An institution may add its own frameworks under keys that start with ``x-``
(``x-suny``, ``x-our-policy``); their ids are not checked.

>>> FRAMEWORKS["qm"].title, FRAMEWORKS["qm"].edition
('specific standards of the Quality Matters Higher Education Rubric', 'Seventh Edition, 2023')
>>> len(FRAMEWORKS["qm"].ids), "3.6" in FRAMEWORKS["qm"].ids, "3.7" in FRAMEWORKS["qm"].ids
(44, True, False)
>>> len(EU_ANNEX_I_MANDATORY), len(FRAMEWORKS["eu-annex-ii"].ids), len(FRAMEWORKS["unesco"].ids)
(11, 10, 4)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EU_ANNEX_I_MANDATORY",
    "EU_ANNEX_I_OPTIONAL",
    "FRAMEWORKS",
    "LOCAL_PREFIX",
    "QM_SPECIFIC_STANDARDS",
    "Framework",
    "is_local",
]

#: Keys starting with this are an institution's own frameworks, never checked.
LOCAL_PREFIX = "x-"


@dataclass(frozen=True)
class Framework:
    """One framework a crosswalk can point into."""

    key: str
    """The key used in a crosswalk, e.g. ``eu-annex-i``."""
    title: str
    """What its ids are, as a plural noun phrase for messages."""
    edition: str
    """Which version of the framework the ids belong to."""
    ids: tuple[str, ...]
    """Every id the framework has, in its own order."""


#: The elements Annex I of Council Recommendation 2022/C 243/02 asks every
#: microcredential to describe.
EU_ANNEX_I_MANDATORY: tuple[str, ...] = (
    "learner-identity",
    "title",
    "country-region",
    "awarding-body",
    "date-of-issuing",
    "learning-outcomes",
    "notional-workload",
    "level",
    "type-of-assessment",
    "form-of-participation",
    "type-of-quality-assurance",
)

#: The elements Annex I lists as optional.
EU_ANNEX_I_OPTIONAL: tuple[str, ...] = (
    "prerequisites",
    "supervision-and-identity-verification",
    "grade",
    "integration-and-stackability",
    "further-information",
)

#: The principles of Annex II of the same Recommendation.
_EU_ANNEX_II: tuple[str, ...] = (
    "quality",
    "transparency",
    "relevance",
    "valid-assessment",
    "learning-pathways",
    "recognition",
    "portable",
    "learner-centred",
    "authentic",
    "information-and-guidance",
)

#: The four parts of UNESCO's 2022 definition of a microcredential.
_UNESCO: tuple[str, ...] = (
    "focused-achievement",
    "assessed-by-trusted-provider",
    "stand-alone-or-stackable",
    "meets-quality-standards",
)

#: How many specific standards each of the eight General Standards of the
#: Quality Matters Higher Education Rubric, Seventh Edition (2023), has:
#: 44 in all, numbered 1.1 to 8.7.
QM_SPECIFIC_STANDARDS: dict[int, int] = {1: 9, 2: 5, 3: 6, 4: 5, 5: 4, 6: 4, 7: 4, 8: 7}

FRAMEWORKS: dict[str, Framework] = {
    framework.key: framework
    for framework in (
        Framework(
            "eu-annex-i",
            "elements of Annex I of the EU Council Recommendation on microcredentials",
            "2022/C 243/02, 16 June 2022",
            EU_ANNEX_I_MANDATORY + EU_ANNEX_I_OPTIONAL,
        ),
        Framework(
            "eu-annex-ii",
            "principles of Annex II of the EU Council Recommendation on microcredentials",
            "2022/C 243/02, 16 June 2022",
            _EU_ANNEX_II,
        ),
        Framework(
            "unesco",
            "parts of UNESCO's definition of a microcredential",
            "2022",
            _UNESCO,
        ),
        Framework(
            "qm",
            "specific standards of the Quality Matters Higher Education Rubric",
            "Seventh Edition, 2023",
            tuple(
                f"{general}.{specific}"
                for general, count in QM_SPECIFIC_STANDARDS.items()
                for specific in range(1, count + 1)
            ),
        ),
    )
}


def is_local(key: str) -> bool:
    """True for an institution's own framework key, such as ``x-suny``.

    >>> is_local("x-suny"), is_local("qm"), is_local("x-")
    (True, False, False)
    """
    return key.startswith(LOCAL_PREFIX) and len(key) > len(LOCAL_PREFIX)
