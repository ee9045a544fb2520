"""The ``readability`` check on real descriptions: what it flags, and how often wrongly.

``tests/data/readability-labelled.yaml`` points at description texts in the
public corpus beside the repository (``../shared/corpus/real``) and holds a
careful reader's judgment of every text the check flags. The texts are read
from the corpus at run time, never copied here; without the corpus these
tests are skipped.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcqa.checks import NeedsReview
from mcqa.checks.readability import MAX_CHARS, Readability, plain_text, read

from ._support import run_check

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"
LABELS = Path(__file__).resolve().parents[1] / "data" / "readability-labelled.yaml"
CHECK = Readability()
MAX_WRONG_SHARE = 0.2  # at most one flag in five may be wrong
MIN_WORDS = 20


def labels() -> list[dict[str, Any]]:
    """The labelled texts, in file order."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    texts: list[dict[str, Any]] = data["texts"]
    return texts


def label_id(entry: dict[str, Any]) -> str:
    """Where a labelled text is: ``source#pointer`` or ``source:first-last``."""
    if "pointer" in entry:
        return f"{entry['source']}#{entry['pointer']}"
    first, last = entry["lines"]
    return f"{entry['source']}:{first}-{last}"


def _resolve(data: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


def extract(entry: dict[str, Any]) -> str:
    """The text a label points at, read from the corpus."""
    path = CORPUS / entry["source"]
    content = path.read_text(encoding="utf-8")
    if "lines" in entry:
        first, last = entry["lines"]
        return "\n".join(content.splitlines()[first - 1 : last])
    if path.suffix == ".md":  # a pointer into the page's YAML front matter
        front_matter = content.removeprefix("---\n").split("\n---", 1)[0]
        text = _resolve(yaml.safe_load(front_matter), entry["pointer"])
    else:  # some published examples keep raw line breaks inside strings
        text = _resolve(json.loads(content, strict=False), entry["pointer"])
    assert isinstance(text, str), label_id(entry)
    return text


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def descriptor_fields(entry: dict[str, Any], text: str) -> dict[str, Any]:
    """The descriptor a label stands for: the text as its description, and its audience."""
    fields: dict[str, Any] = {"description": text}
    audience = entry["audience"]
    if "level" in audience:
        fields["audience"] = {"level": audience["level"]}
    if "eqf" in audience:
        fields["level"] = {"framework": "EQF", "value": audience["eqf"]}
    if "language" in entry:
        fields["language"] = entry["language"]
    return fields


def outcome(entry: dict[str, Any], text: str) -> str:
    """``warning``, ``review`` (not English), ``short`` (too few words) or ``plain``."""
    try:
        problems = run_check(CHECK, descriptor_fields(entry, text))
    except NeedsReview:
        return "review"
    assert all(p.severity in ("warning", "info") for p in problems), label_id(entry)
    if any(p.severity == "warning" for p in problems):
        return "warning"
    return "short" if read(plain_text(text[:MAX_CHARS])).words < MIN_WORDS else "plain"


@cache
def _measured() -> dict[str, str]:
    return {label_id(e): outcome(e, extract(e)) for e in labels()}


@pytest.fixture
def measured() -> dict[str, str]:
    """The outcome of every labelled text; skipped without the corpus."""
    if not CORPUS.is_dir():
        pytest.skip(f"needs the public corpus at {CORPUS} (not present beside this clone)")
    return _measured()


def flagged_labels() -> set[str]:
    return {label_id(e) for e in labels() if "judgement" in e}


def test_the_labels_are_well_formed() -> None:
    entries = labels()
    assert len({label_id(e) for e in entries}) == len(entries), "a text is listed twice"
    assert len({e["sha256"] for e in entries}) == len(entries), "the same text is listed twice"
    for entry in entries:
        where = label_id(entry)
        assert ("pointer" in entry) != ("lines" in entry), where
        assert set(entry["audience"]) <= {"level", "eqf"}, where
        assert re.fullmatch(r"[0-9a-f]{12}", entry["sha256"]), where
        assert entry.get("basis"), where
        if "judgement" in entry:
            assert entry["judgement"] in ("right", "wrong"), where
            assert len(entry.get("reason", "")) > 20, where
        else:
            assert "reason" not in entry, where


def test_the_labels_point_at_the_texts_that_were_judged(measured: dict[str, str]) -> None:
    changed = [label_id(e) for e in labels() if digest(extract(e)) != e["sha256"]]
    assert changed == [], f"the corpus changed under these labels: {changed}"


def test_the_check_flags_exactly_the_labelled_texts(measured: dict[str, str]) -> None:
    flagged = {where for where, result in measured.items() if result == "warning"}
    assert flagged - flagged_labels() == set(), "flagged but never judged"
    assert flagged_labels() - flagged == set(), "judged but no longer flagged"


def test_at_most_one_flag_in_five_is_wrong(measured: dict[str, str]) -> None:
    judged = [e["judgement"] for e in labels() if "judgement" in e]
    assert judged, "the check flags nothing: it would be useless"
    assert judged.count("wrong") / len(judged) <= MAX_WRONG_SHARE


def test_the_docstring_states_the_measured_figures(measured: dict[str, str]) -> None:
    doc = " ".join((inspect.getdoc(Readability) or "").split())
    counts = Counter(measured.values())
    judged = [e["judgement"] for e in labels() if "judgement" in e]
    wrong = judged.count("wrong")
    expected = {
        r"Of (\d+) description texts": len(measured),
        r"(\d+) went to review as not English": counts["review"],
        r"(\d+) were too short to score": counts["short"],
        r"(\d+) of the \d+ scored texts were flagged": counts["warning"],
        r"of the (\d+) scored texts": counts["warning"] + counts["plain"],
        r"judged (\d+) of the \d+ warnings wrong": wrong,
        r"judged \d+ of the (\d+) warnings wrong": len(judged),
    }
    for pattern, value in expected.items():
        match = re.search(pattern, doc)
        assert match is not None, pattern
        assert int(match.group(1)) == value, (pattern, value)
    share = re.search(r"warnings wrong \(([\d.]+) %\)", doc)
    assert share is not None
    assert float(share.group(1)) == round(100 * wrong / len(judged), 1)
