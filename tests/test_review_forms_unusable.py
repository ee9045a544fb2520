"""A review form with errors is set aside: the run goes on, the descriptor it names
shows its errors and is not found conformant, and the form itself is left alone."""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

import mcqa
from mcqa.cli import cli
from mcqa.load import load_path
from mcqa.review import ReviewSet, load_reviews, unusable_for
from tests.test_check_cli import RUBRIC as CHECK_RUBRIC

# the tiny rubric of the command-line tests
RUBRIC = CHECK_RUBRIC
FORM = """\
review_format: 1
rubric: tiny@1.0.0
descriptor:
  id: {id}
  path: ../catalog/{id}.yaml
reviewer:
  name: Ana Silva
  role: chair
standards:
  "1.2":
    verdict: met
    comment: Clear.
"""
ARGS = ["-r", "tiny-rubric.yaml", "--no-config", "--today", "2026-11-28"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two descriptors that conform once their one reviewer has said so."""
    (tmp_path / ".git").mkdir()
    files = {
        "tiny-rubric.yaml": yaml.safe_dump(RUBRIC, sort_keys=False),
        "catalog/good.yaml": "id: good\ntitle: Good\ndescription: A fine one.\naudience: {}\n",
        "catalog/fine.yaml": "id: fine\ntitle: Fine\ndescription: Also fine.\naudience: {}\n",
        "reviews/good.yaml": FORM.format(id="good"),
        "reviews/fine.yaml": FORM.format(id="fine"),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(args: Sequence[str]) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"mcqa raised {result.exception!r}\n{result.output}")
    return result


def report(*extra: str) -> tuple[Result, dict[str, dict[str, object]]]:
    result = run(["check", "catalog", *ARGS, "--reviews", "reviews", "-f", "json", *extra])
    results = json.loads(result.stdout)["results"]
    return result, {r["descriptor_id"]: r for r in results}


def unusable(result: dict[str, object]) -> list[dict[str, object]]:
    findings = result["findings"]
    assert isinstance(findings, list)
    return [f for f in findings if f["rule"] == "review-form-unusable"]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_every_form_fine_every_descriptor_conforms(project: Path) -> None:
    result, by_id = report()
    assert result.exit_code == 0
    assert {i: r["decision"] for i, r in by_id.items()} == {
        "good": "conformant",
        "fine": "conformant",
    }


@pytest.mark.parametrize(
    ("mistake", "where", "says"),
    [
        # a value the schema does not allow
        (("verdict: met", "verdict: maybe"), "verdict: maybe", "'maybe'"),
        # YAML that cannot be read: the form still names its descriptor above standards:
        (("comment: Clear.", "comment: Outcome 3: too broad"), "too broad", "not valid YAML"),
        # a standard the rubric does not have
        (('"1.2":', '"1.3":'), '"1.3":', "did you mean '1.2'?"),
        # a key written twice
        (("comment: Clear.", "comment: Clear.\n    comment: Twice."), "Twice.", "more than once"),
    ],
)
def test_a_broken_form_is_set_aside_and_shown_with_its_descriptor(
    project: Path, mistake: tuple[str, str], where: str, says: str
) -> None:
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good").replace(*mistake), encoding="utf-8")
    before = form.read_bytes()
    result, by_id = report()
    assert result.exit_code == 0, result.output  # the run goes on
    assert result.stderr == ""
    good = by_id["good"]
    # the form might have judged 1.2 not met: no conformance until it is fixed
    assert good["decision"] == "pending_review"
    standards = good["standards"]
    assert isinstance(standards, list)
    assert [s["status"] for s in standards] == ["met", "pending_review"]  # as if absent
    assert [s["reviews"] for s in standards] == [[], []]
    [finding] = unusable(good)
    assert finding["severity"] == "error"
    assert finding["file"] == "reviews/good.yaml"
    assert finding["line"] == line_of(form, where)
    assert isinstance(finding["message"], str)
    assert finding["message"].startswith("this review form could not be used")
    assert says in finding["message"]
    # the other descriptor is not touched, and the form is left exactly as written
    assert by_id["fine"]["decision"] == "conformant"
    assert unusable(by_id["fine"]) == []
    assert form.read_bytes() == before


def test_the_text_report_shows_the_form_at_its_line(project: Path) -> None:
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good").replace("met\n", "maybe\n"), encoding="utf-8")
    result = run(["check", "catalog", *ARGS, "--reviews", "reviews"])
    assert result.exit_code == 0
    line = line_of(form, "maybe")
    assert (
        f"  reviews/good.yaml:{line}:14: error: this review form could not be used, so none "
        "of its answers count: text 'maybe' is not allowed; use one of: met, not_met, "
        "not_applicable [review-form-unusable]"
    ) in result.stdout.splitlines()
    assert "1 conformant" in result.stdout and "1 pending review" in result.stdout


def test_a_form_found_by_path_only_is_shown_with_that_descriptor(project: Path) -> None:
    form = project / "reviews" / "good.yaml"
    text = FORM.format(id="good").replace("  id: good\n", "").replace("met\n", "maybe\n")
    form.write_text(text, encoding="utf-8")
    _, by_id = report()
    assert by_id["good"]["decision"] == "pending_review"
    assert len(unusable(by_id["good"])) == 1
    assert unusable(by_id["fine"]) == []


def test_fail_on_pending_fails_the_run_on_a_broken_form(project: Path) -> None:
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good").replace("met\n", "maybe\n"), encoding="utf-8")
    assert report()[0].exit_code == 0
    assert report("--fail-on", "pending")[0].exit_code == 1


def test_a_descriptor_that_fails_still_fails(project: Path) -> None:
    (project / "catalog" / "good.yaml").write_text("id: good\ntitle: Good\n", encoding="utf-8")
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good").replace("met\n", "maybe\n"), encoding="utf-8")
    result, by_id = report()
    assert result.exit_code == 1
    assert by_id["good"]["decision"] == "not_conformant"  # never raised by a broken form
    assert len(unusable(by_id["good"])) == 1


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("notes.yaml", "hello: world\n", "this file is not a review form"),
        ("garbled.yaml", "review_format: [1\n", "this is not valid YAML"),
        ("nameless.yaml", "rubric: tiny@1.0.0\ndescriptor: {}\n", "'path'"),
        (
            "nowhere.yaml",
            FORM.format(id="x").replace("  id: x\n", "").replace("met\n", "maybe\n"),
            "'maybe'",
        ),
    ],
)
def test_a_form_that_names_no_descriptor_is_a_warning_and_the_run_goes_on(
    project: Path, name: str, text: str, says: str
) -> None:
    (project / "reviews" / name).write_text(text, encoding="utf-8")
    result, by_id = report()
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"reviews/{name}:")
    assert ": warning: this review form could not be used, and mcqa cannot tell which " in lines[0]
    assert says in lines[0]
    assert lines[0].endswith("[review-form-unusable]")
    assert {r["decision"] for r in by_id.values()} == {"conformant"}


def test_a_broken_form_for_another_rubric_is_a_warning(project: Path) -> None:
    text = FORM.format(id="good").replace("tiny@1.0.0", "other@1.0.0").replace("met\n", "maybe\n")
    (project / "reviews" / "other.yaml").write_text(text, encoding="utf-8")
    result, by_id = report()
    assert result.exit_code == 0
    assert "it is for other@1.0.0, not tiny@1.0.0, so no result shows it" in result.stderr
    assert by_id["good"]["decision"] == "conformant"


def test_the_configured_forms_folder_behaves_the_same(project: Path) -> None:
    (project / ".mcqa.yaml").write_text(
        "rubric: tiny-rubric.yaml\nreviews: reviews\n", encoding="utf-8"
    )
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good").replace("met\n", "maybe\n"), encoding="utf-8")
    result = run(["check", "catalog", "--today", "2026-11-28", "-f", "json"])
    assert result.exit_code == 0, result.output
    by_id = {r["descriptor_id"]: r for r in json.loads(result.stdout)["results"]}
    assert by_id["good"]["decision"] == "pending_review"
    assert len(unusable(by_id["good"])) == 1


def test_worker_processes_give_the_same_bytes(project: Path) -> None:
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good").replace("met\n", "maybe\n"), encoding="utf-8")
    one = run(["check", "catalog", *ARGS, "--reviews", "reviews", "-f", "json", "-j", "1"])
    two = run(["check", "catalog", *ARGS, "--reviews", "reviews", "-f", "json", "-j", "2"])
    assert one.stdout_bytes == two.stdout_bytes
    assert b"review-form-unusable" in one.stdout_bytes


def test_the_library_sets_the_form_aside_too(project: Path) -> None:
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good").replace("met\n", "maybe\n"), encoding="utf-8")
    rubric = mcqa.load_rubric(str(project / "tiny-rubric.yaml"))
    found = load_reviews(project / "reviews", rubric)
    assert not found.ok  # its errors are still among the set's findings
    assert [f.path.name for f in found.forms] == ["fine.yaml"]
    [aside] = found.unusable
    assert (aside.path.name, aside.descriptor_id, aside.left_out) == ("good.yaml", "good", None)
    assert aside.descriptor_file == (project / "catalog" / "good.yaml").resolve()
    assert found.unplaced() == []
    copy = pickle.loads(pickle.dumps(found))  # what the worker processes receive
    assert isinstance(copy, ReviewSet) and copy.unusable == found.unusable
    descriptor = project / "catalog" / "good.yaml"
    [finding] = unusable_for(found, descriptor, "good")
    assert unusable_for(found, project / "catalog" / "fine.yaml", "fine") == []
    result = mcqa.evaluate_document(
        load_path(descriptor), rubric, [], today=None, unusable_forms=[finding]
    )
    assert result.decision == "pending_review"
    assert finding in result.findings
    folder = mcqa.check_folder(project / "catalog", rubric, reviews=project / "reviews")
    decisions = {r.descriptor_id: r.decision for r in folder.results}
    assert decisions == {"fine": "conformant", "good": "pending_review"}


def test_a_form_never_changes_on_disk(project: Path) -> None:
    form = project / "reviews" / "good.yaml"
    form.write_text(FORM.format(id="good") + '  "1.2":\n    verdict: [\n', encoding="utf-8")
    digest = hashlib.sha256(form.read_bytes()).hexdigest()
    run(["check", "catalog", *ARGS, "--reviews", "reviews"])
    run(["check", "catalog", *ARGS, "--reviews", "reviews", "-f", "json"])
    assert hashlib.sha256(form.read_bytes()).hexdigest() == digest
