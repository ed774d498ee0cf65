"""The data package: `frictionless` validates every CSV against datapackage.json, foreign keys included.

The package is read back with the `frictionless` library (the reference implementation of the
standard), so a column whose cells do not have the declared type, a key that is not unique or
an id that points nowhere fails here as it would for any reader of the open data.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package

from iop_registry.derive import PartnershipStatus
from iop_registry.model.course import Course, CourseStatus
from iop_registry.model.fields import record_fields
from iop_registry.model.types import Doc
from iop_registry.render.exports.csv_tables import CSV_TABLES
from iop_registry.render.exports.datapackage import schema_field

from conftest import FIXTURES, BuiltSite, build_registry

# 2025-06-15 12:00 in Malmö, as in test_exports.py.
EPOCH_2025_06_15 = 1749981600


@pytest.fixture(scope="module")
def opendata_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("opendata"), FIXTURES / "opendata", epoch=EPOCH_2025_06_15)


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("full"), FIXTURES / "full")


@pytest.fixture(scope="module")
def thin_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """Records that leave most optional fields out: empty cells everywhere."""
    return build_registry(tmp_path_factory.mktemp("thin"), FIXTURES / "thin")


@pytest.fixture(scope="module")
def two_municipalities_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("two"), FIXTURES / "two-municipalities")


@pytest.fixture(params=["shipped_site", "opendata_site", "full_site", "thin_site", "two_municipalities_site"])
def site(request: pytest.FixtureRequest) -> BuiltSite:
    built: BuiltSite = request.getfixturevalue(request.param)
    return built


def descriptor(site: BuiltSite) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((site.site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    return loaded


def problems(package_path: Path) -> list[list[Any]]:
    report = Package(str(package_path)).validate()
    return [list(row) for row in report.flatten(["rowNumber", "fieldName", "type", "note"])]


def header(site: BuiltSite, path: str) -> list[str]:
    text = (site.site / "data" / path).read_bytes().decode("utf-8-sig")
    return next(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_frictionless_validates_every_table_with_its_keys(site: BuiltSite) -> None:
    assert problems(site.site / "data" / "datapackage.json") == []
    package = descriptor(site)
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert sum(len(r["schema"].get("foreignKeys", [])) for r in package["resources"]) >= 10


def test_an_id_that_points_nowhere_fails_the_foreign_key_check(opendata_site: BuiltSite, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(opendata_site.site / "data", data)
    sessions = data / "kurstraffar.csv"
    text = sessions.read_bytes().decode("utf-8-sig")
    assert "\r\nexempelkurs-vt-2025;" in text
    sessions.write_bytes(text.replace("\r\nexempelkurs-vt-2025;", "\r\nkurs-som-inte-finns;", 1).encode("utf-8-sig"))
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:  # the file changed on purpose: only its contents are checked
        resource.pop("bytes")
        resource.pop("hash")
    (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert [p[2] for p in problems(data / "datapackage.json")] == ["foreign-key"]


def test_every_csv_file_is_described_column_by_column(site: BuiltSite) -> None:
    package = descriptor(site)
    csv_files = sorted(p.name for p in (site.site / "data").glob("*.csv"))
    assert sorted(r["path"] for r in package["resources"]) == csv_files
    for resource in package["resources"]:
        assert resource["encoding"] == "utf-8-sig" and resource["dialect"]["delimiter"] == ";"
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header(site, resource["path"])
        assert resource["schema"]["missingValues"] == [""]
        for field in fields:
            assert field["title"] and field.get("description"), (resource["name"], field["name"])
            assert field["type"] != "any", field


def test_keys_join_the_tables(opendata_site: BuiltSite) -> None:
    schemas = {r["name"]: r["schema"] for r in descriptor(opendata_site)["resources"]}
    foreign = {
        (name, tuple(fk["fields"]), fk["reference"].get("resource", name), tuple(fk["reference"]["fields"]))
        for name, schema in schemas.items()
        for fk in schema.get("foreignKeys", [])
    }
    assert {
        ("budgetrader", ("partnership",), "partnerskap", ("id",)),
        ("budgetrader", ("funder",), "organisationer", ("id",)),
        ("kurstraffar", ("course",), "kurser", ("id",)),
        ("kurser", ("partnership",), "partnerskap", ("id",)),
        ("bidrag", ("decision",), "beslut", ("id",)),
        ("bidrag", ("recipient",), "organisationer", ("id",)),
        ("beslut", ("board",), "organisationer", ("id",)),
        ("organisationer", ("parent",), "organisationer", ("id",)),
    } <= foreign
    assert schemas["partnerskap"]["primaryKey"] == ["id"]
    assert schemas["kurstraffar"]["primaryKey"] == ["course", "date", "start"]


def test_column_types_come_from_the_value_types(opendata_site: BuiltSite) -> None:
    fields = {(r["name"], f["name"]): f for r in descriptor(opendata_site)["resources"] for f in r["schema"]["fields"]}
    assert (fields[("kurstraffar", "start")]["type"], fields[("kurstraffar", "start")]["format"]) == ("time", "%H:%M")
    assert fields[("kurstraffar", "date")]["type"] == "date"
    assert fields[("budgetrader", "amount")]["type"] == "integer"
    assert fields[("budgetrader", "funder_public")]["type"] == "boolean"
    assert fields[("kurser", "status")]["constraints"]["enum"] == [status.value for status in CourseStatus]
    assert fields[("partnerskap", "status")]["constraints"]["enum"] == [status.value for status in PartnershipStatus]
    budget_years = fields[("partnerskap", "budget_years")]
    assert (budget_years["type"], budget_years["itemType"], budget_years["delimiter"]) == ("list", "integer", ", ")
    # Swedish titles and descriptions from the model's Doc (here Course.title's).
    title_doc = record_fields(Course)["title"].marker(Doc)
    assert (fields[("kurser", "title")]["title"], fields[("kurser", "title")]["description"]) == (title_doc.title, title_doc.description)


def test_every_csv_column_has_one_table_schema_type() -> None:
    """A column's type is its value type's (model/values.py); a type with no one Table Schema
    type (a date known to the year, month or day) is never a column of its own."""
    for table in CSV_TABLES:
        for column in table.columns:
            typed = column.vtype.table_field
            assert typed is not None, (table.name, column.name, column.vtype.name)
            assert typed["type"] in ("string", "integer", "boolean", "date", "time"), (table.name, column.name)


def test_a_period_given_to_the_year_is_a_date_and_its_precision(shipped_site: BuiltSite) -> None:
    """Kraftsamling's agreement says "2024 - 2025": no column holds both `2024` and `2023-01-01`."""
    text = (shipped_site.site / "data" / "partnerskap.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")}
    kraftsamling, mammakraft = rows["kraftsamling-herrgarden"], rows["mammakraft"]
    assert (kraftsamling["first_day"], kraftsamling["period_start_precision"]) == ("2024-01-01", "year")
    assert (kraftsamling["last_day"], kraftsamling["period_end_precision"]) == ("2025-12-31", "year")
    assert (mammakraft["first_day"], mammakraft["period_start_precision"]) == ("2023-01-01", "day")
    assert "period_start" not in kraftsamling


def test_a_table_schema_field_shares_nothing_with_the_value_types() -> None:
    """schema_field copies what it reads from VALUE_TYPES: changing one package's field (a
    reader adding a code to an enum) must not change the next package, or the model."""
    status = next(c for t in CSV_TABLES for c in t.columns if t.name == "kurser" and c.name == "status")
    before = copy.deepcopy(status.vtype.table_field)
    assert before is not None and before["constraints"]["enum"]
    field = schema_field(status, required=False)
    field["constraints"]["enum"].append("ny-kod")
    field["constraints"]["required"] = True
    assert status.vtype.table_field == before
    assert schema_field(status, required=False) == {**field, "constraints": before["constraints"]}
