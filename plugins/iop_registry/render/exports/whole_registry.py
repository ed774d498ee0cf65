"""The whole registry in one loss-free JSON file (`data/registret.json`) and its JSON Schema.

Every field of every record of every kind, as registry_json.py defines the format, so that
`iop-registry import` writes the records back and a build of them gives this file byte for byte.
The schema is published next to the other schemas and is the one in the repository's schemas/.
"""

from __future__ import annotations

import json
from typing import Any

from ...model import RECORD_TYPES
from ...registry_json import FILE, SCHEMA_FILE, registry_schema
from ..environment import Chunks, Piece
from .derived import DERIVED_DOCS
from .encode import json_file_chunks
from .publication import DATA, Urls

WHOLE_REGISTRY = f"{DATA}{FILE}"
WHOLE_REGISTRY_SCHEMA = f"{DATA}{SCHEMA_FILE}"


def whole_registry_files(top: dict[str, Any], records: dict[str, list[Piece]], url: Urls) -> dict[str, bytes | Chunks]:
    """registret.json (the files' header `top`, its schema's address and every kind's records,
    each already as JSON) and its schema."""
    body = json_file_chunks({**top, "schema": SCHEMA_FILE}, {RECORD_TYPES[kind].folder: records[kind] for kind in RECORD_TYPES})
    schema = registry_schema(DERIVED_DOCS, url(WHOLE_REGISTRY_SCHEMA) if url.absolute else None)
    return {
        WHOLE_REGISTRY: body,
        WHOLE_REGISTRY_SCHEMA: (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
