"""Courses in a real browser: the script that moves started courses out of "upcoming", and
the print stylesheet that puts a course page on one A4 sheet.

The site is built on 15 June 2023 and read with the browser's clock set later, as a reader
would a month after the build. Playwright drives Debian's Chromium; nothing is downloaded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from browser.quality import CHROMIUM, CHROMIUM_ARGS, in_ci, serve

from conftest import FIXTURES, build_registry

STOCKHOLM = dt.timezone(dt.timedelta(hours=2))  # summer time: all the moments below are in CEST
BUILD_EPOCH = int(dt.datetime(2023, 6, 15, 12, tzinfo=STOCKHOLM).timestamp())


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_registry(tmp_path_factory.mktemp("courses-browser"), FIXTURES / "courses", epoch=BUILD_EPOCH)
    with serve(site.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = "Chromium saknas (/usr/bin/chromium): apt-get install chromium"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        playwright = stack.enter_context(sync_playwright())
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        stack.callback(chromium.close)
        yield chromium


def open_page(browser: Any, url: str, now: dt.datetime | None, *, javascript: bool = True) -> tuple[Any, list[str]]:
    context = browser.new_context(java_script_enabled=javascript, timezone_id="Europe/Stockholm", locale="sv-SE")
    if now is not None:
        context.clock.set_fixed_time(now)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(url)
    return page, errors


def visible_ids(page: Any, selector: str) -> list[str]:
    """Ids of the visible course cards inside `selector`, in page order."""
    return page.eval_on_selector_all(
        selector + " [data-iop-course-start] .iop-course__title",
        "titles => titles.filter(t => t.offsetParent !== null).map(t => t.id.replace('kurs-', ''))",
    )


def is_hidden(page: Any, selector: str) -> bool:
    return bool(page.eval_on_selector(selector, "el => el.closest('[hidden]') !== null"))


def test_on_the_build_day_the_script_changes_nothing(browser: Any, base_url: str) -> None:
    page, errors = open_page(browser, base_url + "kurser/", dt.datetime(2023, 6, 15, 12, tzinfo=STOCKHOLM))
    assert visible_ids(page, "[data-iop-courses]") == ["sprakkurs-ht-2023", "foraldrakurs-ht-2023", "foraldrakurs-vt-2024"]
    assert is_hidden(page, "[data-iop-ongoing]") and is_hidden(page, "[data-iop-courses-empty]")
    assert errors == []
    page.context.close()


def test_courses_that_started_after_the_build_move_to_ongoing(browser: Any, base_url: str) -> None:
    page, errors = open_page(browser, base_url + "kurser/", dt.datetime(2023, 9, 20, 9, tzinfo=STOCKHOLM))
    assert visible_ids(page, "[data-iop-courses]") == ["foraldrakurs-vt-2024"]
    assert visible_ids(page, "[data-iop-ongoing]") == ["sprakkurs-ht-2023", "foraldrakurs-ht-2023"]
    assert not is_hidden(page, "[data-iop-ongoing]")
    # The autumn term is empty now: its heading leaves "Kommande" and appears under "Pågående".
    headings = page.eval_on_selector_all("[data-iop-term] > h3", "hs => hs.filter(h => h.offsetParent !== null).map(h => h.textContent)")
    assert headings == ["Vårtermin 2024", "Hösttermin 2023"]
    assert page.eval_on_selector_all("[id]", "els => els.length") == len(set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")))
    assert errors == []
    page.context.close()


def test_a_course_starting_today_is_still_upcoming(browser: Any, base_url: str) -> None:
    page, _ = open_page(browser, base_url + "kurser/", dt.datetime(2023, 9, 5, 8, tzinfo=STOCKHOLM))
    assert visible_ids(page, "[data-iop-courses]") == ["foraldrakurs-ht-2023", "foraldrakurs-vt-2024"]
    assert visible_ids(page, "[data-iop-ongoing]") == ["sprakkurs-ht-2023"]
    page.context.close()


def test_when_every_course_has_started_the_page_says_none_is_planned(browser: Any, base_url: str) -> None:
    page, errors = open_page(browser, base_url + "kurser/", dt.datetime(2024, 6, 1, 12, tzinfo=STOCKHOLM))
    assert visible_ids(page, "[data-iop-courses]") == [] and visible_ids(page, "[data-iop-ongoing]") == []
    assert not is_hidden(page, "[data-iop-courses-empty]")
    assert errors == []
    page.context.close()


def test_start_page_drops_started_courses(browser: Any, base_url: str) -> None:
    page, errors = open_page(browser, base_url, dt.datetime(2023, 9, 20, 9, tzinfo=STOCKHOLM))
    titles = page.eval_on_selector_all(
        "[data-iop-courses] [data-iop-course-start]", "items => items.filter(i => i.offsetParent !== null).map(i => i.querySelector('h3').textContent)"
    )
    assert titles == ["Föräldrakurs våren 2024"]
    assert errors == []
    page.context.close()


def test_without_javascript_the_build_day_view_stands(browser: Any, base_url: str) -> None:
    page, _ = open_page(browser, base_url + "kurser/", dt.datetime(2023, 9, 20, 9, tzinfo=STOCKHOLM), javascript=False)
    assert visible_ids(page, "[data-iop-courses]") == ["sprakkurs-ht-2023", "foraldrakurs-ht-2023", "foraldrakurs-vt-2024"]
    page.context.close()


@pytest.mark.parametrize("path", ["", "partnerskap/", "partnerskap/foraldrakurs/", "organisationer/kursforeningen/", "kurser/foraldrakurs-ht-2023/"])
def test_the_script_does_not_fail_on_other_pages(browser: Any, base_url: str, path: str) -> None:
    page, errors = open_page(browser, base_url + path, dt.datetime(2024, 6, 1, 12, tzinfo=STOCKHOLM))
    assert page.evaluate("() => Array.from(document.scripts).some(s => s.src.endsWith('iop-courses.js'))")
    assert errors == []
    page.context.close()


def pdf_pages(pdf: bytes) -> int:
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count (\d+)", pdf, re.DOTALL)]
    counts += [int(n) for n in re.findall(rb"/Count (\d+)[^>]*?/Type\s*/Pages\b", pdf, re.DOTALL)]
    assert counts, "no page tree in the PDF"
    return max(counts)


@pytest.mark.parametrize("course", ["foraldrakurs-ht-2023", "sprakkurs-ht-2023", "foraldrakurs-vt-2024"])
def test_course_page_prints_on_one_a4_sheet_without_the_site_around_it(browser: Any, base_url: str, course: str) -> None:
    page, _ = open_page(browser, base_url + f"kurser/{course}/", None)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.iop-header-search', '.iop-calendar-link']
            .map(s => document.querySelector(s)).filter(Boolean).map(el => getComputedStyle(el).display)"""
    )
    assert hidden and set(hidden) == {"none"}
    text = page.inner_text("article")
    assert re.search(r"070-174 06 0\d", text) and re.search(r"\d{1,2} \w+ 202[34]", text)
    if course == "sprakkurs-ht-2023":
        tag = page.eval_on_selector(".iop-example-tag", "el => [getComputedStyle(el).color, getComputedStyle(el).borderTopStyle]")
        assert tag == ["rgb(0, 0, 0)", "solid"]  # the example label survives printing without backgrounds
    assert pdf_pages(page.pdf(format="A4")) == 1
    page.context.close()
