"""Open data: every JSON and CSV file read back and cross-checked with the records and pages.

The records are read here with plain `yaml.safe_load`, not with the project's parser, so a
mistake in the parser or in derive.py can't make both sides of a comparison wrong at once.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from iop_registry.model import RECORD_TYPES
from iop_registry.parse import record_fields
from iop_registry.render.exports import DERIVED_DOCS, SCHEMA_VERSION
from iop_registry.schema import record_schema

from conftest import FIXTURES, ROOT, SHIPPED_REGISTRY, BuiltSite, build, build_registry, make_project
from support.html import soup, text

OPENDATA = FIXTURES / "opendata"
BOM = b"\xef\xbb\xbf"
SECTIONS = {"organisation": "organisationer", "partnership": "partnerskap", "decision": "beslut", "grant": "bidrag", "course": "kurser"}
CSV_FILES = ["partnerskap", "budgetrader", "bidrag", "kurser", "kurstraffar", "organisationer", "beslut"]
# 2025-06-15 12:00 in Malmö: the fixture's agreement is running, its course is over.
EPOCH_2025_06_15 = 1749981600


@pytest.fixture(scope="module")
def opendata_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("opendata"), OPENDATA, epoch=EPOCH_2025_06_15)


def kronor(shown: str) -> int:
    """'290 000 kr' (with a no-break space) -> 290000."""
    assert re.fullmatch(r"[\d\s\u00a0]+kr", shown), shown
    return int(re.sub(r"\D", "", shown))


def read_json(site: BuiltSite, name: str) -> Any:
    return json.loads((site.site / "data" / name).read_bytes().decode("utf-8"))


def read_csv(site: BuiltSite, name: str) -> list[dict[str, str]]:
    """Read a CSV file as Excel with Swedish settings does: BOM, semicolons, CRLF."""
    raw = (site.site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(BOM), f"{name}.csv lacks the UTF-8 byte order mark"
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), f"{name}.csv has line ends other than CRLF"
    text_ = raw[len(BOM) :].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text_, newline=""), delimiter=";"))
    header = rows[0]
    assert all(len(row) == len(header) for row in rows), f"{name}.csv has rows of different length"
    return [dict(zip(header, row)) for row in rows[1:]]


def read_csv_header(site: BuiltSite, name: str) -> list[str]:
    raw = (site.site / "data" / f"{name}.csv").read_bytes()[len(BOM) :].decode("utf-8")
    return next(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))


def yaml_records(registry: Path, folder: str) -> dict[str, dict[str, Any]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((registry / folder).glob("*.yml"))}


def public_ids(registry: Path) -> set[str]:
    public = {"municipality", "board", "committee", "administration"}
    return {oid for oid, o in yaml_records(registry, "organisations").items() if o["kind"] in public}


# --- A small validator for the JSON Schema keywords record_schema() uses ---------------

JSON_TYPES = {"string": str, "integer": int, "boolean": bool, "array": list, "object": dict, "null": type(None)}


def schema_errors(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        ok = any(isinstance(value, JSON_TYPES[n]) and not (n == "integer" and isinstance(value, bool)) for n in names)
        if not ok:
            return [f"{path}: {value!r} is not {names}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{path}: empty")
    if isinstance(value, int) and not isinstance(value, bool) and value < schema.get("minimum", value):
        errors.append(f"{path}: {value} below minimum")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{path}[{i}]")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        errors += [f"{path}: missing {name}" for name in schema.get("required", []) if name not in value]
        if schema.get("additionalProperties") is False:
            errors += [f"{path}: unknown {name}" for name in value if name not in properties]
        for name, item in value.items():
            if name in properties:
                errors += schema_errors(item, properties[name], f"{path}.{name}")
    return errors


def test_schema_validator_finds_problems() -> None:
    schema = record_schema("grant")
    good = {"decision": "d", "recipient": "r", "funder": "f", "amount": 1, "year": 2022, "activity": "a", "purpose": "p"}
    assert schema_errors(good, schema) == []
    assert schema_errors({**good, "amount": "1"}, schema)
    assert schema_errors({**good, "bogus": 1}, schema)
    assert schema_errors({k: v for k, v in good.items() if k != "year"}, schema)


# --- JSON ------------------------------------------------------------------------------


def test_whole_registry_json_has_a_version_and_every_record(shipped_site: BuiltSite) -> None:
    whole = read_json(shipped_site, "registret.json")
    assert whole["version"] == {"schema": SCHEMA_VERSION, "built": "2023-06-15"}
    assert whole["licence"]["id"] == "CC0-1.0"
    for kind, record_type in RECORD_TYPES.items():
        on_disk = sorted(p.stem for p in (SHIPPED_REGISTRY / record_type.folder).glob("*.yml"))
        assert [r["id"] for r in whole[record_type.folder]] == on_disk, kind


def test_one_json_file_per_record_type_holds_the_same_records(shipped_site: BuiltSite) -> None:
    whole = read_json(shipped_site, "registret.json")
    for kind, record_type in RECORD_TYPES.items():
        single = read_json(shipped_site, f"{SECTIONS[kind]}.json")
        assert single["kind"] == kind and single["version"] == whole["version"]
        assert single["records"] == whole[record_type.folder]


def test_records_keep_recorded_and_derived_apart_in_model_order(shipped_site: BuiltSite) -> None:
    whole = read_json(shipped_site, "registret.json")
    for kind, record_type in RECORD_TYPES.items():
        for record in whole[record_type.folder]:
            assert list(record) == ["id", "url", "recorded", "derived"]
            assert record["url"] == f"https://iop-registret.malmo.se/{SECTIONS[kind]}/{record['id']}/"
            assert list(record["recorded"]) == list(record_fields(record_type.cls)), record["id"]
            assert list(record["derived"]) == list(DERIVED_DOCS[kind]), record["id"]


def test_json_keeps_money_an_organisation_receives_from_proposals_apart(shipped_site: BuiltSite) -> None:
    organisations = {r["id"]: r for r in read_json(shipped_site, "organisationer.json")["records"]}
    received = organisations["internationella-kvinnoforeningen"]["derived"]["funds_received"]
    # The 2022 grant is decided; Mammakraft's agreement is a proposal in the shipped registry.
    assert received == [
        {"year": 2022, "decided": 300000, "proposed": 0, "unknown": 0},
        {"year": 2023, "decided": 0, "proposed": 290000, "unknown": 0},
        {"year": 2024, "decided": 0, "proposed": 290000, "unknown": 0},
    ]


def test_json_text_is_utf8_without_escapes_and_dates_are_iso(shipped_site: BuiltSite) -> None:
    raw = (shipped_site.site / "data" / "partnerskap.json").read_text(encoding="utf-8")
    assert "Kvinnoföreningen" in raw and "\\u00f6" not in raw
    mammakraft = next(r for r in read_json(shipped_site, "partnerskap.json")["records"] if r["id"] == "mammakraft")
    assert mammakraft["recorded"]["period"] == {"start": "2023-01-01", "end": "2024-12-31"}
    assert mammakraft["derived"]["extension_deadline"] == "2024-06-30"
    kraftsamling = next(r for r in read_json(shipped_site, "partnerskap.json")["records"] if r["id"] == "kraftsamling-herrgarden")
    # Year precision stays as written; the derived days say which days that covers.
    assert kraftsamling["recorded"]["period"] == {"start": "2024", "end": "2025"}
    assert kraftsamling["derived"]["period_precision"] == {"start": "year", "end": "year"}
    assert (kraftsamling["derived"]["first_day"], kraftsamling["derived"]["last_day"]) == ("2024-01-01", "2025-12-31")
    assert kraftsamling["derived"]["missing_budget_years"] == [2025]


@pytest.mark.parametrize("kind", list(RECORD_TYPES))
def test_published_schemas_match_the_model_and_the_records(shipped_site: BuiltSite, opendata_site: BuiltSite, kind: str) -> None:
    for site in (shipped_site, opendata_site):
        schema = read_json(site, f"schemas/{kind}.schema.json")
        # The published copy names its own address; otherwise it is the editors' schema.
        assert schema.pop("$id") == f"https://iop-registret.malmo.se/data/schemas/{kind}.schema.json"
        assert schema == record_schema(kind)
        for record in read_json(site, f"{SECTIONS[kind]}.json")["records"]:
            assert schema_errors(record["recorded"], schema) == [], record["id"]


def test_json_budget_totals_match_the_yaml(shipped_site: BuiltSite, opendata_site: BuiltSite) -> None:
    for site, registry in ((shipped_site, SHIPPED_REGISTRY), (opendata_site, OPENDATA)):
        public = public_ids(registry)
        exported = {r["id"]: r for r in read_json(site, "partnerskap.json")["records"]}
        for pid, record in yaml_records(registry, "partnerships").items():
            budgets = {b["year"]: b for b in exported[pid]["derived"]["budget"]}
            assert set(budgets) == {b["year"] for b in record.get("budget", [])}
            total_public = 0
            for year in record.get("budget", []):
                costs = sum(c["amount"] for c in year["costs"])
                income = [i["amount"] for i in year.get("income", [])]
                if year.get("income"):
                    public_amount = sum(i["amount"] for i in year["income"] if i["funder"] in public)
                else:
                    public_amount = sum(c["amount"] for c in year["costs"] if c.get("funder") in public)
                derived = budgets[year["year"]]
                assert derived["cost_total"] == costs
                assert derived["income_total"] == (sum(income) if income else None)
                assert derived["public_funds"] == public_amount
                total_public += public_amount
            assert exported[pid]["derived"]["public_funds_total"] == total_public


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CSV_FILES)
def test_csv_files_open_in_swedish_excel(shipped_site: BuiltSite, opendata_site: BuiltSite, name: str) -> None:
    for site in (shipped_site, opendata_site):
        rows = read_csv(site, name)
        for row in rows:
            for column in ("amount", "cost_total", "public_funds_total", "fee", "year", "term_year"):
                if row.get(column):
                    assert row[column].isdigit(), (name, column, row[column])
            for column in ("first_day", "last_day", "date", "decided_on", "extension_deadline"):
                if row.get(column):
                    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[column]), (name, column, row[column])


def test_csv_without_rows_still_has_its_header(shipped_site: BuiltSite) -> None:
    assert not (SHIPPED_REGISTRY / "courses").exists() or not list((SHIPPED_REGISTRY / "courses").glob("*.yml"))
    for name in ("kurser", "kurstraffar"):
        raw = (shipped_site.site / "data" / f"{name}.csv").read_bytes()
        lines = raw[len(BOM) :].decode("utf-8").split("\r\n")
        assert lines[1:] == [""], name
        assert lines[0].split(";")[0] in ("id", "course")


def test_budget_lines_csv_adds_up_to_the_json_totals(shipped_site: BuiltSite, opendata_site: BuiltSite) -> None:
    for site in (shipped_site, opendata_site):
        sums: dict[tuple[str, int, str], int] = defaultdict(int)
        for row in read_csv(site, "budgetrader"):
            sums[(row["partnership"], int(row["year"]), row["line"])] += int(row["amount"])
        for record in read_json(site, "partnerskap.json")["records"]:
            for budget in record["derived"]["budget"]:
                key = (record["id"], budget["year"])
                assert sums[(*key, "cost")] == budget["cost_total"]
                assert sums.get((*key, "income")) == budget["income_total"]


def test_semicolons_in_text_are_quoted_not_split(opendata_site: BuiltSite) -> None:
    labels = [row["label"] for row in read_csv(opendata_site, "budgetrader")]
    assert "Lokal; hyra" in labels
    raw = (opendata_site.site / "data" / "budgetrader.csv").read_bytes().decode("utf-8-sig")
    assert ';"Lokal; hyra";' in raw


def test_courses_and_sessions_csv_flag_the_example(opendata_site: BuiltSite) -> None:
    courses = read_csv(opendata_site, "kurser")
    assert [(c["id"], c["example"], c["sessions"], c["first_day"], c["last_day"]) for c in courses] == [
        ("exempelkurs-vt-2025", "true", "2", "2025-02-04", "2025-02-11")
    ]
    sessions = read_csv(opendata_site, "kurstraffar")
    assert [(s["date"], s["start"], s["end"], s["example"]) for s in sessions] == [
        ("2025-02-04", "17:30", "19:00", "true"),
        ("2025-02-11", "17:00", "19:00", "true"),
    ]
    course = read_json(opendata_site, "kurser.json")["records"][0]
    assert course["recorded"]["example"] is True


def test_fixture_partnership_row_has_status_extension_and_gap(opendata_site: BuiltSite) -> None:
    (row,) = read_csv(opendata_site, "partnerskap")
    assert row["status"] == "active" and row["approved"] == "true"
    assert (row["extension_deadline"], row["extended_until"]) == ("2026-06-30", "2027-12-31")
    assert (row["budget_years"], row["missing_budget_years"]) == ("2025", "2026")
    assert (row["cost_total"], row["public_funds_total"]) == ("550000", "520000")
    lines = read_csv(opendata_site, "budgetrader")
    unfunded = [line for line in lines if not line["funder"]]
    assert [(line["label"], line["amount"], line["funder_public"]) for line in unfunded] == [("Material", "30000", "")]


def test_grants_csv_matches_the_yaml(shipped_site: BuiltSite) -> None:
    rows = {row["id"]: row for row in read_csv(shipped_site, "bidrag")}
    records = yaml_records(SHIPPED_REGISTRY, "grants")
    assert set(rows) == set(records)
    for gid, record in records.items():
        assert int(rows[gid]["amount"]) == record["amount"]
        assert int(rows[gid]["year"]) == record["year"]
        assert rows[gid]["recipient"] == record["recipient"]


# --- One number, everywhere ------------------------------------------------------------


def test_mammakraft_290000_a_year_agrees_in_json_csv_and_pages(shipped_site: BuiltSite) -> None:
    board = "arbetsmarknads-och-socialnamnden"
    yearly = {2023: 290_000, 2024: 290_000}

    record = next(r for r in read_json(shipped_site, "partnerskap.json")["records"] if r["id"] == "mammakraft")
    assert {e["year"]: e["amount"] for e in record["derived"]["public_funds_by_year"]} == yearly
    for budget in record["derived"]["budget"]:
        assert [f["amount"] for f in budget["funding"] if f["funder"] == board] == [yearly[budget["year"]]]

    lines = read_csv(shipped_site, "budgetrader")
    from_board = {int(r["year"]): int(r["amount"]) for r in lines if r["partnership"] == "mammakraft" and r["funder"] == board}
    assert from_board == yearly
    (row,) = [r for r in read_csv(shipped_site, "partnerskap") if r["id"] == "mammakraft"]
    assert int(row["public_funds_total"]) == sum(yearly.values())

    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    facts = page.select_one(".iop-facts__list").find("dt", string="Offentliga medel per år").find_next_sibling("dd")
    assert [text(li) for li in facts.find_all("li")] == ["2023: 290 000 kr", "2024: 290 000 kr", "2025: Uppgift saknas", "2026: Uppgift saknas"]
    chart_table = page.select_one('table[data-chart="budgetdiagram"]')
    rows = chart_table.select("tbody tr")
    assert {int(tr["data-row"]): kronor(text(tr.select_one('td[data-series="Offentliga medel"]'))) for tr in rows if tr.select_one('td[data-series="Offentliga medel"]')} == yearly
    # The years a possible extension would cover are unknown, never 0 kr.
    assert {tr["data-row"]: "Uppgift saknas" in text(tr) for tr in rows if tr["data-row"] in ("2025", "2026")} == {"2025": True, "2026": True}

    economy = soup(shipped_site.page("ekonomi/"))
    by_partnership = economy.select_one('table[data-chart="per-partnerskap"]')
    years = [int(text(th)) for th in by_partnership.select("thead th")[1:]]
    cells = by_partnership.select_one('tr[data-series="Mammakraft"]').find_all("td")
    assert {y: kronor(text(c)) for y, c in zip(years, cells) if y in yearly} == yearly
    by_funder = economy.select_one('table[data-chart="per-finansiar"]')
    cells = by_funder.select_one('tr[data-series="Arbetsmarknads- och socialnämnden"]').find_all("td")
    # The board also gave two grants in 2022 (300 000 and 1 000 000 kr).
    assert {y: kronor(text(c)) for y, c in zip(years, cells) if y <= 2024} == {2022: 1_300_000, **yearly}
    # Mammakraft's agreement may have been extended by two years: unknown, never 0 kr.
    assert {y: text(c) for y, c in zip(years, cells) if y > 2024} == {2025: "Uppgift saknas", 2026: "Uppgift saknas"}


def test_public_money_per_year_agrees_between_ekonomi_json_and_grants(shipped_site: BuiltSite) -> None:
    expected: dict[int, int] = defaultdict(int)
    for record in read_json(shipped_site, "partnerskap.json")["records"]:
        for entry in record["derived"]["public_funds_by_year"]:
            expected[entry["year"]] += entry["amount"]
    for row in read_csv(shipped_site, "bidrag"):
        if row["funder_is_public"] == "true":
            expected[int(row["year"])] += int(row["amount"])
    economy = soup(shipped_site.page("ekonomi/"))
    for chart in ("per-finansiar", "per-partnerskap"):
        table = economy.select_one(f'table[data-chart="{chart}"]')
        years = [int(text(th)) for th in table.select("thead th")[1:]]
        totals = {y: int(td["data-total"]) for y, td in zip(years, table.select("tfoot td"))}
        assert totals == {y: expected.get(y, 0) for y in years}
    # 2025: Kraftsamling runs without a budget for the year; the total must not claim 0 kr.
    assert text(table.select("tfoot td")[years.index(2025)]) == "Uppgift saknas"


# --- The open data page ----------------------------------------------------------------


def test_open_data_page_lists_every_file_with_size_and_licence(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("oppna-data/"))
    assert "CC0 1.0 Universell" in text(page) and "creativecommons.org/publicdomain/zero/1.0/" in text(page)
    listed = {li["data-path"]: li for li in page.select("li.iop-download")}
    on_disk = {str(p.relative_to(shipped_site.site)) for p in (shipped_site.site / "data").rglob("*") if p.is_file()}
    assert set(listed) == on_disk
    for path, item in listed.items():
        size = item.find("dt", string="Storlek").find_next_sibling("dd")
        assert int(size["data-bytes"]) == (shipped_site.site / path).stat().st_size, path
        assert re.fullmatch(r"\d+(,\d)? (byte|kB|MB)", text(size)), text(size)
        assert text(item.find("dt", string="Licens").find_next_sibling("dd")) == "CC0 1.0"
        link = item.h3.a
        assert (shipped_site.site / "oppna-data" / link["href"]).resolve() == (shipped_site.site / path).resolve()


def test_field_descriptions_on_the_page_come_from_the_model(shipped_site: BuiltSite) -> None:
    from iop_registry.model.types import Doc
    from iop_registry.parse import record_fields as fields

    page = soup(shipped_site.page("oppna-data/"))
    for kind, record_type in RECORD_TYPES.items():
        item = page.select_one(f'li.iop-download[data-path="data/{SECTIONS[kind]}.json"]')
        # A list field is written `case_numbers[]`; its title follows the code.
        documented = {text(dt.code).removesuffix("[]"): text(dt).split(" ", 1)[1] for dt in item.select(".iop-fields__list dt")}
        for name, ftype in fields(record_type.cls).items():
            assert documented[f"recorded.{name}"] == ftype.marker(Doc).title, (kind, name)
        for name, doc in DERIVED_DOCS[kind].items():
            assert documented[f"derived.{name}"] == doc.title
    nested = page.select_one('li.iop-download[data-path="data/partnerskap.json"]')
    assert "recorded.budget[].costs[].amount" in {text(dt.code) for dt in nested.select(".iop-fields__list dt")}


def test_every_csv_column_is_described(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("oppna-data/"))
    for name in CSV_FILES:
        header = list(read_csv_header(shipped_site, name))
        item = page.select_one(f'li.iop-download[data-path="data/{name}.csv"]')
        described = [text(dt.code) for dt in item.select(".iop-fields__list dt")]
        assert described == header
        assert all(text(dd) for dd in item.select(".iop-fields__list dd"))


def test_open_data_and_ekonomi_are_in_the_navigation(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page(""))
    nav = [text(a) for a in page.select("nav.md-nav--primary > ul > li > a, nav.md-nav--primary > ul > li > label")]
    nav_text = " ".join(nav)
    assert "Ekonomi" in nav_text and "Öppna data" in nav_text
    assert nav_text.index("Öppna data") < nav_text.index("Om registret")


def test_exports_are_identical_in_two_builds(shipped_site: BuiltSite, tmp_path: Path) -> None:
    again = build(make_project(tmp_path, SHIPPED_REGISTRY))
    assert again.returncode == 0, again.output
    for path in sorted((shipped_site.site / "data").rglob("*")):
        if path.is_file():
            relative = path.relative_to(shipped_site.site)
            assert (again.site / relative).read_bytes() == path.read_bytes(), relative
    for page in ("ekonomi/", "oppna-data/", "partnerskap/mammakraft/"):
        assert again.page(page) == shipped_site.page(page), page


def test_csv_text_cannot_become_a_spreadsheet_formula() -> None:
    from iop_registry.render.exports import spreadsheet_safe

    assert spreadsheet_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("Kursledare 50%") == "Kursledare 50%"
    assert spreadsheet_safe("290000") == "290000"


def test_derived_docs_are_declared_whole() -> None:
    """DERIVED_DOCS is one statement: no code at import time adds to it afterwards, so what a
    reader sees in derived.py is all there is (the public body's docs are spread into it)."""
    module = ROOT / "plugins" / "iop_registry" / "render" / "exports" / "derived.py"
    tree = ast.parse(module.read_text(encoding="utf-8"))
    naming = [node for node in tree.body if any(isinstance(n, ast.Name) and n.id == "DERIVED_DOCS" for n in ast.walk(node))]
    assert len(naming) == 1 and isinstance(naming[0], ast.AnnAssign), [ast.unparse(n)[:80] for n in naming]
    assert {"public_bodies", "public_bodies_name"} & set(DERIVED_DOCS["partnership"]) == {"public_bodies"}
    assert all("public_body" in DERIVED_DOCS[kind] for kind in ("organisation", "decision", "grant"))
