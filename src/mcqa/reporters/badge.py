"""``-f badge``: a small shields-style SVG badge for a README.

For one descriptor the badge says its decision and score against the rubric
(``mcqa-core 2.0.0 | conformant 92 %``); for a catalog, how many descriptors
are conformant (``mcqa-core 2.0.0 | 7/8 conformant``). The colour follows the
decision (the share conformant for a catalog): green, red, amber, or grey for
a descriptor that could not be read.

The SVG is self-contained (no fonts, links or scripts to fetch), labelled for
screen readers (``role="img"``, ``aria-label`` and ``<title>``), and every piece
of text in it is escaped as XML. Widths are estimated from a table of character
widths of Verdana at 11 px (the font shields-style badges are drawn in), so
the badge is byte-identical on every machine.

The badge needs the whole run, so each result contributes only a digest (its
decision and score); everything is written by :meth:`BadgeReporter.end`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from mcqa.models.report import DescriptorResult, Report, Summary
from mcqa.render.safe import printable
from mcqa.reporters._base import RenderOptions, RunInfo, render_report

__all__ = ["BadgeReporter", "badge_svg", "text_width"]

#: Colours with at least 4.5:1 contrast against white text.
COLOURS = {
    "conformant": "#2e7d32",
    "not_conformant": "#c62828",
    "pending_review": "#8a5a00",
    "error": "#555555",
    "label": "#444444",
}

# Advance widths of Verdana at 11 px, for printable ASCII (others count as "M"-wide
# minus a little: wide enough never to clip).
_ASCII = "".join(chr(c) for c in range(0x20, 0x7F))
_TABLE = (
    "3.9 4.3 5.1 9.0 7.0 11.9 8.0 3.0 5.0 5.0 7.0 9.0 4.0 5.0 4.0 5.0 "
    "7.0 7.0 7.0 7.0 7.0 7.0 7.0 7.0 7.0 7.0 5.0 5.0 9.0 9.0 9.0 6.0 "
    "11.0 7.5 7.6 7.7 8.5 7.0 6.3 8.5 8.3 4.6 5.0 7.6 6.1 9.4 8.2 8.7 "
    "6.6 8.7 7.7 7.5 6.8 8.1 7.5 11.0 7.5 6.8 7.5 5.0 5.0 5.0 9.0 7.0 "
    "7.0 6.6 6.8 5.8 6.8 6.6 3.9 6.8 7.0 3.0 3.8 6.5 3.0 10.7 7.0 6.7 "
    "6.8 6.8 4.7 5.7 4.3 7.0 6.5 9.0 6.5 6.5 5.8 7.0 5.0 7.0 9.0"
)
_WIDTHS = dict(zip(_ASCII, map(float, _TABLE.split()), strict=True))
_PADDING = 6
_MAX_CHARACTERS = 60


def text_width(text: str) -> int:
    """The width of ``text`` in Verdana 11 px, rounded up to a whole pixel.

    >>> text_width("mcqa"), text_width("") == 0
    (30, True)
    """
    total = sum(_WIDTHS.get(c, 10.0) for c in text)
    return int(-(-total // 1))


def _clip(text: str) -> str:
    text = printable(text)
    return text if len(text) <= _MAX_CHARACTERS else text[: _MAX_CHARACTERS - 1] + "…"


def badge_svg(label: str, message: str, colour: str) -> str:
    """A flat two-part badge: ``label`` on grey, ``message`` on ``colour``.

    >>> svg = badge_svg("mcqa-core 2.0.0", "conformant 92 %", COLOURS["conformant"])
    >>> svg.startswith("<svg") and 'aria-label="mcqa-core 2.0.0: conformant 92 %"' in svg
    True
    """
    # xml.sax.saxutils imports urllib.request, http and email: only when a badge is made.
    from xml.sax.saxutils import escape, quoteattr

    label, message = _clip(label), _clip(message)
    left = text_width(label) + 2 * _PADDING
    right = text_width(message) + 2 * _PADDING
    width = left + right
    title = f"{label}: {message}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" '
        f'role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        f'<rect width="{left}" height="20" fill="{COLOURS["label"]}"/>',
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>',
        '<g fill="#fff" text-anchor="middle" '
        'font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
        f'<text x="{left / 2:g}" y="14">{escape(label)}</text>',
        f'<text x="{left + right / 2:g}" y="14">{escape(message)}</text>',
        "</g>",
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _number(value: float) -> str:
    return f"{value:.0f}"


class BadgeReporter:
    """A README badge: one descriptor's decision and score, or a catalog's conformant share."""

    NAME: ClassVar[str] = "badge"
    DESCRIPTION: ClassVar[str] = "a shields-style SVG badge of the decision, for a README"
    SEPARATOR: ClassVar[str] = ""

    def render(self, report: Report, options: RenderOptions) -> str:
        return render_report(self, report, options)

    def begin(self, run: RunInfo, options: RenderOptions) -> str:
        return ""

    def result(self, result: DescriptorResult, options: RenderOptions) -> str:
        return ""

    def digest(self, result: DescriptorResult) -> Any:
        return (result.decision, result.score.percent if result.score is not None else None)

    def end(
        self, run: RunInfo, summary: Summary, digests: list[Any], options: RenderOptions
    ) -> str:
        label = f"{run.rubric.id} {run.rubric.version}"
        if len(digests) == 1:
            decision, percent = digests[0]
            message = decision.replace("_", " ")
            if percent is not None:
                message += f" {_number(percent)} %"
            return badge_svg(label, message, COLOURS[decision])
        share = summary.conformant / summary.total if summary.total else 0.0
        colour = (
            COLOURS["conformant"]
            if summary.conformant == summary.total
            else COLOURS["pending_review"]
            if share >= 0.5
            else COLOURS["not_conformant"]
        )
        return badge_svg(label, f"{summary.conformant}/{summary.total} conformant", colour)
