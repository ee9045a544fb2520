"""``mcqa check`` reads a large forms folder in parallel and keeps little of each form.

Every form is read and validated once before scoring (by worker processes when
there are many), and only what finds its descriptor is kept: the answers are
read again, checked against the bytes that were validated, when the descriptor
is scored. The result must be the same as reading every form into memory.
"""

from __future__ import annotations

import json
import pickle
import tempfile
from pathlib import Path

import pytest
import yaml

import mcqa.review
from mcqa.catalog import check_catalog, plan_catalog
from mcqa.config import LoadedConfig
from mcqa.models.rubric import Rubric
from mcqa.review import FormChangedError, ReviewSet, load_reviews, reviews_for
from tests.test_check_cli import RUBRIC
from tests.test_review_forms_unusable import FORM

DESCRIPTOR = "id: {id}\ntitle: Item {n}\ndescription: A fine one.\naudience: {{}}\n"


def _rubric() -> Rubric:
    return Rubric.model_validate(RUBRIC)


def _folder(tmp_path: Path, count: int) -> Path:
    """``count`` descriptors, each with one form, and a few broken or foreign forms."""
    (tmp_path / ".git").mkdir()
    catalog, reviews = tmp_path / "catalog", tmp_path / "reviews"
    catalog.mkdir()
    reviews.mkdir()
    for n in range(count):
        ident = f"item-{n:04d}"
        (catalog / f"{ident}.yaml").write_text(DESCRIPTOR.format(id=ident, n=n), encoding="utf-8")
        form = FORM.format(id=ident)
        if n % 7 == 0:  # the reviewer says not met
            form = form.replace("verdict: met", "verdict: not_met")
        if n % 50 == 3:  # a value the schema does not allow: set aside
            form = form.replace("verdict: met", "verdict: maybe")
        if n % 50 == 5:  # a form for another rubric: left out with a warning
            form = form.replace("rubric: tiny@1.0.0", "rubric: other@1.0.0")
        if n % 50 == 7:  # a descriptor path leading out of the project: matched by id only
            form = form.replace(f"path: ../catalog/{ident}.yaml", "path: ../../elsewhere.yaml")
        (reviews / f"{ident}-chair.yaml").write_text(form, encoding="utf-8")
    (reviews / "notes.yaml").write_text("these: are notes\n", encoding="utf-8")
    return tmp_path


def _summary(forms: ReviewSet) -> tuple[object, ...]:
    return (
        [(f.path.absolute(), f.descriptor_id, f.descriptor_path, f.by_path) for f in forms.forms],
        [form.review for form in forms.forms],
        forms.findings,
        forms.unusable,
        sorted(forms.rubrics),
    )


def test_reading_in_parallel_gives_the_same_set_as_reading_in_order(tmp_path: Path) -> None:
    project = _folder(tmp_path, 400)
    folder, rubric = project / "reviews", _rubric()
    held = load_reviews(folder, rubric, root=project)
    assert len(held.forms) > 300 and held.unusable and held.findings
    for jobs in (1, 2):
        light = load_reviews(folder, rubric, root=project, jobs=jobs, hold=False)
        assert _summary(light) == _summary(held)
        assert light.positions() == held.positions()


def test_a_set_kept_in_a_file_finds_the_same_forms_in_every_process(tmp_path: Path) -> None:
    project = _folder(tmp_path, 120)
    folder, rubric = project / "reviews", _rubric()
    held = load_reviews(folder, rubric, root=project)
    stored = load_reviews(folder, rubric, root=project, hold=False, store=tmp_path / "forms.db")
    assert isinstance(stored.forms, mcqa.review._FormFile)
    assert len(stored.forms) == len(held.forms) > 100
    assert [f.descriptor_id for f in stored.forms] == [f.descriptor_id for f in held.forms]
    assert stored.forms[-1] == stored.forms[len(held.forms) - 1]
    sent = pickle.loads(pickle.dumps(stored))  # what a worker process gets: the file's name
    assert len(pickle.dumps(stored.forms)) < 300
    targets = sorted((project / "catalog").glob("*.yaml"))
    # a descriptor with its own id, one with another's id, and one with no id
    cases = [(path, path.stem) for path in targets] + [
        (targets[0], "item-0002"),
        (targets[5], None),
        (project / "nowhere.yaml", "item-0009"),
    ]
    for path, ident in cases:
        expected = reviews_for(held, path, ident)
        assert reviews_for(sent, path, ident) == expected, (path, ident)
    assert stored.findings == held.findings and stored.unusable == held.unusable


def test_a_set_kept_in_a_file_keeps_no_answers(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="hold=False"):
        load_reviews(tmp_path, _rubric(), root=tmp_path, store=tmp_path / "forms.db")


def test_a_light_set_keeps_no_answers_in_memory(tmp_path: Path) -> None:
    project = _folder(tmp_path, 60)
    light = load_reviews(project / "reviews", _rubric(), root=project, hold=False)
    assert all(isinstance(form, mcqa.review._FormRef) for form in light.forms)
    # what each worker process is sent holds no answers, only what finds a descriptor
    sent = pickle.loads(pickle.dumps(light))
    kept = [getattr(form, name) for form in sent.forms for name in form.__slots__]
    assert kept and all(isinstance(value, str | bytes | None) for value in kept)
    held = load_reviews(project / "reviews", _rubric(), root=project)
    # a form is still found, and read, by its descriptor's id and path
    target = project / "catalog" / "item-0001.yaml"
    [review] = reviews_for(light, target, "item-0001")
    assert review == reviews_for(held, target, "item-0001")[0]


def test_a_form_saved_during_the_run_is_not_used_unvalidated(tmp_path: Path) -> None:
    project = _folder(tmp_path, 10)
    rubric = _rubric()
    light = load_reviews(project / "reviews", rubric, root=project, hold=False)
    form = project / "reviews" / "item-0001-chair.yaml"
    # valid YAML the validation never saw: a verdict the schema refuses
    form.write_text(form.read_text().replace("verdict: met", "verdict: maybe"))
    with pytest.raises(FormChangedError, match="changed while mcqa was checking"):
        reviews_for(light, project / "catalog" / "item-0001.yaml", "item-0001")
    loaded = LoadedConfig(root=project)
    files = sorted((project / "catalog").glob("*.yaml"))
    plan = plan_catalog(files, rubric, loaded, reviews=light)
    report = check_catalog(plan, jobs=1, today=None)
    by_path = {Path(r.path).name: r for r in report.results}
    changed = by_path["item-0001.yaml"]
    assert changed.decision == "error"
    assert [f.rule for f in changed.findings] == ["review-form-changed"]
    assert "run the check again" in changed.findings[0].message
    assert by_path["item-0002.yaml"].decision != "error"  # the others are scored


def test_the_command_reads_many_forms_with_two_workers_and_reports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from mcqa.cli import cli

    project = _folder(tmp_path, 300)
    (project / "tiny-rubric.yaml").write_text(yaml.safe_dump(RUBRIC, sort_keys=False))
    monkeypatch.chdir(project)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    args = ["check", "catalog", "-r", "tiny-rubric.yaml", "--no-config", "--today", "2026-11-28"]
    args += ["--reviews", "reviews", "-f", "json"]
    one = CliRunner().invoke(cli, [*args, "--jobs", "1"])
    two = CliRunner().invoke(cli, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1, one.output
    assert one.stdout == two.stdout and one.stderr == two.stderr
    results = json.loads(two.stdout)["results"]
    decisions = {r["descriptor_id"]: r["decision"] for r in results}
    assert decisions["item-0001"] == "conformant"
    assert decisions["item-0007"] == "not_conformant"  # its reviewer said not met
    assert decisions["item-0003"] == "pending_review"  # its form was set aside
    assert "review-rubric" in two.stderr  # the form for another rubric is named
    assert list(scratch.iterdir()) == []  # the forms' file is gone with its folder
