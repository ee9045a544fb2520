"""``mcqa rubric validate -f json`` and ``mcqa review validate -f json``: every file, whether
it is valid, its findings as in the report; sorted, escaped, the same bytes every run."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from mcqa.cli import cli
from mcqa.models.finding import Finding

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RUBRIC = {
    "rubric_format": 1,
    "id": "tiny",
    "version": "1.0.0",
    "title": "A tiny rubric",
    "categories": [
        {
            "id": "1",
            "title": "Basics",
            "standards": [
                {
                    "id": "1.1",
                    "title": "Says whom it is for",
                    "text": "The descriptor describes its audience.",
                    "points": 1,
                    "mode": "manual",
                }
            ],
        }
    ],
}


def run(args: Sequence[str]) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"mcqa raised {result.exception!r}\n{result.output}")
    return result


@pytest.fixture
def rubrics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "rubrics"
    folder.mkdir()
    good = yaml.safe_dump(RUBRIC, sort_keys=False)
    (folder / "b-good.yaml").write_text(good, encoding="utf-8")
    (folder / "a-bad.yaml").write_text(
        good.replace("points: 1", "points: three").replace("title: A tiny", "titel: A tiny"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return folder


def test_rubric_validate_json_lists_each_file_sorted_with_its_findings(rubrics: Path) -> None:
    result = run(["rubric", "validate", "rubrics/b-good.yaml", "rubrics/a-bad.yaml", "-f", "json"])
    assert result.exit_code == 1
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["files", "summary"]
    assert [(f["path"], f["valid"]) for f in data["files"]] == [
        ("rubrics/a-bad.yaml", False),
        ("rubrics/b-good.yaml", True),
    ]
    assert [list(f) for f in data["files"]] == [["path", "valid", "findings"]] * 2
    bad = data["files"][0]["findings"]
    assert all(list(f) == list(Finding.model_fields) for f in bad)
    # each one what the report JSON holds for a finding
    assert [Finding.model_validate(f).model_dump(mode="json") for f in bad] == bad
    typed = [Finding.model_validate(f) for f in bad]
    assert typed == sorted(typed, key=Finding.sort_key)  # by position
    assert {f["file"] for f in bad} == {"rubrics/a-bad.yaml"}
    errors = sum(f["severity"] == "error" for f in bad)
    warnings = sum(f["severity"] == "warning" for f in bad)
    assert errors >= 2
    assert data["summary"] == {"files": 2, "valid": 1, "errors": errors, "warnings": warnings}
    assert list(data["summary"]) == ["files", "valid", "errors", "warnings"]


def test_rubric_validate_json_is_the_same_bytes_every_run(rubrics: Path) -> None:
    one = run(["rubric", "validate", "rubrics", "-f", "json"])
    two = run(["rubric", "validate", "rubrics/b-good.yaml", "rubrics/a-bad.yaml", "-f", "json"])
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stdout_bytes.endswith(b"}\n")


def test_rubric_validate_text_is_unchanged_and_exit_codes_agree(rubrics: Path) -> None:
    plain = run(["rubric", "validate", "rubrics"])
    text = run(["rubric", "validate", "rubrics", "-f", "text"])
    assert plain.stdout == text.stdout and plain.stderr == text.stderr
    assert plain.exit_code == text.exit_code == 1
    assert plain.stdout.startswith("rubrics/a-bad.yaml:")
    good = run(["rubric", "validate", "rubrics/b-good.yaml", "-f", "json"])
    assert good.exit_code == 0
    assert json.loads(good.stdout)["summary"] == {
        "files": 1,
        "valid": 1,
        "errors": 0,
        "warnings": 0,
    }


def test_an_unknown_format_is_a_usage_error(rubrics: Path) -> None:
    result = run(["rubric", "validate", "rubrics", "-f", "xml"])
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.fixture
def forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example forms and the descriptor they review."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(EXAMPLES / "reviews", tmp_path / "reviews")
    shutil.copytree(EXAMPLES / "catalog", tmp_path / "catalog")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "reviews"


def test_review_validate_json_of_clean_forms(forms: Path) -> None:
    result = run(["review", "validate", "reviews", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    names = sorted(f"reviews/{p.name}" for p in forms.iterdir())
    assert [f["path"] for f in data["files"]] == names
    assert all(f["valid"] for f in data["files"])
    assert data["summary"] == {"files": 3, "valid": 3, "errors": 0, "warnings": 0}


def test_review_validate_json_has_every_finding_and_the_same_exit_code(forms: Path) -> None:
    form = forms / "data-analytics-foundations-peer.yaml"
    text = form.read_text(encoding="utf-8")
    form.write_text(text.replace('"5.5":', '"5.55":', 1), encoding="utf-8")
    as_json = run(["review", "validate", "reviews", "-f", "json"])
    as_text = run(["review", "validate", "reviews", "--verbose"])
    assert as_json.exit_code == as_text.exit_code == 1
    data = json.loads(as_json.stdout)
    peer = next(f for f in data["files"] if f["path"].endswith("-peer.yaml"))
    assert peer["valid"] is False
    rules = {f["rule"] for f in peer["findings"]}
    assert {"review-standard", "review-unanswered"} <= rules  # the information too
    shown = [
        line
        for line in as_text.stdout.splitlines()
        if line.startswith("reviews/") and ": note: " not in line
    ]
    assert len(shown) == sum(len(f["findings"]) for f in data["files"])
    assert data["summary"]["valid"] == 2
    assert data["summary"]["errors"] == 1


def test_invisible_characters_from_a_form_are_escaped(forms: Path) -> None:
    # a file name that would reverse the text after it, and one with a line separator
    source = forms / "data-analytics-foundations-sme.yaml"
    text = source.read_text(encoding="utf-8").replace('"5.5":', '"5.55":', 1)
    form = forms / "sme\u202egmi.yaml"
    form.write_text(text, encoding="utf-8")
    (forms / "chair\u2028.yaml").write_text(text, encoding="utf-8")
    result = run(["review", "validate", str(form), str(forms / "chair\u2028.yaml"), "-f", "json"])
    assert result.exit_code == 1
    for char in ("\u202e", "\u2028"):
        assert char not in result.stdout
    assert "\\u202e" in result.stdout and "\\u2028" in result.stdout
    data = json.loads(result.stdout)
    assert {f["path"] for f in data["files"]} == {str(form), str(forms / "chair\u2028.yaml")}
    assert {f["file"] for f in data["files"][1]["findings"]} == {str(form)}  # read back as named
    again = run(["review", "validate", str(form), str(forms / "chair\u2028.yaml"), "-f", "json"])
    assert again.stdout_bytes == result.stdout_bytes
