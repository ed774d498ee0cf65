"""Several public bodies in one registry: two municipalities, each with a Kulturnämnden and a
Kommunstyrelsen, are told apart on every page, filter, Ekonomi and data file that names a board,
each one's money is shown apart, and a site with another publisher says "Malmö" nowhere."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from iop_registry.diagnostics import Report
from iop_registry.registry import load_registry, taken_id_hint
from iop_registry.site_paths import DCAT_CATALOGUE
from iop_registry.validate import check_registry

from conftest import FIXTURES, ROOT, BuiltSite, build, make_project

REGISTRY = FIXTURES / "two-municipalities"
PUBLISHER = """      publisher:
        name: Uppsala kommun
        kind: municipality
        website: https://uppsala.example
        contact:
          email: iop@uppsala.example
"""
# The publisher's own hand-written pages: in a real site they are the publisher's text.
OWN_PAGES = {
    "index.md": "# Register över idéburna offentliga partnerskap\n\nPartnerskap i Uppsala och Lund.\n",
    "om-registret.md": "# Om registret\n\nRegistret förs av kommunerna.\n",
    "tillganglighet.md": "# Tillgänglighet\n\nSkriv till oss om något inte fungerar.\n",
}


def _project(tmp_path: Path) -> Path:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("      publisher:\n")
    end = config.index("\nextra:")
    config = config[:start] + PUBLISHER + config[end:]
    config = re.sub(r"(?m)^site_description: .*$", "site_description: Register över idéburna offentliga partnerskap", config)
    config = re.sub(r"(?m)^site_url: .*$", "site_url: https://iop.uppsala.example/", config)
    config = re.sub(r"(?m)^\s*#.*$\n", "", config)  # the shipped file's comments are Malmö's notes
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text(config, encoding="utf-8")
    project = make_project(tmp_path / "build", REGISTRY, mkdocs_yml=mkdocs_yml)
    for name, text in OWN_PAGES.items():
        (project / "site_src" / name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    built = build(_project(tmp_path_factory.mktemp("municipalities")))
    assert built.returncode == 0, built.output
    return built


def _soup(site: BuiltSite, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(page), "html.parser")


def _text(site: BuiltSite, page: str) -> str:
    return " ".join(_soup(site, page).get_text(" ").split())


def _csv(site: BuiltSite, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site.site / "data" / name).read_text(encoding="utf-8-sig")), delimiter=";"))


def test_filters_tell_the_boards_and_municipalities_apart(site: BuiltSite) -> None:
    filters = _soup(site, "partnerskap/").select_one("nav.iop-filters")
    assert filters is not None
    links = {" ".join(a.get_text().split()): a["href"] for a in filters.select("a")}
    assert "Uppsala kommun" in links and "Lunds kommun" in links
    assert "Kulturnämnden, Uppsala kommun" in links and "Kulturnämnden, Lunds kommun" in links
    assert "Kulturnämnden" not in links  # never a bare name that could be either

    uppsala = _text(site, "partnerskap/kommun-eller-region/uppsala-kommun/")
    assert "Konst för alla i Uppsala" in uppsala and "Körsång i Lund" not in uppsala
    lund_board = _text(site, "partnerskap/namnd/lund-kulturnamnden/")
    assert "Körsång i Lund" in lund_board and "Konst för alla i Uppsala" not in lund_board


def test_pages_name_each_board_with_its_municipality(site: BuiltSite) -> None:
    heading = _soup(site, "organisationer/uppsala-kulturnamnden/").find("h1")
    assert heading is not None and heading.get_text(strip=True) == "Kulturnämnden, Uppsala kommun"
    # A municipality's own page is not named twice.
    heading = _soup(site, "organisationer/lunds-kommun/").find("h1")
    assert heading is not None and heading.get_text(strip=True) == "Lunds kommun"
    assert "Kulturnämnden, Lunds kommun" in _text(site, "beslut/kn-2023-22/")
    listing = _text(site, "beslut-och-bidrag/")
    assert "Beviljat av Kommunstyrelsen, Uppsala kommun" in listing and "Beviljat av Kommunstyrelsen, Lunds kommun" in listing
    parties = _text(site, "partnerskap/")
    assert "Kulturnämnden, Lunds kommun" in parties
    names = _text(site, "organisationer/")
    assert "Kommunstyrelsen, Uppsala kommun" in names and "Kommunstyrelsen, Lunds kommun" in names


def test_search_finds_each_board_by_its_municipality(site: BuiltSite) -> None:
    index = "".join(p.read_text(encoding="utf-8") for p in (site.site / "search").rglob("*.js"))
    assert "Kulturnämnden, Uppsala kommun" in index and "Kulturnämnden, Lunds kommun" in index


def _table_rows(table: object) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for tr in table.select("tr"):  # type: ignore[attr-defined]
        th = tr.find("th")
        if th is not None:
            rows[" ".join(th.get_text(" ").split())] = [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
    return rows


def test_economy_shows_each_municipalitys_money_apart(site: BuiltSite) -> None:
    soup = _soup(site, "ekonomi/")
    by_body = soup.select_one('table[data-chart="per-kommun-eller-region"]')
    assert by_body is not None
    rows = _table_rows(by_body)
    # 2023 (the first column; 2024 has no budget): Uppsala 300 000 kr in the budget and a
    # 40 000 kr grant, Lund 70 000 kr and 5 000 kr.
    assert rows["Uppsala kommun"][0] == "340 000 kr" and rows["Lunds kommun"][0] == "75 000 kr"
    by_funder = soup.select_one('table[data-chart="per-finansiar"]')
    assert by_funder is not None
    rows = _table_rows(by_funder)
    assert rows["Kulturnämnden, Uppsala kommun"][0] == "300 000 kr" and rows["Kulturnämnden, Lunds kommun"][0] == "70 000 kr"
    # The sum of both is never shown without each municipality's part beside it.
    assert rows["Summa"][0] == "415 000 kr"
    assert rows["Därav Uppsala kommun"][0] == "340 000 kr" and rows["Därav Lunds kommun"][0] == "75 000 kr"
    by_partnership = _table_rows(soup.select_one('table[data-chart="per-partnerskap"]'))
    assert by_partnership["Summa"][0] == "415 000 kr"
    assert by_partnership["Därav Uppsala kommun"][0] == "340 000 kr" and by_partnership["Därav Lunds kommun"][0] == "75 000 kr"
    # A year without a budget is unknown for the municipality too, never zero.
    assert rows["Därav Uppsala kommun"][1] == "Uppgift saknas"


def test_csv_carries_the_municipality_of_every_record(site: BuiltSite) -> None:
    partnerships = {row["id"]: row for row in _csv(site, "partnerskap.csv")}
    assert partnerships["uppsala-konst"]["public_bodies"] == "uppsala-kommun"
    assert partnerships["lund-kor"]["public_bodies_name"] == "Lunds kommun"
    grants = {row["id"]: row for row in _csv(site, "bidrag.csv")}
    assert grants["ks-lund-kor"]["public_body"] == "lunds-kommun"
    assert grants["ks-lund-kor"]["funder_name"] == "Kommunstyrelsen, Lunds kommun"
    decisions = {row["id"]: row for row in _csv(site, "beslut.csv")}
    assert decisions["kun-2023-11"]["public_body"] == "uppsala-kommun" and decisions["kun-2023-11"]["public_body_name"] == "Uppsala kommun"
    organisations = {row["id"]: row for row in _csv(site, "organisationer.csv")}
    assert organisations["lund-kommunstyrelsen"]["public_body"] == "lunds-kommun"
    assert organisations["lunds-kommun"]["public_body"] == "lunds-kommun"
    assert organisations["lunds-korforening"]["public_body"] == ""


def test_json_carries_the_municipality_of_every_record(site: BuiltSite) -> None:
    data = json.loads(site.read("data/registret.json"))
    records = {(kind, r["id"]): r["derived"] for kind, items in data.items() if isinstance(items, list) for r in items if isinstance(r, dict) and "derived" in r}
    assert records[("partnerships", "lund-kor")]["public_bodies"] == ["lunds-kommun"]
    assert records[("grants", "ks-uppsala-konst")]["public_body"] == "uppsala-kommun"
    assert records[("decisions", "kn-2023-22")]["public_body"] == "lunds-kommun"
    assert records[("organisations", "uppsala-kulturnamnden")]["public_body"] == "uppsala-kommun"
    assert records[("organisations", "uppsala-konstforening")]["public_body"] is None


def test_another_publisher_finds_no_malmo_anywhere(site: BuiltSite) -> None:
    """No page, feed, calendar, data file, schema, script or style names Malmö: the records
    are Uppsala's and Lund's, the publisher is Uppsala kommun."""
    found = []
    for path in sorted(site.site.rglob("*")):
        # The DCAT catalogue's address has no suffix (the profile's convention): checked by its path.
        is_text = path.suffix in {".html", ".xml", ".atom", ".ics", ".json", ".csv", ".js", ".css", ".txt", ".webmanifest"}
        if path.is_file() and (is_text or path.relative_to(site.site).as_posix() == DCAT_CATALOGUE):
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in re.finditer(r"(?i)malm(ö|o|\\u00f6)", text):
                found.append(f"{path.relative_to(site.site)}: …{text[max(0, match.start() - 60):match.end() + 60]}…")
    assert not found, "\n".join(found[:20])
    assert (site.site / DCAT_CATALOGUE).is_file()  # the catalogue was read, not missing


def test_a_taken_board_id_suggests_one_with_the_municipality_first() -> None:
    registry = load_registry(REGISTRY, Report())
    hint = taken_id_hint(registry, "lund-kulturnamnden")
    assert "Kulturnämnden, Lunds kommun" in hint and "använd uppsala-kulturnamnden" in hint


def test_same_board_names_in_two_municipalities_are_no_look_alikes(tmp_path: Path) -> None:
    report = Report()
    check_registry(load_registry(REGISTRY, report), report)
    assert [d.code for d in report.items] == []


def test_a_board_without_its_municipality_is_reported(tmp_path: Path) -> None:


    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    (registry / "organisations" / "socialnamnden.yml").write_text("name: Socialnämnden\nkind: board\n", encoding="utf-8")
    report = Report()
    check_registry(load_registry(registry, report), report)
    found = [d for d in report.items if d.code == "no-public-body"]
    assert len(found) == 1 and "parent" in found[0].hint and "uppsala-kommun" in found[0].hint


def test_the_partnership_template_puts_what_a_press_release_gives_first() -> None:
    from iop_registry.template import THIN_DIVIDER, template_text

    text = template_text("partnership")
    head, divider, rest = text.partition(THIN_DIVIDER[2])
    assert divider and "title: FYLL I" in head and "period:" in head and "# case_numbers:" in head
    # What only an agreement gives is below the line, commented out.
    assert "# agreement_title:" in rest and "# signatories:" in rest and "agreement_title" not in head


def test_the_guide_walks_through_a_partnership_from_a_press_release(site: BuiltSite) -> None:
    from iop_registry.render.guide_partnership import EXAMPLE_FILES

    assert 'href="nytt-partnerskap/"' in site.page("redaktorsguide/")
    soup = _soup(site, "redaktorsguide/nytt-partnerskap/")
    assert soup.find(id="lagg-till-ett-partnerskap") is not None and soup.find(id="sa-raknas-laget-fram") is not None
    shown = [pre.get_text() for pre in soup.select("pre.iop-yaml")]
    # Every example file is on the page as the validator checked it (the build refuses it otherwise).
    assert all(text in shown for _, _, text in EXAMPLE_FILES)
    assert "kind: press_release" in EXAMPLE_FILES[-1][2] and "case_numbers" not in EXAMPLE_FILES[-1][2]


def test_decisions_and_grants_filter_by_municipality(site: BuiltSite) -> None:
    filters = _soup(site, "beslut-och-bidrag/").select_one("nav.iop-filters")
    assert filters is not None and {a.get_text(strip=True) for a in filters.select("a")} == {"Alla", "Uppsala kommun", "Lunds kommun"}
    lund = _text(site, "beslut-och-bidrag/kommun-eller-region/lunds-kommun/")
    assert "Körläger" in lund and "Partnerskap om öppna körer" in lund
    assert "Sommarateljé" not in lund and "Partnerskap om öppna ateljéer" not in lund


def test_new_organisation_with_a_taken_id_suggests_the_prefixed_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from iop_registry.cli import main

    registry = tmp_path / "registry"
    shutil.copytree(REGISTRY, registry)
    assert main(["new", "organisation", "uppsala-kulturnamnden", "--registry", str(registry)]) == 1
    message = capsys.readouterr().err
    assert "Kulturnämnden, Uppsala kommun" in message and "använd lunds-kulturnamnden" in message
