"""Each learning outcome is aligned to a skill in a published framework."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._codes import skill_code_issue
from mcqa.checks._walk import in_document_order, quote

__all__ = ["SkillAlignments"]


class SkillAlignments:
    """Every learning outcome is aligned to a skill, with a framework and a code or link.

    Alignments let employers and other providers read an outcome in their
    own terms. Each outcome is written as ``{id, statement, alignments}``,
    and each alignment names its ``framework`` (``ESCO``, ``O*NET``, or any
    other) and gives the skill's ``code`` or ``url`` (a ``name`` helps
    people read it).

    Codes and links of known frameworks are checked for their shape:

    - ESCO: the skill's concept URI,
      ``http://data.europa.eu/esco/skill/<id>``, the ESCO portal page on it,
      the identifier at its end, or a skill group code such as ``S1.2.1``;
      an occupation's URI is not a skill;
    - O*NET: a content-model element id such as ``2.A.1.a``, an O*NET-SOC
      code, or a technology commodity code; any web address;
    - ISCO-08 and SOC 2018: their occupation codes (``2511``, ``15-2051``).

    Codes of other frameworks are not checked.

    - **error**: no learning outcomes; an outcome with no alignment (an
      outcome written as a plain line of text has none); an alignment
      without a framework, or with neither code nor url; a code or link of
      a known framework in the wrong shape;
    - **warning**: an ESCO URI with text pasted after its identifier
      (``...&language=en``).

    Options:

    - ``require_every_outcome``: whether every outcome needs an alignment
      (default ``true``); with ``false``, one aligned outcome is enough, and
      the alignments that are given are still checked.

    **PASS**

    ```yaml
    learning_outcomes:
      - id: LO1
        statement: Judge the reliability of a data source before using it.
        alignments:
          - framework: ESCO
            name: evaluate information
            url: http://data.europa.eu/esco/skill/7dd94ad3-13d6-43fe-8b94-51fcbf67ced9
    ```

    **FAIL**

    ```yaml
    learning_outcomes:
      - id: LO1
        statement: Judge the reliability of a data source before using it.
        alignments:
          - {framework: ESCO, code: evaluate information}   # error: not an ESCO skill
      - Present the results to a lay audience      # error: no alignment
    ```
    """

    ID: ClassVar[str] = "skill-alignments"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "require_every_outcome": {
                "description": "Whether every outcome needs an alignment, not just one.",
                "type": "boolean",
                "default": True,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for each outcome or alignment that does not name a skill."""
        require_every = bool(context.options.get("require_every_outcome", True))
        outcomes = context.descriptor.learning_outcomes or []
        if not outcomes:
            yield Problem(
                "/learning_outcomes" if "learning_outcomes" in context.data else "",
                "there are no learning outcomes to align; list the outcomes, each with the "
                "skills it aligns to in a framework such as ESCO or O*NET",
            )
            return

        unaligned: list[Problem] = []
        problems: list[Problem] = []
        for index, outcome in enumerate(outcomes):
            pointer = f"/learning_outcomes/{index}"
            name = f"the outcome {quote(outcome.id)}" if outcome.id else f"outcome {index + 1}"
            if not outcome.alignments:
                unaligned.append(
                    Problem(
                        f"{pointer}/alignments" if outcome.alignments is not None else pointer,
                        f"{name} is not aligned to a skill; add alignments with the framework "
                        "and the skill's code or URL, e.g. an ESCO skill URI",
                    )
                )
                continue
            for a_index, alignment in enumerate(outcome.alignments):
                a_pointer = f"{pointer}/alignments/{a_index}"
                label = f"alignment {a_index + 1} of {name}"
                framework = (alignment.framework or "").strip()
                if not framework:
                    problems.append(
                        Problem(
                            f"{a_pointer}/framework"
                            if alignment.framework is not None
                            else a_pointer,
                            f"{label} names no framework; add the framework the skill comes "
                            "from, e.g. ESCO or O*NET",
                        )
                    )
                values = [
                    (field, value)
                    for field, value in (("code", alignment.code), ("url", alignment.url))
                    if value is not None and value.strip()
                ]
                if not values:
                    problems.append(
                        Problem(
                            a_pointer,
                            f"{label} gives neither a code nor a URL; add the skill's code "
                            "or its URL in the framework",
                        )
                    )
                    continue
                if not framework:
                    continue
                for field, value in values:
                    issue = skill_code_issue(framework, value)
                    if issue is not None:
                        problems.append(
                            Problem(f"{a_pointer}/{field}", issue.message, issue.severity)
                        )
        aligned_any = len(unaligned) < len(outcomes)
        if require_every or not aligned_any:
            problems.extend(unaligned)
        yield from in_document_order(context.data, problems)
