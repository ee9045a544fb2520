"""Reviewer agreement statistics: ``mcqa.agreement``.

The published worked examples below are reproduced to three decimals; each one
names its source. The data tables were transcribed from those sources (or, where
said, from a package that transcribed them) and every value was also recomputed
independently: by hand where the arithmetic is short (shown in the comment), and
by the brute-force pairwise definition of alpha in ``_alpha_by_pairs`` below.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa.agreement import (
    Agreement,
    Label,
    Level,
    category_counts,
    cohens_kappa,
    fleiss_kappa,
    interpret_alpha,
    interpret_kappa,
    kappa_paradox,
    krippendorff_alpha,
    percent_agreement,
    summarize,
)

NA = None

Table = list[list[Label | None]]


def _units(observers: Sequence[Sequence[Label | None]]) -> Table:
    """Published reliability data are observers x units; the library takes units x raters."""
    return [list(unit) for unit in zip(*observers, strict=True)]


def _ratings_from_counts(table: Sequence[Sequence[int]]) -> Table:
    """Expand a units x categories count table into units x raters (category indexes)."""
    return [[j for j, count in enumerate(row) for _ in range(count)] for row in table]


# -- Krippendorff's alpha: published examples ------------------------------------------

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability." Annenberg
# School for Communication, Departmental Papers (ASC) 43, University of Pennsylvania:
# the worked example with four observers (A-D), twelve units and missing values. The
# paper reports alpha = .743 (nominal), .815 (ordinal), .849 (interval). The same data
# and values are in Krippendorff, K. (2018). Content Analysis: An Introduction to Its
# Methodology, 4th ed., Sage, ch. 12, p. 290, and are the reference values used by the
# R package icr (tests/tinytest/test_icr.R), by Python's krippendorff package (ordinal
# .815) and by Stata's kalpha help file (same matrix). Unit 12 has a single value and
# so drops out.
KRIPPENDORFF_2011 = _units(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],  # observer A
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],  # observer B
        [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],  # observer C
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],  # observer D
    ]
)


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)],
)
def test_krippendorff_2011_four_observers_missing_data(level: Level, published: float) -> None:
    # Source: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    # four-observer example with missing data; Krippendorff (2018), p. 290.
    # Hand check of the nominal value: the coincidence matrix has diagonal
    # o_11 = 7, o_22 = 10, o_33 = 8, o_44 = 4, o_55 = 3 and off-diagonal cells
    # o_12 = o_23 = 4/3, o_13 = o_14 = o_24 = o_34 = 1/3 (each twice, by symmetry),
    # so n = 40 with n_1..n_5 = 9, 13, 10, 5, 3 and off-diagonal mass 8:
    # alpha = 1 - (n - 1) * 8 / (n^2 - sum n_c^2) = 1 - 39 * 8 / 1216 = .7434.
    alpha = krippendorff_alpha(KRIPPENDORFF_2011, level)
    assert alpha is not None
    assert round(alpha, 3) == published


def test_krippendorff_2011_nominal_exact_value() -> None:
    # The hand computation above, exactly: 1 - 39 * 8 / 1216 = 1 - 312/1216.
    assert krippendorff_alpha(KRIPPENDORFF_2011) == float(1 - Fraction(312, 1216))


def test_krippendorff_2011_binary_two_observers() -> None:
    # Source: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
    # first worked example: binary data, two observers, ten units, no missing data;
    # published alpha = 0.095. (The matrix was written down from memory of the paper:
    # no copy was at hand to check it against, but it gives the published value.)
    # Hand check: the coincidence matrix is o_00 = 10,
    # o_01 = o_10 = 4, o_11 = 2, so n_0 = 14, n_1 = 6, n = 20 and
    # alpha = 1 - (n - 1) * o_01 / (n_0 * n_1) = 1 - 19 * 4 / 84 = 0.0952.
    data = _units(
        [
            [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],  # first observer
            [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],  # second observer
        ]
    )
    alpha = krippendorff_alpha(data)
    assert alpha is not None
    assert round(alpha, 3) == 0.095
    assert alpha == pytest.approx(1 - 19 * 4 / 84)


@pytest.mark.parametrize(("level", "published"), [("nominal", 0.691), ("interval", 0.811)])
def test_wikipedia_krippendorff_computational_example(level: Level, published: float) -> None:
    # Source: Wikipedia, "Krippendorff's alpha", section "A computational example"
    # (three coders, fifteen units, missing values): alpha = 0.691 (nominal) and
    # 0.811 (interval). The same table and values are the reference data of the
    # krippendorff (PyPI) and icr (CRAN) packages' tests (0.691358, 0.810845).
    data = _units(
        [
            [NA, NA, NA, NA, NA, 3, 4, 1, 2, 1, 1, 3, 3, NA, 3],  # coder A
            [1, NA, 2, 1, 3, 3, 4, 3, NA, NA, NA, NA, NA, NA, NA],  # coder B
            [NA, NA, 2, 1, 3, 4, 4, NA, 2, 1, 1, 3, 3, NA, 4],  # coder C
        ]
    )
    alpha = krippendorff_alpha(data, level)
    assert alpha is not None
    assert round(alpha, 3) == published


# Hayes, A. F., & Krippendorff, K. (2007). "Answering the call for a standard reliability
# measure for coding data." Communication Methods and Measures 1(1), 77-89: the example
# of 40 units coded by five observers with missing values, for which the paper's SPSS
# macro output reports ordinal alpha = .7598. Table transcribed as in the icr package's
# test data (hayes-krippendorff-2007.csv), which also checks nominal alpha = .4765.
HAYES_KRIPPENDORFF_2007: Table = [
    [1, 1, 2, NA, 2], [1, 1, 0, 1, NA], [2, 3, 3, 3, NA], [NA, 0, 0, NA, 0],
    [0, 0, 0, NA, 0], [0, 0, 0, NA, 0], [1, 0, 2, NA, 1], [1, NA, 2, 0, NA],
    [2, 2, 2, NA, 2], [2, 1, 1, 1, NA], [NA, 1, 0, 0, NA], [0, 0, 0, 0, NA],
    [1, 2, 2, 2, NA], [3, 3, 2, 2, 3], [1, 1, 1, NA, 1], [1, 1, 1, NA, 1],
    [2, 1, 2, NA, 2], [1, 2, 3, 3, NA], [1, 1, 0, 1, NA], [0, 0, 0, NA, 0],
    [0, 0, 1, 1, NA], [0, 0, NA, 0, 0], [2, 3, 3, 3, NA], [0, 0, 0, 0, NA],
    [1, 2, NA, 2, 2], [0, 1, 1, 1, NA], [0, 0, 0, 1, 0], [1, 2, 1, 2, NA],
    [1, 1, 2, 2, NA], [1, 1, 2, NA, 2], [1, 1, 0, NA, 0], [2, 1, 2, 1, NA],
    [2, 2, NA, 2, 2], [3, 2, 2, 2, NA], [2, 2, 2, NA, 2], [2, 2, 3, NA, 2],
    [2, 2, 2, NA, 2], [2, 2, NA, 1, 2], [2, 2, 2, 2, NA], [1, 1, 1, NA, 1],
]  # fmt: skip


def test_hayes_krippendorff_2007_ordinal() -> None:
    # Source: Hayes & Krippendorff (2007), Communication Methods and Measures 1(1),
    # the worked example (ordinal alpha = .7598 in the macro's output).
    alpha = krippendorff_alpha(HAYES_KRIPPENDORFF_2007, "ordinal")
    assert alpha is not None
    assert round(alpha, 4) == 0.7598
    nominal = krippendorff_alpha(HAYES_KRIPPENDORFF_2007, "nominal")
    assert nominal is not None
    assert round(nominal, 4) == 0.4765


# -- Fleiss' kappa: published examples -------------------------------------------------

# Wikipedia, "Fleiss' kappa", section "Worked example": 10 subjects, 5 categories,
# 14 raters per subject; P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210. The same
# table is statsmodels' reference (statsmodels/stats/tests/test_inter_rater.py).
WIKIPEDIA_FLEISS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_wikipedia_worked_example() -> None:
    # Source: Wikipedia, "Fleiss' kappa", "Worked example" (kappa = 0.210).
    kappa = fleiss_kappa(WIKIPEDIA_FLEISS)
    assert kappa is not None
    assert round(kappa, 3) == 0.210
    # The intermediate values printed with the example: P-bar (the mean share of
    # agreeing pairs, i.e. percent agreement) = 0.378 and P-bar_e = 0.213.
    ratings = _ratings_from_counts(WIKIPEDIA_FLEISS)
    p_bar = percent_agreement(ratings)
    assert p_bar is not None
    assert round(p_bar, 3) == 0.378
    totals = [sum(column) for column in zip(*WIKIPEDIA_FLEISS, strict=True)]
    p_e = sum((t / 140) ** 2 for t in totals)
    assert round(p_e, 3) == 0.213


# Fleiss, J. L. (1971). "Measuring nominal scale agreement among many raters."
# Psychological Bulletin 76(5), 378-382: 30 patients, each diagnosed by 6 of the
# psychiatrists into 5 categories (depression, personality disorder, schizophrenia,
# neurosis, other); the paper reports kappa = .430. Fleiss prints the table as counts
# per category (column totals 26, 26, 30, 55, 43 of 180); the per-rater form below is the
# `diagnoses` data set of R's irr package, as transcribed in statsmodels' tests
# (statsmodels/stats/tests/test_inter_rater.py, which also checks 0.4302445).
FLEISS_1971_DIAGNOSES: Table = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]  # fmt: skip


def test_fleiss_1971_diagnoses() -> None:
    # Source: Fleiss (1971), Psychological Bulletin 76(5), the 30-patient example
    # (kappa = .430).
    table = category_counts(FLEISS_1971_DIAGNOSES, categories=[1, 2, 3, 4, 5])
    totals = [sum(column) for column in zip(*table, strict=True)]
    assert totals == [26, 26, 30, 55, 43]
    assert [round(t / 180, 3) for t in totals] == [0.144, 0.144, 0.167, 0.306, 0.239]
    kappa = fleiss_kappa(table)
    assert kappa is not None
    assert round(kappa, 3) == 0.430
    assert summarize(FLEISS_1971_DIAGNOSES).fleiss_kappa == kappa


# -- Cohen's kappa: published example --------------------------------------------------


def test_cohen_wikipedia_grant_example() -> None:
    # Source: Wikipedia, "Cohen's kappa", section "Simple example": 50 grant
    # applications read by A and B; 20 yes/yes, 5 A-yes/B-no, 10 A-no/B-yes,
    # 15 no/no. p_o = 35/50 = 0.70; A says yes 25/50, B 30/50, so
    # p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.50 and kappa = (0.70 - 0.50) / 0.50 = 0.40.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10
    pairs += [("no", "no")] * 15
    a = [x for x, _y in pairs]
    b = [y for _x, y in pairs]
    kappa = cohens_kappa(a, b)
    assert kappa is not None
    assert round(kappa, 3) == 0.400
    assert percent_agreement([list(p) for p in pairs]) == pytest.approx(0.70)
    assert interpret_kappa(kappa) == "fair"


# -- edge cases ------------------------------------------------------------------------


def test_perfect_agreement_over_several_categories_is_one() -> None:
    ratings = [["met", "met"], ["not_met", "not_met"], ["not_applicable", "not_applicable"]]
    summary = summarize(ratings)
    assert summary.percent_agreement == 1.0
    assert summary.cohens_kappa == 1.0
    assert summary.fleiss_kappa == 1.0
    assert summary.krippendorff_alpha == 1.0
    assert summary.cohens_kappa_band == "almost perfect"
    assert summary.alpha_verdict == "reliable"
    assert summary.warning is None


def test_everyone_rating_everything_met_leaves_kappa_and_alpha_undefined() -> None:
    ratings = [["met", "met", "met"]] * 5
    summary = summarize(ratings)
    assert summary.percent_agreement == 1.0
    assert summary.cohens_kappa is None  # three raters: not Cohen's case anyway
    assert summary.fleiss_kappa is None  # expected agreement is 1
    assert summary.krippendorff_alpha is None  # expected disagreement is 0
    assert summary.fleiss_kappa_band is None
    assert summary.alpha_verdict is None
    assert summary.paradox is False  # kappa is undefined, not low
    assert summary.warning is not None
    assert "cannot be computed" in summary.warning
    assert cohens_kappa(["met"] * 4, ["met"] * 4) is None


def test_missing_ratings() -> None:
    # Units rated by only one rater count for nothing; the rest are compared.
    full: Table = [["met", "met"], ["met", "not_met"], ["not_met", "not_met"]]
    gappy: Table = [*full, ["met", None], [None, "not_met"], [None, None]]
    assert percent_agreement(gappy) == percent_agreement(full)
    assert cohens_kappa(*zip(*gappy, strict=True)) == cohens_kappa(*zip(*full, strict=True))
    assert krippendorff_alpha(gappy) == krippendorff_alpha(full)
    summary = summarize(gappy)
    assert summary.units == 6
    assert summary.raters == 2
    assert summary.fleiss_kappa is None  # units have 0, 1 or 2 ratings


def test_one_unit() -> None:
    # One unit, three raters, two say met: one agreeing pair of three.
    ratings = [["met", "not_met", "met"]]
    assert percent_agreement(ratings) == pytest.approx(1 / 3)
    # Fleiss: P-bar = (4 + 1 - 3) / 6 = 1/3, p = (2/3, 1/3), P_e = 5/9,
    # kappa = (1/3 - 5/9) / (4/9) = -0.5.
    assert fleiss_kappa(category_counts(ratings)) == pytest.approx(-0.5)
    # Alpha: o(met, met) = 1, o(met, not_met) = o(not_met, met) = 1, n = 3:
    # alpha = 1 - 2 * 2 / (2 * 2 * 1) = 0.
    assert krippendorff_alpha(ratings) == pytest.approx(0.0)
    assert krippendorff_alpha([["met", "met"]]) is None


def test_empty_and_unpairable_tables() -> None:
    for ratings in ([], [[None, "met"]], [["met"], ["not_met"]]):
        summary = summarize(ratings)
        assert summary.percent_agreement is None
        assert summary.cohens_kappa is None
        assert summary.fleiss_kappa is None
        assert summary.krippendorff_alpha is None
        assert summary.paradox is False
        assert summary.warning is None
    assert summarize([]) == Agreement(0, 0, "nominal", None, None, None, None)
    assert fleiss_kappa([]) is None
    assert cohens_kappa([], []) is None


def test_ordinal_alpha_depends_only_on_order() -> None:
    # The rank-based distance uses only the order of the values and how often each
    # is used, so any increasing relabelling leaves ordinal alpha unchanged ...
    relabel = {1: 10, 2: 20, 3: 35, 4: 90, 5: 100}
    stretched = [[None if v is None else relabel[int(v)] for v in u] for u in KRIPPENDORFF_2011]
    assert krippendorff_alpha(stretched, "ordinal") == pytest.approx(
        krippendorff_alpha(KRIPPENDORFF_2011, "ordinal"), abs=1e-12
    )
    # ... and text labels with an explicit order behave like their ranks.
    names = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    worded = [[None if v is None else names[int(v)] for v in u] for u in KRIPPENDORFF_2011]
    order = ["one", "two", "three", "four", "five"]
    assert krippendorff_alpha(worded, "ordinal", order=order) == pytest.approx(
        krippendorff_alpha(KRIPPENDORFF_2011, "ordinal"), abs=1e-12
    )
    # Values listed in the order but never used change nothing.
    assert krippendorff_alpha(KRIPPENDORFF_2011, "ordinal", order=[0, 1, 2, 3, 4, 5, 6]) == (
        krippendorff_alpha(KRIPPENDORFF_2011, "ordinal")
    )


def test_verdict_labels_with_an_order() -> None:
    ratings = [["met", "met"], ["not_met", "met"], ["not_met", "not_met"], ["met", "met"]]
    as_levels = [[1, 1], [0, 1], [0, 0], [1, 1]]
    assert krippendorff_alpha(ratings, "ordinal", order=["not_met", "met"]) == (
        krippendorff_alpha(as_levels, "ordinal")
    )
    # With two values every metric agrees with nominal (the distances differ by a constant).
    assert krippendorff_alpha(as_levels, "interval") == pytest.approx(
        krippendorff_alpha(as_levels, "nominal")
    )


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: percent_agreement([["met", "met"], ["met"]]), ValueError),
        (lambda: percent_agreement([["met", math.nan]]), ValueError),
        (lambda: percent_agreement(["met"]), TypeError),
        (lambda: cohens_kappa(["met"], ["met", "met"]), ValueError),
        (lambda: fleiss_kappa([[2, 0], [1, 0]]), ValueError),
        (lambda: fleiss_kappa([[1, 0], [0, 1]]), ValueError),
        (lambda: fleiss_kappa([[2, -1, 1], [1, 1, 0]]), ValueError),
        (lambda: fleiss_kappa([[2, 0], [1, 1, 0]]), ValueError),
        (lambda: category_counts([["met", "maybe"]], ["met", "not_met"]), ValueError),
        (lambda: category_counts([["met"]], ["met", "met"]), ValueError),
        (lambda: krippendorff_alpha([["met", "met"], ["a", "b"]], "interval"), TypeError),
        (lambda: krippendorff_alpha([[1, "met"], [1, 1]], "ordinal"), ValueError),
        (lambda: krippendorff_alpha([[1, 2]], "ordinal", order=[1]), ValueError),
        (lambda: krippendorff_alpha([[1, 2]], "ordinal", order=[1, 2, 1]), ValueError),
        (lambda: krippendorff_alpha([[1, 2]], "ratio"), ValueError),  # type: ignore[arg-type]
        (lambda: interpret_kappa(math.nan), ValueError),
        (lambda: interpret_kappa(1.01), ValueError),
        (lambda: interpret_alpha(1.5), ValueError),
    ],
)
def test_bad_input_is_refused(call: Callable[[], object], error: type[Exception]) -> None:
    with pytest.raises(error):
        call()


# -- interpretation bands --------------------------------------------------------------


@pytest.mark.parametrize(
    ("kappa", "band"),
    [
        (-1.0, "poor"),
        (-0.01, "poor"),
        (0.0, "poor"),
        (0.01, "slight"),
        (0.20, "slight"),
        (0.1 + 0.1, "slight"),
        (0.2 + 1e-12, "slight"),  # float noise does not cross a boundary
        (0.205, "fair"),  # between the printed bands: the upper bound closes a band
        (0.21, "fair"),
        (0.40, "fair"),
        (0.41, "moderate"),
        (0.60, "moderate"),
        (0.61, "substantial"),
        (0.80, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_landis_koch_bands(kappa: float, band: str) -> None:
    assert interpret_kappa(kappa) == band


@pytest.mark.parametrize(
    ("alpha", "verdict"),
    [
        (1.0, "reliable"),
        (0.800, "reliable"),
        (0.8 - 1e-12, "reliable"),
        (0.7999, "tentative"),
        (0.667, "tentative"),
        (0.6669, "unreliable"),
        (0.0, "unreliable"),
        (-0.4, "unreliable"),
    ],
)
def test_alpha_thresholds(alpha: float, verdict: str) -> None:
    assert interpret_alpha(alpha) == verdict


def test_summary_interprets_the_published_example() -> None:
    summary = summarize(KRIPPENDORFF_2011, level="ordinal")
    assert summary.alpha_verdict == "reliable"  # .815
    assert summarize(KRIPPENDORFF_2011).alpha_verdict == "tentative"  # .743
    assert summary.units == 12
    assert summary.raters == 4
    assert summary.cohens_kappa is None
    assert summary.fleiss_kappa is None  # units carry 1 to 4 ratings


# -- the kappa paradox -----------------------------------------------------------------

PARADOX = [["met", "met"]] * 18 + [["met", "not_met"], ["not_met", "met"]]


def test_kappa_paradox() -> None:
    # 2 raters, 20 units: 18 both "met", one disagreement each way. Percent
    # agreement 0.9; each rater says met 19/20, so p_e = .95^2 + .05^2 = .905 and
    # kappa = (.9 - .905) / .095 = -0.053, although 95 % of ratings are "met".
    assert percent_agreement(PARADOX) == pytest.approx(0.9)
    kappa = cohens_kappa([r[0] for r in PARADOX], [r[1] for r in PARADOX])
    assert kappa is not None
    assert kappa < 0.4
    assert kappa == pytest.approx(-0.005 / 0.095)
    assert kappa_paradox(PARADOX) is True
    summary = summarize(PARADOX)
    assert summary.paradox is True
    assert summary.warning is not None
    assert "90%" in summary.warning
    assert "95%" in summary.warning
    assert "'met'" in summary.warning


def test_kappa_paradox_with_many_raters_uses_fleiss() -> None:
    ratings = [["met", "met", "met"]] * 18 + [["met", "met", "not_met"]] * 2
    summary = summarize(ratings)
    assert summary.fleiss_kappa is not None
    assert summary.fleiss_kappa < 0.4
    assert summary.percent_agreement is not None
    assert summary.percent_agreement >= 0.8
    assert summary.paradox is True
    assert kappa_paradox(ratings) is True


def test_no_paradox_when_categories_are_balanced_or_agreement_low() -> None:
    balanced = [["met", "met"]] * 9 + [["not_met", "not_met"]] * 9
    balanced += [["met", "not_met"], ["not_met", "met"]]
    assert percent_agreement(balanced) == pytest.approx(0.9)
    assert kappa_paradox(balanced) is False  # kappa = 0.8: high agreement, high kappa
    low = [["met", "not_met"]] * 10 + [["met", "met"]] * 10
    assert kappa_paradox(low) is False  # only 50 % agreement
    assert kappa_paradox([["met", "met"]] * 10) is False  # kappa undefined, not low
    assert summarize(balanced).warning is None


# -- properties ------------------------------------------------------------------------

VERDICTS = st.sampled_from(["met", "not_met", "not_applicable"])
LEVELS = st.integers(min_value=0, max_value=3)


@st.composite
def tables(
    draw: st.DrawFn, values: st.SearchStrategy[Label] = LEVELS, min_raters: int = 2
) -> Table:
    raters = draw(st.integers(min_value=min_raters, max_value=5))
    units = draw(st.integers(min_value=1, max_value=10))
    cell = st.one_of(st.none(), values, values)  # about a third missing
    row = st.lists(cell, min_size=raters, max_size=raters)
    return draw(st.lists(row, min_size=units, max_size=units))


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9


def _alpha_by_pairs(ratings: Table, distance: str) -> float | None:
    """Krippendorff's alpha from its pairwise definition, independently of the module.

    D_o averages, over pairable values, the distance to the other values in the same
    unit (weighted 1 / (m_u - 1)); D_e averages the distance over all pairs of
    pairable values. alpha = 1 - D_o / D_e.
    """

    def delta(c: Label, k: Label) -> Fraction:
        if distance == "nominal":
            return Fraction(int(c != k))
        return (Fraction(c) - Fraction(k)) ** 2

    units = [[v for v in row if v is not None] for row in ratings]
    units = [u for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    if n == 0:
        return None
    observed = (
        sum(
            (
                Fraction(sum(delta(u[i], u[j]) for i in range(len(u)) for j in range(len(u))))
                / (len(u) - 1)
                for u in units
            ),
            Fraction(0),
        )
        / n
    )
    expected = Fraction(sum(delta(c, k) for c in values for k in values)) / (n * (n - 1))
    if expected == 0:
        return None
    return float(1 - observed / expected)


@given(tables(st.one_of(LEVELS, VERDICTS), min_raters=1))
def test_percent_agreement_is_a_share(ratings: Table) -> None:
    share = percent_agreement(ratings)
    assert share is None or 0 <= share <= 1


@given(tables())
def test_coefficients_are_at_most_one(ratings: Table) -> None:
    summary = summarize(ratings)
    for kappa in (summary.cohens_kappa, summary.fleiss_kappa):
        assert kappa is None or -1 <= kappa <= 1
    for level in ("nominal", "ordinal", "interval"):
        alpha = krippendorff_alpha(ratings, level)
        assert alpha is None or alpha <= 1
    a = [row[0] for row in ratings]
    b = [row[1] for row in ratings]
    kappa = cohens_kappa(a, b)
    assert kappa is None or -1 <= kappa <= 1
    assert _close(cohens_kappa(a, b), cohens_kappa(b, a))


@given(tables())
def test_alpha_matches_its_pairwise_definition(ratings: Table) -> None:
    assert _close(krippendorff_alpha(ratings), _alpha_by_pairs(ratings, "nominal"))
    assert _close(krippendorff_alpha(ratings, "interval"), _alpha_by_pairs(ratings, "interval"))


def _same(x: Agreement, y: Agreement) -> bool:
    return (
        (x.units, x.raters, x.paradox, x.warning) == (y.units, y.raters, y.paradox, y.warning)
        and _close(x.percent_agreement, y.percent_agreement)
        and _close(x.cohens_kappa, y.cohens_kappa)
        and _close(x.fleiss_kappa, y.fleiss_kappa)
        and _close(x.krippendorff_alpha, y.krippendorff_alpha)
    )


@given(st.data(), tables(st.one_of(LEVELS, VERDICTS)))
def test_permuting_units_or_raters_changes_nothing(data: st.DataObject, ratings: Table) -> None:
    unit_order = data.draw(st.permutations(range(len(ratings))))
    rater_order = data.draw(st.permutations(range(len(ratings[0]))))
    by_units = [ratings[i] for i in unit_order]
    by_raters = [[row[j] for j in rater_order] for row in ratings]
    base = summarize(ratings)
    assert _same(base, summarize(by_units))
    assert _same(base, summarize(by_raters))
    assert kappa_paradox(by_raters) == kappa_paradox(ratings)


@given(st.data(), tables())
def test_permutations_leave_ordered_alphas_unchanged(data: st.DataObject, ratings: Table) -> None:
    unit_order = data.draw(st.permutations(range(len(ratings))))
    rater_order = data.draw(st.permutations(range(len(ratings[0]))))
    shuffled = [[ratings[i][j] for j in rater_order] for i in unit_order]
    for level in ("ordinal", "interval"):
        assert _close(
            krippendorff_alpha(ratings, level),
            krippendorff_alpha(shuffled, level),
        )
