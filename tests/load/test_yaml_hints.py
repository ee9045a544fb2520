"""YAML mistakes explained in words a reviewer or a catalog editor can act on.

Each mistake is shown in a review form and in a descriptor: where the finding points
(line and column, 1-based, as an editor shows them), the words of the hint, and, when
the hint suggests a corrected line, that the line loads as what was meant.
"""

from __future__ import annotations

import re
import time
from typing import Any, ClassVar

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mcqa.load._yaml as yaml_loader
from mcqa.load import HAVE_LIBYAML, load_text
from mcqa.load._yaml import CORE_RESOLVERS, syntax_hint
from mcqa.models import Finding

LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class _PythonLoader(yaml.SafeLoader):
    """The pure-Python parser with mcqa's YAML 1.2 resolvers, as used without libyaml."""

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}


for _tag, _regexp, _first in CORE_RESOLVERS:
    _PythonLoader.add_implicit_resolver(_tag, _regexp, _first)


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with both parsers: their words differ, the hints must not."""
    if request.param == "python":
        monkeypatch.setattr(yaml_loader, "_CoreSchemaLoader", _PythonLoader)
    elif not HAVE_LIBYAML:
        pytest.skip("libyaml is not installed")
    return str(request.param)


def syntax_error(text: str) -> Finding:
    """The one finding of a file that is not valid YAML."""
    doc = load_text(text, path="f.yaml")
    assert doc.data is None
    (finding,) = doc.findings
    assert finding.rule == "yaml-syntax"
    assert finding.severity == "error"
    assert finding.message.startswith("this is not valid YAML: ")
    return finding


def where(finding: Finding) -> tuple[int | None, int | None]:
    return finding.line, finding.column


def suggested(message: str, after: str) -> str:
    """The corrected line a message suggests after ``after``."""
    _, found, line = message.partition(after)
    assert found, message
    return line


def loads(line: str) -> Any:
    doc = load_text(line + "\n")
    assert doc.findings == (), doc.findings
    return doc.data


def keeps_parser_words(finding: Finding) -> bool:
    return "(YAML: " in finding.message


# -- 1. a colon inside an unquoted value ----------------------------------------------------


FORM_COLON = """\
standards:
  "2.2":
    verdict: met
    comment: Good: names a role
"""


def test_colon_in_a_form_value() -> None:
    finding = syntax_error(FORM_COLON)
    assert where(finding) == (4, 18)
    assert finding.message == (
        "this is not valid YAML: this value holds ': ', which YAML reads as a new key; "
        'put the whole value in quotes: comment: "Good: names a role"'
    )
    assert loads(suggested(finding.message, "quotes: ")) == {"comment": "Good: names a role"}
    assert not keeps_parser_words(finding)


def test_colon_in_a_descriptor_value() -> None:
    finding = syntax_error("id: data-101\ntitle: Data literacy: the basics\n")
    assert where(finding) == (2, 21)
    assert "holds ': '" in finding.message
    fixed = suggested(finding.message, "quotes: ")
    assert fixed == 'title: "Data literacy: the basics"'
    assert loads(fixed) == {"title": "Data literacy: the basics"}


def test_colon_in_a_list_item_keeps_its_key() -> None:
    text = "learning_outcomes:\n  - statement: Explain: what a data type is\n"
    finding = syntax_error(text)
    assert where(finding) == (2, 23)
    fixed = suggested(finding.message, "quotes: ")
    assert fixed == '- statement: "Explain: what a data type is"'
    assert loads(fixed) == [{"statement": "Explain: what a data type is"}]


def test_a_value_ending_in_a_colon() -> None:
    finding = syntax_error("    comment: Weak outcomes:\n")
    assert where(finding) == (1, 27)
    assert "this value ends with ':'" in finding.message
    assert loads(suggested(finding.message, "quotes: ")) == {"comment": "Weak outcomes:"}


def test_a_value_holding_quotes_is_suggested_in_single_quotes() -> None:
    finding = syntax_error('comment: The "verdict" field: too vague\n')
    fixed = suggested(finding.message, "quotes: ")
    assert fixed == "comment: 'The \"verdict\" field: too vague'"
    assert loads(fixed) == {"comment": 'The "verdict" field: too vague'}


def test_a_long_value_is_shortened_in_the_suggestion() -> None:
    words = "Good: the outcomes name what a learner does, " * 4
    finding = syntax_error(f"comment: {words}\n")
    fixed = suggested(finding.message, "quotes: ")
    assert fixed.startswith('comment: "Good: the outcomes name what a learner does')
    assert fixed.endswith('..."')
    assert len(fixed) <= 72


def test_a_colon_in_text_running_over_lines() -> None:
    text = (
        "standards:\n"
        '  "2.2":\n'
        "    comment: The outcomes are clear\n"
        "      but outcome 3: too broad\n"
    )
    finding = syntax_error(text)
    assert where(finding) == (4, 20)
    assert "this text holds ': '" in finding.message
    assert "the whole value of 'comment' (line 3) in quotes" in finding.message
    assert "'>'" in finding.message


# -- 2. a key indented differently from its siblings -----------------------------------------


def test_a_form_key_indented_deeper_than_its_sibling() -> None:
    text = 'standards:\n  "2.2":\n    verdict: met\n      comment: Good\n'
    finding = syntax_error(text)
    assert where(finding) == (4, 14)
    assert finding.message.startswith(
        "this is not valid YAML: 'comment' is indented 2 spaces more than 'verdict' on "
        "line 3, so YAML reads it as more of the value of 'verdict'; indent it exactly "
        "like 'verdict' (YAML: mapping values are not allowed"
    )


def test_a_form_key_indented_less_than_its_sibling() -> None:
    text = 'standards:\n  "2.2":\n      verdict: met\n    comment: Good\n'
    finding = syntax_error(text)
    assert where(finding) == (4, 5)
    assert finding.message.startswith(
        "this is not valid YAML: 'comment' is indented 4 spaces, 2 spaces less than "
        "'verdict' on line 3; keys of one mapping must start in the same column: indent "
        "them alike (YAML: "
    )


def test_a_descriptor_key_indented_deeper_than_its_sibling() -> None:
    finding = syntax_error("id: d1\ntitle: Data literacy\n  language: en\n")
    assert where(finding) == (3, 11)
    assert "'language' is indented 2 spaces more than 'title' on line 2" in finding.message


def test_a_descriptor_key_indented_one_space_too_little() -> None:
    finding = syntax_error("issuer:\n  name: Example University\n country: GB\n")
    assert where(finding) == (3, 2)
    assert "'country' is indented 1 space, 1 space less than 'name' on line 2" in (finding.message)
    assert keeps_parser_words(finding)


def test_the_sibling_is_the_nearest_deeper_key_not_the_last_line() -> None:
    text = (
        'standards:\n  "2.2":\n    verdict: met\n    evidence:\n      - https://a.example\n'
        "   comment: Good\n"
    )
    finding = syntax_error(text)
    assert where(finding) == (6, 4)
    assert "'comment' is indented 3 spaces, 1 space less than 'evidence' on line 4" in (
        finding.message
    )


def test_a_key_lined_up_with_the_dash_of_a_list_item() -> None:
    text = "learning_outcomes:\n  - statement: Clean a data set\n  bloom_level: apply\n"
    finding = syntax_error(text)
    assert where(finding) == (3, 3)
    assert (
        "'bloom_level' lines up with the '- ' on line 2, so YAML expects another list item "
        "here; to put it in that item, indent it 2 spaces more, to line up with 'statement'"
    ) in finding.message


def test_a_key_one_space_short_of_its_list_item() -> None:
    text = "learning_outcomes:\n  - statement: Clean a data set\n   bloom_level: apply\n"
    finding = syntax_error(text)
    assert where(finding) == (3, 4)
    assert "'bloom_level' is indented 3 spaces, 1 space less than 'statement' on line 2" in (
        finding.message
    )


# -- 3. a comment wrapped onto a second line without its '#' --------------------------------


def test_a_wrapped_comment_in_a_form() -> None:
    text = (
        "standards:\n"
        "  # 2.2 Outcomes are measurable (3 points;\n"
        "  manual)\n"
        '  "2.2":\n'
        "    verdict: met\n"
    )
    finding = syntax_error(text)
    assert where(finding) == (3, 3)
    assert finding.message == (
        "this is not valid YAML: this line looks like the rest of the comment on line 2; "
        "start it with # too"
    )
    fixed = text.replace("  manual)", "  # manual)")
    assert load_text(fixed).data == {"standards": {"2.2": {"verdict": "met"}}}


def test_a_wrapped_comment_after_a_value_in_a_form() -> None:
    text = (
        'standards:\n  "2.2":\n'
        "    verdict:         # met | not_met |\n"
        "    not_applicable\n"
        "    comment: Good\n"
    )
    finding = syntax_error(text)
    assert where(finding) == (4, 5)
    assert "the rest of the comment on line 3; start it with # too" in finding.message


def test_a_wrapped_comment_in_a_descriptor() -> None:
    finding = syntax_error("# The title, as the catalog\nshows it\ntitle: Data literacy\n")
    assert where(finding) == (2, 1)
    assert "the rest of the comment on line 1" in finding.message


def test_a_wrapped_end_of_line_comment_in_a_descriptor() -> None:
    text = "title: Data literacy  # as the catalog\n  shows it\nid: d1\n"
    finding = syntax_error(text)
    assert where(finding) == (2, 3)
    assert "the rest of the comment on line 1" in finding.message


def test_text_without_a_key_that_continues_the_value_above() -> None:
    text = "comment: The outcomes are clear\nbut the assessment is weak\nverdict: met\n"
    finding = syntax_error(text)
    assert where(finding) == (2, 1)
    assert (
        "this line holds text but no key; if it continues the value of 'comment' on line 1, "
        "indent it more than 'comment'"
    ) in finding.message


# -- 4. yes, no, on, off: text, not a syntax error ----------------------------------------------


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "Yes", "NO"])
def test_yes_and_no_stay_text(word: str) -> None:
    doc = load_text(f'standards:\n  "2.2":\n    verdict: {word}\n')
    assert doc.findings == ()
    assert doc.data["standards"]["2.2"]["verdict"] == word


# -- 5. tabs, quotes, colons without a space, list items, '#' --------------------------------


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('standards:\n  "2.2":\n\tverdict: met\n', 3),
        ("issuer:\n\tname: Example University\n", 2),
    ],
)
def test_a_tab_in_the_indentation(text: str, line: int) -> None:
    finding = syntax_error(text)
    assert where(finding) == (line, 1)
    assert finding.message == (
        "this is not valid YAML: this line is indented with a tab, which YAML does not "
        "allow; indent with spaces, not tabs"
    )


def test_an_unclosed_quote_in_a_form_points_where_it_opens() -> None:
    text = (
        'standards:\n  "2.2":\n    verdict: met\n    comment: "Good work\n'
        '  "2.3":\n    verdict: met\n'
    )
    finding = syntax_error(text)
    assert where(finding) == (4, 14)  # the quote of "2.3" on line 5 closed it
    assert finding.message == (
        'this is not valid YAML: this " is not closed on its line, so YAML reads on to the '
        'next ", on line 5; close it on this line'
    )


def test_an_unclosed_quote_in_a_descriptor_points_where_it_opens() -> None:
    finding = syntax_error('id: d1\ntitle: "Data literacy\nlanguage: en\n')
    assert where(finding) == (2, 8)
    assert finding.message == (
        'this is not valid YAML: this " opens a quoted value that is never closed, so YAML '
        'reads on to the end of the file looking for its end; close it with " on this line'
    )


def test_an_unclosed_quote_closed_by_a_later_one() -> None:
    text = 'standards:\n  "2.2":\n    comment: "Good work\n    recommendation: "More cases"\n'
    finding = syntax_error(text)
    assert where(finding) == (3, 14)
    assert finding.message == (
        'this is not valid YAML: this " is not closed on its line, so YAML reads on to the '
        'next ", on line 4; close it on this line'
    )


@pytest.mark.parametrize(
    ("text", "position", "fixed", "meant"),
    [
        (
            'standards:\n  "2.2":\n    verdict:met\n    comment: Good\n',
            (3, 12),
            "verdict: met",
            {"verdict": "met"},
        ),
        ("id:d1\ntitle: Data literacy\n", (1, 3), "id: d1", {"id": "d1"}),
        (
            'standards:\n  "2.2":\n    comment: Good\n    verdict:met\n',
            (4, 12),
            "verdict: met",
            {"verdict": "met"},
        ),
    ],
)
def test_a_missing_space_after_the_colon(
    text: str, position: tuple[int, int], fixed: str, meant: dict[str, str]
) -> None:
    finding = syntax_error(text)
    assert where(finding) == position
    assert finding.message == f"this is not valid YAML: put a space after the colon: {fixed}"
    assert loads(fixed) == meant


def test_a_list_item_indented_less_than_the_one_before() -> None:
    text = "learning_outcomes:\n  - Clean a data set\n - Explain a chart\n"
    finding = syntax_error(text)
    assert where(finding) == (3, 2)
    assert (
        "this list item is indented 1 space, 1 space less than the list item on line 2; "
        "items of one list must start in the same column"
    ) in finding.message


def test_a_list_item_among_the_keys_of_a_form() -> None:
    text = 'standards:\n  "2.2":\n    evidence: https://a.example\n    - https://b.example\n'
    finding = syntax_error(text)
    assert where(finding) == (4, 5)
    assert (
        "this list item cannot follow 'evidence' on line 3, which already has a value; "
        "to give 'evidence' a list, leave nothing after its colon"
    ) in finding.message


def test_a_list_started_on_the_line_of_its_key() -> None:
    finding = syntax_error("evidence: - https://a.example\n")
    assert where(finding) == (1, 11)
    assert "a list cannot start on the same line as its key" in finding.message
    assert loads(suggested(finding.message, "in quotes: ")) == {"evidence": "- https://a.example"}


def test_a_list_item_indented_under_the_one_before_is_a_warning() -> None:
    text = "learning_outcomes:\n  - Clean a data set\n    - Explain a chart\n"
    doc = load_text(text)
    assert doc.data == {"learning_outcomes": ["Clean a data set - Explain a chart"]}
    (finding,) = doc.findings
    assert (finding.rule, finding.severity) == ("yaml-list-item-in-text", "warning")
    assert (finding.line, finding.column, finding.pointer) == (3, 5, "/learning_outcomes/0")
    assert "joins it to that item's text" in finding.message
    assert "line its '- ' up with the one on line 2" in finding.message


def test_a_list_written_under_a_text_value_is_a_warning() -> None:
    text = 'standards:\n  "2.2":\n    comment: Weak points\n      - no rubric\n'
    doc = load_text(text)
    assert doc.data["standards"]["2.2"]["comment"] == "Weak points - no rubric"
    (finding,) = doc.findings
    assert finding.rule == "yaml-list-item-in-text"
    assert (finding.line, finding.column) == (4, 7)
    assert "put '|' after the key's colon" in finding.message


def test_text_folded_by_a_yaml_library_is_not_a_list_item() -> None:
    # A YAML library folds long text after a line of 80 characters, maybe before a '- '.
    dumped = (yaml.safe_dump({"t": "x " * n + "- y " + "z " * 30 + "end"}) for n in range(80))
    text = next(text for text in dumped if "\n  - y" in text)
    assert load_text(text).findings == ()


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ('standards:\n  "2.2":\n    comment: "Good work""\n', (3, 25)),
        ('id: d1\ntitle: "Data literacy""\n', (2, 23)),
    ],
)
def test_a_stray_quote_after_a_quoted_value(text: str, position: tuple[int, int]) -> None:
    finding = syntax_error(text)
    assert where(finding) == position
    assert "comes after the end of the quoted value" in finding.message
    assert finding.message.endswith("; delete it")


def test_a_stray_quote_at_the_end_of_a_value_with_a_colon_is_left_out() -> None:
    finding = syntax_error('comment: Good: names a role"\n')
    assert loads(suggested(finding.message, "quotes: ")) == {"comment": "Good: names a role"}


def test_a_quote_that_closes_too_early() -> None:
    finding = syntax_error('comment: "He said "hi" to me"\n')
    assert where(finding) == (1, 19)
    assert 'this " ends the quoted value, but more text follows it' in finding.message
    assert loads(suggested(finding.message, "quotes: ")) == {"comment": 'He said "hi" to me'}


def test_an_apostrophe_inside_single_quotes() -> None:
    finding = syntax_error("title: 'The learner's toolkit'\n")
    assert where(finding) == (1, 20)
    assert "write '' for an apostrophe" in finding.message
    fixed = suggested(finding.message, "double quotes: ")
    assert loads(fixed) == {"title": "The learner's toolkit"}


@pytest.mark.parametrize(
    ("text", "position", "meant"),
    [
        (
            'standards:\n  "2.2":\n    comment: \u201cGood: names a role\u201d\n',
            (3, 14),
            {"comment": "Good: names a role"},
        ),
        (
            "title: \u2018Data literacy: the basics\u2019\n",
            (1, 8),
            {"title": "Data literacy: the basics"},
        ),
    ],
)
def test_typographic_quotes_are_not_yaml_quotes(
    text: str, position: tuple[int, int], meant: dict[str, str]
) -> None:
    finding = syntax_error(text)
    assert where(finding) == position
    assert "a typographic quote that YAML reads as ordinary text" in finding.message
    assert loads(suggested(finding.message, "straight quotes: ")) == meant


def test_a_straight_quote_closed_by_a_typographic_one() -> None:
    finding = syntax_error('comment: "Good work\u201d\nverdict: met\n')
    assert where(finding) == (1, 10)
    assert 'starts with a straight " but ends with \u201d' in finding.message


@pytest.mark.parametrize(
    ("text", "position", "kept", "meant"),
    [
        (
            'standards:\n  "2.2":\n    comment: item #3 is weak\n',
            (3, 19),
            "item",
            {"comment": "item #3 is weak"},
        ),
        (
            "id: d1\ntitle: Data literacy #2\n",
            (2, 22),
            "Data literacy",
            {"title": "Data literacy #2"},
        ),
    ],
)
def test_a_hash_inside_a_value_is_a_warning(
    text: str, position: tuple[int, int], kept: str, meant: dict[str, str]
) -> None:
    doc = load_text(text)
    (finding,) = doc.findings
    assert (finding.rule, finding.severity) == ("yaml-comment-in-value", "warning")
    assert (finding.line, finding.column) == position
    assert finding.message.startswith(
        f"the text after '#' is a comment, so it was dropped and this value is {kept!r}; "
        "put the whole value in quotes to keep it: "
    )
    assert doc.ok
    fixed = suggested(finding.message, "to keep it: ").partition(" (if it is meant")[0]
    assert loads(fixed) == meant


@pytest.mark.parametrize(
    "line",
    [
        "verdict: met         # met | not_met | not_applicable",
        "verdict: met # met | not_met | not_applicable",
        "title: Data literacy  # the catalog title",
        "title: Data literacy  #",
        'comment: "item #3 is weak"',
        "comment: C# and F# are taught",
    ],
)
def test_comments_written_as_comments_are_left_alone(line: str) -> None:
    assert load_text(line + "\n").findings == ()


# -- other values that need quotes -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "meant"),
    [
        ("comment: @mentor said so\n", "a value cannot start with '@'", "@mentor said so"),
        ("comment: `code` is missing\n", "a value cannot start with '`'", "`code` is missing"),
        (
            "comment: *important* point\n",
            "starts with '*' is read as a reference",
            "*important* point",
        ),
        ("comment: [draft] good work\n", "starts with '[' is read as a list", "[draft] good work"),
        ("comment: > see outcome 2\n", "'>' starts a block of text", "> see outcome 2"),
    ],
)
def test_values_that_start_with_a_reserved_character(text: str, start: str, meant: str) -> None:
    finding = syntax_error(text)
    assert finding.line == 1
    assert start in finding.message
    assert loads(suggested(finding.message, "in quotes: ")) == {"comment": meant}


def test_a_backslash_in_double_quotes() -> None:
    finding = syntax_error('evidence: "C:\\Users\\reviews"\n')
    assert where(finding) == (1, 14)
    assert "a backslash starts an escape" in finding.message
    assert loads(suggested(finding.message, "single quotes: ")) == {
        "evidence": "C:\\Users\\reviews"
    }


def test_an_unclosed_bracket_names_its_line() -> None:
    finding = syntax_error("id: d1\nevidence: [https://a.example\nverdict: met\n")
    assert finding.line == 3
    assert "the '[' on line 2 starts a list that is not closed with ']'" in finding.message


def test_an_error_without_a_known_mistake_keeps_the_parser_words() -> None:
    finding = syntax_error("a: [b: c: d]\n")
    assert where(finding) == (1, 9)
    assert "while parsing a flow sequence" in finding.message


# -- safety: any text, hostile sizes -----------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(
        list(" \t\n\r:-#\"'[]{}|>*&!@`,?%.abcyn019\\\u2028\u201c\u201d\u2018\u2019\ufeff")
    ),
    max_size=120,
)
LINE = st.builds(
    lambda indent, item, key, sep, value, comment: (
        " " * indent + ("- " if item else "") + key + sep + value + comment
    ),
    st.integers(0, 7),
    st.booleans(),
    st.sampled_from(["", "verdict", "comment", '"2.2"', "title", "x y"]),
    st.sampled_from(["", ":", ": ", " : ", ":\t"]),
    st.one_of(
        st.sampled_from(["", "met", "yes", "Good: names a role", '"a', "'b'", "- c"]), YAMLISH
    ),
    st.sampled_from(["", "  # note", " #3", " # wrapped", '"', "\u201d"]),
)
YAMLISH_FILES = st.lists(LINE, max_size=12).map("\n".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), YAMLISH, YAMLISH_FILES))
def test_the_loader_never_raises_and_every_finding_is_on_a_line_of_the_text(text: str) -> None:
    doc = load_text(text, path="f.yaml")
    lines = len(LINE_BREAKS.split(text))
    for finding in doc.findings:
        assert finding.line is not None, finding
        assert 1 <= finding.line <= lines, (finding, lines)
        assert finding.column is not None
        assert finding.column >= 1


def test_a_hint_on_a_very_long_line_reads_only_its_start() -> None:
    text = "comment: " + "Good: " * 1_000_000 + "\n"
    start = time.perf_counter()
    hint = syntax_hint(
        text, "mapping values are not allowed here", yaml.Mark("", 13, 0, 13, None, None)
    )
    assert time.perf_counter() - start < 1.0
    assert hint is not None
    assert len(hint.message) < 200
    far = syntax_hint(
        text, "mapping values are not allowed here", yaml.Mark("", 0, 0, 50_000, None, None)
    )
    assert far is None  # the parser's own words stand


def test_a_hint_at_the_end_of_a_long_file_reads_only_the_lines_above_it() -> None:
    lines = ["outcomes:"] + ["  - statement: Clean a data set"] * 300_000 + ["   level: 3"]
    text = "\n".join(lines) + "\n"
    mark = yaml.Mark("", 0, len(lines) - 1, 3, None, None)
    start = time.perf_counter()
    hint = syntax_hint(
        text,
        "did not find expected '-' indicator",
        mark,
        "while parsing a block collection",
        yaml.Mark("", 0, 1, 2, None, None),
    )
    assert time.perf_counter() - start < 2.0
    assert hint is not None
    assert (hint.line, hint.column) == (len(lines) - 1, 3)
    assert "1 space less than 'statement'" in hint.message


def test_warnings_are_bounded() -> None:
    doc = load_text("".join(f"- item #{i}\n" for i in range(5_000)))
    assert len(doc.findings) == 100
    assert {f.rule for f in doc.findings} == {"yaml-comment-in-value"}
