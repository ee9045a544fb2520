#!/usr/bin/env python3
"""Measure ``mcqa check`` against its speed and scale targets, and print one table.

::

    .venv/bin/python benchmarks/run.py                          # 1,000 and 10,000 descriptors
    .venv/bin/python benchmarks/run.py --sizes 1000,10000,100000 --markdown out.md --json out.json
    .venv/bin/python benchmarks/run.py --national               # adds 1,076,358 (11 GB of disk)

First ``mcqa --version`` and ``mcqa check ONE-FILE.yaml`` (a complete
generated descriptor) are run ``--startup-repeat`` times each, after two
runs that are not counted. Then, for each size, it generates (or reuses) a
seeded catalog with ``benchmarks/generate.py`` and measures, as separate
processes, each ``--repeat`` times (``--repeat-large`` above 10,000), the
runs of all measures interleaved:

* **parse**: ``benchmarks/bare_parse.py``: read every file mcqa reads
  (descriptors and review forms) and ``yaml.load`` it with libyaml's
  ``CSafeLoader``, in one process: the floor every ratio is taken against;
* **parse, descriptors only**: the same for the descriptors alone, the files
  check-jsonschema reads;
* **check-jsonschema** ``--schemafile schemas/descriptor.schema.json`` on the
  descriptors (from its own virtualenv, ``benchmarks/.venv-peer``, created on
  first use; never a dependency of mcqa), in batches of 4,000 files a process;
* ``mcqa check CATALOG --no-config --rubric R --reviews REVIEWS --today D
  -f json -o /dev/null`` with ``--jobs 1`` and ``--jobs 2``: the installed
  command, as it is, whatever its version.

Wall time is taken from the start of the process to its exit (``wait4``);
the table gives the median and the range of the runs, and ratios with the
range of the ratios of runs made in the same turn. Peak memory is that of
the **whole process tree**: a thread samples, every ``--interval`` seconds,
the resident set (``/proc/PID/statm``) of the command and of all its
descendants (found through ``/proc/PID/task/*/children``) and keeps the
largest sum; this is then raised to the ``ru_maxrss`` that ``wait4``
reports, the exact peak of the largest single process. The sum counts pages
shared between processes (a forked worker's copy of the interpreter) once
per process, so for two workers it is an upper bound. CPU time is that of
the whole tree too. **Other work** is how many cores other processes kept
busy while a run lasted (``/proc/stat`` before and after, less the CPU time
of the run and of this runner): on a shared machine it says which figures
to trust.

The 1,076,358-descriptor row is an estimate from the rate of ``--jobs 2`` at
the largest size run, and says so, unless ``--national`` measured it.

It prints one table: each figure, its ratio to the parse of the same files,
its ratio to check-jsonschema, and the target with ✓ or ✗; ``--markdown`` and
``--json`` write the same table, with the machine it was measured on, for the
docs. Nothing here asserts anything: targets are reported, not enforced.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")
PEER_VENV = HERE / ".venv-peer"
DATA = HERE / ".data"
# The environment of every measured command. Python's bytecode cache is on, as it is for an
# installed package (pip compiles it), kept under benchmarks/.data/pycache so that the source
# tree is left alone; an environment that sets PYTHONDONTWRITEBYTECODE would otherwise make
# every start compile mcqa from source. ``--no-bytecode-cache`` keeps the environment as it is.
ENV = dict(os.environ)


def bytecode_cache(on: bool, folder: Path) -> str:
    """Set up :data:`ENV`; describe the choice for the report."""
    if not on:
        return "as the environment has it" + (
            " (PYTHONDONTWRITEBYTECODE set: every start compiles from source)"
            if os.environ.get("PYTHONDONTWRITEBYTECODE")
            else ""
        )
    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    folder.mkdir(parents=True, exist_ok=True)
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)
    return f"on ({folder})"


TIMED_OUT = -1000  # the returncode of a sample stopped by --timeout
BATCH = 4000  # files per check-jsonschema process (argument list length)

TARGETS = {
    "ratio_j1": 2.0,  # mcqa check --jobs 1 <= 2x the bare parse
    "speedup_j2": 1.8,  # --jobs 2 at least 1.8x faster than --jobs 1
    "memory_ratio": 1.2,  # peak at 100,000 files <= 1.2x the peak at 1,000
    "version_ms": 150.0,
    "one_file_ms": 350.0,
    "national_rate": generate.NATIONAL_COUNT / 600,  # 10 minutes on 2 cores
}


# -- measuring one process ---------------------------------------------------------------


@dataclass
class Sample:
    """One run of one command."""

    seconds: float
    peak_bytes: int  # whole tree, sampled, at least the largest single process
    max_single_bytes: int  # ru_maxrss: the largest single process of the tree
    cpu_seconds: float  # user + system of the command's whole process tree
    returncode: int
    load: float  # one-minute load average when the run started
    others: float = 0.0  # cores that other work on the machine kept busy during the run
    main_cpu_seconds: float = 0.0  # CPU time of the command's own process (sampled), not its pool
    stderr: str = ""


def _tree(pid: int, cpu: dict[int, float]) -> int:
    """Resident bytes of ``pid`` and all its descendants; records each one's CPU seconds."""
    total = 0
    stack = [pid]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        proc = Path(f"/proc/{current}")
        try:
            total += int((proc / "statm").read_bytes().split()[1]) * PAGE
            fields = (proc / "stat").read_bytes().rsplit(b")", 1)[1].split()
            # utime and stime (fields 14 and 15; 12 and 13 after the name)
            cpu[current] = max(cpu.get(current, 0.0), (int(fields[11]) + int(fields[12])) / TICK)
            tasks = list((proc / "task").iterdir())
        except (OSError, IndexError, ValueError):
            continue
        for task in tasks:
            with contextlib.suppress(OSError, ValueError):
                stack.extend(int(child) for child in (task / "children").read_bytes().split())
    return total


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (``/proc/stat``, every core).

    Taken before and after a run, less the CPU time of the run and of this
    runner, it says how much of the machine other work took meanwhile: the
    noise in that run's wall time.
    """
    try:
        first = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0]
    except OSError:
        return 0.0
    # user nice system idle iowait irq softirq steal (guest time is counted in user)
    ticks = [int(f) for f in first.split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / TICK


def _own_cpu() -> float:
    """CPU seconds of this runner (its sampling thread included) and of the children it reaped."""
    me, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


# A small launcher per measured run. It starts the command and reports the wall time and
# the rusage of its children. A separate launcher is needed because Linux charges a
# process's ``ru_maxrss`` with the memory of the image it replaced at exec: measured from
# the runner itself, every command would weigh at least as much as the runner.
LAUNCHER = r"""
import json, os, resource, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
devnull = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
_, status, _ = os.wait4(pid, 0)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(out, "w") as handle:
    json.dump({"seconds": seconds, "returncode": os.waitstatus_to_exitcode(status),
               "maxrss": usage.ru_maxrss * 1024, "cpu": usage.ru_utime + usage.ru_stime}, handle)
"""


def measure(
    cmd: list[str],
    *,
    memory: bool = True,
    interval: float = 0.02,
    cwd: Path | None = None,
    timeout: float | None = None,
) -> Sample:
    """Run ``cmd`` to its end; wall time, peak memory of its process tree, CPU time.

    With ``memory``, ``cmd`` runs under :data:`LAUNCHER` (started with ``-S -I``,
    a few MB) while a thread here samples the launcher's descendants; the
    wall time is the launcher's, from just before the command starts to its
    exit. Without, ``cmd`` runs directly and only the wall and CPU times are
    meaningful (start-up times, where the launcher's own start would add noise).

    After ``timeout`` seconds the run's process group (started here, in a
    session of its own) is stopped, and the sample says so.
    """
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch, tempfile.TemporaryFile() as err:
        report = Path(scratch) / "rusage.json"
        full = [sys.executable, "-S", "-I", "-c", LAUNCHER, str(report), *cmd] if memory else cmd
        busy_before, own_before = busy_seconds(), _own_cpu()
        start = time.perf_counter()
        proc = subprocess.Popen(
            full,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=cwd,
            start_new_session=True,
            env=ENV,
        )
        timed_out = threading.Event()

        def stop_group() -> None:
            timed_out.set()
            for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 0.0)):
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    return
                if wait:
                    time.sleep(wait)

        timer = threading.Timer(timeout, stop_group) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        peak = 0
        cpu: dict[int, float] = {}
        mains: set[int] = set()
        stop = threading.Event()
        children_file = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                try:
                    children = [int(c) for c in children_file.read_bytes().split()]
                except (OSError, ValueError):
                    children = []
                mains.update(children)
                peak = max(peak, sum(_tree(child, cpu) for child in children))
                stop.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True) if memory else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if timer:
            timer.cancel()
        if sampler:
            stop.set()
            sampler.join()
        # Workers of a pool are not always reaped by the command itself, so their CPU
        # time can be missing from rusage: the sampled sum (short of each process's last
        # interval) is then the larger figure.
        tree_cpu = max(usage.ru_utime + usage.ru_stime, sum(cpu.values()))
        machine_busy = busy_seconds() - busy_before
        others = max(0.0, machine_busy - max(_own_cpu() - own_before, tree_cpu)) / seconds
        if timed_out.is_set():
            return Sample(
                seconds,
                peak,
                0,
                tree_cpu,
                TIMED_OUT,
                load,
                others,
                main_cpu_seconds=sum(cpu.get(pid, 0.0) for pid in mains),
                stderr=f"did not finish within {timeout:.0f} s (stopped)",
            )
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")[-2000:]
        if not memory:
            return Sample(seconds, 0, 0, tree_cpu, proc.returncode, load, others, stderr=stderr)
        try:
            inner = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Sample(
                seconds,
                0,
                0,
                tree_cpu,
                proc.returncode or 2,
                load,
                others,
                stderr=stderr or "the launcher failed",
            )
        return Sample(
            seconds=inner["seconds"],
            peak_bytes=max(peak, inner["maxrss"]),
            max_single_bytes=inner["maxrss"],
            cpu_seconds=max(inner["cpu"], sum(cpu.values())),
            returncode=inner["returncode"],
            load=load,
            others=others,
            main_cpu_seconds=sum(cpu.get(pid, 0.0) for pid in mains),
            stderr=stderr,
        )


def spread(values: list[float]) -> tuple[float, float, float]:
    """Median, smallest and largest."""
    return statistics.median(values), min(values), max(values)


@dataclass
class Measure:
    """Repeated runs of one command (or of a batch of commands taken together)."""

    name: str
    size: int
    samples: list[Sample] = field(default_factory=list)
    failed: str | None = None
    timed_out_after: float | None = None
    peak_before_stop: int | None = None
    stopped: Sample | None = None  # the run that failed or was stopped, as far as it went

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def seconds_range(self) -> tuple[float, float]:
        return min(s.seconds for s in self.samples), max(s.seconds for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)

    @property
    def peak_bytes(self) -> int:
        return int(statistics.median(s.peak_bytes for s in self.samples))

    @property
    def others(self) -> float:
        return statistics.median(s.others for s in self.samples)

    @property
    def main_cpu(self) -> float:
        return statistics.median(s.main_cpu_seconds for s in self.samples)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "size": self.size, "failed": self.failed}
        if self.timed_out_after is not None:
            data["timed_out_after_seconds"] = round(self.timed_out_after, 1)
            data["peak_mb_before_stop"] = round((self.peak_before_stop or 0) / 2**20, 1)
        if self.stopped is not None:
            data["stopped_run"] = {
                k: (round(v, 4) if isinstance(v, float) else v)
                for k, v in asdict(self.stopped).items()
            }
        if self.samples:
            low, high = self.seconds_range
            data.update(
                median_seconds=round(self.seconds, 4),
                min_seconds=round(low, 4),
                max_seconds=round(high, 4),
                median_peak_mb=round(self.peak_bytes / 2**20, 1),
                median_cpu_seconds=round(self.cpu, 3),
                median_others_cores=round(self.others, 2),
                median_main_process_cpu_seconds=round(self.main_cpu, 3),
                samples=[
                    {
                        k: (round(v, 4) if isinstance(v, float) else v)
                        for k, v in asdict(s).items()
                        if k != "stderr"
                    }
                    for s in self.samples
                ],
            )
        return data


def crashed(sample: Sample) -> bool:
    """Python exits 1 on an uncaught exception, as mcqa does for findings: tell them apart."""
    lines = sample.stderr.strip().splitlines()
    return "Traceback (most recent call last)" in sample.stderr or bool(
        lines and re.match(r"[A-Za-z_.]+(Error|Exception)(:|$)", lines[-1])
    )


def run_batches(cmds: list[list[str]], interval: float, timeout: float | None) -> Sample:
    """Several processes one after another, taken as one run (times add, peaks max)."""
    parts: list[Sample] = []
    for cmd in cmds:
        left = None if timeout is None else timeout - sum(p.seconds for p in parts)
        parts.append(measure(cmd, interval=interval, timeout=left))
        if parts[-1].returncode not in (0, 1):
            break
    seconds = sum(p.seconds for p in parts)
    return Sample(
        seconds=seconds,
        peak_bytes=max(p.peak_bytes for p in parts),
        max_single_bytes=max(p.max_single_bytes for p in parts),
        cpu_seconds=sum(p.cpu_seconds for p in parts),
        returncode=max(p.returncode for p in parts),
        load=parts[0].load,
        others=sum(p.others * p.seconds for p in parts) / seconds if seconds else 0.0,
        main_cpu_seconds=sum(p.main_cpu_seconds for p in parts),
        stderr=parts[-1].stderr,
    )


# -- the machine ------------------------------------------------------------------------


def _first(path: str, key: str) -> str | None:
    try:
        with Path(path).open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _output(cmd: list[str]) -> str | None:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def _shown(path: str) -> str:
    """``path`` relative to the repository when it is inside it."""
    try:
        return Path(path).absolute().relative_to(ROOT).as_posix()
    except ValueError:
        return path


def machine(python: str, mcqa: str, peer: str | None) -> dict[str, Any]:
    mem = _first("/proc/meminfo", "MemTotal")
    probe = _output(
        [
            python,
            "-c",
            "import sys, yaml; print(sys.version.split()[0]); "
            "print(bool(getattr(yaml, '__with_libyaml__', False))); "
            "print(yaml.__version__)",
        ]
    )
    py_version, libyaml, pyyaml = [*(probe or "").split("\n"), "?", "?", "?"][:3]
    return {
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or "?",
        "memory_gb": round(int(mem.split()[0]) / 2**20, 1) if mem else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": py_version,
        "libyaml": libyaml == "True",
        "pyyaml": pyyaml,
        "mcqa": _output([mcqa, "--version"]),
        "mcqa_path": _shown(mcqa),
        "commit": _output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "worktree_changed": bool(
            _output(
                [
                    "git",
                    "-C",
                    str(ROOT),
                    "status",
                    "--porcelain",
                    "--untracked-files=no",
                    "--",
                    "src",
                ]
            )
        ),
        "check_jsonschema": _output([peer, "--version"]) if peer else None,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def ensure_peer(python: str) -> tuple[str | None, str | None]:
    """check-jsonschema in its own virtualenv; ``(path, None)`` or ``(None, why not)``."""
    exe = PEER_VENV / "bin" / "check-jsonschema"
    if exe.exists():
        return str(exe), None
    print("installing check-jsonschema into benchmarks/.venv-peer ...", file=sys.stderr)
    try:
        subprocess.run([python, "-m", "venv", str(PEER_VENV)], check=True, capture_output=True)
        subprocess.run(
            [str(PEER_VENV / "bin" / "pip"), "install", "-q", "check-jsonschema"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as error:
        shutil.rmtree(PEER_VENV, ignore_errors=True)
        return None, f"check-jsonschema could not be installed here ({error})"
    return str(exe), None


# -- one size ---------------------------------------------------------------------------


@dataclass
class SizeResult:
    size: int
    folder: str
    manifest: dict[str, Any]
    disk_bytes: int
    measures: dict[str, Measure]
    verified: dict[str, Any] | None = None


def _descriptor_files(catalog: Path) -> list[str]:
    return sorted(str(p) for p in catalog.rglob("*") if p.suffix in (".yaml", ".json"))


#: What one descriptor takes on disk with its share of review forms (4 KB blocks), and files.
BYTES_PER_DESCRIPTOR = 10_500
FILES_PER_DESCRIPTOR = 1.4


def room_for(folder: Path, size: int, seed: int) -> str | None:
    """Why a catalog of ``size`` cannot be generated in ``folder``, or ``None``.

    A catalog already there (its manifest matches) needs nothing more; otherwise
    the filesystem needs the space and the inodes, with a tenth to spare.
    """
    manifest = generate.read_manifest(folder)
    if manifest and manifest.get("count") == size and manifest.get("seed") == seed:
        return None
    stats = os.statvfs(folder)
    need = size * BYTES_PER_DESCRIPTOR * 1.1
    free = stats.f_bavail * stats.f_frsize
    if need > free:
        return (
            f"{size:,} descriptors need about {need / 1e9:,.1f} GB of disk; "
            f"{free / 1e9:,.1f} GB are free under {folder}"
        )
    files = size * FILES_PER_DESCRIPTOR * 1.1
    if stats.f_files and files > stats.f_favail:
        return f"{size:,} descriptors need about {files:,.0f} inodes; {stats.f_favail:,} are free"
    return None


def run_size(args: argparse.Namespace, size: int, peer: str | None, *, repeat: int) -> SizeResult:
    folder = args.data / f"catalog-{size}-seed{args.seed}"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\n== {size:,} descriptors: {folder}", file=sys.stderr)
    problem = room_for(folder, size, args.seed)
    if problem:
        raise SystemExit(f"run.py: {problem}")
    started = time.perf_counter()
    manifest = generate.generate(folder, size, args.seed, force=True, progress=sys.stderr.isatty())
    how = "reused" if manifest.get("reused") else "generated"
    print(
        f"  {how} in {time.perf_counter() - started:.1f} s "
        f"({manifest['descriptors']:,} descriptors, {manifest['forms']:,} forms)",
        file=sys.stderr,
    )
    disk = generate.disk_usage(folder)
    catalog, reviews = folder / "catalog", folder / "reviews"
    mcqa = [
        args.mcqa,
        "check",
        str(catalog),
        "--no-config",
        "--rubric",
        args.rubric,
        "--reviews",
        str(reviews),
        "--today",
        generate.TODAY,
        "-f",
        "json",
    ]
    commands: dict[str, list[list[str]] | None] = {
        "parse": [[args.python, str(HERE / "bare_parse.py"), str(catalog), str(reviews)]],
        "parse_descriptors": [[args.python, str(HERE / "bare_parse.py"), str(catalog)]],
        "check_jsonschema": None,
        "mcqa_j1": [[*mcqa, "-o", "/dev/null", "--jobs", "1"]],
        "mcqa_j2": [[*mcqa, "-o", "/dev/null", "--jobs", "2"]],
    }
    if peer:
        files = _descriptor_files(catalog)
        commands["check_jsonschema"] = [
            [
                peer,
                "--schemafile",
                str(ROOT / "schemas" / "descriptor.schema.json"),
                *files[i : i + BATCH],
            ]
            for i in range(0, len(files), BATCH)
        ]
    measures = {name: Measure(name, size) for name, cmds in commands.items() if cmds}
    only = set(args.only.split(",")) if args.only else None
    if size > 10_000 and args.large_only:
        only = set(args.large_only.split(",")) & (only or set(commands))

    verified = None
    if size <= 1000 or args.verify:
        # One unmeasured run into a file: the harness measures real work (every descriptor
        # scored; errors only for the broken ones). It warms the caches too.
        with tempfile.TemporaryDirectory() as scratch:
            report = Path(scratch) / "report.json"
            sample = measure([*mcqa, "-o", str(report), "--jobs", "2"], memory=False)
            verified = {"returncode": sample.returncode, "seconds": round(sample.seconds, 2)}
            try:
                # Read in another process: a large report would swell this one.
                summary = json.loads(
                    subprocess.run(
                        [
                            args.python,
                            "-c",
                            "import json, sys; "
                            "print(json.dumps(json.load(open(sys.argv[1]))['summary']))",
                            str(report),
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                )
                verified["summary"] = summary
                verified["ok"] = summary.get("total") == manifest["descriptors"] and summary.get(
                    "error"
                ) == manifest["kinds"].get("broken", 0)
            except (
                OSError,
                ValueError,
                KeyError,
                TypeError,
                subprocess.CalledProcessError,
            ) as error:
                verified["ok"] = False
                verified["problem"] = f"{type(error).__name__}: {error}; {sample.stderr[-500:]}"
        print(f"  verified: {verified}", file=sys.stderr)
    else:
        measure(commands["parse"][0], memory=False)  # warm the page cache

    for turn in range(repeat):
        for name, cmds in commands.items():
            if not cmds or (only and name not in only) or measures[name].failed:
                continue
            sample = (
                measure(cmds[0], interval=args.interval, timeout=args.timeout)
                if len(cmds) == 1
                else run_batches(cmds, args.interval, args.timeout)
            )
            ok = sample.returncode in (0, 1) and not crashed(sample)
            if not ok:
                measures[name].failed = (
                    sample.stderr
                    if sample.returncode == TIMED_OUT
                    else f"exit {sample.returncode}: {sample.stderr.strip()[-300:]}"
                )
                measures[name].timed_out_after = (
                    sample.seconds if sample.returncode == TIMED_OUT else None
                )
                measures[name].peak_before_stop = sample.peak_bytes
                measures[name].stopped = sample
                print(f"  {name}: FAILED {measures[name].failed}", file=sys.stderr)
                continue
            measures[name].samples.append(sample)
            print(
                f"  [{turn + 1}/{repeat}] {name:<18} {sample.seconds:8.2f} s  "
                f"{sample.peak_bytes / 2**20:8.1f} MB  cpu {sample.cpu_seconds:7.1f} s  "
                f"(main process {sample.main_cpu_seconds:.1f} s)  load {sample.load:.1f}  "
                f"other work {sample.others:.2f} cores",
                file=sys.stderr,
            )
    return SizeResult(size, str(folder), manifest, disk, measures, verified)


def startup(args: argparse.Namespace, one_file: Path) -> dict[str, Measure]:
    cmds = {
        "version": [args.mcqa, "--version"],
        "one_file": [
            args.mcqa,
            "check",
            str(one_file),
            "--no-config",
            "--rubric",
            args.rubric,
            "--today",
            generate.TODAY,
        ],
    }
    result: dict[str, Measure] = {}
    if args.startup_repeat < 1:
        return result
    for name, cmd in cmds.items():
        m = Measure(name, 1)
        for _ in range(2):
            measure(cmd, memory=False)
        for _ in range(args.startup_repeat):
            sample = measure(cmd, memory=False)
            if sample.returncode not in (0, 1) or crashed(sample):
                m.failed = f"exit {sample.returncode}: {sample.stderr.strip()[-300:]}"
                break
            m.samples.append(sample)
        if m.samples:
            low, high = m.seconds_range
            print(
                f"  {name:<10} median {m.seconds * 1000:7.1f} ms ({low * 1000:.0f} to "
                f"{high * 1000:.0f}) over {len(m.samples)} runs, other work {m.others:.2f} cores",
                file=sys.stderr,
            )
        result[name] = m
    return result


def one_complete_file(seed: int) -> tuple[str, bytes]:
    for index in range(1000):
        entry = generate.descriptor(seed, index)
        if entry.kind == "complete" and entry.path.endswith(".yaml"):
            return entry.path.rsplit("/", 1)[1], entry.data
    raise RuntimeError("no complete descriptor in the first 1,000")


# -- the table --------------------------------------------------------------------------

TIMES = "\N{MULTIPLICATION SIGN}"
DASH = "\N{EN DASH}"  # between the ends of a range


def _mark(met: bool | None) -> str:
    return "" if met is None else ("✓" if met else "✗")


def _x(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}f}{TIMES}"


def _ratios(top: Measure, bottom: Measure) -> tuple[float, float, float] | None:
    """``top / bottom``: the ratio of the medians, and the range of the per-turn ratios.

    Runs of all measures are interleaved, so the runs of one turn met the same
    load; when both have the same number of runs, the range is that of the
    turns' ratios (else there is none).
    """
    if not top.samples or not bottom.samples:
        return None
    median = top.seconds / bottom.seconds
    if len(top.samples) != len(bottom.samples) or len(top.samples) < 2:
        return median, median, median
    turns = [t.seconds / b.seconds for t, b in zip(top.samples, bottom.samples, strict=True)]
    return median, min(turns), max(turns)


def _range(low: float, high: float, unit: str, digits: int) -> str:
    """``(low to high unit)`` with an en dash, or nothing when both ends show the same."""
    ends = f"{low:.{digits}f}", f"{high:.{digits}f}"
    return f"({ends[0]}{DASH}{ends[1]}{unit})" if ends[0] != ends[1] else ""


def _others(item: Measure) -> float | None:
    """The other work during a run that failed or was stopped, when it is known."""
    return item.stopped.others if item.stopped is not None else None


def _measured(m: dict[str, Measure], name: str) -> Measure | None:
    item = m.get(name)
    return item if item is not None and item.samples else None


def build_rows(
    sizes: list[SizeResult], start: dict[str, Measure], national: bool
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    base_peak = None
    smallest = min((s.size for s in sizes), default=None)

    def row(measure: str, size: int | str, **kw: Any) -> None:
        rows.append({"measure": measure, "files": size, **kw})

    def timed(label: str, n: int, item: Measure, floor: Measure | None, **kw: Any) -> None:
        low, high = item.seconds_range
        ratio = _ratios(item, floor) if floor is not None else None
        row(
            label,
            n,
            seconds=item.seconds,
            low=low,
            high=high,
            ms_per=item.seconds / n * 1000,
            cpu=item.cpu,
            cpu_vs_parse=item.cpu / floor.cpu if floor is not None and floor.cpu else None,
            peak_mb=item.peak_bytes / 2**20,
            vs_parse=ratio[0] if ratio else None,
            vs_parse_range=ratio[1:] if ratio else None,
            others=item.others,
            samples=len(item.samples),
            **kw,
        )

    for result in sorted(sizes, key=lambda r: r.size):
        m = result.measures
        n = result.size
        parse, parse_d = _measured(m, "parse"), _measured(m, "parse_descriptors")
        cjs = _measured(m, "check_jsonschema")
        j1, j2 = _measured(m, "mcqa_j1"), _measured(m, "mcqa_j2")
        for name, item, floor, label in (
            ("parse", parse, parse, "parse (libyaml), descriptors + forms"),
            ("parse_descriptors", parse_d, parse_d, "parse (libyaml), descriptors only"),
            ("check_jsonschema", cjs, parse_d, "check-jsonschema, descriptors"),
        ):
            if item is None:
                if m.get(name) and m[name].failed:
                    row(label, n, failed=m[name].failed, others=_others(m[name]))
                continue
            timed(label, n, item, floor, vs_cjs=1.0 if name == "check_jsonschema" else None)
        for name, item, label in (
            ("mcqa_j1", j1, "mcqa check --jobs 1"),
            ("mcqa_j2", j2, "mcqa check --jobs 2"),
        ):
            if item is None:
                if name in m and m[name].failed:
                    row(label, n, failed=m[name].failed, others=_others(m[name]))
                continue
            extra: dict[str, Any] = {}
            if name == "mcqa_j1" and parse:
                extra = {
                    "target": f"≤ {TARGETS['ratio_j1']:g}{TIMES} parse",
                    "met": item.seconds / parse.seconds <= TARGETS["ratio_j1"],
                }
            timed(
                label,
                n,
                item,
                parse,
                vs_cjs=item.seconds / cjs.seconds if cjs else None,
                rate=n / item.seconds,
                **extra,
            )
        if j1 and j2:
            speedup = _ratios(j1, j2)
            assert speedup is not None
            row(
                "speed-up, 2 workers vs 1",
                n,
                value=f"{speedup[0]:.2f}{TIMES} {_range(speedup[1], speedup[2], TIMES, 2)}",
                number=speedup[0],
                cpu_ratio=j2.cpu / j1.cpu if j1.cpu else None,
                others=max(j1.others, j2.others),
                target=f"≥ {TARGETS['speedup_j2']:g}{TIMES}",
                met=speedup[0] >= TARGETS["speedup_j2"],
            )
        if j2:
            peak = j2.peak_bytes
            if n == smallest:
                base_peak = peak
            ratio = peak / base_peak if base_peak and n != smallest else None
            low = min(s.peak_bytes for s in j2.samples) / 2**20
            high = max(s.peak_bytes for s in j2.samples) / 2**20
            row(
                "peak memory, mcqa check --jobs 2 -f json (whole tree)",
                n,
                value=f"{peak / 2**20:.0f} MB {_range(low, high, ' MB', 0)}".strip()
                + (f" = {ratio:.2f}{TIMES} {smallest:,}" if ratio else ""),
                number=peak / 2**20,
                target=f"≤ {TARGETS['memory_ratio']:g}{TIMES} {smallest:,}" if ratio else "",
                met=ratio <= TARGETS["memory_ratio"] if ratio is not None else None,
            )
        elif m.get("mcqa_j2") and m["mcqa_j2"].timed_out_after and base_peak:
            stopped = m["mcqa_j2"]
            peak = stopped.peak_before_stop or 0
            ratio = peak / base_peak
            row(
                "peak memory, mcqa check --jobs 2 -f json (whole tree)",
                n,
                value=f"≥ {peak / 2**20:.0f} MB = {ratio:.2f}{TIMES} {smallest:,} (when stopped)",
                number=peak / 2**20,
                target=f"≤ {TARGETS['memory_ratio']:g}{TIMES} {smallest:,}",
                met=False if ratio > TARGETS["memory_ratio"] else None,
            )
    for name, label, target in (
        ("version", "mcqa --version", "version_ms"),
        ("one_file", "mcqa check one-file.yaml", "one_file_ms"),
    ):
        item = start.get(name)
        if item is None or not item.samples:
            row(label, 1, failed=(item.failed if item else None) or "not run")
            continue
        ms = item.seconds * 1000
        low, high = (t * 1000 for t in item.seconds_range)
        row(
            label,
            1,
            value=f"{ms:.0f} ms {_range(low, high, ' ms', 0)}".strip(),
            number=ms,
            cpu=item.cpu,
            others=item.others,
            samples=len(item.samples),
            target=f"≤ {TARGETS[target]:g} ms",
            met=ms <= TARGETS[target],
        )
    rows.extend(_national(sizes, national))
    return rows


def _national(sizes: list[SizeResult], national: bool) -> list[dict[str, Any]]:
    """The national row: measured with ``--national``, else estimated from the largest run."""
    count, target = generate.NATIONAL_COUNT, TARGETS["national_rate"]
    label = f"{count:,} descriptors, mcqa check --jobs 2"
    wanted = f"≥ {target:,.0f}/s (≤ 10 min)"
    runs = [s for s in sizes if s.measures.get("mcqa_j2")]
    largest = max(
        (s for s in runs if s.measures["mcqa_j2"].samples), key=lambda s: s.size, default=None
    )
    stopped = max(
        (s for s in runs if s.measures["mcqa_j2"].timed_out_after),
        key=lambda s: s.size,
        default=None,
    )
    if stopped is not None and (largest is None or stopped.size > largest.size):
        after = stopped.measures["mcqa_j2"].timed_out_after or 1.0
        rate = stopped.size / after
        return [
            {
                "measure": f"{label} (estimate: {stopped.size:,} did not finish in "
                f"{_duration(after)})",
                "files": count,
                "value": f"< {rate:,.0f}/s, > {count / rate / 60:,.0f} min",
                "number": rate,
                "estimate": True,
                "target": wanted,
                "met": False if rate < target else None,
            }
        ]
    if largest is None:
        return []
    j2 = largest.measures["mcqa_j2"]
    rate = largest.size / j2.seconds
    measured = national and largest.size == count
    slow, fast = (largest.size / t for t in reversed(j2.seconds_range))
    span = f" ({slow:,.0f}{DASH}{fast:,.0f}/s)" if fast > slow else ""
    how = "measured" if measured else f"estimate from the rate at {largest.size:,}"
    return [
        {
            "measure": f"{label} ({how})",
            "files": count,
            "value": f"{rate:,.0f}/s{span}, {count / rate / 60:,.1f} min",
            "number": rate,
            "estimate": not measured,
            "target": wanted,
            "met": rate >= target,
        }
    ]


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"


def render_markdown(rows: list[dict[str, Any]]) -> str:
    head = (
        "| measure | files | median (range) | per descriptor | CPU | peak memory "
        "| vs parse (range) | CPU vs parse | vs check-jsonschema | other work | target | met |"
    )
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|:-:|"]
    for r in rows:
        files = f"{r['files']:,}" if isinstance(r["files"], int) else r["files"]
        if r.get("failed"):
            failed = r["failed"].replace("|", "/").replace("\n", " ")[:80]
            others = f"{r['others']:.2f} cores" if r.get("others") is not None else ""
            lines.append(f"| {r['measure']} | {files} | {failed} | | | | | | | {others} | | |")
            continue
        others = f"{r['others']:.2f} cores" if r.get("others") is not None else ""
        cpu = f"{r['cpu']:.2f} s" if r.get("cpu") is not None else ""
        if "seconds" in r:
            median = f"{r['seconds']:.2f} s {_range(r['low'], r['high'], ' s', 2)}".strip()
            per = f"{r['ms_per']:.2f} ms"
            peak = f"{r['peak_mb']:.0f} MB"
            vs = _x(r.get("vs_parse"))
            if r.get("vs_parse_range") and vs:
                vs = f"{vs} {_range(*r['vs_parse_range'], TIMES, 1)}".strip()
        else:
            median, per, peak, vs = r["value"], "", "", ""
        lines.append(
            f"| {r['measure']} | {files} | {median} | {per} | {cpu} | {peak} "
            f"| {vs} | {_x(r.get('cpu_vs_parse'))} "
            f"| {_x(r.get('vs_cjs'), 2)} | {others} | {r.get('target', '')} "
            f"| {_mark(r.get('met'))} |"
        )
    return "\n".join(lines) + "\n"


def render_machine(info: dict[str, Any]) -> str:
    return (
        f"{info['nproc']} cores ({info['cpu']}), {info['memory_gb']} GB memory, {info['os']}; "
        f"Python {info['python']}, PyYAML {info['pyyaml']} "
        f"{'with' if info['libyaml'] else 'without'} libyaml; {info['mcqa']} "
        f"({info.get('mcqa_path', '?')}), repository at {info['commit']}"
        f"{' with uncommitted changes in src/' if info['worktree_changed'] else ''}; "
        f"{info['check_jsonschema'] or 'check-jsonschema not available'}; "
        f"bytecode cache {info.get('bytecode_cache', '?')}; {info['date']}."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated catalog sizes (default 1000,10000)"
    )
    parser.add_argument(
        "--national",
        action="store_true",
        help=f"also {generate.NATIONAL_COUNT:,} descriptors (one run each; about 12 GB of disk)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure (median kept)")
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=1,
        help="runs of each measure above 10,000 descriptors (default 1)",
    )
    parser.add_argument(
        "--startup-repeat",
        type=int,
        default=15,
        help="runs of mcqa --version and of mcqa check one-file.yaml (default 15; 0: none)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rubric", default=generate.RUBRIC)
    parser.add_argument("--mcqa", default=str(ROOT / ".venv" / "bin" / "mcqa"))
    parser.add_argument(
        "--python",
        default=str(ROOT / ".venv" / "bin" / "python"),
        help="interpreter for the bare parse (needs PyYAML with libyaml)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=DATA,
        help="where generated catalogs are kept and reused (benchmarks/.data)",
    )
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema")
    parser.add_argument(
        "--only",
        help="measure only these (parse,parse_descriptors,check_jsonschema,mcqa_j1,mcqa_j2)",
    )
    parser.add_argument(
        "--large-only",
        default="parse,mcqa_j2",
        help="measures above 10,000 descriptors (default parse,mcqa_j2; '' for all)",
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="check the report of one extra run at every size, not only 1,000",
    )
    parser.add_argument(
        "--interval", type=float, default=0.02, help="seconds between memory samples (default 0.02)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="stop any one measured run after this many seconds (reported as not finished)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="afterwards, profile one --jobs 1 run on 1,000 files (benchmarks/profile_check.py)",
    )
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="run the commands in this environment as it is, without turning "
        "Python's bytecode cache on",
    )
    parser.add_argument("--markdown", type=Path, help="write the table as Markdown here")
    parser.add_argument("--json", type=Path, help="write every figure as JSON here")
    args = parser.parse_args(argv)

    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if args.national:
        sizes.append(generate.NATIONAL_COUNT)
    peer, peer_problem = (
        (None, "skipped (--no-peer)") if args.no_peer else ensure_peer(sys.executable)
    )
    if peer_problem:
        print(f"check-jsonschema: {peer_problem}", file=sys.stderr)
    info = machine(args.python, args.mcqa, peer)
    info["bytecode_cache"] = bytecode_cache(not args.no_bytecode_cache, args.data / "pycache")
    info["load_at_start"] = os.getloadavg()
    print(render_machine(info), file=sys.stderr)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        name, data = one_complete_file(args.seed)
        one = Path(scratch) / name
        one.write_bytes(data)
        print("\n== start-up", file=sys.stderr)
        start = startup(args, one)
    results = []
    for size in sizes:
        repeat = args.repeat if size <= 10_000 else args.repeat_large
        results.append(run_size(args, size, peer, repeat=repeat))
    info["load_at_end"] = os.getloadavg()
    info["total_minutes"] = round((time.perf_counter() - started) / 60, 1)

    rows = build_rows(results, start, args.national)
    everything = [m for r in results for m in r.measures.values()] + list(start.values())
    samples = [s for m in everything for s in m.samples]
    table = render_markdown(rows)
    if samples:
        load = spread([s.load for s in samples])
        others = spread([s.others for s in samples])
        info["load_during_runs"] = [round(v, 2) for v in load]
        info["other_work_cores"] = [round(v, 2) for v in others]
        table += (
            f"\n{len(samples)} measured runs on {info['nproc']} cores. One-minute load average "
            f"when each started: median {load[0]:.1f} ({load[1]:.1f} to {load[2]:.1f}); it "
            "counts these runs too. Other work: the cores that other processes kept busy "
            "while a run lasted (`/proc/stat`, less the run's and this runner's CPU time): "
            f"median {others[0]:.2f} ({others[1]:.2f} to {others[2]:.2f}).\n"
        )
    print()
    print(render_machine(info))
    print()
    print(table)
    catalogs = [
        {
            "size": r.size,
            "folder": r.folder,
            "disk_mb": round(r.disk_bytes / 1e6, 1),
            "generated_seconds": r.manifest.get("seconds"),
            "reused": r.manifest.get("reused"),
            "files": r.manifest["descriptors"] + r.manifest["forms"],
            "manifest": {k: v for k, v in r.manifest.items() if k != "reused"},
            "verified": r.verified,
        }
        for r in results
    ]
    for c in catalogs:
        print(
            f"{c['size']:>9,} descriptors: {c['files']:,} files, {c['disk_mb']:,.0f} MB on disk, "
            f"generated in {c['generated_seconds']} s{' (reused)' if c['reused'] else ''}"
        )
    if args.markdown:
        args.markdown.write_text(f"Measured on {render_machine(info)}\n\n{table}", encoding="utf-8")
    if args.json:
        payload = {
            "machine": info,
            "targets": TARGETS,
            "peer": peer_problem or "check-jsonschema",
            "rows": rows,
            "catalogs": catalogs,
            "startup": {k: v.as_dict() for k, v in start.items()},
            "measures": [m.as_dict() for r in results for m in r.measures.values()],
        }
        args.json.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if args.profile:
        import profile_check

        print()
        return profile_check.main(
            [
                "--count",
                "1000",
                "--seed",
                str(args.seed),
                "--python",
                args.python,
                "--data",
                str(args.data),
            ]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
