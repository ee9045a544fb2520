"""The ``placeholder-text`` check, and the data-walking helpers it shares."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mcqa.checks.placeholders as placeholders
from mcqa.checks import Problem, default_options
from mcqa.checks._walk import in_document_order, iter_strings, resolve, split_pointer
from mcqa.checks.placeholders import (
    PlaceholderText,
    compile_patterns,
    find_placeholder,
    iter_placeholder_spans,
    iter_placeholders,
)

from ._support import make_context, places, run_check

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

CHECK = PlaceholderText()


def run(fields: dict[str, Any], **options: Any) -> list[Problem]:
    return run_check(CHECK, fields, **options)


def description(text: str, **options: Any) -> list[Problem]:
    return run({"description": text}, **options)


def test_id_and_default_options() -> None:
    assert CHECK.ID == "placeholder-text"
    assert default_options(CHECK, {}) == {"patterns": []}


def test_a_finished_descriptor_passes() -> None:
    problems = run(
        {
            "issuer": {"name": "University of Twente", "url": "https://utwente.nl"},
            "description": (
                "Learn to clean data [see the guide](https://utwente.nl/guide) and cite "
                "sources as in [1] or [2-4]. Tasks: [x] done, [ ] open. <p>HTML</p> stays. "
                "The room is booked; the exam is at 10:00."
            ),
            "learning_outcomes": ["Explain the data life cycle"],
        }
    )
    assert problems == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Issued by [Issuing University Name].", "[Issuing University Name]"),
        ("Starts on [insert date]", "[insert date]"),
        ("Starts on <insert start date>", "<insert start date>"),
        ("Taught by <Lecturer Name>", "<Lecturer Name>"),
        ("Welcome to {{ course_title }}", "{{ course_title }}"),
        ("Start date TBD", "TBD"),
        ("Venue tba", "tba"),
        ("TODO: write this", "TODO"),
        ("Fixme later", "Fixme"),
        ("Call XXX for details", "XXX"),
        ("Lorem ipsum dolor sit amet", "Lorem ipsum"),
    ],
)
def test_placeholders_are_errors_quoting_the_match(text: str, found: str) -> None:
    problems = description(text)
    assert places(problems) == [("/description", "error")]
    assert f"'{found}' looks like placeholder text" in problems[0].message


@pytest.mark.parametrize("text", ["xxx", "TBDs are fine here", "a todolist", "Mr. Xxx"])
def test_look_alikes_are_not_placeholders(text: str) -> None:
    assert description(text) == []


def test_one_error_per_string_quoting_the_first_match() -> None:
    (problem,) = description("Date TBD, venue [Campus Name], lorem ipsum")
    assert "'TBD'" in problem.message


def test_every_string_is_searched_in_document_order() -> None:
    fields = {
        "issuer": {"name": "[Issuing University Name]", "country": "NL"},
        "learning_outcomes": [{"id": "LO1", "statement": "TODO"}, "Explain X", "[insert outcome]"],
        "relevance": {"industry_partners": ["Acme", "TBA"]},
    }
    assert places(run(fields)) == [
        ("/issuer/name", "error"),
        ("/learning_outcomes/0/statement", "error"),
        ("/learning_outcomes/2", "error"),
        ("/relevance/industry_partners/1", "error"),
    ]


def test_extensions_are_not_searched() -> None:
    assert run({"extensions": {"note": "TODO", "TODO": ["[x y]"]}}) == []


def test_extra_patterns_are_matched_without_case() -> None:
    assert description("Coming Soon!") == []
    (problem,) = description("Coming Soon!", patterns=[r"coming\s+soon"])
    assert "'Coming Soon'" in problem.message


def test_an_invalid_pattern_is_reported() -> None:
    with pytest.raises(ValueError, match="not a valid regular expression"):
        description("x", patterns=["("])


def test_todo_counts_only_in_capitals_outside_english() -> None:
    assert run({"language": "es", "description": "Aprende todo sobre datos"}) == []
    assert places(run({"language": "es", "description": "TODO: traducir"})) == [
        ("/description", "error")
    ]
    assert places(run({"description": "todo"})) == [("/description", "error")]


# --- the walking helpers ----------------------------------------------------------


def test_iter_strings_yields_values_not_keys() -> None:
    data = {"TODO": "a", "b": ["x", {"c~/d": "y"}], "n": 3, "extensions": {"e": "z"}}
    found = [(s.pointer, s.key, s.value) for s in iter_strings(data)]
    assert found == [("/TODO", "TODO", "a"), ("/b/0", "b", "x"), ("/b/1/c~0~1d", "c~/d", "y")]


def test_resolve_and_split_pointer() -> None:
    data = {"a/b": [10, {"~": "x"}]}
    assert split_pointer("/a~1b/1/~0") == ["a/b", "1", "~"]
    assert resolve(data, "/a~1b/1/~0") == (True, "x")
    assert resolve(data, "") == (True, data)
    assert resolve(data, "/a~1b/2") == (False, None)
    assert resolve(data, "/a~1b/01") == (False, None)
    assert resolve(data, "/missing") == (False, None)


def test_in_document_order() -> None:
    data = {"b": {"y": 1, "x": 2}, "a": [1, 2]}
    problems = [Problem(p, "m") for p in ["/a/1", "/missing", "/b/x", "/a/0", "", "/b", "/b/y"]]
    ordered = [p.pointer for p in in_document_order(data, problems)]
    assert ordered == ["", "/b", "/b/y", "/b/x", "/a/0", "/a/1", "/missing"]


# --- properties -------------------------------------------------------------------


@given(st.text(max_size=200))
def test_any_text_gives_at_most_one_error(text: str) -> None:
    problems = description(text)
    assert len(problems) <= 1
    for problem in problems:
        assert (problem.pointer, problem.severity) == ("/description", "error")
        assert problem.message
        assert "\n" not in problem.message


@given(
    before=st.text(st.characters(categories=["Ll", "Zs"]), max_size=30),
    after=st.text(st.characters(categories=["Ll", "Zs"]), max_size=30),
    word=st.sampled_from(["TBD", "TBA", "TODO", "FIXME", "XXX", "[Your Name]", "lorem ipsum"]),
)
def test_a_placeholder_between_spaces_is_always_found(before: str, after: str, word: str) -> None:
    problems = description(f"{before} {word} {after}")
    assert places(problems) == [("/description", "error")]


# --- template phrases, other languages and template syntax ------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a field's label left where its value should be (the QA audit's cases)
        ("Title of the Qualification", "Title of the Qualification"),
        ("title of the qualification.", "title of the qualification"),
        ("Name of the issuer", "Name of the issuer"),
        ("Name of the awarding body", "Name of the awarding body"),
        ("Name of the institution", "Name of the institution"),
        ("Name of the higher education institution", "Name of the higher education institution"),
        ("Name of the provider", "Name of the provider"),
        ("Name of the course", "Name of the course"),
        ("Title of your learning achievement", "Title of your learning achievement"),
        ("Course Title", "Course Title"),
        ("Issuer name", "Issuer name"),
        ("Your Name", "Your Name"),
        ('"Your organisation"', "Your organisation"),
        # what a template tells its user to do
        ("Insert course title here", "Insert course title here"),
        ("Insert date", "Insert date"),
        ("Enter the name of the issuer", "Enter the name of the issuer"),
        ("Enter description", "Enter description"),
        ("Add description", "Add description"),
        (
            "Add a short description of the course here.",
            "Add a short description of the course here",
        ),
        ("Describe the assessment method here", "Describe the assessment method here"),
        ("Description goes here", "Description goes here"),
        ("Your text here", "Your text here"),
        ("Sample text", "Sample text"),
        ("Placeholder", "Placeholder"),
        ("Choose an item.", "Choose an item"),
        ("Replace with first name(s) surname(s)", "Replace with first name(s) surname(s)"),
        ("DD/MM/YYYY", "DD/MM/YYYY"),
        ("Price: ???", "???"),
        ("Click or tap here to enter text.", "Click or tap here to enter text"),
        ("Issued on: Click here to enter a date.", "Click here to enter a date"),
        # on a line of a longer text: after a label, or as a list item
        ("Issuer: Name of the awarding body", "Name of the awarding body"),
        ("**Provider:** Your organisation", "Your organisation"),
        ("Data literacy\n\n- Insert course title here\n- Python", "Insert course title here"),
        ("Section 1 (Recipient): Placeholder.", "Placeholder"),
        ("Starts on dd.mm.yyyy", None),  # a date format in a sentence is fine ...
        ("Starts on: dd.mm.yyyy", "dd.mm.yyyy"),  # ... but not as the value after a label
        # capitals in the middle of a sentence
        ("Offered by Name of the institution in 2026.", "Name of the institution"),
        ("Certificate signed by Your Name", "Your Name"),
        # other languages
        ("Titel der Qualifikation", "Titel der Qualifikation"),
        ("Name der Einrichtung", "Name der Einrichtung"),
        ("Text hier eingeben", "Text hier eingeben"),
        (
            "Klicken oder tippen Sie hier, um Text einzugeben.",
            "Klicken oder tippen Sie hier, um Text einzugeben",
        ),
        ("Nom de l'organisme", "Nom de l'organisme"),
        ("Nom de l\u2019établissement", "Nom de l\u2019établissement"),
        ("Titre de la formation", "Titre de la formation"),
        (
            "Cliquez ou appuyez ici pour entrer du texte.",
            "Cliquez ou appuyez ici pour entrer du texte",
        ),
        ("Nombre de la universidad", "Nombre de la universidad"),
        ("Título del curso", "Título del curso"),
        ("Escriba aquí el título del curso", "Escriba aquí el título del curso"),
        ("Saisir le titre de la formation", "Saisir le titre de la formation"),
        ("Voer hier de titel in", "Voer hier de titel in"),
        ("Insira o nome do curso aqui", "Insira o nome do curso aqui"),
        ("Inserire qui il titolo del corso", "Inserire qui il titolo del corso"),
        ("Naam van de instelling", "Naam van de instelling"),
        ("Titel van de kwalificatie", "Titel van de kwalificatie"),
        ("Klik of tik om tekst in te voeren.", "Klik of tik om tekst in te voeren"),
        ("Nome da instituição", "Nome da instituição"),
        ("Titolo del corso", "Titolo del corso"),
        ("Docent: N.N.", "N.N."),
        ("Startdatum: n.t.b.", "n.t.b."),
        # brackets in other languages and styles
        ("Emitido por [Nombre de la universidad]", "[Nombre de la universidad]"),
        ("Curso: <nombre del curso>", "<nombre del curso>"),
        ("Formation : <titre de la formation>", "<titre de la formation>"),
        ("Aangeboden door <naam van de instelling>", "<naam van de instelling>"),
        ("Organisé par <Nom de l'organisme>", "<Nom de l'organisme>"),
        ("Emitido por <Universidad Emisora>", "<Universidad Emisora>"),
        ("Dear <first name>,", "<first name>"),
        ("Dear <NAME>,", "<NAME>"),
        ("Welcome to <COURSE_TITLE>", "<COURSE_TITLE>"),
        ("Awarded by «Issuer_Name»", "«Issuer_Name»"),
        ("Awarded by [[Issuer Name]]", "[Issuer Name]"),
        # template syntax and unfinished numbers
        ("Welcome to ${course_title}", "${course_title}"),
        ("Welcome to %COURSE_TITLE%", "%COURSE_TITLE%"),
        ("Welcome to {{< course-title >}}", "{{< course-title >}}"),
        ("Next run: September 20XX", "20XX"),
        ("Workload: XX hours", "XX hours"),
        ("Worth X ECTS", "X ECTS"),
        ("Dates t.b.c.", "t.b.c."),
        ("Dates TBC", "TBC"),
        # a bracketed placeholder set in code type is still a placeholder
        ("Issued by `[Issuing University Name]`.", "[Issuing University Name]"),
        ("Issued by `<Universidad Emisora>`.", "<Universidad Emisora>"),
    ],
)
def test_template_text_is_found(text: str, found: str | None) -> None:
    assert find_placeholder(text) == found
    problems = description(text)
    assert len(problems) == (found is not None)


@pytest.mark.parametrize(
    "text",
    [
        # template syntax inside code samples
        "Templates use `{{ course_title }}` for the title.",
        "Write ``{{ name }}`` or ``a `b` c``.",
        "Example:\n\n```jinja\n<h1>{{ course_title }}</h1>\n[Issuing University Name] TODO\n```\n",
        "Example:\n\n~~~\n{{ course_title }}\n~~~",
        "In HTML: <code>{{ course_title }}</code> and <pre>\n[Course Name]\n</pre>",
        'Run `git commit -m "<your message>"` and `ls [a-z]*`.',
        # lists and objects written as JSON, or inline YAML
        'Tags: ["data", "statistics"]',
        "Scores: [1, 2, 3] and [true, false]",
        'Config: [{"a": 1}]',
        "tags: [amr, bacteria, microgalaxy, one-health]",
        # HTML tags
        "<p>Learn <strong>data</strong></p><br/><img src=x alt=y>",
        "<a href='https://x.org'>x</a> <option selected> <details open>",
        "<!-- a comment --> <!DOCTYPE html>",
        # Markdown links, references and notes
        "Read [the guide](https://x.org) and ![the logo](logo.png).",
        "Read [the guide][guide].\n\n[guide]: https://x.org",
        "Read [the guide].\n\n[The Guide]: https://x.org",
        "See the footnote[^1] and [!NOTE] and [#anchor] and [@smith2020].",
        "Visit [https://x.org/data] or [www.x.org].",
        # citations and editorial marks
        "As shown in [1], [2-4] and [12, 13].",
        "See [RFC7515], [ISO8601] and [VC-DATA-MODEL-2.0].",
        "As [Smith 2020] and [Smith et al., 2021] show.",
        "Available online [Accessed 3 May 2024].",
        "They wrote [sic] and [emphasis added] and [online] and [a] and [iv].",
        "Configure [tool.mcqa] in pyproject.toml; read data[key] and items[0].",
        # task boxes
        "- [x] done\n- [X] also done\n- [ ] open",
        # regular expressions
        "Codes match [A-Z]{3}; ids match [0-9a-f]+, [a-zA-Z0-9_-] and [^abc] or [\\w.]",
        # generics, comparisons, addresses
        "Uses List<String> and Map<String, Integer>.",
        "if a < b and c > d then stop",
        "Write to <info@example.org> or see <https://x.org>.",
        # ordinary prose with the words a template uses
        "Learners insert a catheter safely.",
        "Insert a peripheral intravenous catheter.",
        "Enter the world of data science with confidence.",
        "Students enter data into a spreadsheet.",
        "Enter patient details into the electronic health record.",
        "Add value to your team.",
        "Replace a faulty circuit breaker.",
        "Write a short summary of a scientific paper.",
        "Describe the methods presented here.",
        "List the tools shown here",
        "More information here",
        "Really???",
        "Module 5 [Optional] and [Video]",
        "Changing the Name of the Institution requires approval.",
        "The name of the course reflects its content.",
        "The name of the achievement",
        "Logo of the organisation",
        "The Name of the Rose is a novel.",
        "Use the course title in the header.",
        "Dates are written as YYYY-MM-DD in the export.",
        "Course description\nThis course teaches data literacy.",
        "Course title:\nData literacy",
        # sample data that is meaningful, and "N/A"
        "Example University",
        "Awesome Robotics Badge",
        "N/A",
        "XX century art; Mr. X; N. N. Taleb wrote it.",
    ],
)
def test_look_alikes_of_template_text_are_not_placeholders(text: str) -> None:
    assert find_placeholder(text) is None
    assert description(text) == []


@pytest.mark.parametrize(
    ("text", "language", "found"),
    [
        ("Aprende todo sobre datos", "es", None),
        ("Aprende todo sobre datos", "pt-BR", None),
        ("TODO: traducir", "es", "TODO"),
        ("Vaccinatie tegen TBC", "nl", None),
        ("Impfung gegen TBC", "de-AT", None),
        ("Dates TBC", "en-GB", "TBC"),
        ("Dates tbc", None, "tbc"),
        ("todo", None, "todo"),
        ("Nombre de la universidad", "en", "Nombre de la universidad"),
    ],
)
def test_language_rules(text: str, language: str | None, found: str | None) -> None:
    assert find_placeholder(text, language=language) == found


def test_a_fence_that_is_never_closed_hides_nothing() -> None:
    assert find_placeholder("```\nIssued by [Issuing University Name]") == (
        "[Issuing University Name]"
    )


def test_code_samples_are_not_searched_but_the_text_around_them_is() -> None:
    text = "Use `{{ x }}` here.\n\n```\nTBD\n```\n\nStart date TBA."
    assert [text[a:b] for a, b in iter_placeholder_spans(text)] == ["TBA"]


def test_a_label_counts_alone_or_after_a_label_but_not_as_a_heading() -> None:
    assert find_placeholder("Course Title") == "Course Title"
    assert find_placeholder("  Course Title  \n") == "Course Title"
    assert find_placeholder("Course Title\nData literacy for nurses") is None
    assert find_placeholder("Overview\nTitle: Course Title\nData") == "Course Title"
    # what a template tells its user to do counts on any line
    assert find_placeholder("Overview\nInsert course title here\nData") == (
        "Insert course title here"
    )


# --- the public functions ---------------------------------------------------------


def test_iter_placeholders_yields_pointer_and_text_for_each_string() -> None:
    data = {
        "title": "Title of the Qualification",
        "issuer": {"name": "[Issuing University Name]", "url": "https://x.org"},
        "learning_outcomes": ["Explain X", "Insert outcome here", {"statement": "TBD, TBA"}],
        "extensions": {"x-note": "TODO"},
    }
    assert list(iter_placeholders(data, language="en")) == [
        ("/title", "Title of the Qualification"),
        ("/issuer/name", "[Issuing University Name]"),
        ("/learning_outcomes/1", "Insert outcome here"),
        ("/learning_outcomes/2/statement", "TBD"),
    ]


def test_iter_placeholders_language_is_a_required_keyword() -> None:
    data = {"description": "todo el curso"}
    assert list(iter_placeholders(data, language="es")) == []
    assert list(iter_placeholders(data, language=None)) == [("/description", "todo")]
    with pytest.raises(TypeError):
        iter_placeholders(data, "es")  # type: ignore[misc]


def test_iter_placeholders_with_extra_patterns() -> None:
    extra = compile_patterns((r"coming\s+soon",))
    data = {"description": "Dates: coming soon", "title": "Data"}
    assert list(iter_placeholders(data, language=None)) == []
    assert list(iter_placeholders(data, language=None, extra=extra)) == [
        ("/description", "coming soon")
    ]


def test_spans_are_in_order_and_do_not_overlap() -> None:
    text = "[Course Name] starts TBD; {{ x [y z] }} lorem ipsum"
    spans = list(iter_placeholder_spans(text))
    assert [text[a:b] for a, b in spans] == ["[Course Name]", "TBD", "{{ x [y z] }}", "lorem ipsum"]


def test_compile_patterns_is_cached_and_reports_bad_patterns() -> None:
    first = compile_patterns(("a+b", "c"))
    assert compile_patterns(("a+b", "c")) is first
    assert all(p.flags & re.IGNORECASE for p in first)
    with pytest.raises(ValueError, match=r"'\(' is not a valid regular expression"):
        compile_patterns(("ok", "("))


def test_the_check_compiles_the_rubric_patterns_once() -> None:
    before = compile_patterns.cache_info()
    context = make_context(CHECK, {"description": "soon"}, patterns=["so+n", "later"])
    for _ in range(3):
        assert len(list(CHECK.run(context))) == 1
    after = compile_patterns.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 2


# --- bounded time -------------------------------------------------------------------

MEGABYTE = 1_000_000


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern of the module, by name."""
    for name, value in vars(placeholders).items():
        items = value if isinstance(value, tuple) else (value,)
        for index, item in enumerate(items):
            for inner in item if isinstance(item, tuple) else (item,):
                if isinstance(inner, re.Pattern):
                    yield f"{name}[{index}]", inner


_ONE_CHARACTER = (
    sre_constants.LITERAL,
    sre_constants.NOT_LITERAL,
    sre_constants.IN,
    sre_constants.ANY,
    sre_constants.CATEGORY,
)


def _repeats(items: Any, inside_unbounded: bool = False) -> Iterator[str]:
    """Problems with repetition in a parsed pattern: nested or over more than one item."""
    for op, arg in items:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            _low, high, body = arg
            unbounded = high == sre_constants.MAXREPEAT
            if inside_unbounded and high > 1:
                yield "a repetition inside an unbounded repetition"
            if unbounded and not (len(body) == 1 and body[0][0] in _ONE_CHARACTER):
                yield "an unbounded repetition of more than one character"
            yield from _repeats(body, inside_unbounded or unbounded)
        elif op is sre_constants.SUBPATTERN:
            yield from _repeats(arg[-1], inside_unbounded)
        elif op is sre_constants.BRANCH:
            for branch in arg[1]:
                yield from _repeats(branch, inside_unbounded)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            yield from _repeats(arg[1], inside_unbounded)


def test_every_builtin_pattern_repeats_only_single_characters_without_nesting() -> None:
    """No pattern can backtrack catastrophically: an unbounded repetition (``*``, ``+``)
    only ever repeats one character or character class, and nothing that repeats sits
    inside it. Whatever else repeats is bounded (``{0,200}``), so the work per
    character of input is bounded whatever the input."""
    names = []
    for name, pattern in _patterns():
        names.append(name)
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        assert list(_repeats(parsed)) == [], (name, pattern.pattern)
    assert len(names) >= 20


_ADVERSARIAL = {
    "word": lambda n: "a" * n,
    "XXX": lambda n: "X" * n,
    "[": lambda n: "[" * n,
    "<": lambda n: "<" * n,
    "{": lambda n: "{" * n,
    "backticks": lambda n: "`" * n,
    "open [": lambda n: "[" + "a" * n,
    "open <": lambda n: "<" + "a " * (n // 2),
    "code spans": lambda n: "`a" * (n // 2),
    "fences": lambda n: "```\n" * (n // 4),
    "definitions": lambda n: "[ab]:" * (n // 5),
    "lines": lambda n: "Course title\n" * (n // 13),
    "mixed": lambda n: "[<{`~*_-:\n" * (n // 10),
}


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three, to see through a busy machine
        started = time.perf_counter()
        list(iter_placeholder_spans(text))
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", sorted(_ADVERSARIAL))
def test_adversarial_text_is_searched_in_linear_time(name: str) -> None:
    # Four times the text may take four times as long, not sixteen (quadratic): the
    # ratio, unlike a time limit, holds on a slow or busy machine.
    make = _ADVERSARIAL[name]
    small, large = _seconds(make(MEGABYTE // 4)), _seconds(make(MEGABYTE))
    assert large < 8 * max(small, 1e-3), (name, small, large)


# --- more properties ----------------------------------------------------------------

_TRICKY = st.text(
    st.sampled_from(list("[]<>{}`~%$«»_*-:#!^/\\ \n\t.,'\"aAxX1é")) | st.characters(),
    max_size=120,
)
_WORDS = st.sampled_from(
    [
        "[Issuing University Name]",
        "Title of the Qualification",
        "Insert course title here",
        "{{ x }}",
        "`",
        "```\n",
        "TBD",
        "todo",
        "<nombre del curso>",
        "[1]",
        "\n",
        " ",
        "Course Title",
    ]
)
_STRINGS = st.lists(_TRICKY | _WORDS, max_size=6).map("".join)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _STRINGS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["extensions", "a/b", "~"]), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@given(
    data=st.dictionaries(st.text(max_size=8), _JSON, max_size=5),
    language=st.sampled_from([None, "en", "es", "nl-BE"]),
)
def test_iter_placeholders_never_raises_and_its_pointers_resolve(
    data: dict[str, Any], language: str | None
) -> None:
    pointers = []
    for pointer, text in iter_placeholders(data, language=language):
        pointers.append(pointer)
        found, value = resolve(data, pointer)
        assert found, pointer
        assert isinstance(value, str)
        assert text and text in value
        assert not pointer.startswith("/extensions/") and pointer != "/extensions"
    assert len(pointers) == len(set(pointers))


@given(_STRINGS, st.sampled_from([None, "en", "es"]))
def test_spans_are_ordered_disjoint_and_inside_the_text(text: str, language: str | None) -> None:
    last = 0
    for start, end in iter_placeholder_spans(text, language=language):
        assert last <= start < end <= len(text)
        last = end
