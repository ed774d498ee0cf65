"""Field reflection: a record class's fields, each annotation taken apart once, with its shape.

Every consumer of the model (the parser, the JSON Schema, the editors' template and guide, the
exports' field catalogue, the cross-record checks) reads fields through `record_fields`, and
branches once on `FieldType.shape`: a single value, one of fixed choices, a group of fields, or
a list of any of these.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import types
import typing
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Union

from .types import Choice, Pattern
from .values import VALUE_TYPES, ValueType, value_type


class Shape(enum.Enum):
    """What a field holds."""

    SCALAR = "scalar"  # one value of a value type (a date, a text, a phone number...)
    CHOICE = "choice"  # one of fixed values (an enumeration of the model)
    RECORD = "record"  # a group of fields (a dataclass of the model)
    LIST = "list"  # a list of any of these


def is_record_class(base: Any) -> bool:
    """A group of fields (a dataclass of the model), as opposed to a value type."""
    try:
        return _is_record_class(base)
    except TypeError:  # an unhashable annotation is no record class
        return False


@functools.cache
def _is_record_class(base: Any) -> bool:
    return dataclasses.is_dataclass(base) and base not in VALUE_TYPES


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
    def is_choice(self) -> bool:
        return isinstance(self.base, type) and issubclass(self.base, Choice)

    @cached_property
    def shape(self) -> Shape:
        if self.item is not None:
            return Shape.LIST
        if self.is_record:
            return Shape.RECORD
        return Shape.CHOICE if self.is_choice else Shape.SCALAR

    @cached_property
    def inner(self) -> FieldType:
        """The list's element type for a list, else the field itself."""
        return self.item or self

    @cached_property
    def pattern(self) -> Pattern | None:
        found: Pattern | None = self.marker(Pattern)
        return found

    @cached_property
    def value(self) -> ValueType | None:
        """The value type of a single value (with its pattern); None for a list or a group."""
        if self.shape in (Shape.LIST, Shape.RECORD):
            return None
        try:
            return value_type(self.base, self.pattern)
        except (KeyError, TypeError):  # TypeError: an unhashable annotation
            return None


def field_type(annotation: Any) -> FieldType:
    """Take an annotation apart: `Annotated[X | None, markers...]` -> FieldType(X, True, markers)."""
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


@functools.cache
def required_fields(cls: type) -> tuple[str, ...]:
    """Names of the fields without a default, in declaration order."""
    return tuple(
        f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )


def is_required(cls: type, name: str) -> bool:
    return name in required_fields(cls)
