"""`mkdocs serve` in Chromium: a save that breaks the registry shows its errors on the page
the editor has open, and the next good save shows the rebuilt page again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser.quality import CHROMIUM, CHROMIUM_ARGS, in_ci

from conftest import FIXTURES, make_project
from support.serving import free_port, serving

PAGE = "partnerskap/foraldrakurs/"
RECORD = "registry/organisations/kursforeningen.yml"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path, FIXTURES / "courses")
    with serving(project, free_port()) as url:
        yield project, url


def test_serve_shows_registry_errors_then_the_rebuilt_page(served: tuple[Path, str]) -> None:
    if not CHROMIUM.exists():
        message = "Chromium saknas (/usr/bin/chromium): apt-get install chromium"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    project, url = served
    record = project / RECORD
    good = record.read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url + PAGE, timeout=240_000)
            page.get_by_role("heading", level=1).wait_for(timeout=60_000)
            title = page.get_by_role("heading", level=1).inner_text()
            assert "Registret innehåller fel" not in page.content()

            record.write_text(good.replace("kind: association", "kind: förening"), encoding="utf-8")
            # Live reload brings the error onto the open page, without a hanging request.
            error = page.locator(".iop-diagnostics")
            error.wait_for(timeout=120_000)
            text = error.inner_text()
            assert "registry/organisations/kursforeningen.yml:2:7" in text
            assert "kind" in text

            record.write_text(good, encoding="utf-8")
            page.get_by_role("heading", level=1, name=title).wait_for(timeout=120_000)
            assert page.locator(".iop-diagnostics").count() == 0
        finally:
            browser.close()
