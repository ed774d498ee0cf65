"""Each quality check must fail when its fault is there: faults injected into a copy of the
built fixture site, then the same scans the gate tests use, expected to report them.

Without these, a check that silently stopped working (axe not injected, a request log that
sees nothing, a link checker that skips every link) would pass forever.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import SiteUnderTest
from .quality import (
    DESKTOP,
    PHONE,
    REFLOW,
    REFLOW_SCALE,
    ROOT,
    SiteFiles,
    axe_problems,
    broken_links,
    has_visible_outline,
    invisible_tab_stops,
    reflow_problems,
    serve,
    tab_until,
    visit,
    vnu_errors,
)

FAULTY_PAGE = "kurser/laxhjalp-ht-2023/"
# Each fault is marked with an id or a unique address so the assertion can find exactly it.
FAULTS = """
<p id="fel-kontrast" style="color:#bbbbbb">Grå text på vit botten: för låg kontrast.</p>
<img id="fel-bild" src="../../assets/images/favicon.png">
<script src="https://cdn.example.com/x.js"></script>
<p><a href="../finns-inte/">En länk till en sida som inte finns</a>
   <a href="#ankaret-finns-inte">En länk till ett ankare som inte finns</a></p>
<p id="fel-dubblett">Ett id</p><p id="fel-dubblett">två gånger.</p>
<div id="fel-bredd" style="width:700px">Ett block som är bredare än en mobil.</div>
"""
# On the faulty page, keyboard focus is made invisible, as a careless theme change could: no
# focus ring on links, and the navigation drawer no longer slides in when focus enters it.
NO_FOCUS_RING = (
    "<style>a:focus-visible { outline: none !important; }"
    " .md-sidebar--primary:focus-within { transform: none !important; }</style>"
)


@pytest.fixture(scope="module")
def faulty_site(full_site: SiteUnderTest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteUnderTest]:
    root = tmp_path_factory.mktemp("faulty") / "site"
    shutil.copytree(full_site.built.site, root)
    page = root / FAULTY_PAGE / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count("</article>") == 1 and "</head>" in html
    html = html.replace("</article>", FAULTS + "</article>").replace("</head>", NO_FOCUS_RING + "</head>")
    page.write_text(html, encoding="utf-8")
    with serve(root) as base_url:
        yield SiteUnderTest("faulty", full_site.built, SiteFiles.read(root, full_site.files.canonical_host), base_url)


def problem_for(problems: list[str], page: str) -> str:
    found = [p for p in problems if p.startswith(f"/{page}:")]
    assert len(found) == 1, f"väntade ett fel för /{page}, fick: {problems}"
    return found[0]


def test_axe_reports_low_contrast_and_an_image_without_alt_text(faulty_site: SiteUnderTest, open_tab: Any) -> None:
    with open_tab(faulty_site.base_url, DESKTOP) as tab:
        problems = axe_problems(tab.page, faulty_site.base_url, [FAULTY_PAGE], "fel")
    problem = problem_for(problems, FAULTY_PAGE)
    assert "color-contrast" in problem and "#fel-kontrast" in problem
    assert "image-alt" in problem and "#fel-bild" in problem
    assert_artifacts_exist(problem)


def test_request_log_reports_a_script_from_a_cdn(faulty_site: SiteUnderTest, open_tab: Any) -> None:
    with open_tab(faulty_site.base_url, DESKTOP) as tab:
        visit(tab.page, faulty_site.base_url, [FAULTY_PAGE], idle={FAULTY_PAGE})
        foreign = tab.requests.foreign()
    assert [f for f in foreign if f.startswith("https://cdn.example.com/x.js")], foreign
    # Static check too: the reference is in the HTML whether or not a browser fetches it.
    assert any("hämtar från en annan webbplats: https://cdn.example.com/x.js" in p for p in broken_links(faulty_site.files))


def test_link_check_reports_a_missing_page_and_a_missing_anchor(faulty_site: SiteUnderTest) -> None:
    problems = [p for p in broken_links(faulty_site.files) if p.startswith(f"/{FAULTY_PAGE}:")]
    assert any("'../finns-inte/'" in p and "/kurser/finns-inte/, som inte finns" in p for p in problems), problems
    assert any("#ankaret-finns-inte" in p for p in problems), problems


def test_html_checker_reports_a_duplicate_id(faulty_site: SiteUnderTest) -> None:
    errors = vnu_errors(faulty_site.files.root, only=[FAULTY_PAGE]).get(f"/{FAULTY_PAGE}", [])
    assert any("Duplicate ID" in e and "fel-dubblett" in e for e in errors), errors


def test_reflow_check_reports_a_block_wider_than_320_px(faulty_site: SiteUnderTest, open_tab: Any) -> None:
    with open_tab(faulty_site.base_url, REFLOW, scale=REFLOW_SCALE) as tab:
        problems = reflow_problems(tab.page, faulty_site.base_url, [FAULTY_PAGE], "fel")
    problem = problem_for(problems, FAULTY_PAGE)
    assert "px för bred" in problem
    assert_artifacts_exist(problem)


def test_focus_checks_report_links_without_focus_ring(faulty_site: SiteUnderTest, open_tab: Any) -> None:
    with open_tab(faulty_site.base_url, DESKTOP) as tab:
        tab.page.goto(faulty_site.url(FAULTY_PAGE))
        focus = tab_until(tab.page, lambda f: (f.get("href") or "").startswith("tel:"))
        assert focus is not None
        assert not has_visible_outline(focus), focus
        tab.page.goto(faulty_site.url(FAULTY_PAGE))
        problems = invisible_tab_stops(tab.page)
    assert any("'070-174 06 05' har fokus utan synlig fokusram" in p for p in problems), problems


def test_focus_walk_reports_focus_inside_a_closed_drawer(faulty_site: SiteUnderTest, open_tab: Any) -> None:
    with open_tab(faulty_site.base_url, PHONE) as tab:
        tab.page.goto(faulty_site.url(FAULTY_PAGE))
        problems = invisible_tab_stops(tab.page)
    assert any("'Partnerskap' har fokus utanför fönstret" in p for p in problems), problems


def assert_artifacts_exist(problem: str) -> None:
    saved = problem.rsplit("[sparat: ", 1)[1].rstrip("]").split(", ")
    assert saved and all((ROOT / Path(name)).is_file() for name in saved), saved
