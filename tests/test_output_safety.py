"""Text from a hostile descriptor can neither repaint the terminal nor pass for a CI command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from mcqa.cli import cli
from mcqa.render.safe import printable, safe_line

HOSTILE = [
    "\x1b[2J\x1b[31mRED\x1b[0m",  # clear the screen, paint red
    "ok\rforged line",  # overwrite what was printed
    "::error file=README.md::forged",  # a GitHub Actions annotation
    "##vso[task.setvariable variable=secret]stolen",  # an Azure Pipelines command
    "##[error]forged",
    "line one\nline two",
    "right\u202etxt.exe",  # a right-to-left override
    "para\u2028graph",
]

# What CI runners read as a command at the start of a line.
COMMAND = re.compile(r"^\s*(::|##\[|##vso\[)")


def hostile_descriptor() -> str:
    outcomes = "".join(f"  - {json.dumps('Understand ' + text)}\n" for text in HOSTILE)
    return (
        "id: hostile\n"
        f"title: {json.dumps(HOSTILE[2])}\n"
        f"description: {json.dumps(' '.join(HOSTILE))}\n"
        f"issuer: {{name: {json.dumps(HOSTILE[0])}, country: {json.dumps(HOSTILE[3])}}}\n"
        f"learning_outcomes:\n{outcomes}"
        f"cost: {{amount: 10, currency: {json.dumps(HOSTILE[1])}}}\n"
        f"{json.dumps(HOSTILE[4])}: unknown field\n"
    )


def assert_safe(output: str) -> None:
    assert "\x1b" not in output
    assert "\r" not in output
    assert "\u202e" not in output and "\u2028" not in output
    for line in output.splitlines():
        assert not COMMAND.match(line), line


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(hostile_descriptor(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.mark.parametrize("output_format", ["text", "json"])
@pytest.mark.parametrize("verbose", [False, True])
def test_check_output_escapes_hostile_text(
    catalog: Path, output_format: str, verbose: bool
) -> None:
    args = ["check", "catalog", "--no-config", "-f", output_format, "--color"]
    result = CliRunner().invoke(cli, args + (["--verbose"] if verbose else []))
    assert result.exit_code == 1, result.output
    if output_format == "json":
        report = json.loads(result.stdout)
        # the data is all there, exactly as written: only its printing is escaped
        messages = [f["message"] for s in report["results"][0]["standards"] for f in s["findings"]]
        assert any(HOSTILE[0] in m for m in messages)
        assert_safe(result.stdout)
    else:
        out = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # mcqa's own colours
        assert_safe(out)
        assert "\\x1b[2J" in out  # shown, escaped


def test_a_file_name_cannot_start_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    name = "::error file=x::forged.yaml"
    Path(name).write_text("id: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", name, "--no-config"])
    assert result.exit_code == 1
    assert_safe(result.stdout)
    assert "\\x3a:error file=x::forged.yaml" in result.stdout


def test_review_validate_escapes_what_it_quotes(tmp_path: Path) -> None:
    form = tmp_path / "form.yaml"
    form.write_text(
        "review_format: 1\nrubric: mcqa-core@2.0.0\ndescriptor: {path: d.yaml}\n"
        f"reviewer: {{name: {json.dumps(HOSTILE[0])}}}\n"
        f"standards:\n  {json.dumps(HOSTILE[2])}: {{verdict: met}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["review", "validate", str(form)])
    assert result.exit_code == 1
    assert_safe(result.output)


@given(st.text())
def test_printable_text_stays_on_one_line_and_draws_nothing(text: str) -> None:
    shown = printable(text)
    assert len(shown.splitlines()) <= 1
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not COMMAND.match(safe_line(text))
    # nothing is lost: printable text is unchanged
    if text.isprintable():
        assert shown == text


def test_a_report_file_is_written_in_blocks_and_replaces_the_old_one_only_when_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mcqa.cli as cli_module

    monkeypatch.setattr(cli_module, "_SINK_BLOCK", 64)  # many blocks for a small report
    target = tmp_path / "report.txt"
    target.write_text("the earlier report\n")
    pieces = [f"result {n}: " + "x" * (n % 50) + "\n" for n in range(500)]
    with cli_module._Sink(cli_module._destination(target)) as sink:
        for piece in pieces:
            sink.write(piece)
        assert target.read_text() == "the earlier report\n"  # untouched while running
        assert sink.temporary is not None and sink.temporary.stat().st_size > 0
    assert target.read_text() == "".join(pieces)
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]  # no temporary left


def test_a_report_file_abandoned_midway_leaves_the_old_one(tmp_path: Path) -> None:
    import mcqa.cli as cli_module

    target = tmp_path / "report.txt"
    target.write_text("the earlier report\n")

    def stopped_midway() -> None:
        with cli_module._Sink(cli_module._destination(target)) as sink:
            sink.write("half of a report")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stopped_midway()
    assert target.read_text() == "the earlier report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]
