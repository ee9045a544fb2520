"""The worked example in docs/reviewing.md, replayed: what the guide says is what mcqa does."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from mcqa.cli import cli

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "reviewing.md").read_text(encoding="utf-8")
DESCRIPTOR = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
FORMS = ROOT / "examples" / "reviews"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    (tmp_path / "catalog").mkdir()
    shutil.copy(DESCRIPTOR, tmp_path / "catalog" / DESCRIPTOR.name)
    shutil.copytree(FORMS, tmp_path / "reviews")
    return tmp_path


def status(team: Path) -> str:
    result = CliRunner().invoke(
        cli,
        [
            "review", "status", str(team / "catalog" / DESCRIPTOR.name),
            "--reviews", str(team / "reviews"), "--no-config", "--today", "2026-11-28",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


def say(team: Path, role: str, standard: str, verdict: str, recommendation: str) -> None:
    form = team / "reviews" / f"data-analytics-foundations-{role}.yaml"
    lines = form.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f'  "{standard}":'))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith('  "')), len(lines))
    lines[start + 1 : end] = [
        f"    verdict: {verdict}",
        "    comment: Changed for the worked example.",
        f"    recommendation: {recommendation}",
    ]
    form.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_the_status_shown_in_the_guide(team: Path) -> None:
    out = status(team)
    shown = GUIDE.split("$ mcqa review status catalog/data-analytics-foundations.yaml\n", 1)[1]
    shown = shown.split("```", 1)[0]
    for line in shown.splitlines():
        if line.startswith("Review of"):
            continue  # the guide runs from examples/, the test from a copy
        assert line.split("...", 1)[0] in out, line


def test_two_of_three_on_a_two_point_standard_still_conforms(team: Path) -> None:
    say(team, "sme", "5.5", "not_met", "Get a signed endorsement.")
    out = status(team)
    assert "Decision: CONFORMANT  98.06 % (101/103 points)" in out
    assert "101 of 103 points\n(98.06 %)" in GUIDE


def test_two_of_three_on_an_essential_standard_fails_and_the_chair_amends(team: Path) -> None:
    say(team, "peer", "2.3", "not_met", "Pitch outcome 4 at level 5.")
    say(team, "sme", "2.3", "not_met", "Rewrite outcome 4 for level 5.")
    out = status(team)
    assert "Decision: NOT CONFORMANT" in out
    assert "Not met, to fix in an amendment (1):\n  2.3 Outcomes fit the level (essential)" in out
    assert "then the chair re-judges only those standards in a round-2 form" in out
    assert "2.3, *Outcomes fit the level*" in GUIDE


def test_the_python_example_in_the_guide_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = GUIDE.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT / "examples")

    class Today(dt.date):
        """The example's review dates fall due in 2028: judge them as of the test's day."""

        @classmethod
        def today(cls) -> Today:
            return cls(2026, 11, 28)

    engine = sys.modules["mcqa.evaluate"]  # the module, not the function of that name
    monkeypatch.setattr(engine, "dt", types.SimpleNamespace(date=Today))
    exec(compile(code, "docs/reviewing.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == ["conformant", "('The review is complete.',)"]


def test_the_chair_amends_in_round_two_and_the_descriptor_then_conforms(team: Path) -> None:
    say(team, "peer", "2.3", "not_met", "Pitch outcome 4 at level 5.")
    say(team, "sme", "2.3", "not_met", "Rewrite outcome 4 for level 5.")
    descriptor = team / "catalog" / DESCRIPTOR.name
    form = team / "reviews" / "chair-round2.yaml"
    made = CliRunner().invoke(
        cli,
        [
            "review", "init", str(descriptor), "--reviewer", "Dr. Amara Osei", "--role", "chair",
            "--round", "2", "--reviews", str(team / "reviews"), "-o", str(form),
            "--today", "2026-11-28",
        ],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    text = form.read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.startswith('  "')] == ['  "2.3":']
    assert "Liam Byrne (sme), round 1, recommended: Rewrite outcome 4 for level 5." in text
    form.write_text(text.replace("    verdict:         #", "    verdict: met  #"), "utf-8")
    # Refreshing an amendment form keeps it an amendment form, answers and all.
    refreshed = CliRunner().invoke(
        cli, ["review", "init", str(descriptor), "-o", str(form), "--update"]
    )
    assert refreshed.exit_code == 0, refreshed.output
    updated = form.read_text(encoding="utf-8")
    assert [line for line in updated.splitlines() if line.startswith('  "')] == ['  "2.3":']
    assert "before. Each shows" not in updated and "verdict: met  #" in updated
    out = status(team)
    assert "Decision: CONFORMANT" in out
    assert "round 2: Dr. Amara Osei, chair: answered 1 of 31 standards" in out
    nothing = CliRunner().invoke(
        cli,
        [
            "review", "init", str(descriptor), "--reviewer", "X", "--round", "3",
            "--reviews", str(team / "reviews"), "-o", str(team / "r3.yaml"),
        ],
    )  # fmt: skip
    assert nothing.exit_code == 2 and "nothing to amend" in nothing.output
