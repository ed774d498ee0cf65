"""Redaktörsguiden: how to add a course or a partnership, how status is derived, every field of every record type, the common errors.

Nothing here is written twice. The field tables are read from the model through the field
catalogue (titles, descriptions, examples, required or not), the template is the one
`iop-registry new` writes, and each common error is a real mistake run through the real loader, parser and
validator at build time, so the guide shows exactly the message an editor will get.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..codes import CODES, Code, code_entry
from ..derive.status import PartnershipStatus
from ..diagnostics import Diagnostic, Report
from ..load import read_yaml_bytes
from ..model import RECORD_TYPES
from ..model.fields import FieldType, Shape
from ..model.types import Ref, Rows
from ..model.values import MAX_ID_LENGTH
from ..parse import INVALID, ParseContext, expected_value, parse_record
from ..registry import Entry, Registry
from ..site_paths import taken_ids
from ..template import example_lines, template_text
from ..validate import check_registry
from .environment import Outputs, Page, Renderer
from .field_catalogue import model_fields
from .guide_partnership import checked_examples, status_meanings
from .text import STATUS_LABELS

GUIDE_PATH = "redaktorsguide/"
# Pages of their own, so that the guide stays small enough for a phone.
PARTNERSHIP_GUIDE_PATH = f"{GUIDE_PATH}nytt-partnerskap/"
FIELDS_GUIDE_PATH = f"{GUIDE_PATH}falt/"


@dataclass(frozen=True)
class FieldDoc:
    """One row of a field table."""

    path: str  # "sessions[].start": the field inside its record, "[]" meaning each list item
    name: str
    title: str
    description: str
    required: bool
    expected: str
    example: tuple[str, ...]
    group_anchor: str | None  # the table that explains a field made of fields


@dataclass(frozen=True)
class FieldGroup:
    """The fields of a record, or of a group of fields inside it (`term`, each of `sessions`)."""

    anchor: str
    path: str
    title: str
    fields: tuple[FieldDoc, ...]


@dataclass(frozen=True)
class RecordGuide:
    kind: str
    singular: str
    plural: str
    folder: str
    groups: tuple[FieldGroup, ...]

    @property
    def anchor(self) -> str:
        return f"falt-{self.kind}"


def _anchor(kind: str, path: str) -> str:
    # "falt-<kind>" itself is the heading of the record type's section.
    return f"falt-{kind}-" + (path.replace("[]", "").replace(".", "-").replace("_", "-") if path else "posten")


def _expected(ftype: FieldType) -> str:
    if ftype.item is not None:
        rows: Rows | None = ftype.marker(Rows)
        if rows is not None:  # the kinds of row the list must hold, as validate requires them
            each = " och minst en ".join(value.label.lower() for value, _ in rows.values)
            return f"en lista med minst en {each}; varje rad är en grupp av fält (se tabellen nedan)"
        if ftype.item.shape is Shape.RECORD:
            return "en lista; varje rad är en grupp av fält (se tabellen nedan)"
        return f"en lista; varje rad är {_expected(ftype.item)}"
    if ftype.shape is Shape.RECORD:
        return "en grupp av fält (se tabellen nedan)"
    ref = ftype.marker(Ref)
    if ref is not None:
        return f"ett id: filnamnet utan .yml i registry/{RECORD_TYPES[ref.kind].folder}/"
    vtype = ftype.value  # with the field's pattern: a case number says what one looks like
    return vtype.guide if vtype is not None else expected_value(ftype.base)


def record_guide(kind: str) -> RecordGuide:
    """The field tables of one record type, the record first and then each group inside it."""
    record_type = RECORD_TYPES[kind]
    # Captions name the record type too: each table is a landmark a screen reader lists.
    kind_title = record_type.singular.capitalize()
    fields = model_fields(record_type.cls)
    # One table per group of fields, in the order the groups appear in the record.
    titles = {"": f"{kind_title}: fälten i posten"}
    for field in fields:
        if field.group is not None:
            what = f"varje rad i {field.path[:-2]}" if field.path.endswith("[]") else f"fälten i {field.path}"
            titles[field.path] = f"{kind_title}: {what} ({field.doc.title})"
    rows: dict[str, list[FieldDoc]] = {path: [] for path in titles}
    for field in fields:
        doc = field.doc
        example = tuple(example_lines(doc.example, field.ftype)) if doc.example is not None else ()
        anchor = _anchor(kind, field.path) if field.group is not None else None
        rows[field.parent].append(
            FieldDoc(field.path, field.name, doc.title, doc.description, field.required, _expected(field.ftype), example, anchor)
        )
    groups = tuple(FieldGroup(_anchor(kind, path), path, titles[path], tuple(rows[path])) for path in titles)
    return RecordGuide(kind, record_type.singular, record_type.plural, record_type.folder, groups)


# --- Common errors, produced by the real validator -------------------------------------------

EXAMPLE_COURSE_ID = "mammakraft-ht-2027"
EXAMPLE_COURSE_FILE = f"registry/courses/{EXAMPLE_COURSE_ID}.yml"
# An illustrative course (flagged `example: true`, shown as an example): the guide's
# filled-in template and the file every common error below is made in.
EXAMPLE_COURSE = """\
# yaml-language-server: $schema=../../schemas/course.schema.json
partnership: mammakraft
title: Mammakraft hösten 2027
term:
  season: HT
  year: 2027
status: open
sessions:
  - date: 2027-09-07
    start: "17:00"
    end: "19:00"
    topic: Föräldrarollen
  - date: 2027-09-14
    start: "17:00"
    end: "19:00"
# Ta bort raden nedan när du skriver in en verklig kurs.
example: true
venue:
  name: Kursens lokal
description: >-
  Tio träffar för mammor med barn över tio år. Varje träff har en föreläsare:
  till exempel en socialsekreterare, en polis eller en skolkurator.
"""
# The partnership the example course refers to. It is never shown: the validator needs a
# record to check the reference against, and its dates are deliberately wide.
_EXAMPLE_PARTNERSHIP = """\
title: Exempelpartnerskap
summary: Finns bara för att kontrollera exemplet i guiden.
case_numbers:
  - ASN-2000-1
parties:
  - organisation: exempelforeningen
    role: idea_driven
  - organisation: exempelnamnden
    role: public
period:
  start: 2000
  end: 2100
sources:
  - kind: agreement
    title: Exempelavtal
"""


@dataclass(frozen=True)
class Mistake:
    """A common error: `wrong` replaces `right` in the example course, and gives `code`."""

    title: str
    right: str
    wrong: str
    code: str


MISTAKES = (
    Mistake(
        "En tid utan citattecken",
        '    start: "17:00"\n    end: "19:00"\n    topic: Föräldrarollen',
        '    start: 17:00\n    end: "19:00"\n    topic: Föräldrarollen',
        "yaml-coercion",
    ),
    Mistake("Ett felstavat fältnamn", "title: Mammakraft hösten 2027", "titel: Mammakraft hösten 2027", "unknown-field"),
    Mistake("Ett fält som inte är ifyllt", "title: Mammakraft hösten 2027", "title: FYLL I", "placeholder"),
    Mistake("Ett obligatoriskt fält saknas", "status: open\n", "", "missing-field"),
    Mistake("Ett värde som inte finns bland de tillåtna", "status: open", "status: öppen", "bad-choice"),
    Mistake("Ett datum som inte finns", "  - date: 2027-09-14", "  - date: 2027-09-31", "bad-value"),
    Mistake("Ett datum i fel form", "  - date: 2027-09-14", "  - date: 14/9 2027", "bad-value"),
    Mistake(
        "Ett kolon i en text utan citattecken", "title: Mammakraft hösten 2027", "title: Mammakraft: hösten 2027", "yaml-syntax"
    ),
    Mistake("Fel indrag", '  - date: 2027-09-14\n    start: "17:00"', '  - date: 2027-09-14\n   start: "17:00"', "yaml-syntax"),
    Mistake("Ett citattecken som inte stängs", "title: Mammakraft hösten 2027", 'title: "Mammakraft hösten 2027', "yaml-syntax"),
    Mistake("Ett id som inte finns", "partnership: mammakraft", "partnership: mamakraft", "unknown-reference"),
    Mistake(
        "En träff som slutar innan den börjar",
        '    end: "19:00"\n    topic: Föräldrarollen',
        '    end: "15:00"\n    topic: Föräldrarollen',
        "session-order",
    ),
)


@dataclass(frozen=True)
class MistakeExample:
    mistake: Mistake
    diagnostic: Diagnostic

    @property
    def entry(self) -> Code:
        """What the mistake's code means, from the catalogue (codes.py)."""
        return code_entry(self.mistake.code)

    @property
    def wrong_lines(self) -> str:
        return self.mistake.wrong or "(raden saknas)"


def diagnose(course_text: str) -> list[Diagnostic]:
    """Everything the validator says about `course_text` as the file of the example course."""
    report = Report()
    registry = Registry(Path("registry"))
    files = [
        ("partnership", "mammakraft", Path("registry/partnerships/mammakraft.yml"), _EXAMPLE_PARTNERSHIP),
        ("course", EXAMPLE_COURSE_ID, Path(EXAMPLE_COURSE_FILE), course_text),
    ]
    for kind, record_id, path, text in files:
        node = read_yaml_bytes(text.encode("utf-8"), path, report)
        context = ParseContext(path, report)
        record = INVALID if node is None else parse_record(node, RECORD_TYPES[kind].cls, context)
        if record is INVALID:
            registry.unparsed.add((kind, record_id))
        else:
            registry.of_kind(kind)[record_id] = Entry(kind, record_id, record, path, context.locations)
    check_registry(registry, report)
    return [d for d in report.items if d.file == EXAMPLE_COURSE_FILE]


def mistake_examples() -> list[MistakeExample]:
    """Each common error with the message the validator really gives for it."""
    clean = diagnose(EXAMPLE_COURSE)
    if any(d.is_error for d in clean):  # the guide's own example must be right
        raise RuntimeError("the guide's example course has errors: " + "; ".join(d.as_text() for d in clean))
    examples = []
    for mistake in MISTAKES:
        if EXAMPLE_COURSE.count(mistake.right) != 1:
            raise RuntimeError(f"the mistake {mistake.title!r} does not fit the example course")
        found = [d for d in diagnose(EXAMPLE_COURSE.replace(mistake.right, mistake.wrong)) if d.code == mistake.code]
        if not found:
            raise RuntimeError(f"the mistake {mistake.title!r} no longer gives {mistake.code}")
        examples.append(MistakeExample(mistake, found[0]))
    return examples


def outputs(renderer: Renderer) -> Outputs:
    records = [record_guide(kind) for kind in RECORD_TYPES]
    body = renderer.render(
        "guide.html",
        GUIDE_PATH,
        records=records,
        course_template=template_text("course"),
        example_course=EXAMPLE_COURSE,
        example_course_id=EXAMPLE_COURSE_ID,
        partnership_guide=PARTNERSHIP_GUIDE_PATH,
        fields_guide=FIELDS_GUIDE_PATH,
        mistakes=mistake_examples(),
        codes=list(CODES.values()),
        max_id_length=MAX_ID_LENGTH,
        taken_ids=taken_ids(),
    )
    description = "Så lägger du till en kurs eller ett partnerskap eller ändrar i IOP-registret: steg för steg, hur läget räknas fram, alla fält och de vanligaste felen."
    partnership = renderer.render(
        "guide_partnership.html",
        PARTNERSHIP_GUIDE_PATH,
        guide=GUIDE_PATH,
        fields_guide=FIELDS_GUIDE_PATH,
        example_partnership_files=checked_examples(),
        statuses=status_meanings(),
        ended_label=STATUS_LABELS[PartnershipStatus.ENDED],
        ended_early_anchor=_anchor("partnership", "ended_early"),
    )
    fields = renderer.render("guide_fields.html", FIELDS_GUIDE_PATH, guide=GUIDE_PATH, records=records)
    return Outputs(
        pages=[
            Page(GUIDE_PATH, "Redaktörsguide", body, in_nav=True, description=description),
            Page(
                PARTNERSHIP_GUIDE_PATH, "Nytt partnerskap från ett pressmeddelande", partnership,
                description="Så lägger du in ett partnerskap från ett pressmeddelande, steg för steg, och så räknas partnerskapets läge fram.",
            ),
            Page(
                FIELDS_GUIDE_PATH, "Alla fält", fields,
                description="Varje fält som en post i IOP-registret kan ha: vad det betyder, om det måste finnas, hur det skrivs och ett exempel.",
            ),
        ]
    )
