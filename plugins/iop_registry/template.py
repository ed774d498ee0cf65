"""`iop-registry new`: a commented template for a new record, generated from the model.

The template is the record class written out as YAML: every required field with the
placeholder FYLL I, every optional field commented out, and above each field its Swedish
title, meaning and example from the field's `Doc`. The parser refuses any value that still
holds the placeholder, so a half-filled template can never reach the site; once the marked
fields are filled it validates.
"""

from __future__ import annotations

import sys
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Report
from .field_example import PLACEHOLDER, example_lines, quoted_in_templates, yaml_scalar
from .model import RECORD_TYPES
from .model.fields import FieldType, Shape, is_required, record_fields
from .model.types import Choice, Doc, Pattern, Ref, Rows
from .model.values import MAX_ID_LENGTH, choices_text
from .parse import expected_value
from .registry import RECORD_SUFFIXES, load_registry, taken_id_hint, valid_id

INDENT = "  "
COMMENT_WIDTH = 100

__all__ = ["choices_text", "example_lines", "template_text", "write_template", "yaml_scalar"]


def schema_modeline(kind: str) -> str:
    """The first line of every record file: VS Code's YAML extension reads its schema from it."""
    return f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"


def _ref_sentence(item: FieldType) -> str | None:
    ref = item.marker(Ref)
    return None if ref is None else f"Id är filnamnet utan .yml i registry/{RECORD_TYPES[ref.kind].folder}/."


def field_comment(cls: type, name: str, ftype: FieldType, *, written: bool = False) -> str:
    """One field's explanation in the template: title, required or not, meaning, example.
    A field whose value the template already writes (`written`) gets no example."""
    doc = ftype.marker(Doc) or Doc(name)
    if written:
        doc = Doc(doc.title, doc.description)
    parts = [f"{doc.title} ({'obligatoriskt' if is_required(cls, name) else 'valfritt'})."]
    if doc.description:
        parts.append(doc.description)
    base = ftype.base
    item = ftype.inner
    if item.shape is Shape.CHOICE:
        parts.append(f"Ett av: {choices_text(item.base)}.")
    pattern = item.marker(Pattern)
    if pattern is not None and doc.example is None:
        parts.append(f"Skriv {pattern.message}.")
    ref = _ref_sentence(item)
    if ref is not None:
        parts.append(ref)
    # A value with a fixed form: without an example, the explanation says what the form is.
    item_value = item.value
    if item_value is not None and item_value.explain_form and doc.example is None:
        parts.append(f"Skriv {expected_value(item.base)}.")
    rows: Rows | None = ftype.marker(Rows)
    if rows is not None:
        parts.append("Minst en " + " och minst en ".join(value.label.lower() for value, _ in rows.values) + ".")
    if doc.example is not None and base is not bool:
        parts.append("Exempel: " + ", ".join(example_lines(doc.example, ftype)))
    elif ftype.item is not None and item.shape is Shape.RECORD:
        parts.append("En grupp av fält per rad i listan; kopiera gruppen för fler.")
    return " ".join(parts)


def _placeholder(base: Any) -> str:
    return f'"{PLACEHOLDER}"' if quoted_in_templates(base) else PLACEHOLDER


def _multiline(ftype: FieldType) -> bool:
    return ftype.value is not None and ftype.value.text_rule.multiline


def _value_lines(name: str, ftype: FieldType, indent: str, *, required: bool) -> list[str]:
    """`name: FYLL I`, or the block a group or a list of values needs."""
    base = ftype.base
    if base is bool and not required:
        # An optional yes/no field has a default; taking the line in means choosing the other value.
        return [f"{indent}{name}: true"]
    if ftype.item is not None:
        rows: Rows | None = ftype.marker(Rows)
        if rows is not None:
            return [f"{indent}{name}:", *_preset_rows(ftype.item, rows, indent + INDENT)]
        return [f"{indent}{name}:", *_item_lines(ftype.item, indent + INDENT)]
    if ftype.shape is Shape.RECORD:
        return [f"{indent}{name}:", *_record_lines(base, indent + INDENT)]
    if _multiline(ftype):
        # A folded block: the text may run over several lines and may contain ': ' safely.
        return [f"{indent}{name}: >-", f"{indent}{INDENT}{PLACEHOLDER}"]
    return [f"{indent}{name}: {_placeholder(base)}"]


@dataclass(frozen=True)
class _Preset:
    """A row the template starts a list with: its field `key` written as `value`, and above
    the row what such an item is (a public party: the board or the municipality)."""

    key: str
    value: Choice
    meaning: str


def _preset_rows(item: FieldType, rows: Rows, indent: str) -> list[str]:
    """One row for each value the list must hold, so the template never starts a record that
    the registry refuses once its placeholders are filled (a partnership's two kinds of party)."""
    return [line for value, meaning in rows.values for line in _item_lines(item, indent, _Preset(rows.key, value, meaning))]


def _item_lines(item: FieldType, indent: str, preset: _Preset | None = None) -> list[str]:
    """One list item: `- FYLL I`, or a group of fields whose first line carries the dash."""
    base = item.base
    if item.shape is Shape.RECORD:
        lines = _record_lines(base, indent + INDENT, preset=preset)
        # Required fields come first in a dataclass, so the first field line is never
        # commented out: the dash goes there.
        first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
        inner = len(indent) + len(INDENT)
        # The first field's explanation stands above the dash, at the dash's indentation.
        return [indent + line[inner:] for line in lines[:first]] + [f"{indent}- {lines[first][inner:]}"] + lines[first + 1 :]
    if _multiline(item):
        return [f"{indent}- >-", f"{indent}{INDENT}{PLACEHOLDER}"]
    return [f"{indent}- {_placeholder(base)}"]


def _comment_out(lines: list[str], indent: str) -> list[str]:
    """Comment a block at its own indentation: removing "# " (Ctrl+/ in VS Code) restores it."""
    return [f"{indent}# {line[len(indent) :]}" for line in lines]


def _row_comment(ftype: FieldType, preset: _Preset) -> str:
    """The first field of a preset row is explained by the row: "Offentlig part (obligatoriskt). Id för nämnden …"."""
    parts = [f"{preset.value.label} (obligatoriskt).", preset.meaning]
    ref = _ref_sentence(ftype.inner)
    if ref is not None:
        parts.append(ref)
    return " ".join(parts)


def _record_lines(cls: type, indent: str, names: list[str] | None = None, preset: _Preset | None = None) -> list[str]:
    lines: list[str] = []
    fields = record_fields(cls)
    for position, name in enumerate(fields if names is None else names):
        ftype = fields[name]
        written = preset is not None and name == preset.key
        if preset is not None and position == 0:
            explanation = _row_comment(ftype, preset)
        else:
            explanation = field_comment(cls, name, ftype, written=written)
        comment = textwrap.wrap(
            explanation,
            width=max(40, COMMENT_WIDTH - len(indent) - 2),
            break_on_hyphens=False,
            break_long_words=False,
        )
        lines += [f"{indent}# {text}" for text in comment]
        required = is_required(cls, name)
        if written and preset is not None:
            lines.append(f"{indent}{name}: {yaml_scalar(preset.value.value, ftype.base)}")
            continue
        block = _value_lines(name, ftype, indent, required=required)
        lines += block if required else _comment_out(block, indent)
    return lines


# A partnership is most often first known from a press release, a news item or a web page:
# these fields, which such a source can give, come first; the fields only an agreement or a
# decision gives follow under a line that says to leave them out when the source is silent.
THIN_FIRST = {"partnership": ("title", "summary", "sources", "parties", "period", "case_numbers", "decisions", "budget")}
THIN_DIVIDER = (
    "",
    "# ---------------------------------------------------------------------------------------------",
    "# Fälten nedan ger oftast bara ett avtal eller ett beslut. Ger din källa dem inte, låt dem stå",
    "# bortkommenterade eller ta bort dem: webbplatsen skriver då Uppgift saknas, aldrig en gissning.",
    "# ---------------------------------------------------------------------------------------------",
    "",
)


def _field_lines(cls: type, names: list[str]) -> list[str]:
    fields = record_fields(cls)
    return _record_lines(cls, "", [n for n in names if n in fields])


def template_text(kind: str) -> str:
    """The whole template for a record of `kind`, ending with a newline."""
    record_type = RECORD_TYPES[kind]
    cls = record_type.cls
    header = [
        schema_modeline(kind),
        "#",
        f"# Ny post: {record_type.singular}. Filens namn (utan .yml) är postens id.",
        f"# 1. Byt ut varje {PLACEHOLDER} mot rätt uppgift. Registret godkänner inte filen förrän alla är ifyllda.",
        "# 2. Rader som börjar med # är förklaringar eller valfria fält. Ett valfritt fält tar du med genom att",
        '#    ta bort "# " först på fältets rader (i VS Code: markera raderna och tryck Ctrl+/) och fylla i det.',
        "#    Uppgifter som inte är kända lämnar du bort.",
        "# 3. Skriv bara det som står i källorna: avtal, beslut, pressmeddelanden. Redaktörsguiden på",
        "#    webbplatsen förklarar varje fält.",
        "",
    ]
    if kind not in THIN_FIRST:
        return "\n".join(header + _record_lines(cls, "")) + "\n"
    first = [name for name in record_fields(cls) if name in THIN_FIRST[kind]]
    first.sort(key=THIN_FIRST[kind].index)
    rest = [name for name in record_fields(cls) if name not in THIN_FIRST[kind]]
    return "\n".join(header + _field_lines(cls, first) + list(THIN_DIVIDER) + _field_lines(cls, rest)) + "\n"


def suggest_id(text: str) -> str:
    """A slug close to what the editor typed: "Mammakraft HT 2027" -> "mammakraft-ht-2027"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)[:MAX_ID_LENGTH].strip("-")


def write_template(kind: str, record_id: str, registry_root: Path) -> int:
    """Write registry/<folder>/<id>.yml from the template. 0 when written, 1 when refused."""
    record_type = RECORD_TYPES[kind]
    if not valid_id(record_id):
        suggestion = suggest_id(record_id)
        tip = f" Förslag: {suggestion}" if suggestion and valid_id(suggestion) else ""
        print(
            f"'{record_id}' duger inte som id. Använd små bokstäver a–z, siffror och bindestreck "
            f"(å, ä, ö blir a, a, o), högst {MAX_ID_LENGTH} tecken.{tip}",
            file=sys.stderr,
        )
        return 1
    if not registry_root.is_dir():
        print(f"Mappen {registry_root} finns inte. Ange registrets mapp med --registry.", file=sys.stderr)
        return 1
    folder = registry_root / record_type.folder
    for suffix in RECORD_SUFFIXES:
        existing = folder / f"{record_id}{suffix}"
        if existing.exists():
            print(f"{existing} finns redan. Välj ett annat id, eller ändra i den befintliga filen.", file=sys.stderr)
            if kind == "organisation":
                print(taken_id_hint(load_registry(registry_root, Report()), record_id), file=sys.stderr)
            return 1
    folder.mkdir(exist_ok=True)
    path = folder / f"{record_id}.yml"
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(template_text(kind))
    print(
        f"Skrev {path}. Byt ut varje {PLACEHOLDER} och kontrollera sedan med: iop-registry validate {registry_root}",
        file=sys.stderr,
    )
    return 0
