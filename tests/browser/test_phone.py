"""The site on a phone (390 × 844 CSS px): no page wider than the screen, tables whose numbers
are never cut or split, the header's search finding records, and a course page whose first
screen says where the course is and whom to call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .conftest import SiteUnderTest
from .quality import PHONE, reflow_problems, save_artifacts
from .test_quality_gates import phone_page

Paths = tuple[list[str], list[str]]

# Every number in a table cell, with the no-break spaces of an amount ("1 210 000 kr"):
# cut off when the cell or the table reaches past the screen's edge, split when its glyphs
# lie on more than one line.
CUT_NUMBERS_JS = r"""() => {
  const problems = [];
  for (const cell of document.querySelectorAll('article td, article th')) {
    if (!/\d/.test(cell.textContent)) continue;
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const numbers = /\d[\d\u00a0]*(?:\u00a0kr)?/g;
      for (let match; (match = numbers.exec(node.data));) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const lines = new Set(rects.map(r => Math.round(r.top)));
        const text = match[0].replace(/\u00a0/g, ' ');
        if (lines.size > 1) problems.push(`${text} delas på ${lines.size} rader`);
        const clip = cell.closest('.iop-table-wrap') || document.documentElement;
        const edge = Math.min(innerWidth, clip.getBoundingClientRect().right);
        if (rects.some(r => r.right > edge + 0.5 || r.left < -0.5)) problems.push(`${text} skärs av vid kanten`);
      }
    }
  }
  return problems;
}"""


def test_no_page_is_wider_than_a_phone(site: SiteUnderTest, browse_paths: Paths, open_tab: Any) -> None:
    _, every = browse_paths
    with open_tab(site.base_url, PHONE) as tab:
        problems = reflow_problems(tab.page, site.base_url, every, f"phone-{site.name}")
    assert not problems, f"Sidor bredare än en telefon (390 px, {site.name}):\n" + "\n".join(problems)


def test_no_table_cell_cuts_or_splits_a_number(site: SiteUnderTest, browse_paths: Paths, open_tab: Any) -> None:
    kinds, _ = browse_paths
    with_tables = [path for path in kinds if site.files.pages[path].select_one("article table")]
    assert with_tables, f"inga sidor med tabeller i {site.name}"
    problems = []
    with open_tab(site.base_url, PHONE) as tab:
        for path in with_tables:
            tab.page.goto(site.url(path))
            found = tab.page.evaluate(CUT_NUMBERS_JS)
            if found:
                saved = save_artifacts(tab.page, f"numbers-{site.name}-{path.strip('/').replace('/', '-') or 'start'}")
                problems.append(f"/{path}: " + "; ".join(sorted(set(found))[:8]) + f" [sparat: {', '.join(saved)}]")
    assert not problems, f"Tal som skärs av eller delas i tabeller (390 px, {site.name}):\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("mammakraft", "partnerskap/mammakraft/"),
        ("föräldrastöd", "beslut/asn-2022-13029/"),  # in the decision's summary, nowhere in a title
        ("herrgarden", "partnerskap/kraftsamling-herrgarden/"),  # typed without å
        ("Tatjana", "partnerskap/mammakraft/"),  # a contact person's first name
    ],
)
def test_header_search_on_a_phone_links_to_the_record(sites: Callable[[str], SiteUnderTest], open_tab: Any, query: str, path: str) -> None:
    shipped = sites("shipped")
    with open_tab(shipped.base_url, PHONE) as tab:
        page = tab.page
        page.goto(shipped.url("om-registret/"))
        page.click("#iop-header-query")
        page.keyboard.type(query)
        page.wait_for_selector("#iop-header-panel li a")
        links = page.eval_on_selector_all("#iop-header-panel li a", "as => as.map(a => a.href)")
        panel = page.eval_on_selector("#iop-header-panel", "p => { const r = p.getBoundingClientRect(); return [r.left, r.right]; }")
        overflow = page.evaluate("() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
        if shipped.url(path) not in links:
            save_artifacts(page, f"header-search-{path.strip('/').replace('/', '-')}")
    assert shipped.url(path) in links, f"”{query}” gav {links}"
    assert panel[0] >= 0 and panel[1] <= PHONE["width"], f"sökresultaten går utanför skärmen: {panel}"
    assert overflow <= 0


def test_course_page_shows_dates_place_and_phone_on_the_first_phone_screen(full_site: SiteUnderTest, open_tab: Any) -> None:
    path = phone_page(full_site)
    soup = full_site.files.pages[path]
    venue = soup.select_one("#plats ~ p")
    assert venue is not None
    place = venue.get_text(" ", strip=True).split(",")[0]
    first_day = soup.select_one("#traffar ~ .iop-table-wrap tbody time")
    assert first_day is not None
    with open_tab(full_site.base_url, PHONE) as tab:
        page = tab.page
        page.goto(full_site.url(path))
        found = page.evaluate(
            """([place, day]) => {
              const onFirstScreen = el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; };
              const texts = [...document.querySelectorAll('article *')].filter(el => el.children.length === 0);
              return {
                phone: [...document.querySelectorAll('article a[href^="tel:"]')].some(onFirstScreen),
                place: texts.some(el => el.textContent.includes(place) && onFirstScreen(el)),
                day: texts.some(el => el.textContent.includes(day) && onFirstScreen(el)),
              };
            }""",
            [place, " ".join(first_day.get_text(strip=True).split()[1:3])],  # "7 september"
        )
        if not all(found.values()):
            save_artifacts(page, "course-first-screen")
    assert found == {"phone": True, "place": True, "day": True}, f"/{path} första skärmen (844 px): {found}, plats ”{place}”"


# Where each download link of the Öppna data page ends on the page, and where the licence begins.
DOWNLOAD_BOXES_JS = """() => ({
  links: [...document.querySelectorAll('article dl.iop-filelist a')].map(a => a.getBoundingClientRect().bottom + scrollY),
  licence: document.getElementById('licens').getBoundingClientRect().top + scrollY,
})"""


def test_open_data_downloads_are_on_the_first_phone_screen(sites: Callable[[str], SiteUnderTest], open_tab: Any) -> None:
    """Every download link with its size (JSON, CSV, descriptions, calendars, feed) fits the first
    phone screen; the licence and the field descriptions come below."""
    for name in ("shipped", "full"):
        site = sites(name)
        with open_tab(site.base_url, PHONE) as tab:
            tab.page.goto(site.url("oppna-data/"))
            boxes = tab.page.evaluate(DOWNLOAD_BOXES_JS)
        assert boxes["links"], name
        assert max(boxes["links"]) <= PHONE["height"], f"{name}: the last download link ends at y = {max(boxes['links']):.0f}"
        assert boxes["licence"] > max(boxes["links"]), name
