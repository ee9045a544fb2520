"""Rubrics from anyone: their patterns cannot hang mcqa, and their ``$ref`` cannot leave them.

A rubric may come with a pull request, so mcqa runs its regular expressions on
RE2 (linear time), refuses the patterns that hang backtracking engines, and
never follows a ``$ref`` to the network or to a file.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from referencing.exceptions import Unresolvable

import mcqa
from mcqa import _regex
from mcqa._fastschema import compile_schema
from mcqa._regex import PatternError, compile_pattern, pattern_problem
from mcqa.checks.placeholders import compile_patterns, iter_placeholders
from mcqa.cli import cli
from mcqa.load import load_path
from mcqa.models.finding import Finding
from mcqa.models.rubric import Rubric
from mcqa.rubrics import RubricError, RubricRegistry
from mcqa.schema import SCHEMA_MODELS, fragment_validator, load_schema

ROOT = Path(__file__).resolve().parents[1]

#: A generous guard against a hang, not a benchmark.
QUICKLY = 5.0

GOOD = "^[A-Z]{2}$"
CODES = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
REDOS = ["^(a+)+$", "(a|a)*b", "(x+x+)+y", "(.*a){20}"]
HOSTILE_TEXT = "a" * 50 + "!"

RUBRIC = """\
rubric_format: 1
id: hostile
version: 1.0.0
title: A rubric from a pull request
categories:
  - id: "1"
    title: Basics
    standards:
      - id: "1.1"
        title: Title
        text: The title has the expected form.
        points: 3
        mode: automated
        check:
          schema:
            properties:
              title:
                type: string
                pattern: {pattern}
      - id: "1.2"
        title: Anything
        text: Anything at all.
        points: 1
        mode: automated
        check:
          schema: {{required: [id]}}
"""


def rubric_text(pattern: str) -> str:
    return RUBRIC.format(pattern=json.dumps(pattern))


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def errors(findings: Iterator[Finding] | list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"mcqa raised {result.exception!r}\n{result.output}")
    return result


def registry() -> RubricRegistry:
    return RubricRegistry(builtin=True, entry_points=False)


# -- patterns -----------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", REDOS)
def test_classic_redos_patterns_are_refused_at_their_line(
    write: Callable[..., Path], pattern: str
) -> None:
    text = rubric_text(pattern)
    path = write("hostile.yaml", text)
    started = time.perf_counter()
    _, findings = registry().check_file(path)
    (finding,) = errors(findings)
    assert (finding.rule, finding.file) == ("rubric-pattern", str(path))
    assert finding.line == line_of(text, "pattern:")
    assert finding.pointer == "/categories/0/standards/0/check/schema/properties/title/pattern"
    assert finding.message.startswith(f"the pattern '{pattern}' cannot be used; ")
    assert "exponential time" in finding.message
    assert time.perf_counter() - started < QUICKLY


@pytest.mark.parametrize("pattern", REDOS)
def test_rubric_validate_refuses_them_with_a_located_message(
    write: Callable[..., Path], pattern: str
) -> None:
    text = rubric_text(pattern)
    path = write("hostile.yaml", text)
    result = invoke("rubric", "validate", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:{line_of(text, 'pattern:')}:" in result.output
    assert "[rubric-pattern]" in result.output


@pytest.mark.parametrize("pattern", REDOS)
def test_check_with_such_a_rubric_exits_2_quickly(write: Callable[..., Path], pattern: str) -> None:
    rubric = write("hostile.yaml", rubric_text(pattern))
    descriptor = write("d.yaml", f"id: d1\ntitle: {HOSTILE_TEXT}\n")
    started = time.perf_counter()
    result = invoke("check", str(descriptor), "--rubric", str(rubric), "--no-config")
    assert time.perf_counter() - started < QUICKLY
    assert result.exit_code == 2, result.output
    assert "[rubric-pattern]" in result.output
    with pytest.raises(RubricError) as raised:
        registry().load(rubric)
    assert [f.rule for f in raised.value.findings] == ["rubric-pattern"]


@pytest.mark.parametrize("pattern", REDOS)
def test_mcqa_itself_runs_them_in_linear_time(pattern: str) -> None:
    """Even a rubric that skipped validation cannot hang mcqa: RE2 has no backtracking."""
    schema = {"properties": {"title": {"type": "string", "pattern": pattern}}}
    instance = {"title": "a" * 20_000 + "!"}
    started = time.perf_counter()
    predicate = compile_schema(schema)
    assert predicate is not None
    assert predicate(instance) == fragment_validator(schema).is_valid(instance)
    assert compile_pattern(pattern).search("x" * 20_000 + "!") is None
    assert time.perf_counter() - started < QUICKLY


@pytest.mark.parametrize(
    ("snippet", "needle"),
    [
        (
            "        applies_if: {properties: {title: {pattern: '(a+)+$'}}}\n"
            "        check: {schema: {}}\n",
            "applies_if",
        ),
        (
            "        check:\n          schema:\n            patternProperties:\n"
            "              '(x+x+)+y': {type: string}\n",
            "(x+x+)+y",
        ),
        (
            "        check:\n          schema:\n            $defs:\n"
            "              a: {pattern: '(a)\\1'}\n",
            "(a)\\1",
        ),
        (  # an unknown keyword, which a $ref can still point into
            "        check:\n          schema:\n            x-parts:\n"
            "              a: {pattern: '(?<=x)y'}\n",
            "(?<=x)y",
        ),
        (
            "        check:\n          schema:\n            anyOf:\n"
            "              - {items: {not: {pattern: 'a++'}}}\n",
            "a++",
        ),
    ],
)
def test_patterns_are_checked_anywhere_in_a_fragment(
    write: Callable[..., Path], snippet: str, needle: str
) -> None:
    text = rubric_text(GOOD).replace(
        "        check:\n          schema: {required: [id]}\n", snippet
    )
    _, findings = registry().check_file(write("where.yaml", text))
    (finding,) = errors(findings)
    assert finding.rule == "rubric-pattern"
    assert finding.line == line_of(text, needle)


def test_data_that_looks_like_a_pattern_is_not_checked(write: Callable[..., Path]) -> None:
    text = rubric_text(GOOD).replace(
        "schema: {required: [id]}",
        "schema: {properties: {pattern: {const: '(a+)+'}}, examples: [{pattern: '(a)\\1'}]}",
    )
    _, findings = registry().check_file(write("data.yaml", text))
    assert findings == []


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("(a)\\1", "backreference ('\\1')"),
        ("(?P<x>a)(?P=x)", "backreference"),
        ("\\k<x>", "backreference"),
        ("(?=a)b", "lookahead"),
        ("(?!a)b", "negative lookahead"),
        ("(?<=a)b", "lookbehind"),
        ("(?<!a)b", "lookbehind"),
        ("a++", "possessive"),
        ("a*+", "possessive"),
        ("(?>a)", "atomic group"),
        ("(?(1)a|b)", "conditional"),
        ("(?R)", "recursion"),
        ("a\\Z", "'\\Z' is not supported"),
        ("a{1001}", "at most 1000"),
        ("(?x)a", "the flag 'x'"),
        ("(", "not a valid regular expression"),
        ("[z-a]", "runs backwards"),
        ("(\\w+\\s?)*", "exponential time"),
        ("(\\w|\\d)+", "can match the same text"),
        ("(a?)*", "can also match nothing"),
        ("(?i)(ab|AB)+", "can match the same text"),
        ("\\p{L}{1000}", "too large for RE2"),
        ("(" * 150 + "a" + ")" * 150, "more than 100 deep"),
    ],
)
def test_pattern_problem_names_the_construct(pattern: str, says: str) -> None:
    problem = pattern_problem(pattern)
    assert problem is not None
    assert says in problem


@pytest.mark.parametrize(
    "pattern",
    [
        "^[A-Z]{2}$",
        "^[a-z0-9]+(-[a-z0-9]+)*$",
        "^(\\d+\\.){3}\\d+$",
        "^(GET|POST|PUT|PATCH)(,(GET|POST|PUT|PATCH))*$",
        "(?i)\\bIT\\b|information technology",
        "^\\p{Lu}\\p{L}*$",
        "^(?<year>[0-9]{4})-(?P<month>[0-9]{2})$",
        "\\u00e9t\\u00e9",
        "^([^,]+,)*[^,]+$",
        "^(AB|ab)(,(AB|ab))*$",
        "^(" + "|".join(CODES) + ")(,(" + "|".join(CODES) + "))*$",
        "(?i)^(" + "|".join(CODES) + ")(,(" + "|".join(CODES) + "))*$",
    ],
)
def test_ordinary_patterns_are_accepted(pattern: str) -> None:
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "max_nodes"),
    [
        ("(?:" + "a*" * 2_000 + "c)+", None),
        ("(?:" + "".join(f"[a{chr(0x100 + i)}]+a" for i in range(1_000)) + "c)+", None),
        ("(" + "|".join(f"x{i}" for i in range(1_000)) + ")", 2_000),
    ],
    ids=["stars", "classes", "alternatives"],
)
def test_checking_a_pattern_takes_bounded_time(
    monkeypatch: pytest.MonkeyPatch, pattern: str, max_nodes: int | None
) -> None:
    if max_nodes is not None:  # as past 100,000 parts, but quicker
        monkeypatch.setattr(_regex, "_MAX_NODES", max_nodes)
    started = time.perf_counter()
    problem = pattern_problem(pattern)
    assert time.perf_counter() - started < QUICKLY
    assert problem is not None
    assert "to check that backtracking engines can run it safely" in problem


def test_every_pattern_of_the_bundled_schemas_and_rubrics_is_accepted() -> None:
    found: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "pattern" and isinstance(value, str):
                    found.append(value)
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    for name in SCHEMA_MODELS:
        collect(load_schema(name))
    for path in sorted((ROOT / "rubrics").glob("*/*.yaml")):
        collect(load_path(path).data)
    assert len(found) > 5
    assert {p: pattern_problem(p) for p in found} == dict.fromkeys(found)


def test_re2_refusals_print_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    for pattern in ("(a)\\1", "(?<=a)b", "("):
        assert pattern_problem(pattern) is not None
        with pytest.raises(PatternError):
            compile_pattern(pattern)
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_javascript_unicode_escapes_are_understood() -> None:
    compiled = compile_pattern("^\\u00e9\\u{1F600}\\uD83D\\uDE00$")
    assert compiled.pattern == "^\\u00e9\\u{1F600}\\uD83D\\uDE00$"
    assert compiled.search("é😀😀") is not None
    assert compiled.search("e😀😀") is None


# -- a fine pattern works the same in both engines --------------------------------------


VALUES = ["NL", "nl", "NLD", "N", "NL\n", "", "ÉU", 12, None]


@pytest.mark.parametrize("value", VALUES)
def test_a_fine_pattern_gives_the_same_answer_in_both_engines(value: Any) -> None:
    schema = {"properties": {"title": {"type": "string", "pattern": GOOD}}}
    predicate = compile_schema(schema)
    assert predicate is not None
    instance = {"title": value}
    expected = isinstance(value, str) and value in ("NL",)
    assert predicate(instance) is expected
    assert fragment_validator(schema).is_valid(instance) is expected


def test_a_fine_pattern_decides_a_standard(write: Callable[..., Path]) -> None:
    path = write("good.yaml", rubric_text(GOOD))
    _, findings = registry().check_file(path)
    assert findings == []
    rubric = registry().load(path)
    met = mcqa.evaluate({"id": "d1", "title": "NL"}, rubric).results[0]
    failed = mcqa.evaluate({"id": "d1", "title": "Netherlands"}, rubric).results[0]
    assert [s.status for s in met.standards] == ["met", "met"]
    assert [s.status for s in failed.standards] == ["not_met", "met"]
    assert [f.rule for f in failed.standards[0].findings] == ["schema"]


def test_pattern_properties_and_additional_properties_run_on_re2() -> None:
    schema = {
        "patternProperties": {"^x-": {"type": "string"}, "(a+)+$": {"type": "integer"}},
        "additionalProperties": False,
    }
    validator = fragment_validator(schema)
    hostile = "a" * 20_000 + "!"
    started = time.perf_counter()
    assert validator.is_valid({"x-note": "fine", "aaa": 3})
    assert not validator.is_valid({"x-note": 1})
    assert not validator.is_valid({hostile: 1})
    assert not fragment_validator({**schema, "additionalProperties": True}).is_valid({"a": "x"})
    unevaluated = {"patternProperties": {"(a+)+$": True}, "unevaluatedProperties": False}
    assert not fragment_validator(unevaluated).is_valid({hostile: 1})
    assert fragment_validator(unevaluated).is_valid({"aaa": 1})
    assert time.perf_counter() - started < QUICKLY


# -- the placeholder check's patterns -------------------------------------------------------


PLACEHOLDER_RUBRIC = """\
rubric_format: 1
id: placeholders
version: 1.0.0
title: Placeholders
categories:
  - id: "1"
    title: One
    standards:
      - id: "1.1"
        title: No template text
        text: No template text is left.
        points: 1
        mode: automated
        check:
          name: placeholder-text
          options:
            patterns:
              - coming soon
              - {pattern}
"""


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a)\\1", "(?<=x)y"])
def test_a_bad_placeholder_pattern_is_refused(write: Callable[..., Path], pattern: str) -> None:
    text = PLACEHOLDER_RUBRIC.format(pattern=json.dumps(pattern))
    path = write("placeholders.yaml", text)
    _, findings = registry().check_file(path)
    (finding,) = findings
    assert finding.rule == "rubric-pattern"
    assert finding.pointer == "/categories/0/standards/0/check/options/patterns/1"
    assert finding.line == line_of(text, json.dumps(pattern))
    assert finding.message.startswith(f"the pattern '{pattern}' cannot be used; ")
    descriptor = write("d.yaml", "id: d\ntitle: T\n")
    result = invoke("check", str(descriptor), "--rubric", str(path), "--no-config")
    assert result.exit_code == 2, result.output


def test_placeholder_patterns_run_on_re2() -> None:
    with pytest.raises(ValueError, match="backreference"):
        compile_patterns(("(a)\\1",))
    (pattern,) = compile_patterns(("(a+)+$",))  # refused by validation, harmless here
    started = time.perf_counter()
    hostile = {"title": "a" * 20_000 + "!"}
    assert list(iter_placeholders(hostile, language="en", extra=[pattern])) == []
    assert list(iter_placeholders({"title": "AAA"}, language="en", extra=[pattern])) == [
        ("/title", "AAA")
    ]
    assert time.perf_counter() - started < QUICKLY
    (soon,) = compile_patterns(("coming\\s+soon",))
    assert list(iter_placeholders({"d": "Dates: COMING soon"}, language="en", extra=[soon])) == [
        ("/d", "COMING soon")
    ]


# -- $ref stays inside ------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = json.dumps({"type": "string"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/schema+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that serves a schema and records every request it gets."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


REF_RUBRIC = """\
rubric_format: 1
id: refs
version: 1.0.0
title: References
categories:
  - id: "1"
    title: One
    standards:
      - id: "1.1"
        title: Title
        text: The title is what the remote schema says.
        points: 1
        mode: automated
        check:
          schema:
            properties:
              title: {{$ref: "{ref}"}}
      - id: "1.2"
        title: Conditional
        text: Applies when the remote schema says so.
        points: 1
        mode: automated
        applies_if: {{$ref: "{ref}"}}
        check:
          schema: {{required: [title]}}
"""


def test_a_ref_to_the_network_is_refused_and_never_fetched(
    write: Callable[..., Path], server: tuple[str, list[str]]
) -> None:
    url, requests = server
    text = REF_RUBRIC.format(ref=f"{url}/x.json")
    path = write("refs.yaml", text)
    _, findings = registry().check_file(path)
    assert [(f.rule, f.line) for f in findings] == [
        ("rubric-ref", line_of(text, "title: {$ref")),
        ("rubric-ref", line_of(text, "applies_if")),
    ]
    assert "points outside the check's schema" in findings[0].message
    assert "points outside 'applies_if'" in findings[1].message
    result = invoke("rubric", "validate", str(path))
    assert result.exit_code == 1
    assert result.output.count("[rubric-ref]") == 2

    # Built directly, without validation, the rubric still cannot fetch anything.
    rubric = Rubric.model_validate(yaml.safe_load(text))
    with pytest.raises(Unresolvable):
        mcqa.evaluate({"id": "d1", "title": "Data literacy"}, rubric)
    for standard in ("1.1", "1.2"):
        only = rubric.model_copy(
            update={
                "categories": [
                    c.model_copy(update={"standards": [s for s in c.standards if s.id == standard]})
                    for c in rubric.categories
                ]
            }
        )
        with pytest.raises(Unresolvable):
            mcqa.evaluate({"id": "d1", "title": "Data literacy"}, only)
    assert requests == []

    # The server answers when asked, so a fetch would have been recorded.
    with urllib.request.urlopen(f"{url}/x.json") as response:
        assert json.loads(response.read()) == {"type": "string"}
    assert requests == ["/x.json"]


def test_a_file_ref_is_refused_and_its_content_never_shown(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    # Were the file read, its value would be quoted: "must be "S3CR3T-TOKEN-4242", found ..."
    secret = write("secret.json", '{"const": "S3CR3T-TOKEN-4242"}')
    for ref in (secret.as_uri(), "secret.json", "secret.json#/type"):
        text = REF_RUBRIC.format(ref=ref)
        path = write("refs.yaml", text)
        _, findings = registry().check_file(path)
        assert [f.rule for f in findings] == ["rubric-ref", "rubric-ref"], ref
        outputs = [
            invoke("rubric", "validate", str(path)).output,
            invoke(
                "check",
                str(write("d.yaml", "id: d\ntitle: T\n")),
                "--rubric",
                str(path),
                "--no-config",
            ).output,
            "\n".join(f.message for f in findings),
        ]
        rubric = Rubric.model_validate(yaml.safe_load(text))
        try:
            report = mcqa.evaluate({"id": "d1", "title": "T"}, rubric)
            outputs.append(report.model_dump_json())
        except Exception as error:  # an unresolvable reference, which names no content
            outputs.append(f"{error!r} {error}")
        assert not any("S3CR3T" in output for output in outputs), ref


@pytest.mark.parametrize(
    "ref",
    [
        "#/$defs/short",
        "#short",
        "urn:mcqa:schema:descriptor:1#/properties/title",
    ],
)
def test_refs_inside_the_fragment_or_to_mcqa_schemas_work(
    write: Callable[..., Path], ref: str
) -> None:
    text = rubric_text(GOOD).replace(
        "            properties:\n              title:\n                type: string\n"
        f"                pattern: {json.dumps(GOOD)}\n",
        "            $defs:\n              short: {$anchor: short, maxLength: 5}\n"
        f"            properties:\n              title: {{$ref: '{ref}'}}\n",
    )
    path = write("inside.yaml", text)
    _, findings = registry().check_file(path)
    assert findings == []
    result = mcqa.evaluate({"id": "d1", "title": "Data"}, registry().load(path)).results[0]
    assert result.standards[0].status == "met"


def test_an_unknown_mcqa_urn_is_refused_with_a_hint(write: Callable[..., Path]) -> None:
    text = REF_RUBRIC.format(ref="urn:mcqa:schema:descriptr:1")
    _, findings = registry().check_file(write("urn.yaml", text))
    assert [f.rule for f in findings] == ["rubric-ref", "rubric-ref"]
    assert "did you mean 'urn:mcqa:schema:descriptor:1'?" in findings[0].message


# -- offline --------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the run."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"mcqa tried to connect: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.usefixtures("no_network")
def test_the_example_catalog_is_checked_without_a_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(AssertionError, match="tried to connect"):
        socket.create_connection(("127.0.0.1", 9))  # the guard is in place
    result = invoke(
        "check", "examples/catalog", "--config", "examples/.mcqa.yaml", "--today",
        "2026-11-28", "--jobs", "1", "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # some examples do not conform, on purpose
    report = json.loads(result.stdout)
    findings = [
        f
        for r in report["results"]
        for f in [*r["findings"], *(f for s in r["standards"] for f in s["findings"])]
    ]
    assert "internal-error" not in {f["rule"] for f in findings}
    assert len(report["results"]) == len(list((ROOT / "examples" / "catalog").iterdir()))


@pytest.mark.usefixtures("no_network")
def test_validating_a_rubric_with_a_remote_ref_needs_no_network(
    write: Callable[..., Path],
) -> None:
    path = write("refs.yaml", REF_RUBRIC.format(ref="https://example.org/schema.json"))
    result = invoke("rubric", "validate", str(path))
    assert result.exit_code == 1
    assert result.output.count("[rubric-ref]") == 2
