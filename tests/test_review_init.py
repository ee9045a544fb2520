"""``mcqa review init``: a form ready to fill in, never written over an existing one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from mcqa.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
BLANK = "    verdict:         # met | not_met | not_applicable"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # a repository: its top is the root forms' paths stay in
    folder = tmp_path / "catalog"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    (tmp_path / "reviews").mkdir()
    return folder


def init(catalog: Path, name: str, role: str) -> Path:
    target = catalog.parent / "reviews" / f"{role}.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "review", "init", str(catalog / EXAMPLE.name), "--reviewer", name, "--role", role,
            "-o", str(target), "--today", "2026-11-28",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return target


def test_a_fresh_form_is_valid_and_guides_the_reviewer(catalog: Path) -> None:
    form = init(catalog, "Ana Silva", "chair")
    text = form.read_text(encoding="utf-8")
    schema = json.loads((ROOT / "schemas" / "review.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(yaml.safe_load(text))
    assert text.startswith("# yaml-language-server: $schema=")
    assert "Evidence in the descriptor:" in text
    assert "Automated check suggests: met" in text
    # standards that ask for judgement need an answer; automated ones (4.1 workload) do not
    assert '"9.2":' in text and '"1.1":' in text and '"4.1":' not in text
    result = CliRunner().invoke(cli, ["review", "validate", str(form)])
    assert result.exit_code == 0, result.output
    assert "31 standards not answered yet" in result.output


def test_init_never_overwrites_a_form(catalog: Path) -> None:
    form = init(catalog, "Ana Silva", "chair")
    form.write_text(form.read_text(encoding="utf-8") + "# my notes\n", encoding="utf-8")
    before = form.read_bytes()
    result = CliRunner().invoke(
        cli, ["review", "init", str(catalog / EXAMPLE.name), "--reviewer", "X", "-o", str(form)]
    )
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert form.read_bytes() == before


@pytest.mark.parametrize(
    ("dissent", "decision"),
    [
        ({"peer": "5.5"}, "conformant"),  # one of three says not met: met by majority
        ({"peer": "2.3", "sme": "2.3"}, "not_conformant"),  # two of three on an essential
    ],
)
def test_three_filled_forms_decide_by_majority(
    catalog: Path, dissent: dict[str, str], decision: str
) -> None:
    for name, role in (("Ana Silva", "chair"), ("Liam Byrne", "sme"), ("Sofia Lind", "peer")):
        form = init(catalog, name, role)
        lines = form.read_text(encoding="utf-8").splitlines()
        current = None
        for index, line in enumerate(lines):
            if line.startswith('  "'):
                current = line.strip().strip(':"')
            disagrees = dissent.get(role) == current
            if line == BLANK:
                lines[index] = "    verdict: not_met" if disagrees else "    verdict: met"
            elif line == "    recommendation:" and disagrees:
                lines[index] = "    recommendation: Name the framework level the outcomes meet."
        form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reviews = catalog.parent / "reviews"
    checked = CliRunner().invoke(cli, ["review", "validate", str(reviews)])
    assert checked.exit_code == 0, checked.output
    assert "3 files checked: no problems" in checked.output
    result = CliRunner().invoke(
        cli,
        ["check", str(catalog), "--no-config", "--reviews", str(reviews), "-f", "json",
         "--today", "2026-11-28"],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    assert report["results"][0]["decision"] == decision
    # Every reviewer's answer stays in the report beside the consensus.
    (disputed,) = set(dissent.values())
    standard = next(s for s in report["results"][0]["standards"] if s["id"] == disputed)
    verdicts = sorted((a["role"], a["verdict"]) for a in standard["reviews"])
    expected = sorted(
        (role, "not_met" if role in dissent else "met") for role in ("chair", "sme", "peer")
    )
    assert verdicts == expected
    recommendations = [a["recommendation"] for a in standard["reviews"] if a["recommendation"]]
    assert len(recommendations) == len(dissent)
    # Agreement over the 31 reviewed standards: 3 reviewers, one or two dissenting answers.
    overall = report["results"][0]["agreement"][0]
    assert (overall["scope"], overall["units"], overall["raters"]) == ("all", 31, 3)
    # One standard splits 2-1 either way: one agreeing pair of three there, all pairs elsewhere.
    assert overall["percent_agreement"] == pytest.approx((30 + 1 / 3) / 31)
    # Nearly every answer is "met": kappa stays low whenever the lone dissent is spread thin.
    assert overall["paradox"] == (overall["fleiss_kappa"] < 0.4)
    if overall["paradox"]:
        assert "agreement is expected by chance" in overall["warning"]


# -- the schema modeline ---------------------------------------------------------------------

MODELINE = "# yaml-language-server: $schema="


def modeline(form: Path) -> str:
    first = form.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE)
    return first.removeprefix(MODELINE)


def export_schemas(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", "export", str(folder)])
    assert result.exit_code == 0, result.output


def never_an_installation(location: str) -> None:
    for part in ("site-packages", "dist-packages", ".venv", str(ROOT)):
        assert part not in location


def test_a_form_points_at_the_catalog_repositorys_own_schema(catalog: Path) -> None:
    export_schemas(catalog.parent / "schemas")
    form = init(catalog, "Ana Silva", "chair")  # reviews/chair.yaml
    location = modeline(form)
    assert location == "../schemas/review.schema.json"
    never_an_installation(location)
    target = (form.parent / location).resolve()
    assert target == (catalog.parent / "schemas" / "review.schema.json").resolve()
    assert target.read_bytes() == (ROOT / "schemas" / "review.schema.json").read_bytes()


def test_a_form_deeper_down_finds_the_copy_above_it(catalog: Path) -> None:
    export_schemas(catalog.parent / "schemas")
    target = catalog.parent / "reviews" / "2026" / "data-101" / "ana.yaml"
    target.parent.mkdir(parents=True)
    result = CliRunner().invoke(
        cli,
        ["review", "init", str(catalog / EXAMPLE.name), "--reviewer", "Ana", "-o", str(target)],
    )
    assert result.exit_code == 0, result.output
    assert modeline(target) == "../../../schemas/review.schema.json"
    assert (target.parent / modeline(target)).is_file()


def test_without_a_copy_a_form_points_at_the_published_schema(catalog: Path) -> None:
    from mcqa._project import HOMEPAGE, SCHEMA_URL
    from mcqa._version import __version__

    form = init(catalog, "Ana Silva", "chair")
    location = modeline(form)
    assert location == SCHEMA_URL
    assert location.startswith(f"{HOMEPAGE}/raw/") and location.endswith(
        "/schemas/review.schema.json"
    )
    release = ".dev" not in __version__ and "+" not in __version__
    assert (f"/raw/v{__version__}/" in location) if release else ("/raw/main/" in location)
    never_an_installation(location)


def test_a_copy_outside_the_project_is_not_used(catalog: Path, tmp_path: Path) -> None:
    # the catalog repository is tmp_path; a schemas/ folder above it is another project's
    inner = tmp_path / "inner"
    (inner / ".git").mkdir(parents=True)
    (inner / "reviews").mkdir()
    export_schemas(tmp_path / "schemas")
    target = inner / "reviews" / "ana.yaml"
    result = CliRunner().invoke(
        cli,
        ["review", "init", str(catalog / EXAMPLE.name), "--reviewer", "Ana", "-o", str(target)],
    )
    assert result.exit_code == 0, result.output
    assert modeline(target).startswith("https://")


def test_update_points_an_old_form_at_the_copy(catalog: Path) -> None:
    form = init(catalog, "Ana Silva", "chair")
    old = "/home/someone/.venv/lib/python3.12/site-packages/mcqa/_data/schemas/review.schema.json"
    text = form.read_text(encoding="utf-8").splitlines(keepends=True)
    form.write_text("".join([f"{MODELINE}{old}\n", *text[1:]]), encoding="utf-8")
    export_schemas(catalog.parent / "schemas")
    result = CliRunner().invoke(
        cli, ["review", "init", str(catalog / EXAMPLE.name), "-o", str(form), "--update"]
    )
    assert result.exit_code == 0, result.output
    assert modeline(form) == "../schemas/review.schema.json"
    assert form.read_text(encoding="utf-8").count(MODELINE) == 1
