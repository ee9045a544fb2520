"""The language of instruction is a real language tag, and learners can find out more."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from mcqa.checks._base import CheckContext, Problem
from mcqa.checks._codes import language_issue
from mcqa.checks._walk import in_document_order

__all__ = ["LanguageCode"]


class LanguageCode:
    """The language is a valid BCP 47 tag, and there is a page or a contact to learn more.

    Learners need to know in which language they will be taught and
    assessed, and where to ask. The descriptor gives ``language`` as a BCP 47
    language tag, such as ``en``, ``fr-CA`` or ``nl-BE``, and a ``url`` (the
    credential's own page) or a ``contact``.

    The tag's language must be a real ISO 639 code and a two-letter region a
    real ISO 3166-1 country; a script (``zh-Hant``) must be a real ISO 15924
    code. Codes reserved for private use name no language anyone else can
    read, so ``qaa`` to ``qtz`` and tags starting ``x-`` are errors, as are
    ``und`` (undetermined) and ``zxx`` (no linguistic content).

    - **error**: no language; a language that is not a valid tag (``xx``,
      ``english``, ``en_US``, ``en-UK``, ``qaa``); neither ``url`` nor
      ``contact``;
    - **warning**: a valid tag written unusually (``EN``, ``en-gb``), a
      three-letter code for a language that has a two-letter one (``eng``),
      or ``mul`` (several languages) instead of the main one.

    Options:

    - ``require_url_or_contact``: whether a ``url`` or a ``contact`` must be
      given (default ``true``).

    **PASS**

    ```yaml
    language: fr-CA
    url: https://example.edu/microcredentials/data-cleaning
    ```

    **FAIL**

    ```yaml
    language: xx      # error: not an ISO 639 language code
    ```
    """

    ID: ClassVar[str] = "language-code"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "object",
        "properties": {
            "require_url_or_contact": {
                "description": "Whether a url or a contact must be given.",
                "type": "boolean",
                "default": True,
            },
        },
        "additionalProperties": False,
    }

    def run(self, context: CheckContext) -> Iterator[Problem]:
        """Yield a problem for a missing or invalid language, or no page or contact."""
        require_url_or_contact = bool(context.options.get("require_url_or_contact", True))
        descriptor = context.descriptor
        problems: list[Problem] = []
        if descriptor.language is None:
            problems.append(
                Problem(
                    "/language" if "language" in context.data else "",
                    "the language of instruction and assessment is not stated; add language "
                    "as a tag such as en, fr-CA or nl-BE",
                )
            )
        else:
            issue = language_issue(descriptor.language)
            if issue is not None:
                problems.append(Problem("/language", issue.message, issue.severity))
        if require_url_or_contact and descriptor.url is None and descriptor.contact is None:
            problems.append(
                Problem(
                    "",
                    "there is no web page or contact where a learner can find out more; add "
                    "url with the credential's own page, or contact",
                )
            )
        yield from in_document_order(context.data, problems)
