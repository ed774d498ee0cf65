"""The loss-free JSON form of the registry (`data/registret.json`): its version and its JSON Schema.

The file holds every field of every record of every kind, written by reflection from the
parsed records (`recorded`): each value in its value type's JSON form (`VALUE_TYPES`' `to_json`:
dates at their precision, month-days, times, phone numbers as written, whole kronor, Markdown
as written), which parses back to the same value. So `iop-registry import` (importer.py) can
write the records back as YAML, and a build of those gives the same file byte for byte.

A new field of the model is carried by both directions and by the schema without code here.
"""

from __future__ import annotations

import re
from typing import Any

from .model import RECORD_TYPES
from .model.fields import is_record_class, record_fields
from .model.types import Doc
from .model.values import id_schema, of_value
from .schema import object_schema

# The version of the format of the data files. Raise the major number when a field is removed
# or changes meaning (a reader of the old version would misread the file), the minor when one
# is added. 2.0: partnerskap.csv gives a period as first_day/last_day and their precision;
# `format_version` and the schema of the whole registry (data/schemas/registret.schema.json).
FORMAT_VERSION = "2.0"
FORMAT_MAJOR = int(FORMAT_VERSION.split(".")[0])
VERSION_FORM = re.compile(r"([0-9]+)\.([0-9]+)")

# The file and its schema, from the data folder of the site.
FILE = "registret.json"
SCHEMA_FILE = "schemas/registret.schema.json"


def recorded(value: Any) -> Any:
    """A recorded value as JSON: as the registry holds it, never reformatted for display."""
    if value is None:
        return None
    vtype = of_value(value)  # its entry in VALUE_TYPES says how it is written
    if vtype is not None:
        return vtype.to_json(value)
    if isinstance(value, list):
        return [recorded(item) for item in value]
    if is_record_class(type(value)):
        return {name: recorded(getattr(value, name)) for name in record_fields(type(value))}
    raise TypeError(f"no JSON form for {type(value).__name__}")  # a new value type in the model


def _described(title: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"title": title, "description": description, **schema}


def registry_schema(derived_docs: dict[str, dict[str, Doc]], address: str | None = None) -> dict[str, Any]:
    """The JSON Schema of `registret.json`, made from the model (recorded) and the documented
    derived values (`derived_docs`, whose form the schema leaves open: they are computed)."""
    kinds = {}
    for kind, record_type in RECORD_TYPES.items():
        derived = {name: {"title": doc.title, "description": doc.description} for name, doc in derived_docs.get(kind, {}).items()}
        record = {
            "type": "object",
            "required": ["id", "recorded"],
            "properties": {
                "id": _described("Id", "Postens id: filnamnet i registret och sista delen av sidans adress.", {"type": "string", **id_schema()}),
                "url": _described("Adress", "Postens sida i registret.", {"type": "string"}),
                "recorded": {"$ref": f"#/$defs/{kind}"},
                "derived": _described(
                    "Beräknat", "Det som bygget räknar fram ur posterna och dagen; läses inte tillbaka av import.",
                    {"type": "object", "properties": derived},
                ),
            },
        }
        kinds[record_type.folder] = _described(
            record_type.plural.capitalize(), f"Alla poster i registry/{record_type.folder}/, ordnade efter id.",
            {"type": "array", "items": record},
        )
    definitions = {
        kind: _described(
            f"Uppgifterna om {record_type.singular}", f"Fälten i en fil i registry/{record_type.folder}/, som de står i registret.",
            object_schema(record_type.cls),
        )
        for kind, record_type in RECORD_TYPES.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **({"$id": address} if address else {}),
        "title": "IOP-registret: hela registret",
        "description": (
            "Alla poster av alla slag med alla fält (recorded), så att filen kan läsas tillbaka till registrets "
            "YAML-filer utan förlust (iop-registry import), och det som räknas fram (derived)."
        ),
        "type": "object",
        "required": ["format_version", *(t.folder for t in RECORD_TYPES.values())],
        "properties": {
            "format_version": _described(
                "Formatets version",
                f"MAJOR.MINOR. Större version ändras när ett fält tas bort eller byter betydelse, mindre när ett läggs till. "
                f"Den här versionen: {FORMAT_VERSION}.",
                {"type": "string", "pattern": rf"^{FORMAT_MAJOR}\.[0-9]+$"},
            ),
            **kinds,
        },
        "$defs": definitions,
    }
