"""Reviewer agreement in one line of words, as the text report and ``review status`` show it."""

from __future__ import annotations

from mcqa.models.report import AgreementStats

__all__ = ["describe_agreement"]


def describe_agreement(stats: AgreementStats) -> str:
    """E.g. ``3 reviewers on 23 standards, 97% of pairs agree, kappa -0.01 (poor), ...``.

    >>> print(describe_agreement(AgreementStats(scope="2", units=4, raters=2,
    ...                                         percent_agreement=0.75)))
    2 reviewers on 4 standards of 2.x, 75% of pairs agree
    """
    where = "" if stats.scope == "all" else f" of {stats.scope}.x"
    parts = [f"{stats.raters} reviewers on {stats.units} standards{where}"]
    if stats.percent_agreement is not None:
        parts.append(f"{stats.percent_agreement:.0%} of pairs agree")
    kappa = stats.fleiss_kappa if stats.fleiss_kappa is not None else stats.cohens_kappa
    if kappa is not None:
        parts.append(f"kappa {kappa:.2f} ({stats.kappa_band})")
    if stats.krippendorff_alpha is not None:
        parts.append(f"alpha {stats.krippendorff_alpha:.2f} ({stats.alpha_verdict})")
    return ", ".join(parts)
