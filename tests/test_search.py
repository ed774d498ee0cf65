"""The record search: Swedish terms, the index in search/, the search page, and the script.

The index is read back with `SearchIndex`, the Python twin of assets/iop-search.js, and one
browser test checks that the script, run on the built site opened from disk, gives the
same results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from iop_registry.render.search.index import DATA_DIR
from iop_registry.render.search.text import compound_parts, plain_text, shorten, stem, terms, words

from conftest import FIXTURES, BuiltSite, build_registry
from support.search_lookup import SearchIndex, read_index


def site_index(site: BuiltSite) -> SearchIndex:
    root = site.site
    return read_index((str(p.relative_to(root)), p.read_bytes()) for p in (root / DATA_DIR).rglob("*.js"))


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_registry(tmp_path_factory.mktemp("search-full"), FIXTURES / "full")


@pytest.mark.parametrize(
    "forms",
    [
        ("förening", "föreningen", "föreningar", "föreningarna", "föreningens"),
        ("partnerskap", "partnerskapet", "partnerskapen"),
        ("kursen", "kurser", "kurserna"),
        ("mamma", "mammor", "mammorna"),
        ("barn", "barnen", "barnens"),
        ("arbete", "arbetet"),
    ],
)
def test_inflected_swedish_words_share_one_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1, {form: stem(form) for form in forms}


def test_words_fold_every_accent_and_drop_stop_words() -> None:
    # å, ä and ö are folded too: a reader without a Swedish keyboard types "herrgarden".
    assert words("Café i Malmö och ASN-2022-13029, Ærø, Herrgården för") == ["cafe", "malmo", "asn", "2022", "13029", "aro", "herrgarden"]
    assert terms("Herrgården") == terms("herrgarden") == ["herrgard"]


def test_compound_words_are_found_by_their_last_part_when_the_registry_uses_it() -> None:
    vocabulary = frozenset(terms("stöd nämnden marknad"))
    assert compound_parts(words("föräldrastöd")[0], vocabulary) == terms("stöd")
    assert compound_parts(words("arbetsmarknadsnämnden")[0], vocabulary) == terms("nämnden")
    # A tail that the registry never uses as a word of its own is no part.
    assert compound_parts(words("föräldrastöd")[0], frozenset(terms("barn kurs"))) == []


@pytest.mark.parametrize(
    ("query", "path"),
    [
        ("mammakraft", "partnerskap/mammakraft/"),
        ("föräldrastöd", "beslut/asn-2022-13029/"),  # a word of the decision's summary
        ("stöd", "beslut/asn-2022-13029/"),
        ("herrgarden", "partnerskap/kraftsamling-herrgarden/"),  # typed without å
        ("kvinnoforeningen", "organisationer/internationella-kvinnoforeningen/"),
        ("Tatjana", "partnerskap/mammakraft/"),  # a contact person's first name
        ("Ristovski", "partnerskap/mammakraft/"),
        ("ASN-2022-13029", "beslut/asn-2022-13029/"),
        ("målgrupp mammor", "partnerskap/mammakraft/"),
        ("tillgänglighetsredogörelse", "tillganglighet/"),  # a hand-written page
        ("redaktörsguide", "redaktorsguide/"),  # a section's main page
    ],
)
def test_every_field_a_reader_searches_finds_the_record(shipped_site: BuiltSite, query: str, path: str) -> None:
    assert path in [r.path for r in site_index(shipped_site).query(query)]


def test_summaries_are_plain_text_of_bounded_length() -> None:
    assert plain_text("Se *mer* på [webbplatsen](https://example.org).\n\nNästa stycke.") == "Se mer på webbplatsen. Nästa stycke."
    text = shorten("ord " * 100)
    assert len(text) <= 161 and text.endswith("…")


def test_query_for_mammakraft_finds_the_partnership_first(shipped_site: BuiltSite) -> None:
    index = site_index(shipped_site)
    results = index.query("Mammakraft")
    assert results, "no result for Mammakraft"
    first = results[0]
    assert (first.title, first.kind, first.path) == ("Mammakraft", "Partnerskap", "partnerskap/mammakraft/")
    # The status in the result is the one the partnership's page shows.
    page = BeautifulSoup(shipped_site.page("partnerskap/mammakraft/"), "html.parser")
    badge = page.select_one(".iop-status")
    assert badge is not None and first.status == badge.get_text(strip=True)
    # The decision and the grant about Mammakraft are found too, after the partnership.
    kinds = {r.kind for r in results[1:]}
    assert {"Beslut", "Bidrag"} <= kinds
    # A first query reads the manifest, one term shard and one block of summaries: not everything.
    assert index.loaded[0] == "search/manifest.js"
    assert len(index.loaded) < len(index.files)


def test_query_matches_inflected_forms_and_word_beginnings(shipped_site: BuiltSite) -> None:
    index = site_index(shipped_site)
    assert index.query("mammakr")[0].path == "partnerskap/mammakraft/"
    found = {r.path for r in index.query("kvinnoföreningens")}
    assert "organisationer/internationella-kvinnoforeningen/" in found
    # Every word must match.
    assert index.query("mammakraft kraftsamling") == []
    assert index.query("xyzzy") == []
    assert index.query("och i") == []  # only stop words


def test_courses_are_found_with_their_status_and_example_label(full_site: BuiltSite) -> None:
    results = site_index(full_site).query("studieteknik")
    courses = [r for r in results if r.kind == "Kurs"]
    assert len(courses) == 2
    assert all(r.title.startswith("Exempel: ") for r in courses)
    assert {r.status for r in courses} == {"Öppen för anmälan", "Genomförd"}
    # The course a reader can still refer someone to comes first, the finished one last of all.
    assert results.index(courses[0]) < results.index(courses[1]) and courses[1] == results[-1]
    assert courses[0].status == "Öppen för anmälan"
    for result in courses:
        assert (full_site.site / result.path / "index.html").is_file()


@pytest.mark.parametrize("query", ["arabiska", "Exempelbys bibliotek", "Exempelsson"])
def test_courses_are_found_by_language_venue_and_contact(full_site: BuiltSite, query: str) -> None:
    assert "kurser/laxhjalp-ht-2023/" in [r.path for r in site_index(full_site).query(query)]


def test_every_result_links_to_a_built_page(full_site: BuiltSite) -> None:
    index = site_index(full_site)
    manifest = index.manifest
    for block in range(0, manifest["docs"], manifest["block"]):
        for title, kind, _status, _text, path in index._load(f"d/{block // manifest['block']}"):
            assert kind in manifest["kinds"], title
            assert (full_site.site / path / "index.html").is_file(), path


def test_materials_search_is_replaced_by_the_sites_own(full_site: BuiltSite) -> None:
    assert not (full_site.site / "search" / "search_index.json").exists()
    page = BeautifulSoup(full_site.page("om-registret/"), "html.parser")
    assert page.select_one(".md-search") is None
    # Every page's header has the site's search: a GET form for sok/ that works without script.
    form = page.select_one("header form#iop-header-search")
    assert form is not None and form["action"] == "../sok/" and form.get("method") == "get" and form.get("role") == "search"
    field = form.select_one("input[name=ord]")
    assert field is not None and page.select_one(f"label[for={field['id']}]") is not None
    assert (full_site.site / "om-registret" / form["data-index"] / "manifest.js").resolve().is_file()


def test_search_page_has_a_labelled_form_that_works_without_script(full_site: BuiltSite) -> None:
    page = BeautifulSoup(full_site.page("sok/"), "html.parser")
    form = page.select_one("form#iop-search")
    assert form is not None and form.get("method") == "get" and form.get("role") == "search"
    field = form.select_one("input[name=ord]")
    assert field is not None and page.select_one(f"label[for={field['id']}]") is not None
    # The index folder, relative to the page, exists; the script is linked from the page.
    assert (full_site.site / "sok" / form["data-index"] / "manifest.js").resolve().is_file()
    assert any(s.get("src", "").endswith("assets/iop-search.js") for s in page.select("script"))
    # Without JavaScript the page points to the lists instead.
    fallback = BeautifulSoup("".join(str(n) for n in page.select("noscript")), "html.parser")
    assert {a["href"] for a in fallback.select("a")} >= {"../partnerskap/", "../kurser/"}
    # The search page is in the navigation.
    assert any(a.get("href") in ("../sok/", "./", ".") for a in page.select("nav a")), "Sök is not in the navigation"


def test_index_is_identical_between_builds(tmp_path: Path, full_site: BuiltSite) -> None:
    again = build_registry(tmp_path, FIXTURES / "full")
    first = {p.relative_to(full_site.site): p.read_bytes() for p in (full_site.site / DATA_DIR).rglob("*.js")}
    second = {p.relative_to(again.site): p.read_bytes() for p in (again.site / DATA_DIR).rglob("*.js")}
    assert first == second


# --- The script in a browser ----------------------------------------------------------------


def _browser() -> Any:
    from browser.quality import CHROMIUM, CHROMIUM_ARGS, in_ci

    if not CHROMIUM.exists():
        message = f"Chromium saknas ({CHROMIUM}): apt-get install chromium"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    return sync_playwright, CHROMIUM, CHROMIUM_ARGS


@pytest.mark.parametrize("query", ["Mammakraft", "kvinnoföreningens", "ASN-2022-13029", "xyzzy"])
def test_script_gives_the_same_results_as_the_python_twin_from_disk(shipped_site: BuiltSite, query: str) -> None:
    sync_playwright, chromium, args = _browser()
    expected = [r.path for r in site_index(shipped_site).query(query)]
    url = (shipped_site.site / "sok" / "index.html").as_uri() + "?ord=" + query
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=args)
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(url)
            page.wait_for_function("() => { const s = document.getElementById('iop-search-status'); return s && /träff/.test(s.textContent); }")
            links = page.eval_on_selector_all("#iop-search-results li > a", "as => as.map(a => a.href)")
            status = page.text_content("#iop-search-status") or ""
            meta = page.eval_on_selector_all("#iop-search-results .iop-search__meta", "ms => ms.map(m => m.textContent)")
        finally:
            browser.close()
    root = (shipped_site.site).as_uri() + "/"
    assert [link.removeprefix(root) for link in links] == expected
    assert all(u.startswith("file://") for u in requested), [u for u in requested if not u.startswith("file://")]
    if expected:
        assert f"för ”{query}”" in status
        assert meta[0].startswith(site_index(shipped_site).query(query)[0].kind)
    else:
        assert status.startswith("Inga träffar")


def test_header_search_shows_first_results_and_enter_shows_all_on_the_search_page(shipped_site: BuiltSite) -> None:
    from browser.quality import serve

    sync_playwright, chromium, args = _browser()
    with serve(shipped_site.site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=args)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(base_url + "om-registret/")
            assert page.is_hidden("#iop-header-panel")
            page.fill("#iop-header-query", "Mammakraft")
            page.wait_for_selector("#iop-header-panel .iop-header-search__results li a")
            first = page.eval_on_selector("#iop-header-panel li a", "a => [a.textContent, a.href]")
            status = page.text_content("#iop-header-panel [role=status]") or ""
            page.press("#iop-header-query", "Escape")
            closed = page.is_hidden("#iop-header-panel")
            page.press("#iop-header-query", "Enter")
            page.wait_for_selector("#iop-search-results li a")
            url = page.url
            on_page = page.text_content("#iop-search-results li a")
        finally:
            browser.close()
    assert first == ["Mammakraft", base_url + "partnerskap/mammakraft/"]
    assert "för ”Mammakraft”" in status
    assert closed
    assert url == base_url + "sok/?ord=Mammakraft"
    assert on_page == "Mammakraft"
