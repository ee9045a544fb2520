"""The compiled schema predicates agree with jsonschema, on generated schemas and data.

Both run patterns on RE2, so the reference is :func:`mcqa.schema.fragment_validator`:
what ``jsonschema`` says with mcqa's pattern engine and its closed ``$ref`` registry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mcqa._fastschema import compile_schema
from mcqa.models.rubric import SchemaCheck
from mcqa.rubrics import RubricRegistry
from mcqa.schema import fragment_validator

ROOT = Path(__file__).resolve().parents[1]
KEYS = ["title", "cost", "items", "level", "a", "b"]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from([0.0, 1.0, 2.5, -1.5])
    | st.sampled_from(["", "x", "Data", "EQF 5", "12", "a b", "a b\n", "٣", "DATA é"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS), children, max_size=3)
    ),
    max_leaves=8,
)


def schemas() -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        st.booleans(),
        st.builds(lambda t: {"type": t}, st.sampled_from(
            ["string", "number", "integer", "boolean", "object", "array", "null"]
        )),
        st.builds(lambda ts: {"type": ts}, st.lists(
            st.sampled_from(["string", "integer", "null"]), min_size=1, max_size=2, unique=True
        )),
        st.builds(lambda r: {"required": r}, st.lists(st.sampled_from(KEYS), max_size=2, unique=True)),
        st.builds(lambda k, n: {k: n}, st.sampled_from(
            ["minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"]
        ), st.integers(0, 3)),
        st.builds(lambda k, n: {k: n}, st.sampled_from(
            ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
        ), st.sampled_from([0, 1, 2.5, -1])),
        st.builds(lambda v: {"const": v}, json_values),
        st.builds(lambda vs: {"enum": vs}, st.lists(json_values, min_size=1, max_size=3)),
        st.builds(lambda p: {"pattern": p}, st.sampled_from(
            ["^D", "\\d", "(?i)data", "a b$", "^[A-Z]{2}$", "\\w+\\s\\p{L}", "\\u0061"]
        )),
        st.just({"description": "annotation only", "format": "date"}),
    )  # fmt: skip
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.builds(
                lambda d: {"properties": d},
                st.dictionaries(st.sampled_from(KEYS), inner, max_size=2),
            ),
            st.builds(lambda s: {"items": s}, inner),
            st.builds(lambda s: {"contains": s}, inner),
            st.builds(lambda s: {"not": s}, inner),
            st.builds(
                lambda k, ss: {k: ss},
                st.sampled_from(["allOf", "anyOf", "oneOf"]),
                st.lists(inner, min_size=1, max_size=3),
            ),
            st.builds(lambda i, t, e: {"if": i, "then": t, "else": e}, inner, inner, inner),
            st.builds(
                lambda a, b: {**a, **b} if isinstance(a, dict) and isinstance(b, dict) else a,
                inner,
                inner,
            ),
        ),
        max_leaves=6,
    )


@settings(max_examples=1000, deadline=None)
@given(schemas(), json_values)
def test_compiled_predicates_agree_with_jsonschema(schema: Any, instance: Any) -> None:
    predicate = compile_schema(schema)
    assert predicate is not None, schema
    assert predicate(instance) == fragment_validator(schema).is_valid(instance), (
        schema,
        instance,
    )


def bundled_fragments() -> list[Any]:
    registry = RubricRegistry(entry_points=False)
    found = []
    for spec in ("mcqa-core@1.0.0", "mcqa-core@0.1.0", "eu-microcredential", "mcqa-program"):
        for _, standard in registry.load(spec).iter_standards():
            if isinstance(standard.check, SchemaCheck):
                found.append(standard.check.schema_)
            if standard.applies_if is not None:
                found.append(standard.applies_if)
    return found


FRAGMENTS = bundled_fragments()
DOCUMENTS = [
    yaml.safe_load(path.read_text(encoding="utf-8"))
    for folder in ("examples/catalog", "examples/program")
    for path in sorted((ROOT / folder).glob("*.yaml"))
    if path.name != "broken-entry.yaml"
]


def test_every_bundled_fragment_compiles() -> None:
    assert FRAGMENTS and all(compile_schema(f) is not None for f in FRAGMENTS)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: str(d.get("id")))
def test_bundled_fragments_agree_on_the_examples(document: Any) -> None:
    for fragment in FRAGMENTS:
        predicate = compile_schema(fragment)
        assert predicate is not None
        assert predicate(document) == fragment_validator(fragment).is_valid(document), fragment


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FRAGMENTS), st.sampled_from(DOCUMENTS), st.data())
def test_bundled_fragments_agree_on_damaged_examples(
    fragment: Any, document: Any, data: st.DataObject
) -> None:
    """Examples with one top-level field removed or replaced by another JSON value."""
    damaged = dict(document)
    key = data.draw(st.sampled_from(sorted(damaged)))
    if data.draw(st.booleans()):
        del damaged[key]
    else:
        damaged[key] = data.draw(json_values)
    predicate = compile_schema(fragment)
    assert predicate is not None
    assert predicate(damaged) == fragment_validator(fragment).is_valid(damaged)


@pytest.mark.parametrize(
    "schema",
    [{"$ref": "#/$defs/x"}, {"$ref": "https://example.org/s.json"},
     {"additionalProperties": False, "patternProperties": {"^a": {}}},
     {"properties": {"a": {"$id": "https://example.org/a", "type": "string"}}},
     {"items": [{"type": "string"}]}, {"type": "decimal"}, {"contains": {}, "minContains": 2},
     {"pattern": "("}, {"pattern": "(a)\\1"}],
)  # fmt: skip
def test_what_it_cannot_compile_is_left_to_jsonschema(schema: Any) -> None:
    assert compile_schema(schema) is None


# -- additionalProperties and $ref, and mcqa's published schemas ---------------------------


def _with_definitions(schema: Any, definitions: dict[str, Any], extra: Any) -> Any:
    """``schema`` with ``$defs``, a ``$ref`` to one of them and ``additionalProperties``."""
    if not isinstance(schema, dict):
        return schema
    return {
        **schema,
        "$defs": definitions,
        "properties": {**schema.get("properties", {}), "a": {"$ref": "#/$defs/d0"}},
        "additionalProperties": extra,
    }


@settings(max_examples=500, deadline=None)
@given(
    schemas(),
    st.dictionaries(st.sampled_from(["d0", "d1"]), schemas(), min_size=1).map(
        lambda d: {"d0": d.get("d0", d.get("d1")), **d}
    ),
    st.one_of(st.booleans(), schemas()),
    json_values,
)
def test_references_and_additional_properties_agree_with_jsonschema(
    schema: Any, definitions: dict[str, Any], extra: Any, instance: Any
) -> None:
    whole = _with_definitions(schema, definitions, extra)
    predicate = compile_schema(whole)
    assert predicate is not None, whole
    assert predicate(instance) == fragment_validator(whole).is_valid(instance), (whole, instance)


def test_a_schema_that_refers_to_itself_compiles() -> None:
    tree = {"type": "object", "properties": {"children": {"items": {"$ref": "#"}}}}
    predicate = compile_schema(tree)
    assert predicate is not None
    assert predicate({"children": [{"children": []}, {}]})
    assert not predicate({"children": [{"children": [3]}]})


PUBLISHED = ["descriptor", "review", "config", "program", "report"]


def _documents() -> list[Any]:
    from mcqa.load import load_path

    found = []
    for pattern in ("examples/**/*.yaml", "examples/**/*.json", "tests/data/**/*.yaml"):
        for path in sorted(ROOT.glob(pattern)):
            data = load_path(path).data
            if isinstance(data, dict):
                found.append(data)
    return found


ALL_DOCUMENTS = _documents()


def _damage(document: Any, data: st.DataObject) -> Any:
    """``document`` with one value somewhere inside removed, replaced or added to."""
    import copy

    damaged = copy.deepcopy(document)
    node = damaged
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        inner = node[key]
        if isinstance(inner, (dict, list)) and inner and data.draw(st.booleans()):
            node = inner
            continue
        action = data.draw(st.sampled_from(["delete", "replace", "add"]))
        if action == "delete":
            del node[key]
        elif action == "replace":
            node[key] = data.draw(json_values)
        elif isinstance(node, dict):
            node[data.draw(st.sampled_from([*KEYS, "name", "id", "notes", "x-extra"]))] = data.draw(
                json_values
            )
        else:
            node.append(data.draw(json_values))
        break
    return damaged


@pytest.mark.parametrize("name", PUBLISHED)
def test_each_published_schema_compiles_and_agrees_on_the_examples(name: str) -> None:
    from mcqa.schema import predicate_for, validator_for

    predicate = predicate_for(name)
    assert predicate is not None
    validator = validator_for(name)
    assert len(ALL_DOCUMENTS) > 10
    for document in ALL_DOCUMENTS:
        assert predicate(document) == validator.is_valid(document)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PUBLISHED), st.sampled_from(ALL_DOCUMENTS), st.data())
def test_published_schemas_agree_on_damaged_documents(
    name: str, document: Any, data: st.DataObject
) -> None:
    from mcqa.schema import predicate_for, validator_for

    damaged = _damage(document, data)
    predicate = predicate_for(name)
    assert predicate is not None
    assert predicate(damaged) == validator_for(name).is_valid(damaged), damaged
