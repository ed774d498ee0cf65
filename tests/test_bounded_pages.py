"""Every page is bounded: long lists continue on numbered pages (render/listing.py).

A real site with a few hundred records on one organisation shows how the pages split: page 2
lists the next items, every item is on exactly one page, and the pager works without
JavaScript. A registry of 20,000 records on that one organisation, rendered by the same
renderers, shows that no page grows with the registry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from iop_registry.derive import Derived
from iop_registry.diagnostics import Report
from iop_registry.render.environment import Page
from iop_registry.render.listing import PER_PAGE
from iop_registry.render.site import build_outputs, expand_snippets
from iop_registry.validate import validate_path

from conftest import ROOT, BuiltSite, build_registry, shipped_publisher
from support.html import page_soup as soup
from support.one_organisation import ASSOCIATION, BOARD, DECISION, write_registry

# What the theme (header, navigation, footer, scripts) adds to a page's body; the real build
# below checks the figure.
THEME_SHARE = 40_000
PAGE_LIMIT = 1_000_000
PAGE_TARGET = 200_000
PARTNERSHIPS, GRANTS = 230, 150


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = write_registry(tmp_path_factory.mktemp("registry") / "registry", partnerships=PARTNERSHIPS, grants=GRANTS)
    return build_registry(tmp_path_factory.mktemp("site"), root)


def rendered(root: Path) -> list[Page]:
    """The pages the build makes, rendered in this process (no theme), for 15 June 2023 as the
    build: the generated ones, and the site's own pages with their registry data filled in."""
    report = Report(root.parent)
    registry = validate_path(root, report)
    assert report.errors == [], [d.as_text() for d in report.errors]
    outputs, renderer = build_outputs(Derived.build(registry, dt.date(2023, 6, 15)), shipped_publisher())
    own = []
    for source in sorted((ROOT / "site_src").rglob("*.md")):
        uri = source.relative_to(ROOT / "site_src").as_posix()
        path = uri.removesuffix("index.md") if uri.endswith("index.md") else uri.removesuffix(".md") + "/"
        own.append(Page(path, path, expand_snippets(source.read_text(encoding="utf-8"), renderer, path)))
    return outputs.pages + own


def links_in(page: BeautifulSoup, section: str, kind_folder: str) -> list[str]:
    """The record ids that the list under heading `section` links to, in order."""
    heading = page.find("h2", id=section)
    if heading is None:
        return []
    listing = heading.find_next_sibling("ul")
    assert listing is not None, section
    return [a["href"].rstrip("/").split("/")[-1] for a in listing.select(f'a[href*="{kind_folder}/"]')]


def record_pages(site: BuiltSite, base: str) -> list[BeautifulSoup]:
    """Page 1 of a record and every numbered page after it, until one does not exist."""
    pages = [soup(site, base)]
    while (site.site / base / f"sida-{len(pages) + 1}" / "index.html").exists():
        pages.append(soup(site, f"{base}sida-{len(pages) + 1}/"))
    return pages


def test_page_two_of_an_organisation_lists_the_next_items(site: BuiltSite) -> None:
    registry = validate_path(site.project / "registry", Report(site.project))
    order = [v.id for v in Derived.build(registry, dt.date(2023, 6, 15)).partnerships_by_organisation[ASSOCIATION]]
    pages = record_pages(site, f"organisationer/{ASSOCIATION}/")
    assert len(pages) == 3  # 230 partnerships, 100 a page
    first, second, third = (links_in(p, "partnerskap", "partnerskap") for p in pages)
    assert first == order[:PER_PAGE] and second == order[PER_PAGE : 2 * PER_PAGE] and third == order[2 * PER_PAGE :]
    heading = pages[1].find("h2", id="partnerskap")
    assert heading is not None and " ".join(heading.get_text().split()) == "Partnerskap (101–200 av 230)"
    # Page 2 continues the lists; the facts stay on page 1, which it links back to.
    assert pages[1].select_one("dl.iop-facts__list") is None and pages[0].select_one("dl.iop-facts__list") is not None
    assert pages[1].select_one('.iop-lead a[href="../"]') is not None
    assert pages[1].title is not None and pages[1].title.get_text().startswith("Stora föreningen, sida 2")


def test_every_item_is_on_exactly_one_page(site: BuiltSite) -> None:
    partnerships = {f"partnerskap-{i:05d}" for i in range(PARTNERSHIPS)}
    grants = {f"bidrag-{i:05d}" for i in range(GRANTS)}
    expected = {
        f"organisationer/{ASSOCIATION}/": {("partnerskap", "partnerskap"): partnerships, ("bidrag", "bidrag"): grants},
        f"organisationer/{BOARD}/": {("partnerskap", "partnerskap"): partnerships, ("beviljade", "bidrag"): grants},
        f"beslut/{DECISION}/": {("galler", "partnerskap"): partnerships, ("galler", "bidrag"): grants},
        "partnerskap/partnerskap-00000/": {("bidrag", "bidrag"): grants},
    }
    page_counts = {f"organisationer/{ASSOCIATION}/": 3, f"organisationer/{BOARD}/": 3, f"beslut/{DECISION}/": 4, "partnerskap/partnerskap-00000/": 2}
    for base, lists in expected.items():
        pages = record_pages(site, base)
        assert len(pages) == page_counts[base], base
        for (section, folder), ids in lists.items():
            shown = [i for page in pages for i in links_in(page, section, folder)]
            assert sorted(shown) == sorted(ids), (base, section)  # each once, none missing
    # The listings split the same way: Partnerskap, one board's and one status's partnerships.
    for base in ("partnerskap/", f"partnerskap/namnd/{BOARD}/"):
        pages = record_pages(site, base)
        shown = [a["href"].rstrip("/").split("/")[-1] for page in pages for a in page.select("tbody th a")]
        assert len(pages) == 3 and sorted(shown) == sorted(partnerships), base


def test_the_pager_is_plain_links_with_rel_and_aria_current(site: BuiltSite) -> None:
    second = soup(site, f"organisationer/{ASSOCIATION}/sida-2/")
    pager = second.select_one("nav.iop-pager")
    assert pager is not None and pager["aria-label"] == "Sidor om Stora föreningen"
    assert " ".join(pager.select_one(".iop-pager__where").get_text().split()) == "Sida 2 av 3"  # type: ignore[union-attr]
    assert pager.select_one('a[rel="prev"]')["href"] == "../"  # type: ignore[index]
    assert pager.select_one('a[rel="next"]')["href"] == "../sida-3/"  # type: ignore[index]
    current = pager.select('a[aria-current="page"]')
    assert [(a.get_text(), a["aria-label"], a["href"]) for a in current] == [("2", "Sida 2", "./")]
    assert [a.get_text() for a in pager.select("a:not([rel])")] == ["1", "2", "3"]
    # The first page has no "previous", the last no "next"; a list of one page has no pager.
    assert soup(site, f"organisationer/{ASSOCIATION}/").select_one('nav.iop-pager a[rel="prev"]') is None
    assert soup(site, f"organisationer/{ASSOCIATION}/sida-3/").select_one('nav.iop-pager a[rel="next"]') is None
    assert soup(site, "organisationer/kommunen/").select_one("nav.iop-pager") is None


def test_the_theme_adds_less_than_its_share(site: BuiltSite) -> None:
    """THEME_SHARE, which the 20,000-record test adds to each body, covers what the theme adds."""
    for page in rendered(site.project / "registry"):
        if page.path == "" or page.path.startswith(("organisationer/", "beslut/", "partnerskap/sida-2/", "partnerskap/partnerskap-00000/")):
            built = len(site.page(page.path).encode())
            assert built - len(page.body.encode()) < THEME_SHARE, page.path


def test_no_page_grows_with_20000_records_on_one_organisation(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "registry", partnerships=2_000, grants=18_000)
    pages = rendered(root)
    sizes = sorted(((len(p.body.encode()) + THEME_SHARE, p.path) for p in pages), reverse=True)
    print("\nlargest pages at 20,000 records on one organisation (body + theme share):")
    for size, path in sizes[:5]:
        print(f"  {size / 1000:7.1f} KB  /{path}")
    largest, path = sizes[0]
    assert largest < PAGE_LIMIT, path
    assert largest < PAGE_TARGET, path
    # The lists really are there, split: 180 pages of grants, 200 of what the decision concerns.
    paths = {p.path for p in pages}
    assert {f"organisationer/{ASSOCIATION}/sida-180/", "partnerskap/partnerskap-00000/sida-180/"} <= paths
    assert f"beslut/{DECISION}/sida-200/" in paths
