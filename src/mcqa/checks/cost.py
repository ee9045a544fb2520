"""The cost of the credential is disclosed, with a real currency."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._codes import currency_issue
from mcqa.checks._walk import format_number

__all__ = ["CostDisclosure"]


class CostDisclosure:
    """The full price is stated, with an ISO 4217 currency code.

    Learners need to know what a credential costs before they enrol, so the
    descriptor states ``cost.amount`` (the full price; ``0`` when it is free)
    and, for a price above zero, ``cost.currency`` as a three-letter ISO 4217
    code such as ``EUR``, ``USD`` or ``GBP``.

    - **error**: no ``cost`` at all, a ``cost`` without ``amount``, a price
      above zero without a currency, or a currency that is not an active
      ISO 4217 code (with a suggestion, e.g. ``€`` -> ``EUR``, ``HRK`` ->
      ``EUR``); codes that are no currency a learner can pay in (``XXX``,
      ``XTS``, gold ``XAU``, units of account such as ``XDR``) are errors too;
    - **warning**: a valid code not written in capitals (``eur``).

    The list of active codes is ISO 4217 as the ``pycountry`` package keeps
    it, so codes withdrawn from use (``HRK``, ``BGN``) drop out with its
    updates.

    A currency given with a price of ``0`` is still checked.

    Options:

    - ``require_currency``: whether a price above zero must name its currency
      (default ``true``).

    **PASS**

    ```yaml
    cost:
      amount: 450
      currency: EUR
    ```

    **FAIL**

    ```yaml
    cost:
      amount: 450
      currency: €      # error: not an ISO 4217 code; did you mean 'EUR'?
    ```
    """

    ID: ClassVar[str] = "cost-disclosure"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "require_currency": {
                "description": "Whether a price above zero must name its currency.",
                "type": "boolean",
                "default": True,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem when the cost is missing, incomplete or in an unknown currency."""
        require_currency = bool(context.options.get("require_currency", True))
        cost = context.descriptor.cost
        if cost is None:
            yield Problem(
                "/cost" if "cost" in context.data else "",
                "the cost is not stated; give the full price and its currency, or 0 if it is free",
            )
            return

        amount = cost.amount
        if amount is None:
            yield Problem(
                "/cost",
                "the cost has no amount; give the full price under amount, or 0 if it is free",
            )
        elif not math.isfinite(amount):
            yield Problem("/cost/amount", "the price is not a finite number; give the full price")
        elif amount > 0 and cost.currency is None and require_currency:
            yield Problem(
                "/cost/amount",
                f"the price {format_number(amount)} has no currency; add currency with an "
                "ISO 4217 code such as EUR, USD or GBP",
            )

        if cost.currency is not None:
            yield from self._currency(cost.currency)

    @staticmethod
    def _currency(currency: str) -> Iterator[Problem]:
        issue = currency_issue(currency)
        if issue is not None:
            yield Problem("/cost/currency", issue.message, issue.severity)
