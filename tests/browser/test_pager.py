"""Numbered pages in a real browser: valid HTML, WCAG 2.1 AA and reflow at 320 px on the later
pages of a record and a listing, and the pager reached and followed with the keyboard alone.

The site is tests/support/one_organisation.py's registry, whose organisation, decision and
first partnership have lists long enough to continue on sida-2/ and sida-3/.
"""

from __future__ import annotations

from typing import Any

import pytest

from .quality import DESKTOP, PHONE, REFLOW, REFLOW_SCALE, axe_problems, reflow_problems, serve, vnu_errors
from conftest import BuiltSite, build_registry
from support.one_organisation import ASSOCIATION, DECISION, write_registry

PAGES = [
    f"organisationer/{ASSOCIATION}/",
    f"organisationer/{ASSOCIATION}/sida-2/",
    f"organisationer/{ASSOCIATION}/sida-3/",
    f"beslut/{DECISION}/sida-2/",
    "partnerskap/partnerskap-00000/sida-2/",
    "partnerskap/sida-2/",
]


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = write_registry(tmp_path_factory.mktemp("registry") / "registry", partnerships=230, grants=150)
    return build_registry(tmp_path_factory.mktemp("site"), root)


def test_numbered_pages_are_valid_html(paged_site: BuiltSite) -> None:
    assert vnu_errors(paged_site.site, PAGES) == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_numbered_pages_have_no_wcag_violations(paged_site: BuiltSite, open_tab: Any, viewport: dict[str, int]) -> None:
    with serve(paged_site.site) as base_url, open_tab(base_url, viewport) as tab:
        assert axe_problems(tab.page, base_url, PAGES, "sidor") == []


def test_numbered_pages_reflow_at_320_px(paged_site: BuiltSite, open_tab: Any) -> None:
    with serve(paged_site.site) as base_url, open_tab(base_url, REFLOW, REFLOW_SCALE) as tab:
        assert reflow_problems(tab.page, base_url, PAGES, "sidor") == []


def test_the_pager_is_followed_with_the_keyboard(paged_site: BuiltSite, open_tab: Any) -> None:
    with serve(paged_site.site) as base_url, open_tab(base_url, PHONE) as tab:
        page = tab.page
        page.goto(base_url + f"organisationer/{ASSOCIATION}/")
        # Tab forward until the pager's "Nästa sida" has focus, then follow it with Enter.
        for _ in range(400):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement && document.activeElement.getAttribute('rel')") == "next":
                break
        else:
            pytest.fail("Tab nådde aldrig länken Nästa sida")
        page.keyboard.press("Enter")
        page.wait_for_url(base_url + f"organisationer/{ASSOCIATION}/sida-2/")
        current = page.locator('nav.iop-pager a[aria-current="page"]')
        assert current.inner_text() == "2"
