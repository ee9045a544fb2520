"""``mcqa check``: output formats, exit codes, files written and never written, colour."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import pty
import re
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

import mcqa.cli
from mcqa.cli import CouldNotRun, _prepare_output, _write_output, cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MCQA = ROOT / ".venv" / "bin" / "mcqa"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
EXAMPLE_ARGS = [
    "check",
    "examples/catalog",
    "--today",
    "2026-11-28",
    "--config",
    "examples/.mcqa.yaml",
]


def snapshot(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file under ``folder``."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def invoke(args: Sequence[str], env: dict[str, str] | None = None) -> Result:
    """Run ``mcqa`` in-process; it must end with an exit code, never with a traceback."""
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"mcqa raised {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(autouse=True)
def _examples_untouched() -> Iterator[None]:
    """No test may change the examples (the inputs of most runs here)."""
    before = snapshot(EXAMPLES)
    yield
    assert snapshot(EXAMPLES) == before


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


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
                    "title": "Has a description",
                    "text": "The descriptor has a description.",
                    "points": 3,
                    "essential": True,
                    "mode": "automated",
                    "check": {"schema": {"required": ["description"]}},
                },
                {
                    "id": "1.2",
                    "title": "Says whom it is for",
                    "text": "The descriptor describes its audience.",
                    "points": 1,
                    "mode": "hybrid",
                    "evidence": ["/audience"],
                    "check": {"schema": {"required": ["audience"]}},
                },
            ],
        }
    ],
}
REVIEW = """\
review_format: 1
rubric: tiny@1.0.0
descriptor:
  id: {id}
  path: ../catalog/{id}.yaml
reviewer:
  role: chair
standards:
  "1.2":
    verdict: met
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small catalog with its own rubric; every descriptor conforms once reviewed."""
    (tmp_path / ".git").mkdir()
    files = {
        "tiny-rubric.yaml": yaml.safe_dump(RUBRIC, sort_keys=False),
        "catalog/good.yaml": "id: good\ntitle: Good\ndescription: A fine one.\naudience: {}\n",
        "catalog/fine.json": '{"id": "fine", "title": "Fine", "description": "Also fine.", "audience": {}}',
        "reviews/good.yaml": REVIEW.format(id="good"),
        "reviews/fine.yaml": REVIEW.format(id="fine"),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


TINY = ["-r", "tiny-rubric.yaml", "--no-config", "--today", "2026-11-28"]


# -- the example catalog ---------------------------------------------------------------


def test_json_report_of_the_examples_matches_the_report_schema(at_root: Path) -> None:
    result = invoke([*EXAMPLE_ARGS, "-f", "json"])
    assert result.exit_code == 1  # some examples do not conform
    assert result.stderr == ""
    report = json.loads(result.stdout)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(report), key=str)
    assert errors == []
    assert report["rubric"] == {"id": "mcqa-core", "version": "2.0.0"}
    assert report["summary"] == {
        "total": 8,
        "conformant": 1,
        "not_conformant": 4,
        "pending_review": 2,
        "error": 1,
        "checks_failed": 4,
    }
    assert [r["path"] for r in report["results"]] == sorted(
        f"examples/catalog/{p.name}" for p in (EXAMPLES / "catalog").iterdir()
    )


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_the_number_of_jobs_does_not_change_a_byte(at_root: Path, output_format: str) -> None:
    one = invoke([*EXAMPLE_ARGS, "-f", output_format, "--jobs", "1"])
    two = invoke([*EXAMPLE_ARGS, "-f", output_format, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stdout_bytes


def test_the_installed_command_prints_the_same_report(at_root: Path) -> None:
    in_process = invoke([*EXAMPLE_ARGS, "-f", "json", "-j", "1"])
    completed = subprocess.run(
        [str(MCQA), *EXAMPLE_ARGS, "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert completed.returncode == 1
    assert b"Traceback" not in completed.stdout + completed.stderr
    assert completed.stderr == b""
    assert completed.stdout == in_process.stdout_bytes


def test_text_report_of_the_examples(at_root: Path) -> None:
    result = invoke([*EXAMPLE_ARGS, "-j", "1"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == (
        "8 descriptors checked against mcqa-core@2.0.0: 1 conformant, 4 not conformant, "
        "2 pending review, 1 error, automated checks failed on 4"
    )
    assert (
        "examples/catalog/data-analytics-foundations.yaml: CONFORMANT  100 % "
        "(103/103 points), essentials 13/13"
    ) in lines
    assert "  not met: 2.2 (essential, until reviewed)" in lines
    assert (
        "examples/catalog/cloud-security-essentials.json: PENDING REVIEW  34.95 % "
        "(36/103 points), essentials 3/13, automated checks pass"
    ) in lines
    assert any(
        line.startswith("  examples/catalog/broken-entry.yaml:10:2: error: ")
        and line.endswith("[yaml-syntax]")
        for line in lines
    )
    waived = [line for line in lines if "[4.2 workload-consistency]" in line]
    assert len(waived) == 1
    assert waived[0].startswith("  examples/catalog/digital-marketing-sprint.yaml:101:9: error: ")
    assert waived[0].endswith(
        "(waived: The ECTS value is being corrected in the next catalog release.)"
    )
    # info findings (automated suggestions for reviewers) only with --verbose
    assert "review-suggestion" not in result.stdout
    assert " info: " not in result.stdout


def test_verbose_shows_informational_findings(at_root: Path) -> None:
    result = invoke([*EXAMPLE_ARGS, "--verbose"])
    suggestions = [line for line in result.stdout.splitlines() if "review-suggestion]" in line]
    assert suggestions
    assert all(": info: awaiting review; the automated check suggests: " in s for s in suggestions)


# -- exit codes -------------------------------------------------------------------------


def test_exit_0_when_everything_conforms(project: Path) -> None:
    result = invoke(["check", "catalog", *TINY, "--reviews", "reviews"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "2 descriptors checked against tiny@1.0.0: 2 conformant, 0 not conformant, 0 pending review"
    )
    assert "catalog/good.yaml: CONFORMANT  100 % (4/4 points), essentials 1/1" in result.stdout


def test_exit_1_when_something_does_not_conform(project: Path) -> None:
    (project / "catalog" / "bad.yaml").write_text("id: bad\ntitle: Bad\n", encoding="utf-8")
    result = invoke(["check", "catalog", *TINY, "--reviews", "reviews"])
    assert result.exit_code == 1
    assert "catalog/bad.yaml: NOT CONFORMANT" in result.stdout
    assert "  not met: 1.1 (essential)" in result.stdout
    assert "catalog/bad.yaml:1:1: error: the required field 'description' is missing" in (
        result.stdout
    )


def test_exit_1_for_a_descriptor_that_cannot_be_read(project: Path) -> None:
    (project / "catalog" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    result = invoke(["check", "catalog", *TINY, "--reviews", "reviews"])
    assert result.exit_code == 1
    assert "catalog/broken.yaml: ERROR" in result.stdout


def test_fail_on_pending_turns_pending_into_exit_1(project: Path) -> None:
    # without the reviews, the hybrid standard awaits review
    pending = invoke(["check", "catalog", *TINY])
    assert pending.exit_code == 0
    assert "PENDING REVIEW" in pending.stdout
    assert "  awaiting review: 1.2" in pending.stdout
    assert invoke(["check", "catalog", *TINY, "--fail-on", "pending"]).exit_code == 1
    assert invoke(["check", "catalog", *TINY, "--fail-on", "not-conformant"]).exit_code == 0
    # and from the configuration, with the command line winning
    (project / ".mcqa.yaml").write_text("fail_on: pending\n", encoding="utf-8")
    configured = ["check", "catalog", "-r", "tiny-rubric.yaml"]
    assert invoke(configured).exit_code == 1
    assert invoke([*configured, "--fail-on", "not-conformant"]).exit_code == 0


def test_the_configuration_names_the_rubric_and_the_reviews(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".mcqa.yaml").write_text(
        "rubric: tiny-rubric.yaml\nreviews: reviews\n", encoding="utf-8"
    )
    (project / "catalog" / "sub").mkdir()
    monkeypatch.chdir(project / "catalog" / "sub")  # the config is found upward; paths are its own
    result = invoke(["check", ".."])
    assert result.exit_code == 0, result.output
    assert "against tiny@1.0.0: 2 conformant" in result.stdout


def test_exit_2_for_an_unknown_rubric(project: Path) -> None:
    result = invoke(["check", "catalog", "--no-config", "-r", "no-such-rubric@^3"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "mcqa: error: " in result.stderr
    assert "no-such-rubric" in result.stderr


def test_exit_2_for_a_broken_configuration_with_its_problems_located(project: Path) -> None:
    (project / "bad.yaml").write_text(
        "config_format: 1\nrubrik: tiny-rubric.yaml\njobs: many\n", encoding="utf-8"
    )
    result = invoke(["check", "catalog", "-c", "bad.yaml"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert (
        "bad.yaml:2:1: error: unknown field 'rubrik'; did you mean 'rubric'? [unknown-field]"
        in (lines)
    )
    assert any(line.startswith("bad.yaml:3:7: error: ") for line in lines)
    assert lines[-1] == "mcqa: error: the configuration bad.yaml has problems"


def test_exit_2_for_a_broken_configuration_found_on_its_own(project: Path) -> None:
    (project / ".mcqa.yaml").write_text("include: nope\n", encoding="utf-8")
    result = invoke(["check", "catalog"])
    assert result.exit_code == 2
    config = (project / ".mcqa.yaml").resolve()
    assert result.stderr.startswith(f"{config}:1:10: error: expected a list")


def test_exit_2_for_a_missing_path(project: Path) -> None:
    result = invoke(["check", "no/such/catalog", *TINY])
    assert result.exit_code == 2
    assert "'no/such/catalog' does not exist" in result.stderr
    assert result.stdout == ""


def test_exit_2_for_a_missing_configuration_file(project: Path) -> None:
    result = invoke(["check", "catalog", "-r", "tiny-rubric.yaml", "-c", "nope.yaml"])
    assert result.exit_code == 2
    assert result.stderr == "mcqa: error: the configuration file nope.yaml does not exist\n"


def test_exit_2_for_an_unknown_format(project: Path) -> None:
    result = invoke(["check", "catalog", *TINY, "-f", "xml"])
    assert result.exit_code == 2
    assert (
        "'xml' is not a format; choose from auto, badge, github, gitlab, html, json, junit, markdown, sarif, text"
        in result.stderr
    )
    assert result.stdout == ""


def test_exit_2_when_no_descriptor_files_are_found(project: Path) -> None:
    (project / "empty").mkdir()
    (project / "empty" / "notes.txt").write_text("nothing here", encoding="utf-8")
    result = invoke(["check", "empty", *TINY])
    assert result.exit_code == 2
    assert result.stderr == "mcqa: error: no descriptor files (.yaml, .yml, .json) found in empty\n"


def test_exit_2_for_a_bad_date(project: Path) -> None:
    result = invoke(["check", "catalog", *TINY, "--today", "28/11/2026"])
    assert result.exit_code == 2
    assert "is not a date written YYYY-MM-DD" in result.stderr


def test_a_broken_review_form_is_reported_with_its_descriptor_naming_its_line(
    project: Path,
) -> None:
    form = project / "reviews" / "good.yaml"
    form.write_text(
        REVIEW.format(id="good").replace("verdict: met", "verdict: maybe"), encoding="utf-8"
    )
    line = next(
        n for n, text in enumerate(form.read_text().splitlines(), 1) if "verdict: maybe" in text
    )
    result = invoke(["check", "catalog", *TINY, "--reviews", "reviews"])
    assert result.exit_code == 0  # the run goes on; the descriptor waits for its review
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert any(
        text.startswith(f"  reviews/good.yaml:{line}:14: error: this review form could not be used")
        and "'maybe'" in text
        and text.endswith("[review-form-unusable]")
        for text in lines
    ), result.stdout
    assert lines[-1].startswith("2 descriptors checked against tiny@1.0.0: 1 conformant, ")
    assert "1 pending review" in lines[-1]


@pytest.mark.parametrize("how", ["--reviews", "config"])
def test_review_forms_inside_the_catalog_are_not_checked_as_descriptors(
    project: Path, how: str
) -> None:
    (project / "reviews").rename(project / "catalog" / "reviews")
    if how == "config":
        (project / ".mcqa.yaml").write_text("reviews: catalog/reviews\n", encoding="utf-8")
        args = ["check", "catalog", "-r", "tiny-rubric.yaml", "--today", "2026-11-28"]
    else:
        args = ["check", "catalog", *TINY, "--reviews", "catalog/reviews"]
    result = invoke(args)
    assert "catalog/reviews/" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith(
        "2 descriptors checked against tiny@1.0.0: 2 conformant"
    )
    assert result.exit_code == 0


def test_a_review_form_for_another_rubric_is_a_warning(project: Path) -> None:
    form = project / "reviews" / "other.yaml"
    form.write_text(REVIEW.format(id="good").replace("tiny@1.0.0", "mcqa-core@1.0.0"))
    result = invoke(["check", "catalog", *TINY, "--reviews", "reviews"])
    assert result.exit_code == 0
    assert "reviews/other.yaml:2:9: warning: this form is for mcqa-core@1.0.0" in result.stderr


# -- files -------------------------------------------------------------------------------


def test_output_file_gets_the_report_and_nothing_is_printed(project: Path) -> None:
    before = snapshot(project)
    result = invoke(
        ["check", "catalog", *TINY, "--reviews", "reviews", "-f", "json", "-o", "r.json"]
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""
    printed = invoke(["check", "catalog", *TINY, "--reviews", "reviews", "-f", "json"])
    assert (project / "r.json").read_text(encoding="utf-8") == printed.stdout
    assert json.loads(printed.stdout)["summary"]["conformant"] == 2
    after = snapshot(project)
    assert after.pop("r.json")
    assert after == before
    assert not list(project.glob(".*mcqa-tmp"))


def test_output_file_is_replaced(project: Path) -> None:
    (project / "out.txt").write_text("old report", encoding="utf-8")
    assert invoke(["check", "catalog", *TINY, "-o", "out.txt"]).exit_code == 0
    assert (
        (project / "out.txt")
        .read_text(encoding="utf-8")
        .endswith(
            "2 descriptors checked against tiny@1.0.0: 0 conformant, 0 not conformant, "
            "2 pending review\n"
        )
    )


@pytest.mark.parametrize(
    "target", ["catalog/good.yaml", "./catalog/../catalog/fine.json", "{root}/catalog/good.yaml"]
)
def test_output_refuses_to_overwrite_a_checked_file(project: Path, target: str) -> None:
    target = target.format(root=project)
    before = snapshot(project)
    result = invoke(["check", "catalog", *TINY, "-f", "json", "-o", target])
    assert result.exit_code == 2
    assert "refusing to write the report over" in result.stderr
    assert "which is one of the files checked" in result.stderr
    assert result.stdout == ""
    assert snapshot(project) == before


def test_no_input_file_is_modified(project: Path) -> None:
    before = snapshot(project)
    for args in (
        ["check", "catalog", *TINY],
        ["check", "catalog", *TINY, "--reviews", "reviews", "-f", "json"],
        ["check", "catalog/good.yaml", "catalog/fine.json", *TINY, "-j", "2"],
        ["check", "catalog", *TINY, "-o", "catalog/good.yaml"],
    ):
        invoke(args)
    assert snapshot(project) == before


def test_output_dash_is_standard_output(project: Path) -> None:
    printed = invoke(["check", "catalog", *TINY, "-f", "json"])
    dashed = invoke(["check", "catalog", *TINY, "-f", "json", "-o", "-"])
    assert dashed.exit_code == printed.exit_code == 0
    assert dashed.stdout_bytes == printed.stdout_bytes
    assert not (project / "-").exists()


def test_a_missing_folder_is_made_before_the_run(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = mcqa.cli.check_catalog

    def checking(*args: Any, **kwargs: Any) -> Any:
        assert (project / "out" / "reports").is_dir()
        return real(*args, **kwargs)

    monkeypatch.setattr(mcqa.cli, "check_catalog", checking)
    result = invoke(["check", "catalog", *TINY, "-f", "json", "-o", "out/reports/r.json"])
    assert result.exit_code == 0
    assert json.loads((project / "out" / "reports" / "r.json").read_text(encoding="utf-8"))


def test_a_target_that_cannot_be_written_stops_before_the_run(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the catalog was checked")

    monkeypatch.setattr(mcqa.cli, "check_catalog", never)
    (project / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    before = snapshot(project)
    result = invoke(["check", "catalog", *TINY, "-o", "notes.txt/r.json"])
    assert result.exit_code == 2
    assert result.stderr == (
        "mcqa: error: cannot write the report to notes.txt/r.json: Not a directory\n"
    )
    assert snapshot(project) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_stops_before_the_run(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the catalog was checked")

    monkeypatch.setattr(mcqa.cli, "check_catalog", never)
    (project / "locked").mkdir()
    (project / "locked").chmod(0o555)
    try:
        result = invoke(["check", "catalog", *TINY, "-o", "locked/r.json"])
    finally:
        (project / "locked").chmod(0o755)
    assert result.exit_code == 2
    assert (
        "mcqa: error: cannot write the report to locked/r.json: Permission denied" in result.stderr
    )
    assert list((project / "locked").iterdir()) == []


def test_an_existing_report_keeps_its_permissions(project: Path) -> None:
    (project / "r.json").write_text("{}", encoding="utf-8")
    (project / "r.json").chmod(0o640)
    assert invoke(["check", "catalog", *TINY, "-f", "json", "-o", "r.json"]).exit_code == 0
    assert stat.S_IMODE((project / "r.json").stat().st_mode) == 0o640
    assert json.loads((project / "r.json").read_text(encoding="utf-8"))["summary"]["total"] == 2


def test_a_new_report_gets_the_usual_permissions(project: Path) -> None:
    umask = os.umask(0o027)
    try:
        assert invoke(["check", "catalog", *TINY, "-o", "r.txt"]).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE((project / "r.txt").stat().st_mode) == 0o640  # 0o666 less the umask


def test_a_failed_write_leaves_the_earlier_report_and_no_temporary_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "r.json").write_text('{"earlier": true}', encoding="utf-8")
    destination = _prepare_output(Path("r.json"), [])

    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _write_output(destination, '{"new": true}')
    monkeypatch.undo()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CouldNotRun, match=r"cannot write the report to r\.json: No space left"):
        _write_output(destination, '{"new": true}')
    assert (project / "r.json").read_text(encoding="utf-8") == '{"earlier": true}'
    assert sorted(p.name for p in project.iterdir() if p.is_file()) == [
        "r.json",
        "tiny-rubric.yaml",
    ]


def test_concurrent_runs_never_leave_a_corrupt_report(project: Path) -> None:
    texts = [
        json.dumps({"run": n, "padding": [f"{n}-{i}" for i in range(20_000)]}) for n in range(20)
    ]
    target = project / "shared.json"
    seen: list[str] = []
    done = threading.Event()

    def read() -> None:  # a reader must always find a whole report
        while not done.is_set():
            with contextlib.suppress(FileNotFoundError):
                seen.append(target.read_text(encoding="utf-8"))

    def write(text: str) -> None:
        for _ in range(3):
            _write_output(_prepare_output(target, []), text)

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(text,)) for text in texts]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    reader.join()
    assert target.read_text(encoding="utf-8") in texts
    assert seen
    assert all(text in texts for text in seen)
    assert list(project.glob("*.mcqa-tmp")) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_onto_a_fifo_writes_to_it(project: Path) -> None:
    fifo = project / "reports.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = invoke(["check", "catalog", *TINY, "-f", "json", "-o", str(fifo)])
    reader.join(30)
    assert result.exit_code == 0
    assert result.stdout == ""
    printed = invoke(["check", "catalog", *TINY, "-f", "json"])
    assert received == [printed.stdout_bytes]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert list(project.glob("*.mcqa-tmp")) == []


def null_device(folder: Path) -> Path:
    """A character device that discards what is written: a private one where root can make it.

    Root could replace /dev/null itself if mcqa regressed; a private node
    keeps such a failure inside the test's folder.
    """
    if hasattr(os, "mknod") and hasattr(os, "geteuid") and os.geteuid() == 0:
        node = folder / "null"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
            node.write_bytes(b"")
        except OSError:
            node.unlink(missing_ok=True)
        else:
            return node
    return Path(os.devnull)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_output_onto_a_character_device_keeps_the_device(project: Path) -> None:
    device = null_device(project)
    before = device.lstat()
    result = invoke(["check", "catalog", *TINY, "-f", "json", "-o", str(device)])
    assert result.exit_code == 0
    assert (result.stdout, result.stderr) == ("", "")
    after = device.lstat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert stat.S_ISCHR(Path("/dev/null").lstat().st_mode)
    assert list(device.parent.glob(".*.mcqa-tmp")) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_onto_a_full_device_is_an_error(project: Path) -> None:
    result = invoke(["check", "catalog", *TINY, "-f", "json", "-o", "/dev/full"])
    assert result.exit_code == 2
    assert result.stderr == (
        "mcqa: error: cannot write the report to /dev/full: No space left on device\n"
    )
    assert stat.S_ISCHR(Path("/dev/full").lstat().st_mode)


def test_output_onto_a_folder_is_refused(project: Path) -> None:
    result = invoke(["check", "catalog", *TINY, "-o", "catalog"])
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_output_onto_dev_stdout_reaches_standard_output(project: Path) -> None:
    completed = subprocess.run(
        [str(MCQA), "check", "catalog", *TINY, "-f", "json", "-o", "/dev/stdout"],
        cwd=project,
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == b""
    assert completed.stdout == invoke(["check", "catalog", *TINY, "-f", "json"]).stdout_bytes
    assert stat.S_ISCHR(Path("/dev/null").lstat().st_mode)


# -- colour -----------------------------------------------------------------------------


def test_color_flags(project: Path) -> None:
    (project / "catalog" / "bad.yaml").write_text("id: bad\ntitle: Bad\n", encoding="utf-8")
    plain = invoke(["check", "catalog", *TINY, "--no-color"])
    assert not ANSI.search(plain.stdout)
    assert "\x1b" not in plain.stdout
    coloured = invoke(["check", "catalog", *TINY, "--color"])
    assert ANSI.search(coloured.stdout)
    assert "\x1b[31m" in coloured.stdout  # NOT CONFORMANT / error in red
    assert ANSI.sub("", coloured.stdout) == plain.stdout
    no_color = invoke(["check", "catalog", *TINY], env={"NO_COLOR": "1"})
    assert "\x1b" not in no_color.stdout
    # an explicit --color wins over NO_COLOR
    assert ANSI.search(invoke(["check", "catalog", *TINY, "--color"], env={"NO_COLOR": "1"}).stdout)
    # colour never reaches JSON
    assert "\x1b" not in invoke(["check", "catalog", *TINY, "--color", "-f", "json"]).stdout


def run_in_terminal(args: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run a command with its output on a pseudo-terminal; return its exit code and output."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        list(args), cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a Linux pseudo-terminal")
def test_colour_on_a_terminal_unless_no_color(project: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = [str(MCQA), "check", "catalog", *TINY]
    code, output = run_in_terminal(args, project, env)
    assert code == 0
    assert ANSI.search(output)
    assert "Traceback" not in output
    code, output = run_in_terminal(args, project, {**env, "NO_COLOR": "1"})
    assert code == 0
    assert "\x1b" not in output
    assert "PENDING REVIEW" in output


def test_fail_on_checks_gates_on_the_automated_checks_alone(project: Path) -> None:
    # no reviews: everything awaits review, and every check passes
    assert invoke(["check", "catalog", *TINY, "--fail-on", "checks"]).exit_code == 0
    (project / "catalog" / "bad.json").write_text('{"id": "bad", "title": "Bad"}', "utf-8")
    result = invoke(["check", "catalog", *TINY, "--fail-on", "checks"])
    assert result.exit_code == 1
    assert "automated checks failed on 1" in result.stdout
    # with reviews, a failed check still fails the gate, though the others conform
    reviewed = invoke(["check", "catalog", *TINY, "--reviews", "reviews", "--fail-on", "checks"])
    assert reviewed.exit_code == 1
