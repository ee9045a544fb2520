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
import os
import stat
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
    text_position,
)
from mcqa.load._yaml import HAVE_LIBYAML, load_yaml_text
from mcqa.models.finding import Finding

__all__ = [
    "HAVE_LIBYAML",
    "Document",
    "FileRefusedError",
    "LoadLimits",
    "Position",
    "SourceMap",
    "escape_token",
    "file_problem",
    "format_for_path",
    "join_pointer",
    "load_bytes",
    "load_path",
    "load_text",
    "read_file_bytes",
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
    digest = sha256 or sha256_hex(text.encode("utf-8", "surrogatepass"))
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


def _undecodable(
    exc: UnicodeDecodeError, encoding: str, path: str | None, fmt: Format, digest: str
) -> Document:
    """An ``encoding`` finding at the first byte that cannot be decoded."""
    data: bytes = exc.object  # without a UTF-8 byte-order mark: the decoder skipped it
    before = data[: exc.start].decode(encoding, errors="replace")
    where = text_position(before, len(before))
    if encoding == "utf-8":
        message = (
            "the file is not UTF-8 text; save it as UTF-8 "
            f"(byte 0x{data[exc.start]:02x} cannot be read)"
        )
    else:
        message = f"the file is not valid UTF-16 text ({exc.reason}); save it as UTF-8"
    finding = Finding(
        rule="encoding", message=message, file=path, line=where.line, column=where.column
    )
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
        return _failed(path, "limit-size", _too_large(len(data), limits), fmt, digest)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _failed(
            path,
            "encoding",
            "the file is UTF-32 text (it starts with a UTF-32 byte-order mark); "
            "mcqa reads UTF-8 and UTF-16: save it as UTF-8",
            fmt,
            digest,
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return _undecodable(exc, "utf-16", path, fmt, digest)
        nul = text.find("\x00")
    else:
        # A NUL byte first: it says "binary" (or UTF-16 without its mark) better than the
        # first byte UTF-8 cannot read, which would often come before it.
        nul = data.find(b"\x00")
        if nul >= 0:
            text = data[:nul].decode("utf-8-sig", errors="replace")
            nul = len(text)
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                return _undecodable(exc, "utf-8", path, fmt, digest)
    if nul >= 0:  # never valid in YAML or JSON
        where = text_position(text, nul)
        finding = Finding(
            rule="encoding",
            message="the file holds a NUL character: it is a binary file, or text saved as "
            "UTF-16 or UTF-32 without a byte-order mark; save it as UTF-8 text",
            file=path,
            line=where.line,
            column=where.column,
        )
        return Document(path, None, SourceMap(), (finding,), digest, fmt)
    return load_text(text, path=path, format=fmt, limits=limits, sha256=digest)


def _too_large(size: int, limits: LoadLimits, *, more_than: bool = False) -> str:
    return (
        f"the file is {'more than ' if more_than else ''}{size:,} bytes; "
        f"mcqa reads files of at most {limits.max_bytes:,} bytes"
    )


class FileRefusedError(OSError):
    """A path mcqa does not read: not a regular file, or a file over the size limit.

    ``rule`` is the finding's rule (``io`` or ``limit-size``), ``reason`` says why
    in words (``it is a named pipe (FIFO), not a regular file``).
    """

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str:
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"it is {kind}, not a regular file"


def file_problem(path: str | Path, *, folder_ok: bool = False) -> str | None:
    """Why ``path`` cannot be read as a file, or ``None`` when it is a regular file.

    With ``folder_ok``, a folder is fine too. Nothing is opened, so a named pipe
    or a device (``/dev/zero``) answers at once::

        >>> file_problem(".")
        'it is a folder, not a regular file'
        >>> file_problem(".", folder_ok=True) is None
        True
    """
    try:
        mode = Path(path).stat().st_mode
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    except ValueError:  # a NUL character in the name
        return "the name holds a NUL character"
    if stat.S_ISREG(mode) or (folder_ok and stat.S_ISDIR(mode)):
        return None
    return _not_regular(mode)


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the stat cannot block the open
    | getattr(os, "O_NOCTTY", 0)  # nor a terminal become ours
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1024 * 1024


def read_file_bytes(path: str | Path, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (default: :class:`LoadLimits`').

    Safe on any path a pull request can put in a repository: a folder, a named
    pipe, a device (``/dev/zero`` never ends) or a socket is refused before it
    is opened, and again after (it may have been swapped in meanwhile); a file
    over the limit is refused by its size, unread, and never more than
    ``max_bytes + 1`` bytes are read. Raises :class:`FileRefusedError` for
    those, :class:`OSError` when the file cannot be read, and :class:`ValueError`
    for a name with a NUL character.
    """
    limit = LoadLimits().max_bytes if max_bytes is None else max_bytes
    limits = LoadLimits(max_bytes=limit)
    status = Path(path).stat()
    if not stat.S_ISREG(status.st_mode):
        raise FileRefusedError("io", _not_regular(status.st_mode))
    if status.st_size > limit:
        raise FileRefusedError("limit-size", _too_large(status.st_size, limits))
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise FileRefusedError("io", _not_regular(status.st_mode))
        if status.st_size > limit:
            raise FileRefusedError("limit-size", _too_large(status.st_size, limits))
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:  # the file grew while it was read
        raise FileRefusedError("limit-size", _too_large(limit, limits, more_than=True))
    return data


def load_path(
    path: str | Path,
    *,
    format: Format | None = None,
    limits: LoadLimits | None = None,
    display: str | None = None,
) -> Document:
    """Read and load a file. ``display`` is the name findings use (default: ``path``).

    Only regular files are read: a folder, named pipe, device or socket is an
    ``io`` finding, and a file over ``limits.max_bytes`` a ``limit-size``
    finding, both found without reading the file (see :func:`read_file_bytes`).
    """
    limits = limits or LoadLimits()
    name = display if display is not None else str(path)
    fmt: Format = format or format_for_path(path)
    empty = sha256_hex(b"")
    try:
        data = read_file_bytes(path, max_bytes=limits.max_bytes)
    except FileRefusedError as exc:
        message = exc.reason if exc.rule == "limit-size" else f"could not read the file: {exc}"
        return _failed(name, exc.rule, message, fmt, empty)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _failed(name, "io", f"could not read the file: {reason}", fmt, empty)
    except ValueError:  # a NUL character in the name (one a form or a rubric gave, say)
        return _failed(
            name, "io", "could not read the file: the name holds a NUL character", fmt, empty
        )
    return load_bytes(data, path=name, format=fmt, limits=limits)
