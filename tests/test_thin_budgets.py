"""Budgets from thin sources: unknown is never 0 kr, a "varav" rest is not specified, a balance
notice only when the source gives both sides, "Så står det i avtalet" only with an agreement.

A small registry with one budget of each shape is built into tmp; its pages, JSON and CSV are
read with real parsers (BeautifulSoup, json, csv).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag

from iop_registry.derive.provenance import DEFINITE
from iop_registry.model.common import SourceKind

from conftest import FIXTURES, BuiltSite, build_registry
from support.html import soup

BOARDS = {"kulturnamnden": 400000, "fritidsnamnden": 300000, "socialnamnden": 200000, "kommunstyrelsen": 100000}

PARTNERSHIPS = {
    # Known only as funding per board (four boards whose amounts add up), from a press release.
    "fyra-namnder": """
        title: Fyra nämnder
        summary: Finansieras av fyra nämnder.
        case_numbers: [TST-2023-1]
        decisions: [tst-2023-1]
        parties:
          - {organisation: foreningen, role: idea_driven}
          - {organisation: kulturnamnden, role: public}
        period: {start: 2023, end: 2023}
        budget:
          - year: 2023
            income:
{FUNDERS}
        sources:
          - {kind: press_release, title: Pressmeddelande om partnerskapet}
    """.replace("{FUNDERS}", "\n".join(f"              - {{funder: {b}, amount: {a}}}" for b, a in BOARDS.items())),
    # "3 745 400 kr, varav 1 555 000 kr från kommunen".
    "varav": """
        title: Varav kommunen
        summary: En summa där bara kommunens del anges.
        case_numbers: [TST-2023-1]
        decisions: [tst-2023-1]
        parties:
          - {organisation: foreningen, role: idea_driven}
          - {organisation: namnden, role: public}
        period: {start: 2023, end: 2023}
        budget:
          - year: 2023
            stated_income_total: 3745400
            income_lines_partial: true
            income:
              - {funder: malmo-stad, amount: 1555000}
        sources:
          - {kind: news_article, title: Nyhetsartikel}
    """,
    # "340 000 kr per år 2018–2020".
    "per-ar": """
        title: Per år
        summary: Samma belopp varje år.
        case_numbers: [TST-2023-1]
        decisions: [tst-2023-1]
        parties:
          - {organisation: foreningen, role: idea_driven}
          - {organisation: socialnamnden, role: public}
        period: {start: 2018, end: 2020}
        budget:
          - year: 2018
            through: 2020
            income:
              - {funder: socialnamnden, amount: 340000}
        sources:
          - {kind: web_page, title: Kommunens sida om IOP}
    """,
    # "högst 4 miljoner kr under fem månader", across a new year; costs given too.
    "hogst": """
        title: Högst fyra miljoner
        summary: Ett tak för fem månader.
        case_numbers: [TST-2023-1]
        decisions: [tst-2023-1]
        parties:
          - {organisation: foreningen, role: idea_driven}
          - {organisation: namnden, role: public}
        period: {start: 2022-11, end: 2023-03}
        budget:
          - year: 2022
            through: 2023
            per_year: false
            costs:
              - {label: Härbärge, amount: 3000000}
            income:
              - {funder: namnden, amount: 4000000, limit: at_most}
        sources:
          - {kind: news_article, title: Nyhet om härbärget}
          - {kind: minutes, title: Protokoll}
    """,
    # Both sides exactly, and they differ, but no agreement text among the sources.
    "skiljer": """
        title: Skiljer sig
        summary: Kostnader och intäkter skiljer sig.
        case_numbers: [TST-2023-1]
        decisions: [tst-2023-1]
        parties:
          - {organisation: foreningen, role: idea_driven}
          - {organisation: namnden, role: public}
        period: {start: 2023, end: 2023}
        budget:
          - year: 2023
            costs:
              - {label: Lön, amount: 500000}
            income:
              - {funder: namnden, amount: 450000}
        sources:
          - {kind: decision_paper, title: Tjänsteskrivelse}
    """,
    # Nothing about money at all.
    "utan-budget": """
        title: Utan budget
        summary: Källan säger inget om pengar.
        case_numbers: [TST-2023-5]
        parties:
          - {organisation: foreningen, role: idea_driven}
          - {organisation: namnden, role: public}
        period: {start: 2023, end: 2024}
        sources:
          - {kind: press_release, title: Pressmeddelande}
    """,
}

ORGANISATIONS = {board: f"name: {board.capitalize()}\nkind: board\nparent: malmo-stad\n" for board in BOARDS}


def write_registry(root: Path) -> Path:
    registry = root / "registry"
    shutil.copytree(FIXTURES / "minimal", registry)
    for name, text in ORGANISATIONS.items():
        (registry / "organisations" / f"{name}.yml").write_text(text, encoding="utf-8")
    for name, text in PARTNERSHIPS.items():
        (registry / "partnerships" / f"{name}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return registry


@pytest.fixture(scope="module")
def thin_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("thin-budgets")
    return build_registry(root, write_registry(root))


def words(node: Any) -> str:
    """The node's text with single spaces, cells and lines apart, and no space before punctuation."""
    return re.sub(r" ([:;,.)])", r"\1", " ".join(node.get_text(" ").split()))


def section(html: str, heading_id: str) -> str:
    """The text from the h2 with `heading_id` to the next h2."""
    heading = soup(html).find("h2", id=heading_id)
    assert isinstance(heading, Tag), heading_id
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(words(sibling))
    return " ".join(parts)


# "0 kr" standing alone, not the end of "100 000 kr".
ZERO_KRONOR = re.compile(r"(?:^|[^\d\s])\s*\b0\s*kr")


def no_zero(text: str) -> None:
    assert not ZERO_KRONOR.search(text), text


def partnership(site: BuiltSite, name: str) -> dict[str, Any]:
    records = json.loads(site.read("data/partnerskap.json"))["records"]
    return next(r for r in records if r["id"] == name)


def csv_rows(site: BuiltSite, name: str) -> list[dict[str, str]]:
    text = (site.site / "data" / f"{name}.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_funding_only_budget_shows_funding_and_no_costs(thin_site: BuiltSite) -> None:
    html = thin_site.page("partnerskap/fyra-namnder/")
    economy = section(html, "ekonomi")
    no_zero(economy)
    assert "Kostnader 2023: Uppgift saknas: pressmeddelandet anger inga kostnader" in economy
    table = soup(html).find("caption", string=re.compile("^Finansiering 2023"))
    assert table is not None
    rows = table.find_parent("table").find_all("tr")
    shown = {words(r.find("th")): words(r.find_all("td")[-1]) for r in rows[1:-1]}
    assert shown == {board.capitalize(): f"{amount:,} kr".replace(",", " ") for board, amount in BOARDS.items()}
    assert words(rows[-1]) == "Summa finansiering 1 000 000 kr"
    assert "går inte ihop" not in html
    assert "Så står det i avtalet" not in html and "avtalet anger" not in html
    data = partnership(thin_site, "fyra-namnder")["derived"]
    assert data["budget"][0]["cost_total"] is None
    assert data["budget"][0]["balance"] is None
    assert data["public_funds_by_year"] == [{"year": 2023, "amount": 1000000}]


def test_varav_rest_is_not_specified_never_zero(thin_site: BuiltSite) -> None:
    html = thin_site.page("partnerskap/varav/")
    economy = section(html, "ekonomi")
    no_zero(economy)
    rest = soup(html).find("tr", attrs={"data-unspecified": True})
    assert rest is not None
    assert words(rest).startswith("Ej specificerat") and words(rest).endswith("2 190 400 kr")
    assert "Summa finansiering 3 745 400 kr" in economy
    # Only the municipality's part is known to be public: at least that much.
    assert "minst 1 555 000 kr" in words(soup(html).find("dl"))
    data = partnership(thin_site, "varav")["derived"]["budget"][0]
    assert (data["income_total"], data["income_unspecified"], data["cost_total"]) == (3745400, 2190400, None)


def test_balance_notice_only_when_the_source_gives_both_sides(thin_site: BuiltSite) -> None:
    for name in ("fyra-namnder", "varav", "per-ar", "hogst"):
        assert "Budgeten går inte ihop" not in thin_site.page(f"partnerskap/{name}/"), name
    html = thin_site.page("partnerskap/skiljer/")
    notice = soup(html).find("div", class_="iop-notice")
    assert notice is not None
    assert "intäkterna är 50 000 kr lägre än kostnaderna" in words(notice)
    assert "Så står det i beslutsunderlaget" in words(notice) and "avtalet" not in words(notice)


def test_per_year_and_at_most_amounts_read_as_the_source_gives_them(thin_site: BuiltSite) -> None:
    per_year = thin_site.page("partnerskap/per-ar/")
    assert "Budget 2018–2020" in words(soup(per_year))
    assert "Beloppen gäller varje år 2018–2020." in section(per_year, "ekonomi")
    assert partnership(thin_site, "per-ar")["derived"]["public_funds_by_year"] == [
        {"year": y, "amount": 340000} for y in (2018, 2019, 2020)
    ]
    ceiling = thin_site.page("partnerskap/hogst/")
    economy = section(ceiling, "ekonomi")
    assert "högst 4 000 000 kr" in economy
    assert "Beloppen gäller åren 2022–2023 tillsammans; källorna delar inte upp dem per år." in economy
    no_zero(economy)
    facts = words(soup(ceiling).find("dl"))
    assert "2022: Uppgift saknas" in facts and "2023: Uppgift saknas" in facts
    data = partnership(thin_site, "hogst")["derived"]
    assert data["public_funds_by_year"] == [] and data["public_funds_total"] is None
    assert (data["budget"][0]["last_year"], data["budget"][0]["income_limit"]) == (2023, "at_most")


def test_no_budget_is_unknown_in_pages_json_and_csv(thin_site: BuiltSite) -> None:
    html = thin_site.page("partnerskap/utan-budget/")
    no_zero(section(html, "fakta"))
    data = partnership(thin_site, "utan-budget")["derived"]
    assert data["public_funds_total"] is None and data["missing_budget_years"] == [2023, 2024]
    rows = {r["id"]: r for r in csv_rows(thin_site, "partnerskap")}
    assert rows["utan-budget"]["cost_total"] == "" and rows["utan-budget"]["public_funds_total"] == ""
    assert rows["fyra-namnder"]["cost_total"] == ""
    assert rows["skiljer"]["cost_total"] == "500000"
    lines = [r for r in csv_rows(thin_site, "budgetrader") if r["partnership"] == "hogst"]
    assert {(r["line"], r["amount"], r["limit"], r["last_year"]) for r in lines} == {
        ("cost", "3000000", "exact", "2023"), ("income", "4000000", "at_most", "2023"),
    }


def test_economy_and_start_page_never_show_unknown_as_zero(thin_site: BuiltSite) -> None:
    page = soup(thin_site.page("ekonomi/"))
    table = page.find("table", attrs={"data-chart": "per-partnerskap"})
    assert isinstance(table, Tag)
    years = [words(th) for th in table.find("thead").find_all("th")][1:]
    cells = {words(row.find("th")): dict(zip(years, (words(td) for td in row.find_all("td")), strict=True)) for row in table.find("tbody").find_all("tr")}
    assert cells["Fyra nämnder"]["2023"] == "1 000 000 kr"
    assert cells["Varav kommunen"]["2023"] == "minst 1 555 000 kr"
    assert [cells["Högst fyra miljoner"][y] for y in ("2022", "2023")] == ["Uppgift saknas"] * 2
    assert [cells["Utan budget"][y] for y in ("2023", "2024")] == ["Uppgift saknas"] * 2
    assert [cells["Per år"][y] for y in ("2018", "2019", "2020")] == ["340 000 kr"] * 3
    # Each partnership's own budget table on Ekonomi: a side the source lacks is unknown.
    for budget in page.find_all("table", attrs={"data-chart": re.compile("^budget-")}):
        no_zero(words(budget))
    start = soup(thin_site.page(""))
    figures = {f.get("data-standing"): words(f) for f in start.find_all("p", class_="iop-figure")}
    # 2023 holds the varav budget, of which only the municipality's part is known to be public.
    assert figures["decided"].startswith("minst ")
    assert figures["unknown"].startswith("Uppgift saknas för 2023 i")


def test_malmo_keeps_its_62_kronor_gap(shipped_site: BuiltSite) -> None:
    html = shipped_site.page("partnerskap/mammakraft/")
    notices = [words(n) for n in soup(html).find_all("div", class_="iop-notice")]
    assert any("intäkterna är 62 kr lägre än kostnaderna år 2023 (377 825 kr mot 377 887 kr)" in n for n in notices), notices
    assert all("Så står det i avtalet" in n for n in notices if "går inte ihop" in n)
    economy = words(soup(shipped_site.page("ekonomi/")))
    assert "Intäkterna är 62 kr lägre än kostnaderna." in economy
    data = partnership(shipped_site, "mammakraft")["derived"]["budget"]
    assert [(b["year"], b["cost_total"], b["income_total"], b["balance"]) for b in data] == [
        (2023, 377887, 377825, -62), (2024, 377887, 377825, -62),
    ]


def test_every_kind_of_source_has_its_words() -> None:
    assert set(DEFINITE) == set(SourceKind)
