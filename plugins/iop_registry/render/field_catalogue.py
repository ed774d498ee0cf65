"""The model's fields as documentation: one walk of every record type, read by the guide and the open data page.

Titles, descriptions and examples come from the fields' `Doc` markers; nested fields are named
by their path inside the record (`budget[].costs[].amount`, "[]" meaning each list item).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import RECORD_TYPES
from ..model.fields import FieldType, Shape, is_required, record_fields
from ..model.types import Doc, Ref
from ..model.values import value_type


@dataclass(frozen=True)
class ModelField:
    """One field of a record type, wherever it sits inside the record."""

    path: str  # "sessions[].start"
    parent: str  # the path of the group of fields it belongs to, "" for the record itself
    name: str
    ftype: FieldType
    doc: Doc
    required: bool

    @property
    def group(self) -> type | None:
        """The record class when the field is a group of fields (or a list of groups)."""
        inner = self.ftype.inner
        return inner.base if inner.shape is Shape.RECORD else None


def model_fields(cls: type, parent: str = "") -> list[ModelField]:
    """Every field of a record class, depth first: a group's fields follow the group."""
    found = []
    for name, ftype in record_fields(cls).items():
        path = f"{parent}.{name}" if parent else name
        if ftype.item is not None and ftype.inner.shape is Shape.RECORD:
            path += "[]"
        field = ModelField(path, parent, name, ftype, ftype.marker(Doc) or Doc(name), is_required(cls, name))
        found.append(field)
        if field.group is not None:
            found.extend(model_fields(field.group, path))
    return found


def model_field(cls: type, path: str) -> tuple[FieldType, Doc]:
    """A (nested) model field and its Doc, e.g. model_field(Partnership, "period.start").

    The Doc's title names the groups on the way ("Period: Början")."""
    titles = []
    doc = Doc("")
    ftype: FieldType | None = None
    for name in path.split("."):
        ftype = record_fields(cls)[name]
        doc = ftype.marker(Doc) or Doc(name)
        titles.append(doc.title)
        cls = ftype.inner.base
    assert ftype is not None
    return ftype, Doc(": ".join(titles), doc.description, doc.example)


def model_doc(cls: type, path: str) -> Doc:
    """The Doc of a (nested) model field, e.g. model_doc(Partnership, "period.start")."""
    return model_field(cls, path)[1]


@dataclass(frozen=True)
class FieldRow:
    """A field as the open data page lists it."""

    name: str
    title: str
    description: str
    type: str
    required: bool = False


def type_name(ftype: FieldType) -> str:
    """The field's type in a word or two, for the open data page."""
    if ftype.item is not None:
        return "lista: " + type_name(ftype.item)
    ref = ftype.marker(Ref)
    if ref:
        return f"id ({RECORD_TYPES[ref.kind].singular})"
    if ftype.shape is Shape.RECORD:
        return "grupp av fält"
    # The base type's name: a case number is "text" in the catalogue, as it always was.
    try:
        return value_type(ftype.base).catalogue
    except KeyError:
        return "värde"


def field_rows(cls: type, prefix: str = "") -> list[FieldRow]:
    """Every field of a record class for the open data page, each name prefixed (`recorded.`).

    A list of single values is marked "[]" here too (`case_numbers[]`), as the page always did."""
    return [
        FieldRow(prefix + f.path + ("[]" if f.ftype.item is not None and f.group is None else ""),
                 f.doc.title, f.doc.description, type_name(f.ftype), f.required)
        for f in model_fields(cls)
    ]
