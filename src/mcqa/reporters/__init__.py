"""Reporters: one module per output format, registered explicitly.

Other packages add formats through the entry-point group ``mcqa.formats``;
the entry point's value is a class with ``NAME``, ``DESCRIPTION`` and ``render``, and,
to stream (render one result at a time, in the worker processes), ``SEPARATOR``,
``begin``, ``result``, ``digest`` and ``end`` (see :class:`StreamingReporter`).
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from mcqa._plugins import iter_plugins

if TYPE_CHECKING:  # at run time, imported when first asked for (see __getattr__)
    from mcqa.reporters._base import (
        RenderOptions,
        Reporter,
        RunInfo,
        StreamingReporter,
        keeps_digests,
        render_report,
        summary_of,
    )

    #: The formats that ship with mcqa, by name.
    BUILTIN_REPORTERS: dict[str, Reporter]

__all__ = [
    "BUILTIN_FORMATS",
    "BUILTIN_REPORTERS",
    "ENTRY_POINT_GROUP",
    "RenderOptions",
    "Reporter",
    "RunInfo",
    "StreamingReporter",
    "all_reporters",
    "keeps_digests",
    "render_report",
    "reporter_named",
    "summary_of",
]

#: Entry-point group through which other packages contribute output formats.
ENTRY_POINT_GROUP = "mcqa.formats"

#: The formats that ship with mcqa: each name, and its reporter as ``module:Class``.
#: A format's module is imported when the format is first used, so the names cost
#: nothing (``mcqa check --help`` lists them).
BUILTIN_FORMATS: dict[str, str] = {
    "badge": "mcqa.reporters.badge:BadgeReporter",
    "github": "mcqa.reporters.github:GithubReporter",
    "gitlab": "mcqa.reporters.gitlab:GitlabReporter",
    "html": "mcqa.reporters.html:HtmlReporter",
    "json": "mcqa.reporters.json:JsonReporter",
    "junit": "mcqa.reporters.junit:JunitReporter",
    "markdown": "mcqa.reporters.markdown:MarkdownReporter",
    "sarif": "mcqa.reporters.sarif:SarifReporter",
    "text": "mcqa.reporters.text:TextReporter",
}

_BASE = (
    "RenderOptions",
    "Reporter",
    "RunInfo",
    "StreamingReporter",
    "keeps_digests",
    "render_report",
    "summary_of",
)


@cache
def _builtin(name: str) -> Reporter:
    module, _, attribute = BUILTIN_FORMATS[name].partition(":")
    reporter: Reporter = getattr(import_module(module), attribute)()
    return reporter


@cache
def _builtin_reporters() -> dict[str, Reporter]:
    return {name: _builtin(name) for name in BUILTIN_FORMATS}


def reporter_named(name: str) -> Reporter:
    """The reporter of the format ``name``; :class:`KeyError` when there is none.

    A built-in format imports its own module only, and no plug-in is looked for.
    """
    if name in BUILTIN_FORMATS:
        return _builtin(name)
    return all_reporters()[name]


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name == "BUILTIN_REPORTERS":
            return _builtin_reporters()
        if name in _BASE:
            value = getattr(import_module("mcqa.reporters._base"), name)
            globals()[name] = value
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def all_reporters() -> dict[str, Reporter]:
    """Built-in formats plus those of installed plug-ins (built-ins win a clash of names)."""
    from mcqa.reporters._base import Reporter

    builtin = _builtin_reporters()
    found: dict[str, Reporter] = {}
    for _, _, reporter, _ in iter_plugins(ENTRY_POINT_GROUP):
        if isinstance(reporter, Reporter) and reporter.NAME not in builtin:
            found[reporter.NAME] = reporter
    return {**found, **builtin}
