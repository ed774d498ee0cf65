"""Truthful partial records: what a real IOP known from a press release can be entered as, and
what its pages then say (case numbers, sources, status from the sources, early termination).

The registry is tests/fixtures/thin (see its README); each test that breaks one thing copies it
into tmp and reads the exact diagnostic, the others build the site once and read its HTML and
JSON with real parsers.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from iop_registry.diagnostics import Diagnostic, Report
from iop_registry.validate import validate_path

from conftest import FIXTURES, BuiltSite, build_registry

THIN = FIXTURES / "thin"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(THIN, root)
    return root


@pytest.fixture(scope="module")
def thin_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("thin"), THIN)


def diagnostics(root: Path) -> list[Diagnostic]:
    report = Report(root)
    validate_path(root, report)
    return report.items


def replace(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only(items: list[Diagnostic]) -> Diagnostic:
    assert len(items) == 1, "\n".join(d.as_text() for d in items)
    return items[0]


def soup(site: BuiltSite, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(path), "html.parser")


def fact(page: BeautifulSoup, term: str) -> str:
    """The text of the I korthet entry `term`."""
    facts = page.find("section", class_="iop-facts")
    assert isinstance(facts, Tag)
    for dt in facts.find_all("dt"):
        if dt.get_text(strip=True) == term:
            dd = dt.find_next_sibling("dd")
            assert isinstance(dd, Tag)
            return " ".join(dd.get_text(" ").split())
    raise AssertionError(f"ingen uppgift {term}")


# --- Case numbers -------------------------------------------------------------------------------


def test_thin_fixture_is_valid(registry: Path) -> None:
    assert [d.as_text() for d in diagnostics(registry)] == []


@pytest.mark.parametrize("number", ["ASN-2022-13029", "KSN-2016-1422", "SN-2017/272", "KS/2016:7", "ALN-2017-0413.15", "KS 2019/123"])
def test_case_numbers_in_the_forms_municipalities_use_are_accepted(registry: Path, number: str) -> None:
    replace(registry, "partnerships/protokoll.yml", "  - ALN-2017-0413.15", f'  - "{number}"')
    assert [d.as_text() for d in diagnostics(registry)] == []


def test_dnr_before_a_case_number_is_refused_with_the_number_alone_as_hint(registry: Path) -> None:
    replace(registry, "partnerships/protokoll.yml", "  - ALN-2017-0413.15", "  - Dnr KS/2016:7")
    d = only(diagnostics(registry))
    assert (d.file, d.line, d.column, d.code) == ("partnerships/protokoll.yml", 4, 5, "bad-value")
    assert d.message.startswith("case_numbers[1]: hittade 'Dnr KS/2016:7', förväntade ett diarienummer")
    assert d.hint == "Skriv bara numret, utan 'Dnr': KS/2016:7."


def test_lower_case_series_is_refused_with_the_upper_case_form(registry: Path) -> None:
    replace(registry, "decisions/ks-2016-7.yml", "case_number: KS/2016:7", "case_number: ks/2016:7")
    d = only(diagnostics(registry))
    assert (d.line, d.code, d.hint) == (1, "bad-value", "Skriv serien med versaler som i dokumentet: KS/2016:7.")


def test_partnership_without_case_number_says_so(thin_site: BuiltSite) -> None:
    page = soup(thin_site, "partnerskap/pressmeddelande/")
    assert fact(page, "Diarienummer") == "Uppgift saknas"


def test_partnership_case_numbers_are_shown_as_written(thin_site: BuiltSite) -> None:
    page = soup(thin_site, "partnerskap/protokoll/")
    assert fact(page, "Diarienummer") == "KS/2016:7, ALN-2017-0413.15"


def test_decision_without_case_number_is_named_by_its_title(thin_site: BuiltSite) -> None:
    page = soup(thin_site, "beslut/utan-diarienummer/")
    h1 = page.find("h1")
    assert isinstance(h1, Tag) and h1.get_text(strip=True) == "Beslut utan publicerat diarienummer"
    listing = soup(thin_site, "beslut-och-bidrag/")
    titles = [a.get_text(strip=True) for a in listing.select(".iop-card__title a")]
    assert "Beslut utan publicerat diarienummer" in titles
    assert "KS/2016:7: Idéburet offentligt partnerskap med Exempelbanken" in titles


# --- Required fields: only what every real IOP has --------------------------------------------


def test_a_partnership_known_from_a_press_release_needs_no_summary_budget_or_case_number(registry: Path) -> None:
    text = (registry / "partnerships/pressmeddelande.yml").read_text(encoding="utf-8")
    assert "summary" not in text and "case_numbers" not in text and "budget" not in text
    assert [d.as_text() for d in diagnostics(registry)] == []


def test_a_partnership_without_sources_is_an_error_that_says_what_to_add(registry: Path) -> None:
    path = registry / "partnerships/pressmeddelande.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("sources:")] + "sources: []\n", encoding="utf-8")
    d = only(diagnostics(registry))
    assert (d.code, d.path, d.is_error) == ("no-sources", "sources", True)
    assert "pressmeddelande" in d.hint and "kind: press_release" in d.hint


def test_a_missing_sources_field_is_a_missing_field(registry: Path) -> None:
    path = registry / "partnerships/pressmeddelande.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("sources:")], encoding="utf-8")
    d = only(diagnostics(registry))
    assert (d.code, d.path, d.line) == ("missing-field", "sources", 1)


@pytest.mark.parametrize(("role", "code"), [("public", "no-public-party"), ("idea_driven", "no-idea-driven-party")])
def test_a_public_and_an_idea_driven_party_are_required(registry: Path, role: str, code: str) -> None:
    replace(registry, "partnerships/pressmeddelande.yml", f"    role: {role}", "    role: academic")
    found = [d for d in diagnostics(registry) if d.code == code]
    d = only(found)
    assert (d.path, d.line, d.is_error) == ("parties", 3, False)


# --- Where each fact comes from -----------------------------------------------------------------


def sources_of(page: BeautifulSoup) -> list[str]:
    heading = page.find("h2", id="kallor")
    assert isinstance(heading, Tag), "ingen rubrik Källor"
    items = heading.find_next("ul", class_="iop-sources")
    assert isinstance(items, Tag)
    return [" ".join(li.get_text().split()) for li in items.find_all("li")]


def test_sources_are_listed_with_kind_date_link_and_what_they_show(thin_site: BuiltSite) -> None:
    page = soup(thin_site, "partnerskap/pressmeddelande/")
    assert sources_of(page) == [
        (
            "Pressmeddelande: Socialnämnden och Exempeljouren tecknar idéburet offentligt partnerskap, januari 2018. "
            "Visar att avtalet är undertecknat"
        )
    ]
    link = page.select_one(".iop-sources a")
    assert link is not None and link["href"] == "https://example.org/press/exempeljouren"


def test_a_record_known_only_from_press_releases_says_so(thin_site: BuiltSite) -> None:
    notice = soup(thin_site, "partnerskap/pressmeddelande/").select_one("p.iop-notice")
    assert notice is not None
    assert " ".join(notice.get_text().split()) == (
        "Alla källor är pressmeddelande: registret har inte avtalet eller ärendets handlingar."
    )
    assert soup(thin_site, "partnerskap/protokoll/").select_one("p.iop-notice") is None


def test_sources_are_in_the_json_as_recorded(thin_site: BuiltSite) -> None:
    records = {r["id"]: r for r in json.loads(thin_site.read("data/partnerskap.json"))["records"]}
    assert records["pressmeddelande"]["recorded"]["sources"] == [
        {
            "kind": "press_release",
            "title": "Socialnämnden och Exempeljouren tecknar idéburet offentligt partnerskap",
            "date": "2018-01",
            "url": "https://example.org/press/exempeljouren",
            "shows": ["signed"],
            "note": None,
        }
    ]


def test_shipped_sources_keep_the_documents_they_were(shipped_site: BuiltSite) -> None:
    page = BeautifulSoup(shipped_site.page("partnerskap/mammakraft/"), "html.parser")
    assert sources_of(page) == [
        (
            "Avtal: Idéburet offentligt partnerskap Mammakraft (överenskommelse, 1 januari 2023 – 31 december 2024). "
            "Underskrifterna är daterade ”Malmö 2022 --” utan dag och månad."
        ),
        (
            "Beslutsunderlag (tjänsteskrivelse): Tjänsteskrivelse, Förslag till idéburet offentligt partnerskap mellan "
            "arbetsmarknads- och socialnämnden och föreningen Internationella Kvinnoföreningen i Malmö avseende "
            "verksamheten Mammakraft (ASN-2022-13029), 1 december 2022. Visar att avtalet föreslås"
        ),
    ]
    decision = BeautifulSoup(shipped_site.page("beslut/stk-2021-567/"), "html.parser")
    assert [s.split(":")[0] for s in sources_of(decision)] == ["Beslutsunderlag (tjänsteskrivelse)", "Annat dokument"]


def test_om_registret_no_longer_says_everything_comes_from_case_documents(shipped_site: BuiltSite) -> None:
    text = " ".join(BeautifulSoup(shipped_site.page("om-registret/"), "html.parser").get_text(" ").split())
    assert "Varje uppgift kommer från stadens ärendehandlingar" not in text
    assert "pressmeddelanden, nyhetsartiklar och webbsidor" in text
