"""Real IOPs from other municipalities and regions, entered from `shared/cases/other-municipalities.md`
alone (tests/fixtures/other-municipalities, see its README), published by a test publisher: the
site says nothing false about them and nothing of Malmö.

The fixture is built once with --strict into tmp; pages are read with BeautifulSoup, the data
files with json and csv.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from iop_registry.diagnostics import Report
from iop_registry.validate import validate_path

from conftest import FIXTURES, ROOT, BuiltSite, build
from support.agreement_wording import agreement_claims, partnerships_without_agreement

REGISTRY = FIXTURES / "other-municipalities"
PAGES = FIXTURES / "other-municipalities-site"
PUBLISHER = "Exempelregistret (testfixtur)"
PUBLISHER_YAML = f"""      publisher:
        name: {PUBLISHER}
        kind: municipality
        website: https://exempelregistret.example
"""
SHIPPED_PUBLISHER = """      publisher:
        name: Malmö stad
        kind: municipality
        org_number: "212000-1124"
        website: https://malmo.se
"""
# Wording that belongs to Malmö's own site; none of it may reach another publisher's.
MALMO_WORDING = re.compile(r"malmö|malmo\.se|malmo-stad|stadens ärendehandlingar", re.IGNORECASE)
# "0 kr" as an amount of its own: not the end of "340 000 kr".
ZERO_KRONOR = re.compile(r"(?<!\d)(?<!\d[\s\u00a0\u202f])0[\s\u00a0\u202f]*kr\b")
TEXT_SUFFIXES = {".html", ".xml", ".atom", ".ics", ".json", ".csv", ".txt", ".js", ".webmanifest"}

ENTERED = {
    "lund-kvinnojouren-lund": "Kvinnojouren Lund",
    "umea-fritidsbanken": "Fritidsbanken",
    "varmdo-kvinnojouren-nacka-varmdo": "Kvinnojouren Nacka/Värmdö",
    "goteborg-skyddsvarnet-och-fryshuset": "Skyddsvärnet och Fryshuset",
    "linkoping-brottsofferjouren": "Brottsofferjouren i Linköping",
    "region-uppsala-rf-sisu-uppland": "RF-SISU Uppland",
    "region-uppsala-barnombudet": "Barnombudet",
    "region-sormland-stadsmissionen-i-sormland": "Stadsmissionen i Sörmland",
}
# Rows whose sources give no period ('i tre år', 'fem månader', a list page): entered without one.
UNDATED = {
    "lund-kvinnojouren": "Kvinnojouren",
    "lund-rsmh": "RSMH",
    "lund-radrum": "RådRum",
    "lund-fontanhuset": "Fontänhuset",
    "varmdo-kvinnojouren-nytt-avtal": "Kvinnojouren Nacka/Värmdö, nytt avtal",
    "eskilstuna-kvinnojouren-moa": "Kvinnojouren MOA",
    "goteborg-eu-migranter": "Bräcke diakoni, Frälsningsarmén och Stadsmissionen",
    "huddinge-brottsofferjouren": "Brottsofferjouren Huddinge-Botkyrka",
    "knivsta-brottsofferjouren": "Brottsofferjouren Uppsala län",
    "upplands-vasby-brottsofferjouren": "Brottsofferjouren Stockholm-Gotland",
}


def project(tmp_path: Path) -> Path:
    """The shipped site's configuration with the test publisher, the fixture's own pages and registry."""
    shipped = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert SHIPPED_PUBLISHER in shipped, "the shipped mkdocs.yml changed: update SHIPPED_PUBLISHER"
    config = shipped.replace(SHIPPED_PUBLISHER, PUBLISHER_YAML)
    config = re.sub(r"(?m)^site_description: .*$", f"site_description: {PUBLISHER}s register över idéburna offentliga partnerskap", config)
    config = re.sub(r"(?m)^site_url: .*$", "site_url: https://iop.exempelregistret.example/", config)
    # Comments are not published, but keep the test's own config free of Malmö too.
    config = "\n".join(line for line in config.splitlines() if not line.lstrip().startswith("#")) + "\n"
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(PAGES, root / "site_src")
    shutil.copytree(REGISTRY, root / "registry")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = build(project(tmp_path_factory.mktemp("other-municipalities")), strict=True)
    assert built.returncode == 0, built.output
    return built


def text_files(site: BuiltSite) -> Iterator[tuple[str, str]]:
    for path in sorted(site.site.rglob("*")):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            yield path.relative_to(site.site).as_posix(), path.read_text(encoding="utf-8")


def page_text(site: BuiltSite, url_path: str) -> str:
    return " ".join(BeautifulSoup(site.page(url_path), "html.parser").get_text(" ").split())


def main_text(site: BuiltSite, url_path: str) -> str:
    """The page's own content, without header, navigation and footer."""
    article = BeautifulSoup(site.page(url_path), "html.parser").find("article")
    assert isinstance(article, Tag), url_path
    return " ".join(article.get_text(" ").split())


def csv_rows(site: BuiltSite, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(site.read(f"data/{name}").lstrip("\ufeff")), delimiter=";"))


def registry_json(site: BuiltSite) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(site.read("data/registret.json"))
    return data


def test_fixture_has_no_errors() -> None:
    report = Report(REGISTRY)
    validate_path(REGISTRY, report)
    assert [d.as_text() for d in report.items if d.severity == "error"] == []


def test_fixture_builds_with_strict_and_has_a_page_for_every_entered_iop(site: BuiltSite) -> None:
    for record, title in (ENTERED | UNDATED).items():
        h1 = BeautifulSoup(site.page(f"partnerskap/{record}/"), "html.parser").find("h1")
        assert isinstance(h1, Tag) and h1.get_text(strip=True) == title, record


def test_no_malmo_wording_in_any_page_feed_or_data_file(site: BuiltSite) -> None:
    found = [(name, match.group(0)) for name, text in text_files(site) for match in MALMO_WORDING.finditer(text)]
    assert found == []


def test_the_publisher_is_the_test_publisher(site: BuiltSite) -> None:
    data = registry_json(site)
    assert data["source"] == f"IOP-registret, {PUBLISHER}"
    assert data["publisher"]["name"] == PUBLISHER


def test_periods_are_shown_as_the_sheet_gives_them(site: BuiltSite) -> None:
    assert "2018" in main_text(site, "partnerskap/lund-kvinnojouren-lund/")
    assert "2020" in main_text(site, "partnerskap/lund-kvinnojouren-lund/")
    varmdo = main_text(site, "partnerskap/varmdo-kvinnojouren-nacka-varmdo/")
    assert "1 januari 2022" in varmdo and "31 december 2023" in varmdo
    linkoping = main_text(site, "partnerskap/linkoping-brottsofferjouren/")
    assert "1 januari 2020" in linkoping and "31 december 2022" in linkoping


def test_data_files_carry_every_entered_iop(site: BuiltSite) -> None:
    ids = {p["id"] for p in registry_json(site)["partnerships"]}
    assert set(ENTERED) | set(UNDATED) <= ids
    rows = csv_rows(site, "partnerskap.csv")
    assert {row["id"] for row in rows} >= set(ENTERED) | set(UNDATED)


def partnership_record(site: BuiltSite, record: str) -> dict[str, Any]:
    records = json.loads(site.read("data/partnerskap.json"))["records"]
    found: dict[str, Any] = next(r for r in records if r["id"] == record)
    return found


# Where each partnership's facts come from, as the sheet names it (kind, title).
SOURCES = {
    "lund-kvinnojouren-lund": ("web_page", "Kvinnojouren Lund (socialdemokraternalund.se)"),
    "umea-fritidsbanken": ("web_page", "Idéburet offentligt partnerskap (umea.se)"),
    "varmdo-kvinnojouren-nacka-varmdo": ("web_page", "Nytt avtal med Kvinnojouren (varmdo.se)"),
    "goteborg-skyddsvarnet-och-fryshuset": ("other", "Sammanställning av IOP i andra kommuner och regioner (underlag till registret)"),
    "linkoping-brottsofferjouren": ("press_release", "Brottsofferjouren (linkoping.se)"),
    "region-uppsala-rf-sisu-uppland": ("web_page", "Partnerskap med flera organisationer (regionuppsala.se)"),
    "region-uppsala-barnombudet": ("web_page", "Partnerskap med flera organisationer (regionuppsala.se)"),
    "region-sormland-stadsmissionen-i-sormland": ("web_page", "Stadsmissionen (regionsormland.se)"),
}


def test_every_partnership_shows_the_source_the_sheet_names(site: BuiltSite) -> None:
    assert set(SOURCES) == set(ENTERED)
    for record, (kind, title) in SOURCES.items():
        assert [(s["kind"], s["title"]) for s in partnership_record(site, record)["recorded"]["sources"]] == [(kind, title)], record
        heading = BeautifulSoup(site.page(f"partnerskap/{record}/"), "html.parser").find("h2", id="kallor")
        assert isinstance(heading, Tag), record
        listed = " ".join(" ".join(s.get_text(" ").split()) for s in heading.find_next_siblings())
        assert title in listed, record


def facts(site: BuiltSite, record: str) -> str:
    """The partnership's I korthet list (the first dl on its page)."""
    dl = BeautifulSoup(site.page(f"partnerskap/{record}/"), "html.parser").find("dl")
    assert isinstance(dl, Tag), record
    return " ".join(dl.get_text(" ").split())


def test_amounts_per_year_as_the_sheet_gives_them(site: BuiltSite) -> None:
    assert "2018: 340 000 kr 2019: 340 000 kr 2020: 340 000 kr" in facts(site, "lund-kvinnojouren-lund")
    assert "Beloppen gäller varje år 2018–2020." in main_text(site, "partnerskap/lund-kvinnojouren-lund/")
    assert "2023: 1 000 000 kr 2024: 1 000 000 kr 2025: 1 000 000 kr" in facts(site, "umea-fritidsbanken")
    for record, years in (("lund-kvinnojouren-lund", (2018, 2019, 2020)), ("umea-fritidsbanken", (2023, 2024, 2025))):
        amount = 340000 if record.startswith("lund") else 1000000
        derived = partnership_record(site, record)["derived"]
        assert derived["public_funds_by_year"] == [{"year": y, "amount": amount} for y in years], record
        assert {b["cost_total"] for b in derived["budget"]} == {None}, record
    lines = {(r["partnership"], r["year"], r["line"], r["amount"], r["limit"], r["funder"]) for r in csv_rows(site, "budgetrader.csv")}
    assert {(p, y) for p, y, *_ in lines if p == "lund-kvinnojouren-lund"} == {("lund-kvinnojouren-lund", str(y)) for y in (2018, 2019, 2020)}
    assert ("umea-fritidsbanken", "2024", "income", "1000000", "exact", "umea-kommunstyrelsen") in lines


def test_over_and_exact_amounts_of_one_year_the_rest_unknown(site: BuiltSite) -> None:
    rf_sisu = facts(site, "region-uppsala-rf-sisu-uppland")
    assert "2021: över 5 200 000 kr" in rf_sisu
    assert all(f"{y}: Uppgift saknas" in rf_sisu for y in (2022, 2023, 2024))
    assert "2021: 974 000 kr" in facts(site, "region-uppsala-barnombudet")
    derived = partnership_record(site, "region-uppsala-rf-sisu-uppland")["derived"]
    assert (derived["budget"][0]["income_limit"], derived["missing_budget_years"]) == ("over", [2022, 2023, 2024])
    lines = {(r["partnership"], r["year"], r["amount"], r["limit"]) for r in csv_rows(site, "budgetrader.csv")}
    assert {("region-uppsala-rf-sisu-uppland", "2021", "5200000", "over"), ("region-uppsala-barnombudet", "2021", "974000", "exact")} <= lines
    rows = {row["id"]: row for row in csv_rows(site, "partnerskap.csv")}
    # Unknown is an empty cell, never 0.
    assert {rows[record]["cost_total"] for record in ENTERED} == {""}
    for record in ("varmdo-kvinnojouren-nacka-varmdo", "linkoping-brottsofferjouren", "region-sormland-stadsmissionen-i-sormland"):
        assert rows[record]["public_funds_total"] == "", record
        assert partnership_record(site, record)["derived"]["public_funds_total"] is None, record


# "0 kr" as a text of its own ("Beslutat: 0 kr", a cell "0 kr"), not the end of "340 000 kr".
ZERO_TEXT = re.compile(r"(?:^|[^\d\s])\s*\b0\s*kr\b")


def zero_texts(html: str) -> list[str]:
    return [text for s in BeautifulSoup(html, "html.parser").strings if ZERO_TEXT.search(text := " ".join(s.split()))]


def test_no_partnership_page_shows_zero_kronor_or_claims_an_agreement(site: BuiltSite) -> None:
    for record in ENTERED | UNDATED:
        html = site.page(f"partnerskap/{record}/")
        assert zero_texts(html) == [], record
        text = page_text(site, f"partnerskap/{record}/")
        # No fixture partnership has an agreement among its sources.
        assert "avtalet anger" not in text and "Så står det i avtalet" not in text, record


def test_no_partnership_is_shown_as_a_proposal(site: BuiltSite) -> None:
    """No source in the sheet proposes an agreement: each is Beslut okänt, never Förslag."""
    for record in ENTERED | UNDATED:
        status = partnership_record(site, record)["derived"]["status"]
        assert (status["code"], status["label"], status["basis"]) == ("unknown", "Beslut okänt", "nothing"), record
        assert "Förslag" not in main_text(site, f"partnerskap/{record}/"), record
    assert {row["status"] for row in csv_rows(site, "partnerskap.csv")} == {"unknown"}


def test_no_page_says_the_agreement_gives_what_only_a_press_release_or_web_page_gave(site: BuiltSite) -> None:
    # The sheet gives no agreement text for these IOPs: a missing fact names the source they have.
    assert partnerships_without_agreement(site.site) >= set(ENTERED)
    assert agreement_claims(site.site) == {}


def test_money_of_unknown_decision_is_neither_decided_nor_proposed(site: BuiltSite) -> None:
    """Ekonomi, the start page and the organisation pages keep money of agreements whose decision
    nothing in the sheet gives apart as Beslut okänt: never Förslag, never "0 kr beslutat"."""
    for url_path in ("", "ekonomi/", "organisationer/fritidsbanken/", "organisationer/rf-sisu-uppland/", "organisationer/kvinnojouren-lund/"):
        soup = BeautifulSoup(site.page(url_path), "html.parser")
        article = soup.find("article")
        assert isinstance(article, Tag), url_path
        if url_path != "ekonomi/":  # Ekonomi's 0 kr outside a period: the next test
            assert zero_texts(str(article)) == [], url_path
        assert soup.find(attrs={"data-standing": "proposed"}) is None, url_path
        assert "förslag, inte beslutat" not in " ".join(article.get_text(" ").split()).lower(), url_path
    figures = {f.get("data-standing"): " ".join(f.get_text(" ").split()) for f in BeautifulSoup(site.page(""), "html.parser").find_all("p", class_="iop-figure")}
    assert "decided" not in figures
    assert figures["decision-unknown"] == "1 000 000 kr offentliga medel 2023 i avtal där registret inte vet om de är beslutade"
    economy = BeautifulSoup(site.page("ekonomi/"), "html.parser")
    assert economy.find("tr", attrs={"data-standing": "decided"}) is None
    by_body = economy.find("table", attrs={"data-chart": "per-kommun-eller-region"})
    assert isinstance(by_body, Tag)
    years = [th.get_text(strip=True) for th in by_body.find("thead").find_all("th")][1:]
    unknown_row = by_body.find("tr", attrs={"data-standing": "unknown"})
    assert isinstance(unknown_row, Tag)
    cells = dict(zip(years, (" ".join(td.get_text(" ").split()) for td in unknown_row.find_all("td")), strict=True))
    # 2022: every partnership that runs lacks figures, so its share is unknown, not 0 kr.
    assert (cells["2018"], cells["2022"], cells["2025"]) == ("340 000 kr", "Uppgift saknas", "1 000 000 kr")
    rows = {" ".join(tr.find("th").get_text(" ").split()): tr for tr in by_body.find("tbody").find_all("tr")}
    assert "Umeå kommun (beslut okänt)" in rows and "Region Uppsala (beslut okänt)" in rows
    fritidsbanken = BeautifulSoup(site.page("organisationer/fritidsbanken/"), "html.parser").find("caption", id="medel-tabell")
    assert isinstance(fritidsbanken, Tag)
    table = fritidsbanken.find_parent("table")
    assert [th.get_text(strip=True) for th in table.find("thead").find_all("th")] == ["År", "Beslut okänt"]
    received = {r["id"]: r for r in json.loads(site.read("data/organisationer.json"))["records"]}["fritidsbanken"]["derived"]["funds_received"]
    assert received == [{"year": y, "decided": 0, "proposed": 0, "unknown": 1000000} for y in (2023, 2024, 2025)]


def test_economy_cells_in_a_partnerships_period_are_never_zero(site: BuiltSite) -> None:
    """A year a partnership runs shows its amount or Uppgift saknas; 0 kr only outside its period."""
    table = BeautifulSoup(site.page("ekonomi/"), "html.parser").find("table", attrs={"data-chart": "per-partnerskap"})
    assert isinstance(table, Tag)
    years = [int(th.get_text(strip=True)) for th in table.find("thead").find_all("th")[1:]]
    periods = {p["recorded"]["title"]: p["derived"] for p in json.loads(site.read("data/partnerskap.json"))["records"]}
    for tr in table.find("tbody").find_all("tr"):
        title = " ".join(tr.find("th").get_text(" ").split()).removesuffix(" (beslut okänt)")
        assert periods[title]["first_day"] is not None, title  # an undated partnership without money has no row
        first, last = int(periods[title]["first_day"][:4]), int(periods[title]["last_day"][:4])
        for year, td in zip(years, tr.find_all("td"), strict=True):
            if first <= year <= last:
                assert " ".join(td.get_text(" ").split()) != "0 kr", (title, year)


def test_the_budget_charts_text_keeps_over(site: BuiltSite) -> None:
    """The chart's text alternative names the region's money as the sheet gives it: över, not exact."""
    text = main_text(site, "partnerskap/region-uppsala-rf-sisu-uppland/")
    assert "2021: kostnader uppgift saknas; finansiering över 5 200 000 kr (Offentliga medel över 5 200 000 kr)." in text
    assert re.search(r"(?<!över )5 200 000 kr\)", text) is None


def test_a_period_no_source_gives_is_unknown_never_a_date(site: BuiltSite) -> None:
    """Rows without a period: the page says Uppgift saknas in the source's words, JSON and CSV
    leave the dates empty, no key date, no year of money, no row on the timeline."""
    for record in UNDATED:
        dl = BeautifulSoup(site.page(f"partnerskap/{record}/"), "html.parser").find("dl")
        assert isinstance(dl, Tag), record
        terms = {" ".join(dt.get_text(" ").split()): " ".join(dt.find_next_sibling("dd").get_text(" ").split()) for dt in dl.find_all("dt")}
        derived = partnership_record(site, record)["derived"]
        assert partnership_record(site, record)["recorded"]["period"] is None, record
        assert (derived["first_day"], derived["last_day"], derived["period_precision"]) == (None, None, None), record
        assert [k for k in derived["key_dates"] if k["kind"] == "period"] == [], record
        assert derived["missing_budget_years"] == [] and derived["public_funds_by_year"] == [], record
        assert re.fullmatch(r"Uppgift saknas : \w+ anger inte när avtalet börjar och slutar", terms["Avtalsperiod"]), (record, terms)
    assert facts(site, "huddinge-brottsofferjouren").count("nyhetsartikeln anger inte när avtalet börjar och slutar") == 1
    assert "webbsidan anger inte när" in facts(site, "lund-rsmh")
    rows = {row["id"]: row for row in csv_rows(site, "partnerskap.csv")}
    for record in UNDATED:
        assert [rows[record][c] for c in ("first_day", "last_day", "period_start_precision", "period_end_precision")] == [""] * 4, record
    timeline = BeautifulSoup(site.page("ekonomi/"), "html.parser").find(id="tidslinje-caption")
    assert isinstance(timeline, Tag)
    listed = " ".join(timeline.find_parent("table").get_text(" ").split())
    assert not any(title in listed for title in ("RSMH", "Brottsofferjouren Huddinge-Botkyrka", "Kvinnojouren MOA"))
    assert "Brottsofferjouren i Linköping" in listed


def test_undated_rows_keep_what_their_source_gives(site: BuiltSite) -> None:
    knivsta = facts(site, "knivsta-brottsofferjouren")
    assert "SN-2017/272" in knivsta and "Knivsta kommun" in knivsta
    assert "KS/2016:7" in facts(site, "upplands-vasby-brottsofferjouren")
    eu = main_text(site, "partnerskap/goteborg-eu-migranter/")
    assert "Högst 4 miljoner kronor under fem månader" in eu
    assert partnership_record(site, "goteborg-eu-migranter")["recorded"]["budget"] == []
    new = main_text(site, "partnerskap/varmdo-kvinnojouren-nytt-avtal/")
    assert "väntas gälla till och med 31 december 2026" in new
    # The earlier agreement's page links to the new one.
    assert "Kvinnojouren Nacka/Värmdö, nytt avtal" in main_text(site, "partnerskap/varmdo-kvinnojouren-nacka-varmdo/")


def test_the_public_total_says_how_exact_it_is(site: BuiltSite) -> None:
    """RF-SISU's only known year is 'över 5 200 000 kr': the data files say so, not a bare 5200000."""
    rows = {row["id"]: row for row in csv_rows(site, "partnerskap.csv")}
    assert (rows["region-uppsala-rf-sisu-uppland"]["public_funds_total"], rows["region-uppsala-rf-sisu-uppland"]["public_funds_total_limit"]) == ("5200000", "over")
    assert (rows["umea-fritidsbanken"]["public_funds_total"], rows["umea-fritidsbanken"]["public_funds_total_limit"]) == ("3000000", "exact")
    assert (rows["huddinge-brottsofferjouren"]["public_funds_total"], rows["huddinge-brottsofferjouren"]["public_funds_total_limit"]) == ("", "")
    derived = partnership_record(site, "region-uppsala-rf-sisu-uppland")["derived"]
    assert (derived["public_funds_total"], derived["public_funds_total_limit"]) == (5200000, "over")
    assert partnership_record(site, "huddinge-brottsofferjouren")["derived"]["public_funds_total_limit"] is None
