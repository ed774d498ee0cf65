"""The guide's example of a thin partnership, entered from a press release: its files, checked.

The walkthrough "Lägg till ett partnerskap från ett pressmeddelande" shows these files. They are
run through the real parser and validator when the guide is built, like the example course, so
the guide can never show a record that the registry would refuse.
"""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report
from ..load import read_yaml_bytes
from ..model import RECORD_TYPES
from ..parse import INVALID, ParseContext, parse_record
from ..registry import Entry, Registry
from ..validate import check_registry

# (kind, id, text): a municipality, its board, an association and the partnership between them.
# Invented names and dates; the guide labels them as an example.
EXAMPLE_FILES: tuple[tuple[str, str, str], ...] = (
    ("organisation", "exempelby-kommun", "name: Exempelby kommun\nkind: municipality\n"),
    ("organisation", "exempelby-socialnamnden", "name: Socialnämnden\nkind: board\nparent: exempelby-kommun\n"),
    ("organisation", "kvinnojouren-i-exempelby", "name: Kvinnojouren i Exempelby\nkind: association\n"),
    (
        "partnership",
        "exempelby-kvinnojouren",
        """\
# yaml-language-server: $schema=../../schemas/partnership.schema.json
title: Stöd till våldsutsatta kvinnor i Exempelby
summary: >-
  Socialnämnden och Kvinnojouren i Exempelby samarbetar om stödsamtal
  och skyddat boende.
sources:
  - kind: press_release
    title: Socialnämnden tecknar avtal med Kvinnojouren
    date: 2023-12-14
    url: https://exempelby.example/press/kvinnojouren
    shows:
      - signed
parties:
  - organisation: kvinnojouren-i-exempelby
    role: idea_driven
  - organisation: exempelby-socialnamnden
    role: public
period:
  start: 2024
  end: 2026
""",
    ),
)


def example_file(kind: str, record_id: str) -> str:
    """The path of an example record as the editor creates it."""
    return f"registry/{RECORD_TYPES[kind].folder}/{record_id}.yml"


def checked_examples() -> list[tuple[str, str]]:
    """The example files (path, text), after the validator has found no problem in them."""
    report = Report()
    registry = Registry(Path("registry"))
    for kind, record_id, text in EXAMPLE_FILES:
        path = Path(example_file(kind, record_id))
        node = read_yaml_bytes(text.encode("utf-8"), path, report)
        context = ParseContext(path, report)
        record = INVALID if node is None else parse_record(node, RECORD_TYPES[kind].cls, context)
        if record is not INVALID:
            registry.of_kind(kind)[record_id] = Entry(kind, record_id, record, path, context.locations)
    check_registry(registry, report)
    if report.items:  # the guide's own example must be right, warnings included
        raise RuntimeError("the guide's example partnership has problems: " + "; ".join(d.as_text() for d in report.items))
    return [(example_file(kind, record_id), text) for kind, record_id, text in EXAMPLE_FILES]
