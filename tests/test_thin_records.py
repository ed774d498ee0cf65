"""Truthful partial records: what a real IOP known from a press release can be entered as, and
what its pages then say (case numbers, sources, status from the sources, early termination).

The registry is tests/fixtures/thin (see its README); each test that breaks one thing copies it
into tmp and reads the exact diagnostic, the others build the site once and read its HTML and
JSON with real parsers.
"""

from __future__ import annotations

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
