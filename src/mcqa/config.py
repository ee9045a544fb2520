"""Find and read the project configuration: ``.mcqa.yaml`` or ``[tool.mcqa]`` in ``pyproject.toml``.

Paths and globs in a configuration are relative to the folder that holds it,
and must stay inside it: a ``rubric``, ``reviews`` or override rubric that
resolves (symbolic links followed) outside that folder, and an ``include`` or
``exclude`` glob that is absolute or climbs with ``..``, are refused. A
configured rubric file that is not a rubric is refused too, without quoting it.
A configuration with problems stops the run (exit 2): every problem is
reported, located, first.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mcqa._paths import escaping_glob, find_root, inside, looks_like, outside_message
from mcqa.load import Document, Position, SourceMap, load_path, sha256_hex
from mcqa.models.config import Config, ConfigWaiver
from mcqa.models.finding import Finding
from mcqa.rubrics import looks_like_path
from mcqa.validate import validate_model
from mcqa.waivers import WaiverRule

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["CONFIG_FILENAMES", "ConfigError", "LoadedConfig", "find_config", "load_config"]

#: Configuration files looked for, in this order, in each folder from the
#: current one up to the top of the repository.
CONFIG_FILENAMES = (".mcqa.yaml", ".mcqa.yml", "pyproject.toml")


class ConfigError(Exception):
    """The configuration cannot be used; ``findings`` says where and why."""

    def __init__(self, message: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = tuple(findings)


@dataclass(frozen=True)
class ConfiguredWaiver:
    """A waiver from the configuration, with the paths it covers."""

    rule: WaiverRule
    paths: tuple[str, ...]


@dataclass(frozen=True)
class LoadedConfig:
    """A configuration and where it came from."""

    config: Config = field(default_factory=Config)
    path: Path | None = None
    """The file read, or ``None`` when no configuration was found."""
    root: Path = field(default_factory=Path.cwd)
    """The folder relative paths and globs start from, and the one paths taken from
    files must stay inside: the configuration's folder, else the repository's top."""
    waivers: tuple[ConfiguredWaiver, ...] = ()


def _has_tool_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data.get("tool"), dict) and "mcqa" in data["tool"]


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start``, stopping at a repository's top."""
    folder = start.resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILENAMES:
            candidate = candidate_folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
        if (candidate_folder / ".git").exists():
            break
    return None


def _pyproject_document(path: Path, display: str) -> Document:
    """``[tool.mcqa]`` as a document; findings point at the table's header line."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {display}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display} is not valid TOML: {exc}") from exc
    table = data.get("tool", {}).get("mcqa", {})
    line = next(
        (
            n
            for n, text_line in enumerate(text.splitlines(), 1)
            if text_line.strip() == "[tool.mcqa]"
        ),
        1,
    )
    source_map = SourceMap()
    source_map.add_value("", Position(line, 1))
    return Document(display, table, source_map, (), sha256_hex(raw), "toml", text)


def load_config(path: Path | None = None, *, start: Path | None = None) -> LoadedConfig:
    """Read ``path``, or the configuration found from ``start`` (default: the current folder).

    No configuration at all gives the defaults. Raises :class:`ConfigError`
    when the file cannot be read or has errors.
    """
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return LoadedConfig(root=find_root(start or Path.cwd()))
    display = str(path)
    if not path.is_file():
        raise ConfigError(f"the configuration file {display} does not exist")
    if path.suffix == ".toml":
        document = _pyproject_document(path, display)
    else:
        document = load_path(path, display=display)
    config, findings = validate_model(document, "config", Config)
    errors = [f for f in findings if f.severity == "error"]
    if config is None or errors:
        raise ConfigError(f"the configuration {display} has problems", findings)
    root = path.resolve().parent
    refused = _path_findings(document, config, root)
    if refused:
        raise ConfigError(f"the configuration {display} names paths mcqa does not follow", refused)
    waivers = tuple(_waiver(document, index, waiver) for index, waiver in enumerate(config.waivers))
    return LoadedConfig(config=config, path=path, root=root, waivers=waivers)


def _path_findings(document: Document, config: Config, root: Path) -> list[Finding]:
    """Every path and glob of ``config`` that leads outside ``root``, or to a file that is
    not what it should be, as a finding at the value."""
    found: list[Finding] = []

    def place(value: str, pointer: str, what: str) -> Path | None:
        candidate = root / value
        real = inside(root, candidate)
        if real is None:
            message = outside_message(what, value, root, candidate)
            found.append(document.finding("outside-root", message, pointer))
        return real

    def rubric_file(value: str | None, pointer: str) -> None:
        if value is None or not looks_like_path(value):
            return  # a rubric id, or id@range
        real = place(value, pointer, "the rubric")
        if real is None or not real.is_file():
            return  # loading it says that it does not exist
        if not looks_like(load_path(real).data, "rubric", strict=True):
            found.append(
                document.finding(
                    "config-rubric",
                    f"{value!r} is not a rubric file mcqa can read; "
                    f"see why with: mcqa rubric validate {value}",
                    pointer,
                )
            )

    rubric_file(config.rubric, "/rubric")
    for index, override in enumerate(config.overrides):
        rubric_file(override.rubric, f"/overrides/{index}/rubric")
    if config.reviews is not None:
        place(config.reviews, "/reviews", "the reviews folder")
    for name in ("include", "exclude"):
        for index, pattern in enumerate(getattr(config, name)):
            why = escaping_glob(pattern)
            if why is not None:
                found.append(
                    document.finding(
                        "outside-root",
                        f"the glob {pattern!r} may reach outside the project folder {root}: {why}",
                        f"/{name}/{index}",
                    )
                )
    return found


def _waiver(document: Document, index: int, waiver: ConfigWaiver) -> ConfiguredWaiver:
    position = document.source_map.locate(f"/waivers/{index}")
    rule = WaiverRule(
        target=waiver.standard,
        reason=waiver.reason,
        expires=waiver.expires,
        source=document.path or "<config>",
        line=position.line if position else None,
        column=position.column if position else None,
    )
    return ConfiguredWaiver(rule, tuple(waiver.paths))


def config_display(loaded: LoadedConfig) -> str | None:
    """The configuration file of ``loaded`` as reports name it: a path from the current
    folder when it lies below it, else absolute; ``None`` when none was read.

    >>> config_display(LoadedConfig()) is None
    True
    >>> config_display(LoadedConfig(path=Path.cwd() / "catalog" / ".mcqa.yaml"))
    'catalog/.mcqa.yaml'
    """
    if loaded.path is None:
        return None
    path = loaded.path.absolute()
    try:
        return path.relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        return path.as_posix()
