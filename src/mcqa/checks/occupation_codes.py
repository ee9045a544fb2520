"""The occupations the credential prepares for are named in a classification, with codes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._codes import occupation_code_issue
from mcqa.checks._walk import in_document_order, quote

__all__ = ["OccupationCodes"]


class OccupationCodes:
    """Each occupation the credential prepares for is named with a framework and a code.

    Codes let job boards, employers and credential registries connect a
    credential to the roles it prepares for. The descriptor lists them under
    ``relevance.occupations``, each with its ``framework`` (``ESCO``,
    ``O*NET-SOC``, ``ISCO-08``, ``SOC 2018``, or another classification)
    and its ``code``; a ``title`` helps people read it.

    The codes of the frameworks mcqa knows are checked for their shape:

    - ESCO: an occupation code such as ``2511.1`` (or the ISCO-08 unit group
      ``2511`` it sits in), a concept URI such as
      ``http://data.europa.eu/esco/occupation/<id>``, the identifier at its
      end, or the ESCO portal page on it;
    - O*NET-SOC: ``15-2051.00``, or ``15-2051``;
    - ISCO-08: a four-digit unit group such as ``2511``;
    - SOC 2018 (the US Standard Occupational Classification): ``15-2051``.

    Framework names are matched loosely (``ESCO v1.2``, ``O*NET``, ``ISCO 08``,
    ``https://www.bls.gov/soc/``). Codes of other frameworks are not checked.

    - **error**: no occupations; an occupation without a framework or without
      a code; a code of a known framework in the wrong shape (a skill's URI
      for an occupation, an ISCO-08 major group ``25``, ``15-2051`` under
      ESCO);
    - **warning**: a code that identifies the occupation but is not written
      as the framework writes it (an O*NET-SOC code under SOC 2018, ``C2511``
      for ISCO-08 ``2511``, text pasted after an ESCO identifier).

    Options:

    - ``require_code``: whether each occupation needs a code (default
      ``true``); with ``false``, a ``title`` is enough, but a code that is
      given is still checked.

    **PASS**

    ```yaml
    relevance:
      occupations:
        - {framework: ESCO, code: "2511.1", title: data analyst}
        - {framework: O*NET-SOC, code: 15-2051.00, title: Data Scientists}
    ```

    **FAIL**

    ```yaml
    relevance:
      occupations:
        - {framework: ISCO-08, code: "25"}   # error: a group, not an occupation
        - {title: many roles in technology}   # error: no framework, no code
    ```
    """

    ID: ClassVar[str] = "occupation-codes"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "require_code": {
                "description": "Whether each occupation needs a code; if not, a title is enough.",
                "type": "boolean",
                "default": True,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem when occupations are missing or not coded in a framework."""
        require_code = bool(context.options.get("require_code", True))
        relevance = context.descriptor.relevance
        occupations = relevance.occupations if relevance is not None else None
        if not occupations:
            raw = context.data.get("relevance")
            if isinstance(raw, dict) and "occupations" in raw:
                pointer = "/relevance/occupations"
            elif "relevance" in context.data:
                pointer = "/relevance"
            else:
                pointer = ""
            yield Problem(
                pointer,
                "no occupation is named; list under relevance.occupations the occupations the "
                "credential prepares for, each with its framework and code, e.g. ESCO 2511.1",
            )
            return

        problems: list[Problem] = []
        for index, occupation in enumerate(occupations):
            pointer = f"/relevance/occupations/{index}"
            title = " ".join((occupation.title or "").split())
            name = f"occupation {index + 1}" + (f" ({quote(title)})" if title else "")
            framework = (occupation.framework or "").strip()
            code = occupation.code
            if not framework:
                problems.append(
                    Problem(
                        f"{pointer}/framework" if occupation.framework is not None else pointer,
                        f"{name} names no framework; add the classification its code comes "
                        "from, e.g. ESCO, O*NET-SOC or ISCO-08",
                    )
                )
            if code is None or not code.strip():
                if require_code or not title:
                    advice = "its code in the framework, e.g. 2511.1 in ESCO"
                    if not require_code:
                        advice += ", or at least its title"
                    problems.append(
                        Problem(
                            f"{pointer}/code" if code is not None else pointer,
                            f"{name} has no code; give {advice}",
                        )
                    )
                continue
            if framework:
                issue = occupation_code_issue(framework, code)
                if issue is not None:
                    problems.append(Problem(f"{pointer}/code", issue.message, issue.severity))
        yield from in_document_order(context.data, problems)
