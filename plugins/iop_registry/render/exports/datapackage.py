"""The data package: `datapackage.json`, a Frictionless Data Package (v2) describing every CSV table.

It says what a program needs to read the tables without guessing: the CSV dialect (semicolons,
CRLF, UTF-8 with a byte order mark), each column's one type (read from the value type in
model/values.py), its Swedish title and description (from the model's `Doc`), the empty cell
as the only missing value, and the keys: each table's primary key and the foreign keys between
tables (a budget line's partnership, a session's course, a grant's decision...). A list of ids in
one cell has no foreign key: Table Schema keys are single values.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import Any

from ...model.publisher import Publisher
from .csv_columns import LIST_DELIMITER, Column, CsvTable
from .publication import DATA, LICENCE, PAGE, SCHEMA_VERSION, Urls, media_type

DATAPACKAGE = f"{DATA}datapackage.json"
PROFILES = "https://datapackage.org/profiles/2.0/"
# What the CSV writer does (csv_tables.csv_bytes); the dialect says it for every table.
DIALECT = {
    "$schema": PROFILES + "tabledialect.json",
    "header": True,
    "delimiter": ";",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
}
# An empty cell is a value the registry does not give; no other text means "missing".
MISSING_VALUES = [""]


def schema_field(column: Column, required: bool) -> dict[str, Any]:
    """A column as a Table Schema field: name, Swedish title and description, its one type."""
    # A copy: the value type's keywords (an enum's list) are shared by every column of the type.
    typed = copy.deepcopy(column.vtype.table_field)
    if typed is None:  # a programming error: a CSV column must hold values of one type
        raise TypeError(f"the CSV column {column.name} has no one Table Schema type ({column.vtype.name}); split it")
    constraints: dict[str, Any] = typed.pop("constraints", {})
    if column.choices:
        constraints["enum"] = list(column.choices)
    field: dict[str, Any] = {"name": column.name, "title": column.doc.title}
    if column.doc.description:
        field["description"] = column.doc.description
    if column.listed:
        # Table Schema constrains a list as a whole, not its items: the item constraints go.
        field |= {"type": "list", "delimiter": LIST_DELIMITER, "itemType": typed["type"]}
        constraints = {}
    else:
        field |= typed
    if required:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: CsvTable, tables: tuple[CsvTable, ...]) -> dict[str, Any]:
    by_kind = {t.kind: t for t in tables if t.kind is not None}
    key = table.primary_key
    schema: dict[str, Any] = {
        "$schema": PROFILES + "tableschema.json",
        "fields": [schema_field(c, c.name in key) for c in table.columns],
        "missingValues": MISSING_VALUES,
    }
    if key:
        schema["primaryKey"] = list(key)
    foreign = []
    for column in table.columns:
        target = by_kind.get(column.refers_to) if column.refers_to and not column.listed else None
        if target is not None:
            # A reference to the table itself (an organisation's parent) names no resource.
            reference: dict[str, Any] = {"fields": ["id"]}
            if target is not table:
                reference = {"resource": target.name, **reference}
            foreign.append({"fields": [column.name], "reference": reference})
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def resource(table: CsvTable, content: bytes, tables: tuple[CsvTable, ...]) -> dict[str, Any]:
    return {
        "name": table.name,
        "type": "table",
        "path": table.path.removeprefix(DATA),  # beside datapackage.json
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": media_type(table.path),
        "encoding": "utf-8-sig",  # UTF-8 that starts with a byte order mark
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "dialect": DIALECT,
        "schema": table_schema(table, tables),
    }


def datapackage(tables: tuple[CsvTable, ...], files: dict[str, bytes], publisher: Publisher, url: Urls) -> dict[str, Any]:
    """The data package of the CSV tables in `files`, for the site's address `url`."""
    package: dict[str, Any] = {
        "$schema": PROFILES + "datapackage.json",
        "name": "iop-registret",
        "title": f"IOP-registret, {publisher.name}",
        "description": (
            f"{publisher.genitive} register över idéburna offentliga partnerskap (IOP) som tabeller: partnerskap, "
            "budgetrader, bidrag, kurser, kursträffar, organisationer och beslut. Samma uppgifter som på webbplatsen."
        ),
        "version": SCHEMA_VERSION,
        "licenses": [{"name": LICENCE["id"], "path": LICENCE["url"], "title": LICENCE["name"]}],
        "contributors": [{"title": publisher.name, "roles": ["publisher"], **({"path": publisher.website} if publisher.website else {})}],
    }
    if url.absolute:
        package["homepage"] = url(PAGE)
    package["resources"] = [resource(t, files[t.path], tables) for t in tables]
    return package


def datapackage_bytes(tables: tuple[CsvTable, ...], files: dict[str, bytes], publisher: Publisher, url: Urls) -> bytes:
    return (json.dumps(datapackage(tables, files, publisher, url), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
