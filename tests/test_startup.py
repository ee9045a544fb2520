"""Starting mcqa is cheap: ``--version``, ``--help`` and ``import mcqa`` load no heavy module.

Each case runs in a fresh interpreter and looks at ``sys.modules`` afterwards;
nothing here measures time, so the tests hold on a slow or busy machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mcqa
from mcqa import cli as cli_module

ROOT = Path(__file__).resolve().parents[1]

#: Modules that only the work itself may load, never the start of the command line.
HEAVY = (
    "pydantic",
    "jsonschema",
    "yaml",
    "mcqa.models",
    "mcqa.checks",
    "simplemma",
    "textstat",
    "nltk",
    "pycountry",
    "re2",
    "markdown_it",
    "mcqa.importers",
)

_RUN = """
import contextlib, io, json, sys
from mcqa.cli import cli, main

def commands(command, path):
    yield path
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, [*path, name])

runs = json.loads(sys.argv[1])
if runs == "every --help":
    runs = [[*path, "--help"] for path in commands(cli, [])]
for argv in runs:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            main(argv)
        except SystemExit as exit:
            assert exit.code in (0, None), (argv, exit.code)
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(script: str, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return set(loaded)


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "argv",
    [["--version"], ["-V"], ["--help"], ["check", "--help"], ["rubric", "show", "--help"]],
    ids=" ".join,
)
def test_the_command_line_starts_without_heavy_modules(argv: list[str]) -> None:
    assert _heavy(_modules_after(_RUN, json.dumps([argv]))) == []


def test_no_command_help_loads_heavy_modules() -> None:
    loaded = _modules_after(_RUN, json.dumps("every --help"))
    assert _heavy(loaded) == []
    assert "mcqa.cli" in loaded


def test_import_mcqa_loads_nothing_of_the_library() -> None:
    loaded = _modules_after("import json, sys, mcqa\nprint(json.dumps(sorted(sys.modules)))")
    assert _heavy(loaded) == []
    assert sorted(m for m in loaded if m.split(".")[0] == "mcqa") == [
        "mcqa",
        "mcqa._lazy",
        "mcqa._version",
    ]


def test_one_model_module_loads_no_other_model() -> None:
    """``mcqa.models`` imports a model's module when the model is first used: reading a
    descriptor never builds the programme models."""
    loaded = _modules_after(
        "import json, sys, mcqa.models.finding\nprint(json.dumps(sorted(sys.modules)))"
    )
    models = sorted(m for m in loaded if m.startswith("mcqa.models."))
    assert models == ["mcqa.models._base", "mcqa.models.finding"]


# -- the lazy public API still works as before ------------------------------------------


def test_every_public_name_resolves() -> None:
    for name in mcqa.__all__:
        assert getattr(mcqa, name) is not None, name
    assert set(mcqa.__all__) <= set(dir(mcqa))
    with pytest.raises(AttributeError):
        _ = mcqa.no_such_name  # type: ignore[attr-defined]


def test_evaluate_stays_the_function_after_its_module_is_imported() -> None:
    import mcqa.evaluate as module_or_function
    from mcqa import evaluate

    assert callable(mcqa.evaluate)
    assert evaluate is mcqa.evaluate
    assert module_or_function is mcqa.evaluate
    assert sys.modules["mcqa.evaluate"].evaluate is mcqa.evaluate  # type: ignore[attr-defined]


def test_the_lazy_api_works_in_a_fresh_interpreter() -> None:
    script = """
        import json, sys
        import mcqa
        import mcqa.catalog  # loads the module mcqa.evaluate first
        from mcqa import Rubric, evaluate, load_rubric
        assert callable(mcqa.evaluate) and evaluate is mcqa.evaluate
        assert isinstance(load_rubric("mcqa-core@^2"), Rubric)
        print(json.dumps(sorted(sys.modules)))
    """
    assert "mcqa.rubrics" in _modules_after(script)


# -- what the options' help shows is what the library has --------------------------------


def test_help_texts_match_the_library() -> None:
    from mcqa.catalog import DEFAULT_FILE_TIMEOUT
    from mcqa.render import RUBRIC_FORMATS

    assert tuple(sorted(RUBRIC_FORMATS)) == cli_module.RUBRIC_FORMATS
    assert DEFAULT_FILE_TIMEOUT == cli_module.FILE_TIMEOUT


def test_builtin_formats_are_named_as_their_reporters() -> None:
    from mcqa.reporters import BUILTIN_FORMATS, BUILTIN_REPORTERS, all_reporters

    assert sorted(BUILTIN_REPORTERS) == sorted(BUILTIN_FORMATS)
    for name, reporter in BUILTIN_REPORTERS.items():
        assert name == reporter.NAME
        assert all_reporters()[name] is reporter


# -- schemas are made when exported, not when mcqa starts --------------------------------


def test_models_do_not_read_their_source_when_built() -> None:
    from mcqa.models import Standard
    from mcqa.models._base import Contract
    from mcqa.schema import generate_schema

    assert not Contract.model_config.get("use_attribute_docstrings")
    assert Standard.model_fields["id"].description is None
    exported = generate_schema("rubric")["$defs"]["Standard"]["properties"]["id"]
    assert "quote it in YAML" in exported["description"]


def test_one_file_is_checked_without_a_process_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import mcqa._pool

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a single file started a process pool")

    monkeypatch.setattr(mcqa._pool, "ProcessPoolExecutor", no_pool)
    descriptor = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
    reviews = ROOT / "examples" / "reviews"
    result = CliRunner().invoke(
        cli_module.cli,
        [
            "check",
            str(descriptor),
            "--no-config",
            "--today",
            "2026-01-15",
            "--reviews",
            str(reviews),
        ],
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "data-analytics-foundations.yaml" in result.output


def test_checking_one_descriptor_builds_only_what_it_uses() -> None:
    """No programme models, and no format but the one written."""
    script = """
        import contextlib, io, json, sys
        from mcqa.cli import main
        argv = ["check", "examples/catalog/data-analytics-foundations.yaml", "--no-config",
                "--today", "2026-01-15", "-f", "json"]
        with contextlib.redirect_stdout(io.StringIO()) as out:
            try:
                main(argv)
            except SystemExit as exit:
                assert exit.code in (0, 1), exit.code
        assert json.loads(out.getvalue())["summary"]["total"] == 1
        print(json.dumps(sorted(sys.modules)))
    """
    loaded = _modules_after(script)
    assert "mcqa.models.program" not in loaded
    assert sorted(m for m in loaded if m.startswith("mcqa.reporters.")) == [
        "mcqa.reporters._base",
        "mcqa.reporters.json",
    ]
