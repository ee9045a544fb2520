"""Importers: catalog pages, Open Badges and CTDL records in, descriptors out.

``IMPORTERS`` maps each built-in importer's id to an instance:

========  ==============================================================
id        reads
========  ==============================================================
markdown  Markdown pages: YAML front matter, headings, "**Label:** value"
ob3       Open Badges 3.0 ``Achievement`` / ``OpenBadgeCredential``
ob2       Open Badges 2.0 ``BadgeClass`` (alone or in an ``Assertion``)
ctdl      CTDL JSON-LD credential or learning-programme records
========  ==============================================================

Other packages add importers through the entry-point group ``mcqa.importers``:
the entry point's value is a class (or an instance) with ``ID``,
``DESCRIPTION``, ``detect`` and ``convert`` (see :class:`Importer`). Built-in
importers are asked first and win a clash of ids.

:func:`load_descriptor` is how the rest of mcqa reads a descriptor file: the
file is loaded once, and when an importer recognises its content (never its
name) the imported descriptor stands in for it::

    document, imported = load_descriptor("catalog/data-101.md")
    document.data["title"]        # the descriptor, located in the page's lines
    imported.findings             # what the importer could not carry over
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from mcqa._plugins import iter_plugins
from mcqa.importers._base import Imported, Importer, Provenance
from mcqa.importers.ctdl import CtdlImporter
from mcqa.importers.markdown import MarkdownImporter
from mcqa.importers.openbadges import OpenBadges2Importer, OpenBadges3Importer
from mcqa.load import (
    Document,
    FileRefusedError,
    SourceMap,
    load_path,
    read_file_bytes,
    sha256_hex,
)
from mcqa.load._source import text_position
from mcqa.load._yaml import CORE_RESOLVERS
from mcqa.models.descriptor import Descriptor
from mcqa.models.finding import Finding

__all__ = [
    "ENTRY_POINT_GROUP",
    "IMPORTERS",
    "MARKDOWN_SUFFIXES",
    "Imported",
    "Importer",
    "Provenance",
    "all_importers",
    "descriptor_yaml",
    "detect_format",
    "import_document",
    "is_markdown_path",
    "load_descriptor",
    "load_markdown",
    "plugin_problems",
]

#: Entry-point group through which other packages contribute importers.
ENTRY_POINT_GROUP = "mcqa.importers"

#: File suffixes read as Markdown text (every other file is loaded as YAML or JSON).
MARKDOWN_SUFFIXES = (".md", ".markdown")

#: The importers that ship with mcqa, by id, in the order they are asked.
IMPORTERS: dict[str, Importer] = {
    importer.ID: importer
    for importer in (
        OpenBadges3Importer(),
        OpenBadges2Importer(),
        CtdlImporter(),
        MarkdownImporter(),
    )
}


@cache
def _plugins() -> tuple[tuple[Importer, ...], tuple[str, ...]]:
    found: list[Importer] = []
    problems: list[str] = []
    for name, value, importer, problem in iter_plugins(ENTRY_POINT_GROUP):
        if problem is not None:
            problems.append(f"the importer plug-in {name} ({value}) {problem}")
        elif not isinstance(importer, Importer) or not isinstance(
            getattr(importer, "ID", None), str
        ):
            problems.append(
                f"the importer plug-in {name} ({value}) is not an importer "
                "(it needs ID, DESCRIPTION, detect and convert)"
            )
        elif importer.ID not in IMPORTERS and all(importer.ID != f.ID for f in found):
            found.append(importer)
    return tuple(found), tuple(problems)


def all_importers() -> dict[str, Importer]:
    """Built-in importers, then those of installed plug-ins (built-ins win a clash of ids)."""
    return {**IMPORTERS, **{importer.ID: importer for importer in _plugins()[0]}}


def plugin_problems() -> tuple[str, ...]:
    """Why some installed importer plug-ins could not be used, one sentence each."""
    return _plugins()[1]


def _detects(importer: Importer, source: Document) -> bool:
    if importer.ID in IMPORTERS and IMPORTERS[importer.ID] is importer:
        return importer.detect(source)
    try:  # a broken plug-in must not stop mcqa, nor make every file an error
        return bool(importer.detect(source))
    except Exception:
        return False


def detect_format(source: Document) -> str | None:
    """The id of the first importer that recognises ``source`` by its content, if any.

    >>> from mcqa.load import load_text
    >>> detect_format(load_text('{"@context": "https://w3id.org/openbadges/v2", '
    ...     '"type": "BadgeClass", "name": "Robotics"}', format="json"))
    'ob2'
    >>> detect_format(load_text("id: d1\\ntitle: Data literacy\\n")) is None
    True
    """
    if source.data is None and source.format != "markdown":
        return None
    for importer in all_importers().values():
        if _detects(importer, source):
            return importer.ID
    return None


def import_document(source: Document, *, format: str | None = None) -> Imported | None:
    """The descriptor ``source`` describes, when an importer recognises it; else ``None``.

    Without ``format``, every importer is asked in turn (by the content, never
    the file's name) and the first that recognises the document converts it.
    With ``format`` (an importer's id), only that importer is asked, and
    ``None`` means the document is not in that format. An unknown ``format``
    raises :class:`ValueError`.

    ``source`` is a loaded YAML or JSON document, or a Markdown page
    (:func:`load_markdown`). The result's document is located in the source
    file, so findings about it point at the source's lines.
    """
    importers = all_importers()
    if format is not None:
        if format not in importers:
            raise ValueError(
                f"{format!r} is not an import format; choose from {', '.join(sorted(importers))}"
            )
        chosen = importers[format]
        return chosen.convert(source) if _detects(chosen, source) else None
    found = detect_format(source)
    return importers[found].convert(source) if found is not None else None


def _unreadable(
    name: str, rule: str, message: str, digest: str, line: int = 1, column: int = 1
) -> Document:
    finding = Finding(rule=rule, message=message, file=name, line=line, column=column)
    return Document(name, None, SourceMap(), (finding,), digest, "markdown")


def load_markdown(path: str | Path, *, display: str | None = None) -> Document:
    """A Markdown file as a source document: its text, no data (``format`` ``markdown``).

    Read with the loader's rules (a regular file only, at most the size limit;
    UTF-8, with or without a byte-order mark, or UTF-16 with one); a file that
    cannot be read has no text and an ``io``, ``limit-size`` or ``encoding``
    finding saying why.
    """
    name = display if display is not None else str(path)
    empty = sha256_hex(b"")
    try:
        raw = read_file_bytes(path)
    except FileRefusedError as exc:
        message = exc.reason if exc.rule == "limit-size" else f"could not read the file: {exc}"
        return _unreadable(name, exc.rule, message, empty)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _unreadable(name, "io", f"could not read the file: {reason}", empty)
    except ValueError:
        return _unreadable(
            name, "io", "could not read the file: the name holds a NUL character", empty
        )
    digest = sha256_hex(raw)
    encoding = (
        "utf-16" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    )
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode(encoding, errors="replace")
        where = text_position(before, len(before))
        return _unreadable(
            name,
            "encoding",
            f"the file is not {'UTF-8' if encoding == 'utf-8-sig' else 'UTF-16'} text; "
            "save it as UTF-8",
            digest,
            where.line,
            where.column,
        )
    if "\x00" in text:
        where = text_position(text, text.index("\x00"))
        return _unreadable(
            name,
            "encoding",
            "the file holds a NUL character: it is a binary file, not a Markdown page",
            digest,
            where.line,
            where.column,
        )
    return Document(name, None, SourceMap(), (), digest, "markdown", text)


def _unrecognised_page(source: Document) -> Finding:
    return Finding(
        rule="not-a-descriptor",
        message="this Markdown page does not describe a course or credential that mcqa can "
        "read: it has no front matter with a title, no heading for learning outcomes, "
        'objectives or assessment, and fewer than three "**Label:** value" lines naming '
        "descriptor fields",
        file=source.path,
        line=1,
        column=1,
    )


def is_markdown_path(path: str | Path) -> bool:
    """Whether a file is read as a Markdown page, by its suffix (``.md``, ``.markdown``)."""
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES


def load_descriptor(
    path: str | Path, *, display: str | None = None, format: str | None = None
) -> tuple[Document, Imported | None]:
    """Read a descriptor file, in mcqa's own format or in one an importer reads.

    The file is loaded once: ``.md`` and ``.markdown`` files as Markdown text
    (:func:`load_markdown`), every other file with mcqa's YAML or JSON loader
    (:func:`mcqa.load.load_path`). When an importer recognises the content
    (:func:`import_document`; only the importer ``format`` names, when given,
    and ``format="markdown"`` reads any file as a Markdown page), the result is
    the imported descriptor, located in the source file, and the
    :class:`Imported` with its provenance and findings; the source's own load
    findings (a duplicate key in the JSON, say) are among those findings.
    Otherwise it is the document as loaded, and ``None`` (a Markdown page no
    importer recognises then has a ``not-a-descriptor`` error finding).

    ``display`` is the name findings use (default: ``path``). Never raises for
    what the file holds.
    """
    if format == "markdown" or (format is None and is_markdown_path(path)):
        source = load_markdown(path, display=display)
        if source.text is None:
            return source, None
    else:
        source = load_path(path, display=display)
        if source.data is None:
            return source, None
    imported = import_document(source, format=format)
    if imported is None:
        if source.format == "markdown":
            return dataclasses.replace(source, findings=(_unrecognised_page(source),)), None
        return source, None
    if source.findings:
        imported = dataclasses.replace(
            imported,
            findings=tuple(
                sorted(dict.fromkeys((*source.findings, *imported.findings)), key=Finding.sort_key)
            ),
        )
    return imported.document, imported


# -- writing a descriptor -------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string that YAML 1.1 *or* 1.2 would read as
    something else (``0o17``, ``1e3``, ``no``), and writing text with line breaks as a
    literal block."""


for _tag, _regexp, _first in CORE_RESOLVERS:
    _Dumper.add_implicit_resolver(_tag, _regexp, _first)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _in_order(value: Any, shape: Any) -> Any:
    """``value`` with the keys of each mapping in the order of ``shape``'s (a model's dump)."""
    if isinstance(value, Mapping):
        order = list(shape) if isinstance(shape, Mapping) else []
        rank = {key: index for index, key in enumerate(order)}
        keys = sorted(value, key=lambda k: rank.get(k, len(rank)))
        return {
            key: _in_order(value[key], shape.get(key) if isinstance(shape, Mapping) else None)
            for key in keys
        }
    if isinstance(value, list):
        shapes = (
            shape if isinstance(shape, list) and len(shape) == len(value) else [None] * len(value)
        )
        return [_in_order(item, item_shape) for item, item_shape in zip(value, shapes, strict=True)]
    return value


def descriptor_yaml(data: Mapping[str, Any], *, comments: Sequence[str] = ()) -> str:
    """Descriptor data as readable YAML, keys in the descriptor's field order.

    ``comments`` become ``#`` lines at the top. The values are written as they
    are (only the order of keys changes), so mcqa's loader reads the text back as
    the same data:

    >>> print(descriptor_yaml({"title": "Data literacy", "id": "d1", "version": "1e3"},
    ...                       comments=["Imported from d1.json"]), end="")
    # Imported from d1.json
    id: d1
    title: Data literacy
    version: '1e3'
    """
    try:
        shape: Any = Descriptor.model_validate(dict(data)).model_dump(
            mode="json", by_alias=True, exclude_none=True
        )
    except (ValidationError, ValueError, TypeError):
        shape = {field.alias or name: None for name, field in Descriptor.model_fields.items()}
    text = yaml.dump(
        _in_order(data, shape),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
        indent=2,
    )
    header = "".join(f"# {line}\n".replace("# \n", "#\n") for line in comments)
    return header + text
