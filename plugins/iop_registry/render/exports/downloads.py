"""The Öppna data page: every data file with its format, size, licence and fields, and the files themselves as site assets."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

from ...model import RECORD_TYPES
from ..environment import Asset, Outputs, Page, Renderer
from ..field_catalogue import FieldRow, field_rows
from .csv_tables import CSV_TABLES, CsvContext, CsvTable, csv_bytes
from .datapackage import DATAPACKAGE, datapackage_bytes
from .derived import DERIVED_DOCS
from .json_files import WHOLE_REGISTRY, json_files, kind_path, schema_path
from .publication import DATA, LICENCE, PAGE, SCHEMA_VERSION, Urls
from .whole_registry import WHOLE_REGISTRY_SCHEMA


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
        if self.size < 1000:
            return f"{self.size} byte"
        if self.size < 1_000_000:
            return f"{format_decimal(round(self.size / 1000, 1), locale='sv_SE')} kB"
        return f"{format_decimal(round(self.size / 1_000_000, 1), locale='sv_SE')} MB"


def downloads(files: dict[str, bytes], tables: tuple[CsvTable, ...]) -> list[Download]:
    """Every data file as the page lists it, in the page's order: JSON, CSV, JSON Schema."""
    result = [
        Download(
            WHOLE_REGISTRY, "Hela registret", "JSON",
            "Alla poster av alla slag i en fil, med versionsnummer för formatet och dagen då filen skapades. "
            "Fälten är desamma som i filerna per posttyp nedan. Filen kan läsas tillbaka till registrets "
            "YAML-filer utan förlust: iop-registry import registret.json --out registry.",
            len(files[WHOLE_REGISTRY]), group="json",
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
                len(files[path]), tuple(fields), group="json",
            )
        )
    for table in tables:
        columns = tuple(FieldRow(c.name, c.doc.title, c.doc.description, c.type_text) for c in table.columns)
        result.append(Download(table.path, table.title, "CSV", table.description, len(files[table.path]), columns, group="csv"))
    result.append(
        Download(
            DATAPACKAGE, "Beskrivning av CSV-filerna", "Frictionless Data Package",
            "Kolumnernas typer, titlar och beskrivningar, tabellernas nycklar och hur filerna är skrivna, "
            "så att program kan läsa och kontrollera CSV-filerna utan att gissa.",
            len(files[DATAPACKAGE]), group="csv",
        )
    )
    result.append(
        Download(
            WHOLE_REGISTRY_SCHEMA, "Schema för hela registret", "JSON Schema",
            f"Beskriver registret.json, formatversion {SCHEMA_VERSION}: alla fält för alla posttyper.",
            len(files[WHOLE_REGISTRY_SCHEMA]), group="scheman",
        )
    )
    for kind, record_type in RECORD_TYPES.items():
        path = schema_path(kind)
        result.append(
            Download(
                path, f"Schema för {record_type.singular}", "JSON Schema",
                f"Beskriver fälten under recorded för {record_type.plural}, samma schema som redaktörerna använder.",
                len(files[path]), group="scheman",
            )
        )
    return result


def outputs(renderer: Renderer) -> Outputs:
    derived = renderer.derived
    # Records link to their pages with the site's address when mkdocs.yml gives one.
    url = Urls(renderer.site_url)
    files = json_files(derived, renderer.publisher, url)
    context = CsvContext(derived, url, renderer.organisation_name)
    for table in CSV_TABLES:
        files[table.path] = csv_bytes(table, context)
    files[DATAPACKAGE] = datapackage_bytes(CSV_TABLES, files, renderer.publisher, url)
    listed = downloads(files, CSV_TABLES)
    groups = [
        (group, heading, [d for d in listed if d.group == group])
        for group, heading in (("json", "JSON för program"), ("csv", "CSV för kalkylprogram"), ("scheman", "JSON Schema"))
    ]
    body = renderer.render("open_data.html", PAGE, groups=groups, licence=LICENCE, schema_version=SCHEMA_VERSION, built=derived.today)
    page = Page(PAGE, "Öppna data", body, in_nav=True, description="Hela registret som öppna data i JSON och CSV, fritt att använda (CC0).")
    return Outputs(pages=[page], assets=[Asset(path, content) for path, content in files.items()])
