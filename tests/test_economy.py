"""Ekonomi and the start page count money under three standings: decided, proposed and unknown,
never one as another.

The registry is tests/fixtures/thin copied into tmp with a budget added to two partnerships:
`forslag` (a decision paper proposes it: a proposal) and `okant` (a web page lists it, nothing
says it was decided, signed or proposed: its decision is unknown, *Beslut okänt*). The site is
built once and its Ekonomi page read with BeautifulSoup.
"""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import FIXTURES, BuiltSite, build_registry
from support.html import spaced_text as text

PROPOSED_BUDGET = """budget:
  - year: 2023
    costs:
      - label: Jourverksamhet
        amount: 40000
        funder: socialnamnden
"""
UNKNOWN_BUDGET = """budget:
  - year: 2023
    costs:
      - label: Utlåning
        amount: 7000
        funder: exempelkommun
        performer: kommunstyrelsen
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("registry") / "registry"
    shutil.copytree(FIXTURES / "thin", root)
    for name, budget in (("forslag", PROPOSED_BUDGET), ("okant", UNKNOWN_BUDGET)):
        path = root / "partnerships" / f"{name}.yml"
        path.write_text(path.read_text(encoding="utf-8") + budget, encoding="utf-8")
    return build_registry(tmp_path_factory.mktemp("economy"), root)


def table(site: BuiltSite, chart: str) -> Tag:
    page = BeautifulSoup(site.page("ekonomi/"), "html.parser")
    found = page.select_one(f'table[data-chart="{chart}"]')
    assert isinstance(found, Tag), chart
    return found


def by_year(table: Tag, row: Tag) -> dict[str, str]:
    years = [text(th) for th in table.select("thead th")[1:]]
    return dict(zip(years, (text(td) for td in row.find_all("td")), strict=True))


def test_money_whose_decision_is_unknown_is_marked_unknown_not_proposed(site: BuiltSite) -> None:
    rows = {row["data-series"]: text(row.th) for row in table(site, "per-partnerskap").select("tbody tr")}
    assert rows["Partnerskap på kommunens lista"] == "Partnerskap på kommunens lista (beslut okänt)"
    assert rows["Föreslaget partnerskap"] == "Föreslaget partnerskap (förslag, inte beslutat)"
    # Signed, as the news item says: decided money, with no mark.
    assert rows["Avslutat i förtid"] == "Avslutat i förtid"


@pytest.mark.parametrize("chart", ["per-partnerskap", "per-finansiar"])
def test_every_sum_splits_into_decided_proposed_and_unknown(site: BuiltSite, chart: str) -> None:
    money = table(site, chart)
    footer = {row.get("data-standing"): by_year(money, row) for row in money.select("tfoot tr[data-standing]")}
    assert set(footer) == {"decided", "proposed", "unknown"}
    # avslutat-i-fortid ended early on 1 January 2023, but efterfoljare (signed) and protokoll
    # (decided) run in 2023 without figures: the decided share is unknown, not 0 kr.
    assert footer["decided"]["2023"] == "Uppgift saknas"
    assert footer["proposed"]["2023"] == "40 000 kr"
    assert footer["unknown"]["2023"] == "7 000 kr"
    # foraldrakurser (signed) runs in 2022 without figures; okant (unknown) too.
    assert footer["decided"]["2022"] == "minst 100 000 kr"
    assert (footer["proposed"]["2022"], footer["unknown"]["2022"]) == ("0 kr", "Uppgift saknas")
    total = money.select_one("tfoot tr:not([data-standing]) td[data-label='2023']")
    assert isinstance(total, Tag) and total["data-total"] == "47000"


def test_funding_chart_draws_unknown_money_in_a_bar_of_its_own(site: BuiltSite) -> None:
    page = BeautifulSoup(site.page("ekonomi/"), "html.parser")
    segments = page.select('figure[data-chart="per-partnerskap"] rect.iop-chart__bar[data-row="2023"]')
    drawn = {(s["data-series"], s["data-standing"]): int(s["data-value"]) for s in segments}
    assert drawn == {("Partnerskap på kommunens lista", "unknown"): 7000, ("Föreslaget partnerskap", "proposed"): 40000}
    description = page.select_one('figure[data-chart="per-partnerskap"] desc')
    assert isinstance(description, Tag)
    assert "2023: minst 47 000 kr: beslutat: 0 kr; förslag, inte beslutat: 40 000 kr (Föreslaget partnerskap 40 000 kr); beslut okänt: 7 000 kr (Partnerskap på kommunens lista 7 000 kr)." in text(description)


def test_the_introduction_says_how_unknown_money_is_marked(site: BuiltSite) -> None:
    page = BeautifulSoup(site.page("ekonomi/"), "html.parser")
    lead = page.find("p", class_="iop-lead")
    assert isinstance(lead, Tag)
    intro = lead.find_next_sibling("p")
    assert isinstance(intro, Tag)
    assert "märkta beslut okänt och räknas för sig" in text(intro)


def test_start_page_counts_unknown_money_apart_from_proposals(site: BuiltSite) -> None:
    start = BeautifulSoup(site.page(""), "html.parser")
    figures = {f.get("data-standing"): text(f) for f in start.select(".iop-figure")}
    assert figures["proposed"] == "40 000 kr i förslag till avtal 2023, inte beslutade"
    assert figures["decision-unknown"] == "7 000 kr offentliga medel 2023 i avtal där registret inte vet om de är beslutade"


def test_a_cost_line_carried_out_under_an_agreement_of_unknown_decision_says_so(site: BuiltSite) -> None:
    page = BeautifulSoup(site.page("organisationer/kommunstyrelsen/"), "html.parser")
    lines = [" ".join(li.get_text().split()) for li in page.select("li") if "Utlåning" in li.get_text()]
    assert lines == ["Utlåning: 7 000 kr 2023, finansieras av Exempelkommun (Partnerskap på kommunens lista, beslut okänt)"]
