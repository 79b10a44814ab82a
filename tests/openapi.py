"""Check a real response against what the served OpenAPI document says about it."""

from __future__ import annotations

import functools

import jsonschema
from drf_spectacular.generators import SchemaGenerator


@functools.cache
def _document() -> dict:
    return _json_schema(SchemaGenerator().get_schema(request=None, public=True))


def _json_schema(node):
    """OpenAPI 3.0's ``nullable: true`` as JSON Schema's ``null`` type, everywhere."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def response_schema(path: str, method: str, status: int) -> dict:
    """The JSON schema documented for one response; its $refs resolve inside it."""
    document = _document()
    content = document["paths"][path][method.lower()]["responses"][str(status)]["content"]
    return {**content["application/json"]["schema"], "components": document["components"]}


def assert_matches(data, *, path: str, method: str = "get", status: int = 200) -> None:
    """``data`` is valid against the documented schema, and no property goes undocumented."""
    schema = response_schema(path, method, status)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    _no_undocumented(data, schema, where=path)


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = _document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    for key in ("allOf", "anyOf"):
        if key in schema:
            return _resolve(next(s for s in schema[key] if s.get("type") != "null"))
    return schema


def _no_undocumented(data, schema: dict, *, where: str) -> None:
    schema = _resolve(schema)
    if isinstance(data, dict) and "properties" in schema:
        extra = set(data) - set(schema["properties"])
        assert not extra, f"{where}: undocumented {sorted(extra)}"
        for key, value in data.items():
            _no_undocumented(value, schema["properties"][key], where=f"{where}.{key}")
    elif isinstance(data, list) and "items" in schema:
        for index, item in enumerate(data):
            _no_undocumented(item, schema["items"], where=f"{where}[{index}]")
