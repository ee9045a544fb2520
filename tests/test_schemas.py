"""The published JSON Schemas: generated from the models, valid 2020-12, never stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from mcqa.schema import SCHEMA_MODELS, generate_schema, render_schema, schema_filename, schema_id

ROOT = Path(__file__).resolve().parents[1]
NAMES = sorted(SCHEMA_MODELS)


def test_every_contract_has_a_schema() -> None:
    assert NAMES == ["config", "descriptor", "program", "report", "review", "rubric"]


@pytest.mark.parametrize("name", NAMES)
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = (ROOT / "schemas" / schema_filename(name)).read_text(encoding="utf-8")
    assert committed == render_schema(name), (
        f"schemas/{schema_filename(name)} is stale: run 'mcqa schema export schemas'"
    )


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((ROOT / "schemas" / schema_filename(name)).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", NAMES)
def test_schema_ids_are_versioned_and_distinct(name: str) -> None:
    schema = generate_schema(name)
    assert schema["$id"] == schema_id(name)
    assert schema["$id"].endswith(f":{name}:{SCHEMA_MODELS[name][1]}")


def test_optional_text_fields_read_plainly() -> None:
    """``str | None`` is published as ``type: [string, null]``, not an anyOf."""
    issuer = generate_schema("descriptor")["$defs"]["Issuer"]["properties"]["name"]
    assert issuer["type"] == ["string", "null"]
    assert "anyOf" not in issuer


def test_descriptions_come_from_the_models() -> None:
    standard = generate_schema("rubric")["$defs"]["Standard"]
    assert "quote it in YAML" in standard["properties"]["id"]["description"]
    assert "title" not in standard["properties"]["id"]


def test_bundled_rubric_validates_against_the_rubric_schema() -> None:
    import yaml

    schema = json.loads((ROOT / "schemas" / "rubric.schema.json").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "rubrics").glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = list(Draft202012Validator(schema).iter_errors(data))
        assert not errors, f"{path}: {[e.message for e in errors]}"
