"""The cost of the credential is disclosed, with a real currency."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._iso4217 import ISO_4217_CODES, NON_PRICE_CODES
from mcqa.checks._walk import format_number, quote
from mcqa.validate import suggest

__all__ = ["CostDisclosure"]

# Symbols and names people write instead of a code, and the code they most often mean.
_COMMON_MISTAKES = {
    "€": "EUR",
    "EURO": "EUR",
    "EUROS": "EUR",
    "$": "USD",
    "US$": "USD",
    "USD$": "USD",
    "DOLLAR": "USD",
    "DOLLARS": "USD",
    "£": "GBP",
    "POUND": "GBP",
    "POUNDS": "GBP",
    "UKP": "GBP",
    "STG": "GBP",
    "¥": "JPY",
    "YEN": "JPY",
    "RMB": "CNY",
    "YUAN": "CNY",
    "₹": "INR",
    "RUPEE": "INR",
    "RUPEES": "INR",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NZ$": "NZD",
    "R$": "BRL",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "ZŁ": "PLN",
}


def _did_you_mean(code: str) -> str | None:
    """The currency code ``code`` was most likely meant to be."""
    if code in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[code]
    return suggest(code, ISO_4217_CODES)


class CostDisclosure:
    """The full price is stated, with an ISO 4217 currency code.

    Learners need to know what a credential costs before they enrol, so the
    descriptor states ``cost.amount`` (the full price; ``0`` when it is free)
    and, for a price above zero, ``cost.currency`` as a three-letter ISO 4217
    code such as ``EUR``, ``USD`` or ``GBP``.

    - **error**: no ``cost`` at all, a ``cost`` without ``amount``, a price
      above zero without a currency, or a currency that is not an active
      ISO 4217 code (with a suggestion, e.g. ``€`` -> ``EUR``);
    - **warning**: a valid code not written in capitals (``eur``).

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
        code = currency.strip().upper()
        if code in ISO_4217_CODES:
            if currency != code:
                yield Problem(
                    "/cost/currency",
                    f"write the currency code {quote(currency)} as '{code}': three capital "
                    "letters and nothing else",
                    severity="warning",
                )
            return
        if code in NON_PRICE_CODES:
            yield Problem(
                "/cost/currency",
                f"{quote(currency)} is an ISO 4217 code for testing or for 'no currency', "
                "not a currency a learner can pay in; give the real currency, or an amount "
                "of 0 if the credential is free",
            )
            return
        hint = _did_you_mean(code)
        advice = f"did you mean '{hint}'?" if hint else "use a code such as EUR, USD or GBP"
        yield Problem(
            "/cost/currency",
            f"{quote(currency)} is not an ISO 4217 currency code; {advice}",
        )
