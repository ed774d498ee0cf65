"""The JSON files: the whole registry, one file per record type, and each type's JSON Schema.

JSON keeps what the registry records (`recorded`, in the model's field order, as written)
apart from what the build computes (`derived`: status, totals, deadlines), because derived
values depend on the build date.
"""

from __future__ import annotations

import json
from typing import Any

from ...derive import Derived
from ...model import RECORD_TYPES
from ...model.publisher import Publisher
from ...registry import Entry
from ...schema import record_schema
from ...site_paths import RECORD_SECTIONS, record_path
from ..environment import Chunks, Spool
from . import public_bodies
from .derived import derived_values
from .encode import json_file_chunks, json_value, recorded
from .publication import DATA, LICENCE, SCHEMA_VERSION, Urls
from .whole_registry import WHOLE_REGISTRY, whole_registry_files

__all__ = ["WHOLE_REGISTRY", "entries", "header", "json_files", "kind_path", "record_json", "schema_path"]


def record_json(entry: Entry[Any], derived: Derived, url: Urls) -> dict[str, Any]:
    return {
        "id": entry.id,
        "url": url(record_path(entry.kind, entry.id)),
        "recorded": recorded(entry.record),
        "derived": derived_values(entry, derived) | public_bodies.json_fields(entry.kind, entry.id, entry.record, derived.registry),
    }


def entries(derived: Derived, kind: str) -> list[Entry[Any]]:
    """The records of one kind in id order, the order of every data file."""
    return sorted(derived.registry.of_kind(kind).values(), key=lambda e: e.id)


def kind_path(kind: str) -> str:
    return f"{DATA}{RECORD_SECTIONS[kind]}.json"


def schema_path(kind: str) -> str:
    return f"{DATA}schemas/{kind}.schema.json"


def header(derived: Derived, publisher: Publisher) -> dict[str, Any]:
    return {
        "format_version": SCHEMA_VERSION,
        "version": {"schema": SCHEMA_VERSION, "built": derived.today.isoformat()},
        "licence": LICENCE,
        "source": f"IOP-registret, {publisher.name}",
        "publisher": {
            "name": publisher.name,
            "kind": publisher.kind.value,
            "org_number": str(publisher.org_number) if publisher.org_number else None,
            "website": publisher.website,
        },
    }


def json_files(derived: Derived, publisher: Publisher, url: Urls) -> dict[str, bytes | Chunks]:
    top = header(derived, publisher)
    # Each record's JSON is made once, kept in a temporary file, and shared by registret.json
    # and its kind's file: as Python dicts, as whole files, or as bytes held to the end of the
    # build, they took most of its memory.
    spool = Spool()
    records = {kind: [spool.keep(json_value(record_json(e, derived, url))) for e in entries(derived, kind)] for kind in RECORD_TYPES}
    files = whole_registry_files(top, records, url)
    for kind in RECORD_TYPES:
        files[kind_path(kind)] = json_file_chunks({**top, "kind": kind, "schema": f"schemas/{kind}.schema.json"}, {"records": records[kind]})
    for kind in RECORD_TYPES:
        schema = record_schema(kind, url(schema_path(kind)) if url.absolute else None)
        files[schema_path(kind)] = (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files
