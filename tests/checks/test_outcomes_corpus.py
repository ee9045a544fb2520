"""How well ``measurable-outcomes`` tells measurable outcomes from vague ones, on real text.

The statements come from public documents in ``../shared/corpus/real`` beside
the repository. Their licences do not allow copying them here, so
``tests/data/outcomes-labelled.yaml`` holds only where each statement is, its
label and a short hash of its text; this module reads the statements from the
corpus at run time. A clone without ``../shared`` skips these tests.

The figures measured here are the ones written in the check's documentation
(the ``MeasurableOutcomes`` docstring, from which ``docs/checks.md`` is
generated); a test keeps the two equal.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcqa.checks.measurable_outcomes import MeasurableOutcomes

from ._support import errors, run_check

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
LABELS = Path(__file__).resolve().parents[1] / "data" / "outcomes-labelled.yaml"

CHECK = MeasurableOutcomes()

#: The least share of vague outcomes the check must fail.
RECALL_TARGET = 0.90
#: The largest share of measurable outcomes the check may fail.
FALSE_POSITIVE_TARGET = 0.05

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"needs the shared corpus of real documents at {CORPUS} (not beside this clone)",
)


# --- reading a statement out of the corpus ------------------------------------------

_LIST_MARK = re.compile(r"^(?:[-*+][ \t]*|\d+[.)][ \t]+)")
_KEY = re.compile(r'^(?:"[^"\n]*"|[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?=")')
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+(?=[A-Z])")
_CLOSING_QUOTE = re.compile(r'(?<!\\)"')


def _tidy(text: str) -> str:
    """``text`` without a leading list mark or Markdown bold marks, on one line."""
    text = text.replace("**", "").replace("__", "")
    return " ".join(_LIST_MARK.sub("", text.strip()).split())


def _pieces(text: str) -> list[str]:
    """``text`` cut at line breaks and then at sentence ends, blank pieces left out."""
    out: list[str] = []
    for line in text.splitlines():
        out.extend(p for p in _SENTENCE_END.split(line) if _tidy(p))
    return out


def _quoted(first: str, following: list[str]) -> str:
    """The double-quoted string that opens ``first``, continued on ``following`` lines."""
    text = first[1:]
    rest = iter(following)
    while (end := _CLOSING_QUOTE.search(text)) is None:
        text += " " + next(rest).strip()
    raw = text[: end.start()]
    try:
        decoded: str = json.loads(f'"{raw}"', strict=False)
    except json.JSONDecodeError:
        return raw
    return decoded


def _at_line(path: Path, line: int) -> str:
    """The text a 1-based line stands for, as the labelled set defines it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    text = _KEY.sub("", _LIST_MARK.sub("", lines[line - 1].strip()))
    if text.startswith('"'):
        return _quoted(text, lines[line:])
    return text


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def _at_pointer(path: Path, pointer: str) -> str:
    """The string at a JSON Pointer in a JSON file."""
    node: Any = json.loads(path.read_text(encoding="utf-8"), strict=False)
    for token in pointer.split("/")[1:]:
        key = _unescape(token)
        node = node[int(key)] if isinstance(node, list) else node[key]
    if not isinstance(node, str):
        raise ValueError(f"{pointer} is not a string")
    return node


def extract(entry: dict[str, Any], corpus: Path = CORPUS) -> str:
    """The statement an entry of the labelled set points at."""
    path = corpus / entry["source"]
    if "line" in entry:
        text = _at_line(path, int(entry["line"]))
    else:
        text = _at_pointer(path, str(entry["pointer"]))
    if "item" in entry:
        text = _pieces(text)[int(entry["item"])]
    return _tidy(text)


def short_hash(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --- the labelled set and what the check makes of it --------------------------------


@dataclass(frozen=True)
class Labelled:
    entry: dict[str, Any]
    statement: str
    vague: bool
    failed: bool


@cache
def entries() -> tuple[dict[str, Any], ...]:
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    return tuple(data["statements"])


def fails(statement: str) -> bool:
    """Whether the check fails a one-outcome English descriptor with ``statement``."""
    problems = run_check(CHECK, {"language": "en", "learning_outcomes": [statement]})
    return bool(errors(problems))


@cache
def judged() -> tuple[Labelled, ...]:
    out = []
    for entry in entries():
        statement = extract(entry)
        out.append(Labelled(entry, statement, entry["label"] == "vague", fails(statement)))
    return tuple(out)


@dataclass(frozen=True)
class Figures:
    size: int
    vague: int
    vague_failed: int
    measurable: int
    measurable_failed: int
    sources: int

    @property
    def recall(self) -> float:
        return self.vague_failed / self.vague

    @property
    def false_positive_rate(self) -> float:
        return self.measurable_failed / self.measurable


def measure() -> Figures:
    rows = judged()
    vague = [r for r in rows if r.vague]
    measurable = [r for r in rows if not r.vague]
    return Figures(
        size=len(rows),
        vague=len(vague),
        vague_failed=sum(r.failed for r in vague),
        measurable=len(measurable),
        measurable_failed=sum(r.failed for r in measurable),
        sources=len({r.entry["source"].split("/")[0] for r in rows}),
    )


def percent(value: float) -> str:
    """A share as the documentation writes it: one decimal, e.g. ``95.2``."""
    return f"{100 * value:.1f}"


# --- the tests ------------------------------------------------------------------------


def test_the_labelled_set_is_large_varied_and_well_formed() -> None:
    rows = entries()
    assert len(rows) >= 150
    assert sum(r["label"] == "vague" for r in rows) >= 25
    assert len({r["source"].split("/")[0] for r in rows}) >= 6
    for row in rows:
        assert row["label"] in ("measurable", "vague"), row
        assert ("line" in row) != ("pointer" in row), row
        assert re.fullmatch(r"[0-9a-f]{12}", row["sha256"]), row
        assert not Path(row["source"]).is_absolute() and ".." not in Path(row["source"]).parts
        if row["label"] == "vague":
            assert str(row.get("reason", "")).strip(), row
    places = [(r["source"], r.get("line"), r.get("pointer"), r.get("item")) for r in rows]
    assert len(places) == len(set(places)), "a statement is listed twice"


def test_each_statement_is_still_where_the_set_says() -> None:
    drifted = [
        (r["source"], r.get("line", r.get("pointer")), r.get("item"), extract(r))
        for r in entries()
        if short_hash(extract(r)) != r["sha256"]
    ]
    assert drifted == []


def test_the_check_fails_nearly_every_vague_outcome() -> None:
    figures = measure()
    missed = [r.statement for r in judged() if r.vague and not r.failed]
    assert figures.recall >= RECALL_TARGET, missed


def test_the_check_rarely_fails_a_measurable_outcome() -> None:
    figures = measure()
    wrong = [r.statement for r in judged() if not r.vague and r.failed]
    assert figures.false_positive_rate <= FALSE_POSITIVE_TARGET, wrong


_DOCUMENTED = re.compile(
    r"labelled set of (?P<size>\d+) outcome statements from (?P<sources>\d+) public sources"
    r".*?fails (?P<vague_failed>\d+) of the (?P<vague>\d+) vague ones "
    r"\((?P<recall>[\d.]+) %\).*?fails (?P<measurable_failed>\d+) of the "
    r"(?P<measurable>\d+) measurable ones \((?P<fpr>[\d.]+) %\)",
    re.DOTALL,
)


def test_the_documented_figures_are_the_measured_ones() -> None:
    doc = " ".join((inspect.getdoc(MeasurableOutcomes) or "").split())
    found = _DOCUMENTED.search(doc)
    assert found is not None, "the docstring does not state the measured figures"
    figures = measure()
    documented = found.groupdict()
    assert documented == {
        "size": str(figures.size),
        "sources": str(figures.sources),
        "vague_failed": str(figures.vague_failed),
        "vague": str(figures.vague),
        "recall": percent(figures.recall),
        "measurable_failed": str(figures.measurable_failed),
        "measurable": str(figures.measurable),
        "fpr": percent(figures.false_positive_rate),
    }
