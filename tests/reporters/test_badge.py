"""``-f badge``: a README badge that says the decision, escaped, labelled and the same everywhere."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import mcqa
from mcqa.reporters import RenderOptions
from mcqa.reporters.badge import COLOURS, BadgeReporter, badge_svg, text_width
from tests.test_check_cli import EXAMPLE_ARGS, invoke

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 12, 1)
SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == root.get("aria-label")
    return root


def test_a_catalog_badge_counts_the_conformant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = mcqa.check_folder("examples/catalog", config="examples/.mcqa.yaml", today=TODAY)
    svg = BadgeReporter().render(report, RenderOptions())
    root = parsed(svg)
    total, conformant = report.summary.total, report.summary.conformant
    assert root.get("aria-label") == f"mcqa-core 2.0.0: {conformant}/{total} conformant"
    assert COLOURS["not_conformant"] in svg  # 1 of 8


def test_one_descriptor_badge_gives_decision_and_score(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    report = mcqa.check_folder(
        "examples/catalog/intro-python-programming.yaml", config="examples/.mcqa.yaml", today=TODAY
    )
    [only] = report.results
    svg = BadgeReporter().render(report, RenderOptions())
    label = parsed(svg).get("aria-label")
    assert label == f"mcqa-core 2.0.0: not conformant {only.score.percent:.0f} %"  # type: ignore[union-attr]
    assert COLOURS["not_conformant"] in svg


def test_text_is_escaped_and_clipped() -> None:
    svg = badge_svg('<script>"x"&', "\x1b[31mred\x1b[0m " + "w" * 200, "#000")
    root = parsed(svg)
    assert "<script>" not in svg and "\x1b" not in svg
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert texts[0] == '<script>"x"&'
    assert len(texts[1]) == 60 and texts[1].endswith("…")


def test_widths_grow_with_the_text() -> None:
    assert text_width("conformant 100 %") > text_width("conformant 9 %") > 0
    short = parsed(badge_svg("a", "b", "#000"))
    long = parsed(badge_svg("a much longer label", "b", "#000"))
    assert int(long.get("width", "0")) > int(short.get("width", "0"))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("name", sorted(COLOURS))
def test_white_text_has_enough_contrast_on_every_colour(name: str) -> None:
    ratio = (1.0 + 0.05) / (_luminance(COLOURS[name]) + 0.05)
    assert ratio >= 4.5, (name, ratio)


def test_mcqa_check_writes_the_badge_beside_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    target = tmp_path / "badge.svg"
    result = invoke([*EXAMPLE_ARGS, "-f", "text", "-f", f"badge:{target}", "--jobs", "2"])
    assert result.exit_code == 1
    first = target.read_text(encoding="utf-8")
    invoke([*EXAMPLE_ARGS, "-f", f"badge:{target}", "--jobs", "1"])
    assert target.read_text(encoding="utf-8") == first
    parsed(first)
