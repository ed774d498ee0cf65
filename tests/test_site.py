"""The public site: real builds into tmp_path, read back as parsed HTML."""

from __future__ import annotations

import datetime as dt
import filecmp
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, SHIPPED_REGISTRY, BuiltSite, build, build_registry, make_project
from support.html import soup, text

MINIMAL = FIXTURES / "minimal"


def epoch(day: str) -> int:
    """Noon in Malmö on `day`, as SOURCE_DATE_EPOCH."""
    moment = dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=ZoneInfo("Europe/Stockholm"))
    return int(moment.timestamp())


def facts(page: BeautifulSoup) -> dict[str, str]:
    """The summary box as {term: description}."""
    box = page.select_one(".iop-facts__list")
    assert box is not None
    return {text(dt_): text(dt_.find_next_sibling("dd")) for dt_ in box.find_all("dt")}


# --- The shipped registry -------------------------------------------------------------


def test_mammakraft_page_shows_parties_contacts_and_case_number(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    assert text(page.find("h1")) == "Mammakraft"
    summary = facts(page)
    assert summary["Avtalsperiod"] == "1 januari 2023 – 31 december 2024"
    assert summary["Diarienummer"] == "ASN-2022-13029"
    assert "Internationella Kvinnoföreningen i Malmö (idéburen part)" in summary["Parter"]
    phones = {a["href"]: text(a) for a in page.select('a[href^="tel:"]')}
    assert phones == {"tel:+46704445458": "070-444 54 58", "tel:+46723850720": "072-385 07 20"}
    mails = {a["href"] for a in page.select('a[href^="mailto:"]')}
    assert mails == {"mailto:tatjana.ristovski@ikf.se", "mailto:georgina.simicic@xn--malm-8qa.se"}
    assert "georgina.simicic@malmö.se" in text(page)


def test_mammakraft_budget_tables_and_the_62_kr_gap(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    costs = page.find("caption", string="Kostnader 2023").find_parent("table")
    rows = {text(r.th): text(r.find_all("td")[-1]) for r in costs.select("tbody tr")}
    assert rows["Kursledare 50%"] == "264 062 kr"
    assert text(costs.select_one("tfoot td")) == "377 887 kr"
    income = page.find("caption", string="Intäkter 2023").find_parent("table")
    assert text(income.select_one("tfoot td")) == "377 825 kr"
    notices = [text(n) for n in page.select(".iop-notice")]
    assert len(notices) == 2
    assert "intäkterna är 62 kr lägre än kostnaderna år 2023" in notices[0]
    assert summary_funding(page) == ["2023: 290 000 kr", "2024: 290 000 kr", "2025: Uppgift saknas", "2026: Uppgift saknas"]


def summary_funding(page: BeautifulSoup) -> list[str]:
    box = page.select_one(".iop-facts__list")
    dd = box.find("dt", string="Offentliga medel per år").find_next_sibling("dd")
    return [text(li) for li in dd.find_all("li")]


def test_mammakraft_key_dates_include_derived_deadlines(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    timeline = {item.time["datetime"]: text(item) for item in page.select(".iop-timeline li")}
    assert "Sista dag att godkänna förlängning" in timeline["2024-06-30"]
    assert "Faktura för 2023 senast" in timeline["2023-04-30"]
    assert "Rapport för 2024 klar senast" in timeline["2025-03-01"]
    assert "Arbetsmarknads- och socialnämnden (ASN-2022-13029)" in timeline["2022-12-15"]


def test_undecided_agreement_is_shown_as_a_proposal(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    assert facts(page)["Läge"] == "Förslag Beslut om avtalet finns inte i registret."


def test_missing_facts_say_so(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/kraftsamling-herrgarden/"))
    assert "Kontaktpersoner" in text(page) and "avtalet anger inga kontaktpersoner" in text(page)
    assert summary_funding(page) == ["2024: 1 210 000 kr", "2025: Uppgift saknas"]
    # Sections with nothing in the sources collapse into one line, and the contents list
    # links only to the sections that are there.
    assert page.find("h2", id="underskrifter") is None
    gaps = text(page.select_one(".iop-gaps"))
    assert gaps.startswith("Uppgift saknas om ") and "underskrifter" in gaps and gaps.endswith("säger inget om det.")
    on_page = [a["href"] for a in page.select("nav.iop-on-page a")]
    assert on_page[:2] == ["#fakta", "#kontaktpersoner"] and "#ekonomi" in on_page and "#underskrifter" not in on_page
    assert all(page.find(id=href[1:]) is not None for href in on_page)


def test_kraftsamling_budget_shows_performer_funder_and_indexation(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/kraftsamling-herrgarden/"))
    table = page.find("caption", string="Kostnader 2024").find_parent("table")
    headers = [text(th) for th in table.select("thead th")]
    assert headers == ["Kostnad", "Utförs av", "Finansieras av", "Belopp"]
    first = [text(c) for c in table.select("tbody tr")[0].find_all(["th", "td"])]
    assert first == ["Lönekostnader samordning och ledare Bästa Sommaren (5 personer)*", "Tillsammans i Förening", "Fritidsnämnden", "320 000 kr"]
    assert text(table.select_one("tfoot td")) == "1 210 000 kr"
    assert "En årlig uppräkning (inför 2025)" in text(page)


def test_record_pages_link_to_each_other(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    assert {"../../organisationer/internationella-kvinnoforeningen/", "../../beslut/asn-2022-13029/", "../../bidrag/asn-2022-14203-mammakraft/"} <= hrefs
    organisation = soup(shipped_site.page("organisationer/internationella-kvinnoforeningen/"))
    assert facts(organisation)["Organisationsnummer"] == "846003-1936"
    funds = {text(r.th): [text(td) for td in r.find_all("td")] for r in organisation.select("table tbody tr")}
    assert funds == {"2022": ["300 000 kr", "0 kr"], "2023": ["0 kr", "290 000 kr"], "2024": ["0 kr", "290 000 kr"]}


def test_grant_records_both_spellings(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("bidrag/asn-2022-14203-thaimise/"))
    assert facts(page)["Verksamhet"] == "Thaimise (stavas också Thaiwise i dokumentet)"
    assert facts(page)["Belopp"] == "1 000 000 kr"


def test_grant_page_names_its_decision_as_the_lists_do(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("bidrag/asn-2022-14203-thaimise/"))
    heading = "ASN-2022-14203: Fördelning av medel från kommunstyrelsen till arbetsmarknads- och socialnämnden"
    assert facts(page)["Beslut"] == f"{heading} – Beslutat 28 september 2022"
    listing = soup(shipped_site.page("beslut-och-bidrag/"))
    assert heading in [text(h) for h in listing.select(".iop-card__title")]


def test_decisions_and_grants_listed_newest_first(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("beslut-och-bidrag/"))
    titles = [text(h) for h in page.select(".iop-card__title")]
    assert titles[0].startswith("STK-2021-567")
    assert titles.index("ASN-2022-13029: " + titles[1].split(": ", 1)[1]) == 1


def test_every_page_says_when_the_facts_apply(shipped_site: BuiltSite) -> None:
    for html_file in shipped_site.site.rglob("*.html"):
        if html_file.name == "404.html":
            continue
        stamp = soup(html_file.read_text(encoding="utf-8")).select_one(".iop-as-of")
        assert stamp is not None, html_file
        assert text(stamp) == "Uppgifterna gäller per 15 juni 2023."


def test_start_page_has_key_figures(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page(""))
    figures = [text(f) for f in page.select(".iop-figure")]
    assert figures[0] == "0 pågående partnerskap av 2 i registret"
    assert figures[1] == "0 kr beslutade offentliga medel 2023 i avtal och bidrag"
    assert figures[2] == "290 000 kr i förslag till avtal 2023, inte beslutade"


def test_no_page_references_another_host(shipped_site: BuiltSite) -> None:
    allowed_documents = {"malmo.se"}  # links to source documents are links, never loaded resources
    # The accessibility statement must link to Digg's complaint form (lag 2018:1937, Digg's template).
    allowed_documents.add("www.digg.se")
    for html_file in shipped_site.site.rglob("*.html"):
        page = soup(html_file.read_text(encoding="utf-8"))
        loaded = [(el.name, el.get("src")) for el in page.find_all(src=True)]
        # <link rel="canonical"> names the page's public address; it is never fetched.
        loaded += [("link", el.get("href")) for el in page.find_all("link", href=True) if "canonical" not in el.get("rel", [])]
        for tag, value in loaded:
            assert not urlsplit(value).netloc, f"{html_file}: {tag} loads {value}"
        for anchor in page.find_all("a", href=True):
            host = urlsplit(anchor["href"]).hostname
            assert host is None or host in allowed_documents or host.endswith(".malmo.se"), f"{html_file}: {anchor['href']}"
        for style in page.find_all("style"):
            assert "@import" not in style.text and "fonts.googleapis" not in style.text


# --- Status over time -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "label", "note"),
    [
        ("2022-06-01", "Kommande", "Börjar 1 januari 2023."),
        ("2023-06-15", "Pågående", "Gäller till 31 december 2024."),
        ("2024-06-30", "Pågående, slutar snart", "Slutar 31 december 2024. En förlängning måste vara godkänd senast 30 juni 2024."),
        ("2024-08-01", "Pågående, slutar snart", "Slutar 31 december 2024. Tiden för att godkänna en förlängning gick ut 30 juni 2024."),
        ("2025-03-01", "Avslutat", "Avslutades 31 december 2024."),
    ],
)
def test_status_follows_source_date_epoch(tmp_path: Path, day: str, label: str, note: str) -> None:
    site = build_registry(tmp_path, MINIMAL, epoch=epoch(day))
    page = soup(site.page("partnerskap/testpartnerskap/"))
    assert facts(page)["Läge"] == f"{label} {note}"
    listing = soup(site.page("partnerskap/"))
    assert text(listing.select_one("tbody .iop-status")) == label


def test_extension_makes_status_extended(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(MINIMAL, registry)
    path = registry / "partnerships/testpartnerskap.yml"
    path.write_text(path.read_text(encoding="utf-8") + "extensions:\n  - until: 2026-12-31\n    decision: tst-2023-1\n", encoding="utf-8")
    site = build_registry(tmp_path / "out", registry, epoch=epoch("2025-06-01"))
    assert facts(soup(site.page("partnerskap/testpartnerskap/")))["Läge"] == "Förlängt Förlängt till 31 december 2026."


def test_status_filter_pages_work_without_javascript(tmp_path: Path) -> None:
    site = build_registry(tmp_path, MINIMAL, epoch=epoch("2023-06-15"))
    page = soup(site.page("partnerskap/status/pagaende/"))
    assert [text(a) for a in page.select("tbody th a")] == ["Testpartnerskap"]
    board = soup(site.page("partnerskap/namnd/namnden/"))
    assert [text(a) for a in board.select("tbody th a")] == ["Testpartnerskap"]


# --- Safety, reproducibility, failure -------------------------------------------------


def test_hostile_text_is_escaped_and_unsafe_links_removed(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(MINIMAL, registry)
    path = registry / "partnerships/testpartnerskap.yml"
    hostile = (
        'summary: "<script>alert(1)</script> [klicka](javascript:alert(2)) <img src=x onerror=alert(3)> '
        '[säker](https://malmo.se) ![spår](https://tracker.example/p.gif)"'
    )
    path.write_text(path.read_text(encoding="utf-8").replace("summary: Ett partnerskap för tester.", hostile), encoding="utf-8")
    site = build_registry(tmp_path / "out", registry)
    page = soup(site.page("partnerskap/testpartnerskap/"))
    lead = page.select_one(".iop-lead")
    assert "<script>alert(1)</script>" in lead.get_text()
    assert lead.find("script") is None and lead.find("img") is None
    assert [a["href"] for a in lead.find_all("a")] == ["https://malmo.se"]
    assert not any("javascript:" in (a.get("href") or "").lower() for a in page.find_all("a"))
    assert not any("tracker.example" in element["src"] for element in page.find_all(src=True))


def test_same_input_and_epoch_give_a_byte_identical_site(tmp_path: Path) -> None:
    project = make_project(tmp_path, SHIPPED_REGISTRY)
    first = build(project, site_dir=tmp_path / "a")
    second = build(project, site_dir=tmp_path / "b")
    assert first.returncode == second.returncode == 0, first.output + second.output
    files_a = sorted(p.relative_to(first.site) for p in first.site.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    assert files_a == files_b
    _, mismatch, errors = filecmp.cmpfiles(first.site, second.site, [str(p) for p in files_a], shallow=False)
    assert mismatch == [] and errors == []


def test_registry_errors_stop_the_build_before_anything_is_written(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(MINIMAL, registry)
    path = registry / "partnerships/testpartnerskap.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('"040-34 10 00"', "0704445457"), encoding="utf-8")
    project = make_project(tmp_path, registry)
    result = build(project)
    assert result.returncode == 1
    assert "registry/partnerships/testpartnerskap.yml:12:14: fel: parties[0].contact.phone" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site").exists()


def test_record_pages_stay_out_of_the_navigation(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page("partnerskap/mammakraft/"))
    nav_links = [a["href"] for a in page.select("nav.md-nav--primary a[href]")]
    assert not any("mammakraft" in href or "kraftsamling" in href for href in nav_links)


def test_start_page_says_what_the_registry_holds_without_inventing(shipped_site: BuiltSite) -> None:
    page = soup(shipped_site.page(""))
    overview = page.select_one(".iop-overview")
    assert overview is not None
    # Both shipped partnerships are proposals; the years are those of their periods and grants.
    assert text(overview.find("p")) == "2 partnerskap med avtal och bidrag för åren 2022–2025:"
    assert [(text(a), a["href"]) for a in overview.select(".iop-overview__statuses a")] == [("Förslag", "partnerskap/status/forslag/")]
    assert (shipped_site.site / "partnerskap" / "status" / "forslag" / "index.html").is_file()
    newest = [a["href"] for a in overview.select(".iop-overview__decisions a")]
    assert newest == ["beslut/stk-2021-567/", "beslut/asn-2022-13029/", "beslut/asn-2022-14203/"]
    # No course in the registry: the page says so and names whom to ask, from the agreement.
    courses = text(page.select_one("[data-iop-courses-empty]"))
    assert "Registret har inga kurser inlagda ännu." in courses
    assert "Mammakraft håller kurser enligt avtalet" in courses and "Tatjana Ristovski" in courses


def test_start_page_without_upcoming_courses_says_when_the_last_one_ended(tmp_path: Path) -> None:
    # 1 January 2030: every course of the fixture is over.
    site = build_registry(tmp_path, FIXTURES / "full", epoch=int(dt.datetime(2030, 1, 1, tzinfo=dt.UTC).timestamp()))
    page = soup(site.page(""))
    empty = page.select_one("[data-iop-courses-empty]")
    assert empty is not None and not empty.has_attr("hidden")
    assert re.search(r"Den senaste, .+, slutade \d{1,2} \w+ 20\d\d\.", text(empty)), text(empty)


@pytest.mark.parametrize(
    ("day", "label", "note"),
    [
        # The period's last day still belongs to the period; the next day does not.
        ("2024-12-31", "Pågående, slutar snart", "Slutar 31 december 2024. Tiden för att godkänna en förlängning gick ut 30 juni 2024."),
        ("2025-01-01", "Avslutat", "Avslutades 31 december 2024."),
    ],
)
def test_status_on_the_periods_last_day_and_the_day_after(tmp_path: Path, day: str, label: str, note: str) -> None:
    site = build_registry(tmp_path, MINIMAL, epoch=epoch(day))
    assert facts(soup(site.page("partnerskap/testpartnerskap/")))["Läge"] == f"{label} {note}"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-01-01", "Förlängt Förlängt till 31 december 2026."),
        ("2026-12-31", "Förlängt Förlängt till 31 december 2026."),
        ("2027-01-01", "Avslutat Avslutades 31 december 2026."),
    ],
)
def test_status_on_the_extensions_first_and_last_day_and_the_day_after(tmp_path: Path, day: str, expected: str) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(MINIMAL, registry)
    path = registry / "partnerships/testpartnerskap.yml"
    path.write_text(path.read_text(encoding="utf-8") + "extensions:\n  - until: 2026-12-31\n    decision: tst-2023-1\n", encoding="utf-8")
    site = build_registry(tmp_path / "out", registry, epoch=epoch(day))
    assert facts(soup(site.page("partnerskap/testpartnerskap/")))["Läge"] == expected
