"""The Öppna data page: every download with its size first, every calendar and feed file reachable.

Read from real built sites with a real HTML parser: the links are followed as a reader (or a
harvester) follows them, from the page to its list pages and the course pages they link.
"""

from __future__ import annotations

import posixpath
from collections import deque

import pytest
from bs4 import BeautifulSoup
from rdflib import Graph
from rdflib import namespace as ns

from iop_registry.render.exports.open_data_page import CALENDAR_LIST, FEEDS_ON_PAGE

from conftest import FIXTURES, BuiltSite, build_registry
from support.generator import benchmark_generator

PAGE = "oppna-data/"
FEED_SUFFIXES = (".ics", ".atom")
# Pages a reader goes through from the page to a feed: its own list pages, the course lists
# and the course pages (each links its own calendar file).
FOLLOWED = (PAGE, "kurser/")


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("full"), FIXTURES / "full")


@pytest.fixture(scope="module")
def many_courses_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A generated registry with more partnerships holding courses than the page lists."""
    root = tmp_path_factory.mktemp("many") / "registry"
    benchmark_generator().generate(root, 150)
    return build_registry(tmp_path_factory.mktemp("many-site"), root)


@pytest.fixture(params=["shipped_site", "full_site", "many_courses_site"])
def site(request: pytest.FixtureRequest) -> BuiltSite:
    built: BuiltSite = request.getfixturevalue(request.param)
    return built


def links(site: BuiltSite, page_path: str, selector: str = "article a[href]") -> list[str]:
    """The site paths an HTML page links to (within the site, fragments dropped)."""
    soup = BeautifulSoup(site.page(page_path), "html.parser")
    found = []
    for anchor in soup.select(selector):
        href = anchor["href"].split("#", 1)[0]
        if not href or "://" in href or href.startswith(("mailto:", "tel:")):
            continue
        target = posixpath.normpath(posixpath.join(page_path, href))
        found.append(target + "/" if href.endswith("/") else target)
    return found


def feeds_on_disk(site: BuiltSite) -> set[str]:
    return {str(p.relative_to(site.site)) for p in site.site.rglob("*") if p.suffix in FEED_SUFFIXES}


def reachable_feeds(site: BuiltSite) -> set[str]:
    seen, queue, feeds = {PAGE}, deque([PAGE]), set()
    while queue:
        page = queue.popleft()
        for target in links(site, page):
            if target.endswith(FEED_SUFFIXES):
                feeds.add(target)
            elif target.endswith("/") and target.startswith(FOLLOWED) and target not in seen:
                seen.add(target)
                queue.append(target)
    return feeds


def test_every_calendar_and_feed_file_is_reachable_from_the_page(site: BuiltSite) -> None:
    on_disk = feeds_on_disk(site)
    assert "andringar.atom" in on_disk and "kalender/kurser.ics" in on_disk
    assert reachable_feeds(site) == on_disk


def test_the_list_of_downloads_gives_every_data_file_with_its_size(site: BuiltSite) -> None:
    soup = BeautifulSoup(site.page(PAGE), "html.parser")
    listed = soup.select_one("article dl.iop-filelist")
    assert listed is not None
    sizes = {}
    for item in listed.select("li"):
        target = posixpath.normpath(posixpath.join(PAGE, item.a["href"]))
        size = item.select_one("[data-bytes]")
        if size is not None:
            sizes[target] = int(size["data-bytes"])
    for path, size in sizes.items():
        assert (site.site / path).stat().st_size == size, path
    data_files = {str(p.relative_to(site.site)) for folder in ("data", "datasets") for p in (site.site / folder).rglob("*") if p.is_file()}
    assert data_files <= set(sizes)
    assert "data/datapackage.json" in sizes


def test_the_page_stays_bounded_however_many_courses(many_courses_site: BuiltSite) -> None:
    on_page = [t for t in links(many_courses_site, PAGE) if t.endswith(".ics")]
    per_partnership = [p for p in feeds_on_disk(many_courses_site) if p.startswith("kalender/") and p != "kalender/kurser.ics"]
    assert len(per_partnership) > FEEDS_ON_PAGE
    assert len(on_page) == 1 + FEEDS_ON_PAGE  # every course's calendar, then the first partnerships'
    assert CALENDAR_LIST in links(many_courses_site, PAGE)
    listed = [t for t in links(many_courses_site, CALENDAR_LIST) if t.endswith(".ics")]
    assert sorted(listed) == sorted(per_partnership)
    text = BeautifulSoup(many_courses_site.page(PAGE), "html.parser").select_one("article").get_text(" ")
    assert "egen kalenderfil" in text and "Kurser" in text  # says where each course's own file is


def test_the_downloads_come_before_the_licence(shipped_site: BuiltSite) -> None:
    article = BeautifulSoup(shipped_site.page(PAGE), "html.parser").select_one("article")
    headings = [h["id"] for h in article.select("h2[id]")]
    assert headings.index("licens") < headings.index("json")
    first_link = article.select_one("a[href]")
    assert first_link is not None and first_link.find_parent("dl", id="ladda-ner") is not None
    assert article.select_one("dl#ladda-ner").find_next("h2")["id"] == "licens"


def test_the_catalogue_stays_bounded_however_many_partnership_calendars(many_courses_site: BuiltSite) -> None:
    """The DCAT catalogue lists the per-partnership calendars as one distribution, found
    through the calendar list pages, however many partnerships hold courses."""
    site_url = "https://iop-registret.malmo.se/"
    catalogue = Graph().parse(data=(many_courses_site.site / "datasets/dcat").read_bytes(), format="xml")
    downloads = {str(o).removeprefix(site_url) for o in catalogue.objects(None, ns.DCAT.downloadURL)}
    per_partnership = [p for p in feeds_on_disk(many_courses_site) if p.startswith("kalender/") and p != "kalender/kurser.ics"]
    assert len(per_partnership) > FEEDS_ON_PAGE
    assert "kalender/kurser.ics" in downloads and not downloads & set(per_partnership)
    together = [d for d in catalogue.subjects(ns.RDF.type, ns.DCAT.Distribution) if catalogue.value(d, ns.DCAT.downloadURL) is None]
    assert len(together) == 1
    assert str(catalogue.value(together[0], ns.DCAT.accessURL)) == site_url + CALENDAR_LIST
