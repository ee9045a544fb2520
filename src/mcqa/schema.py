"""JSON Schemas for mcqa's file formats, generated from the pydantic models.

The committed files in ``schemas/`` are what mcqa validates user files
against and what editors use for autocomplete; ``mcqa schema export``
regenerates them, and a test fails if they drift from the models. Only
exporting generates a schema: running mcqa reads the committed files.

The fields' descriptions are the attribute docstrings in the models' source
(the string under each field), read when a schema is generated
(:func:`field_docstrings`); the models themselves do not carry them, so that
building them at start-up never reads their source.

>>> sorted(SCHEMA_FORMATS)
['config', 'descriptor', 'program', 'report', 'review', 'rubric']
>>> generate_schema("review")["$id"]
'urn:mcqa:schema:review:1'
"""

from __future__ import annotations

import ast
import inspect
import json
import sys
from functools import cache
from importlib import import_module
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema
from referencing import Registry
from referencing.jsonschema import DRAFT202012, SchemaRegistry

from mcqa._data import DataMissingError, schemas_dir
from mcqa._fastschema import Predicate, compile_schema
from mcqa._regex import PatternValidator
from mcqa.models._formats import (
    CONFIG_FORMAT,
    DESCRIPTOR_FORMAT,
    PROGRAM_FORMAT,
    REPORT_FORMAT,
    REVIEW_FORMAT,
    RUBRIC_FORMAT,
)

__all__ = [
    "DRAFT",
    "SCHEMA_FORMATS",
    "SCHEMA_MODELS",
    "export_schemas",
    "field_docstrings",
    "fragment_validator",
    "generate_schema",
    "load_schema",
    "predicate_for",
    "schema_filename",
    "schema_id",
    "schema_model",
    "schema_registry",
    "validator_for",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: Each published schema: its model (``module:Class``) and the format version in its ``$id``.
#: The models are imported only to generate a schema (:data:`SCHEMA_MODELS`).
SCHEMA_FORMATS: dict[str, tuple[str, int]] = {
    "config": ("mcqa.models.config:Config", CONFIG_FORMAT),
    "descriptor": ("mcqa.models.descriptor:Descriptor", DESCRIPTOR_FORMAT),
    "program": ("mcqa.models.program:Program", PROGRAM_FORMAT),
    "report": ("mcqa.models.report:Report", REPORT_FORMAT),
    "review": ("mcqa.models.review:Review", REVIEW_FORMAT),
    "rubric": ("mcqa.models.rubric:Rubric", RUBRIC_FORMAT),
}

if TYPE_CHECKING:
    #: Each published schema: its model and the format version in its ``$id``.
    SCHEMA_MODELS: dict[str, tuple[type[BaseModel], int]]
else:

    def __getattr__(name: str) -> Any:
        if name == "SCHEMA_MODELS":
            return _schema_models()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _schema_models() -> dict[str, tuple[type[BaseModel], int]]:
    return {name: (schema_model(name), version) for name, (_, version) in SCHEMA_FORMATS.items()}


def schema_model(name: str) -> type[BaseModel]:
    """The pydantic model the published schema ``name`` is generated from (imported now)."""
    module, _, attribute = SCHEMA_FORMATS[name][0].partition(":")
    model: type[BaseModel] = getattr(import_module(module), attribute)
    return model


@cache
def _module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """The attribute docstrings of every class in ``module``'s source, by qualified name."""
    source = inspect.getsource(sys.modules[module])
    found: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                name = prefix + node.name
                docs: dict[str, str] = {}
                for statement, following in pairwise(node.body):
                    if (
                        isinstance(statement, ast.AnnAssign)
                        and isinstance(statement.target, ast.Name)
                        and isinstance(following, ast.Expr)
                        and isinstance(following.value, ast.Constant)
                        and isinstance(following.value.value, str)
                    ):
                        docs[statement.target.id] = inspect.cleandoc(following.value.value)
                found[name] = docs
                visit(node.body, name + ".")

    visit(ast.parse(source).body, "")
    return found


def field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Each field's attribute docstring (the string written under it), by field name.

    An inherited field has the docstring of the class that declares it. Read from
    the source with :mod:`ast`, once per module.
    """
    docs: dict[str, str] = {}
    for name in model.model_fields:
        for klass in model.__mro__:
            if name in vars(klass).get("__annotations__", {}):
                written = _module_docstrings(klass.__module__).get(klass.__qualname__, {})
                if name in written:
                    docs[name] = written[name]
                break
    return docs


#: Marks a model's schema while it is generated, until its fields' descriptions are in.
_MODEL_MARK = "x-mcqa-model"


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, minus the auto-made title on every property, and with each
    field's attribute docstring as its description (unless the field sets one)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._models: dict[str, type[BaseModel]] = {}

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model = schema["cls"]
        key = f"{model.__module__}.{model.__qualname__}"
        self._models[key] = model
        json_schema[_MODEL_MARK] = key
        return json_schema

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        json_schema = super().generate(schema, mode=mode)
        self._describe(json_schema, json_schema.get("$defs", {}))
        return json_schema

    def _describe(self, node: Any, defs: dict[str, Any]) -> None:
        """Put each marked model's docstrings into its properties, as pydantic would."""
        if isinstance(node, list):
            for item in node:
                self._describe(item, defs)
            return
        if not isinstance(node, dict):
            return
        key = node.pop(_MODEL_MARK, None)
        if key is not None:
            model = self._models[key]
            properties = node.get("properties", {})
            for name, doc in field_docstrings(model).items():
                info = model.model_fields[name]
                alias = info.validation_alias if self.mode == "validation" else None
                shown = alias if isinstance(alias, str) else info.alias or name
                if info.description is not None or shown not in properties:
                    continue
                field = properties[shown]
                ref = field.get("$ref")
                if isinstance(ref, str) and ref.startswith("#/$defs/"):
                    target = defs.get(ref.removeprefix("#/$defs/"), {})
                    if target.get("description") == doc:
                        continue  # pydantic leaves out what the reference already says
                field["description"] = doc
        for value in node.values():
            self._describe(value, defs)


def _simplify(node: Any) -> Any:
    """Turn ``anyOf: [{type: X}, {type: null}]`` into ``type: [X, null]``.

    Optional fields then read plainly in editors, and a wrong value gets one
    error ("expected text") instead of one per alternative.
    """
    if isinstance(node, list):
        return [_simplify(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _simplify(value) for key, value in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = options[0] if options[1] == {"type": "null"} else options[1]
        if isinstance(other.get("type"), str) and "$ref" not in other:
            merged = {k: v for k, v in node.items() if k != "anyOf"}
            merged.update(other)
            merged["type"] = [other["type"], "null"]
            if "enum" in merged and None not in merged["enum"]:
                merged["enum"] = [*merged["enum"], None]
            return merged
    return node


def schema_id(name: str) -> str:
    """The versioned ``$id`` of a schema, e.g. ``urn:mcqa:schema:rubric:1``."""
    return f"urn:mcqa:schema:{name}:{SCHEMA_FORMATS[name][1]}"


def schema_filename(name: str) -> str:
    return f"{name}.schema.json"


def generate_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) for one of :data:`SCHEMA_FORMATS`."""
    model = schema_model(name)
    body = _simplify(model.model_json_schema(schema_generator=_Generator, mode="validation"))
    return {"$schema": DRAFT, "$id": schema_id(name), **body}


def render_schema(name: str) -> str:
    """The schema as the committed file holds it: sorted keys, 2-space indent, final newline."""
    return json.dumps(generate_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def export_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(SCHEMA_FORMATS):
        target = directory / schema_filename(name)
        target.write_text(render_schema(name), encoding="utf-8")
        written.append(target)
    return written


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The published schema for ``name``, as shipped with mcqa."""
    path = schemas_dir() / schema_filename(name)
    try:
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataMissingError(f"mcqa's schema {path} cannot be read: {exc}") from exc
    return loaded


@cache
def schema_registry() -> SchemaRegistry:
    """mcqa's published schemas by their ``$id``, and nothing that could be fetched.

    Every validator mcqa builds resolves ``$ref`` in this registry: a reference
    to anything else is unresolvable, never retrieved from the network or read
    from a file. (``jsonschema`` adds the JSON Schema meta-schemas it ships.)
    """
    resources = [
        (schema_id(name), DRAFT202012.create_resource(load_schema(name))) for name in SCHEMA_FORMATS
    ]
    registry: SchemaRegistry = Registry().with_resources(resources)
    return registry


@cache
def validator_for(name: str) -> Draft202012Validator:
    """A compiled validator for the published schema ``name``."""
    return PatternValidator(load_schema(name), registry=schema_registry())


@cache
def predicate_for(name: str) -> Predicate | None:
    """Whether a document is valid against the published schema ``name``, as a compiled
    predicate (:mod:`mcqa._fastschema`) that agrees with :func:`validator_for`;
    ``None`` if the schema cannot be compiled."""
    return compile_schema(load_schema(name))


def fragment_validator(schema: Any) -> Draft202012Validator:
    """A validator for a JSON Schema fragment from a rubric (a check's schema, ``applies_if``).

    Its patterns run on RE2 (:mod:`mcqa._regex`), and its ``$ref`` resolve within
    the fragment and to mcqa's published schemas only.
    """
    return PatternValidator(schema, registry=schema_registry())
