"""Shared base classes and field types for mcqa's data contracts."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

__all__ = [
    "SEMVER_PATTERN",
    "Contract",
    "DateString",
    "FrozenContract",
    "JsonPointer",
    "SemVer",
    "Url",
]


class Contract(BaseModel):
    """Base of every mcqa data contract.

    Unknown fields are refused (each becomes a located finding when a file is
    validated), attribute docstrings become field descriptions in the
    published JSON Schemas, and values keep the types the schema promises.
    """

    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        populate_by_name=True,
        validate_default=False,
    )


class FrozenContract(Contract):
    """A contract whose instances are immutable values."""

    model_config = ConfigDict(frozen=True)


#: Semantic Versioning 2.0.0, the official regular expression from semver.org.
SEMVER_PATTERN = (
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
SEMVER_RE = re.compile(SEMVER_PATTERN)

SemVer = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
"""A semantic version such as ``1.2.0``."""

JsonPointer = Annotated[str, StringConstraints(pattern=r"^(/([^~/]|~[01])*)*$")]
"""An RFC 6901 JSON Pointer such as ``/learning_outcomes/0/statement``."""

DateString = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
"""A calendar date written ``YYYY-MM-DD`` (kept as text; checks judge whether it is real)."""

Url = Annotated[str, StringConstraints(min_length=1)]
"""A web address. Kept as text so a malformed one is a finding, not a load failure."""
