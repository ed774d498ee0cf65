"""Turn a YAML node tree into a typed record, reporting every problem with its place.

The record classes in `model/` are the schema: each field's annotation says what the
value must be. A value that YAML 1.1 would silently turn into another type (an unquoted
phone number, time or `no`) is refused with a hint, never reinterpreted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import re
import types
import typing
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Union

import phonenumbers
import yaml
from stdnum.se import orgnr
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report
from .model.types import (
    Choice,
    EmailAddress,
    Kronor,
    Markdown,
    MonthDay,
    OrgNumber,
    PartialDate,
    Pattern,
    PhoneNumber,
    Range,
    Url,
)
from .text import normalise, text_problem

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


@dataclass(frozen=True)
class FieldType:
    """A field's annotation taken apart: the bare type, optional or not, and its markers."""

    base: Any
    optional: bool
    extras: tuple[Any, ...]

    # Worked out once per field, not once per value: parsing 10,000 records asks these
    # questions millions of times.
    @cached_property
    def markers(self) -> dict[type, Any]:
        found: dict[type, Any] = {}
        for extra in self.extras:
            found.setdefault(type(extra), extra)
        return found

    def marker(self, kind: type) -> Any:
        return self.markers.get(kind)

    @cached_property
    def item(self) -> FieldType | None:
        """The element type when the field is a list, else None."""
        return field_type(typing.get_args(self.base)[0]) if typing.get_origin(self.base) is list else None

    @cached_property
    def is_record(self) -> bool:
        return is_record_class(self.base)

    @cached_property
    def pattern(self) -> Pattern | None:
        return self.marker(Pattern)  # type: ignore[no-any-return]

    @cached_property
    def pattern_regex(self) -> re.Pattern[str] | None:
        return re.compile(self.pattern.regex) if self.pattern else None

    @cached_property
    def is_choice(self) -> bool:
        return isinstance(self.base, type) and issubclass(self.base, Choice)


def field_type(annotation: Any) -> FieldType:
    extras: tuple[Any, ...] = ()
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *rest = typing.get_args(annotation)
        extras = tuple(rest)
    optional = False
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        annotation = args[0]
    return FieldType(annotation, optional, extras)


_hints_cache: dict[type, dict[str, FieldType]] = {}


def record_fields(cls: type) -> dict[str, FieldType]:
    """The fields of a record class, in declaration order, with their parsed annotations."""
    if cls not in _hints_cache:
        hints = typing.get_type_hints(cls, include_extras=True)
        _hints_cache[cls] = {f.name: field_type(hints[f.name]) for f in dataclasses.fields(cls)}
    return _hints_cache[cls]


def is_required(cls: type, name: str) -> bool:
    return name in _required_fields(cls)


@functools.cache
def _required_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields without a default, in declaration order."""
    return tuple(
        f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


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

    for name in _required_fields(cls):
        if name not in values and name not in seen:
            ctx.error(
                node, "missing-field", _join(path, name), "fältet saknas men är obligatoriskt.",
                f"Lägg till raden '{name}: …' (se redaktörsguiden).",
            )
            broken = True
        elif name in seen and name not in values and not broken:
            ctx.error(seen[name], "missing-field", _join(path, name), "fältet är tomt men är obligatoriskt.", "Fyll i ett värde.")
            broken = True
    if broken:
        return INVALID
    return cls(**values)


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.tag == NULL_TAG


def _parse_value(node: Node, ftype: FieldType, path: str, ctx: ParseContext) -> Any:
    if node.__class__ is ScalarNode and not node.style and node.tag == NULL_TAG:  # _is_null, inlined: the hottest line
        if ftype.optional:
            return None
        return ctx.error(node, "missing-field", path, "fältet är tomt men är obligatoriskt.", "Fyll i ett värde.")
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


# What each scalar type accepts. A parser returns the value or raises ValueError(hint).
def _parse_int(text: str) -> int:
    if not re.fullmatch(r"0|[1-9][0-9]*", text):
        raise ValueError("Skriv ett heltal med bara siffror, till exempel 2023.")
    return int(text)


def _parse_kronor(text: str) -> int:
    if re.fullmatch(r"-[0-9]+", text):
        raise ValueError("Belopp får inte vara negativa.")
    if re.fullmatch(r"[0-9][0-9 \u00a0_]*[.,][0-9]+", text):
        raise ValueError("Belopp anges i hela kronor, utan ören.")
    if re.fullmatch(r"[0-9][0-9 \u00a0_.]*", text):
        if text.startswith("0") and text != "0":
            raise ValueError("Ta bort nollan i början av beloppet.")
        if not text.isdigit():
            raise ValueError(f"Skriv beloppet utan mellanslag eller skiljetecken: {re.sub(r'[^0-9]', '', text)}.")
        return int(text)
    raise ValueError("Skriv beloppet i hela kronor med bara siffror, till exempel 290000.")


def _parse_bool(text: str) -> bool:
    if text in ("true", "false"):
        return text == "true"
    raise ValueError("Skriv true (ja) eller false (nej).")


def _parse_date(text: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2023-01-01.")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("Datumet finns inte i kalendern; kontrollera dag och månad.") from None


def _parse_time(text: str) -> dt.time:
    match = re.fullmatch(r"([01]\d|2[0-3]):([0-5]\d)", text)
    if not match:
        raise ValueError('Skriv tiden som "HH:MM" inom citattecken, till exempel "18:30".')
    return dt.time(int(match[1]), int(match[2]))


def _parse_partial_date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError:
        raise ValueError("Skriv ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ, med ett datum som finns.") from None


def _parse_month_day(text: str) -> MonthDay:
    try:
        return MonthDay.parse(text)
    except ValueError:
        raise ValueError('Skriv månad och dag som "MM-DD", till exempel "04-30".') from None


def _parse_phone(text: str) -> PhoneNumber:
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError("Skriv ett giltigt telefonnummer med riktnummer, till exempel \"040-34 10 00\" eller \"+46 40 34 10 00\".")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.country_code == 46:
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    else:
        shown = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return PhoneNumber(text, e164, shown)


_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def _parse_email(text: str) -> EmailAddress:
    local, at, domain = text.rpartition("@")
    problem = "Skriv en e-postadress som namn@exempel.se."
    if not at or not _LOCAL_PART.fullmatch(local) or len(local) > 64:
        raise ValueError(problem)
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(problem) from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels) or not labels[-1].isalpha():
        raise ValueError(problem)
    return EmailAddress(text, f"{local}@{ascii_domain}")


def _parse_org_number(text: str) -> OrgNumber:
    if not re.fullmatch(r"\d{6}[- –]?\d{4}", text):
        raise ValueError("Skriv organisationsnumret som tio siffror, NNNNNN-NNNN.")
    if not orgnr.is_valid(text.replace("–", "-").replace(" ", "")):
        raise ValueError("Kontrollsiffran stämmer inte; jämför med Bolagsverkets eller Skatteverkets uppgift.")
    return OrgNumber(orgnr.format(text.replace("–", "-").replace(" ", "")))


def _parse_url(text: str) -> str:
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
        raise ValueError("Skriv en hel webbadress som börjar med https://.")
    return text


SCALAR_PARSERS: dict[Any, Callable[[str], Any]] = {
    str: str,
    Markdown: str,
    int: _parse_int,
    Kronor: _parse_kronor,
    bool: _parse_bool,
    dt.date: _parse_date,
    dt.time: _parse_time,
    PartialDate: _parse_partial_date,
    MonthDay: _parse_month_day,
    PhoneNumber: _parse_phone,
    EmailAddress: _parse_email,
    OrgNumber: _parse_org_number,
    Url: _parse_url,
}


def is_record_class(base: Any) -> bool:
    """A group of fields (a dataclass of the model), as opposed to a value type."""
    try:
        return _is_record_class(base)
    except TypeError:  # an unhashable annotation is no record class
        return False


@functools.cache
def _is_record_class(base: Any) -> bool:
    return dataclasses.is_dataclass(base) and base not in SCALAR_PARSERS


# Types whose unquoted values YAML 1.1 reads the same way we do (numbers, dates, booleans).
_YAML_NATIVE = {int, Kronor, bool, dt.date, PartialDate}

_EXPECTED = {
    str: "en text", Markdown: "en text", int: "ett heltal", Kronor: "ett belopp i hela kronor",
    bool: "true eller false", dt.date: "ett datum (ÅÅÅÅ-MM-DD)", dt.time: 'en tid ("HH:MM")',
    PartialDate: "ett datum, en månad eller ett år", MonthDay: 'en dag i året ("MM-DD")',
    PhoneNumber: "ett telefonnummer", EmailAddress: "en e-postadress", OrgNumber: "ett organisationsnummer",
    Url: "en webbadress",
}


def _expected(base: Any) -> str:
    if isinstance(base, type) and issubclass(base, Choice):
        return "ett av värdena " + ", ".join(m.value for m in base)
    if typing.get_origin(base) is list:
        return "en lista"
    if is_record_class(base):
        return "fält på formen 'namn: värde'"
    return _EXPECTED.get(base, "ett värde")


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


# The mark `iop-registry new` puts where the editor must write something. Whatever type the
# field has, a value still carrying it is an error: a template can never pass half-filled.
PLACEHOLDER = "FYLL I"


def _parse_scalar(node: ScalarNode, ftype: FieldType, path: str, ctx: ParseContext) -> Any:
    base = ftype.base
    text = node.value
    if PLACEHOLDER in text:
        return ctx.error(
            node, "placeholder", path, f"fältet är inte ifyllt (det står '{PLACEHOLDER}').",
            f"Byt ut {PLACEHOLDER} mot {_expected(base)}; är uppgiften okänd och fältet valfritt, ta bort raden.",
        )
    if node.tag not in _PLAIN_TAGS:
        return ctx.error(node, "yaml-tag", path, f"YAML-taggen {node.tag} är inte tillåten.", "Ta bort taggen (ordet som börjar med !).")
    if base not in _YAML_NATIVE:
        # The first test of _yaml11_reading, here too: most values are text and end it.
        reading = None if node.style or text[:1] not in _IMPLICIT_FIRST else _yaml11_reading(node)
        if reading is not None:
            return ctx.error(
                node, "yaml-coercion", path,
                f"hittade {text} utan citattecken, som YAML läser som {reading}; förväntade {_expected(base)}.",
                f'Sätt värdet inom citattecken: "{text}".',
            )
    elif node.style and base is not PartialDate and base is not dt.date:
        return ctx.error(
            node, "quoted-value", path, f"hittade texten \"{text}\", förväntade {_expected(base)}.",
            f"Ta bort citattecknen: {text}.",
        )
    if ftype.is_choice:
        if text in base._value2member_map_:
            return base(text)
        close = difflib.get_close_matches(text, [m.value for m in base], n=1, cutoff=0.5)
        hint = f"Menade du '{close[0]}'? " if close else ""
        return ctx.error(
            node, "bad-choice", path, f"hittade '{text}', förväntade {_expected(base)}.",
            hint + "Värdena betyder: " + "; ".join(f"{m.value} = {m.label}" for m in base) + ".",
        )
    parser = SCALAR_PARSERS.get(base)
    if parser is None:  # a programming error in the model, not a user error
        raise TypeError(f"no parser for {base!r} at {path}")
    if base in (str, Markdown) and not text.strip():
        return ctx.error(node, "empty-text", path, "texten är tom.", "Fyll i texten eller ta bort fältet.")
    problem = text_problem(text, base)  # the one rule for text (text.py), for every value type
    if problem is not None:
        return ctx.error(node, problem.code, path, problem.message, problem.hint)
    text = normalise(text)
    try:
        value = parser(text)
    except ValueError as error:
        return ctx.error(node, "bad-value", path, f"hittade '{text}', förväntade {_expected(base)}.", str(error))
    bounds = ftype.marker(Range)
    if bounds is not None and not bounds.low <= value <= bounds.high:
        return ctx.error(
            node, "bad-value", path, f"hittade {text}, förväntade ett tal mellan {bounds.low} och {bounds.high}.",
            "Kontrollera att årtalet har fyra siffror.",
        )
    pattern = ftype.pattern
    if pattern is not None and not ftype.pattern_regex.fullmatch(text):  # type: ignore[union-attr]
        return ctx.error(node, "bad-value", path, f"hittade '{text}', förväntade {pattern.message}.", "Skriv det som i dokumentet.")
    return value
