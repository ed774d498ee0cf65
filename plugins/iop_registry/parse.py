"""Turn a YAML node tree into a typed record, reporting every problem with its place.

The record classes in `model/` are the schema: each field's annotation says what the
value must be. A value that YAML 1.1 would silently turn into another type (an unquoted
phone number, time or `no`) is refused with a hint, never reinterpreted.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report
from .field_example import PLACEHOLDER, expected_words, missing_field_hint
from .model.fields import FieldType, field_type, is_record_class, is_required, record_fields, required_fields
from .model.types import Choice, Markdown, Range
from .model.values import VALUE_TYPES, YamlForm, choice_type
from .text import normalise, text_problem

# Field reflection lives in model/fields.py; these names stay importable from here.
__all__ = [
    "INVALID", "PLACEHOLDER", "FieldType", "ParseContext", "expected_value", "field_type", "is_record_class",
    "is_required", "parse_record", "record_fields",
]

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"
# The tags YAML gives plain values by itself; any other (!!python/object, !custom) is refused.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "int", "float", "timestamp")}
_resolver = yaml.resolver.Resolver()
# First characters for which YAML 1.1 has an implicit reading (numbers, booleans, null, ...).
_IMPLICIT_FIRST = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
assert None not in _IMPLICIT_FIRST  # no resolver for "any first character"


class Invalid:
    """Marks a value that could not be parsed (its problem is already reported)."""


INVALID = Invalid()


@dataclass
class ParseContext:
    file: Path
    report: Report
    # Where each value stands, by path ("parties[0].contact.phone"): later checks use it.
    locations: dict[str, tuple[int, int]] = field(default_factory=dict)
    # False skips recording them: a fifth of the loading time of 10,000 records, for places
    # that are needed only when a cross-record check finds a problem (registry.py then reads
    # that one file again, see Entry.location).
    track_locations: bool = True

    def error(self, node: Node, code: str, path: str, message: str, hint: str = "") -> Invalid:
        self.report.add(
            self.file, node.start_mark.line + 1, node.start_mark.column + 1, code,
            f"{path}: {message}" if path else message, hint, path=path,
        )
        return INVALID


def parse_record(node: MappingNode, cls: type, ctx: ParseContext) -> Any:
    """Parse a whole record; returns an instance of `cls`, or INVALID."""
    return _parse_dataclass(node, cls, "", ctx)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _parse_dataclass(node: Node, cls: type, path: str, ctx: ParseContext) -> Any:
    if not isinstance(node, MappingNode):
        return ctx.error(
            node, "wrong-type", path, f"hittade {_describe(node)}, förväntade fält på formen 'namn: värde'.",
            "Skriv fälten på egna rader, indragna under rubriken.",
        )
    fields = record_fields(cls)
    locations = ctx.locations if ctx.track_locations else None
    seen: dict[str, Node] = {}
    values: dict[str, Any] = {}
    broken = False
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            ctx.error(key_node, "bad-key", path, "ett fältnamn måste vara ett ord.", "Kontrollera indraget.")
            broken = True
            continue
        key = key_node.value
        key_path = f"{path}.{key}" if path else key
        if key in seen:
            first = seen[key].start_mark.line + 1
            ctx.error(
                key_node, "duplicate-key", key_path,
                f"fältet står två gånger (första gången på rad {first}).",
                "Ta bort den ena raden; annars skulle det senare värdet tyst skriva över det första.",
            )
            broken = True
            continue
        seen[key] = key_node
        if key not in fields:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            hint = f"Menade du '{close[0]}'?" if close else "Tillåtna fält: " + ", ".join(fields) + "."
            ctx.error(key_node, "unknown-field", key_path, f"okänt fält '{key}'.", hint)
            broken = True
            continue
        if locations is not None:
            mark = value_node.start_mark
            locations[key_path] = (mark.line + 1, mark.column + 1)
        value = _parse_value(value_node, fields[key], key_path, ctx)
        if value is None:
            continue  # an explicitly empty optional field is the same as a missing one
        if value is INVALID:
            broken = True
            continue
        values[key] = value

    for name in required_fields(cls):
        if name not in values and name not in seen:
            ctx.error(
                node, "missing-field", _join(path, name),
                f"fältet saknas men är obligatoriskt; förväntade {expected_words(fields[name])}.",
                missing_field_hint(name, fields[name], nested=bool(path)),
            )
            broken = True
        elif name in seen and name not in values and not broken:
            _report_empty(seen[name], name, fields[name], _join(path, name), ctx)
            broken = True
    if broken:
        return INVALID
    return cls(**values)


def _report_empty(node: Node, name: str, ftype: FieldType, path: str, ctx: ParseContext) -> Invalid:
    return ctx.error(
        node, "missing-field", path, f"fältet är tomt men är obligatoriskt; förväntade {expected_words(ftype)}.",
        missing_field_hint(name, ftype, nested="." in path, empty=True),
    )


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.tag == NULL_TAG


def _parse_value(node: Node, ftype: FieldType, path: str, ctx: ParseContext) -> Any:
    if node.__class__ is ScalarNode and not node.style and node.tag == NULL_TAG:  # _is_null, inlined: the hottest line
        if ftype.optional:
            return None
        return _report_empty(node, path.rsplit(".", 1)[-1], ftype, path, ctx)
    base = ftype.base
    item_type = ftype.item
    if item_type is not None:
        if not isinstance(node, SequenceNode):
            return ctx.error(
                node, "wrong-type", path, f"hittade {_describe(node)}, förväntade en lista.",
                "Skriv varje värde på en egen rad som börjar med '- '.",
            )
        items = []
        for i, item_node in enumerate(node.value):
            if ctx.track_locations:
                ctx.locations[f"{path}[{i}]"] = (item_node.start_mark.line + 1, item_node.start_mark.column + 1)
            if _is_null(item_node):
                items.append(ctx.error(item_node, "empty-item", f"{path}[{i}]", "listan har en tom rad.", "Ta bort raden eller fyll i den."))
            else:
                items.append(_parse_value(item_node, item_type, f"{path}[{i}]", ctx))
        return INVALID if any(item is INVALID for item in items) else items
    if ftype.is_record:
        return _parse_dataclass(node, base, path, ctx)
    if not isinstance(node, ScalarNode):
        return ctx.error(
            node, "wrong-type", path, f"hittade {_describe(node)}, förväntade {_expected(base)}.",
            "Skriv värdet på samma rad som fältnamnet.",
        )
    return _parse_scalar(node, ftype, path, ctx)


def _expected(base: Any) -> str:
    if isinstance(base, type) and issubclass(base, Choice):
        return choice_type(base).expected
    if typing.get_origin(base) is list:
        return "en lista"
    if is_record_class(base):
        return "fält på formen 'namn: värde'"
    found = VALUE_TYPES.get(base)
    return found.expected if found is not None else "ett värde"


def expected_value(base: Any) -> str:
    """What a field of type `base` accepts, in the words the messages use (for the editors' guide)."""
    return _expected(base)


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "en grupp av fält"
    if isinstance(node, SequenceNode):
        return "en lista"
    return f"'{node.value}'"


def _yaml11_reading(node: ScalarNode) -> str | None:
    """How plain YAML 1.1 would read an unquoted value, if not as text."""
    if node.style or node.value[:1] not in _IMPLICIT_FIRST:  # quoted, a block, or no YAML 1.1 reading starts so
        return None
    tag = _resolver.resolve(ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]  # untyped in PyYAML's stubs
    if tag == STR_TAG:
        return None
    try:
        value = yaml.safe_load(node.value)
    except yaml.YAMLError:
        return "något annat än text"
    kind = {bool: "sanningsvärdet", int: "talet", float: "talet"}.get(type(value), "värdet")
    return f"{kind} {value!r}" if not isinstance(value, bool) else f"{kind} {str(value).lower()}"


# PLACEHOLDER (field_example.py) is the mark `iop-registry new` puts where the editor must write
# something. Whatever type the field has, a value still carrying it is an error: a template can
# never pass half-filled.


def _parse_scalar(node: ScalarNode, ftype: FieldType, path: str, ctx: ParseContext) -> Any:
    base = ftype.base
    text = node.value
    if PLACEHOLDER in text:
        return ctx.error(
            node, "placeholder", path, f"fältet är inte ifyllt (det står '{PLACEHOLDER}').",
            f"Byt ut {PLACEHOLDER} mot {expected_words(ftype)}; är uppgiften okänd och fältet valfritt, ta bort raden.",
        )
    if node.tag not in _PLAIN_TAGS:
        return ctx.error(node, "yaml-tag", path, f"YAML-taggen {node.tag} är inte tillåten.", "Ta bort taggen (ordet som börjar med !).")
    vtype = ftype.value
    if vtype is None:  # a programming error in the model, not a user error
        raise TypeError(f"no value type for {base!r} at {path}")
    if not vtype.read_natively_by_yaml:
        # The first test of _yaml11_reading, here too: most values are text and end it.
        reading = None if node.style or text[:1] not in _IMPLICIT_FIRST else _yaml11_reading(node)
        if reading is not None:
            return ctx.error(
                node, "yaml-coercion", path,
                f"hittade {text} utan citattecken, som YAML läser som {reading}; förväntade {vtype.expected}.",
                f'Sätt värdet inom citattecken: "{text}".',
            )
    elif node.style and vtype.yaml is YamlForm.BARE:
        return ctx.error(
            node, "quoted-value", path, f"hittade texten \"{text}\", förväntade {vtype.expected}.",
            f"Ta bort citattecknen: {text}.",
        )
    if ftype.is_choice:
        try:
            return vtype.parse(text)
        except ValueError as error:
            return ctx.error(node, vtype.error_code, path, f"hittade '{text}', förväntade {vtype.expected}.", str(error))
    if base in (str, Markdown) and not text.strip():
        return ctx.error(node, "empty-text", path, "texten är tom.", "Fyll i texten eller ta bort fältet.")
    problem = text_problem(text, base)  # the one rule for text (text.py), for every value type
    if problem is not None:
        return ctx.error(node, problem.code, path, problem.message, problem.hint)
    text = normalise(text)
    try:
        value = vtype.parse(text)
    except ValueError as error:
        return ctx.error(node, vtype.error_code, path, f"hittade '{text}', förväntade {vtype.expected}.", str(error))
    bounds = ftype.marker(Range)
    if bounds is not None and not bounds.low <= value <= bounds.high:
        return ctx.error(
            node, "bad-value", path, f"hittade {text}, förväntade ett tal mellan {bounds.low} och {bounds.high}.",
            "Kontrollera att årtalet har fyra siffror.",
        )
    return value
