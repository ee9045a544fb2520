"""``mcqa review status``: who reviewed, what is pending, what an amendment must fix."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from mcqa.cli import cli
from tests.test_rounds import DESCRIPTOR, OLD, form

ROOT = Path(__file__).resolve().parents[1]


def status(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["review", "status", *args, "--no-config", "--today", "2026-11-28"]
    )
    return result.exit_code, result.output


def test_a_complete_review_of_the_example() -> None:
    code, out = status(
        str(ROOT / "examples/catalog/data-analytics-foundations.yaml"),
        "--reviews",
        str(ROOT / "examples/reviews"),
    )
    assert code == 0, out
    assert "Decision: CONFORMANT" in out
    assert "round 1: Liam Byrne, sme: answered 31 of 31 standards" in out
    assert "Agreement: 3 reviewers on 31 standards, 98% of pairs agree" in out
    assert out.rstrip().endswith("The review is complete.")


def write_case(tmp_path: Path, forms: list[dict[str, object]]) -> tuple[Path, Path, Path]:
    rubric = tmp_path / "rubrics" / "demo" / "1.0.0.yaml"
    rubric.parent.mkdir(parents=True)
    rubric.write_text(
        yaml.safe_dump(OLD.model_dump(mode="json", by_alias=True, exclude_defaults=True))
    )
    descriptor = tmp_path / "d1.yaml"
    descriptor.write_text(yaml.safe_dump(DESCRIPTOR))
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for number, data in enumerate(forms):
        (reviews / f"form{number}.yaml").write_text(yaml.safe_dump(data))
    return rubric, descriptor, reviews


def dump(*args: object, **kwargs: object) -> dict[str, object]:
    return form(*args, **kwargs).model_dump(mode="json", exclude_defaults=True)  # type: ignore[arg-type]


def test_pending_standards_name_who_has_not_answered(tmp_path: Path) -> None:
    rubric, descriptor, reviews = write_case(
        tmp_path,
        [
            dump("Ana", "chair", {"1.1": "met", "1.2": "met", "1.3": "met", "1.4": "met"}),
            dump("Liam", "sme", {"1.1": "met", "1.2": "not_met"}),
        ],
    )
    code, out = status(str(descriptor), "--rubric", str(rubric), "--reviews", str(reviews))
    assert code == 0, out
    assert "Decision: PENDING REVIEW" in out
    assert (
        "Team: the rubric asks for at least 3 reviewers in round 1; there are 2 (Ana, Liam)" in out
    )
    assert "1.2 Title 1.2: no decision yet (2 of the 3 answers needed)" in out
    assert "split or too few on: 1.1, 1.2" in out
    assert "1.3 Title 1.3: no decision yet (1 of the 3 answers needed); waiting for Liam" in out
    assert "Liam still has to answer: 1.3, 1.4." in out


def test_unmet_standards_list_the_recommendations_and_the_amendment_step(tmp_path: Path) -> None:
    answers = {"1.1": "not_met", "1.2": "met", "1.3": "met", "1.4": "met"}
    rubric, descriptor, reviews = write_case(
        tmp_path,
        [
            dump("Ana", "chair", answers),
            dump("Liam", "sme", answers),
            dump("Sofia", "peer", {**answers, "1.1": "met"}),
        ],
    )
    code, out = status(str(descriptor), "--rubric", str(rubric), "--reviews", str(reviews))
    assert code == 0, out
    assert "Decision: NOT CONFORMANT" in out
    assert "  1.1 Title 1.1 (essential): 2 of 3 reviewers" in out
    assert "    - Ana (chair): Say more." in out
    assert "then the chair re-judges only those standards in a round-2 form" in out
    code, raw = status(
        str(descriptor), "--rubric", str(rubric), "--reviews", str(reviews), "-f", "json"
    )
    data = json.loads(raw)
    assert [u["id"] for u in data["unmet"]] == ["1.1"]
    assert data["decision"] == "not_conformant"


def test_an_unreadable_descriptor_is_to_be_fixed_before_any_review() -> None:
    code, out = status(str(ROOT / "examples/catalog/broken-entry.yaml"))
    assert code == 0, out
    assert "Decision: ERROR" in out
    assert "Fix the descriptor first" in out and "review init" not in out
