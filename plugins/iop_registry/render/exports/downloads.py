"""The data files: written as site assets, and described one by one (format, size, fields) for the Öppna data page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from babel.numbers import format_decimal

from ...model import RECORD_TYPES
from ..environment import Asset, Outputs, Renderer
from ..field_catalogue import FieldRow, field_rows
from .csv_columns import CsvContext, CsvTable, csv_bytes
from .csv_tables import CSV_TABLES
from .datapackage import DATAPACKAGE, datapackage_bytes
from .derived import DERIVED_DOCS
from .json_files import WHOLE_REGISTRY, json_files, kind_path, schema_path
from .publication import DATA, SCHEMA_VERSION, Urls
from .whole_registry import WHOLE_REGISTRY_SCHEMA


def size_text(size: int) -> str:
    """A file's size as the page shows it: "830 byte", "12,4 kB", "1,2 MB"."""
    if size < 1000:
        return f"{size} byte"
    if size < 1_000_000:
        return f"{format_decimal(round(size / 1000, 1), locale='sv_SE')} kB"
    return f"{format_decimal(round(size / 1_000_000, 1), locale='sv_SE')} MB"


@dataclass(frozen=True)
class Download:
    path: str
    title: str
    format: str
    description: str
    size: int
    fields: tuple[FieldRow, ...] = ()
    group: str = ""

    @property
    def anchor(self) -> str:
        return "falt-" + self.path.removeprefix(DATA).replace("/", "-").replace(".", "-")

    @property
    def size_text(self) -> str:
        return size_text(self.size)


def downloads(sizes: Mapping[str, int], tables: tuple[CsvTable, ...]) -> list[Download]:
    """Every data file as the page lists it, in the page's order: JSON, CSV, JSON Schema."""
    result = [
        Download(
            WHOLE_REGISTRY, "Hela registret", "JSON",
            "Alla poster av alla slag i en fil, med versionsnummer för formatet och dagen då filen skapades. "
            "Fälten är desamma som i filerna per posttyp nedan. Filen kan läsas tillbaka till registrets "
            "YAML-filer utan förlust: iop-registry import registret.json --out registry.",
            sizes[WHOLE_REGISTRY], group="json",
        )
    ]
    for kind, record_type in RECORD_TYPES.items():
        path = kind_path(kind)
        fields = field_rows(record_type.cls, "recorded.")
        fields += [FieldRow(f"derived.{n}", d.title, d.description, "beräknat") for n, d in DERIVED_DOCS[kind].items()]
        result.append(
            Download(
                path, record_type.plural.capitalize(), "JSON",
                f"Alla poster om {record_type.plural}: id, adress, uppgifterna som de står i registret (recorded) och det som räknas fram (derived).",
                sizes[path], tuple(fields), group="json",
            )
        )
    for table in tables:
        columns = tuple(FieldRow(c.name, c.doc.title, c.doc.description, c.type_text) for c in table.columns)
        result.append(Download(table.path, table.title, "CSV", table.description, sizes[table.path], columns, group="csv"))
    result.append(
        Download(
            DATAPACKAGE, "Datapaket som beskriver CSV-filerna", "Frictionless Data Package",
            "Kolumnernas typer, titlar och beskrivningar, tabellernas nycklar och hur filerna är skrivna, "
            "så att program kan läsa och kontrollera CSV-filerna utan att gissa.",
            sizes[DATAPACKAGE], group="csv",
        )
    )
    result.append(
        Download(
            WHOLE_REGISTRY_SCHEMA, "Schema för hela registret", "JSON Schema",
            f"Beskriver registret.json, formatversion {SCHEMA_VERSION}: alla fält för alla posttyper.",
            sizes[WHOLE_REGISTRY_SCHEMA], group="scheman",
        )
    )
    for kind, record_type in RECORD_TYPES.items():
        path = schema_path(kind)
        result.append(
            Download(
                path, f"Schema för {record_type.singular}", "JSON Schema",
                f"Beskriver fälten under recorded för {record_type.plural}, samma schema som redaktörerna använder.",
                sizes[path], group="scheman",
            )
        )
    return result


def outputs(renderer: Renderer) -> Outputs:
    """The data files. The page that lists them comes last (open_data_page), when every file is known."""
    derived = renderer.derived
    # Records link to their pages with the site's address when mkdocs.yml gives one.
    url = Urls(renderer.site_url)
    files = json_files(derived, renderer.publisher, url)
    context = CsvContext(derived, url, renderer.organisation_name)
    tables = {table.path: csv_bytes(table, context) for table in CSV_TABLES}
    files.update(tables)
    files[DATAPACKAGE] = datapackage_bytes(CSV_TABLES, tables, renderer.publisher, url)
    return Outputs(assets=[Asset(path, content) for path, content in files.items()])
