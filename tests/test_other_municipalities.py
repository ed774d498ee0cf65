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
    for record, title in ENTERED.items():
        h1 = BeautifulSoup(site.page(f"partnerskap/{record}/"), "html.parser").find("h1")
        assert isinstance(h1, Tag) and h1.get_text(strip=True) == title, record


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
    assert set(ENTERED) <= ids
    rows = csv_rows(site, "partnerskap.csv")
    assert {row["id"] for row in rows} >= set(ENTERED)


def test_no_page_says_the_agreement_gives_what_only_a_press_release_or_web_page_gave(site: BuiltSite) -> None:
    # The sheet gives no agreement text for these IOPs: a missing fact names the source they have.
    assert partnerships_without_agreement(site.site) >= set(ENTERED)
    assert agreement_claims(site.site) == {}
