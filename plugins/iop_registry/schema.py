"""JSON Schemas for editors, generated from the record classes (the one source of truth).

The YAML extension of VS Code (and GitHub's editor hints through it) reads these to
complete field names, explain them in Swedish on hover and underline a misspelt field.
"""

from __future__ import annotations

from typing import Any

from .model import RECORD_TYPES
from .model.fields import FieldType, Shape, is_required, record_fields
from .model.types import Doc, Range, Ref, Rows
from .model.values import id_schema


def _schema_for(ftype: FieldType) -> dict[str, Any]:
    schema: dict[str, Any]
    if ftype.item is not None:
        schema = {"type": "array", "items": _schema_for(ftype.item)}
        rows: Rows | None = ftype.marker(Rows)
        if rows is not None:  # the editor's VS Code marks a list that lacks one, as validate does
            schema["allOf"] = [
                {
                    "description": f"Minst en {value.label.lower()}: {meaning}",
                    "contains": {"type": "object", "required": [rows.key], "properties": {rows.key: {"const": value.value}}},
                }
                for value, meaning in rows.values
            ]
    elif ftype.shape is Shape.RECORD:
        schema = object_schema(ftype.base)
    else:  # a value or a choice: its entry in VALUE_TYPES, with the parser's own form as `pattern`
        vtype = ftype.value
        if vtype is None:  # a programming error in the model
            raise TypeError(f"no value type for {ftype.base!r}")
        schema = vtype.schema
    bounds = ftype.marker(Range)
    if bounds:
        schema["minimum"], schema["maximum"] = bounds.low, bounds.high
    ref = ftype.marker(Ref)
    if ref:
        schema.update(id_schema())
        schema.setdefault("description", f"Id för en post i registry/{RECORD_TYPES[ref.kind].folder}/.")
    doc = ftype.marker(Doc)
    if doc:
        schema["title"] = doc.title
        if doc.description:
            schema["description"] = doc.description
        if doc.example is not None:
            schema["examples"] = [doc.example]
    if ftype.optional:
        schema = {**schema, "type": [*_as_list(schema.get("type", "object")), "null"]} if "type" in schema else schema
    return schema


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def object_schema(cls: type) -> dict[str, Any]:
    fields = record_fields(cls)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name in fields if is_required(cls, name)],
        "properties": {name: _schema_for(ftype) for name, ftype in fields.items()},
    }


def record_schema(kind: str, address: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one record kind; `address` (its absolute URL on the published site)
    becomes `$id`. The editors' copies in schemas/ have none: they belong to no one site."""
    record_type = RECORD_TYPES[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **({"$id": address} if address else {}),
        "title": f"IOP-registret: {record_type.singular}",
        "description": f"En post i registry/{record_type.folder}/. Filnamnet är postens id.",
        **object_schema(record_type.cls),
    }
