"""`mkdocs serve` in Chromium: a save that breaks the registry shows its errors on the page
the editor has open, and the next good save shows the rebuilt page again."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser.quality import CHROMIUM, CHROMIUM_ARGS, in_ci

from conftest import EPOCH_2023_06_15, FIXTURES, MKDOCS, make_project

PAGE = "partnerskap/foraldrakurs/"
RECORD = "registry/organisations/kursforeningen.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path, FIXTURES / "courses")
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH_2023_06_15), "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [*MKDOCS, "serve", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.5)
    try:
        yield project, url
    finally:
        process.terminate()
        process.wait(timeout=30)


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
