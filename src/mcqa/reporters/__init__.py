"""Reporters: one module per output format, registered explicitly.

Other packages add formats through the entry-point group ``mcqa.reporters``;
the entry point's value is a class with ``NAME``, ``DESCRIPTION`` and ``render``, and,
to stream (render one result at a time, in the worker processes), ``SEPARATOR``,
``begin``, ``result``, ``digest`` and ``end`` (see :class:`StreamingReporter`).
"""

from __future__ import annotations

from functools import cache

from mcqa._plugins import iter_plugins
from mcqa.reporters._base import (
    RenderOptions,
    Reporter,
    RunInfo,
    StreamingReporter,
    render_report,
    summary_of,
)
from mcqa.reporters.json import JsonReporter
from mcqa.reporters.text import TextReporter

__all__ = [
    "BUILTIN_REPORTERS",
    "ENTRY_POINT_GROUP",
    "RenderOptions",
    "Reporter",
    "RunInfo",
    "StreamingReporter",
    "all_reporters",
    "render_report",
    "summary_of",
]

#: Entry-point group through which other packages contribute output formats.
ENTRY_POINT_GROUP = "mcqa.reporters"

#: The formats that ship with mcqa, by name.
BUILTIN_REPORTERS: dict[str, Reporter] = {
    reporter.NAME: reporter for reporter in (TextReporter(), JsonReporter())
}


@cache
def all_reporters() -> dict[str, Reporter]:
    """Built-in formats plus those of installed plug-ins (built-ins win a clash of names)."""
    found: dict[str, Reporter] = {}
    for _, _, reporter, _ in iter_plugins(ENTRY_POINT_GROUP):
        if isinstance(reporter, Reporter) and reporter.NAME not in BUILTIN_REPORTERS:
            found[reporter.NAME] = reporter
    return {**found, **BUILTIN_REPORTERS}
