"""Stopping ``mcqa check`` (SIGINT, SIGTERM) and the time budget of each file.

The slow runs use a check that takes its time, installed for the test only:
a plug-in module and its ``mcqa.checks`` entry point in a folder put on
``PYTHONPATH``, so that the real ``mcqa`` command and its worker processes
all find it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

import mcqa
from mcqa.catalog import check_catalog, discover, plan_catalog
from mcqa.checks import CheckContext, Problem, all_checks
from mcqa.cli import cli
from mcqa.config import LoadedConfig

ROOT = Path(__file__).resolve().parents[1]
MCQA = ROOT / ".venv" / "bin" / "mcqa"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and sends POSIX signals"
)

PLUGIN = '''\
import os
import time
from pathlib import Path


class SlowCheck:
    """Takes its time: a while on each file, forever on a file titled 'hang'."""

    ID = "test-slow"
    OPTIONS_SCHEMA = {
        "type": "object",
        "properties": {"seconds": {"type": "number", "default": 0.2}},
    }

    def run(self, context):
        markers = os.environ.get("MCQA_TEST_MARKERS")
        if markers:
            Path(markers, str(os.getpid())).touch()
        if context.descriptor.title == "hang":
            while True:
                pass
        time.sleep(context.options["seconds"])
        return iter(())
'''

RUBRIC = """\
rubric_format: 1
id: slow
version: 1.0.0
title: A rubric with a slow check
categories:
  - id: "1"
    title: Basics
    standards:
      - id: "1.1"
        title: Takes its time
        text: The check takes its time.
        points: 1
        mode: automated
        check: {name: test-slow}
"""

#: Files in the slow catalog: at 0.2 s each on two workers, six seconds of work.
SLOW_FILES = 60


@pytest.fixture
def slow(tmp_path: Path) -> Path:
    """A catalog whose check takes 0.2 s a file, the plug-in, and an earlier report."""
    site = tmp_path / "site"
    info = site / "mcqa_test_slow-0.dist-info"
    info.mkdir(parents=True)
    (site / "mcqa_test_slow.py").write_text(PLUGIN, encoding="utf-8")
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: mcqa-test-slow\nVersion: 0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[mcqa.checks]\ntest-slow = mcqa_test_slow:SlowCheck\n", encoding="utf-8"
    )
    (tmp_path / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    catalog = tmp_path / "catalog"
    catalog.mkdir()
    for n in range(SLOW_FILES):
        (catalog / f"c{n:03}.yaml").write_text(
            f"id: c{n:03}\ntitle: Credential {n}\n", encoding="utf-8"
        )
    (tmp_path / "markers").mkdir()
    (tmp_path / "report.json").write_text('{"earlier": "report"}\n', encoding="utf-8")
    return tmp_path


def environment(project: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(project / "site"),
        "MCQA_TEST_MARKERS": str(project / "markers"),
        "NO_COLOR": "1",
    }


def start(project: Path, *args: str) -> subprocess.Popen[bytes]:
    """The installed command on the slow catalog, in a session (and process group) of its own."""
    command = [str(MCQA), "check", "catalog", "-r", "rubric.yaml", "--no-config", *args]
    return subprocess.Popen(
        command,
        cwd=project,
        env=environment(project),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def wait_until_busy(project: Path, process: subprocess.Popen[bytes], workers: int) -> None:
    """Wait until ``workers`` processes are inside the slow check."""
    deadline = time.monotonic() + 60
    while len(list((project / "markers").iterdir())) < workers:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.02)


def group_members(pgid: int) -> list[str]:
    """The processes of a process group still alive (zombies awaiting their parent do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            found.append(f"{entry.name} ({state})")
    return found


def assert_group_ends(pgid: int) -> None:
    """Every process of the group ends soon (zombies wait for init to reap them; they are gone)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        if not group_members(pgid):
            return
        time.sleep(0.05)
    assert group_members(pgid) == []


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- SIGTERM and SIGINT ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "to_group", "jobs", "code", "message"),
    [
        # a CI runner stopping a job signals the command it started
        pytest.param(signal.SIGTERM, False, 2, 143, "mcqa: terminated", id="SIGTERM-workers"),
        # Ctrl-C in a terminal reaches every process of the foreground group
        pytest.param(signal.SIGINT, True, 2, 130, "mcqa: interrupted", id="SIGINT-group"),
        pytest.param(signal.SIGTERM, False, 1, 143, "mcqa: terminated", id="SIGTERM-one-process"),
    ],
)
def test_a_stop_signal_ends_every_process_and_keeps_the_earlier_report(
    slow: Path, signum: int, to_group: bool, jobs: int, code: int, message: str
) -> None:
    before = digest(slow / "report.json")
    process = start(slow, "--jobs", str(jobs), "-f", "json", "-o", "report.json")
    wait_until_busy(slow, process, workers=jobs)
    if to_group:
        os.killpg(process.pid, signum)
    else:
        os.kill(process.pid, signum)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == code
    assert stderr.decode() == message + "\n"  # one line; no traceback from any worker
    assert stdout == b""
    assert_group_ends(process.pid)
    assert digest(slow / "report.json") == before
    assert list(slow.rglob("*.mcqa-tmp")) == []


def test_workers_end_on_their_own_when_the_command_is_killed(slow: Path) -> None:
    # SIGKILL cannot be handled: a CI runner's last resort after SIGTERM
    before = digest(slow / "report.json")
    process = start(slow, "--jobs", "2", "-f", "json", "-o", "report.json")
    wait_until_busy(slow, process, workers=2)
    os.kill(process.pid, signal.SIGKILL)
    started = time.monotonic()
    stdout, stderr = process.communicate(timeout=20)  # returns once no process holds the pipes
    assert time.monotonic() - started < 5
    assert process.returncode == -signal.SIGKILL
    assert stdout == b""
    assert b"Traceback" not in stderr  # the resource tracker may say it cleaned up after it
    assert_group_ends(process.pid)
    assert digest(slow / "report.json") == before


# -- the time budget ---------------------------------------------------------------------


def test_a_file_over_its_budget_in_a_worker_is_an_error_and_the_run_goes_on(slow: Path) -> None:
    for n in range(4, SLOW_FILES):
        (slow / "catalog" / f"c{n:03}.yaml").unlink()
    (slow / "catalog" / "c001.yaml").write_text("id: c001\ntitle: hang\n", encoding="utf-8")
    process = start(slow, "--jobs", "2", "--file-timeout", "0.5", "-f", "json")
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr
    assert stderr == b""
    report = mcqa.Report.model_validate_json(stdout)
    decisions = {r.path: r.decision for r in report.results}
    assert decisions == {
        "catalog/c000.yaml": "conformant",
        "catalog/c001.yaml": "error",
        "catalog/c002.yaml": "conformant",
        "catalog/c003.yaml": "conformant",
    }
    [finding] = report.results[1].findings
    assert (finding.rule, finding.severity, finding.file) == (
        "time-budget",
        "error",
        "catalog/c001.yaml",
    )
    assert "time budget of 0.5 s" in finding.message
    assert "running the check 'test-slow' of standard 1.1" in finding.message
    assert "skipped the file" in finding.message
    assert_group_ends(process.pid)


class Slow:
    """Takes its time on a file titled 'hang' (forever) or 'slow' (0.3 s); tests only."""

    ID: ClassVar[str] = "test-slow"
    OPTIONS_SCHEMA: ClassVar[dict[str, Any]] = {"type": "object"}

    def run(self, context: CheckContext) -> Iterator[Problem]:
        if context.descriptor.title == "hang":
            while True:
                pass
        if context.descriptor.title == "slow":
            time.sleep(0.3)
        return iter(())


@pytest.fixture
def in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The slow check registered in this process, a rubric naming it, three descriptors."""
    monkeypatch.setitem(all_checks(), Slow.ID, Slow())
    (tmp_path / "rubric.yaml").write_text(RUBRIC, encoding="utf-8")
    for name, title in (("a", "A"), ("b", "hang"), ("c", "C")):
        (tmp_path / "catalog" / f"{name}.yaml").parent.mkdir(exist_ok=True)
        (tmp_path / "catalog" / f"{name}.yaml").write_text(
            f"id: {name}\ntitle: {title}\n", encoding="utf-8"
        )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_file_over_its_budget_in_the_command_process_is_an_error(in_process: Path) -> None:
    args = ["check", "catalog", "-r", "rubric.yaml", "--no-config", "-j", "1", "-f", "json"]
    result = CliRunner().invoke(cli, [*args, "--file-timeout", "0.2"], catch_exceptions=False)
    assert result.exit_code == 1
    report = mcqa.Report.model_validate_json(result.stdout)
    assert [(r.path, r.decision) for r in report.results] == [
        ("catalog/a.yaml", "conformant"),
        ("catalog/b.yaml", "error"),
        ("catalog/c.yaml", "conformant"),
    ]
    [finding] = report.results[1].findings
    assert finding.rule == "time-budget"
    assert finding.file == "catalog/b.yaml"
    assert "running the check 'test-slow' of standard 1.1" in finding.message


def _plan(folder: Path) -> mcqa.catalog.CatalogPlan:
    loaded = LoadedConfig(root=folder.resolve())
    files = discover([Path("catalog")], loaded)
    return plan_catalog(files, mcqa.load_rubric("rubric.yaml"), loaded)


def test_the_budget_leaves_no_timer_and_puts_the_handler_back(in_process: Path) -> None:
    (in_process / "catalog" / "b.yaml").write_text("id: b\ntitle: B\n", encoding="utf-8")
    alarms: list[int] = []

    def ours(signum: int, _frame: object) -> None:
        alarms.append(signum)

    previous = signal.signal(signal.SIGALRM, ours)
    try:
        report = check_catalog(_plan(in_process), jobs=1, file_timeout=0.05)
        assert {r.decision for r in report.results} == {"conformant"}
        assert signal.getsignal(signal.SIGALRM) is ours
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        time.sleep(0.1)  # a timer left armed would fire now
        assert alarms == []
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_there_is_no_budget(in_process: Path) -> None:
    (in_process / "catalog" / "b.yaml").write_text("id: b\ntitle: slow\n", encoding="utf-8")
    reports: list[mcqa.Report] = []
    thread = threading.Thread(
        target=lambda: reports.append(check_catalog(_plan(in_process), jobs=1, file_timeout=0.05))
    )
    thread.start()
    thread.join(30)
    [report] = reports
    assert {r.decision for r in report.results} == {"conformant"}  # 0.3 s, yet not stopped


# -- the library installs no handler ------------------------------------------------------


def test_importing_and_using_the_library_installs_no_signal_handler(tmp_path: Path) -> None:
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "a.yaml").write_text("id: a\ntitle: A\n", encoding="utf-8")
    script = """
import signal
from pathlib import Path
handlers = lambda: [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM)]
before = handlers()
import mcqa, mcqa.cli
from mcqa.catalog import check_catalog, discover, plan_catalog
from mcqa.config import LoadedConfig
assert handlers() == before, "on import"
loaded = LoadedConfig(root=Path.cwd())
plan = plan_catalog(discover([Path("catalog")], loaded), mcqa.load_rubric("mcqa-core"), loaded)
check_catalog(plan, jobs=1, file_timeout=5)
assert handlers() == before, "after a run"
print("ok")
"""
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.stdout == b"ok\n", completed.stderr


_PARTIAL_RESULT = """
import threading
from mcqa import _pool

def big(n):
    return bytes(32 * 1024 * 1024)  # sent through the pipe in many pieces

def nothing():
    return None

class Enough(Exception):
    pass

def main():
    def progress(done, total):
        raise Enough
    try:
        for _ in _pool.ordered_pairs(big, range(8), workers=2, initializer=nothing,
                                     progress=progress):
            pass
    except Enough:
        pass
    print([t.name for t in threading.enumerate() if t is not threading.main_thread()])

if __name__ == "__main__":
    main()
"""


def test_a_worker_stopped_while_sending_a_result_leaves_no_thread_waiting(tmp_path: Path) -> None:
    """Stopping the workers while one is writing a large result must not leave the pool's
    thread waiting for the rest of it: the process would never exit (as a `mcqa check`
    stopped by SIGTERM in a large run did)."""
    script = tmp_path / "partial.py"
    script.write_text(_PARTIAL_RESULT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
