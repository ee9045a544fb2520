"""Semantic versions and npm-style ranges: ``mcqa._semver``."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcqa._semver import (
    compare_versions,
    is_valid_range,
    is_version,
    newest_matching,
    sort_versions,
)

VERSIONS = [
    "0.1.0",
    "0.2.3",
    "0.2.9",
    "0.3.0",
    "1.0.0",
    "1.2.0",
    "1.2.5",
    "1.3.0",
    "1.10.0",
    "2.0.0-rc.1",
    "2.0.0",
    "2.1.0-rc.1",
]


# -- newest_matching ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("range_text", "expected"),
    [
        # exact versions
        ("1.2.0", "1.2.0"),
        ("0.2.3", "0.2.3"),
        ("2.0.0", "2.0.0"),
        ("1.4.0", None),
        # caret: same major (1.10 is newer than 1.2: numeric, not text, order)
        ("^1", "1.10.0"),
        ("^1.2", "1.10.0"),
        ("^1.3.0", "1.10.0"),
        ("^2", "2.0.0"),
        ("^3", None),
        # caret below 1.0.0, npm semantics: the left-most non-zero part is fixed
        ("^0", "0.3.0"),
        ("^0.2", "0.2.9"),
        ("^0.2.3", "0.2.9"),
        ("^0.1.0", "0.1.0"),
        ("^0.0.1", None),
        # tilde: same minor
        ("~1.2", "1.2.5"),
        ("~1.2.1", "1.2.5"),
        ("~1", "1.10.0"),
        ("~0.2", "0.2.9"),
        # comparator sets
        (">=1.0 <2", "1.10.0"),
        (">=1.0.0 <1.3.0", "1.2.5"),
        (">1.2.5 <=1.3.0", "1.3.0"),
        ("<1.0.0 >2.0.0", None),
        # x-ranges and wildcard
        ("1.x", "1.10.0"),
        ("1.2.x", "1.2.5"),
        ("0.x", "0.3.0"),
        ("*", "2.0.0"),
        # an OR of ranges
        ("^0.2 || ~1.2", "1.2.5"),
    ],
)
def test_newest_matching(range_text: str, expected: str | None) -> None:
    assert newest_matching(VERSIONS, range_text) == expected


def test_newest_matching_does_not_depend_on_input_order() -> None:
    shuffled = list(reversed(VERSIONS))
    assert newest_matching(shuffled, "^1") == "1.10.0"
    assert newest_matching(shuffled, "*") == "2.0.0"


@pytest.mark.parametrize("range_text", ["*", ">=2", "^2", "2.x", ">=1.0.0", "~2.1"])
def test_pre_releases_do_not_match_ranges_that_do_not_name_one(range_text: str) -> None:
    assert newest_matching(["2.1.0-rc.1"], range_text) is None
    found = newest_matching(VERSIONS, range_text)
    assert found is None or "-" not in found


@pytest.mark.parametrize(
    ("range_text", "expected"),
    [
        ("2.1.0-rc.1", "2.1.0-rc.1"),
        (">=2.1.0-rc.0", "2.1.0-rc.1"),
        ("^2.1.0-rc.0", "2.1.0-rc.1"),
        ("2.0.0-rc.1", "2.0.0-rc.1"),
        # a pre-release in the range only admits pre-releases of that same x.y.z
        (">=2.0.0-rc.0 <2.0.0", "2.0.0-rc.1"),
    ],
)
def test_pre_releases_match_ranges_that_name_one(range_text: str, expected: str) -> None:
    assert newest_matching(VERSIONS, range_text) == expected


def test_a_pre_release_in_a_range_admits_only_pre_releases_of_its_own_version() -> None:
    # 2.1.0-rc.1 is above 2.0.0-rc.0, but it is a pre-release of another version.
    assert newest_matching(["2.0.0-rc.1", "2.1.0-rc.1"], ">=2.0.0-rc.0") == "2.0.0-rc.1"


def test_newest_matching_ignores_text_that_is_not_a_version() -> None:
    assert newest_matching(["latest", "1.0", "1.2.0", "v2.0.0"], "*") == "1.2.0"
    assert newest_matching([], "*") is None
    assert newest_matching(["latest"], "*") is None


# -- is_valid_range / is_version -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["1.2.0", "1.0.0-rc.1", "^1", "^0.2.3", "~1.2", ">=1.0 <2", "1.x", "*", "1 - 2", "^1 || ^2"],
)
def test_valid_ranges(text: str) -> None:
    assert is_valid_range(text) is True


@pytest.mark.parametrize(
    "text", ["^^1", "banana", "1.2.3.4", ">=1 <", "=>1", "1..2", "01.2.3", "latest"]
)
def test_invalid_ranges(text: str) -> None:
    assert is_valid_range(text) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.2.0", True),
        ("0.0.0", True),
        ("1.0.0-rc.1", True),
        ("1.0.0-alpha.beta+build.7", True),
        ("1.0", False),
        ("1", False),
        ("01.0.0", False),
        ("v1.0.0", False),
        ("^1", False),
        ("latest", False),
        ("", False),
    ],
)
def test_is_version(text: str, expected: bool) -> None:
    assert is_version(text) is expected


# -- sort_versions / compare_versions -----------------------------------------------------


def test_sort_versions_is_numeric_not_textual() -> None:
    assert sort_versions(["1.10.0", "1.2.0", "1.9.0", "10.0.0", "2.0.0"]) == [
        "1.2.0",
        "1.9.0",
        "1.10.0",
        "2.0.0",
        "10.0.0",
    ]


def test_sort_versions_follows_semver_precedence_for_pre_releases() -> None:
    # The example order from semver.org, section 11, shuffled.
    expected = [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.2.0",
        "1.10.0",
    ]
    shuffled = [expected[i] for i in (9, 3, 7, 0, 5, 8, 1, 6, 4, 2)]
    assert sort_versions(shuffled) == expected


def test_sort_versions_returns_a_new_list() -> None:
    versions = ["2.0.0", "1.0.0"]
    assert sort_versions(versions) == ["1.0.0", "2.0.0"]
    assert versions == ["2.0.0", "1.0.0"]
    assert sort_versions(iter(versions)) == ["1.0.0", "2.0.0"]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("1.2.0", "1.10.0", -1),
        ("1.10.0", "1.2.0", 1),
        ("1.0.0", "1.0.0", 0),
        ("1.0.0-rc.1", "1.0.0", -1),
        ("1.0.0-rc.2", "1.0.0-rc.10", -1),
        ("2.0.0-alpha", "1.99.99", 1),
    ],
)
def test_compare_versions(left: str, right: str, expected: int) -> None:
    assert compare_versions(left, right) == expected


# -- properties -------------------------------------------------------------------------

releases = st.builds(
    lambda major, minor, patch: f"{major}.{minor}.{patch}",
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 30),
)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@given(st.lists(releases, min_size=1, max_size=20))
def test_sort_versions_agrees_with_numeric_tuples(versions: list[str]) -> None:
    assert sort_versions(versions) == sorted(versions, key=_key)


@given(st.lists(releases, min_size=1, max_size=20), st.integers(1, 30))
def test_caret_major_picks_the_newest_of_that_major(versions: list[str], major: int) -> None:
    same_major = [v for v in versions if _key(v)[0] == major]
    expected = max(same_major, key=_key) if same_major else None
    assert newest_matching(versions, f"^{major}") == expected


@given(st.lists(releases, min_size=1, max_size=20))
def test_star_and_exact_versions(versions: list[str]) -> None:
    assert newest_matching(versions, "*") == max(versions, key=_key)
    for version in versions:
        assert newest_matching(versions, version) == version


_VERSION = st.builds(
    lambda major, minor, patch, pre: f"{major}.{minor}.{patch}{pre}",
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, 3),
    st.sampled_from(
        [
            "",
            "-rc.1",
            "-rc.2",
            "-rc.10",
            "-alpha",
            "-alpha.1",
            "-alpha.beta",
            "-beta.11",
            "-2",
            "-x-y",
            "+build.7",
            "-rc.1+build.8",
        ]
    ),
)


@given(versions=st.lists(_VERSION, max_size=8), wanted=_VERSION)
def test_an_exact_version_is_matched_as_npm_matches_it(versions: list[str], wanted: str) -> None:
    """One version asked for is found without the range parser, with npm's answer."""
    import nodesemver

    expected = nodesemver.max_satisfying(versions, wanted, loose=False) if versions else None
    assert newest_matching(versions, wanted) == (str(expected) if expected else None)


@given(versions=st.lists(_VERSION, max_size=8))
def test_versions_sort_as_npm_orders_them(versions: list[str]) -> None:
    import nodesemver

    ordered = sort_versions(versions)
    assert sorted(ordered) == sorted(versions)
    for older, newer in itertools.pairwise(ordered):
        assert nodesemver.compare(older, newer, False) <= 0
