"""What every importer is: a foreign format in, a canonical descriptor out, with provenance.

An importer reads one source document (an Open Badges achievement, a CTDL
record, a Markdown page) and produces the descriptor mcqa scores, as a
:class:`~mcqa.load.Document` whose ``data`` is the descriptor, whose ``path``
and ``sha256`` are the source file's, and whose source map places every
descriptor field at the line and column of the source value it came from. So
findings about an imported descriptor point into the file the user has.

Beside it, :class:`Imported` keeps each field's provenance (which source
field it came from) and the importer's own findings: ambiguities that were
not guessed ("credits: 3" with no unit), values that could not be carried
over, and what the format lacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from mcqa.load import Document, SourceMap
from mcqa.load._source import Position
from mcqa.models.finding import Finding

__all__ = ["Imported", "Importer", "Provenance", "descriptor_document", "plain"]


@dataclass(frozen=True)
class Provenance:
    """Where one descriptor field came from."""

    source_field: str
    """The field in the source format: a JSON Pointer into a JSON document
    (``/criteria/narrative``), or a description of the place in a Markdown page
    (``front matter: title``, ``section "Learning outcomes"``, ``"**ECTS:**" line``)."""
    line: int | None = None
    """1-based line in the source file, where the format has lines."""
    column: int | None = None


@dataclass(frozen=True)
class Imported:
    """The result of importing one source document."""

    document: Document
    """The canonical descriptor, located in the source file (see the module's docstring)."""
    source_format: str
    """The importer's id, e.g. ``ob3``."""
    provenance: Mapping[str, Provenance] = field(default_factory=dict)
    """Descriptor JSON Pointer -> where its value came from, for every field set."""
    findings: tuple[Finding, ...] = ()
    """What the importer could not carry over or would not guess, located in the source."""


@runtime_checkable
class Importer(Protocol):
    """The shape of an importer (see ``mcqa.importers.IMPORTERS``)."""

    ID: ClassVar[str]
    """Stable id used by ``mcqa import --from ID``: ``markdown``, ``ob3``, ``ob2``, ``ctdl``."""
    DESCRIPTION: ClassVar[str]
    """One line for ``--help``."""

    def detect(self, source: Document) -> bool:
        """Whether ``source`` is in this format, judged by its content (not its name).

        JSON and YAML sources arrive parsed (``source.data``); Markdown arrives
        as text (``source.format == "markdown"``, ``source.text``, ``data`` None).
        """
        ...

    def convert(self, source: Document) -> Imported:
        """The descriptor ``source`` describes. Never raises for bad content."""
        ...


def plain(value: Any) -> Any:
    """``value`` unless it is an empty string, list or mapping (then ``None``)."""
    if value in ("", [], {}):
        return None
    return value


def descriptor_document(
    source: Document,
    data: dict[str, Any],
    provenance: Mapping[str, Provenance],
    source_format: str,
) -> Document:
    """The imported descriptor ``data`` as a document located in ``source``'s file.

    Every descriptor pointer with a provenance line is placed there; pointers
    without one fall back (through :meth:`SourceMap.locate`) to their nearest
    located ancestor, and the descriptor's root to the source's first line.
    """
    places = SourceMap()
    places.add_value("", Position(1, 1))
    for pointer, where in sorted(provenance.items()):
        if where.line is not None:
            places.add_value(pointer, Position(where.line, where.column or 1))
            places.add_key(pointer, Position(where.line, where.column or 1))
    return Document(
        path=source.path,
        data=data,
        source_map=places,
        findings=(),
        sha256=source.sha256,
        format=source_format,
        text=None,
    )
