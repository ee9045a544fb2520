"""The configuration contract: ``.mcqa.yaml`` or ``[tool.mcqa]`` in ``pyproject.toml``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from mcqa.models._base import IS_WHOLE_NUMBER, NOT_A_BOOLEAN, Contract, DateString
from mcqa.models._formats import CONFIG_FORMAT

__all__ = ["CONFIG_FORMAT", "Config", "ConfigWaiver", "PathOverride"]


#: Descriptor files looked for under a directory when no ``include`` is configured.
DEFAULT_INCLUDE = ("**/*.yaml", "**/*.yml", "**/*.json")


class ConfigWaiver(Contract):
    """Accept the findings of one standard on some paths, for a reason, until a date."""

    standard: str
    """Id of the standard (or rule) waived."""
    paths: list[str] = Field(default_factory=lambda: ["**"])
    """Glob patterns of the descriptor files the waiver covers."""
    reason: str = Field(min_length=1)
    expires: DateString | None = None
    """Last day the waiver applies; after it the waiver is reported as expired."""


class PathOverride(Contract):
    """Settings for descriptor files matching some glob patterns."""

    paths: list[str] = Field(min_length=1)
    rubric: str | None = None
    """Rubric for these files: ``id``, ``id@range`` or a path."""


class Config(Contract):
    """Project settings for ``mcqa check``."""

    config_format: Annotated[Literal[1], NOT_A_BOOLEAN] = 1
    rubric: str | None = None
    """Rubric to check against: ``id``, ``id@range`` (e.g. ``mcqa-core@^1``) or a path."""
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE))
    """Glob patterns of descriptor files, relative to the config file."""
    exclude: list[str] = Field(default_factory=list)
    fail_on: Literal["not-conformant", "pending", "checks"] = "not-conformant"
    jobs: Annotated[int, Field(ge=1), IS_WHOLE_NUMBER] | None = None
    reviews: str | None = None
    """Directory of review forms."""
    overrides: list[PathOverride] = Field(default_factory=list)
    waivers: list[ConfigWaiver] = Field(default_factory=list)
    inline_waivers: list[str] = Field(default_factory=list)
    """Glob patterns of descriptor files whose own ``# mcqa: waive`` comments are
    honoured. None by default: a descriptor's author cannot waive its standards
    unless the catalog's maintainers allow it here. Essential standards can never
    be waived."""
