"""How far reviewers agree when they judge the same standards.

Ratings come as a table, one row per unit (a standard judged in one review) and
one column per rater; ``None`` marks a rating that was not given. Labels may be
verdicts (``"met"``, ``"not_met"``, ``"not_applicable"``) or levels (``0``-``3``).

Every statistic is computed exactly (with fractions) and returned as a float, or
as ``None`` when it is undefined for the data: no units to compare, or chance
agreement already at 100 % so that a chance-corrected coefficient has nothing to
correct.

>>> ratings = [["met", "met"], ["met", "not_met"], ["not_met", "not_met"], ["met", "met"]]
>>> percent_agreement(ratings)
0.75
>>> round(cohens_kappa([r[0] for r in ratings], [r[1] for r in ratings]), 3)
0.5
>>> summarize(ratings).cohens_kappa_band
'moderate'
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, TypeAlias

__all__ = [
    "Agreement",
    "AlphaVerdict",
    "KappaBand",
    "Label",
    "Level",
    "category_counts",
    "cohens_kappa",
    "fleiss_kappa",
    "interpret_alpha",
    "interpret_kappa",
    "kappa_paradox",
    "krippendorff_alpha",
    "percent_agreement",
    "summarize",
]

Label: TypeAlias = str | int | float
"""One rater's judgement of one unit: a verdict or a level."""
Ratings: TypeAlias = Sequence[Sequence[Label | None]]
"""Units x raters; ``None`` where a rater gave no rating."""
Level = Literal["nominal", "ordinal", "interval"]
"""Level of measurement for Krippendorff's alpha."""
KappaBand = Literal["poor", "slight", "fair", "moderate", "substantial", "almost perfect"]
"""Landis and Koch's (1977) bands for kappa."""
AlphaVerdict = Literal["reliable", "tentative", "unreliable"]
"""Krippendorff's thresholds for alpha: .800 and .667."""

PARADOX_AGREEMENT = Fraction(8, 10)
"""Percent agreement at or above this counts as high for :func:`kappa_paradox`."""
PARADOX_KAPPA = Fraction(4, 10)
"""Kappa below this counts as low for :func:`kappa_paradox`."""
PARADOX_PREVALENCE = Fraction(8, 10)
"""A category holding at least this share of the ratings dominates."""


# -- reading the table -----------------------------------------------------------------


def _check_label(value: object) -> None:
    if isinstance(value, float) and math.isnan(value):
        raise ValueError("a rating is NaN; use None for a missing rating")


def _table(ratings: Ratings) -> tuple[list[list[Label]], int]:
    """Each unit's given ratings (``None`` dropped) and the number of raters.

    The table must be rectangular: every unit has one slot per rater.
    """
    rows: list[list[Label]] = []
    width: int | None = None
    for index, row in enumerate(ratings):
        if isinstance(row, str):
            raise TypeError(f"unit {index} is a string, not a row of ratings")
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise ValueError(
                f"unit {index} has {len(row)} rating slots, unit 0 has {width}: "
                "give every unit one slot per rater, None where a rating is missing"
            )
        given: list[Label] = []
        for value in row:
            if value is not None:
                _check_label(value)
                given.append(value)
        rows.append(given)
    return rows, width or 0


# -- exact cores (fractions; the public functions turn them into floats) ----------------


def _percent_agreement(rows: Sequence[Sequence[Label]]) -> Fraction | None:
    shares: list[Fraction] = []
    for values in rows:
        m = len(values)
        if m < 2:
            continue
        agreeing = sum(c * (c - 1) for c in Counter(values).values())
        shares.append(Fraction(agreeing, m * (m - 1)))
    if not shares:
        return None
    return sum(shares, Fraction(0)) / len(shares)


def _cohens_kappa(
    a: Sequence[Label | None], b: Sequence[Label | None]
) -> tuple[Fraction | None, int]:
    if len(a) != len(b):
        raise ValueError(f"the two raters rated {len(a)} and {len(b)} units; need the same units")
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    for x, y in pairs:
        _check_label(x)
        _check_label(y)
    n = len(pairs)
    if n == 0:
        return None, 0
    observed = Fraction(sum(1 for x, y in pairs if x == y), n)
    first = Counter(x for x, _ in pairs)
    second = Counter(y for _, y in pairs)
    expected = sum((Fraction(first[c] * second[c], n * n) for c in first), Fraction(0))
    if expected == 1:
        return None, n
    return (observed - expected) / (1 - expected), n


def _fleiss_kappa(table: Sequence[Sequence[int]]) -> Fraction | None:
    if not table:
        return None
    categories = len(table[0])
    raters = sum(table[0])
    for index, row in enumerate(table):
        if len(row) != categories:
            raise ValueError(f"unit {index} has {len(row)} categories, unit 0 has {categories}")
        if any(not isinstance(x, int) or x < 0 for x in row):
            raise ValueError(f"unit {index}: counts must be whole numbers >= 0")
        if sum(row) != raters:
            raise ValueError(
                f"unit {index} has {sum(row)} ratings, unit 0 has {raters}: "
                "Fleiss' kappa needs the same number of ratings for every unit"
            )
    if raters < 2:
        raise ValueError("Fleiss' kappa needs at least two ratings per unit")
    units = len(table)
    pairs = raters * (raters - 1)
    observed = (
        sum((Fraction(sum(x * x for x in row) - raters, pairs) for row in table), Fraction(0))
        / units
    )
    totals = [sum(column) for column in zip(*table, strict=True)]
    expected = sum((Fraction(t, units * raters) ** 2 for t in totals), Fraction(0))
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def _coincidences(rows: Sequence[Sequence[Label]]) -> dict[tuple[Label, Label], Fraction]:
    """Krippendorff's coincidence matrix: o_ck over units with at least two ratings."""
    matrix: dict[tuple[Label, Label], Fraction] = defaultdict(Fraction)
    for values in rows:
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[c, k] += Fraction(pairs, m - 1)
    return matrix


def _ordinal_distance(
    marginals: dict[Label, Fraction], order: Sequence[Label] | None
) -> Callable[[Label, Label], Fraction]:
    if order is None:
        try:
            ranked: list[Label] = sorted(marginals)
        except TypeError:
            raise ValueError(
                "ordinal alpha needs values that sort (all numbers or all text), "
                "or an explicit order"
            ) from None
    else:
        ranked = list(order)
        if len(set(ranked)) != len(ranked):
            raise ValueError("the order lists a value twice")
        known = set(ranked)
        unknown = [v for v in marginals if v not in known]
        if unknown:
            raise ValueError(f"values missing from the order: {unknown!r}")
    rank = {value: i for i, value in enumerate(ranked)}
    cumulative = [Fraction(0)]
    for value in ranked:
        cumulative.append(cumulative[-1] + marginals.get(value, Fraction(0)))

    def distance(c: Label, k: Label) -> Fraction:
        low, high = sorted((rank[c], rank[k]))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (marginals[c] + marginals[k]) / 2) ** 2

    return distance


def _interval_distance(marginals: dict[Label, Fraction]) -> Callable[[Label, Label], Fraction]:
    for value in marginals:
        if isinstance(value, str):
            raise TypeError(f"interval alpha needs numbers, got {value!r}")

    def distance(c: Label, k: Label) -> Fraction:
        assert not isinstance(c, str) and not isinstance(k, str)
        return (Fraction(c) - Fraction(k)) ** 2

    return distance


def _nominal_distance(c: Label, k: Label) -> Fraction:
    return Fraction(0) if c == k else Fraction(1)


def _alpha(
    rows: Sequence[Sequence[Label]], level: Level, order: Sequence[Label] | None
) -> Fraction | None:
    matrix = _coincidences(rows)
    marginals: dict[Label, Fraction] = defaultdict(Fraction)
    for (c, _k), o in matrix.items():
        marginals[c] += o
    n = sum(marginals.values(), Fraction(0))
    if n == 0:
        return None
    distance: Callable[[Label, Label], Fraction]
    if level == "nominal":
        distance = _nominal_distance
    elif level == "ordinal":
        distance = _ordinal_distance(marginals, order)
    elif level == "interval":
        distance = _interval_distance(marginals)
    else:
        raise ValueError(f"unknown level {level!r}: use nominal, ordinal or interval")
    observed = sum((o * distance(c, k) for (c, k), o in matrix.items()), Fraction(0))
    expected = sum(
        (marginals[c] * marginals[k] * distance(c, k) for c in marginals for k in marginals),
        Fraction(0),
    )
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


# -- public statistics -----------------------------------------------------------------


def percent_agreement(ratings: Ratings) -> float | None:
    """The mean, over units with at least two ratings, of the share of rater pairs that agree.

    ``None`` when no unit has two ratings. Two of three raters agreeing is one
    agreeing pair of three:

    >>> percent_agreement([["met", "met", "not_met"], [2, 2, None]])
    0.6666666666666666
    >>> percent_agreement([["met", None]]) is None
    True
    """
    rows, _ = _table(ratings)
    return _float(_percent_agreement(rows))


def cohens_kappa(a: Sequence[Label | None], b: Sequence[Label | None]) -> float | None:
    """Cohen's (1960) kappa for two raters' labels of the same units.

    Units that either rater left out (``None``) are skipped. kappa is
    ``(p_o - p_e) / (1 - p_e)``, with ``p_o`` the share of units the two agree on
    and ``p_e`` the agreement expected from each rater's own label frequencies.
    Returns ``None`` when nothing is left to compare, or when ``p_e`` is 1 (both
    raters gave every unit the same single label: agreement is perfect but
    nothing distinguishes it from chance). Perfect agreement over two or more
    labels gives 1.

    >>> cohens_kappa(["met", "met", "not_met", "not_met"], ["met", "not_met", "not_met", "not_met"])
    0.5
    >>> cohens_kappa(["met", "met"], ["met", "met"]) is None
    True
    """
    kappa, _ = _cohens_kappa(a, b)
    return _float(kappa)


def category_counts(ratings: Ratings, categories: Sequence[Label] | None = None) -> list[list[int]]:
    """Turn a units x raters table into units x categories counts for :func:`fleiss_kappa`.

    ``categories`` fixes the columns; by default they are the labels in order
    of first appearance. Missing ratings (``None``) are not counted.

    >>> category_counts([["met", "met", "not_met"], ["met", None, "met"]])
    [[2, 1], [2, 0]]
    >>> category_counts([[0, 1], [1, 1]], categories=[0, 1, 2, 3])
    [[1, 1, 0, 0], [0, 2, 0, 0]]
    """
    rows, _ = _table(ratings)
    if categories is None:
        seen: dict[Label, None] = {}
        for values in rows:
            for value in values:
                seen.setdefault(value, None)
        columns = list(seen)
    else:
        columns = list(categories)
        if len(set(columns)) != len(columns):
            raise ValueError("the categories list a label twice")
    index = {label: i for i, label in enumerate(columns)}
    table: list[list[int]] = []
    for values in rows:
        row = [0] * len(columns)
        for value in values:
            if value not in index:
                raise ValueError(f"rating {value!r} is not one of the categories {columns!r}")
            row[index[value]] += 1
        table.append(row)
    return table


def fleiss_kappa(table: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' (1971) kappa from a units x categories table of counts.

    Each cell counts the raters who put that unit in that category; every unit
    must have the same number ``n >= 2`` of ratings (they need not come from the
    same raters). Build the table from ratings with :func:`category_counts`.
    Returns ``None`` for no units, or when every rating falls in one category
    (chance agreement is then 1).

    >>> fleiss_kappa([[3, 0], [0, 3], [2, 1], [3, 0]])
    0.625
    >>> fleiss_kappa(category_counts([["met", "met"], ["met", "met"]])) is None
    True
    """
    return _float(_fleiss_kappa(table))


def krippendorff_alpha(
    ratings: Ratings, level: Level = "nominal", *, order: Sequence[Label] | None = None
) -> float | None:
    """Krippendorff's alpha, ``1 - D_o / D_e``, by the coincidence-matrix method.

    Works for any number of raters and missing ratings; units with fewer than two
    ratings carry no information about agreement and are ignored. ``level``
    picks the distance between two values c and k:

    * ``nominal``: 0 when equal, else 1;
    * ``ordinal``: the rank-based distance of Krippendorff (2011),
      ``(n_c + ... + n_k - (n_c + n_k) / 2) ** 2``, where ``n_g`` is how often
      value g was used (pairable values only) and the sum runs over every value
      from c to k. Values sort naturally unless ``order`` lists them from lowest
      to highest (``order=["not_met", "met"]``);
    * ``interval``: ``(c - k) ** 2``; the values must be numbers.

    Returns ``None`` when alpha is undefined: no unit has two ratings, or the
    expected disagreement is 0 (every pairable rating is the same value).

    >>> data = [[1, 1], [2, 2], [3, 3], [3, 2], [1, None]]
    >>> round(krippendorff_alpha(data), 3)
    0.667
    >>> round(krippendorff_alpha(data, "ordinal"), 3)
    0.79
    >>> round(krippendorff_alpha(data, "interval"), 3)
    0.821
    >>> krippendorff_alpha([["met", "met"], ["met", None]]) is None
    True
    """
    rows, _ = _table(ratings)
    return _float(_alpha(rows, level, order))


def _rounded(value: float, what: str) -> float:
    if math.isnan(value):
        raise ValueError(f"{what} is NaN")
    value = round(value, 9)  # so that 0.2000000000001 from float noise counts as 0.2
    if value > 1:
        raise ValueError(f"{what} {value} is above 1, which no agreement coefficient reaches")
    return value


def interpret_kappa(kappa: float) -> KappaBand:
    """Landis and Koch's (1977) band for a kappa.

    <= 0 poor, up to .20 slight, .21-.40 fair, .41-.60 moderate, .61-.80
    substantial, .81-1 almost perfect; each upper bound belongs to its band.

    >>> interpret_kappa(0.4)
    'fair'
    >>> interpret_kappa(0.41)
    'moderate'
    >>> interpret_kappa(-0.05)
    'poor'
    """
    k = _rounded(kappa, "kappa")
    if k <= 0:
        return "poor"
    if k <= 0.20:
        return "slight"
    if k <= 0.40:
        return "fair"
    if k <= 0.60:
        return "moderate"
    if k <= 0.80:
        return "substantial"
    return "almost perfect"


def interpret_alpha(alpha: float) -> AlphaVerdict:
    """Krippendorff's reading of an alpha: reliable from .800, tentative from .667.

    Below .667 the data are unreliable: draw no conclusions from them.

    >>> interpret_alpha(0.8)
    'reliable'
    >>> interpret_alpha(0.667)
    'tentative'
    >>> interpret_alpha(0.666)
    'unreliable'
    """
    a = _rounded(alpha, "alpha")
    if a >= 0.800:
        return "reliable"
    if a >= 0.667:
        return "tentative"
    return "unreliable"


# -- the kappa paradox -----------------------------------------------------------------


@dataclass(frozen=True)
class _Paradox:
    agreement: Fraction | None
    kappa: Fraction | None
    name: str
    top: Label | None
    prevalence: Fraction

    @property
    def applies(self) -> bool:
        return (
            self.agreement is not None
            and self.kappa is not None
            and self.agreement >= PARADOX_AGREEMENT
            and self.kappa < PARADOX_KAPPA
            and self.prevalence >= PARADOX_PREVALENCE
        )


def _equal_counts(rows: Sequence[Sequence[Label]]) -> bool:
    sizes = {len(values) for values in rows}
    return len(sizes) == 1 and min(sizes) >= 2


def _paradox(rows: list[list[Label]], ratings: Ratings, raters: int) -> _Paradox:
    if raters == 2:
        kappa, _ = _cohens_kappa([r[0] for r in ratings], [r[1] for r in ratings])
        name = "Cohen's kappa"
    elif _equal_counts(rows):
        kappa = _fleiss_kappa(category_counts(ratings))
        name = "Fleiss' kappa"
    else:
        kappa = _alpha(rows, "nominal", None)
        name = "Krippendorff's alpha"
    pairable = Counter(v for values in rows if len(values) >= 2 for v in values)
    total = sum(pairable.values())
    top, most = pairable.most_common(1)[0] if pairable else (None, 0)
    prevalence = Fraction(most, total) if total else Fraction(0)
    return _Paradox(_percent_agreement(rows), kappa, name, top, prevalence)


def kappa_paradox(ratings: Ratings) -> bool:
    """Whether the data show the kappa paradox: high agreement, low kappa, one dominant category.

    True when percent agreement is at least 0.8, kappa is below 0.4, and the
    most common category holds at least 80 % of the ratings (of units with two
    or more ratings). Kappa is Cohen's for two raters, Fleiss' when every unit
    has the same number of ratings, otherwise Krippendorff's nominal alpha.

    Why it happens: kappa subtracts the agreement expected by chance, and chance
    agreement is computed from how often each category is used. When nearly
    every rating is "met", two raters who each say "met" 95 % of the time would
    agree about 90 % of the time by chance alone, so even 90 % observed agreement
    is barely above chance and kappa is near 0 (or negative). The few
    disagreements then decide kappa on their own: it measures how well the
    reviewers tell the rare "not met" apart, which such data hardly test. So
    report percent agreement beside kappa, and read a low kappa on skewed data
    as "these data cannot show reliability", not as "the reviewers disagree"
    (Feinstein and Cicchetti, 1990, "High agreement but low kappa").

    >>> ratings = [["met", "met"]] * 18 + [["met", "not_met"], ["not_met", "met"]]
    >>> kappa_paradox(ratings)
    True
    >>> kappa_paradox([["met", "met"], ["not_met", "not_met"]])
    False
    """
    rows, raters = _table(ratings)
    return _paradox(rows, ratings, raters).applies


# -- everything at once ----------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """Agreement among reviewers on one table of ratings; ``None`` where undefined."""

    units: int
    """Units in the table (rows), including those with fewer than two ratings."""
    raters: int
    """Raters in the table (columns)."""
    level: Level
    """The level of measurement used for Krippendorff's alpha."""
    percent_agreement: float | None
    """Mean share of agreeing rater pairs per unit."""
    cohens_kappa: float | None
    """Cohen's kappa; only for exactly two raters."""
    fleiss_kappa: float | None
    """Fleiss' kappa; only when every unit has the same number (>= 2) of ratings."""
    krippendorff_alpha: float | None
    """Krippendorff's alpha at ``level``."""
    cohens_kappa_band: KappaBand | None = None
    """Landis-Koch band of ``cohens_kappa``."""
    fleiss_kappa_band: KappaBand | None = None
    """Landis-Koch band of ``fleiss_kappa``."""
    alpha_verdict: AlphaVerdict | None = None
    """Reliable / tentative / unreliable, for ``krippendorff_alpha``."""
    paradox: bool = False
    """High agreement but low kappa because one category dominates (:func:`kappa_paradox`)."""
    warning: str | None = None
    """A plain-language caution when kappa or alpha would mislead or cannot be computed."""


def _share(value: Fraction) -> str:
    return f"{float(value):.0%}"


def _warning(paradox: _Paradox) -> str | None:
    if paradox.applies:
        assert paradox.agreement is not None and paradox.kappa is not None
        return (
            f"Reviewers agree on {_share(paradox.agreement)} of pairs, yet {paradox.name} "
            f"is only {float(paradox.kappa):.2f}: {_share(paradox.prevalence)} of ratings "
            f"are {paradox.top!r}, so most of that agreement is expected by chance and "
            "the coefficient cannot rise far. Read percent agreement beside it; a low "
            "value here does not by itself mean the reviewers disagree."
        )
    if paradox.agreement is not None and paradox.prevalence == 1:
        return (
            f"Every rating is {paradox.top!r}: the reviewers agree fully, but kappa and "
            "alpha cannot be computed, because with a single category there is nothing "
            "to tell agreement from chance."
        )
    return None


def summarize(
    ratings: Ratings, *, level: Level = "nominal", order: Sequence[Label] | None = None
) -> Agreement:
    """Every agreement statistic that applies to a units x raters table, with its reading.

    Cohen's kappa needs exactly two raters; Fleiss' kappa needs the same number
    (>= 2) of ratings for every unit. ``level`` and ``order`` go to
    :func:`krippendorff_alpha`. ``warning`` explains the kappa paradox when it
    applies, or why nothing chance-corrected could be computed when every
    rating is the same.

    >>> s = summarize([["met", "met"]] * 18 + [["met", "not_met"], ["not_met", "met"]])
    >>> s.percent_agreement, round(s.cohens_kappa, 3), s.cohens_kappa_band, s.paradox
    (0.9, -0.053, 'poor', True)
    >>> s = summarize([[0, 1, 1], [2, 2, 2], [3, 3, 2]], level="ordinal")
    >>> s.cohens_kappa is None, round(s.fleiss_kappa, 3), s.alpha_verdict
    (True, 0.357, 'reliable')
    """
    rows, raters = _table(ratings)
    cohen: Fraction | None = None
    if raters == 2:
        cohen, _ = _cohens_kappa([r[0] for r in ratings], [r[1] for r in ratings])
    fleiss = _fleiss_kappa(category_counts(ratings)) if _equal_counts(rows) else None
    alpha = _alpha(rows, level, order)
    paradox = _paradox(rows, ratings, raters)
    return Agreement(
        units=len(rows),
        raters=raters,
        level=level,
        percent_agreement=_float(paradox.agreement),
        cohens_kappa=_float(cohen),
        fleiss_kappa=_float(fleiss),
        krippendorff_alpha=_float(alpha),
        cohens_kappa_band=None if cohen is None else interpret_kappa(float(cohen)),
        fleiss_kappa_band=None if fleiss is None else interpret_kappa(float(fleiss)),
        alpha_verdict=None if alpha is None else interpret_alpha(float(alpha)),
        paradox=paradox.applies,
        warning=_warning(paradox),
    )
