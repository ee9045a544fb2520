"""Load YAML and JSON files into plain data with a source map, safely.

This is the first stage of every mcqa pipeline::

    >>> from mcqa.load import load_text
    >>> doc = load_text("title: Data literacy\\ntitle: again\\n", path="d.yaml")
    >>> doc.data
    {'title': 'Data literacy'}
    >>> [(f.rule, f.line) for f in doc.findings]
    [('duplicate-key', 2)]
    >>> doc.source_map.locate("/title")
    Position(line=1, column=8)

Nothing here raises on bad input: every problem is a located
:class:`~mcqa.models.Finding` on the returned :class:`Document`.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Literal

from mcqa.load._json import load_json_text
from mcqa.load._source import (
    Document,
    LoadLimits,
    Position,
    SourceMap,
    escape_token,
    join_pointer,
    sha256_hex,
)
from mcqa.load._yaml import HAVE_LIBYAML, load_yaml_text
from mcqa.models.finding import Finding

__all__ = [
    "HAVE_LIBYAML",
    "Document",
    "LoadLimits",
    "Position",
    "SourceMap",
    "escape_token",
    "format_for_path",
    "join_pointer",
    "load_bytes",
    "load_path",
    "load_text",
    "sha256_hex",
]

Format = Literal["yaml", "json"]

_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def format_for_path(path: str | Path) -> Format:
    """``json`` for ``.json`` files, ``yaml`` for everything else (YAML reads JSON too)."""
    return _SUFFIXES.get(Path(path).suffix.lower(), "yaml")


def load_text(
    text: str,
    *,
    path: str | None = None,
    format: Format | None = None,
    limits: LoadLimits | None = None,
    sha256: str | None = None,
) -> Document:
    """Load YAML or JSON text. ``format`` defaults to what ``path`` suggests."""
    limits = limits or LoadLimits()
    fmt: Format = format or (format_for_path(path) if path else "yaml")
    digest = sha256 or sha256_hex(text.encode("utf-8"))
    loader = load_json_text if fmt == "json" else load_yaml_text
    data, source_map, findings = loader(text, path, limits)
    return Document(
        path=path,
        data=data,
        source_map=source_map,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        sha256=digest,
        format=fmt,
        text=text,
    )


def _failed(path: str | None, rule: str, message: str, fmt: Format, digest: str) -> Document:
    finding = Finding(rule=rule, message=message, file=path, line=1, column=1)
    return Document(path, None, SourceMap(), (finding,), digest, fmt)


def load_bytes(
    data: bytes,
    *,
    path: str | None = None,
    format: Format | None = None,
    limits: LoadLimits | None = None,
) -> Document:
    """Load a YAML or JSON file's bytes (UTF-8, or UTF-16 with a byte-order mark)."""
    limits = limits or LoadLimits()
    fmt: Format = format or (format_for_path(path) if path else "yaml")
    digest = sha256_hex(data)
    if len(data) > limits.max_bytes:
        return _failed(
            path,
            "limit-size",
            f"the file is {len(data):,} bytes; mcqa reads files of at most "
            f"{limits.max_bytes:,} bytes",
            fmt,
            digest,
        )
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        finding = Finding(
            rule="encoding",
            message="the file is not UTF-8 text; save it as UTF-8 "
            f"(byte 0x{data[exc.start]:02x} cannot be read)",
            file=path,
            line=line,
            column=column,
        )
        return Document(path, None, SourceMap(), (finding,), digest, fmt)
    return load_text(text, path=path, format=fmt, limits=limits, sha256=digest)


def load_path(
    path: str | Path,
    *,
    format: Format | None = None,
    limits: LoadLimits | None = None,
    display: str | None = None,
) -> Document:
    """Read and load a file. ``display`` is the name findings use (default: ``path``)."""
    limits = limits or LoadLimits()
    name = display if display is not None else str(path)
    fmt: Format = format or format_for_path(path)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _failed(name, "io", f"could not read the file: {reason}", fmt, sha256_hex(b""))
    return load_bytes(data, path=name, format=fmt, limits=limits)
