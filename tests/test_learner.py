"""``mcqa render``: the page for learners, in HTML and Markdown.

The example descriptor's pages are compared byte for byte with
``tests/golden/learner/``; after a deliberate change, rewrite them with
``MCQA_UPDATE_GOLDEN=1 python3 dev.py test tests/test_learner.py`` and read the
difference before committing it (or open the HTML page in a browser).

A hostile descriptor, whose every text holds markup, template syntax, a
``javascript:`` address, ANSI escapes and direction overrides, must give pages
where none of it is live; when Chromium is installed, a headless Chromium opens
the hostile page and no script may have run (elsewhere that test is skipped).
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt

import mcqa
from mcqa.evaluate import type_descriptor
from mcqa.importers import load_descriptor
from mcqa.learner import render_learner_page, web_address
from mcqa.models.report import RubricRef
from mcqa.reporters.html import TEXT_PAIRS
from tests.reporters._ci_support import ROOT, TODAY, assert_golden, assert_no_raw_controls
from tests.reporters.test_html import Node, _browser, _chromium, contrast, parse, schemes
from tests.test_check_cli import invoke

# Golden files of this page live beside those of the reports: an absolute path given to
# assert_golden is used as it is.
GOLDEN = Path(__file__).resolve().parent / "golden" / "learner"
EXAMPLE = "examples/catalog/data-analytics-foundations.yaml"
EXAMPLE_ARGS = [EXAMPLE, "-c", "examples/.mcqa.yaml", "--today", TODAY.isoformat()]

NEEDS_CHROMIUM = pytest.mark.skipif(
    _chromium() is None,
    reason="needs Chromium or Chrome on the PATH (Debian: apt-get install chromium)",
)


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def render(*args: str) -> str:
    result = invoke(["render", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def example(fmt: str) -> str:
    return render(*EXAMPLE_ARGS, "-f", fmt)


# -- the example -----------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("html", "example.html"), ("markdown", "example.md")])
def test_the_example_is_the_golden_file(fmt: str, name: str) -> None:
    assert_golden(str(GOLDEN / name), example(fmt))


def test_the_library_writes_what_the_command_writes() -> None:
    document, imported = load_descriptor(EXAMPLE)
    model, _ = type_descriptor(document)
    assert model is not None and imported is None
    report = mcqa.check_folder(EXAMPLE, config="examples/.mcqa.yaml", today=TODAY)
    [result] = report.results
    rubric = mcqa.load_rubric(f"{report.rubric.id}@{report.rubric.version}")
    for fmt in ("html", "markdown"):
        page = render_learner_page(model, result, rubric, format=fmt, today=TODAY)  # type: ignore[arg-type]
        assert page == example(fmt)
    with pytest.raises(ValueError, match="html or markdown"):
        render_learner_page(model, result, rubric, format="pdf", today=TODAY)  # type: ignore[arg-type]


def test_the_page_names_the_rubric_that_judged_the_result() -> None:
    data = {"id": "d1", "title": "Data literacy"}
    result = mcqa.evaluate(data, "mcqa-core@2.0.0").results[0]
    model = mcqa.Descriptor.model_validate(data)
    override = result.model_copy(update={"rubric": RubricRef(id="local", version="9.9.9")})
    rubric = mcqa.load_rubric("mcqa-core@2.0.0")
    page = render_learner_page(model, override, rubric, format="markdown", today=TODAY)
    assert "`local@9.9.9`" in page and "mcqa-core" not in page


# What each element of Annex I of the EU Recommendation looks like on the example's page
# (the elements of an issued credential, such as the learner's name, are not a descriptor's).
ANNEX_I = {
    "Title of the microcredential": ["<h1>Data Analytics Foundations</h1>"],
    "Country or region of the issuer": ["Munster, Ireland"],
    "Awarding body": ["Centre for Lifelong Learning, Northbridge University"],
    "Learning outcomes": [
        "LO1: Prepare a raw data set",
        "LO2: Analyze a business question",
        "LO3: Build an interactive dashboard",
        "LO4: Communicate the results",
    ],
    "Notional workload": ["75 hours of learning", "<dt>ECTS credits</dt>\n<dd>3</dd>"],
    "Level": ["EQF level 5"],
    "Type of assessment": ["<dd>Project</dd>", "<dd>Quiz</dd>", "A combined score of at least 60"],
    "Form of participation": ["<dt>Form of participation</dt>\n<dd>Online</dd>"],
    "Type of quality assurance": ["<dt>Type of quality assurance</dt>\n<dd>Internal</dd>"],
    "Prerequisites": ["Level 5 on the Irish National Framework", "A laptop or desktop computer"],
    "Supervision and identity verification": ["supervised, and your identity is checked"],
    "Integration and stackability options": [
        "Certificate in Applied Data Analytics (15 ECTS)",
        "3 ECTS, recommended by Northbridge University Academic Council",
        "it appears on your official transcript",
    ],
    "Further information": [
        'href="https://learn.northbridge-uni.ie/microcredentials/data-analytics-foundations"',
        "Dr Aoife Brennan, Programme Lead",
        "microcredentials@northbridge-uni.ie",
    ],
}


def test_every_annex_i_element_of_the_example_is_on_the_page() -> None:
    rubric = mcqa.load_rubric("eu-microcredential@^2022")
    elements = {s.title for _, s in rubric.iter_standards() if s.scope == "descriptor"}
    assert set(ANNEX_I) == elements
    page = example("html")
    for element, shown in ANNEX_I.items():
        for text in shown:
            assert text in page, f"{element}: {text!r} is not on the page"


def test_the_check_is_stated_with_its_rubric_and_day() -> None:
    html = example("html")
    assert '<span class="badge b-conformant">Meets the quality standard</span>' in html
    assert "<code>mcqa-core@2.0.0</code>" in html
    assert '<time datetime="2026-12-01">1 December 2026</time>' in html
    assert "100 % (103 of 103 points)" in html and "13 of 13" in html
    markdown = example("markdown")
    assert "`mcqa-core@2.0.0`" in markdown and "1 December 2026" in markdown


# -- the HTML page's structure ---------------------------------------------------------------


def assert_page(text: str) -> Node:
    """What a screen reader, a keyboard, a printer and a strict browser need."""
    root = parse(text)
    [html] = root.children
    assert html.tag == "html" and html.attrs == {"lang": "en"}
    head, body = html.children
    assert head.children[0].attrs == {"charset": "utf-8"}
    assert head.find_all("title")[0].all_text().strip()
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    levels = [int(n.tag[1]) for n in body.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"h{before} then h{after}"
    # Facts are a description list: each group a div holding one term, then its values.
    for dl in root.find_all("dl"):
        for group in dl.children:
            assert group.tag == "div"
            tags = [c.tag for c in group.children]
            assert tags[0] == "dt" and len(tags) > 1 and set(tags[1:]) == {"dd"}, tags
            assert all(c.all_text().strip() for c in group.children)
    # Nothing runs, nothing is fetched, nothing styles itself; links go to the page or the web.
    tags = {node.tag for node in root.iter()}
    assert not tags & {"script", "iframe", "object", "embed", "img", "form", "input", "base"}
    for node in root.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on") and name != "style", (node.tag, name)
            if name == "href":
                assert value == "data:," or value[1:] in ids or web_address(value) == value, value
    [style] = root.find_all("style")
    from mcqa.reporters.html import style_hash

    [policy] = [m for m in head.find_all("meta") if m.attrs.get("http-equiv")]
    assert policy.attrs["http-equiv"] == "Content-Security-Policy"
    assert policy.attrs["content"].startswith("default-src 'none'; ")
    assert f"style-src {style_hash(style.all_text())};" in policy.attrs["content"]
    assert_no_raw_controls(text)
    return root


def test_the_example_page_is_accessible() -> None:
    root = assert_page(example("html"))
    [main] = root.find_all("main")
    headings = [n.all_text() for n in main.find_all("h2")]
    assert headings[0] == "About this credential" and headings[-1] == "Quality check"
    [nav] = root.find_all("nav")
    assert [a.all_text() for a in nav.find_all("a")] == headings
    assert root.find_all("a")[0].attrs["href"] == "#content"


def test_the_stylesheet_meets_wcag_aa_and_prints() -> None:
    css = parse(example("html")).find_all("style")[0].all_text()
    for name, colours in schemes(css).items():
        for fore, back in TEXT_PAIRS:
            assert contrast(colours[fore], colours[back]) >= 4.5, (name, fore, back)
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        fore = re.search(r"(?:^|;)color:var\(--([\w-]+)\)", body)
        if fore is not None:
            back = re.search(r"background:var\(--([\w-]+)\)", body)
            pair = (fore.group(1), back.group(1) if back else "bg")
            assert pair in TEXT_PAIRS, f"{selector.strip()}: {pair} is not checked"
    assert "@media print" in css and "nav{display:none}" in css.replace(".skip,", "")


# -- hostile text ----------------------------------------------------------------------------

PAYLOAD = (
    "<script>document.title='pwned'</script> <img src=x onerror=alert(1)> "
    "{{ 7*7 }} {% raw %} \x1b[31mred\x1b[0m \u202eevil\u202c ::error::forged"
)
#: The payload as the page shows it: control and direction characters as visible escapes.
PRINTED = (
    "<script>document.title='pwned'</script> <img src=x onerror=alert(1)> "
    "{{ 7*7 }} {% raw %} \\x1b[31mred\\x1b[0m \\u202eevil\\u202c ::error::forged"
)
BAD_URL = "javascript:alert(1)"
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def hostile_data() -> dict[str, Any]:
    """A descriptor whose every text is :data:`PAYLOAD` and every address :data:`BAD_URL`."""
    p, u = PAYLOAD, BAD_URL
    issuer = {"name": p, "url": u, "country": p, "region": p, "parent": p}
    return {
        "id": p,
        "title": p,
        "type": p,
        "status": p,
        "version": p,
        "language": p,
        "languages": [p],
        "url": u,
        "issuer": issuer,
        "co_issuers": [issuer],
        "description": p,
        "audience": {"description": p, "level": p, "prior_knowledge": p},
        "relevance": {
            "skills_gap": p,
            "labor_market_evidence": p,
            "industry_partners": [p],
            "occupations": [{"framework": p, "code": p, "title": p}],
        },
        "learning_outcomes": [
            {
                "id": p,
                "statement": p,
                "alignments": [{"framework": p, "code": p, "name": p, "url": u}],
            },
            {
                "statement": p,
                "alignments": [{"name": p, "url": "data:text/html,<script>x</script>"}],
            },
        ],
        "workload": {"pace": p, "hours": 10},
        "level": {"framework": p, "value": p, "not_applicable": p},
        "delivery": {"mode": p, "schedule": p},
        "assessments": [
            {"id": p, "type": p, "description": p, "outcomes": [p], "passing_standard": p}
        ],
        "prerequisites": [p, p],
        "cost": {
            "amount": 10,
            "currency": p,
            "includes": [p],
            "additional_fees": p,
            "financial_aid": {"eligible": True, "programs": [p], "statement": p},
            "scholarships": p,
            "refund_policy_url": u,
        },
        "stackability": {
            "stacks_into": [{"id": p, "title": p, "type": p}],
            "credit": {"value": 1, "unit": p, "recommended_by": p},
        },
        "credential": {"format": p, "platform": p, "verification_url": u, "expires": p},
        "accessibility": {"statement": p, "conformance": p, "accommodations_contact": p},
        "equity": {"statement": p, "supports": [p]},
        "quality_assurance": {
            "type": p,
            "body": p,
            "approved_through": p,
            "policy_url": "  JavaScript:alert(1)",
            "last_review": p,
            "next_review": p,
        },
        "outcomes_data": {"enrollments": 3, "period": p},
        "contact": {"name": p, "email": p, "url": "//evil.example/x", "phone": p},
    }


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile_data()), encoding="utf-8")
    return path


def hostile_page(path: Path, fmt: str) -> str:
    return render(str(path), "--no-config", "--today", TODAY.isoformat(), "-f", fmt)


def test_hostile_text_is_inert_in_html(hostile: Path) -> None:
    text = hostile_page(hostile, "html")
    root = assert_page(text)
    lowered = text.lower()
    for live in ("<script", "<img", 'href="javascript:'):
        assert live not in lowered, live
    assert 'href="data:text' not in lowered and 'href="//' not in lowered
    assert "{{ 7*7 }}" in text and "{% raw %}" in text and "49" not in root.all_text()
    shown = root.all_text()
    assert "<script>document.title='pwned'</script>" in shown  # as text
    assert shown.count(PRINTED) >= 40
    assert "javascript:alert(1)" in shown  # the address, as text
    assert root.find_all("title")[0].all_text().startswith("<script>")


def test_hostile_text_is_inert_in_markdown(hostile: Path) -> None:
    text = hostile_page(hostile, "markdown")
    assert not RAW_CONTROL.search(text)
    for line in text.splitlines():
        assert not re.match(r"\s*(::|##\[)", line), line
    # No raw HTML (every < is escaped, or opens a web address), no template tag for a site
    # generator (Liquid, Hugo): every { is a character reference.
    for raw in re.finditer(r"(?<!\\)<", text):
        assert text.startswith("<http", raw.start()), text[raw.start() : raw.start() + 40]
    assert "{" not in text
    assert "](javascript:" not in text and "](data:" not in text and "](//" not in text
    # Rendered, every text is shown as written, and nothing is live.
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script" not in rendered and "<img" not in rendered
    assert not re.search(r"href=\"(?!https?://|#)", rendered)
    shown = parse("<!DOCTYPE html><html>" + rendered + "</html>").all_text()
    assert shown.count(PRINTED) >= 40, shown[:2000]
    assert "49" not in shown and "javascript:alert(1)" in shown


@NEEDS_CHROMIUM
def test_the_hostile_page_runs_nothing_in_a_browser(hostile: Path, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(hostile_page(hostile, "html"), encoding="utf-8")
    written = parse(page.read_text(encoding="utf-8"))
    done = _browser(tmp_path, page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    built = parse("<!DOCTYPE html>\n" + done.stdout)
    [title] = built.find_all("title")
    assert title.all_text() == written.find_all("title")[0].all_text()
    assert "pwned" not in title.all_text().replace("document.title='pwned'", "")
    tags = {node.tag for node in built.iter()}
    assert not tags & {"script", "img", "iframe"}
    for node in built.iter():
        assert not [name for name in node.attrs if name.lower().startswith("on")], node.attrs
        href = node.attrs.get("href") or ""
        assert not href.lower().lstrip().startswith(("javascript:", "data:text")), href
    assert "Content Security Policy" not in done.stderr


@NEEDS_CHROMIUM
def test_the_example_page_opens_with_nothing_blocked(tmp_path: Path) -> None:
    page = tmp_path / "example.html"
    text = example("html")
    page.write_text(text, encoding="utf-8")
    done = _browser(tmp_path, page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, console
    assert "net::ERR" not in done.stderr
    built = parse("<!DOCTYPE html>\n" + done.stdout)
    assert [n.all_text() for n in built.find_all("h2")] == [
        n.all_text() for n in parse(text).find_all("h2")
    ]


# -- what is absent, other formats, bad values -----------------------------------------------


def page_of(data: dict[str, Any], fmt: str) -> str:
    result = mcqa.evaluate(data, "mcqa-core@2.0.0", today=TODAY).results[0]
    model, _ = type_descriptor(mcqa.load_text(json.dumps(data), format="json"))
    assert model is not None
    rubric = mcqa.load_rubric("mcqa-core@2.0.0")
    return render_learner_page(model, result, rubric, format=fmt, today=TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_absent_fields_say_nothing(fmt: str) -> None:
    sparse = {
        "id": "d1",
        "title": "Data literacy",
        "issuer": {},
        "workload": {},
        "cost": {"financial_aid": "none available"},
        "stackability": {"stacks_into": [{}], "credit": {}},
        "assessments": [{}],
        "learning_outcomes": [{"statement": "Clean a data set", "alignments": [{}]}],
        "contact": {},
    }
    text = page_of(sparse, fmt)
    for word in ("None", "null", "undefined", "()", "( )"):
        assert word not in text, word
    assert "Clean a data set" in text
    assert "Not available" in text and "none available" in text
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>|^## (.+)$", text, re.MULTILINE)
    shown = [a or b for a, b in headings]
    assert shown == [
        "What you will be able to do",
        "Cost, financial aid and refunds",
        "Quality check",
    ]
    if fmt == "html":
        assert_page(text)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_minimal_descriptor_gives_a_whole_page(fmt: str) -> None:
    text = page_of({"id": "d1", "title": "Data literacy"}, fmt)
    assert "None" not in text and "Data literacy" in text
    assert "Does not meet the quality standard yet" in text
    if fmt == "html":
        root = assert_page(text)
        assert [n.all_text() for n in root.find_all("h2")] == ["Quality check"]


def test_a_free_credential_and_other_units() -> None:
    data = {
        "id": "d1",
        "title": "First aid",
        "language": "nl-BE",
        "workload": {"hours": 1, "credit_hours": 1.5, "ceus": 0.8, "duration_weeks": 1},
        "level": {"not_applicable": "a non-formal credential"},
        "cost": {"amount": 0, "currency": "EUR"},
        "delivery": {"mode": "blended"},
        "stackability": {"transcripted": False, "learner_record": True},
        "quality_assurance": {"last_review": "2026-02-01"},
        "identity_verification": "none",
    }
    text = page_of(data, "markdown")
    for shown in (
        "**Taught and assessed in:** Dutch \\(nl-BE\\)",
        "**Workload:** 1 hours",
        "**US semester credit hours:** 1.5",
        "**Continuing Education Units \\(CEUs\\):** 0.8",
        "**Duration:** 1 week",
        "No qualifications framework level: a non-formal credential",
        "**Price:** Free",
        "Blended \\(online and on site\\)",
        "No: it does not appear on an official transcript",
        "Yes: the provider keeps it on your permanent learner record",
        "**Last reviewed:** 1 February 2026",
        "Assessment is not supervised",
    ):
        assert shown in text, shown


MARKDOWN_PAGE = """\
# Specification

**Title of the micro-credential:** Data literacy
**Awarding body:** Example University
**Country:** Netherlands

**Learning outcomes:**
The learner can:

- Read a chart critically
- Question a sample size

**ECTS:** 5
**EQF level:** 6
**Type of assessment:** written exam
**Form of participation:** online
**Supervision and identity verification:** supervised with identity verification
"""


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_markdown_page_renders(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "course.md"
    source.write_text(MARKDOWN_PAGE, encoding="utf-8")
    text = render(str(source), "--no-config", "--today", TODAY.isoformat(), "-f", fmt)
    for shown in (
        "Data literacy",
        "Example University",
        "Netherlands",
        "Read a chart critically",
        "Question a sample size",
        "EQF level 6",
        "Written exam",
        "Online",
        "your identity is checked",
    ):
        assert shown in text, shown
    if fmt == "html":
        assert_page(text)


def test_an_open_badges_achievement_renders(tmp_path: Path) -> None:
    badge = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://example.edu/achievements/data-101",
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": "Data literacy",
        "description": "Read and question the numbers in a report.",
        "criteria": {"narrative": "Pass the final project."},
    }
    source = tmp_path / "badge.json"
    source.write_text(json.dumps(badge), encoding="utf-8")
    text = render(str(source), "--no-config", "--today", TODAY.isoformat(), "-f", "markdown")
    assert text.startswith("# Data literacy\n")
    assert "Read and question the numbers in a report." in text


def test_a_ctdl_record_renders(tmp_path: Path) -> None:
    from mcqa.importers.ctdl import export_ctdl

    data = yaml.safe_load((ROOT / EXAMPLE).read_text(encoding="utf-8"))
    source = tmp_path / "record.json"
    source.write_text(json.dumps(export_ctdl(data)), encoding="utf-8")
    text = render(str(source), "--no-config", "--today", TODAY.isoformat(), "-f", "markdown")
    assert text.startswith("# Data Analytics Foundations\n")
    assert "Prepare a raw data set" in text and "Munster, Ireland" in text


def test_values_with_errors_are_left_out_and_named(tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    data = {
        "id": "d1",
        "title": "Data literacy",
        "workload": {"hours": "lots", "ects": 2},
        "issuer": {"name": "Example University", "country": ["NL"]},
    }
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = invoke(["render", str(source), "--no-config", "-f", "markdown"])
    assert result.exit_code == 0, result.output
    assert "**ECTS credits:** 2" in result.stdout and "Example University" in result.stdout
    assert "lots" not in result.stdout and "Workload:**" not in result.stdout
    assert "bad.yaml:" in result.stderr and "leaves out 2 values with errors" in result.stderr


# -- the command -----------------------------------------------------------------------------


def test_a_file_that_holds_no_descriptor_is_exit_2_with_its_place() -> None:
    result = invoke(["render", "examples/catalog/broken-entry.yaml", "--no-config"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert re.search(r"broken-entry\.yaml:\d+:\d+: error: ", result.stderr)
    assert "cannot be read as a descriptor" in result.stderr


def test_output_goes_to_a_file_and_never_over_the_descriptor(tmp_path: Path) -> None:
    target = tmp_path / "site" / "page.html"
    result = invoke(["render", *EXAMPLE_ARGS, "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == example("html")
    assert f"wrote {target}" in result.stderr
    copy = tmp_path / "d.yaml"
    copy.write_bytes((ROOT / EXAMPLE).read_bytes())
    refused = invoke(["render", str(copy), "--no-config", "-o", str(copy)])
    assert refused.exit_code == 2 and "refusing" in refused.stderr
    assert copy.read_bytes() == (ROOT / EXAMPLE).read_bytes()


@pytest.mark.parametrize(
    "args",
    [
        ["--today", "2026-13-01"],
        ["-f", "pdf"],
        ["-r", "no-such-rubric@1"],
    ],
)
def test_usage_errors_are_exit_2(args: Sequence[str]) -> None:
    result = invoke(["render", EXAMPLE, "--no-config", *args])
    assert result.exit_code == 2 and result.stdout == ""


def test_reviews_and_the_day_change_the_check() -> None:
    without = render(EXAMPLE, "--no-config", "--today", "2026-06-30", "-f", "markdown")
    assert "Quality review in progress" in without and "30 June 2026" in without
    withforms = render(
        EXAMPLE, "--no-config", "--reviews", "examples/reviews", "--today", "2026-06-30"
    )
    assert "Meets the quality standard" in withforms


def test_help_teaches_with_examples() -> None:
    result = invoke(["render", "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "mcqa render catalog/data-101.yaml" in result.stdout
    assert "Exit codes:" in result.stdout
    assert "render" in invoke(["--help"]).stdout


@pytest.mark.slow
def test_the_templates_ship_in_the_wheel(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (test extra)")
    wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*wheel, "--wheel-dir", str(tmp_path), str(ROOT)], check=True, capture_output=True
    )
    (built,) = tmp_path.glob("mcqa*.whl")
    names = set(zipfile.ZipFile(built).namelist())
    assert {"mcqa/templates/learner/page.html", "mcqa/templates/learner/learner.css"} <= names
