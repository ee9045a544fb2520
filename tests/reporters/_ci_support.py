"""What the format tests share: the example report, streaming by hand, golden files, hostile text.

Golden files live in ``tests/reporters/golden/``. A test compares a format's
output with its golden file byte for byte; run the tests with
``MCQA_UPDATE_GOLDEN=1`` to write the files anew (then read the difference
before committing it). The example report is rendered with the tool version
set to ``0.0.0``, so that a new release of mcqa does not change the files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest

import mcqa
from mcqa.models.report import DescriptorResult, Report, ToolInfo
from mcqa.models.rubric import Rubric
from mcqa.reporters._base import RenderOptions, RunInfo, StreamingReporter, summary_of

__all__ = [
    "GOLDEN",
    "ROOT",
    "TODAY",
    "assert_golden",
    "assert_no_raw_controls",
    "example_report",
    "hostile_catalog",
    "report_of",
    "streamed",
]

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
TODAY = dt.date(2026, 12, 1)

_EXAMPLE: list[Report] = []


def example_report() -> Report:
    """The example catalog checked as the README shows (built once, from the repository root)."""
    if not _EXAMPLE:
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(ROOT)
            report = mcqa.check_folder(
                "examples/catalog", config="examples/.mcqa.yaml", today=TODAY
            )
        _EXAMPLE.append(report.model_copy(update={"tool": ToolInfo(version="0.0.0")}))
    return _EXAMPLE[0]


def report_of(results: list[DescriptorResult], like: Report | None = None) -> Report:
    """A report of ``results`` with the example report's tool and rubric."""
    base = like or example_report()
    return Report(
        tool=base.tool, rubric=base.rubric, results=tuple(results), summary=summary_of(results)
    )


def streamed(
    reporter: StreamingReporter,
    results: list[DescriptorResult],
    options: RenderOptions,
    *,
    like: Report | None = None,
    standard: Rubric | None = None,
) -> str:
    """What ``mcqa check`` writes: begin, each result with separators, end (digests kept)."""
    base = like or example_report()
    run = RunInfo(tool=base.tool, rubric=base.rubric, standard=standard)
    parts: list[str] = []
    digests: list[Any] = []
    for result in results:
        parts.append(reporter.SEPARATOR if digests else reporter.begin(run, options))
        parts.append(reporter.result(result, options))
        digests.append(reporter.digest(result))
    if not digests:
        parts.append(reporter.begin(run, options))
    parts.append(reporter.end(run, summary_of(results), digests, options))
    return "".join(parts)


def assert_golden(name: str, text: str) -> None:
    """``text`` is the golden file ``name``, byte for byte (``MCQA_UPDATE_GOLDEN=1`` rewrites it)."""
    path = GOLDEN / name
    if os.environ.get("MCQA_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"{path} is missing: run the tests with MCQA_UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, (
        f"{name} differs from its golden file (MCQA_UPDATE_GOLDEN=1 rewrites it)"
    )


_RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_COMMAND = re.compile(r"^\s*(::|##)")


def assert_no_raw_controls(output: str) -> None:
    """No raw control, line-breaking or direction-changing character; no line a CI runner obeys."""
    found = _RAW_CONTROL.search(output)
    assert found is None, f"raw {found.group(0)!r} in the output" if found else ""
    for line in output.split("\n"):
        assert not _COMMAND.match(line), f"a line reads as a CI command: {line!r}"


HOSTILE = (
    r'"Understand \e[2J\e[31mred\r::error file=README.md::forged\n'
    r'##vso[task.setvariable variable=x]1\n::warning::w \u202eevil\x85 \x9b31m"'
)


def hostile_catalog(folder: Path) -> Path:
    """A copy of an example descriptor whose text holds ANSI escapes, CRs and CI commands.

    The outcome the measurable-outcomes check quotes, the awarding body that
    the placeholder check quotes and an unknown key all carry them, and the
    file itself is named like a GitHub Actions command.
    """
    source = (ROOT / "examples/catalog/project-management-basics.yaml").read_text("utf-8")
    source = source.replace(
        "statement: Understand the project life cycle and the role of a project manager.",
        "statement: " + HOSTILE,
    )
    source = source.replace(
        "name: Coastal Plains Institute of Technology",
        'name: "TBD\\r::error file=README.md::forged"',
    )
    source += '"\\e[2J::error::key\\r##[group]x": 1\n'
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "::error file=README.md::forged.yaml").write_text(source, encoding="utf-8")
    return folder
