"""The CSV columns as data: a column's name, Swedish title and description, one value type and its cells; the CSV encoding.

CSV is for Swedish spreadsheet programs: semicolons, UTF-8 with a byte order mark, CRLF line
ends, amounts as plain integers, ISO dates. A column's title and description come from the
model's `Doc` (or, for a derived value, from DERIVED_DOCS), and its type from the value type in
model/values.py: nothing about a column is written twice. The tables are in csv_tables.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ...derive import Derived, is_public
from ...model import RECORD_TYPES
from ...model.types import Doc, Kronor, PartialDate, Ref, Url
from ...model.values import VALUE_TYPES, ValueType
from ...registry import Entry
from ...site_paths import record_path
from ..field_catalogue import model_doc, model_field
from .encode import cell, spreadsheet_safe
from .json_files import entries
from .publication import DATA, Urls


@dataclass(frozen=True)
class CsvContext:
    """What a column may need besides its row: the build's derived facts, addresses and names."""

    derived: Derived
    url: Urls
    name: Callable[[str | None], str]

    def named(self, organisation_id: str | None) -> str | None:
        """An organisation's name, empty when no organisation is given."""
        return self.name(organisation_id) if organisation_id else None

    def is_public(self, organisation_id: str) -> bool:
        return is_public(self.derived.registry, organisation_id)


@dataclass(frozen=True)
class Column:
    """One column: its name, its Swedish title and description, its one value type, and its cells."""

    name: str
    doc: Doc
    vtype: ValueType  # the type of every cell (of every item, for a list); its Table Schema type
    value: Callable[[Any, CsvContext], Any]  # (row, context) -> the cell's value
    listed: bool = False  # a list of values in one cell, joined with LIST_DELIMITER
    refers_to: str | None = None  # the record kind whose id the cell holds
    choices: tuple[str, ...] = ()  # the only values a derived code may have

    @property
    def type_text(self) -> str:
        """The column's type in words, for the open data page."""
        if self.refers_to is not None:
            one = f"id ({RECORD_TYPES[self.refers_to].singular})"
        elif self.choices:
            one = "ett av: " + ", ".join(self.choices)
        else:
            one = self.vtype.catalogue
        return "lista: " + one if self.listed else one


def from_model(name: str, cls: type, path: str, value: Callable[[Any, CsvContext], Any]) -> Column:
    """A column of a recorded field: its title, description, type and reference from the model."""
    ftype, doc = model_field(cls, path)
    vtype = ftype.inner.value
    if vtype is None:
        raise TypeError(f"{cls.__name__}.{path} is a group of fields, not a column")
    ref = ftype.inner.marker(Ref)
    return Column(name, doc, vtype, value, listed=ftype.item is not None, refers_to=ref.kind if ref else None)


@dataclass(frozen=True)
class CsvTable:
    path: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[CsvContext], Iterable[Any]]
    kind: str | None = None  # the record kind of a table with one record a row (its `id` is the key)
    key: tuple[str, ...] = ()  # the columns that tell rows apart, when the table has no `id`

    @property
    def name(self) -> str:
        """The table's name in the data package: its file name without .csv."""
        return self.path.removeprefix(DATA).removesuffix(".csv")

    @property
    def primary_key(self) -> tuple[str, ...]:
        return ("id",) if self.kind is not None else self.key


# The value types of derived columns, from the one table of value types.
TEXT = VALUE_TYPES[str]
INTEGER = VALUE_TYPES[int]
KRONOR = VALUE_TYPES[Kronor]
BOOLEAN = VALUE_TYPES[bool]
DATE = VALUE_TYPES[dt.date]
URL = VALUE_TYPES[Url]
# How a list is written in one cell (see encode.cell); the data package declares it.
LIST_DELIMITER = ", "
# The precisions of a date known to the year, month or day (PartialDate.precision).
PRECISIONS = ("day", "month", "year")

ID_DOC = Doc("Id", "Postens id: filnamnet i registret och sista delen av sidans adress.")
URL_DOC = Doc("Adress", "Postens sida i registret.")


def id_column() -> Column:
    return Column("id", ID_DOC, TEXT, lambda row, _: row.id)


def url_column(kind: str) -> Column:
    return Column("url", URL_DOC, URL, lambda row, c: c.url(record_path(kind, row.id)))


def precision_column(name: str, cls: type, path: str, day: str, value: Callable[[Any, CsvContext], PartialDate | None]) -> Column:
    """How exactly a date known to the year, month or day is given; `day` names the column with its date.

    A date of mixed precision is two columns of one type each: the date (the first or last day
    of the year or month given) and this one, so no column holds both `2024` and `2023-01-01`."""
    doc = model_doc(cls, path)
    description = (
        f"Hur exakt dokumenten anger {doc.title.lower()}: day (dagen), month (bara månaden) eller year (bara året). "
        f"Datumet står i {day}; är det month eller year gäller {day} bara till månaden eller året."
    )
    def precision(row: Any, context: CsvContext) -> str | None:
        found = value(row, context)
        return found.precision if found else None  # empty when the source gives no date

    return Column(name, Doc(f"{doc.title} (noggrannhet)", description), TEXT, precision, choices=PRECISIONS)


def records_of(kind: str) -> Callable[[CsvContext], Iterable[Entry[Any]]]:
    return lambda c: entries(c.derived, kind)


def csv_bytes(table: CsvTable, context: CsvContext) -> bytes:
    """Semicolon-separated UTF-8 with BOM and CRLF: how Excel with Swedish settings opens it right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows(context):
        writer.writerow([spreadsheet_safe(cell(c.value(row, context))) for c in table.columns])
    return buffer.getvalue().encode("utf-8-sig")
