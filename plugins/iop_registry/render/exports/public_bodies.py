"""The municipality or region of every record in the open data: its JSON fields and CSV columns.

Each partnership, grant, decision and organisation names the public bodies it belongs to, so
that a registry that holds several municipalities (or a national one built from theirs) can be
read apart. The body is never stored twice: it is found from `parent` (Registry.public_body).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model.types import Doc
from ...registry import Registry

# Field name, its documentation and which organisations of the record to look at.
FIELDS: dict[str, tuple[str, Doc, Callable[[Any], list[str]]]] = {
    "partnership": (
        "public_bodies",
        Doc("Kommun eller region", "Id för de kommuner och regioner som partnerskapets offentliga parter hör till."),
        lambda record: [party.organisation for party in record.parties],
    ),
    "grant": (
        "public_body",
        Doc("Kommun eller region", "Id för kommunen eller regionen som den som beviljar bidraget hör till."),
        lambda record: [record.funder],
    ),
    "decision": (
        "public_body",
        Doc("Kommun eller region", "Id för kommunen eller regionen som den beslutande nämnden hör till."),
        lambda record: [record.board],
    ),
    "organisation": (
        "public_body",
        Doc("Kommun eller region", "Id för kommunen eller regionen som organisationen hör till (den själv, om den är en)."),
        lambda record: [],  # read from the organisation's own id below
    ),
}

NAME_DOC = Doc("Kommun eller region (namn)", "Namnet på kommunen eller regionen.")


def public_bodies(kind: str, record_id: str, record: Any, registry: Registry) -> list[str]:
    """The ids of the municipalities and regions a record belongs to."""
    if kind == "organisation":
        return registry.public_bodies_of([record_id])
    return registry.public_bodies_of(FIELDS[kind][2](record))


def json_fields(kind: str, record_id: str, record: Any, registry: Registry) -> dict[str, Any]:
    """The record's body as JSON: a list for a partnership (it may have several), else one id or null."""
    if kind not in FIELDS:
        return {}
    name, _, _ = FIELDS[kind]
    found = public_bodies(kind, record_id, record, registry)
    return {name: found if name == "public_bodies" else (found[0] if found else None)}


def docs() -> dict[str, dict[str, Doc]]:
    """The documentation of the fields, by kind, for the open data page."""
    return {kind: {name: doc} for kind, (name, doc, _) in FIELDS.items()}
