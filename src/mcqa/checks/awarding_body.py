"""The awarding body is named, with the country it is based in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._codes import country_issue
from mcqa.checks._walk import in_document_order, quote
from mcqa.models.descriptor import Issuer

__all__ = ["AwardingBody"]

#: The fewest characters a name can have.
MIN_NAME_LENGTH = 2


class AwardingBody:
    """The awarding body is named, with a real two-letter country code.

    A learner, an employer or a registrar needs to know who answers for the
    credential and in which country, because that decides how it is
    recognised. The descriptor names the awarding body under ``issuer``:
    its ``name`` and its ``country`` as an ISO 3166-1 alpha-2 code such as
    ``NL``, ``US`` or ``AU``; ``issuer.region`` may add the region or state.
    A credential awarded jointly lists the other awarding bodies under
    ``co_issuers``, each with its own name and country, and each is checked
    in the same way.

    - **error**: no ``issuer``; a name shorter than two characters or none;
      no country; a country that is not an ISO 3166-1 code: a code for
      private use (``ZZ``, ``XX``, ``AA``, ``QM`` to ``QZ``, ``XA`` to
      ``XZ``), a three-letter code (``NLD``: use ``NL``), a number, a
      country's name, ``UK`` (use ``GB``) or ``EU``;
    - **warning**: a valid code not written in capitals (``nl``).

    ``XK`` (Kosovo) is accepted: it lies in the private-use range, but the
    European Commission and most international bodies use it.

    Options:

    - ``require_country``: whether each awarding body must give its country
      (default ``true``); a country that is given is checked either way.

    **PASS**

    ```yaml
    issuer:
      name: Faculty of Engineering
      parent: University of Example
      country: NL
    co_issuers:
      - {name: Example Technical University, country: BE, region: Flanders}
    ```

    **FAIL**

    ```yaml
    issuer:
      name: Learning Platform
      country: ZZ       # error: a code for private use, not a country
    ```
    """

    ID: ClassVar[str] = "awarding-body"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "require_country": {
                "description": "Whether each awarding body must give its country.",
                "type": "boolean",
                "default": True,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each awarding body without a name or a valid country."""
        require_country = bool(context.options.get("require_country", True))
        descriptor = context.descriptor
        problems: list[Problem] = []
        if descriptor.issuer is None:
            problems.append(
                Problem(
                    "/issuer" if "issuer" in context.data else "",
                    "the awarding body is not named; add issuer with its name and its country "
                    "as a two-letter code such as NL",
                )
            )
        else:
            problems.extend(self._body(descriptor.issuer, "/issuer", None, require_country))
        for index, co_issuer in enumerate(descriptor.co_issuers or []):
            problems.extend(self._body(co_issuer, f"/co_issuers/{index}", index, require_country))
        yield from in_document_order(context.data, problems)

    @staticmethod
    def _body(
        issuer: Issuer, pointer: str, index: int | None, require_country: bool
    ) -> Iterator[Problem]:
        """Problems of one awarding body; ``index`` is its place among the co-issuers."""
        name = " ".join((issuer.name or "").split())
        label = "the awarding body" if index is None else f"co-issuer {index + 1}"
        if len(name) >= MIN_NAME_LENGTH:
            label = f"{label} {quote(name)}"
        if issuer.name is None:
            yield Problem(pointer, f"{label} has no name; give its full name under name")
        elif len(name) < MIN_NAME_LENGTH:
            yield Problem(
                f"{pointer}/name",
                f"the name of {label} is too short to identify it; give its full name",
            )
        if issuer.country is None:
            if require_country:
                yield Problem(
                    pointer,
                    f"{label} has no country; add country with the two-letter ISO 3166-1 "
                    "code of the country it is based in, e.g. NL",
                )
            return
        issue = country_issue(issuer.country)
        if issue is not None:
            yield Problem(f"{pointer}/country", issue.message, issue.severity)
