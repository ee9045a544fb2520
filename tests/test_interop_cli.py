"""``mcqa check`` on mixed catalogs, ``mcqa import``, ``mcqa export`` and ``mcqa interop``.

The documents written here are small synthetic ones. Real documents from the
shared corpus beside the repository are copied at test time into the test's
temporary folder (never into the repository); those tests skip without it, as
do the validations against the official Open Badges and CTDL schemas.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft201909Validator
from referencing import Registry, Resource

from mcqa.cli import cli
from mcqa.importers import load_descriptor
from mcqa.importers.ctdl import CTDL_CONTEXT
from mcqa.load import load_path
from mcqa.models import Descriptor
from mcqa.validate import validate_model

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "real"
OB3_SCHEMAS = SHARED / "schemas-external" / "openbadges-v3"
CTDL_SCHEMA = SHARED / "schemas-external" / "ctdl" / "credentialSchema.json"
EXAMPLE = ROOT / "examples" / "catalog" / "data-analytics-foundations.yaml"
TODAY = "2026-11-28"
FINDING_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>\w+): .+ \[[\w-]+\]$"
)

DESCRIPTOR = """\
id: data-101
title: Data literacy
description: You learn to read, clean and chart the data sets of your own work.
learning_outcomes:
  - Clean a data set of duplicates and gaps
"""

PAGE = """\
---
title: Spreadsheet basics
id: spreadsheet-basics
language: en
---
# Spreadsheet basics

## Learning outcomes

- Understand how formulas work
- Build a monthly budget with sums and averages

## Assessment

- A budget built for a case study, marked by a tutor
"""

BADGE: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "https://example.edu/achievements/welding",
    "type": ["Achievement"],
    "name": "Welding safety",
    "description": "Work safely in a welding workshop.",
    "criteria": {"narrative": "Pass the practical test."},
    "achievementType": "MicroCredential",
    "creditsAvailable": 3,
}

RECORD: dict[str, Any] = {
    "@context": CTDL_CONTEXT,
    "@id": "https://credentialengineregistry.org/resources/ce-3a7e0d3c-2f7b-4f25-9b1e-2b1c7d3f4a10",
    "@type": "ceterms:MicroCredential",
    "ceterms:ctid": "ce-3a7e0d3c-2f7b-4f25-9b1e-2b1c7d3f4a10",
    "ceterms:name": {"en": "Forklift operation"},
    "ceterms:description": {"en": "Operate a counterbalance forklift safely in a warehouse."},
    "ceterms:inLanguage": ["en"],
    "ceterms:subjectWebpage": "https://example.org/forklift",
    "ceterms:estimatedDuration": [
        {"@type": "ceterms:DurationProfile", "ceterms:exactDuration": "P3M"}
    ],
}

#: Real documents copied into the catalog at test time, when the corpus is there.
CORPUS_FILES = (
    "educredentials-obv3-examples/_data/credentials/theed_microcredential_full_ho.json",
    "credentialengine-ingest-examples/Credential/1/Credential-1.json",
    "rkemcha-mc-evaluation/specifications/092c7482-5122-11f0-aaae-427b3ba2f1eb.md",
)


def invoke(args: Sequence[str]) -> Result:
    """Run ``mcqa`` in-process; it must end with an exit code, never with a traceback."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"mcqa raised {result.exception!r}\n{result.output}")
    assert "Traceback" not in result.output
    return result


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    [number] = [n for n, line in enumerate(lines, 1) if needle in line]
    return number


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalog of four formats, beside the files of a catalog site's repository."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "data-101.yaml").write_text(DESCRIPTOR, encoding="utf-8")
    (folder / "spreadsheets.md").write_text(PAGE, encoding="utf-8")
    write_json(folder / "welding.json", BADGE)
    write_json(folder / "forklift.json", RECORD)
    write_json(folder / "package.json", {"name": "catalog-site", "version": "1.0.0"})
    (folder / "mkdocs.yml").write_text(
        "site_name: Our catalog\nnav:\n  - index.md\ntheme: {name: material}\n", encoding="utf-8"
    )
    (folder / "README.md").write_text("# Our catalog\n\nBuilt with mkdocs.\n", encoding="utf-8")
    return folder


def check(*args: str) -> Result:
    return invoke(["check", *args, "--no-config", "--today", TODAY, "-r", "mcqa-core@2.0.0"])


def report_of(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def all_findings(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [*result["findings"], *(f for s in result["standards"] for f in s["findings"])]


# -- mcqa check meets files by their content ---------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_scores_every_format_in_one_run(catalog: Path, jobs: str) -> None:
    result = check("catalog", "-f", "json", "-j", jobs)
    assert result.exit_code == 1, result.stderr  # nothing here conforms before review
    results = {r["path"]: r for r in report_of(result)["results"]}
    assert sorted(results) == [
        "catalog/data-101.yaml",
        "catalog/forklift.json",
        "catalog/spreadsheets.md",
        "catalog/welding.json",
    ]
    assert {r["decision"] for r in results.values()} == {"not_conformant"}
    assert results["catalog/spreadsheets.md"]["descriptor_id"] == "spreadsheet-basics"
    assert results["catalog/forklift.json"]["descriptor_id"] == RECORD["ceterms:ctid"]
    # findings point into the source files, at the line of the value concerned
    page = [
        (f["file"], f["line"])
        for f in all_findings(results["catalog/spreadsheets.md"])
        if f["rule"] == "measurable-outcomes" and "understand" in f["message"]
    ]
    assert page == [("catalog/spreadsheets.md", line_of(catalog / "spreadsheets.md", "Understand"))]
    for name, needle in (("welding.json", "creditsAvailable"), ("forklift.json", "P3M")):
        imported = [
            (f["file"], f["line"], f["severity"])
            for f in results[f"catalog/{name}"]["findings"]
            if f["rule"] == "import-ambiguous"
        ]
        assert imported == [(f"catalog/{name}", line_of(catalog / name, needle), "warning")]


def test_check_scores_real_documents_copied_into_the_catalog(catalog: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"needs the shared corpus at {CORPUS} (not present in this clone)")
    for name in CORPUS_FILES:
        shutil.copy(CORPUS / name, catalog / Path(name).name)
    result = check("catalog", "-f", "json")
    results = {Path(r["path"]).name: r for r in report_of(result)["results"]}
    for name in CORPUS_FILES:
        found = results[Path(name).name]
        assert found["decision"] != "error", found["findings"]
        located = [f for f in all_findings(found) if f["line"] is not None]
        assert located and all(f["file"] == f"catalog/{Path(name).name}" for f in located)
        lines = len((catalog / Path(name).name).read_text(encoding="utf-8").splitlines())
        assert all(1 <= f["line"] <= lines for f in located)
    assert len(results) == 4 + len(CORPUS_FILES)


def test_other_files_are_skipped_and_listed_with_verbose(catalog: Path) -> None:
    quiet = check("catalog", "-f", "json")
    assert "package.json" not in quiet.stdout + quiet.stderr
    loud = check("catalog", "-f", "json", "--verbose")
    assert report_of(loud)["results"] == report_of(quiet)["results"]
    skipped = sorted(line for line in loud.stderr.splitlines() if "[not-a-descriptor]" in line)
    assert skipped == [
        "catalog/README.md: info: skipped: a Markdown page that does not describe a course "
        "or credential [not-a-descriptor]",
        "catalog/mkdocs.yml: info: skipped: a mapping without a title and other descriptor "
        "fields (site_name, nav, theme) [not-a-descriptor]",
        "catalog/package.json: info: skipped: a mapping without a title and other descriptor "
        "fields (name, version) [not-a-descriptor]",
    ]


def test_an_earlier_report_in_the_folder_is_not_a_descriptor(catalog: Path) -> None:
    first = check("catalog", "-f", "json", "-o", "catalog/mcqa-report.json")
    assert first.exit_code == 1
    assert (catalog / "mcqa-report.json").is_file()
    again = check("catalog", "-f", "json", "-o", "catalog/mcqa-report.json", "--verbose")
    assert again.exit_code == 1, again.stderr
    assert "catalog/mcqa-report.json: info: skipped: an mcqa report" in again.stderr
    written = json.loads((catalog / "mcqa-report.json").read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in written["results"]] == [
        "data-101.yaml",
        "forklift.json",
        "spreadsheets.md",
        "welding.json",
    ]
    elsewhere = check("catalog", "-f", "json", "-v")
    assert "mcqa-report.json" not in {r["path"] for r in report_of(elsewhere)["results"]}
    assert "catalog/mcqa-report.json: info: skipped: an mcqa report" in elsewhere.stderr


def test_a_file_named_on_the_command_line_is_checked_strictly(catalog: Path) -> None:
    result = check("catalog/package.json", "-f", "json")
    assert result.exit_code == 1
    [found] = report_of(result)["results"]
    assert found["decision"] == "error"
    assert [f["rule"] for f in found["findings"]] == ["not-a-descriptor"]
    assert "not a microcredential descriptor" in found["findings"][0]["message"]
    page = check("catalog/README.md", "-f", "json")
    [found] = report_of(page)["results"]
    assert (found["decision"], found["findings"][0]["rule"]) == ("error", "not-a-descriptor")


def test_a_folder_of_no_descriptors_says_so(catalog: Path) -> None:
    for name in ("data-101.yaml", "spreadsheets.md", "welding.json", "forklift.json"):
        (catalog / name).unlink()
    result = check("catalog")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "mcqa: error: no descriptors found in catalog: the 3 files found are not "
        "microcredential descriptors (--verbose lists them)\n"
    )


# -- mcqa import --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source_format", "title"),
    [
        ("spreadsheets.md", "markdown", "Spreadsheet basics"),
        ("welding.json", "ob3", "Welding safety"),
        ("forklift.json", "ctdl", "Forklift operation"),
    ],
)
def test_import_writes_a_descriptor_that_loads_back(
    catalog: Path, name: str, source_format: str, title: str
) -> None:
    result = invoke(["import", f"catalog/{name}", "-o", "out/imported.yaml"])
    assert result.exit_code == 0, result.stderr
    target = Path("out/imported.yaml")
    text = target.read_text(encoding="utf-8")
    header = text.splitlines()[:2]
    assert header[0].startswith("# Imported by mcqa ") and header[0].endswith(f"catalog/{name}")
    assert header[1].startswith(f"# Format: {source_format} (")
    document = load_path(target)
    assert document.findings == ()
    model, findings = validate_model(document, "descriptor", Descriptor)
    assert model is not None, findings
    assert model.title == title
    source, imported = load_descriptor(catalog / name)
    assert imported is not None and document.data == source.data
    keys = list(document.data)
    order = [k for k in Descriptor.model_fields if k in keys]
    assert keys == order  # the descriptor's field order
    for line in result.stderr.splitlines()[:-1]:
        assert FINDING_LINE.match(line), line
    # without -o, the same YAML on standard output
    shown = invoke(["import", f"catalog/{name}"])
    assert shown.stdout == text


def test_import_prints_the_importers_findings_located_in_the_source(catalog: Path) -> None:
    result = invoke(["import", "catalog/welding.json"])
    assert result.exit_code == 0
    line = line_of(catalog / "welding.json", "creditsAvailable")
    [warning] = [entry for entry in result.stderr.splitlines() if "import-ambiguous" in entry]
    match = FINDING_LINE.match(warning)
    assert match is not None
    assert (match["file"], int(match["line"]), match["sev"]) == (
        "catalog/welding.json",
        line,
        "warning",
    )


def test_from_forces_a_format(catalog: Path) -> None:
    notes = catalog / "notes.txt"
    notes.write_text(PAGE, encoding="utf-8")
    assert invoke(["import", "catalog/notes.txt"]).exit_code == 1  # read as YAML: nothing
    forced = invoke(["import", "catalog/notes.txt", "--from", "markdown"])
    assert forced.exit_code == 0, forced.stderr
    assert "title: Spreadsheet basics" in forced.stdout


def test_a_file_not_in_the_format_given_is_exit_1(catalog: Path) -> None:
    result = invoke(["import", "catalog/forklift.json", "--from", "ob3"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        "mcqa: error: catalog/forklift.json is not in the format ob3 (Open Badges 3.0 "
    )
    assert "it reads as ctdl: use --from ctdl, or leave --from out" in result.stderr
    plain = invoke(["import", "catalog/data-101.yaml"])
    assert plain.exit_code == 1
    assert "is already an mcqa descriptor" in plain.stderr
    unknown = invoke(["import", "catalog/welding.json", "--from", "xml"])
    assert unknown.exit_code == 2
    assert "'xml' is not a format mcqa imports" in unknown.stderr


def test_import_never_overwrites_without_force(catalog: Path) -> None:
    target = catalog / "welding.yaml"
    target.write_text("# mine\n", encoding="utf-8")
    refused = invoke(["import", "catalog/welding.json", "-o", str(target)])
    assert refused.exit_code == 2
    assert "already exists; mcqa does not overwrite it (use --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert "import-ambiguous" not in refused.stderr  # refused before any work
    forced = invoke(["import", "catalog/welding.json", "-o", str(target), "--force"])
    assert forced.exit_code == 0
    assert "title: Welding safety" in target.read_text(encoding="utf-8")
    itself = invoke(["import", "catalog/welding.json", "-o", "catalog/welding.json", "--force"])
    assert itself.exit_code == 2
    assert json.loads((catalog / "welding.json").read_text(encoding="utf-8")) == BADGE


# -- mcqa export ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ob3_validators() -> dict[str, Draft201909Validator]:
    if not OB3_SCHEMAS.is_dir():
        pytest.skip(f"needs the official OB 3.0 schemas at {OB3_SCHEMAS} (not present)")
    credential = json.loads((OB3_SCHEMAS / "achievementcredential.json").read_text("utf-8"))
    endorsement = json.loads((OB3_SCHEMAS / "endorsementcredential.json").read_text("utf-8"))
    registry: Registry[Any] = Registry().with_resources(
        [
            (credential["$id"], Resource.from_contents(credential)),
            (endorsement["$id"], Resource.from_contents(endorsement)),
        ]
    )

    def validator(schema: dict[str, Any]) -> Draft201909Validator:
        return Draft201909Validator(
            schema, registry=registry, format_checker=Draft201909Validator.FORMAT_CHECKER
        )

    achievement = {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "$ref": f"{credential['$id']}#/$defs/Achievement",
    }
    return {"achievement": validator(achievement), "endorsement": validator(endorsement)}


def schema_problems(validator: Any, instance: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def export(*args: str) -> dict[str, Any]:
    result = invoke(["export", str(EXAMPLE), *args])
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def reimported(tmp_path: Path, exported: dict[str, Any]) -> dict[str, Any]:
    document, imported = load_descriptor(write_json(tmp_path / "exported.json", exported))
    assert imported is not None
    data: dict[str, Any] = document.data
    return data


def test_export_ob3_validates_and_reads_back(
    ob3_validators: dict[str, Draft201909Validator], tmp_path: Path
) -> None:
    achievement = export("--to", "ob3")
    assert schema_problems(ob3_validators["achievement"], achievement) == []
    original = load_path(EXAMPLE).data
    back = reimported(tmp_path, {"@context": BADGE["@context"], **achievement})
    for key in ("id", "title", "description", "type", "language", "url", "level"):
        assert back[key] == original[key], key
    assert back["issuer"]["name"] == original["issuer"]["name"]
    assert back["issuer"]["country"] == original["issuer"]["country"]
    assert [o["statement"] for o in back["learning_outcomes"]] == [
        o["statement"] for o in original["learning_outcomes"]
    ]


def to_2018_encoding(value: Any) -> Any:
    """Today's registry encoding as the 2018 production schema reads it (see test_ctdl.py)."""
    newer = {
        "ceterms:learningDeliveryType",
        "ceterms:deliveryType",
        "ceterms:lifeCycleStatusType",
        "ceterms:teaches",
        "ceterms:financialAssistance",
        "ceterms:creditValue",
    }
    if isinstance(value, dict):
        if len(value) == 1 and all(re.match(r"^[a-z]{2}(-[A-Za-z0-9]+)*$", k) for k in value):
            return next(iter(value.values()))
        adapted = {k: to_2018_encoding(v) for k, v in value.items() if k not in newer}
        if adapted.get("@context") == CTDL_CONTEXT:
            adapted["@context"] = CTDL_CONTEXT.replace("https://", "http://")
        return adapted
    if isinstance(value, list):
        return [to_2018_encoding(v) for v in value]
    return value


def test_export_ctdl_validates_and_reads_back(tmp_path: Path) -> None:
    record = export("--to", "ctdl")
    assert record["@type"] == "ceterms:MicroCredential"
    if CTDL_SCHEMA.is_file():
        schema = json.loads(CTDL_SCHEMA.read_text(encoding="utf-8"))
        validator = jsonschema.Draft4Validator(
            {"$ref": f"#/definitions/{record['@type']}", "definitions": schema["definitions"]}
        )
        # The one thing the official schema asks that the example lacks: a page of cost
        # details (CTDL requires one per cost profile; a descriptor has no such field).
        problems = schema_problems(validator, to_2018_encoding(record))
        assert problems == [
            f"ceterms:estimatedCost/{n}: 'ceterms:costDetails' is a required property"
            for n in range(len(record["ceterms:estimatedCost"]))
        ]
        with_details = json.loads(json.dumps(record))
        for profile in with_details["ceterms:estimatedCost"]:
            profile["ceterms:costDetails"] = "https://example.edu/fees"
        assert schema_problems(validator, to_2018_encoding(with_details)) == []
    original = load_path(EXAMPLE).data
    back = reimported(tmp_path, record)
    for key in ("id", "title", "description", "language", "url", "status"):
        assert back[key] == original[key], key
    assert back["issuer"]["name"] == original["issuer"]["name"]
    assert back["workload"]["hours"] == original["workload"]["hours"]
    assert back["cost"]["amount"] == original["cost"]["amount"]
    if not CTDL_SCHEMA.is_file():
        pytest.skip(f"read back; the official CTDL schema is not at {CTDL_SCHEMA}")


def test_export_endorsement_states_the_checked_result(
    ob3_validators: dict[str, Draft201909Validator], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    args = [
        "--to",
        "endorsement",
        "--config",
        "examples/.mcqa.yaml",
        "--today",
        TODAY,
        "--endorser",
        "QA Office",
        "--endorser-url",
        "https://qa.example.edu",
    ]
    endorsement = export(*args)
    assert schema_problems(ob3_validators["endorsement"], endorsement) == []
    comment = endorsement["credentialSubject"]["endorsementComment"]
    assert comment.startswith("Conformance to mcqa-core@2.0.0: conformant.")  # reviewed
    assert endorsement["issuer"]["name"] == "QA Office"
    assert endorsement["validFrom"] == f"{TODAY}T00:00:00Z"
    assert export(*args) == endorsement  # the same inputs, the same credential
    assert endorsement["credentialSubject"]["id"] == export("--to", "ob3")["id"]


def test_export_needs_an_endorser_and_a_readable_descriptor(tmp_path: Path) -> None:
    missing = invoke(["export", str(EXAMPLE), "--to", "endorsement"])
    assert missing.exit_code == 2
    assert "an endorsement needs its endorser" in missing.stderr
    broken = invoke(["export", str(EXAMPLE.parent / "broken-entry.yaml"), "--to", "ob3"])
    assert broken.exit_code == 1
    assert "yaml-syntax" in broken.stderr
    target = tmp_path / "achievement.json"
    written = invoke(["export", str(EXAMPLE), "--to", "ob3", "-o", str(target)])
    assert written.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["name"] == "Data Analytics Foundations"
    again = invoke(["export", str(EXAMPLE), "--to", "ob3", "-o", str(target)])
    assert again.exit_code == 2 and "already exists" in again.stderr


# -- mcqa interop ------------------------------------------------------------------------------


def test_interop_on_the_example_finds_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = invoke(["interop", "examples/catalog/data-analytics-foundations.yaml"])
    assert text.exit_code == 0
    assert "EU Annex I elements (eu-microcredential@2022.1.0): 9 of 9 mandatory" in text.stdout
    assert "CTDL registry minimum: 7 of 7 present" in text.stdout
    assert "Open Badges 3.0 Achievement, required: 5 of 5 present" in text.stdout
    assert text.stdout.endswith("Nothing is missing for any of the three.\n")
    as_json = json.loads(
        invoke(["interop", "examples/catalog/data-analytics-foundations.yaml", "-f", "json"]).stdout
    )
    assert as_json["missing"] == {"eu_annex_i": [], "ctdl": [], "ob3": []}
    statuses = {e["id"]: e["status"] for e in as_json["eu_annex_i"]["elements"]}
    assert statuses["1.1"] == statuses["1.5"] == statuses["2.3"] == "not_applicable"
    assert {s for k, s in statuses.items() if k not in {"1.1", "1.5", "2.3"}} == {"present"}


def test_interop_on_a_bare_descriptor_says_what_is_missing(tmp_path: Path) -> None:
    bare = tmp_path / "bare.yaml"
    bare.write_text("id: bare\ntitle: Bare\n", encoding="utf-8")
    text = invoke(["interop", str(bare)])
    assert text.exit_code == 0
    assert "missing  1.3   Country or region of the issuer (mandatory)" in text.stdout
    assert "missing  ceterms:description: a description of at least 15 characters" in text.stdout
    assert "missing  criteria: learning_outcomes or assessments" in text.stdout
    found = json.loads(invoke(["interop", str(bare), "-f", "json"]).stdout)
    assert found["missing"]["ctdl"] == ["description", "issuer.name", "status", "url", "language"]
    assert found["missing"]["ob3"] == ["description", "learning_outcomes or assessments"]
    assert found["missing"]["eu_annex_i"] == [
        "1.3", "1.4", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "2.1", "2.2", "2.4", "2.5"
    ]  # fmt: skip
    ctid = next(r for r in found["ctdl"]["requirements"] if r["property"] == "ceterms:ctid")
    assert ctid["present"] and "derived from the id" in ctid["note"]


def test_interop_on_a_descriptor_without_its_id_or_title(tmp_path: Path) -> None:
    untitled = tmp_path / "untitled.yaml"
    untitled.write_text("id: x\ndescription: A description long enough.\n", encoding="utf-8")
    found = json.loads(invoke(["interop", str(untitled), "-f", "json"]).stdout)
    assert "1.2" in found["missing"]["eu_annex_i"]
    assert found["missing"]["ob3"][0] == "title"
    nameless = tmp_path / "nameless.yaml"
    nameless.write_text("title: T\n", encoding="utf-8")
    result = invoke(["interop", str(nameless)])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{nameless.as_posix()} (no id)\n")
    assert "  missing  ceterms:ctid: an id" in result.stdout


def test_interop_reads_other_formats_and_refuses_what_is_no_descriptor(catalog: Path) -> None:
    result = invoke(["interop", "catalog/welding.json", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["descriptor_id"] == BADGE["id"]
    unreadable = invoke(["interop", "catalog/README.md"])
    assert unreadable.exit_code == 2
    assert "cannot be read as a descriptor" in unreadable.stderr
