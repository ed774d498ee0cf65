"""Sites built once per session, served on 127.0.0.1, and one Chromium for the whole package.

Nothing here downloads a browser: Playwright drives Debian's Chromium. Without Chromium,
Java or node_modules the suite is skipped on a developer machine and fails under CI=true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from .quality import CHROMIUM, CHROMIUM_ARGS, RequestLog, SiteFiles, in_ci, missing_tools, page_types, serve, vnu_errors
from conftest import EPOCH_2023_06_15, FIXTURES, ROOT, BuiltSite, build_registry

SITES = ["shipped", "full"]  # the registry we publish, and tests/fixtures/full with every kind of page


@dataclass
class SiteUnderTest:
    name: str
    built: BuiltSite
    files: SiteFiles
    base_url: str

    @property
    def types(self) -> dict[str, str]:
        return page_types(self.files)

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture(scope="session", autouse=True)
def browser_tools() -> None:
    missing = missing_tools()
    if missing:
        message = "Webbläsartesterna kan inte köras: " + "; ".join(missing) + ". Kör `make test`, som installerar allt."
        if in_ci():
            pytest.fail(message)  # CI=true runs everything: a missing tool is a failure, never a skip
        pytest.skip(message)


def _canonical_host() -> str:
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_url") or ""
    return site_url.split("//", 1)[-1].split("/", 1)[0]


@pytest.fixture(scope="session")
def sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], SiteUnderTest]]:
    """sites(name): the site built once (with --strict) and served for the whole session."""
    cache: dict[str, SiteUnderTest] = {}
    with ExitStack() as servers:

        def get(name: str) -> SiteUnderTest:
            if name not in cache:
                if name == "shipped":
                    built: BuiltSite = request.getfixturevalue("shipped_site")
                else:
                    built = build_registry(tmp_path_factory.mktemp(name), FIXTURES / name)
                base_url = servers.enter_context(serve(built.site))
                cache[name] = SiteUnderTest(name, built, SiteFiles.read(built.site, _canonical_host()), base_url)
            return cache[name]

        yield get


@pytest.fixture(scope="session", params=SITES)
def site(request: pytest.FixtureRequest, sites: Callable[[str], SiteUnderTest]) -> SiteUnderTest:
    return sites(request.param)


@pytest.fixture(scope="session")
def full_site(sites: Callable[[str], SiteUnderTest]) -> SiteUnderTest:
    """tests/fixtures/full: the site with courses, for tests that need one."""
    return sites("full")


@pytest.fixture(scope="session")
def browse_paths(site: SiteUnderTest, sites: Callable[[str], SiteUnderTest]) -> tuple[list[str], list[str]]:
    """(one page per kind, every page) to open in the browser, leaving out pages of the
    shipped site that are byte for byte the same page in the fixture site (the editors' guide,
    the about pages): the same HTML gives the same result, and axe takes seconds per page."""
    kinds, every = list(site.types.values()), list(site.files.pages)
    if site.name == "full":
        return kinds, every
    full = sites("full")

    def new(path: str) -> bool:
        theirs = full.built.site / _file_of(path)
        return not theirs.is_file() or theirs.read_bytes() != (site.built.site / _file_of(path)).read_bytes()

    return [p for p in kinds if new(p)], [p for p in every if new(p)]


def _file_of(path: str) -> str:
    return path + "index.html" if path == "" or path.endswith("/") else path


@pytest.fixture(scope="session")
def vnu_report(site: SiteUnderTest) -> dict[str, list[str]]:
    """Nu Html Checker errors for every page of the site, from one JVM run per site."""
    return vnu_errors(site.built.site)


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """One Chromium for this package. Package scope, not session: Playwright's sync API allows
    one running instance per thread, and other test modules start their own after ours."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    page: Any
    requests: RequestLog


@pytest.fixture
def open_tab(browser: Any) -> Callable[..., Any]:
    """open_tab(base_url, viewport, scale=1) -> a context manager giving a Tab: a fresh browser
    context whose every request is logged."""

    @contextmanager
    def _open(base_url: str, viewport: dict[str, int], scale: float = 1) -> Iterator[Tab]:
        context = browser.new_context(
            viewport=viewport, device_scale_factor=scale, locale="sv-SE", timezone_id="Europe/Stockholm", service_workers="block"
        )
        # Generous: CI machines share their two cores; a slow page must not look like a broken one.
        context.set_default_timeout(60_000)
        # The sites are built "on" 15 June 2023; scripts that compare dates with today (which
        # courses are still upcoming) must see the same day, or the pages change under the test.
        context.clock.install(time=EPOCH_2023_06_15)  # time runs on from there
        log = RequestLog(base_url)
        log.attach(context)
        try:
            yield Tab(context.new_page(), log)
        finally:
            context.close()

    return _open
