"""Truthful partial records: what a real IOP known from a press release can be entered as, and
what its pages then say (case numbers, sources, status from the sources, early termination).

The registry is tests/fixtures/thin (see its README); each test that breaks one thing copies it
into tmp and reads the exact diagnostic, the others build the site once and read its HTML and
JSON with real parsers.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from iop_registry.derive import PartnershipStatus, PartnershipView, StandingBasis
from iop_registry.derive.provenance import silent_sources, sources_named
from iop_registry.diagnostics import Report
from iop_registry.model.common import Source, SourceKind
from iop_registry.render.text import STATUS_LABELS, standing_text
from iop_registry.validate import validate_path

from conftest import FIXTURES, BuiltSite, build_registry
from support.agreement_wording import agreement_claims, partnerships_without_agreement
from support.html import page_soup as soup
from support.validation import diagnostics, only, replace

THIN = FIXTURES / "thin"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(THIN, root)
    return root


@pytest.fixture(scope="module")
def thin_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("thin"), THIN)


def fact(page: BeautifulSoup, term: str) -> str:
    """The text of the I korthet entry `term`."""
    facts = page.find("section", class_="iop-facts")
    assert isinstance(facts, Tag)
    for name in facts.find_all("dt"):
        if name.get_text(strip=True) == term:
            dd = name.find_next_sibling("dd")
            assert isinstance(dd, Tag)
            # Spaces between elements, none before punctuation that follows a link.
            return re.sub(r" ([.,;:])", r"\1", " ".join(dd.get_text(" ").split()))
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


@pytest.mark.parametrize(
    ("role", "code", "label", "who"),
    [
        ("public", "no-public-party", "offentlig part", "nämnden, förvaltningen, kommunen eller regionen"),
        ("idea_driven", "no-idea-driven-party", "idéburen part", "föreningen, stiftelsen"),
    ],
)
def test_a_public_and_an_idea_driven_party_are_required(registry: Path, role: str, code: str, label: str, who: str) -> None:
    replace(registry, "partnerships/pressmeddelande.yml", f"    role: {role}", "    role: academic")
    found = [d for d in diagnostics(registry) if d.code == code]
    d = only(found)
    assert (d.file, d.path, d.line, d.column, d.is_error) == ("partnerships/pressmeddelande.yml", "parties", 3, 3, True)
    other = "idea_driven" if role == "public" else "public"
    assert d.message == f"parties: hittade 2 parter med rollerna academic, {other}, förväntade minst en part med role: {role} ({label})."
    assert d.hint.startswith(f"Lägg till en rad under parties med organisation och role: {role}. Organisation: Id för {who}")
    assert "registry/organisations/" in d.hint


def test_a_partnership_without_parties_is_told_both_roles(registry: Path) -> None:
    path = registry / "partnerships/pressmeddelande.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("parties:\n"), text.index("period:")
    path.write_text(text[:start] + "parties: []\n" + text[end:], encoding="utf-8")
    found = [d for d in diagnostics(registry) if d.is_error]
    assert sorted((d.code, d.path, d.message.split(",")[0]) for d in found) == [
        ("no-idea-driven-party", "parties", "parties: hittade inga parter"),
        ("no-public-party", "parties", "parties: hittade inga parter"),
    ]


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
        "Uppgifterna kommer från pressmeddelandet: registret har inte avtalet eller ärendets handlingar."
    )
    assert soup(thin_site, "partnerskap/protokoll/").select_one("p.iop-notice") is None


def test_missing_sections_name_the_one_source_the_record_has(thin_site: BuiltSite) -> None:
    gaps = soup(thin_site, "partnerskap/pressmeddelande/").select_one("p.iop-gaps")
    assert gaps is not None
    assert " ".join(gaps.get_text().split()).endswith(": pressmeddelandet säger inget om det.")


def test_several_sources_are_named_by_kind_in_the_definite_form() -> None:
    registry = validate_path(FIXTURES / "thin", Report(FIXTURES))
    kinds = [SourceKind.PRESS_RELEASE, SourceKind.NEWS_ARTICLE, SourceKind.NEWS_ARTICLE]
    record = dataclasses.replace(
        registry.partnerships["pressmeddelande"].record, sources=[Source(kind=kind, title="Källa") for kind in kinds]
    )
    assert sources_named(record) == "pressmeddelandet och nyhetsartiklarna"
    assert silent_sources(record) == "källorna som registret bygger på"


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
    # The status is derived from the sources, not only from a decision record.
    assert "tills ett fattat beslut om avtalet finns i registret" not in text
    assert all(label in text for label in (STATUS_LABELS[PartnershipStatus.PROPOSED], STATUS_LABELS[PartnershipStatus.UNKNOWN]))


# --- Status from what the sources show ------------------------------------------------------------


@pytest.mark.parametrize(
    ("partnership", "status", "based_on"),
    [
        (
            "pressmeddelande", "Avslutat",
            (
                "Pressmeddelande ”Socialnämnden och Exempeljouren tecknar idéburet offentligt partnerskap”, januari 2018, "
                "som säger att avtalet är undertecknat."
            ),
        ),
        ("protokoll", "Pågående", "Beslutet KS/2016:7, fattat 30 november 2022."),
        (
            "forslag", "Förslag",
            (
                "Beslutsunderlag (tjänsteskrivelse) ”Förslag till idéburet offentligt partnerskap med Exempeljouren”, "
                "2 november 2022, som föreslår avtalet. Ingen källa i registret säger att det är beslutat."
            ),
        ),
        ("okant", "Beslut okänt", "Ingen källa i registret säger att avtalet är beslutat, undertecknat eller föreslaget."),
    ],
)
def test_status_is_derived_from_what_the_sources_show_and_says_on_what(
    thin_site: BuiltSite, partnership: str, status: str, based_on: str
) -> None:
    page = soup(thin_site, f"partnerskap/{partnership}/")
    badge = page.select_one(".iop-facts .iop-status")
    assert badge is not None and badge.get_text(strip=True) == status
    assert fact(page, "Läget bygger på") == based_on


def test_a_signed_press_release_is_never_shown_as_a_proposal(thin_site: BuiltSite) -> None:
    text = soup(thin_site, "partnerskap/pressmeddelande/").get_text(" ")
    assert "Förslag" not in text and "Beslut om avtalet finns inte i registret" not in text


def test_status_and_its_basis_are_in_the_json(thin_site: BuiltSite) -> None:
    records = {r["id"]: r for r in json.loads(thin_site.read("data/partnerskap.json"))["records"]}
    assert {pid: (r["derived"]["status"]["code"], r["derived"]["status"]["basis"], r["derived"]["approved"]) for pid, r in records.items()} == {
        "pressmeddelande": ("ended", "source", True),
        "protokoll": ("active", "decision", True),
        "forslag": ("proposed", "proposal", False),
        "okant": ("unknown", "nothing", False),
        "avslutat-i-fortid": ("ended", "source", True),
        "efterfoljare": ("active", "source", True),
        "foraldrakurser": ("ended", "source", True),
    }


def test_a_dated_signature_makes_the_agreement_signed(registry: Path) -> None:
    path = registry / "partnerships/okant.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "signatories:\n  - name: Testa Testsson\n    organisation: fritidsbanken\n    date: 2021-12-20\n",
        encoding="utf-8",
    )
    report = Report(registry)
    loaded = validate_path(registry, report)
    view = PartnershipView(loaded.partnerships["okant"], loaded, dt.date(2023, 6, 15))
    assert not report.has_errors
    assert (view.standing.basis, view.status.code) == (StandingBasis.SIGNATURE, PartnershipStatus.ACTIVE)
    assert standing_text(view.standing) == "Underskriften i avtalet, daterad 20 december 2021."


def test_shipped_mammakraft_stays_a_proposal_and_says_why(shipped_site: BuiltSite) -> None:
    page = BeautifulSoup(shipped_site.page("partnerskap/mammakraft/"), "html.parser")
    assert fact(page, "Läge") == "Förslag Beslut om avtalet finns inte i registret."
    assert fact(page, "Läget bygger på") == (
        "Beslutsärendet ASN-2022-13029, som föreslår avtalet. Ingen källa i registret säger att det är beslutat."
    )


# --- Early termination and the agreements before and after ----------------------------------------


def test_an_early_end_ends_the_status_and_says_by_whom_and_why(thin_site: BuiltSite) -> None:
    page = soup(thin_site, "partnerskap/avslutat-i-fortid/")
    assert fact(page, "Läge") == "Avslutat Avslutades i förtid av Exempeljouren: gäller inte från och med 1 januari 2023."
    assert fact(page, "Avslutat i förtid") == (
        "Gäller inte från och med 1 januari 2023; avslutat av Exempeljouren. "
        "Skäl: Föreningen sade upp avtalet för att verksamheten skulle drivas i egen regi."
    )


def test_an_early_end_ends_the_money_per_year_on_the_page(thin_site: BuiltSite) -> None:
    page = soup(thin_site, "partnerskap/avslutat-i-fortid/")
    assert fact(page, "Offentliga medel per år") == "2021: 100 000 kr 2022: 100 000 kr"


def test_an_early_end_ends_the_period_in_json_and_csv(thin_site: BuiltSite) -> None:
    records = {r["id"]: r for r in json.loads(thin_site.read("data/partnerskap.json"))["records"]}
    derived = records["avslutat-i-fortid"]["derived"]
    assert derived["last_day"] == "2022-12-31"
    assert derived["public_funds_by_year"] == [{"year": 2021, "amount": 100000}, {"year": 2022, "amount": 100000}]
    assert records["avslutat-i-fortid"]["recorded"]["ended_early"]["on"] == "2023-01-01"
    with (thin_site.site / "data" / "partnerskap.csv").open(encoding="utf-8-sig", newline="") as file:
        (row,) = [r for r in csv.DictReader(file, delimiter=";") if r["id"] == "avslutat-i-fortid"]
    assert row["last_day"] == "2022-12-31"


def test_predecessor_and_successor_link_to_each_other(thin_site: BuiltSite) -> None:
    before = soup(thin_site, "partnerskap/avslutat-i-fortid/")
    after = soup(thin_site, "partnerskap/efterfoljare/")
    assert fact(before, "Följs av") == "Efterföljande partnerskap"
    assert fact(after, "Tidigare avtal") == "Avslutat i förtid"
    link = after.find("dt", string="Tidigare avtal")
    assert link is not None
    anchor = link.find_next_sibling("dd").find("a")  # type: ignore[union-attr]
    assert anchor is not None and anchor["href"].rstrip("/").endswith("avslutat-i-fortid")


def test_an_early_end_outside_the_period_is_a_warning(registry: Path) -> None:
    replace(registry, "partnerships/avslutat-i-fortid.yml", "  on: 2023-01-01", "  on: 2026-01-01")
    d = only(diagnostics(registry))
    assert (d.code, d.path, d.is_error) == ("ended-early-outside-period", "ended_early.on", False)


def test_an_agreement_cannot_follow_itself(registry: Path) -> None:
    replace(registry, "partnerships/efterfoljare.yml", "follows: avslutat-i-fortid", "follows: efterfoljare")
    d = only(diagnostics(registry))
    assert (d.code, d.path, d.line) == ("follows-itself", "follows", 2)


def test_named_people_are_shown_with_role_and_an_elected_politicians_party(thin_site: BuiltSite) -> None:
    page = soup(thin_site, "partnerskap/efterfoljare/")
    heading = page.find("h3", id="personer")
    assert isinstance(heading, Tag)
    items = heading.find_next("ul")
    assert isinstance(items, Tag)
    assert [" ".join(li.get_text().split()) for li in items.find_all("li")] == [
        "Anna Exempelsson, Socialnämndens ordförande (Exempelpartiet), Socialnämnden",
        "Berit Testsson, Verksamhetschef, Exempeljouren",
    ]


# --- Missing facts worded for the source the record has -------------------------------------------


def test_no_page_names_an_agreement_that_the_registry_does_not_hold(thin_site: BuiltSite) -> None:
    assert partnerships_without_agreement(thin_site.site) >= {"foraldrakurser", "pressmeddelande", "okant"}
    assert agreement_claims(thin_site.site) == {}


def test_missing_contacts_and_extension_day_name_the_web_page_the_record_has(thin_site: BuiltSite) -> None:
    courses = re.sub(r" ([.,;:])", r"\1", " ".join(soup(thin_site, "kurser/").get_text(" ").split()))
    assert "Uppgift saknas: webbsidan anger ingen kontaktperson." in courses
    # The period is over: the notice does not point at contacts that the web page does not give.
    assert "Avtalsperioden är slut." in courses and "Personerna nedan" not in courses
    cells = soup(thin_site, "ekonomi/").select('tr[data-row="foraldrakurser"] td[data-label="Förlängning godkänns senast"]')
    assert [cell.get_text(strip=True) for cell in cells] == ["Webbsidan anger ingen dag"]
    page = " ".join(soup(thin_site, "partnerskap/foraldrakurser/").get_text(" ").split())
    assert "Partnerskapet håller kurser enligt webbsidan." in page


def test_courses_held_by_a_web_page_partnership_name_the_web_page_on_the_start_page(registry: Path, tmp_path: Path) -> None:
    replace(registry, "partnerships/foraldrakurser.yml", "    role: idea_driven\n", "    role: idea_driven\n    contact:\n      name: Kim Exempelsson\n")
    site = build_registry(tmp_path, registry)
    start = " ".join(soup(site, "").get_text(" ").split())
    assert "Kurser för föräldrar håller kurser enligt webbsidan." in start and "enligt avtalet" not in start
    courses = " ".join(soup(site, "kurser/").get_text(" ").split())
    assert "Personerna nedan är kontakterna som webbsidan anger" in courses and "Kim Exempelsson" in courses


def test_the_editors_schema_also_asks_for_a_public_and_an_idea_driven_party() -> None:
    """VS Code underlines the same parties list that validate refuses (schemas/partnership.schema.json)."""
    import jsonschema

    from iop_registry.schema import record_schema

    parties = jsonschema.Draft202012Validator(record_schema("partnership")["properties"]["parties"])
    public = {"organisation": "socialnamnden", "role": "public"}
    idea_driven = {"organisation": "kvinnojouren", "role": "idea_driven"}
    assert parties.is_valid([idea_driven, public])
    assert not parties.is_valid([idea_driven]) and not parties.is_valid([public, {**public, "role": "academic"}])
    assert not parties.is_valid([])


def test_the_party_a_source_says_coordinates_is_shown_on_the_page_and_in_the_csv(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(FIXTURES / "thin", root)
    replace(root, "partnerships/pressmeddelande.yml", "period:\n", "coordinator: socialnamnden\nperiod:\n")
    site = build_registry(tmp_path / "site", root)
    page_text = " ".join(soup(site, "partnerskap/pressmeddelande/").get_text().split())
    assert "(offentlig part, samordnar partnerskapet)" in page_text
    assert "(idéburen part)" in page_text
    with (site.site / "data" / "partnerskap.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = {r["id"]: r for r in csv.DictReader(file, delimiter=";")}
    assert rows["pressmeddelande"]["coordinator"] == "socialnamnden"
    assert rows["protokoll"]["coordinator"] == ""


def test_a_coordinator_that_is_not_a_party_is_warned_about(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(FIXTURES / "thin", root)
    replace(root, "partnerships/pressmeddelande.yml", "period:\n", "coordinator: kommunstyrelsen\nperiod:\n")
    organisations = sorted(path.stem for path in (root / "organisations").glob("*.yml"))
    other = next(o for o in organisations if o not in {"socialnamnden", "kvinnojouren"})
    replace(root, "partnerships/pressmeddelande.yml", "coordinator: kommunstyrelsen", f"coordinator: {other}")
    problem = only([d for d in diagnostics(root) if d.code == "coordinator-not-a-party"])
    assert not problem.is_error and problem.file.endswith("partnerships/pressmeddelande.yml") and problem.line == 7
    assert f"hittade {other}" in problem.as_text() and " Tips: " in problem.as_text()
