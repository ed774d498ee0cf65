"""A field written out as an editor writes it, from the model: its example values as YAML, and
the words and the one line to paste that a message about a missing field gives.

Everything here is read from the field's `Doc` (title, meaning, example), its value type in
`model/values.py` (what is expected, whether YAML needs quotes) and its markers (`Ref`, `Rows`),
so the editors' template, the guide and the parser's messages say the same thing.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .model import RECORD_TYPES
from .model.fields import FieldType, Shape, record_fields, required_fields
from .model.types import Doc, Markdown, Ref, Rows
from .model.values import ValueType, value_type

# The mark the editors' template puts where the editor must write something (parse.py refuses
# any value that still holds it); a line to paste carries it where the model has no example.
PLACEHOLDER = "FYLL I"


def _value_type(base: Any) -> ValueType | None:
    try:
        return value_type(base)
    except (KeyError, TypeError):  # a list or a group of fields
        return None


def quoted_in_templates(base: Any) -> bool:
    """Values that must stay inside quotes ("17:00", "040-34 10 00", "04-30"): YAML would
    read them as numbers otherwise. The placeholder keeps the quotes the value needs."""
    found = _value_type(base)
    return found is not None and found.quoted_in_templates


def yaml_scalar(value: Any, base: Any = str) -> str:
    """A single example value written as the editor writes it in a record file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    found = _value_type(base)
    native = found is not None and found.read_natively_by_yaml  # numbers, dates, booleans: written without quotes
    if isinstance(value, str) and (quoted_in_templates(base) or (not native and not _reads_back("x: {}\n", text))):
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML string
    return text


def _reads_back(frame: str, text: str, *, any_tag: bool = False) -> bool:
    """Whether `text` written without quotes where `frame` puts it is read by YAML as exactly this
    text (`any_tag`: as this text, even if YAML then takes it for a date or a number)."""
    try:
        node = yaml.compose(frame.format(text), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and len(node.value) == 1:
        node = node.value[0][1] if isinstance(node, yaml.MappingNode) else node.value[0]
    return isinstance(node, yaml.ScalarNode) and (any_tag or node.tag == "tag:yaml.org,2002:str") and node.value == text


def example_lines(example: Any, ftype: FieldType) -> list[str]:
    """The field's example as YAML values: one per list item, else one."""
    if ftype.item is not None:
        values = example if isinstance(example, list) else [example]
        return [yaml_scalar(v, ftype.item.base) for v in values]
    return [yaml_scalar(example, ftype.base)]


# --- one line to paste ------------------------------------------------------------------------


def _inline_scalar(ftype: FieldType, example: Any) -> str:
    """One value as it stands on a line to paste, perhaps inside a one-line group or list
    ({…}, […]), where a comma or a brace would end it: then it is quoted."""
    if example is None:
        return f'"{PLACEHOLDER}"' if quoted_in_templates(ftype.base) else PLACEHOLDER
    written = yaml_scalar(example, ftype.base)  # already quoted where YAML would read it as something else
    if written.startswith('"') or _reads_back("x: [{}]\n", written, any_tag=True):
        return written
    return json.dumps(written, ensure_ascii=False)


def _inline_group(cls: type, preset: tuple[str, Any] | None = None) -> str:
    """A group's required fields on one line: {start: 2023-01-01, end: 2024-12-31}."""
    fields = record_fields(cls)
    parts = []
    for name in required_fields(cls):
        if preset is not None and name == preset[0]:
            parts.append(f"{name}: {yaml_scalar(preset[1].value, fields[name].base)}")
        elif preset is not None:  # a row the template writes: only its own field is known
            parts.append(f"{name}: {_inline_value(fields[name], with_examples=False)}")
        else:
            parts.append(f"{name}: {_inline_value(fields[name])}")
    return "{" + ", ".join(parts) + "}"


def _inline_value(ftype: FieldType, *, with_examples: bool = True) -> str:
    doc = ftype.marker(Doc)
    example = doc.example if doc is not None and with_examples else None
    item = ftype.item
    if item is not None:
        rows: Rows | None = ftype.marker(Rows)
        if item.shape is Shape.RECORD:
            if rows is not None:  # one row for each kind of item the list must hold, as the template writes them
                return "[" + ", ".join(_inline_group(item.base, (rows.key, value)) for value, _ in rows.values) + "]"
            return f"[{_inline_group(item.base)}]"
        values = example if isinstance(example, list) else [example]
        return "[" + ", ".join(_inline_scalar(item, value) for value in values) + "]"
    if ftype.shape is Shape.RECORD:
        return _inline_group(ftype.base)
    return _inline_scalar(ftype, example)


def paste_line(name: str, ftype: FieldType) -> str:
    """The field as one YAML line an editor can paste: `title: Mammakraft`,
    `period: {start: 2023-01-01, end: 2024-12-31}`, FYLL I where the model has no example."""
    return f"{name}: {_inline_value(ftype)}"


# --- what a missing field's message says -------------------------------------------------------


def _names(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def expected_words(ftype: FieldType) -> str:
    """What the field holds, in the words of the messages: "en grupp med fälten start och end"."""
    item = ftype.item
    if item is not None:
        rows: Rows | None = ftype.marker(Rows)
        each = (
            f"en lista med minst en {' och minst en '.join(value.label.lower() for value, _ in rows.values)}"
            if rows
            else "en lista"
        )
        if item.shape is Shape.RECORD:
            return f"{each}, där varje rad är en grupp med {_fields_words(item.base)}"
        return f"{each}, en rad för varje värde, varje rad {expected_words(item)}"
    if ftype.shape is Shape.RECORD:
        return f"en grupp med {_fields_words(ftype.base)}"
    ref = ftype.marker(Ref)
    if ref is not None:
        record_type = RECORD_TYPES[ref.kind]
        return f"id för {record_type.gender.value} {record_type.singular} (filnamnet utan .yml i registry/{record_type.folder}/)"
    vtype = ftype.value
    if vtype is None:
        return "ett värde"
    if ftype.base in (str, Markdown):
        return "en text som får ha flera stycken" if vtype.text_rule.multiline else "en text på en rad"
    return vtype.guide


def _fields_words(cls: type) -> str:
    required = required_fields(cls)
    if not required:
        return "valfria fält"
    return f"{'fältet' if len(required) == 1 else 'fälten'} {_names(required)}"


def missing_field_hint(name: str, ftype: FieldType, *, nested: bool, empty: bool = False) -> str:
    """What the field means, how it is written and a line to paste, for a message that it is
    missing (`nested`: inside a group, so the line takes the group's indentation) or `empty`."""
    doc = ftype.marker(Doc) or Doc(name)
    parts = [f"{doc.title} ({name}): {doc.description}" if doc.description else f"{doc.title} ({name})."]
    line = paste_line(name, ftype)
    if empty:
        parts.append(f"Fyll i värdet, till exempel: {line}")
    else:
        parts.append(f"Lägg till raden{', med samma indrag som fälten bredvid' if nested else ''}: {line}")
    if PLACEHOLDER in line:
        parts.append(f"och byt ut {PLACEHOLDER} mot {'rätt uppgifter' if line.count(PLACEHOLDER) > 1 else 'rätt uppgift'}.")
    rows: Rows | None = ftype.marker(Rows)
    if rows is not None:
        parts.append(" ".join(f"{value.label}: {meaning}" for value, meaning in rows.values))
    return " ".join(parts)
