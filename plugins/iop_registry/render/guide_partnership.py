"""The guide's page on a new partnership: the example entered from a press release, checked, and what each status means.

The walkthrough "Lägg till ett partnerskap från ett pressmeddelande" shows the example files. They
are run through the real parser and validator when the guide is built, like the example course, so
the guide can never show a record that the registry would refuse. The status section lists the
statuses with the site's own labels (STATUS_LABELS), so it names every status a page can show.
"""

from __future__ import annotations

from pathlib import Path

from ..derive.status import PartnershipStatus
from ..diagnostics import Report
from ..load import read_yaml_bytes
from ..model import RECORD_TYPES
from ..parse import INVALID, ParseContext, parse_record
from ..registry import Entry, Registry
from ..validate import check_registry
from .text import STATUS_LABELS

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


# What each status means, in the order the site lists them; the labels come from STATUS_LABELS.
STATUS_MEANINGS: dict[PartnershipStatus, str] = {
    PartnershipStatus.PROPOSED: (
        "Ett beslutsärende eller en källa föreslår avtalet, men inget i registret visar att det är beslutat eller undertecknat."
    ),
    PartnershipStatus.UNKNOWN: (
        "Ingen källa visar ett beslut, en underskrift eller ett förslag: registret vet inte om avtalet är beslutat. "
        f"Sidan skriver då inte {STATUS_LABELS[PartnershipStatus.PROPOSED]}, eftersom inget säger att det är ett förslag heller. "
        "Finns en källa som visar beslutet eller underskriften, lägg till den; då räknas läget fram ur perioden."
    ),
    PartnershipStatus.UNDATED: (
        "Avtalet är beslutat eller undertecknat, men ingen källa anger perioden: registret kan inte säga om det gäller i dag."
    ),
    PartnershipStatus.UPCOMING: "Avtalet är beslutat eller undertecknat, och perioden har inte börjat.",
    PartnershipStatus.ACTIVE: "Avtalet är beslutat eller undertecknat, och dagens datum ligger inom perioden.",
    PartnershipStatus.ENDING: (
        "Det sista halvåret av perioden, när avtalet kan förlängas men ingen förlängning finns i registret."
    ),
    PartnershipStatus.EXTENDED: "Perioden är slut, men en förlängning som finns i registret gäller.",
    PartnershipStatus.ENDED: "Efter periodens sista dag, eller när avtalet har avslutats i förtid (se ovan).",
}


def status_meanings() -> list[tuple[str, str]]:
    """Each status as the site labels it (label, meaning), in the order listings offer them."""
    missing = [code for code in STATUS_LABELS if code not in STATUS_MEANINGS]
    if missing:  # a new status must be explained in the guide before the site can show it
        raise RuntimeError(f"the guide does not explain the statuses {missing}")
    return [(label, STATUS_MEANINGS[code]) for code, label in STATUS_LABELS.items()]
