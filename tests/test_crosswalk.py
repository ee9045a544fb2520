"""Crosswalks: the known frameworks, and the findings for keys and ids they do not have."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcqa._frameworks import (
    EU_ANNEX_I_MANDATORY,
    EU_ANNEX_I_OPTIONAL,
    FRAMEWORKS,
    QM_SPECIFIC_STANDARDS,
    is_local,
)
from mcqa.models.finding import Finding
from mcqa.rubrics import RubricRegistry

RUBRIC = """\
rubric_format: 1
id: crosswalk-demo
version: 1.0.0
title: Crosswalk demo
categories:
  - id: "1"
    title: Basics
    standards:
      - id: "1.1"
        title: Has a title
        text: The descriptor has a title.
        points: 3
        mode: manual
        crosswalk:
{crosswalk}
"""


ALL_QM = "the General Standards are numbered 1 to 8, and their specific standards 1.1 to 8.7"


def registry() -> RubricRegistry:
    return RubricRegistry(entry_points=False)


def check(tmp_path: Path, crosswalk: str, name: str = "demo.yaml") -> list[Finding]:
    """The findings for a one-standard rubric with the crosswalk lines given (indented)."""
    text = RUBRIC.format(
        crosswalk="\n".join(f"          {line}" for line in crosswalk.splitlines())
    )
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    _, findings = registry().check_file(path)
    return findings


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


# -- the data -----------------------------------------------------------------------------


def test_the_known_frameworks() -> None:
    assert list(FRAMEWORKS) == ["eu-annex-i", "eu-annex-ii", "unesco", "qm"]
    assert len(EU_ANNEX_I_MANDATORY) == 11
    assert len(EU_ANNEX_I_OPTIONAL) == 5
    assert FRAMEWORKS["eu-annex-i"].ids == EU_ANNEX_I_MANDATORY + EU_ANNEX_I_OPTIONAL
    assert len(FRAMEWORKS["eu-annex-ii"].ids) == 10
    assert len(FRAMEWORKS["unesco"].ids) == 4
    for framework in FRAMEWORKS.values():
        assert len(set(framework.ids)) == len(framework.ids), framework.key


def test_quality_matters_seventh_edition_numbering() -> None:
    qm = FRAMEWORKS["qm"]
    assert qm.edition == "Seventh Edition, 2023"
    assert "Higher Education Rubric" in qm.title
    assert QM_SPECIFIC_STANDARDS == {1: 9, 2: 5, 3: 6, 4: 5, 5: 4, 6: 4, 7: 4, 8: 7}
    assert len(qm.ids) == 44
    assert qm.ids[0] == "1.1"
    assert qm.ids[-1] == "8.7"
    assert {"1.9", "2.5", "3.6", "4.5", "5.4", "6.4", "7.4", "8.7"} <= set(qm.ids)
    assert not ({"1.10", "2.6", "3.7", "4.6", "5.5", "6.5", "7.5", "8.8", "9.1"} & set(qm.ids))


def test_local_framework_keys() -> None:
    assert is_local("x-suny")
    assert not is_local("x-")
    assert not is_local("suny")


def test_every_bundled_rubric_uses_only_known_ids_and_is_clean() -> None:
    reg = registry()
    sources = reg.sources()
    assert sources
    for source in sources:
        rubric, findings = reg.check_file(source.path)
        assert findings == [], f"{source.ref}: {[f.message for f in findings]}"
        assert rubric is not None
        for _, standard in rubric.iter_standards():
            for key, ids in standard.crosswalk.items():
                assert key in FRAMEWORKS or is_local(key), (source.ref, key)
                if key in FRAMEWORKS:
                    assert set(ids) <= set(FRAMEWORKS[key].ids), (source.ref, standard.id)


# -- findings ---------------------------------------------------------------------------


def test_known_frameworks_and_ids_pass(tmp_path: Path) -> None:
    crosswalk = (
        "eu-annex-i: [title, further-information]\n"
        "eu-annex-ii: [transparency]\n"
        "unesco: [focused-achievement]\n"
        'qm: ["1.1", "3.6", "8.7"]'
    )
    assert check(tmp_path, crosswalk) == []


def test_an_unknown_framework_is_an_error_at_its_key(tmp_path: Path) -> None:
    (finding,) = check(tmp_path, "eu-annex-1: [title]")
    assert finding.rule == "rubric-crosswalk"
    assert finding.severity == "error"
    assert finding.pointer == "/categories/0/standards/0/crosswalk/eu-annex-1"
    assert finding.line == line_of(tmp_path / "demo.yaml", "eu-annex-1")
    assert finding.column == 11
    assert "standard 1.1 has a crosswalk to 'eu-annex-1', a framework mcqa does not know" in (
        finding.message
    )
    assert "did you mean 'eu-annex-i'?" in finding.message
    assert "'x-'" in finding.message


def test_an_unknown_framework_without_a_close_match_lists_the_known_ones(tmp_path: Path) -> None:
    (finding,) = check(tmp_path, "suny: [stackable]")
    assert "the known frameworks are eu-annex-i, eu-annex-ii, unesco and qm" in finding.message
    assert "a key starting with 'x-', e.g. 'x-suny'" in finding.message


def test_an_unknown_eu_element_is_an_error_at_the_id(tmp_path: Path) -> None:
    (finding,) = check(tmp_path, "eu-annex-i: [title, awarding-bdy]")
    assert finding.rule == "rubric-crosswalk"
    assert finding.pointer == "/categories/0/standards/0/crosswalk/eu-annex-i/1"
    assert finding.line == line_of(tmp_path / "demo.yaml", "awarding-bdy")
    assert "'awarding-bdy' is not one of the elements of Annex I" in finding.message
    assert "did you mean 'awarding-body'?" in finding.message


def test_an_unknown_annex_ii_principle_or_unesco_part(tmp_path: Path) -> None:
    findings = check(tmp_path, "eu-annex-ii: [trust]\nunesco: [stackable-and-portable, whatever]")
    assert [f.pointer.rsplit("/crosswalk/", 1)[1] for f in findings] == [
        "eu-annex-ii/0",
        "unesco/0",
        "unesco/1",
    ]
    assert all(f.severity == "error" for f in findings)
    assert "the ids are focused-achievement" in findings[-1].message


@pytest.mark.parametrize(
    ("number", "advice"),
    [
        ("3.7", "General Standard 3 has the specific standards 3.1 to 3.6"),
        ("8.8", "General Standard 8 has the specific standards 8.1 to 8.7"),
        ("2.6", "General Standard 2 has the specific standards 2.1 to 2.5"),
        ("9.1", ALL_QM),
        ("3", "General Standard 3 has the specific standards 3.1 to 3.6"),
        ("III.1", ALL_QM),
    ],
)
def test_a_wrong_quality_matters_number_is_an_error(
    tmp_path: Path, number: str, advice: str
) -> None:
    (finding,) = check(tmp_path, f'qm: ["1.2", "{number}"]')
    assert finding.rule == "rubric-crosswalk"
    assert finding.pointer == "/categories/0/standards/0/crosswalk/qm/1"
    assert finding.message == (
        f"standard 1.1: '{number}' is not one of the specific standards of the Quality "
        f"Matters Higher Education Rubric (Seventh Edition, 2023); {advice}"
    )


def test_local_frameworks_are_not_checked(tmp_path: Path) -> None:
    assert check(tmp_path, "x-suny: [stackable, anything at all]\nx-our-policy: []") == []


def test_a_bare_local_prefix_is_not_a_framework(tmp_path: Path) -> None:
    (finding,) = check(tmp_path, "x-: [a]")
    assert "a framework mcqa does not know" in finding.message


def test_an_extending_rubric_is_checked_where_it_writes_a_crosswalk(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(RUBRIC.format(crosswalk='          qm: ["9.9"]'), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        """\
rubric_format: 1
id: child
version: 1.0.0
title: Child
extends: base.yaml
overrides:
  standards:
    "1.1": {crosswalk: {qm: ["1.1"], eu-annex-iii: [x]}}
""",
        encoding="utf-8",
    )
    _, findings = registry().check_file(child)
    located = sorted((Path(f.file or "").name, f.pointer) for f in findings)
    assert located == [
        ("base.yaml", "/categories/0/standards/0/crosswalk/qm/0"),
        ("child.yaml", "/overrides/standards/1.1/crosswalk/eu-annex-iii"),
    ]
    child_finding = next(f for f in findings if Path(f.file or "").name == "child.yaml")
    assert child_finding.line == line_of(child, "eu-annex-iii")


def test_an_inherited_crosswalk_is_reported_once_in_its_own_file(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(RUBRIC.format(crosswalk='          qm: ["9.9"]'), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        """\
rubric_format: 1
id: child
version: 1.0.0
title: Child
extends: base.yaml
overrides:
  standards:
    "1.1": {points: 2}
""",
        encoding="utf-8",
    )
    _, findings = registry().check_file(child)
    assert [(Path(f.file or "").name, f.pointer) for f in findings] == [
        ("base.yaml", "/categories/0/standards/0/crosswalk/qm/0")
    ]
