"""False positives of the placeholder detector, measured on real public documents.

Every string value of every JSON file and the whole text of every Markdown
file in ``../shared/corpus/real`` beside the repository is searched, and the
placeholders found must be exactly the ones pinned below. The documents are
read at run time (nothing is copied here); a clone without the corpus skips
these tests.

Each pinned flag was read in its document and is a real placeholder: a slot
of a template that nobody filled in, template syntax, filler text or a to-do
note. What the corpus holds that looks like a placeholder but is not, and
must stay unflagged:

- Open Badges and Credential Engine sample data ("Example University",
  "Awesome Robotics Badge", "John Doe", ``https://example.org``): sample
  values are meaningful values, not slots waiting for one;
- citations and keys of specifications (``[RFC7515]``, ``[VC-DATA-MODEL-2.0]``,
  ``[#data-integrity]``), regular expressions in JSON Schemas (``[a-z]``,
  ``[a-zA-Z0-9_-]``), lists written as JSON or YAML in text
  (``["robots", "awesome"]``, ``[amr, bacteria, ...]``), URLs in brackets;
- GitHub Actions expressions (``${{ env.URLS }}``) inside fenced code, and
  Jekyll tags (``{% highlight json %}``): markup, not slots;
- schema descriptions such as "The name of the achievement", which define a
  field rather than stand in for its value.

The ``title`` annotations of JSON Schemas are left out of the walk: a
schema's ``title`` is the label of a form field ("Credential title"), the
very text a template shows before it is filled in. The detector flags such a
label when it stands as a value, by design; a separate test pins that it
does so for these labels.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from mcqa.checks._walk import iter_strings
from mcqa.checks.placeholders import PlaceholderText, find_placeholder, iter_placeholder_spans

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "real"

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"needs the shared corpus of real documents at {CORPUS} (not beside this clone)",
)

#: The corpus's own list of sources describes the documents; it is not one of them.
NOT_DOCUMENTS = frozenset({"SOURCES.md"})

#: Documents not in English. The specification's final part is in Spanish, where
#: "todo" is an ordinary word ("para todo el contenido").
LANGUAGES = {
    "rkemcha-mc-evaluation/specifications/00d6666a-c163-11f0-a14b-427b3ba2f1ec.md": "es",
}

_RKEMCHA = "rkemcha-mc-evaluation/specifications/"

#: Every placeholder in the corpus: (document, JSON Pointer or line, text).
EXPECTED: list[tuple[str, str | int, str]] = [
    # The OB 2.0 examples page is a Jekyll page: the page's title and subtitle are
    # template variables filled in when the site is built.
    ("1edtech-openbadges-specification/ob_v2p0/examples/index.md", 17, "{{page.title}}"),
    ("1edtech-openbadges-specification/ob_v2p0/examples/index.md", 124, "{{page.title}}"),
    ("1edtech-openbadges-specification/ob_v2p0/examples/index.md", 137, "{{ page.subtitle }}"),
    # A Credential Registry fixture from before the namespace was chosen.
    (
        "credentialengine-credentialregistry/spec/support/fixtures/json/ce_registry/credential/4_valid.json",
        "/@context/ctdl",
        "[CTI Namespace Not Determined Yet]",
    ),
    # The list of examples is a Liquid template (its variables), and a to-do note
    # says the digests in the examples are dummy values ("(@TODO)").
    ("educredentials-obv3-examples/examples.md", 23, "{{ credential.url | relative_url }}"),
    ("educredentials-obv3-examples/examples.md", 24, "{{ image_filename }}"),
    ("educredentials-obv3-examples/examples.md", 24, "{{ achievement_name }}"),
    ("educredentials-obv3-examples/examples.md", 26, "{{ achievement_name }}"),
    ("educredentials-obv3-examples/examples.md", 27, "{{ issuer_name }}"),
    ("educredentials-obv3-examples/examples.md", 28, "{{ criteria_narrative }}"),
    ("educredentials-obv3-examples/examples.md", 171, "TODO"),
    # The minimal valid credential's achievement is filler text throughout.
    (
        "educredentials-obv3-examples/ref/minimal_valid_obv3.json",
        "/credentialSubject/achievement/criteria/narrative",
        "Lorem ipsum",
    ),
    (
        "educredentials-obv3-examples/ref/minimal_valid_obv3.json",
        "/credentialSubject/achievement/description",
        "Lorem ipsum",
    ),
    (
        "educredentials-obv3-examples/ref/minimal_valid_obv3.json",
        "/credentialSubject/achievement/name",
        "Lorem ipsum",
    ),
    # The EDC micro-credential example keeps its template's labels as its titles, in
    # English and (still in English) German: the case of the QA audit.
    (
        "mynextid-credentials/microcredential/v1/edc/examples/edc-mc-example.json",
        "/credentialSubject/hasClaim/specifiedBy/title/de",
        "Title of the Qualification",
    ),
    (
        "mynextid-credentials/microcredential/v1/edc/examples/edc-mc-example.json",
        "/credentialSubject/hasClaim/specifiedBy/title/en",
        "Title of the Qualification",
    ),
    (
        "mynextid-credentials/microcredential/v1/edc/examples/edc-mc-example.json",
        "/credentialSubject/hasClaim/title/de",
        "Title of your learning achievement",
    ),
    (
        "mynextid-credentials/microcredential/v1/edc/examples/edc-mc-example.json",
        "/credentialSubject/hasClaim/title/en",
        "Title of your learning achievement",
    ),
    (
        "mynextid-credentials/microcredential/v1/input-fields/example.json",
        "/achievementTitle/en",
        "Title of the Qualification",
    ),
    # Generated specifications that keep their template's slots. In the first, the
    # planning notes mark two sections "Placeholder." and name the slot they will
    # use (line 14, in code type); in the fourth, a bracketed drafting note admits
    # that the section is unfinished.
    (_RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md", 11, "Placeholder"),
    (_RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md", 14, "<Universidad Emisora>"),
    (_RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md", 32, "Placeholder"),
    (
        _RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md",
        40,
        "<Nombre del Individuo Recibiendo la Certificación>",
    ),
    (_RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md", 49, "<Universidad Emisora>"),
    (_RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md", 52, "<Universidad Emisora>"),
    (_RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md", 66, "<Capacidad de Inscripción>"),
    (_RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md", 157, "<Universidad Emisora>"),
    (
        _RKEMCHA + "00d6666a-c163-11f0-a14b-427b3ba2f1ec.md",
        160,
        "<Fecha de Emisión del Certificado>",
    ),
    (_RKEMCHA + "092c7482-5122-11f0-aaae-427b3ba2f1eb.md", 13, "<Start Date>"),
    (_RKEMCHA + "092c7482-5122-11f0-aaae-427b3ba2f1eb.md", 13, "<End Date>"),
    (_RKEMCHA + "092c7482-5122-11f0-aaae-427b3ba2f1eb.md", 106, "TBD"),
    (_RKEMCHA + "092c7482-5122-11f0-aaae-427b3ba2f1eb.md", 142, "<Trainer Name>"),
    (_RKEMCHA + "092c7482-5122-11f0-aaae-427b3ba2f1eb.md", 143, "<Trainer Name>"),
    (_RKEMCHA + "15aea1e6-51bb-11f0-82aa-427b3ba2f1eb.md", 5, "[link to privacy policy]"),
    (
        _RKEMCHA + "15aea1e6-51bb-11f0-82aa-427b3ba2f1eb.md",
        165,
        "[Further research is ongoing to ensure complete adherence]",
    ),
    (
        _RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md",
        5,
        "[Name of individual receiving certification]",
    ),
    (
        _RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md",
        9,
        "[Method for identity verification during course & evaluation]",
    ),
    (
        _RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md",
        17,
        "[University offering the microcredential]",
    ),
    (
        _RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md",
        21,
        "[Institution providing learning experience (if different)]",
    ),
    (_RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md", 25, "[Duration dates]"),
    (_RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md", 33, "[Entry criteria]"),
    (
        _RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md",
        58,
        "[Skills/knowledge/competencies achieved]",
    ),
    (_RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md", 81, "[Teaching/practical activities]"),
    (
        _RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md",
        105,
        "[Trainer qualifications/experiences]",
    ),
    (
        _RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md",
        109,
        "[Integration with other credentials]",
    ),
    (_RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md", 113, "[Credential benefits]"),
    (_RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md", 118, "[Quality procedures]"),
    (_RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md", 122, "[Issuing university details]"),
    (_RKEMCHA + "278cddc6-8fee-11f0-bb5c-427b3ba2f1ec.md", 126, "[Credential issuance date]"),
    # Set in code type (`[Recipient Name]`), but template slots all the same.
    (_RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md", 8, "[Recipient Name]"),
    (_RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md", 17, "[Issuing University Name]"),
    (_RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md", 20, "[Issuing University Name]"),
    (
        _RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md",
        107,
        "[Name of a relevant Master's program, e.g., M.A. in Educational Leadership]",
    ),
    (_RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md", 107, "[Issuing University Name]"),
    (_RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md", 119, "[Issuing University Name]"),
    (_RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md", 120, "[University Address]"),
    (_RKEMCHA + "2fbcf076-ae5c-11f0-ba2d-427b3ba2f1ec.md", 121, "[University Website]"),
]

#: Labels of form fields in JSON Schemas, which the detector reads as template labels.
FORM_LABELS: list[tuple[str, str, str]] = [
    (
        "mynextid-credentials/certificate-of-attendance/v1/input-fields/schema.json",
        "/properties/achievementDescription/title",
        "Achievement description",
    ),
    (
        "mynextid-credentials/certificate-of-attendance/v1/input-fields/schema.json",
        "/properties/achievementTitle/title",
        "Achievement title",
    ),
    (
        "mynextid-credentials/certificate-of-attendance/v1/input-fields/schema.json",
        "/properties/credentialTitle/title",
        "Credential title",
    ),
    (
        "mynextid-credentials/microcredential/v1/input-fields/schema.json",
        "/properties/achievementDescription/title",
        "Achievement description",
    ),
    (
        "mynextid-credentials/microcredential/v1/input-fields/schema.json",
        "/properties/achievementTitle/title",
        "Achievement title",
    ),
    (
        "mynextid-credentials/microcredential/v1/input-fields/schema.json",
        "/properties/credentialTitle/title",
        "Credential title",
    ),
]

_STRAY_BACKSLASH = re.compile(r'\\(?!["\\/bfnrtu])')
_SCHEMA_KEYWORDS = frozenset({"type", "$ref", "properties", "items", "enum", "const", "format"})


def _documents(suffixes: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    for path in sorted(CORPUS.rglob("*")):
        name = path.relative_to(CORPUS).as_posix()
        if path.is_file() and path.suffix in suffixes and name not in NOT_DOCUMENTS:
            yield name, path


def _load_json(path: Path) -> Any:
    """A corpus JSON file, read as leniently as its notes in SOURCES.md require.

    Two Open Badges 2.0 extracts keep line breaks inside strings (``strict=False``);
    one schema has a regular expression with an unescaped backslash (``\\2``).
    """
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError:
        return json.loads(_STRAY_BACKSLASH.sub(r"\\\\", text), strict=False)


def _is_schema_title(data: Any, pointer: str) -> bool:
    """Whether ``pointer`` is the ``title`` annotation of a node of a JSON Schema."""
    if not (isinstance(data, Mapping) and "$schema" in data) or not pointer.endswith("/title"):
        return False
    node = data
    for token in pointer.split("/")[1:-1]:
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]
    return isinstance(node, Mapping) and bool(_SCHEMA_KEYWORDS & set(node))


def _flags(*, schema_titles: bool) -> list[tuple[str, str | int, str]]:
    """Every placeholder in the corpus (only in schema titles, with ``schema_titles``)."""
    found: list[tuple[str, str | int, str]] = []
    for name, path in _documents((".json", ".jsonld")):
        data = _load_json(path)
        for string in iter_strings(data, skip=()):
            if _is_schema_title(data, string.pointer) != schema_titles:
                continue
            match = find_placeholder(string.value, language=LANGUAGES.get(name))
            if match is not None:
                found.append((name, string.pointer, match))
    if schema_titles:
        return sorted(found)
    for name, path in _documents((".md",)):
        text = path.read_text(encoding="utf-8")
        for start, end in iter_placeholder_spans(text, language=LANGUAGES.get(name)):
            found.append((name, text.count("\n", 0, start) + 1, text[start:end]))
    return found


def _key(flag: tuple[str, str | int, str]) -> tuple[str, str, str]:
    name, where, text = flag
    return name, f"{where:>8}" if isinstance(where, int) else where, text


def test_the_corpus_is_there_to_search() -> None:
    assert sum(1 for _ in _documents((".json", ".jsonld"))) >= 60
    assert sum(1 for _ in _documents((".md",))) >= 20


def test_the_placeholders_found_in_real_documents_are_exactly_the_pinned_ones() -> None:
    found = sorted(_flags(schema_titles=False), key=_key)
    expected = sorted(EXPECTED, key=_key)
    unexpected = [flag for flag in found if flag not in expected]
    missed = [flag for flag in expected if flag not in found]
    assert (unexpected, missed) == ([], [])
    assert found == expected


def test_form_field_labels_in_schemas_read_as_template_labels() -> None:
    assert _flags(schema_titles=True) == sorted(FORM_LABELS)


def test_the_documentation_states_what_was_measured() -> None:
    doc = " ".join((inspect.getdoc(PlaceholderText) or "").split())
    documents = len(list(_documents((".json", ".jsonld")))), len(list(_documents((".md",))))
    strings = sum(
        sum(1 for _ in iter_strings(_load_json(path), skip=()))
        for _, path in _documents((".json", ".jsonld"))
    )
    assert f"the {documents[0]} JSON and {documents[1]} Markdown files" in doc
    assert f"({strings:,} JSON strings)" in doc
    assert f"the {len(EXPECTED)} flags it raises there are all real placeholders" in doc
