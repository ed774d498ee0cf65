"""The site in a real browser: WCAG 2.1 AA (axe-core), valid HTML (Nu Html Checker), no
request to another host, no broken link, keyboard access, and reflow at 320 px.

Each test runs against the shipped registry and against tests/fixtures/full, which has every
kind of page (partnerships active and proposed, decisions, grants, example courses).
test_quality_faults.py proves that each check fails when its fault is injected.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import SiteUnderTest
from .quality import (
    DESKTOP,
    PHONE,
    REFLOW,
    REFLOW_SCALE,
    axe_problems,
    axe_violations,
    broken_links,
    describe_violations,
    has_visible_outline,
    invisible_tab_stops,
    link_path,
    reflow_problems,
    save_artifacts,
    settle,
    tab_until,
    visit,
)

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
Paths = tuple[list[str], list[str]]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_kind_of_page_has_no_wcag_violations(site: SiteUnderTest, browse_paths: Paths, open_tab: Any, width: str) -> None:
    label = f"{site.name}-{width}"
    kinds, _ = browse_paths
    with open_tab(site.base_url, WIDTHS[width]) as tab:
        problems = axe_problems(tab.page, site.base_url, kinds, label)
        # Parts that only show after a click: search results and, on a phone, the menu drawer.
        for state, show in OPEN_STATES.items():
            if state == "menyn öppen" and width != "phone":
                continue
            tab.page.goto(site.url(""))
            show(tab.page)
            violations = axe_violations(tab.page)
            if violations:
                saved = save_artifacts(tab.page, f"axe-{label}-{state}", violations)
                problems.append(
                    f"startsidan ({state}): " + "; ".join(describe_violations(violations)) + f" [sparat: {', '.join(saved)}]"
                )
    assert not problems, f"axe-core hittade WCAG-brister ({label}):\n" + "\n".join(problems)


def test_every_page_is_valid_html(site: SiteUnderTest, vnu_report: dict[str, list[str]]) -> None:
    assert len(site.files.pages) > 5, "för få sidor byggdes för att kontrollen ska betyda något"
    assert not vnu_report, f"Nu Html Checker hittade fel ({site.name}):\n" + "\n".join(summarise(vnu_report))


def test_every_internal_link_and_anchor_resolves(site: SiteUnderTest) -> None:
    problems = broken_links(site.files)
    assert not problems, f"Trasiga länkar ({site.name}):\n" + "\n".join(problems)


def test_no_page_requests_another_host(site: SiteUnderTest, browse_paths: Paths, open_tab: Any) -> None:
    kinds, every = browse_paths
    with open_tab(site.base_url, DESKTOP) as tab:
        visit(tab.page, site.base_url, every, idle=set(kinds))
        # The header's search loads parts of the index as the reader types: exercise it too.
        tab.page.goto(site.url(""))
        show_search_results(tab.page)
        requested = {url for _, url in tab.requests.requests}
        foreign = tab.requests.foreign()
    # The log must have seen the page's own files, or an empty result would prove nothing.
    assert any(url.endswith(".css") for url in requested) and any(url.endswith("search/manifest.js") for url in requested), requested
    assert not foreign, f"Sidor hämtade från andra webbplatser ({site.name}):\n" + "\n".join(foreign)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_keyboard_reaches_a_course_phone_link_with_visible_focus(full_site: SiteUnderTest, open_tab: Any, width: str) -> None:
    goal = phone_page(full_site)
    chain = link_path(full_site.files, "", goal)
    assert chain, f"ingen länkväg från startsidan till /{goal}"
    with open_tab(full_site.base_url, WIDTHS[width]) as tab:
        page = tab.page
        page.goto(full_site.url(""))
        for step in chain[1:]:
            focus = tab_until(page, lambda f, step=step: f.get("url") == full_site.url(step))
            assert focus, failure(page, f"keyboard-{width}-{step}", f"Tab når ingen länk till /{step} på {page.url}")
            assert has_visible_outline(focus), failure(
                page, f"keyboard-{width}-{step}", f"länken till /{step} har ingen synlig fokusram: {focus}"
            )
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url == full_site.url(step)
        focus = tab_until(page, lambda f: (f.get("href") or "").startswith("tel:"))
        assert focus, failure(page, f"keyboard-{width}-tel", f"Tab når ingen telefonlänk på {page.url}")
        assert has_visible_outline(focus), failure(
            page, f"keyboard-{width}-tel", f"telefonlänken har ingen synlig fokusram: {focus}"
        )
        in_view = page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
        )
        assert in_view, failure(page, f"keyboard-{width}-tel", "telefonlänken har fokus men syns inte i fönstret")


@pytest.mark.parametrize("width", [*WIDTHS, "reflow"])
def test_every_tab_stop_is_on_screen_with_a_focus_ring(full_site: SiteUnderTest, open_tab: Any, width: str) -> None:
    kinds = full_site.types
    paths = ["", kinds["partnerskap/"], kinds["partnerskap/*/"], kinds["kurser/*/"]]
    viewport, scale = (REFLOW, REFLOW_SCALE) if width == "reflow" else (WIDTHS[width], 1)
    problems = []
    with open_tab(full_site.base_url, viewport, scale=scale) as tab:
        for path in paths:
            tab.page.goto(full_site.url(path))
            found = invisible_tab_stops(tab.page)
            if found:
                saved = save_artifacts(tab.page, f"focus-{width}-{path or 'start'}")
                problems.append(f"/{path}: " + "; ".join(found) + f" [sparat: {', '.join(saved)}]")
    assert not problems, f"Tangentbordsfokus som inte syns ({width}):\n" + "\n".join(problems)


def test_every_kind_of_page_reflows_at_320_px(site: SiteUnderTest, browse_paths: Paths, open_tab: Any) -> None:
    kinds, _ = browse_paths
    with open_tab(site.base_url, REFLOW, scale=REFLOW_SCALE) as tab:
        problems = reflow_problems(tab.page, site.base_url, kinds, site.name)
    assert not problems, f"Sidor som måste rullas i sidled vid 320 px ({site.name}):\n" + "\n".join(problems)


# --- helpers ------------------------------------------------------------------------------


def show_search_results(page: Any) -> None:
    page.fill("#iop-header-query", "partnerskap")
    page.wait_for_selector("#iop-header-panel li a", timeout=10_000)
    settle(page)


def open_menu_drawer(page: Any) -> None:
    page.click('.md-header label[for="__drawer"]')
    settle(page)


OPEN_STATES = {"sökresultat visas": show_search_results, "menyn öppen": open_menu_drawer}


def phone_page(site: SiteUnderTest) -> str:
    """A course page with a phone link: the number a parent or a social worker calls."""
    courses = [
        path
        for path, soup in site.files.pages.items()
        if re.fullmatch(r"kurser/[^/]+/", path) and soup.select_one('article a[href^="tel:"]')
    ]
    assert courses, f"ingen kurssida med telefonlänk i {site.name}"
    return min(courses)


def summarise(report: dict[str, list[str]]) -> list[str]:
    """The same error on many pages (a template's fault) once, with the pages it is on."""
    by_message: dict[str, list[tuple[str, str]]] = {}
    for page, errors in sorted(report.items()):
        for error in errors:
            message, _, where = error.partition(" «")
            by_message.setdefault(message, []).append((page, "«" + where))
    lines = []
    for message, places in sorted(by_message.items(), key=lambda item: -len(item[1])):
        pages = sorted({page for page, _ in places})
        lines.append(
            f"{message}\n    {len(places)} gånger på {len(pages)} sidor: {', '.join(pages[:5])}{' …' if len(pages) > 5 else ''}"
        )
        lines.append(f"    till exempel {places[0][1]}")
    return lines


def failure(page: Any, name: str, message: str) -> str:
    return f"{message} [sparat: {', '.join(save_artifacts(page, name))}]"
