"""The ``mcqa`` command line: a thin shell over the library.

Exit codes, for every command:

* ``0`` — everything checked is fine (warnings may have been printed);
* ``1`` — problems were found in the files you gave;
* ``2`` — mcqa could not run: wrong usage, an unknown rubric, an unreadable
  configuration, or a broken installation.
* ``130`` — interrupted (SIGINT), ``143`` — terminated (SIGTERM): the work
  stopped, worker processes included, and no file was left half written.

Problems print one per line as ``file:line:col: severity: message [rule]``,
sorted, all of them in one run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import importlib
import inspect
import io
import itertools
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Literal, NoReturn

import click

# Only what defining the commands needs is imported here, so that ``--version``,
# ``--help`` and a mistyped option answer at once; each command imports the parts
# of mcqa it uses when it runs.
from mcqa._data import DataMissingError
from mcqa._version import __version__
from mcqa.reporters import BUILTIN_FORMATS

if TYPE_CHECKING:
    import socket

    from mcqa.catalog import CatalogPlan, Found, Skipped, _Search
    from mcqa.config import LoadedConfig
    from mcqa.load import Document
    from mcqa.models.descriptor import Descriptor
    from mcqa.models.finding import Finding
    from mcqa.models.report import DescriptorResult, Summary
    from mcqa.models.rubric import Rubric
    from mcqa.reporters import RenderOptions, Reporter, RunInfo
    from mcqa.review import ReviewSet
    from mcqa.rubrics import RubricRegistry

__all__ = ["EXIT_COULD_NOT_RUN", "EXIT_FINDINGS", "EXIT_OK", "cli", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_COULD_NOT_RUN = 2

#: Catalogs at least this large show a progress bar (on a terminal only).
PROGRESS_MIN_FILES = 50

#: The names of the library the commands use, by module. The commands import them
#: when they run; as attributes of this module (``mcqa.cli.check_catalog``) they are
#: imported when first asked for (replacing one here changes nothing a command calls).
_LIBRARY = {
    "mcqa._data": "schemas_dir",
    "mcqa._paths": "find_root git_top inside",
    "mcqa.catalog": "DEFAULT_FILE_TIMEOUT DEFAULT_RUBRIC CatalogPlan Skipped check_catalog "
    "discover iter_rendered iter_results not_a_descriptor plan_catalog",
    "mcqa.checks": "all_checks",
    "mcqa.config": "ConfigError LoadedConfig load_config",
    "mcqa.diff": "diff_rubrics diff_to_json render_diff_markdown render_diff_text",
    "mcqa.evaluate": "build_report evaluate_document type_descriptor",
    "mcqa.importers": "all_importers descriptor_yaml detect_format load_descriptor plugin_problems",
    "mcqa.importers.ctdl": "export_ctdl",
    "mcqa.importers.openbadges": "export_endorsement export_ob3_achievement",
    "mcqa.load": "Document file_problem load_path read_file_bytes",
    "mcqa.models.descriptor": "Descriptor",
    "mcqa.models.finding": "Finding",
    "mcqa.models.report": "RubricRef Summary ToolInfo",
    "mcqa.models.rubric": "Rubric",
    "mcqa.refresh": "FormUpdateError update_form",
    "mcqa.render": "format_findings render_checks render_rubric summarize",
    "mcqa.render.safe": "printable",
    "mcqa.reporters": "BUILTIN_REPORTERS RenderOptions Reporter RunInfo StreamingReporter "
    "all_reporters",
    "mcqa.review": "ReviewSet amendment_notes load_reviews render_form reviews_for validate_review",
    "mcqa.rubrics": "RUBRIC_SUFFIXES RubricError RubricRegistry looks_like_path unique_findings",
    "mcqa.schema": "SCHEMA_FORMATS SCHEMA_MODELS render_schema schema_filename",
    "mcqa.status": "render_status_text review_status",
}
_LIBRARY_NAMES = {name: module for module, names in _LIBRARY.items() for name in names.split()}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _LIBRARY_NAMES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return getattr(importlib.import_module(module), name)


class CouldNotRun(click.ClickException):
    """mcqa cannot do what was asked; exit 2 with a one-line reason (and any findings)."""

    exit_code = EXIT_COULD_NOT_RUN

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = tuple(findings)

    def show(self, file: Any = None) -> None:
        from mcqa.render import format_findings

        for line in format_findings(self.findings):
            click.echo(line, err=True)
        click.echo(f"mcqa: error: {self.format_message()}", err=True)


def _registry() -> RubricRegistry:
    from mcqa.rubrics import RubricRegistry

    try:
        return RubricRegistry()
    except DataMissingError as exc:
        raise CouldNotRun(str(exc)) from exc


def _warn_problems(registry: RubricRegistry) -> None:
    for problem in registry.problems:
        click.echo(f"mcqa: warning: {problem}", err=True)


def _load_rubric(registry: RubricRegistry, spec: str) -> Rubric:
    from mcqa.rubrics import RubricError

    try:
        return registry.load(spec)
    except RubricError as exc:
        raise CouldNotRun(exc.message, exc.findings) from exc


def _readable(folder_ok: bool) -> Any:
    """A click callback refusing paths that are not regular files (or folders, if allowed).

    A named pipe, a device or a socket given where a file is expected stops at
    once with exit 2 and says what it is; nothing is opened.
    """

    def check(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return value
        from mcqa.load import file_problem

        for path in value if isinstance(value, tuple) else (value,):
            if str(path) == "-" or not os.path.lexists(path):
                continue  # a missing path gets the command's own message
            problem = file_problem(path, folder_ok=folder_ok)
            if problem is not None:
                from mcqa.render.safe import printable

                raise click.BadParameter(f"{printable(str(path))}: {problem}", ctx, param)
        return value

    return check


def _setup(
    no_config: bool, config_path: Path | None, rubric_spec: str | None
) -> tuple[LoadedConfig, RubricRegistry, str, Rubric]:
    """The configuration, the registry, and the rubric asked for (else the configured one)."""
    from mcqa._paths import git_top
    from mcqa.catalog import DEFAULT_RUBRIC
    from mcqa.config import ConfigError, LoadedConfig, load_config
    from mcqa.rubrics import looks_like_path

    try:
        loaded = (
            LoadedConfig(root=git_top(Path.cwd()) or Path.cwd().resolve())
            if no_config
            else load_config(config_path)
        )
    except ConfigError as exc:
        raise CouldNotRun(exc.message, exc.findings) from exc
    config = loaded.config
    registry = _registry()
    spec = rubric_spec or config.rubric or DEFAULT_RUBRIC
    if rubric_spec is None and config.rubric and looks_like_path(config.rubric):
        spec = str(loaded.root / config.rubric)
    return loaded, registry, spec, _load_rubric(registry, spec)


def _registry_beside(registry: RubricRegistry, spec: str, rubric_obj: Rubric) -> RubricRegistry:
    """The registry, plus the other versions filed beside a rubric given as a file.

    A rubric kept as ``rubrics/<id>/<version>.yaml`` outside mcqa has its
    earlier versions next to it; forms made for them can then be carried forward.
    """
    from mcqa.rubrics import RubricRegistry, looks_like_path

    if not looks_like_path(spec):
        return registry
    folder = Path(spec).resolve().parent
    if folder.name != rubric_obj.id:
        return registry
    try:
        return RubricRegistry(directories=[folder.parent])
    except DataMissingError:
        return registry


#: What the options' help shows, written out so that ``--help`` imports nothing more;
#: tests/test_startup.py keeps these equal to ``sorted(mcqa.render.RUBRIC_FORMATS)``
#: and ``mcqa.catalog.DEFAULT_FILE_TIMEOUT``.
RUBRIC_FORMATS = ("json", "markdown", "yaml")
FILE_TIMEOUT = 10.0

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(
    __version__, "-V", "--version", prog_name="mcqa", message="%(prog)s %(version)s"
)
def cli() -> None:
    """mcqa checks microcredentials against an open, versioned quality standard.

    A rubric (the standard, as a YAML file) lists weighted standards; mcqa scores
    microcredential descriptors (catalog entries) against it and reports what
    conforms, with the file and line of every finding.

    \b
    Examples:
      mcqa check catalog/                   score every descriptor in a folder
      mcqa check catalog/ -f json -o report.json
      mcqa rubric list                      the rubrics mcqa knows
      mcqa rubric show mcqa-core -f markdown
      mcqa rubric validate my-rubric.yaml   check a rubric file you wrote
      mcqa checks                           the automated checks rubrics can use
      mcqa import badge.json -o badge.yaml  a page, badge or CTDL record, as a descriptor
      mcqa export data-101.yaml --to ob3    a descriptor, as a badge or a CTDL record
      mcqa interop data-101.yaml            what EU Annex I, CTDL and OB 3.0 still need
      mcqa render data-101.yaml -o p.html   a page for learners, with its quality check

    Exit codes: 0 all good, 1 problems found in your files, 2 mcqa could not run.
    """


# -- rubric ---------------------------------------------------------------------


@cli.group()
def rubric() -> None:
    """List, show and validate rubrics.

    A rubric is named by id (newest release), id@version, an npm-style range
    such as mcqa-core@^1 (newest match), or the path of a rubric file.
    """


@rubric.command("list")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def rubric_list(output_format: str) -> None:
    """List every rubric mcqa knows: built-in ones and those of installed plug-ins."""
    import json

    from mcqa.rubrics import RubricError

    registry = _registry()
    _warn_problems(registry)
    rows: list[dict[str, str]] = []
    for source in registry.sources():
        try:
            loaded = registry.load(str(source.path))
            title, status = loaded.title, str(loaded.status)
        except RubricError as exc:
            title, status = f"(cannot be loaded: {exc.message})", "broken"
        rows.append(
            {
                "id": source.id,
                "version": source.version,
                "status": status,
                "title": title,
                "source": source.origin,
            }
        )
    if output_format == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no rubrics found")
        return
    headers = {
        "id": "ID",
        "version": "VERSION",
        "status": "STATUS",
        "title": "TITLE",
        "source": "SOURCE",
    }
    widths = {key: max(len(headers[key]), *(len(str(r[key])) for r in rows)) for key in headers}
    for row in [headers, *rows]:
        click.echo("  ".join(str(row[k]).ljust(widths[k]) for k in headers).rstrip())


@rubric.command("show")
@click.argument("rubric_spec", metavar="RUBRIC")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(RUBRIC_FORMATS),
    default="yaml",
    show_default=True,
    help="yaml and json print the resolved rubric (extends applied); markdown a document for people.",
)
def rubric_show(rubric_spec: str, output_format: str) -> None:
    """Print a rubric, with everything it extends merged in.

    \b
    Examples:
      mcqa rubric show mcqa-core
      mcqa rubric show mcqa-core@^0 --format json
      mcqa rubric show ./our-extension.yaml --format markdown > STANDARD.md
    """
    from mcqa.render import render_rubric

    registry = _registry()
    loaded = _load_rubric(registry, rubric_spec)
    click.echo(render_rubric(loaded, output_format), nl=False)


@rubric.command("diff")
@click.argument("old_spec", metavar="OLD")
@click.argument("new_spec", metavar="NEW")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown gives a changelog section.",
)
def rubric_diff(old_spec: str, new_spec: str, output_format: str) -> None:
    """List what changed between two rubric versions.

    Added, removed, renumbered, re-worded and re-weighted standards, changes to
    essentials, checks, the scale, the conformance rule and the aggregation,
    and which standards need a new review.

    \b
    Example:
      mcqa rubric diff mcqa-core@0.1.0 mcqa-core@1.0.0 --format markdown
    """
    import json

    from mcqa.diff import diff_rubrics, diff_to_json, render_diff_markdown, render_diff_text

    registry = _registry()
    found = diff_rubrics(_load_rubric(registry, old_spec), _load_rubric(registry, new_spec))
    if output_format == "json":
        click.echo(json.dumps(diff_to_json(found), indent=2, ensure_ascii=False))
    elif output_format == "markdown":
        click.echo(render_diff_markdown(found), nl=False)
    else:
        click.echo(render_diff_text(found), nl=False)


def _expand(paths: Sequence[Path], kind: str) -> list[Path]:
    """Files as given; folders become the .yaml, .yml and .json files inside them.

    Inside a folder, a symbolic link leading outside both the folder and the
    project's root is not read; anything else named like a file is (the loader
    reports a pipe or a device as such).
    """
    from mcqa._paths import find_root, inside
    from mcqa.rubrics import RUBRIC_SUFFIXES

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            root = find_root(path)
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in RUBRIC_SUFFIXES
                and not p.is_dir()
                and (inside(path, p) is not None or inside(root, p) is not None)
            )
            if not found:
                raise CouldNotRun(f"no {kind} (.yaml, .yml, .json) in the folder {path}")
            files.extend(found)
        else:
            files.append(path)
    return files


@rubric.command("validate")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    callback=_readable(folder_ok=True),
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: each file, whether it is valid, and its findings, on stdout.",
)
def rubric_validate(paths: tuple[Path, ...], output_format: str) -> None:
    """Check rubric files: YAML syntax, the rubric schema, ids, checks and extends.

    PATHS are rubric files, or folders searched for them. Every problem in every
    file is printed, located and sorted. Exits 1 if any file has an error.

    \b
    Examples:
      mcqa rubric validate our-standard.yaml
      mcqa rubric validate rubrics/ -f json
    """
    from mcqa.render import format_findings, summarize
    from mcqa.render.findings import findings_json
    from mcqa.rubrics import unique_findings

    files = _expand(paths, "rubric files")
    registry = _registry()
    findings: list[Finding] = []
    by_file: dict[str, list[Finding]] = {}
    for path in files:
        _, found = registry.check_file(path, display=str(path))
        findings.extend(found)
        by_file[str(path)] = unique_findings([*by_file.get(str(path), ()), *found])
    findings = unique_findings(findings)
    if output_format == "json":
        click.echo(findings_json(by_file), nl=False)
        if any(f.severity == "error" for f in findings):
            raise SystemExit(EXIT_FINDINGS)
        return
    for line in format_findings(findings):
        click.echo(line)
    click.echo(summarize(len(files), findings), err=True)
    if any(f.severity == "error" for f in findings):
        raise SystemExit(EXIT_FINDINGS)


# -- check --------------------------------------------------------------------------


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


# -- where the report goes, and stopping ---------------------------------------------


class _Stopped(BaseException):
    """SIGINT or SIGTERM arrived; raised in the main thread by the handler of :func:`main`.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except
    Exception`` on the way swallows it; the catalog's pool stops its workers
    when it passes, and :func:`main` turns it into exit code 128 + the signal.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: Exit codes and messages for the signals that stop a command.
_STOP_SIGNALS: dict[int, tuple[int, str]] = {
    signal.SIGINT: (130, "interrupted"),
    signal.SIGTERM: (143, "terminated"),
}


class _StopHandler:
    """The SIGINT and SIGTERM handler of the command line (never of the library).

    The first signal raises :class:`_Stopped`; later ones are ignored while
    the command cleans up. Inside :meth:`deferred` (a file being replaced) a
    signal waits until the block has ended, so a report is never half written.
    """

    def __init__(self) -> None:
        self.stopping = False
        self.pending: int | None = None
        self.deferring = 0

    def reset(self) -> None:
        self.stopping, self.pending, self.deferring = False, None, 0

    def __call__(self, signum: int, _frame: FrameType | None) -> None:
        if self.stopping:
            return
        if self.deferring:
            self.pending = signum
            return
        self.stopping = True
        raise _Stopped(signum)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Handle SIGINT and SIGTERM in the block, on the main thread; ignored ones stay ignored."""
        self.reset()
        previous: dict[int, Any] = {}
        if threading.current_thread() is threading.main_thread():
            for number in _STOP_SIGNALS:
                if signal.getsignal(number) is not signal.SIG_IGN:
                    previous[number] = signal.signal(number, self)
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold a stop signal back until the block has ended."""
        self.deferring += 1
        try:
            yield
        finally:
            self.deferring -= 1
            if not self.deferring and self.pending is not None and not self.stopping:
                self.stopping = True
                raise _Stopped(self.pending)


_STOP = _StopHandler()

#: ``-o`` names for this process's own open files, written to as they are.
_STANDARD_FDS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_FD_PATH = re.compile(r"/(?:dev/fd|proc/(?:self|thread-self|(?P<pid>[0-9]+))/fd)/(?P<fd>[0-9]+)")

_TEMPORARY_SUFFIX = ".mcqa-tmp"


@dataclass(frozen=True)
class _Destination:
    """Where the report goes, from what ``-o`` names at the moment."""

    kind: Literal["stdout", "fd", "stream", "socket", "file", "append"]
    given: Path | None = None
    """The path as given on the command line."""
    path: Path | None = None
    """``file``: the resolved path to replace; ``stream``, ``socket``: the path to open;
    ``append``: the file to add the whole report to, at the end (the job summary)."""
    fd: int | None = None
    """``fd``: the file descriptor of this process that ``given`` names."""


def _own_fd(path: Path) -> int | None:
    """The file descriptor of this process ``path`` names (/dev/stdout, /dev/fd/3 ...), if any."""
    if os.name != "posix":
        return None
    text = os.path.normpath(path.absolute())
    if text in _STANDARD_FDS:
        return _STANDARD_FDS[text]
    match = _FD_PATH.fullmatch(text)
    if match and (match["pid"] is None or int(match["pid"]) == os.getpid()):
        return int(match["fd"])
    return None


def _destination(output: Path | None) -> _Destination:
    """Standard output for no ``-o`` or ``-o -``; else what the path is now.

    A regular file (or a path that does not exist yet) is replaced atomically;
    anything else that can take a stream of bytes (a character device such as
    /dev/null, a FIFO, a socket, /dev/stdout) is written to as it is, never
    replaced. A folder or a block device is refused.
    """
    if output is None or str(output) == "-":
        return _Destination("stdout")
    fd = _own_fd(output)
    if fd is not None:
        return _Destination("fd", output, output, fd)
    try:
        mode: int | None = output.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise CouldNotRun(f"cannot write the report to {output}: {exc.strerror or exc}") from exc
    if mode is None or stat.S_ISREG(mode):
        return _Destination("file", output, output.resolve())
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return _Destination("stream", output, output)
    if stat.S_ISSOCK(mode):
        return _Destination("socket", output, output)
    what = "a folder" if stat.S_ISDIR(mode) else "a block device" if stat.S_ISBLK(mode) else None
    raise CouldNotRun(
        f"refusing to write the report to {output}, which is {what or 'not a file'}; "
        "name a file, a FIFO, a character device or '-' (standard output)"
    )


def _temporary_beside(target: Path) -> tuple[int, Path]:
    """A new, uniquely named file in ``target``'s folder, open for writing."""
    import tempfile

    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=_TEMPORARY_SUFFIX
    )
    return descriptor, Path(name)


def _prepare_output(output: Path | None, inputs: Sequence[Path]) -> _Destination:
    """Before the run: where the report will go, and that it can be written there.

    Refuses a file being checked, creates a missing folder, and tries creating
    a file beside the target; a problem stops the command before any work.
    """
    destination = _destination(output)
    if destination.kind in {"stream", "socket"}:
        assert destination.path is not None
        if not os.access(destination.path, os.W_OK):
            raise CouldNotRun(f"cannot write the report to {output}: permission denied")
    if destination.kind != "file":
        return destination
    target = destination.path
    assert target is not None
    from mcqa._paths import RealPaths

    real_path = RealPaths()
    if any(target == real_path.or_none(p) for p in inputs):
        raise _over_a_checked_file(output or target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CouldNotRun(
            f"cannot create the folder {target.parent} for the report: {exc.strerror or exc}"
        ) from exc
    with _STOP.deferred():
        try:
            descriptor, probe = _temporary_beside(target)
        except OSError as exc:
            raise CouldNotRun(
                f"cannot write the report to {output}: {exc.strerror or exc}"
            ) from exc
        os.close(descriptor)
        probe.unlink(missing_ok=True)
    return destination


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _default_mode() -> int:
    """The mode a new file gets from ``open``: 0o666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _replace_atomically(target: Path, data: bytes) -> None:
    """Replace ``target`` by a file holding ``data``: readers see the old file or the new one.

    The data goes to a uniquely named file in the same folder, renamed over
    the target; that file is removed on any failure. An existing target's
    permissions (and owner, where allowed) carry over.
    """
    with _STOP.deferred():
        descriptor, temporary = _temporary_beside(target)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            _carry_mode(target, temporary)
            temporary.replace(target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def _preload_workers(*, start: bool = False) -> None:
    """Have the forkserver import mcqa once, so that each worker process starts from it.

    Only the command line does this: the setting is global to the process. The
    command line itself imports little; the catalog and the report formats are
    what the workers run. With ``start``, the forkserver starts now, so that its
    imports run on another core while this process starts up and finds the files.
    """
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        formats = sorted({where.partition(":")[0] for where in BUILTIN_FORMATS.values()})
        multiprocessing.set_forkserver_preload(["mcqa.cli", "mcqa.catalog", *formats])
        if start:
            import multiprocessing.forkserver

            multiprocessing.forkserver.ensure_running()


def _silence_stdout() -> None:
    """After a failed write to standard output, let the rest go nowhere (not to a traceback)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


#: How much of a report :class:`_Sink` gathers before writing it to a regular file.
_SINK_BLOCK = 1 << 20


class _Sink:
    """Where a report goes, written piece by piece as results come (see :func:`_prepare_output`).

    Standard output, a file descriptor, a device, a FIFO or a socket get each
    piece as it is written. A regular file is written to a uniquely named file
    beside it, which replaces it only when the report is complete: a failure or
    an interruption leaves the earlier report as it was, and no temporary file.
    A failure to write is exit 2 (:class:`CouldNotRun`).
    """

    def __init__(self, destination: _Destination, *, color: bool | None = None) -> None:
        self.destination = destination
        self.color = color
        self.where = "standard output" if destination.kind == "stdout" else str(destination.given)
        self.descriptor: int | None = None
        self.temporary: Path | None = None
        self.target: Path | None = None
        self.connection: socket.socket | None = None
        self.pieces: list[str] = []
        """``append``: the report, added to the file only once it is complete."""
        self.pending: list[bytes] = []
        """A regular file's next pieces: nobody sees that file before it is complete, so
        pieces are written in large blocks (a write per result costs more than rendering)."""
        self.pending_size = 0

    def __enter__(self) -> _Sink:
        try:
            self._open()
        except OSError as exc:
            raise self._failed(exc) from exc
        return self

    def _open(self) -> None:
        import socket

        destination = self.destination
        if destination.kind == "stdout":
            return
        if destination.kind == "fd":
            sys.stdout.flush()
            sys.stderr.flush()
            return
        if destination.kind == "append":
            return
        assert destination.path is not None
        if destination.kind == "socket":
            self.connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.connection.connect(str(destination.path))
            return
        target = destination.path
        if destination.kind == "stream":
            flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
            descriptor = os.open(target, flags)  # never O_CREAT nor O_TRUNC
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                self.descriptor = descriptor
                return
            os.close(descriptor)
            target = target.resolve()  # a regular file by now: replace it after all
        with _STOP.deferred():
            self.descriptor, self.temporary = _temporary_beside(target)
        self.target = target

    def write(self, text: str) -> None:
        """Write one piece of the report."""
        if not text:
            return
        try:
            if self.destination.kind == "stdout":
                click.echo(text, nl=False, color=self.color)
            elif self.destination.kind == "fd":
                assert self.destination.fd is not None
                _write_all(self.destination.fd, text.encode("utf-8"))
            elif self.destination.kind == "append":
                self.pieces.append(text)
            elif self.connection is not None:
                self.connection.sendall(text.encode("utf-8"))
            elif self.temporary is not None:
                data = text.encode("utf-8")
                self.pending.append(data)
                self.pending_size += len(data)
                if self.pending_size >= _SINK_BLOCK:
                    self._flush()
            else:
                assert self.descriptor is not None
                _write_all(self.descriptor, text.encode("utf-8"))
        except OSError as exc:
            raise self._failed(exc) from exc

    def _flush(self) -> None:
        if self.pending:
            assert self.descriptor is not None
            _write_all(self.descriptor, b"".join(self.pending))
            self.pending, self.pending_size = [], 0

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if kind is None:
                self._finish()
        except OSError as exc:
            self._abandon()
            raise self._failed(exc) from exc
        except BaseException:
            self._abandon()
            raise
        if kind is not None:
            self._abandon()

    def _finish(self) -> None:
        if self.destination.kind == "stdout":
            sys.stdout.flush()
            return
        if self.destination.kind == "append":
            assert self.destination.path is not None
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
            descriptor = os.open(self.destination.path, flags, 0o666)
            try:
                _write_all(descriptor, "".join(self.pieces).encode("utf-8"))
            finally:
                os.close(descriptor)
            self.pieces = []
            return
        if self.connection is not None:
            self.connection.close()
            self.connection = None
            return
        if self.temporary is None:
            if self.descriptor is not None:
                os.close(self.descriptor)
                self.descriptor = None
            return
        assert self.descriptor is not None and self.target is not None
        self._flush()
        with _STOP.deferred():
            os.fsync(self.descriptor)
            os.close(self.descriptor)
            self.descriptor = None
            _carry_mode(self.target, self.temporary)
            self.temporary.replace(self.target)
            self.temporary = None

    def _abandon(self) -> None:
        self.pending, self.pending_size = [], 0
        if self.connection is not None:
            with contextlib.suppress(OSError):
                self.connection.close()
        if self.descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self.descriptor)
            self.descriptor = None
        if self.temporary is not None:
            self.temporary.unlink(missing_ok=True)
            self.temporary = None

    def _failed(self, exc: OSError) -> BaseException:
        if self.destination.kind == "stdout":
            if exc.errno == errno.EPIPE:
                return exc  # click quiets a closed pipe
            _silence_stdout()
        return CouldNotRun(f"cannot write the report to {self.where}: {exc.strerror or exc}")


def _carry_mode(target: Path, temporary: Path) -> None:
    """Give ``temporary`` the permissions (and owner, where allowed) of the file it replaces."""
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    with contextlib.suppress(OSError):  # where not allowed, the writer owns the report
        if old is not None and hasattr(os, "chown"):
            os.chown(temporary, old.st_uid, old.st_gid)
    with contextlib.suppress(OSError):
        temporary.chmod(stat.S_IMODE(old.st_mode) if old else _default_mode())


def _write_output(destination: _Destination, text: str, *, color: bool | None = None) -> None:
    """Send a whole report where :func:`_prepare_output` decided; a failure is exit 2."""
    with _Sink(destination, color=color) as sink:
        sink.write(text)


def _override_rubrics(loaded: LoadedConfig, registry: RubricRegistry) -> dict[str, Rubric]:
    """The rubrics the configuration's per-path overrides name, by the name written."""
    from mcqa.rubrics import looks_like_path

    overrides: dict[str, Rubric] = {}
    for override in loaded.config.overrides:
        if override.rubric and override.rubric not in overrides:
            target = override.rubric
            if looks_like_path(target):
                target = str(loaded.root / target)
            overrides[override.rubric] = _load_rubric(registry, target)
    return overrides


def _review_forms(
    loaded: LoadedConfig,
    registry: RubricRegistry,
    spec: str,
    rubric_obj: Rubric,
    reviews_dir: Path | None,
    jobs: int | None = 1,
    *,
    on_disk: bool = False,
) -> tuple[ReviewSet, Path | None]:
    """The review forms of ``--reviews`` (else the configuration's folder), and that folder.

    ``jobs`` processes read them (``None``: all cores); of each usable form only
    what finds its descriptor is kept, its answers are read again when needed.
    With ``on_disk``, that is kept in a SQLite file of a temporary folder, removed
    when the command ends, so that no process of a large run holds the forms.

    Warnings print on stderr. A form with errors is set aside: its errors are
    reported with the result of the descriptor it names; those of a form that
    names no descriptor mcqa can find print on stderr, as warnings. The run goes on.
    """
    from mcqa._paths import find_root
    from mcqa.render import format_findings
    from mcqa.review import ReviewSet, load_reviews

    reviews_option = reviews_dir is not None
    config = loaded.config
    reviews_dir = reviews_dir or (loaded.root / config.reviews if config.reviews else None)
    reviews = (
        load_reviews(
            reviews_dir,
            rubric_obj,
            _registry_beside(registry, spec, rubric_obj),
            # forms named in the configuration stay in its project; a folder named on
            # the command line brings its own
            root=find_root(reviews_dir) if reviews_option else loaded.root,
            jobs=jobs or os.cpu_count() or 1,
            hold=False,
            store=_scratch_folder() / "forms.sqlite" if on_disk else None,
        )
        if reviews_dir
        else ReviewSet()
    )
    shown = [f for f in reviews.findings if f.severity != "error"]
    for line in format_findings([*shown, *reviews.unplaced()]):
        click.echo(line, err=True)
    return reviews, reviews_dir


def _scratch_folder() -> Path:
    """A new temporary folder, removed with all it holds when the command ends."""
    import tempfile

    # A file still open in this process cannot be removed on Windows: never fail for that.
    folder = tempfile.TemporaryDirectory(prefix="mcqa-", ignore_cleanup_errors=True)
    click.get_current_context().call_on_close(folder.cleanup)
    return Path(folder.name)


def _show_skipped(skipped: Sequence[Skipped], verbose: bool) -> None:
    """With ``--verbose``, one ``info`` line on stderr per file found but not a descriptor."""
    from mcqa.render import format_findings

    if verbose:
        for line in format_findings(item.finding() for item in skipped):
            click.echo(line, err=True)


def _none_found(paths: Sequence[Path], skipped: Sequence[Skipped], verbose: bool) -> str:
    count = len(skipped)
    return (
        f"no descriptors found in {', '.join(map(str, paths))}: the {count} "
        + (
            "file found is not a microcredential descriptor"
            if count == 1
            else "files found are not microcredential descriptors"
        )
        + ("" if verbose else " (--verbose lists them)")
    )


def _reports_found(
    wanted: Sequence[tuple[Reporter, Path | None, str]], search: _Search
) -> dict[Path, Path]:
    """The report files ``-o`` names that exist (by real path: as given), after
    checking before the run that none is a descriptor the search finds under its own
    path. A report found that is not a descriptor (an earlier run's, written into the
    checked folder) is skipped as the search passes it (:func:`_not_the_reports`)."""
    from mcqa.catalog import NAMED, not_a_descriptor
    from mcqa.importers import load_descriptor

    reports: dict[Path, Path] = {}
    for _, output, _ in wanted:
        if output is None or str(output) == "-" or not output.is_file():
            continue
        real = output.resolve()
        found = search.finds(real)
        if found is not None:
            document, imported = load_descriptor(Path(found.file), display=found.file)
            if found.kind == NAMED or not_a_descriptor(document, imported) is None:
                raise _over_a_checked_file(output)
        reports[real] = output
    return reports


def _over_a_checked_file(output: Path) -> CouldNotRun:
    return CouldNotRun(
        f"refusing to write the report over {output}, which is one of the files checked"
    )


def _not_the_reports(
    found: Iterator[Found], reports: dict[Path, Path], skipped: list[Skipped]
) -> Iterator[Found]:
    """``found`` without the report files ``-o`` names that a folder search found and
    that are not descriptors (an earlier run's report, written into the checked folder).

    A descriptor found there (through a symbolic link: :func:`_reports_found` stops
    the run before it starts when it is found under its own path), or a file named
    directly, stops the run: the report is never written over a file being checked.
    """
    from mcqa.catalog import REFUSED, SEARCHED, Skipped, not_a_descriptor
    from mcqa.importers import load_descriptor

    for item in found:
        if item.real is None or item.kind == REFUSED or item.real not in reports:
            yield item
            continue
        if item.kind == SEARCHED:
            document, imported = load_descriptor(Path(item.file), display=item.file)
            reason = not_a_descriptor(document, imported)
            if reason is not None:
                skipped.append(Skipped(item.file, reason))
                continue
        raise _over_a_checked_file(reports[item.real])


@cli.command("check")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    callback=_readable(folder_ok=True),
)
@click.option(
    "-r",
    "--rubric",
    "rubric_spec",
    metavar="RUBRIC",
    help="Rubric to check against: id, id@version, id@range (e.g. mcqa-core@^1) or a file. "
    "Default: the configuration's, else the newest mcqa-core.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT[:PATH]",
    help="Output format, repeatable: "
    + ", ".join(sorted(BUILTIN_FORMATS))
    + " (and any installed plug-in's), or auto (github under GitHub Actions, else text). "
    "FORMAT:PATH writes that format to PATH; a format without a path goes to -o, else "
    "standard output. Default: text. Under GitHub Actions, -f github also appends the "
    "markdown report to the job summary ($GITHUB_STEP_SUMMARY).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Where a format without its own path goes: a file (replaced whole, never half "
    "written; its folder is created before the run), a FIFO or device such as /dev/null "
    "(written to as it is, never replaced), or '-' (standard output).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Text report: show only descriptors that are not conformant or cannot be read, "
    "with their errors (the summary counts the rest); no progress bar. Machine formats "
    "are complete whatever this says.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["not-conformant", "pending", "checks"]),
    default=None,
    help="Exit 1 when a descriptor is not conformant (default: not-conformant), also when "
    "it awaits review (pending), or only when an automated check fails, whatever the "
    "reviewers decided (checks: a gate for catalogs whose reviews come later).",
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
    help="Configuration file. Default: the nearest .mcqa.yaml or pyproject.toml [tool.mcqa].",
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes. Default: all cores.",
)
@click.option(
    "--today",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Judge dates (reviews due, waivers expired) as of this day, for reproducible reports.",
)
@click.option(
    "--reviews",
    "reviews_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of reviewers' forms; their verdicts decide manual and hybrid standards.",
)
@click.option(
    "--file-timeout",
    type=click.FloatRange(min=0),
    default=FILE_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Time budget for each descriptor: one that takes longer is skipped and reported "
    "as an error (time-budget), and the run goes on. 0: no budget.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="REPORT.json",
    help="Compare with an earlier -f json report: list new, unchanged and fixed findings "
    "(on stderr), and exit 1 only for a new error or a descriptor whose decision got "
    "worse (instead of --fail-on). Findings are matched by fingerprints that do not "
    "change when lines move.",
)
@click.option(
    "--changed-since",
    metavar="REV",
    help="Check only the descriptors changed since the git revision REV (committed, "
    "staged, unstaged or new), those that stack into them or share their id, and those "
    "whose review forms changed; everything when the configuration changed.",
)
@click.option(
    "--catalog",
    "catalog_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="The whole catalog, when only some of its files are named (a pre-commit hook "
    "passes them in batches): catalog-wide checks such as duplicate ids see every "
    "descriptor under DIR.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Score on the workers of a running Dask cluster (tcp://host:8786) instead of "
    "local processes; the workers must see the files at the same absolute paths. "
    "Needs pip install 'mcqa-standard[dask]'. The report is the same, byte for byte.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also show informational findings, and list the files skipped as not descriptors.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report. Default: on for a terminal, off when NO_COLOR is set.",
)
def check(
    paths: tuple[Path, ...],
    rubric_spec: str | None,
    formats: tuple[str, ...],
    output: Path | None,
    quiet: bool,
    fail_on: str | None,
    config_path: Path | None,
    no_config: bool,
    jobs: int | None,
    today: dt.date | None,
    reviews_dir: Path | None,
    file_timeout: float,
    baseline_path: Path | None,
    changed_since: str | None,
    catalog_dir: Path | None,
    scheduler: str | None,
    verbose: bool,
    color: bool | None,
) -> None:
    """Score microcredential descriptors against a rubric.

    PATHS are descriptor files or folders searched for them. Descriptors are
    YAML or JSON in mcqa's format, Markdown credential pages, Open Badges and
    CTDL records, recognised by their content: in a folder, other files
    (package.json, a README, an earlier report) are skipped, and --verbose
    lists them; a file named here is always checked. Each descriptor gets a
    decision (conformant, not conformant, pending review, or error when it
    cannot be read), a score and located findings.

    \b
    Examples:
      mcqa check catalog/
      mcqa check catalog/ --rubric mcqa-core@^2 -f json -o report.json
      mcqa check catalog/ -f text -f sarif:mcqa.sarif -f markdown:summary.md
      mcqa check catalog/ -f auto --quiet        (annotations under GitHub Actions)
      mcqa check catalog/data-101.yaml --fail-on pending

    Exit codes: 0 nothing fails the --fail-on level, 1 something does,
    2 mcqa could not run (bad usage, unknown rubric, broken configuration),
    130 interrupted (SIGINT), 143 terminated (SIGTERM).
    """
    if jobs != 1 and scheduler is None and any(path.is_dir() for path in paths):
        _preload_workers(start=True)  # a catalog: its workers will be wanted
    from mcqa.catalog import _Search, plan_search
    from mcqa.models.report import RubricRef, ToolInfo
    from mcqa.render.safe import printable
    from mcqa.reporters import RunInfo

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    wanted = _formats(formats or ("text",), output, scheduler)
    loaded, registry, spec, rubric_obj = _setup(no_config, config_path, rubric_spec)
    config = loaded.config
    overrides = _override_rubrics(loaded, registry)
    _preload_workers()  # before the first pool: the forms are read by one
    reviews, reviews_dir = _review_forms(
        loaded, registry, spec, rubric_obj, reviews_dir, jobs or config.jobs, on_disk=not scheduler
    )
    skipped: list[Skipped] = []
    search = _Search(paths, loaded, reviews=reviews_dir, skipped=skipped)
    reports = _reports_found(wanted, search)
    found = _not_the_reports(iter(search), reports, skipped)
    first = next(found, None)  # the search goes on as the run reads the files
    if first is None:
        _show_skipped(skipped, verbose)
        if skipped:
            raise CouldNotRun(_none_found(paths, skipped, verbose))
        raise CouldNotRun(
            "no descriptor files (.yaml, .yml, .json) found in " + ", ".join(map(str, paths))
        )
    found = itertools.chain([first], found)
    count: int | None = None
    if changed_since is not None:
        chosen = _changed_only(changed_since, list(found), loaded, reviews_dir, spec)
        if not chosen:
            click.echo(f"mcqa: no descriptor changed since {printable(changed_since)}", err=True)
            return
        count, found = len(chosen), iter(chosen)
    baseline = _load_baseline(baseline_path, rubric_obj) if baseline_path else None
    named = [path for path in paths if not path.is_dir()]
    outputs = _outputs(wanted, named, color=color, verbose=verbose, quiet=quiet)
    plan = plan_search(found, rubric_obj, loaded, overrides, reviews)
    if catalog_dir is not None:
        from dataclasses import replace

        from mcqa.catalog_index import build_index

        plan = replace(plan, index=build_index([catalog_dir], loaded, reviews=reviews_dir))
    if count is None and sys.stderr.isatty() and not quiet:  # a progress bar needs the count
        count = sum(1 for _ in _Search(paths, loaded, reviews=reviews_dir))
    show_progress = (
        sys.stderr.isatty() and count is not None and count >= PROGRESS_MIN_FILES and not quiet
    )
    run = RunInfo(
        tool=ToolInfo(version=__version__),
        rubric=RubricRef(id=rubric_obj.id, version=rubric_obj.version),
        standard=rubric_obj,
        config=plan.config,
    )
    settings: dict[str, Any] = {
        "jobs": jobs or config.jobs,
        "today": today,
        "file_timeout": file_timeout or None,
        "skipped": skipped,
    }
    if scheduler is not None:
        settings["scheduler"] = scheduler
    with contextlib.ExitStack() as stack:
        if show_progress:
            bar = stack.enter_context(
                click.progressbar(length=count or 0, label="checking", file=sys.stderr)
            )
            settings["progress"] = lambda done, total: bar.update(1)
        tally = _report(plan, outputs, run, settings, baseline)
    _show_skipped(skipped, verbose)
    if tally is None:
        raise CouldNotRun(_none_found(paths, skipped, verbose))
    if baseline is not None:
        if baseline.finish(loaded.root):
            raise SystemExit(EXIT_FINDINGS)
        return
    level = fail_on or config.fail_on
    if level == "checks":
        if tally.error or tally.checks_failed:
            raise SystemExit(EXIT_FINDINGS)
        return
    failing = (
        tally.not_conformant + tally.error + (tally.pending_review if level == "pending" else 0)
    )
    if failing:
        raise SystemExit(EXIT_FINDINGS)


@dataclass(frozen=True)
class _Output:
    """One format of the run, and where it goes."""

    reporter: Reporter
    destination: _Destination
    options: RenderOptions


def _formats(
    specs: Sequence[str], output: Path | None, scheduler: str | None
) -> list[tuple[Reporter, Path | None, str]]:
    """What ``-f`` asks for: each reporter, the path it is written to (``None``: standard
    output), and how it was asked for; ``auto`` resolved, clashes refused.

    Under GitHub Actions (``GITHUB_STEP_SUMMARY`` set), ``github`` brings ``markdown``
    appended to the job summary, unless a markdown report is asked for already.
    """
    from mcqa.reporters import BUILTIN_FORMATS, StreamingReporter, all_reporters, reporter_named

    hint = "'-f' / '--format'"
    wanted: list[tuple[Reporter, Path | None, str]] = []
    bare = 0
    for spec in specs:
        name, colon, path_text = spec.partition(":")
        if name == "auto":
            name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        if name not in BUILTIN_FORMATS and name not in all_reporters():
            known = ", ".join(sorted(all_reporters()))
            raise click.BadParameter(
                f"{name!r} is not a format; choose from auto, {known}", param_hint=hint
            )
        if colon and not path_text:
            raise click.BadParameter(f"{spec!r} names no file after ':'", param_hint=hint)
        reporter = reporter_named(name)
        if scheduler is not None and not isinstance(reporter, StreamingReporter):
            raise click.BadParameter(
                f"the format {name!r} cannot be written from a cluster (it does not stream)",
                param_hint=hint,
            )
        bare += not colon
        wanted.append((reporter, Path(path_text) if colon else output, spec))
    if bare > 1:
        raise click.BadParameter(
            f"{bare} formats would share {'the file ' + str(output) if output else 'standard output'}; "
            "give all but one a file of its own, as in -f sarif:mcqa.sarif",
            param_hint=hint,
        )
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    names = {r.NAME for r, _, _ in wanted}
    if summary and "github" in names and "markdown" not in names:
        wanted.append((reporter_named("markdown"), Path(summary), "the job summary"))
    return wanted


def _outputs(
    wanted: Sequence[tuple[Reporter, Path | None, str]],
    files: Sequence[Path],
    *,
    color: bool | None,
    verbose: bool,
    quiet: bool,
) -> list[_Output]:
    """Each format's destination, prepared before the run (folders made, writability
    tried); two formats never write to the same place."""
    from mcqa.reporters import RenderOptions

    outputs: list[_Output] = []
    places: dict[object, str] = {}
    for reporter, path, spec in wanted:
        if spec == "the job summary":
            destination = _Destination("append", path, path)
        else:
            destination = _prepare_output(path, files)
        place = _place(destination)
        if place in places:
            raise click.BadParameter(
                f"{spec!r} and {places[place]!r} would write to the same place",
                param_hint="'-f' / '--format'",
            )
        places[place] = spec
        to_terminal = destination.kind == "stdout" or (
            destination.kind == "fd" and destination.fd == 1
        )
        outputs.append(
            _Output(
                reporter,
                destination,
                RenderOptions(
                    color=_colour(color) if to_terminal else bool(color),
                    verbose=verbose,
                    quiet=quiet,
                ),
            )
        )
    return outputs


def _place(destination: _Destination) -> object:
    """What identifies where a destination writes, to tell two formats apart."""
    if destination.kind == "stdout" or (destination.kind == "fd" and destination.fd == 1):
        return "stdout"
    if destination.kind == "fd":
        return ("fd", destination.fd)
    assert destination.path is not None
    return os.path.realpath(destination.path)


def _colour(asked: bool | None) -> bool:
    """Whether to colour the terminal: ``--color``/``--no-color``, else FORCE_COLOR (set and
    not empty), NO_COLOR, TERM=dumb, and whether standard output is a terminal."""
    if asked is not None:
        return asked
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _report(
    plan: CatalogPlan,
    outputs: Sequence[_Output],
    run: RunInfo,
    settings: dict[str, Any],
    baseline: _BaselineRun | None = None,
) -> Summary | None:
    """Check the catalog and write every format as the results come; the summary counts.

    Streaming formats are rendered in the worker processes and written piece by
    piece; nothing of a result is kept here but its decision and each format's
    digest. When a format does not stream (a plug-in's), every format gets the
    whole report at the end. ``None`` when no file was a descriptor (nothing is
    written then).
    """
    from mcqa._cluster import ClusterUnavailable

    try:
        return _write_reports(plan, outputs, run, settings, baseline)
    except ClusterUnavailable as exc:
        raise CouldNotRun(str(exc)) from exc


def _write_reports(
    plan: CatalogPlan,
    outputs: Sequence[_Output],
    run: RunInfo,
    settings: dict[str, Any],
    baseline: _BaselineRun | None = None,
) -> Summary | None:
    from mcqa.catalog import iter_rendered, iter_results
    from mcqa.evaluate import build_report
    from mcqa.models.report import Summary
    from mcqa.reporters import RenderOptions, StreamingReporter, keeps_digests

    if not all(isinstance(out.reporter, StreamingReporter) for out in outputs):
        results = list(iter_results(plan, **settings))
        if not results:
            return None
        if baseline is not None:
            for result in results:
                baseline.add(result.path, result.decision, _issues_of(result))
        report = build_report(plan.rubric, results, config=plan.config)
        for out in outputs:
            text = out.reporter.render(report, out.options)
            _write_output(out.destination, text, color=out.options.color)
        return report.summary
    streaming = [out.reporter for out in outputs if isinstance(out.reporter, StreamingReporter)]
    renderers = [(out.reporter.NAME, out.options) for out in outputs]
    # The baseline compares the SARIF issues of each result, which that format's digest holds.
    sarif = next((i for i, (name, _) in enumerate(renderers) if name == "sarif"), None)
    if baseline is not None and sarif is None:
        sarif = len(renderers)
        renderers.append(("sarif", RenderOptions()))
    if baseline is not None:
        from mcqa.reporters.sarif import unpack
    counts = {"conformant": 0, "not_conformant": 0, "pending_review": 0, "error": 0}
    failed = total = 0
    digests: list[list[Any]] = [[] for _ in outputs]
    keeps = [keeps_digests(reporter) for reporter in streaming]
    try:
        with contextlib.ExitStack() as stack:
            sinks = [
                stack.enter_context(_Sink(out.destination, color=out.options.color))
                for out in outputs
            ]
            for item in iter_rendered(plan, renderers, **settings):
                for index, (reporter, sink) in enumerate(zip(streaming, sinks, strict=True)):
                    options = outputs[index].options
                    sink.write(reporter.SEPARATOR if total else reporter.begin(run, options))
                    sink.write(item.texts[index])
                    if keeps[index]:
                        digests[index].append(item.digests[index])
                if baseline is not None and sarif is not None:
                    baseline.add(item.path, item.decision, unpack(item.digests[sarif]))
                total += 1
                counts[item.decision] += 1
                failed += item.checks_passed is False
            if not total:
                raise _NoDescriptors  # leaves no output behind
            summary = Summary(total=total, checks_failed=failed, **counts)
            for index, (reporter, sink) in enumerate(zip(streaming, sinks, strict=True)):
                sink.write(reporter.end(run, summary, digests[index], outputs[index].options))
    except _NoDescriptors:
        return None
    return summary


def _issues_of(result: DescriptorResult) -> list[Any]:
    from mcqa.reporters.sarif import SarifReporter, unpack

    return unpack(SarifReporter().digest(result))


#: New findings listed on stderr after a run with --baseline (the count says the rest).
BASELINE_LISTED = 50


class _BaselineRun:
    """A run compared with an earlier report: the tally, and the first new findings."""

    def __init__(self, baseline: Any) -> None:
        from mcqa.baseline import BaselineTally

        self.baseline = baseline
        self.tally = BaselineTally()
        self.listed: list[str] = []

    def add(self, path: str, decision: str, issues: Sequence[Any]) -> None:
        from mcqa.baseline import compare_issues
        from mcqa.render.safe import printable

        comparison = compare_issues(self.baseline, path, decision, issues)
        self.tally.add(comparison)
        for issue in comparison.new:
            if len(self.listed) < BASELINE_LISTED:
                where = ":".join(
                    str(x) for x in (issue.path, issue.line, issue.column) if x is not None
                )
                label = f"{issue.standard} {issue.rule}" if issue.standard else issue.rule
                self.listed.append(
                    f"  new: {printable(where)}: {issue.severity}: "
                    f"{printable(issue.message)} [{printable(label)}]"
                )

    def finish(self, root: Path) -> bool:
        """Say on stderr what changed since the baseline; whether the run fails."""
        from mcqa.render.safe import printable

        self.tally.finish(self.baseline, root=root)
        click.echo(f"mcqa: {self.tally.text()} ({printable(self.baseline.source)})", err=True)
        for line in self.listed:
            click.echo(line, err=True)
        more = self.tally.new - len(self.listed)
        if more > 0:
            click.echo(f"  …and {more} more new (the report lists every finding)", err=True)
        return bool(self.tally.fails)


def _load_baseline(path: Path, rubric_obj: Rubric) -> _BaselineRun:
    from mcqa.baseline import BaselineError, load_baseline

    try:
        return _BaselineRun(load_baseline(path, rubric_id=rubric_obj.id))
    except BaselineError as exc:
        raise CouldNotRun(exc.message) from exc


def _changed_only(
    rev: str,
    found: list[Found],
    loaded: LoadedConfig,
    reviews_dir: Path | None,
    spec: str,
) -> list[Found]:
    """The files of the run that a change since ``rev`` touches (``--changed-since``), and
    the links refused (always reported)."""
    from mcqa.catalog import REFUSED, SEARCHED
    from mcqa.catalog_index import index_files
    from mcqa.changed import ChangedError, changed_since, select_changed
    from mcqa.rubrics import looks_like_path

    try:
        changed = changed_since(rev, loaded.root)
    except ChangedError as exc:
        raise CouldNotRun(str(exc)) from exc
    always = [
        p for p in (loaded.path, Path(spec).resolve() if looks_like_path(spec) else None) if p
    ]
    files = [Path(item.file) for item in found if item.kind != REFUSED]
    searched = {Path(item.file) for item in found if item.kind == SEARCHED}
    index = index_files(files, by_content=searched)
    kept = set(select_changed(files, changed, index, reviews_dir, always=always))
    return [item for item in found if item.kind == REFUSED or Path(item.file) in kept]


class _NoDescriptors(Exception):
    """No file of the run was a descriptor: nothing is written."""


@cli.command("checks")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="text: one line per check; markdown: the full reference with options and examples.",
)
def checks_command(output_format: str) -> None:
    """List the automated checks rubrics can name (built-in and from plug-ins)."""
    from mcqa.checks import all_checks
    from mcqa.render import render_checks

    known = all_checks()
    if output_format == "markdown":
        click.echo(render_checks(known), nl=False)
        return
    width = max(len(name) for name in known)
    for name in sorted(known):
        summary = (inspect.getdoc(type(known[name])) or "").split("\n", 1)[0]
        click.echo(f"{name.ljust(width)}  {summary}")


# -- review -------------------------------------------------------------------------


@cli.group()
def review() -> None:
    """Work with reviewers' forms (YAML, one per reviewer per round)."""


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "reviewer"


def _suggestions(
    document: Document, rubric_obj: Rubric, today: dt.date | None
) -> dict[str, list[str]]:
    """What the automated checks suggest on each hybrid standard, as comment lines."""
    from mcqa.evaluate import evaluate_document

    result = evaluate_document(document, rubric_obj, today=today)
    suggestions: dict[str, list[str]] = {}
    for standard in result.standards:
        provisional = any(f.rule == "review-provisional" for f in standard.findings)
        if standard.status == "pending_review" or provisional:
            notes = [
                "Automated check suggests: " + f.message.rsplit("suggests: ", 1)[-1]
                for f in standard.findings
                if f.rule == "review-suggestion"
            ]
            if provisional:
                notes.append(
                    "Automated check failed: not met unless the reviewers decide otherwise"
                )
            notes += [
                f"Automated check: {f.message}" for f in standard.findings if f.severity != "info"
            ]
            suggestions[standard.id] = notes
    return suggestions


def _relative(target: Path, folder: Path) -> str:
    return Path(os.path.relpath(target.resolve(), folder)).as_posix()


def _backup(path: Path) -> Path:
    """A free name for a copy of ``path``: FORM.bak, else FORM.bak.1, FORM.bak.2 ..."""
    candidate = path.with_name(path.name + ".bak")
    number = 0
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.bak.{number}")
    return candidate


def _replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically: a reader sees the old file or the new one.

    An interruption or a failure leaves the old file and no temporary file.
    """
    try:
        _replace_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise CouldNotRun(f"cannot write {path}: {exc.strerror or exc}") from exc


def _update_form(
    registry: RubricRegistry,
    descriptor: Path,
    document: Document,
    target: Path,
    rubric_spec: str | None,
    today: dt.date | None,
) -> None:
    import shutil

    from mcqa.catalog import DEFAULT_RUBRIC
    from mcqa.load import load_path
    from mcqa.refresh import FormUpdateError, update_form
    from mcqa.render import format_findings
    from mcqa.review import schema_location
    from mcqa.rubrics import RubricError

    form = load_path(target)
    if form.data is None or not isinstance(form.data, dict):
        for line in format_findings(form.findings):
            click.echo(line)
        raise CouldNotRun(f"{target} cannot be read, so it was not updated")
    made_for = str(form.data.get("rubric", ""))
    spec = rubric_spec or made_for.partition("@")[0] or DEFAULT_RUBRIC
    rubric_obj = _load_rubric(registry, spec)
    registry = _registry_beside(registry, spec, rubric_obj)
    try:
        old_rubric: Rubric | None = registry.load(made_for) if made_for else None
    except RubricError:
        old_rubric = None
    folder = target.resolve().parent
    try:
        update = update_form(
            form,
            document,
            rubric_obj,
            old_rubric,
            descriptor_path=_relative(descriptor, folder),
            schema_location=schema_location(folder),
            suggestions=_suggestions(document, rubric_obj, today),
        )
    except FormUpdateError as exc:
        for line in format_findings(exc.findings):
            click.echo(line)
        raise CouldNotRun(f"{target} was not updated: {exc.message}") from exc
    for note in update.notes:
        click.echo(f"note: {note}", err=True)
    if update.text == form.text:
        click.echo(f"{target} is up to date; nothing changed")
        return
    backup = _backup(target)
    shutil.copy2(target, backup)
    _replace_file(target, update.text)
    parts = [f"kept {len(update.kept)} answer{'s' if len(update.kept) != 1 else ''}"]
    if update.flagged:
        parts.append(
            f"{len(update.flagged)} to look at again (the standard changed): "
            + ", ".join(update.flagged)
        )
    if update.added:
        parts.append(f"{len(update.added)} new to answer: " + ", ".join(update.added))
    if update.retired:
        parts.append(f"{len(update.retired)} retired: " + ", ".join(update.retired))
    click.echo(f"{target} updated to {rubric_obj.ref}: " + "; ".join(parts))
    click.echo(f"the form as it was is in {backup}")


@review.command("init")
@click.argument(
    "descriptor",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option("--reviewer", help="Your name, as it should appear in the review.")
@click.option(
    "--role",
    type=click.Choice(["chair", "peer", "sme", "external", "self"]),
    default="peer",
    show_default=True,
    help="Your role on the review team (sme: subject-matter expert).",
)
@click.option(
    "-r",
    "--rubric",
    "rubric_spec",
    metavar="RUBRIC",
    help="Default: the newest mcqa-core (with --update: the newest version of the form's rubric).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the form. Default: DESCRIPTOR-NAME-YOUR-NAME-roundN.yaml "
    "(.csv with --format csv) here.",
)
@click.option(
    "--round",
    "form_round",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="2 and up: an amendment form listing only the standards not met (needs --reviews).",
)
@click.option(
    "--reviews",
    "reviews_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The earlier rounds' forms, for an amendment form.",
)
@click.option(
    "--update",
    is_flag=True,
    help="Refresh the existing form -o FORM after the descriptor or the rubric changed, "
    "keeping every answer and comment in it. The old form is kept as FORM.bak "
    "(FORM.bak.1, FORM.bak.2 ... if that exists).",
)
@click.option(
    "--format",
    "form_format",
    type=click.Choice(["yaml", "csv"]),
    default="yaml",
    show_default=True,
    help="csv: the same form as a spreadsheet (UTF-8, for Excel, LibreOffice or Google "
    "Sheets), for reviewers who do not edit YAML; turn it back into a form with "
    "'mcqa review import'. --reviewer may then be left out: the reviewer fills in the name.",
)
@click.option("--today", callback=_parse_date, metavar="YYYY-MM-DD", help="The form's date.")
def review_init(
    descriptor: Path,
    reviewer: str | None,
    role: str,
    rubric_spec: str | None,
    output: Path | None,
    form_round: int,
    reviews_dir: Path | None,
    update: bool,
    today: dt.date | None,
    form_format: str = "yaml",
) -> None:
    """Write a review form for one descriptor, ready to fill in.

    The form holds one blank answer per standard a person judges, each with the
    standard's text, the reviewers' guidance, the evidence found in the
    descriptor and, for hybrid standards, what the automated check suggests,
    all as comments. It never overwrites an existing file.

    With --round 2 (or more) and --reviews, it writes an amendment form: only
    the standards not met in the earlier rounds, each with what was decided and
    recommended. With --update, it refreshes an existing form instead, keeping
    what the reviewer wrote. With --format csv, it writes the form as a
    spreadsheet instead (one row per standard); 'mcqa review import' turns the
    filled sheet back into a form.

    The form's first line points editors at the review schema: the catalog
    repository's own copy (schemas/review.schema.json in the form's folder or
    one above it, written by 'mcqa schema export schemas/') as a path relative
    to the form, else the schema published for this version of mcqa.

    \b
    Examples:
      mcqa review init catalog/data-101.yaml --reviewer "Ana Silva" --role chair
      mcqa review init catalog/data-101.yaml --reviewer "Ana Silva" --role chair \\
          --round 2 --reviews reviews/
      mcqa review init catalog/data-101.yaml -o reviews/ana.yaml --update
      mcqa review init catalog/data-101.yaml --format csv -o reviews/sheet.csv
    """
    from mcqa._paths import find_root
    from mcqa.catalog import DEFAULT_RUBRIC
    from mcqa.evaluate import evaluate_document
    from mcqa.load import load_path
    from mcqa.render import format_findings
    from mcqa.review import (
        amendment_notes,
        load_reviews,
        render_form,
        reviews_for,
        schema_location,
    )
    from mcqa.review_sheets import render_sheet

    registry = _registry()
    document = load_path(descriptor)
    if document.data is None:
        for line in format_findings(document.findings):
            click.echo(line)
        raise CouldNotRun(f"{descriptor} cannot be read, so no form was made")
    if update:
        if output is None:
            raise CouldNotRun("name the form to update with -o FORM")
        if not output.is_file():
            raise CouldNotRun(f"{output} does not exist, so there is nothing to update")
        _update_form(registry, descriptor, document, output, rubric_spec, today)
        return
    if not reviewer and form_format == "yaml":
        raise click.UsageError("Missing option '--reviewer': say who will fill in the form.")
    rubric_obj = _load_rubric(registry, rubric_spec or DEFAULT_RUBRIC)
    target = output or Path(
        f"{descriptor.stem}-{_slug(reviewer or '')}-round{form_round}.{form_format}"
    )
    if target.exists():
        raise CouldNotRun(
            f"{target} already exists; mcqa never overwrites a form, which may hold a "
            "reviewer's work. Choose another name with -o, or refresh it with --update."
        )
    amend = None
    if form_round > 1:
        if reviews_dir is None:
            raise CouldNotRun(
                "an amendment form lists the standards the earlier rounds did not find met; "
                "give their forms with --reviews DIR"
            )
        found = load_reviews(reviews_dir, rubric_obj, registry, root=find_root(descriptor.parent))
        data = document.data if isinstance(document.data, dict) else {}
        descriptor_id = data.get("id")
        earlier = [
            r
            for r in reviews_for(
                found, descriptor, descriptor_id if isinstance(descriptor_id, str) else None
            )
            if r.round < form_round
        ]
        if not earlier:
            raise CouldNotRun(f"no earlier forms for {descriptor} in {reviews_dir}")
        decided = evaluate_document(
            document, rubric_obj, earlier, today=today, earlier=found.rubrics
        )
        amend = amendment_notes(decided)
        if not amend:
            raise CouldNotRun(
                "no standard judged by the reviewers is unmet, so there is nothing to amend"
            )
    folder = target.resolve().parent
    render = render_form if form_format == "yaml" else render_sheet
    text = render(
        document,
        rubric_obj,
        reviewer=reviewer or "",
        role=role,
        descriptor_path=_relative(descriptor, folder),
        form_round=form_round,
        today=today,
        suggestions=_suggestions(document, rubric_obj, today),
        schema_location=schema_location(folder),
        amend=amend,
    )
    try:
        newline = "" if form_format == "csv" else None  # a sheet's CRLF as written
        with target.open("x", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
    except FileExistsError:
        raise CouldNotRun(f"{target} already exists; mcqa never overwrites a form") from None
    except OSError as exc:
        raise CouldNotRun(f"cannot write {target}: {exc.strerror or exc}") from exc
    click.echo(str(target))


@review.command("validate")
@click.argument(
    "forms",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    callback=_readable(folder_ok=True),
)
@click.option(
    "-r",
    "--rubric",
    "rubric_spec",
    metavar="RUBRIC",
    help="Warn about forms made for another rubric version than this one.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also list the standards not answered yet.")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: each form, whether it is valid, and all its findings (the standards not "
    "answered yet among them), on stdout.",
)
def review_validate(
    forms: tuple[Path, ...], rubric_spec: str | None, verbose: bool, output_format: str
) -> None:
    """Check review forms and say, at its line, everything that needs fixing.

    FORMS are form files, or folders searched for them. Reports unknown
    standard ids (with "did you mean"), answers that do not fit the rubric's
    scale, a "not met" without a recommendation, a missing reviewer name,
    duplicate keys, and a descriptor that changed since the form was made.
    Standards not answered yet are listed with --verbose.

    \b
    Examples:
      mcqa review validate reviews/data-101-chair.yaml
      mcqa review validate reviews/ --verbose
      mcqa review validate reviews/ -f json
    """
    from mcqa.load import load_path
    from mcqa.render import format_findings, summarize
    from mcqa.render.findings import findings_json
    from mcqa.review import validate_review

    files = _expand(forms, "review forms")
    registry = _registry()
    expected = _load_rubric(registry, rubric_spec) if rubric_spec else None
    findings: list[Finding] = []
    by_file: dict[str, list[Finding]] = {}
    for path in files:
        document = load_path(path)
        _, found = validate_review(document, registry, form_path=path, expected_rubric=expected)
        findings.extend(found)
        by_file[str(path)] = found
    if output_format == "json":
        click.echo(findings_json(by_file), nl=False)
        if any(f.severity == "error" for f in findings):
            raise SystemExit(EXIT_FINDINGS)
        return
    shown = [f for f in findings if verbose or f.severity != "info"]
    for line in format_findings(shown):
        click.echo(line)
    unanswered = sum(1 for f in findings if f.rule == "review-unanswered")
    summary = summarize(len(files), findings)
    if unanswered:
        summary += f"; {unanswered} standard{'s' if unanswered != 1 else ''} not answered yet"
    click.echo(summary, err=True)
    if any(f.severity == "error" for f in findings):
        raise SystemExit(EXIT_FINDINGS)


@review.command("import")
@click.argument(
    "sheet",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the form. Default: the sheet's name with .yaml, beside it; "
    "'-' writes it to standard output.",
)
@click.option(
    "--descriptor",
    "descriptor_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
    help="The descriptor the sheet reviews, when it is not where the sheet's "
    "'descriptor path' row says (from the sheet's folder).",
)
@click.option("--force", is_flag=True, help="Replace the form if it exists.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also say how each answer was read (Met as met) and list the standards not answered yet.",
)
def review_import(
    sheet: Path, output: Path | None, descriptor_file: Path | None, force: bool, verbose: bool
) -> None:
    """Turn a review sheet filled in a spreadsheet into a review form (YAML).

    SHEET is a sheet written by 'mcqa review init --format csv' and filled in,
    saved as CSV by Excel, LibreOffice or Google Sheets (with ',' or ';' between
    cells, UTF-8 or not). The form is the one 'mcqa review init' writes, with the
    sheet's answers in it, and is checked as 'mcqa review validate' checks
    forms: every problem is said at its row and column of the sheet. A sheet
    with an error gives no form. The sheet is never changed, and an existing
    form is replaced only with --force.

    \b
    Examples:
      mcqa review import reviews/ana.csv
      mcqa review import ~/Downloads/ana.csv -o reviews/ana.yaml \\
          --descriptor catalog/data-101.yaml

    Exit codes: 0 the form was written, 1 the sheet has errors (nothing was
    written), 2 mcqa could not run.
    """
    from mcqa.load import FileRefusedError, read_file_bytes
    from mcqa.render.findings import format_finding
    from mcqa.review import schema_location
    from mcqa.review_sheets import SheetError, import_sheet

    target = output or sheet.with_suffix(".yaml")
    to_stdout = str(target) == "-"
    _may_write(None if to_stdout else target, force=force, inputs=[sheet])
    form = sheet.with_suffix(".yaml") if to_stdout else target
    registry = _registry()
    try:
        data = read_file_bytes(sheet)
    except (FileRefusedError, OSError, ValueError) as exc:
        raise CouldNotRun(f"cannot read {sheet}: {getattr(exc, 'strerror', None) or exc}") from exc
    try:
        imported = import_sheet(
            data,
            sheet=sheet,
            form=form,
            registry=registry,
            descriptor=descriptor_file,
            suggestions=lambda document, rubric_obj: _suggestions(document, rubric_obj, None),
            schema_location=schema_location(form.resolve().parent),
        )
    except SheetError as exc:
        raise CouldNotRun(exc.message) from exc
    shown = [f for f in imported.findings if verbose or f.severity != "info"]
    for finding in shown:
        for line in format_finding(finding):
            click.echo(line, err=to_stdout)
    errors = sum(1 for f in imported.findings if f.severity == "error")
    warnings = sum(1 for f in imported.findings if f.severity == "warning")
    unanswered = sum(1 for f in imported.findings if f.rule == "review-unanswered")
    summary = f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning" + (
        "s" if warnings != 1 else ""
    )
    if unanswered:
        summary += f"; {unanswered} standard{'s' if unanswered != 1 else ''} not answered yet"
    if imported.text is None:
        click.echo(f"{sheet}: {summary}; no form was written", err=True)
        raise SystemExit(EXIT_FINDINGS)
    _write_new(None if to_stdout else target, imported.text, force=force, inputs=[sheet])
    click.echo(
        f"{sheet}: {summary}; the form is {'on standard output' if to_stdout else target}", err=True
    )


@review.command("show")
@click.argument(
    "form",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "html"]),
    default="text",
    show_default=True,
    help="html: one self-contained page to read or print.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the view to this file. Default: standard output.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def review_show(form: Path, output_format: str, output: Path | None, force: bool) -> None:
    """Show a review form for reading or printing.

    For each standard: its text, the reviewers' guidance, what the descriptor
    says at its evidence beside it, and the reviewer's answer (verdict or
    level, comment, recommendation), with the form's problems at the top.

    \b
    Examples:
      mcqa review show reviews/ana.yaml
      mcqa review show reviews/ana.yaml -f html -o ana.html

    Exit codes: 0 the form was shown (whatever it holds), 2 mcqa could not run
    (the form cannot be read, or its rubric cannot be had).
    """
    from mcqa.review_sheets import form_view, show_html, show_text

    _may_write(output, force=force, inputs=[form])
    view, findings = form_view(form, _registry())
    if view is None:
        raise CouldNotRun(
            f"{form} cannot be shown: it cannot be read as a review form",
            [f for f in findings if f.severity == "error"],
        )
    text = show_html(view) if output_format == "html" else show_text(view)
    _write_new(output, text, force=force, inputs=[form])


@review.command("status")
@click.argument(
    "descriptor",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option(
    "--reviews",
    "reviews_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of review forms. Default: the configuration's 'reviews' folder.",
)
@click.option(
    "-r", "--rubric", "rubric_spec", metavar="RUBRIC", help="Default: the configuration's rubric."
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--today", callback=_parse_date, metavar="YYYY-MM-DD", help="Judge dates as of this day."
)
def review_status_command(
    descriptor: Path,
    reviews_dir: Path | None,
    rubric_spec: str | None,
    output_format: str,
    no_config: bool,
    today: dt.date | None,
) -> None:
    """Say where the review of one descriptor stands, and what comes next.

    Lists who reviewed (and how much of the form each has answered), the
    standards still pending and whose answers they wait for, how far the
    reviewers agree, the decision, and for each standard not met the
    reviewers' recommendations: what an amendment must fix.

    \b
    Example:
      mcqa review status catalog/data-101.yaml --reviews reviews/

    Exit codes: 0 the status was shown (whatever it is), 2 mcqa could not run.
    """
    import json

    from mcqa._paths import find_root
    from mcqa.evaluate import evaluate_document
    from mcqa.load import load_path
    from mcqa.render import format_findings
    from mcqa.review import ReviewSet, load_reviews, reviews_for, unusable_for
    from mcqa.status import render_status_text, review_status

    loaded, registry, spec, rubric_obj = _setup(no_config, None, rubric_spec)
    config = loaded.config
    folder = reviews_dir or (loaded.root / config.reviews if config.reviews else None)
    reviews = (
        load_reviews(
            folder,
            rubric_obj,
            _registry_beside(registry, spec, rubric_obj),
            root=loaded.root if loaded.path else find_root(descriptor.parent),
        )
        if folder is not None and folder.is_dir()
        else ReviewSet()
    )
    broken = [f for f in reviews.findings if f.severity == "error"]
    if broken:
        click.echo("Some forms have errors and are left out until they are fixed:", err=True)
        for line in format_findings(broken):
            click.echo("  " + line, err=True)
    document = load_path(descriptor)
    data = document.data
    descriptor_id = data.get("id") if isinstance(data, dict) else None
    known_id = descriptor_id if isinstance(descriptor_id, str) else None
    forms = reviews_for(reviews, descriptor, known_id)
    result = evaluate_document(
        document,
        rubric_obj,
        forms,
        today=today,
        earlier=reviews.rubrics,
        # a broken form about it keeps it from looking conformant, as in mcqa check
        unusable_forms=unusable_for(reviews, descriptor, known_id),
    )
    status = review_status(result, rubric_obj, forms, descriptor=str(descriptor))
    if output_format == "json":
        click.echo(json.dumps(status.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_status_text(status), nl=False)


# -- import, export, interop ------------------------------------------------------------------


def _json_text(value: Any) -> str:
    """JSON for people and machines: indented, keys in the order they were written."""
    import json

    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _may_write(output: Path | None, *, force: bool, inputs: Sequence[Path]) -> bool:
    """Whether ``output`` is a file that exists (so ``--force`` replaces it); refuses, before
    any work, a file that exists without ``force``, and one of ``inputs`` in any case."""
    if output is None or str(output) == "-":
        return False
    if any(output.resolve() == p.resolve() for p in inputs):
        raise CouldNotRun(f"refusing to write over {output}, which is the file read")
    if output.exists() or output.is_symlink():
        if not force:
            raise CouldNotRun(
                f"{output} already exists; mcqa does not overwrite it (use --force to replace it)"
            )
        return True
    return False


def _write_new(output: Path | None, text: str, *, force: bool, inputs: Sequence[Path]) -> None:
    """Write ``text`` to ``output`` (standard output for none or ``-``).

    An existing file is replaced only with ``force`` (atomically), and never
    when it is one of ``inputs``; a new one is created whole or not at all.
    """
    if output is None or str(output) == "-":
        _write_output(_Destination("stdout"), text)
        return
    if _may_write(output, force=force, inputs=inputs):
        _write_output(_destination(output), text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with _STOP.deferred():
            descriptor, temporary = _temporary_beside(output.resolve())
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(text.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
                with contextlib.suppress(OSError):
                    temporary.chmod(_default_mode())
                os.link(temporary, output)  # fails if the file appeared meanwhile
            finally:
                temporary.unlink(missing_ok=True)
    except FileExistsError:
        raise CouldNotRun(
            f"{output} already exists; mcqa does not overwrite it (use --force to replace it)"
        ) from None
    except OSError as exc:
        raise CouldNotRun(f"cannot write {output}: {exc.strerror or exc}") from exc


def _format_option(value: str | None) -> str | None:
    from mcqa.importers import all_importers

    known = all_importers()
    if value is not None and value not in known:
        raise click.BadParameter(
            f"{value!r} is not a format mcqa imports; choose from {', '.join(sorted(known))}",
            param_hint="'--from'",
        )
    return value


def _echo_findings(findings: Sequence[Finding]) -> None:
    from mcqa.render import format_findings

    for line in format_findings(findings):
        click.echo(line, err=True)


def _not_imported(source: Path, document: Document, source_format: str | None) -> str:
    """Why nothing was imported from ``source``, in one sentence."""
    from mcqa.catalog import not_a_descriptor
    from mcqa.importers import all_importers, detect_format
    from mcqa.render.safe import printable

    shown = printable(str(source))
    known = all_importers()
    if source_format is not None:
        message = (
            f"{shown} is not in the format {source_format} ({known[source_format].DESCRIPTION})"
        )
        found = detect_format(document)
        if found is not None:
            message += f"; it reads as {found}: use --from {found}, or leave --from out"
        return message
    if document.data is None and document.text is None:
        return f"{shown} cannot be read, so nothing was imported"
    if not_a_descriptor(document) is None:
        return (
            f"{shown} is already an mcqa descriptor; there is nothing to import "
            "(mcqa check reads it as it is)"
        )
    return f"{shown} is in none of the formats mcqa imports ({', '.join(known)})"


@cli.command("import")
@click.argument(
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option(
    "--from",
    "source_format",
    metavar="FORMAT",
    help="Read SOURCE as this format only: markdown, ob3 (Open Badges 3.0), ob2 (Open Badges "
    "2.0) or ctdl, or an installed plug-in's. Default: recognised by the content.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the descriptor to this file. Default: standard output.",
)
@click.option("--force", is_flag=True, help="Let -o replace a file that exists.")
def import_command(
    source: Path, source_format: str | None, output: Path | None, force: bool
) -> None:
    """Convert a catalog page, a badge or a registry record into a YAML descriptor.

    SOURCE is a Markdown page (front matter, headings, "**Label:** value"
    lines), an Open Badges 3.0 or 2.0 achievement, or a CTDL credential or
    learning-programme record; its format is recognised by its content. The
    descriptor is written as YAML, keys in the descriptor's order, under a
    comment naming the source. What could not be carried over, or was too
    ambiguous to guess, prints on stderr as file:line:col findings in SOURCE.
    mcqa check reads such files as they are; import to edit the result.

    \b
    Examples:
      mcqa import badge.json -o catalog/welding-safety.yaml
      mcqa import course.md --from markdown

    Exit codes: 0 imported (maybe with warnings), 1 imported with errors, or
    SOURCE is not in the format --from names (or in none mcqa reads), 2 mcqa
    could not run (bad usage, an existing -o without --force).
    """
    from mcqa.importers import all_importers, descriptor_yaml, load_descriptor, plugin_problems
    from mcqa.render.safe import printable

    _format_option(source_format)
    for problem in plugin_problems():
        click.echo(f"mcqa: warning: {problem}", err=True)
    _may_write(output, force=force, inputs=[source])
    document, imported = load_descriptor(source, display=str(source), format=source_format)
    if imported is None:
        _echo_findings(document.findings)  # why it cannot be read, or is not a page
        click.echo(f"mcqa: error: {_not_imported(source, document, source_format)}", err=True)
        raise SystemExit(EXIT_FINDINGS)
    importer = all_importers()[imported.source_format]
    data = imported.document.data if isinstance(imported.document.data, dict) else {}
    text = descriptor_yaml(
        data,
        comments=[
            f"Imported by mcqa {__version__} from {printable(source.as_posix())}",
            f"Format: {imported.source_format} ({importer.DESCRIPTION})",
            "Check it against the source: what could not be carried over was reported on import.",
        ],
    )
    _echo_findings(imported.findings)
    _write_new(output, text, force=force, inputs=[source])
    if output is not None and str(output) != "-":
        click.echo(f"wrote {output}", err=True)
    if any(f.severity == "error" for f in imported.findings):
        raise SystemExit(EXIT_FINDINGS)


def _typed_descriptor(path: Path, *, unreadable: int) -> tuple[Document, Descriptor, list[Finding]]:
    """The descriptor in ``path`` (any format mcqa reads), typed, with what reading it found.

    A file that holds no descriptor at all prints why and exits with ``unreadable``.
    """
    from mcqa.evaluate import type_descriptor
    from mcqa.importers import load_descriptor
    from mcqa.models.finding import Finding
    from mcqa.render.safe import printable

    document, imported = load_descriptor(path, display=str(path))
    model, findings = type_descriptor(document)
    findings = [*findings, *(imported.findings if imported else ())]
    if model is None:
        _echo_findings([f for f in findings if f.severity != "info"])
        message = f"{printable(str(path))} cannot be read as a descriptor"
        if unreadable == EXIT_COULD_NOT_RUN:
            raise CouldNotRun(message)
        click.echo(f"mcqa: error: {message}", err=True)
        raise SystemExit(unreadable)
    return document, model, sorted(findings, key=Finding.sort_key)


def _descriptor_data(model: Descriptor) -> dict[str, Any]:
    data: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data


@cli.command("export")
@click.argument(
    "descriptor",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option(
    "--to",
    "target",
    type=click.Choice(["ob3", "ctdl", "endorsement"]),
    required=True,
    help="ob3: an Open Badges 3.0 Achievement; ctdl: a CTDL JSON-LD record for the "
    "Credential Registry; endorsement: an unsigned OB 3.0 EndorsementCredential stating "
    "the descriptor's conformance result.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the JSON to this file. Default: standard output.",
)
@click.option("--force", is_flag=True, help="Let -o replace a file that exists.")
@click.option(
    "-r",
    "--rubric",
    "rubric_spec",
    metavar="RUBRIC",
    help="endorsement: the rubric that judges the descriptor (default: the configuration's, "
    "else the newest mcqa-core).",
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
    help="endorsement: the configuration (default: the nearest .mcqa.yaml or pyproject.toml).",
)
@click.option("--no-config", is_flag=True, help="endorsement: ignore configuration files.")
@click.option(
    "--reviews",
    "reviews_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="endorsement: the folder of reviewers' forms.",
)
@click.option(
    "--today",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="endorsement: judge dates as of this day, and date the endorsement with it.",
)
@click.option("--endorser", metavar="NAME", help="endorsement: who stands behind the result.")
@click.option("--endorser-url", metavar="URL", help="endorsement: the endorser's web address.")
def export_command(
    descriptor: Path,
    target: str,
    output: Path | None,
    force: bool,
    rubric_spec: str | None,
    config_path: Path | None,
    no_config: bool,
    reviews_dir: Path | None,
    today: dt.date | None,
    endorser: str | None,
    endorser_url: str | None,
) -> None:
    """Write a descriptor as an Open Badges 3.0 achievement, a CTDL record or an endorsement.

    DESCRIPTOR is any file mcqa check reads (a descriptor, a Markdown page, a
    badge, a registry record). The JSON goes to standard output, or to -o.
    What the target format has no place for is left out (see docs/formats.md).

    An endorsement states the conformance result mcqa check gives the
    descriptor (the rubric, reviews and waivers of the configuration, as for
    mcqa check), so that the quality signal can travel with the badge; it is
    unsigned: sign it with your issuing service before publishing.

    \b
    Examples:
      mcqa export catalog/data-101.yaml --to ob3 -o data-101.achievement.json
      mcqa export catalog/data-101.yaml --to ctdl
      mcqa export catalog/data-101.yaml --to endorsement --reviews reviews/ \\
          --endorser "QA Office, Example University" --endorser-url https://qa.example.edu

    Exit codes: 0 written (warnings may have been printed), 1 the descriptor has
    errors (or no result to endorse), 2 mcqa could not run.
    """
    from mcqa.catalog import check_catalog, plan_catalog
    from mcqa.importers.ctdl import export_ctdl
    from mcqa.importers.openbadges import export_endorsement, export_ob3_achievement
    from mcqa.render.safe import printable

    if target == "endorsement" and not (endorser or endorser_url):
        raise click.UsageError(
            "an endorsement needs its endorser: give --endorser NAME and/or --endorser-url URL"
        )
    _may_write(output, force=force, inputs=[descriptor])
    _document, model, findings = _typed_descriptor(descriptor, unreadable=EXIT_FINDINGS)
    _echo_findings([f for f in findings if f.severity != "info"])
    if any(f.severity == "error" for f in findings):
        click.echo(
            f"mcqa: error: {printable(str(descriptor))} has errors; fix them before exporting "
            "(values with errors would be left out)",
            err=True,
        )
        raise SystemExit(EXIT_FINDINGS)
    data = _descriptor_data(model)
    if target == "ob3":
        exported = export_ob3_achievement(data)
    elif target == "ctdl":
        exported = export_ctdl(data)
    else:
        loaded, registry, spec, rubric_obj = _setup(no_config, config_path, rubric_spec)
        overrides = _override_rubrics(loaded, registry)
        reviews, reviews_dir = _review_forms(loaded, registry, spec, rubric_obj, reviews_dir)
        plan = plan_catalog([descriptor], rubric_obj, loaded, overrides, reviews)
        report = check_catalog(plan, jobs=1, today=today)
        [result] = report.results
        if result.decision == "error":
            _echo_findings([f for f in result.findings if f.severity != "info"])
            raise CouldNotRun(f"{printable(str(descriptor))} could not be scored, so not endorsed")
        used = result.rubric or report.rubric
        issuer = {key: value for key, value in (("name", endorser), ("url", endorser_url)) if value}
        exported = export_endorsement(data, result, f"{used.id}@{used.version}", issuer, when=today)
    _write_new(output, _json_text(exported), force=force, inputs=[descriptor])
    if output is not None and str(output) != "-":
        click.echo(f"wrote {output}", err=True)


#: The rubric whose standards are the elements of Annex I of the EU Recommendation.
EU_RUBRIC = "eu-microcredential@^2022"


def _field_name(pointer: str) -> str:
    """``/issuer/country`` -> ``issuer.country``."""
    return ".".join(part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/")[1:])


def _eu_coverage(document: Document, registry: RubricRegistry) -> dict[str, Any]:
    """Each Annex I element: present, missing or not applicable, and the fields that hold it."""
    from mcqa.evaluate import evaluate_document

    rubric_obj = _load_rubric(registry, EU_RUBRIC)
    result = evaluate_document(document, rubric_obj)
    statuses = {standard.id: standard for standard in result.standards}
    elements = []
    for _category, standard in rubric_obj.iter_standards():
        judged = statuses.get(standard.id)
        status = judged.status if judged is not None else "pending_review"
        fields = [_field_name(p) for p in standard.evidence]
        entry: dict[str, Any] = {
            "id": standard.id,
            "element": standard.title,
            "mandatory": standard.essential,
            "status": {"met": "present", "not_met": "missing"}.get(status, status),
            "fields": fields,
        }
        if status == "not_met" and judged is not None:
            said = [
                f.message + (f" in {_field_name(f.pointer)}" if f.pointer else "")
                for f in judged.findings
                if f.severity == "error"
            ]
            entry["needs"] = "; ".join(said) or "not in the descriptor"
        elif status == "not_applicable" and standard.scope != "descriptor":
            entry["note"] = "belongs to the credential issued to a learner, not to the descriptor"
        elements.append(entry)
    return {"rubric": rubric_obj.ref, "elements": elements}


def _requirement(
    name: str, present: bool, source: str, needs: str, note: str | None = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {"property": name, "present": present, "from": source}
    if not present:
        entry["needs"] = needs
    elif note:
        entry["note"] = note
    return entry


def _ctdl_coverage(model: Descriptor, data: dict[str, Any]) -> dict[str, Any]:
    """The Credential Registry's minimum, judged on the record ``mcqa export --to ctdl`` writes."""
    from mcqa.importers.ctdl import export_ctdl

    record = export_ctdl(data)
    description = model.description or ""
    owned = bool(record.get("ceterms:ownedBy") or record.get("ceterms:offeredBy"))
    status = bool(
        record.get("ceterms:credentialStatusType") or record.get("ceterms:lifeCycleStatusType")
    )
    derived = record.get("ceterms:codedNotation") == model.id
    requirements = [
        _requirement("ceterms:name", bool(model.title), "title", "a title"),
        _requirement(
            "ceterms:description",
            len(description) >= 15,
            "description",
            f"a description of at least 15 characters (it has {len(description)})"
            if description
            else "a description of at least 15 characters",
        ),
        _requirement(
            "ceterms:ownedBy",
            owned,
            "issuer.name",
            "the owning organization: issuer.name (and issuer.url)",
        ),
        _requirement(
            "ceterms:credentialStatusType",
            status,
            "status",
            "a status CTDL knows: active, ceasing, deprecated, probationary, suspended or "
            "teach-out (learning programmes: developing instead of deprecated and probationary)"
            + (f"; {model.status!r} is not one" if model.status else ""),
        ),
        _requirement(
            "ceterms:ctid",
            bool(model.id),
            "id",
            "an id (a CTID, or any id to derive one from)",
            note=(
                f"derived from the id ({record['ceterms:ctid']}); use a CTID as the id to keep "
                "the same record when the id changes"
            )
            if derived
            else "the id is a CTID",
        ),
        _requirement(
            "ceterms:subjectWebpage",
            "ceterms:subjectWebpage" in record,
            "url",
            "the credential's web page: url",
        ),
        _requirement(
            "ceterms:inLanguage",
            "ceterms:inLanguage" in record,
            "language",
            "the language it is taught in: language (a tag such as en)",
        ),
    ]
    return {"requirements": requirements}


def _ob3_coverage(model: Descriptor, data: dict[str, Any]) -> dict[str, Any]:
    """The required properties of an OB 3.0 Achievement, on what ``--to ob3`` writes."""
    from mcqa.importers.openbadges import export_ob3_achievement

    achievement = export_ob3_achievement(data)
    criteria = achievement.get("criteria") or {}
    derived = achievement["id"] != model.id
    requirements = [
        _requirement(
            "id",
            bool(model.id),
            "id",
            "an id",
            note=f"derived from the id ({achievement['id']})" if derived else None,
        ),
        _requirement("type", True, "-", "-", note="always Achievement"),
        _requirement("name", bool(model.title), "title", "a title"),
        _requirement(
            "description",
            bool(model.description),
            "description",
            "a description (without one the export has an empty description)",
        ),
        _requirement(
            "criteria",
            bool(criteria.get("id") or criteria.get("narrative")),
            "learning_outcomes or assessments",
            "learning_outcomes or assessments, which the export states as the criteria narrative",
        ),
    ]
    return {"requirements": requirements}


def _interop(path: Path, registry: RubricRegistry) -> dict[str, Any]:
    document, model, _findings = _typed_descriptor(path, unreadable=EXIT_COULD_NOT_RUN)
    # The exports need an id and a title; one that is missing is reported as such.
    data = {**_descriptor_data(model), "id": model.id or "-", "title": model.title or "-"}
    eu = _eu_coverage(document, registry)
    ctdl = _ctdl_coverage(model, data)
    ob3 = _ob3_coverage(model, data)
    missing = {
        "eu_annex_i": [e["id"] for e in eu["elements"] if e["status"] == "missing"],
        "ctdl": [r["from"] for r in ctdl["requirements"] if not r["present"]],
        "ob3": [r["from"] for r in ob3["requirements"] if not r["present"]],
    }
    return {
        "path": path.as_posix(),
        "descriptor_id": model.id or None,
        "eu_annex_i": eu,
        "ctdl": ctdl,
        "ob3": ob3,
        "missing": missing,
    }


def _render_interop(found: dict[str, Any]) -> str:
    from mcqa.render.safe import printable

    lines = [f"{printable(found['path'])} ({printable(found['descriptor_id'] or 'no id')})", ""]
    eu = found["eu_annex_i"]
    elements = eu["elements"]
    mandatory = [e for e in elements if e["mandatory"] and e["status"] != "not_applicable"]
    optional = [e for e in elements if not e["mandatory"] and e["status"] != "not_applicable"]
    lines.append(
        f"EU Annex I elements ({eu['rubric']}): "
        f"{sum(e['status'] == 'present' for e in mandatory)} of {len(mandatory)} mandatory, "
        f"{sum(e['status'] == 'present' for e in optional)} of {len(optional)} optional present"
    )
    for e in elements:
        status = {"not_applicable": "n/a"}.get(e["status"], e["status"])
        kind = "mandatory" if e["mandatory"] else "optional"
        fields = ", ".join(e["fields"])
        where = f"{e['needs']} (held in {fields})" if "needs" in e else e.get("note") or fields
        lines.append(f"  {status:<8} {e['id']:<5} {e['element']} ({kind}): {where}")
    for title, key in (
        ("CTDL registry minimum", "ctdl"),
        ("Open Badges 3.0 Achievement, required", "ob3"),
    ):
        items = found[key]["requirements"]
        lines.append("")
        lines.append(f"{title}: {sum(i['present'] for i in items)} of {len(items)} present")
        for item in items:
            status = "present" if item["present"] else "missing"
            detail = item.get("needs") or item.get("note") or f"from {item['from']}"
            lines.append(f"  {status:<8} {item['property']}: {printable(str(detail))}")
    lines.append("")
    missing = found["missing"]
    if not any(missing.values()):
        lines.append("Nothing is missing for any of the three.")
        return "\n".join(lines) + "\n"
    lines.append("Missing:")
    titles = {e["id"]: e for e in elements}
    for label, ids in (
        ("mandatory", [i for i in missing["eu_annex_i"] if titles[i]["mandatory"]]),
        ("optional", [i for i in missing["eu_annex_i"] if not titles[i]["mandatory"]]),
    ):
        if ids:
            names = ", ".join(f"{titles[i]['element'].lower()} ({i})" for i in ids)
            lines.append(f"  EU Annex I, {label}: {names}")
    for label, key in (("CTDL registry", "ctdl"), ("Open Badges 3.0", "ob3")):
        if missing[key]:
            lines.append(f"  {label}: {', '.join(missing[key])}")
    return "\n".join(lines) + "\n"


@cli.command("interop")
@click.argument(
    "descriptor",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: for people; json: for machines.",
)
def interop_command(descriptor: Path, output_format: str) -> None:
    """What a descriptor lacks for the EU Annex I, the Credential Registry and Open Badges 3.0.

    Side by side: each element of Annex I of the EU Recommendation on
    microcredentials (present, missing, or belonging to the issued credential),
    the minimum the Credential Engine Registry asks of a CTDL record, and the
    properties an Open Badges 3.0 Achievement requires, each with the
    descriptor field that holds it; then the fields to add to cover all three.
    DESCRIPTOR is any file mcqa check reads.

    \b
    Examples:
      mcqa interop catalog/data-101.yaml
      mcqa interop badge.json -f json

    Exit codes: 0 reported (whatever is missing), 2 mcqa could not run (the
    file holds no descriptor).
    """
    found = _interop(descriptor, _registry())
    if output_format == "json":
        click.echo(_json_text(found), nl=False)
    else:
        click.echo(_render_interop(found), nl=False)


# -- schema -------------------------------------------------------------------------


@cli.group()
def schema() -> None:
    """The JSON Schemas of mcqa's file formats (for editors and other tools)."""


@schema.command("export")
@click.argument(
    "directory", required=False, default="schemas", type=click.Path(file_okay=False, path_type=Path)
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if any schema in DIRECTORY differs from what mcqa would write.",
)
def schema_export(directory: Path, check: bool) -> None:
    """Write the rubric, descriptor, review, report and config schemas into DIRECTORY.

    DIRECTORY defaults to ./schemas. Files are named NAME.schema.json. Run
    'mcqa schema export schemas/' at the top of a catalog repository and commit
    the folder: the forms 'mcqa review init' writes then point editors at that
    copy, which travels with the repository ('--check' in CI keeps it current).
    """
    from mcqa.load import file_problem, read_file_bytes
    from mcqa.schema import SCHEMA_FORMATS, render_schema, schema_filename

    stale = []
    for name in sorted(SCHEMA_FORMATS):
        target = directory / schema_filename(name)
        text = render_schema(name)
        if check:
            try:  # never waits on a pipe nor reads a device without end
                current: str | None = read_file_bytes(target).decode("utf-8")
            except (OSError, UnicodeDecodeError):
                current = None
            if current != text:
                stale.append(target)
                click.echo(f"{target}: error: differs from the models; run 'mcqa schema export'")
            continue
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CouldNotRun(f"cannot write {target}: {exc.strerror or exc}") from exc
        problem = file_problem(target) if target.exists() or target.is_symlink() else None
        if problem is not None:
            raise CouldNotRun(f"cannot write {target}: {problem}")
        _replace_file(target, text)
        click.echo(str(target))
    if stale:
        raise SystemExit(EXIT_FINDINGS)


# -- entry point --------------------------------------------------------------------


def _internal_error(exc: BaseException) -> NoReturn:
    import traceback

    if os.environ.get("MCQA_DEBUG"):
        traceback.print_exception(exc)
    else:
        click.echo(
            f"mcqa: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in mcqa. Run again with MCQA_DEBUG=1 to see the details, "
            "and please report it.",
            err=True,
        )
    raise SystemExit(EXIT_COULD_NOT_RUN)


def _exit_stopped(signum: int) -> NoReturn:
    code, word = _STOP_SIGNALS.get(signum, (128 + signum, "stopped"))
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"mcqa: {word}", err=True)
    raise SystemExit(code)


@cli.command("render")
@click.argument(
    "descriptor",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["html", "markdown"]),
    default="html",
    show_default=True,
    help="html: one self-contained, accessible page to publish; markdown: GitHub-flavoured "
    "Markdown, for a catalog site built from Markdown.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the page to this file (replaced whole), a device or FIFO, or '-'. "
    "Default: standard output.",
)
@click.option(
    "-r",
    "--rubric",
    "rubric_spec",
    metavar="RUBRIC",
    help="The rubric that judges the descriptor (default: the configuration's, else the "
    "newest mcqa-core).",
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
    help="Configuration file. Default: the nearest .mcqa.yaml or pyproject.toml [tool.mcqa].",
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--reviews",
    "reviews_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of reviewers' forms (default: the configuration's).",
)
@click.option(
    "--today",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Judge dates as of this day, and give it as the day of the check. Default: today.",
)
def render_command(
    descriptor: Path,
    output_format: str,
    output: Path | None,
    rubric_spec: str | None,
    config_path: Path | None,
    no_config: bool,
    reviews_dir: Path | None,
    today: dt.date | None,
) -> None:
    """A page for learners: one microcredential in plain language, with its quality check.

    What a prospective learner or employer needs, on one page a catalog can
    publish next to the credential: what it is and who awards it, what you will
    be able to do, workload and level, how you are assessed, cost, financial aid
    and refunds, how it stacks into larger credentials, accessibility and
    support, quality assurance, and the result of the quality check (decision,
    score, the rubric's id@version and the day it was checked). The facts follow
    the elements of Annex I of the EU Recommendation on micro-credentials; a
    field the descriptor does not have is left out, never guessed.

    DESCRIPTOR is any file mcqa check reads (a descriptor, a Markdown page, a
    badge, a registry record). It is checked as mcqa check would check it: the
    configuration's rubric, waivers and reviewers' forms apply. A value with
    errors is left out of the page (and named on stderr); the rest is shown.

    The HTML page loads nothing and runs nothing: it works offline, prints
    cleanly, and follows the reader's light or dark setting. Text from the
    descriptor is never read as markup, and only http and https addresses
    become links.

    \b
    Examples:
      mcqa render catalog/data-101.yaml -o site/data-101.html
      mcqa render catalog/data-101.yaml -f markdown -o site/data-101.md
      mcqa render catalog/data-101.yaml --reviews reviews/ --today 2026-12-01

    Exit codes: 0 the page was written (whatever the check decided), 2 mcqa could
    not run (the file holds no descriptor, an unknown rubric, an unwritable -o).
    """
    from mcqa.catalog import check_catalog, plan_catalog
    from mcqa.learner import render_learner_page

    loaded, registry, spec, rubric_obj = _setup(no_config, config_path, rubric_spec)
    overrides = _override_rubrics(loaded, registry)
    reviews, _reviews_dir = _review_forms(loaded, registry, spec, rubric_obj, reviews_dir)
    _document, model, findings = _typed_descriptor(descriptor, unreadable=EXIT_COULD_NOT_RUN)
    left_out = [f for f in findings if f.severity == "error"]
    if left_out:
        _echo_findings(left_out)
        click.echo(
            f"mcqa: warning: the page leaves out {len(left_out)} "
            f"{'value' if len(left_out) == 1 else 'values'} with errors (see above)",
            err=True,
        )
    destination = _prepare_output(output, [descriptor])
    day = today or dt.date.today()
    plan = plan_catalog([descriptor], rubric_obj, loaded, overrides, reviews)
    report = check_catalog(plan, jobs=1, today=day)
    [result] = report.results
    used = result.rubric or report.rubric
    known = {r.ref: r for r in (rubric_obj, *overrides.values())}
    judged_by = known.get(f"{used.id}@{used.version}", used)
    fmt: Literal["html", "markdown"] = "markdown" if output_format == "markdown" else "html"
    page = render_learner_page(model, result, judged_by, format=fmt, today=day)
    _write_output(destination, page)
    if output is not None and str(output) != "-":
        click.echo(f"wrote {output}", err=True)


@cli.group("catalog")
def catalog_group() -> None:
    """Look at a catalog as a whole."""


@catalog_group.command("report")
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    callback=_readable(folder_ok=True),
)
@click.option("-r", "--rubric", "rubric_spec", metavar="RUBRIC", help="As for mcqa check.")
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for a page or comment, json for programs.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write to a file (replaced whole), a device or FIFO, or '-'.",
)
@click.option(
    "-c",
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    callback=_readable(folder_ok=False),
    help="Configuration file. Default: the nearest .mcqa.yaml or pyproject.toml [tool.mcqa].",
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--reviews",
    "reviews_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of reviewers' forms.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes. Default: all cores.",
)
@click.option(
    "--today", callback=_parse_date, metavar="YYYY-MM-DD", help="Judge dates as of this day."
)
def catalog_report(
    paths: tuple[Path, ...],
    rubric_spec: str | None,
    output_format: str,
    output: Path | None,
    config_path: Path | None,
    no_config: bool,
    reviews_dir: Path | None,
    jobs: int | None,
    today: dt.date | None,
) -> None:
    """Catalog analytics: conformance rate, score distribution, the standards most
    often not met, per-category averages, and how the credentials stack.

    PATHS are found as mcqa check finds them. The stacking graph lists
    stacks_into references to no credential of the catalog, circles of
    credentials that stack into one another, credentials with no pathway (they
    stack into nothing and nothing stacks into them), and ids two descriptors
    share.

    \b
    Examples:
      mcqa catalog report catalog/
      mcqa catalog report catalog/ -f markdown -o catalog-report.md

    Exit codes: 0 the report was written (whatever it says), 2 mcqa could not run.
    """
    from mcqa.analytics import AnalyticsBuilder, render_analytics_markdown, render_analytics_text
    from mcqa.catalog import discover, iter_results, plan_catalog
    from mcqa.catalog_index import index_files

    loaded, registry, spec, rubric_obj = _setup(no_config, config_path, rubric_spec)
    overrides = _override_rubrics(loaded, registry)
    _preload_workers()  # before the first pool: the forms are read by one
    reviews, reviews_dir = _review_forms(
        loaded, registry, spec, rubric_obj, reviews_dir, jobs or loaded.config.jobs, on_disk=True
    )
    refused: list[Path] = []
    searched: set[Path] = set()
    files = discover(paths, loaded, reviews=reviews_dir, refused=refused, searched=searched)
    if not files:
        raise CouldNotRun("no descriptor files found in " + ", ".join(map(str, paths)))
    destination = _prepare_output(output, files)
    plan = plan_catalog(files, rubric_obj, loaded, overrides, reviews, refused, by_content=searched)
    builder = AnalyticsBuilder(rubric_obj)
    for result in iter_results(plan, jobs=jobs or loaded.config.jobs, today=today):
        builder.add(result)
    analytics = builder.finish(index_files(files, by_content=searched))
    if output_format == "json":
        from mcqa.reporters.json import escape_invisible

        text = escape_invisible(analytics.model_dump_json(indent=2)) + "\n"
    elif output_format == "markdown":
        text = render_analytics_markdown(analytics)
    else:
        text = render_analytics_text(analytics)
    _write_output(destination, text)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exits with 0, 1 or 2, or 130 (SIGINT) or 143 (SIGTERM).

    SIGINT and SIGTERM are handled here, for the command line only: the work
    in progress stops (worker processes included), no file is left half
    written, and one line on stderr says why.
    """
    try:
        with _STOP.installed():
            cli.main(args=list(argv) if argv is not None else None, prog_name="mcqa")
    except SystemExit:
        raise
    except _Stopped as stop:
        _exit_stopped(stop.signum)
    except KeyboardInterrupt:
        _exit_stopped(signal.SIGINT)
    except DataMissingError as exc:
        click.echo(f"mcqa: error: {exc}", err=True)
        raise SystemExit(EXIT_COULD_NOT_RUN) from None
    except Exception as exc:
        _internal_error(exc)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
