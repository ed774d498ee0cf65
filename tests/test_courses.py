"""Courses: the Kurser page on different build dates, course pages, iCalendar feeds, JSON-LD,
example labelling and the diagnostics for bad course data.

Sites are built for real from tests/fixtures/courses (see its README for what each course
shows) and read back with BeautifulSoup and the icalendar library.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import Tag

from iop_registry.diagnostics import Diagnostic, Report
from iop_registry.model.course import CourseStatus
from iop_registry.render.text import fee_words, places_left_words
from iop_registry.validate import validate_path

from conftest import FIXTURES, BuiltSite, build, build_registry, make_project, shipped_publisher
from support.html import page_soup as soup

COURSES = FIXTURES / "courses"
INVALID = FIXTURES / "courses-invalid"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
UID = re.compile(r"^[a-z0-9-]+-\d{4}-\d{2}-\d{2}-(session|information)(-\d+)?@iop-registret\.malmo\.se$")


def epoch(day: dt.date) -> int:
    """Noon in Malmö on `day`, as SOURCE_DATE_EPOCH."""
    return int(dt.datetime.combine(day, dt.time(12), tzinfo=STOCKHOLM).timestamp())


JUNE_2023 = dt.date(2023, 6, 15)
SEPTEMBER_2023 = dt.date(2023, 9, 20)
JUNE_2024 = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[dt.date, BuiltSite]:
    return {day: build_registry(tmp_path_factory.mktemp(day.isoformat()), COURSES, epoch=epoch(day)) for day in (JUNE_2023, SEPTEMBER_2023, JUNE_2024)}


def words(tag: Tag) -> str:
    """The text as a reader sees it: whitespace between inline elements collapsed."""
    return " ".join(tag.get_text().split())


def article(site: BuiltSite, path: str) -> Tag:
    found = soup(site, path).select_one("article.md-content__inner")
    assert found is not None
    return found


def course_ids(container: Tag) -> list[str]:
    """Ids of the course cards in a container, in page order (from their title links)."""
    return [card.select_one(".iop-course__title")["id"].removeprefix("kurs-") for card in container.select("[data-iop-course-start]")]


def term_headings(container: Tag) -> list[str]:
    return [group.find(["h3"]).get_text(strip=True) for group in container.select("[data-iop-term]")]


def calendar(site: BuiltSite, relative: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site.site / relative).read_bytes())


def events(cal: icalendar.Calendar) -> list[icalendar.Event]:
    return list(cal.walk("VEVENT"))


# --- The Kurser page on three build dates ---------------------------------------------


def test_june_build_lists_upcoming_courses_by_term_with_the_archive_apart(sites: dict[dt.date, BuiltSite]) -> None:
    page = article(sites[JUNE_2023], "kurser/")
    upcoming = page.select_one("[data-iop-courses]")
    assert term_headings(upcoming) == ["Hösttermin 2023", "Vårtermin 2024"]
    assert course_ids(upcoming) == ["sprakkurs-ht-2023", "foraldrakurs-ht-2023", "foraldrakurs-vt-2024"]
    assert upcoming.select_one("[data-iop-courses-empty]").has_attr("hidden")
    ongoing = page.select_one("[data-iop-ongoing]")
    assert ongoing.has_attr("hidden") and course_ids(ongoing) == []
    past = [a["href"] for a in page.select(".iop-past-courses a")]
    # The cancelled spring 2024 course is no longer one to refer anyone to.
    assert past == ["sprakkurs-vt-2024/", "foraldrakurs-vt-2023/"]


def test_courses_that_have_started_leave_upcoming(sites: dict[dt.date, BuiltSite]) -> None:
    page = article(sites[SEPTEMBER_2023], "kurser/")
    assert course_ids(page.select_one("[data-iop-courses]")) == ["foraldrakurs-vt-2024"]
    ongoing = page.select_one("[data-iop-ongoing]")
    assert not ongoing.has_attr("hidden")
    assert course_ids(ongoing) == ["sprakkurs-ht-2023", "foraldrakurs-ht-2023"]
    assert "Pågår" in ongoing.select_one("#kurs-foraldrakurs-ht-2023").find_parent("li").get_text()


def test_when_nothing_is_planned_the_page_says_so_and_gives_contacts(sites: dict[dt.date, BuiltSite]) -> None:
    page = article(sites[JUNE_2024], "kurser/")
    empty = page.select_one("[data-iop-courses-empty]")
    assert not empty.has_attr("hidden")
    assert "Inga kurser är planerade just nu." in empty.get_text()
    assert course_ids(page.select_one("[data-iop-courses]")) == []
    contacts = page.select_one("#kontakt").find_parent("section")
    names = [p.get_text(strip=True) for p in contacts.select(".iop-contact__name")]
    assert names == ["Alex Exempelsson, Kursledare", "Kim Handläggare"]  # the association first
    assert "tel:+46701740605" in [a["href"] for a in contacts.select("a")]
    # Språkkurs's agreement names nobody: it says so instead of showing nothing.
    assert "Uppgift saknas: avtalet anger ingen kontaktperson." in words(contacts)
    past = [a["href"] for a in page.select(".iop-past-courses a")]
    assert len(past) == 5 and "foraldrakurs-vt-2024/" in past


def test_shipped_kurser_page_says_no_course_is_planned_and_names_the_mammakraft_contact(shipped_site: BuiltSite) -> None:
    html = soup(shipped_site, "kurser/")
    nav = [a.get_text(strip=True) for a in html.select("nav.md-nav--primary a.md-nav__link")]
    assert "Kurser" in nav
    page = html.select_one("article.md-content__inner")
    empty = page.select_one("[data-iop-courses-empty]")
    assert not empty.has_attr("hidden") and "Inga kurser är planerade just nu." in empty.get_text()
    assert page.select("[data-iop-course-start]") == []
    tatjana = next(card for card in page.select(".iop-contact") if "Tatjana Ristovski" in card.get_text())
    links = {a["href"] for a in tatjana.select("a")}
    assert links == {"tel:+46704445458", "mailto:tatjana.ristovski@ikf.se"}
    assert "Internationella Kvinnoföreningen i Malmö" in tatjana.get_text()
    assert page.select_one("#kontakt-mammakraft a")["href"] == "../partnerskap/mammakraft/"
    # Subscribing now is worth it: the feed exists and gets the dates once they are known.
    feed = calendar(shipped_site, "kalender/mammakraft.ics")
    assert events(feed) == [] and [tz["TZID"] for tz in feed.walk("VTIMEZONE")] == ["Europe/Stockholm"]


def test_start_page_lists_the_next_courses(sites: dict[dt.date, BuiltSite]) -> None:
    box = soup(sites[JUNE_2023], "").select_one("[data-iop-courses]")
    titles = [h.get_text(strip=True) for h in box.select(".iop-card__title")]
    assert titles == ["Språkkurs hösten 2023", "Föräldrakurs hösten 2023", "Föräldrakurs våren 2024"]
    assert [li["data-iop-course-start"] for li in box.select("[data-iop-course-start]")] == ["2023-09-04", "2023-09-05", "2024-02-13"]
    assert "Första träffen 5 september 2023 kl. 17:00, Exempelbys bibliotek." in words(box)
    empty = soup(sites[JUNE_2024], "").select_one("[data-iop-courses-empty]")
    assert not empty.has_attr("hidden")


# --- A course card and a course page --------------------------------------------------


def test_course_card_has_what_a_professional_needs_to_refer_someone(sites: dict[dt.date, BuiltSite]) -> None:
    site = sites[JUNE_2023]
    card = article(site, "kurser/").select_one("#kurs-foraldrakurs-ht-2023").find_parent("li")
    assert card["data-iop-course-start"] == "2023-09-05" and card["data-iop-course-end"] == "2023-11-07"
    sessions = card.select(".iop-sessions > li")
    assert len(sessions) == 10
    assert words(sessions[0]) == "tisdag 5 september 2023, kl. 17:00–19:00: Föräldrarollen"
    assert sessions[-1].time["datetime"] == "2023-11-07T17:00:00+01:00"
    text = words(card)
    for expected in (
        "Exempelbys bibliotek, Exempelgatan 1, 211 00 Malmö",
        "Buss 5 till hållplats Exempeltorget.",
        "Lokalen ligger i gatuplan och har hörslinga.",
        "svenska. Tolk finns på arabiska, somaliska.",
        "Minst 10 och högst 20 deltagare.",
        "6 platser kvar.",
        "Kostnadsfri",
        "Ring eller mejla kursledaren.",
        "Sista anmälningsdag: 31 augusti 2023",
    ):
        assert expected in text
    links = {a["href"] for a in card.select(".iop-contact a")}
    assert links == {"tel:+46701740605", "mailto:alex@example.org"}
    meetings = card.select(".iop-meetings > li")
    assert [m.time["datetime"] for m in meetings] == ["2023-08-22T09:00:00+02:00", "2023-08-29T13:00:00+02:00"]
    assert "Skolkuratorer" in meetings[1].get_text() and meetings[1].select_one("a")["href"] == "https://example.org/digital-traff"
    add = card.select_one(".iop-calendar-link a")
    assert add.get_text() == "Lägg till i kalender"
    assert (site.site / "kurser" / add["href"]).resolve() == (site.site / "kurser/foraldrakurs-ht-2023/kalender.ics").resolve()


def test_course_without_referral_contact_shows_the_partnership_contacts(sites: dict[dt.date, BuiltSite]) -> None:
    page = article(sites[JUNE_2023], "kurser/foraldrakurs-vt-2024/")
    assert "Kursen anger ingen egen kontaktperson." in page.get_text()
    assert [p.get_text(strip=True) for p in page.select(".iop-contact__name")] == ["Alex Exempelsson, Kursledare", "Kim Handläggare"]


def test_course_page_is_printable_and_links_its_calendar(sites: dict[dt.date, BuiltSite]) -> None:
    site = sites[JUNE_2023]
    html = soup(site, "kurser/foraldrakurs-ht-2023/")
    stylesheets = [link["href"] for link in html.select("link[rel=stylesheet]")]
    assert "../../assets/iop-print.css" in stylesheets
    assert "../../assets/iop-courses.js" in [s.get("src") for s in html.select("script[src]")]
    page = html.select_one("article.md-content__inner")
    rows = page.select(".iop-sessions-table tbody tr")
    assert len(rows) == 10 and rows[9].get_text(" ", strip=True) == "10 tisdag 7 november 2023 17:00–19:30 Avslutning"
    assert page.select_one(".iop-calendar-link a")["href"] == "kalender.ics"
    assert (site.site / "kurser/foraldrakurs-ht-2023/kalender.ics").is_file()
    print_css = (site.site / "assets/iop-print.css").read_text(encoding="utf-8")
    assert "@media print" in print_css and "size: A4" in print_css


# --- Example courses ------------------------------------------------------------------


def test_example_course_is_labelled_on_every_page_and_in_every_feed(sites: dict[dt.date, BuiltSite]) -> None:
    site = sites[JUNE_2023]
    card = article(site, "kurser/").select_one("#kurs-sprakkurs-ht-2023").find_parent("li")
    assert "Exempel" in card.select_one(".iop-example-tag").get_text()
    page = soup(site, "kurser/sprakkurs-ht-2023/")
    assert page.select_one("h1").get_text(strip=True) == "Exempel: Språkkurs hösten 2023"
    assert "Det här är inte en verklig kurs." in page.select_one("article").get_text()
    start = soup(site, "").select_one("[data-iop-course-start='2023-09-04']")
    assert "Exempel" in start.select_one(".iop-example-tag").get_text()
    partnership = soup(site, "partnerskap/sprakkurs/").select_one("#kurser").find_next("ul")
    assert "Exempel" in partnership.get_text()
    for feed in ("kalender/kurser.ics", "kalender/sprakkurs.ics", "kurser/sprakkurs-ht-2023/kalender.ics"):
        for event in events(calendar(site, feed)):
            is_example = str(event["UID"]).startswith("sprakkurs-ht-2023-")
            assert str(event["SUMMARY"]).startswith("EXEMPEL: ") == is_example, (feed, event["SUMMARY"])
            assert ("inte en verklig kurs" in str(event["DESCRIPTION"])) == is_example


def test_example_course_has_no_structured_data(sites: dict[dt.date, BuiltSite]) -> None:
    page = soup(sites[JUNE_2023], "kurser/sprakkurs-ht-2023/")
    assert page.select('script[type="application/ld+json"]') == []


# --- iCalendar ------------------------------------------------------------------------


def expected_occasions() -> dict[str, tuple[dt.datetime, dt.datetime]]:
    """UID -> (start, end) for every session and information meeting in the fixture."""
    report = Report()
    registry = validate_path(COURSES, report)
    assert report.items == []
    result = {}
    for entry in registry.courses.values():
        for kind, items in (("session", entry.record.sessions), ("information", entry.record.information_meetings)):
            for item in items:
                uid = f"{entry.id}-{item.date.isoformat()}-{kind}@iop-registret.malmo.se"
                result[uid] = (dt.datetime.combine(item.date, item.start, STOCKHOLM), dt.datetime.combine(item.date, item.end, STOCKHOLM))
    return result


def ics_files(site: BuiltSite) -> list[str]:
    return sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.ics"))


def test_every_event_in_every_feed_is_complete(sites: dict[dt.date, BuiltSite]) -> None:
    site = sites[JUNE_2023]
    expected = expected_occasions()
    files = ics_files(site)
    assert len(files) == 3 + 5  # all, two partnerships, one per course
    stamp = dt.datetime(2023, 6, 14, 22, 0, tzinfo=dt.UTC)  # midnight of the build date in Malmö
    for relative in files:
        cal = calendar(site, relative)
        assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) == "-//Malmö stad//IOP-registret//SV"
        assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
        uids = [str(e["UID"]) for e in events(cal)]
        assert len(uids) == len(set(uids)), relative
        for event in events(cal):
            uid = str(event["UID"])
            assert UID.match(uid), uid
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert event["DTSTART"].params["TZID"] == "Europe/Stockholm" and event["DTEND"].params["TZID"] == "Europe/Stockholm"
            assert (start, end) == expected[uid] and start.utcoffset() == expected[uid][0].utcoffset()
            assert event.decoded("DTSTAMP") == stamp
            description = str(event["DESCRIPTION"])
            if uid.startswith("foraldrakurs-vt-2023-"):  # no venue in the record: no invented place
                assert "LOCATION" not in event
            else:
                assert str(event["LOCATION"]).strip()
            if uid.startswith("sprakkurs-vt-2024-"):  # neither the course nor the agreement names anyone
                assert "Kontakt: uppgift saknas." in description.splitlines()
            else:
                assert re.search(r"^Kontakt: .+, telefon 070-174 06 \d\d, e-post \S+@example\.org$", description, re.MULTILINE), description
    every = {str(e["UID"]) for e in events(calendar(site, "kalender/kurser.ics"))}
    assert every == set(expected)


def test_partnership_and_course_feeds_hold_only_their_own_events(sites: dict[dt.date, BuiltSite]) -> None:
    site = sites[JUNE_2023]
    for partnership in ("foraldrakurs", "sprakkurs"):
        uids = [str(e["UID"]) for e in events(calendar(site, f"kalender/{partnership}.ics"))]
        assert uids and all(uid.startswith(partnership + "-") for uid in uids)
    course = events(calendar(site, "kurser/foraldrakurs-ht-2023/kalender.ics"))
    assert [str(e["SUMMARY"]) for e in course][:3] == [
        "Informationsträff om Föräldrakurs hösten 2023",
        "Informationsträff om Föräldrakurs hösten 2023",
        "Föräldrakurs hösten 2023, träff 1 av 10: Föräldrarollen",
    ]
    assert len(course) == 12
    assert "Kontakt: Kim Handläggare, Exempelnämnden" in str(course[1]["DESCRIPTION"])  # the meeting's own contact
    assert str(course[0]["LOCATION"]) == "Exempelbys bibliotek, Exempelgatan 1"
    assert str(course[2]["LOCATION"]) == "Exempelbys bibliotek, Exempelgatan 1, 211 00 Malmö"


def test_times_follow_summer_time_in_stockholm(sites: dict[dt.date, BuiltSite]) -> None:
    by_uid = {str(e["UID"]): e for e in events(calendar(sites[JUNE_2023], "kalender/foraldrakurs.ics"))}
    winter = by_uid["foraldrakurs-vt-2024-2024-03-26-session@iop-registret.malmo.se"].decoded("DTSTART")
    summer = by_uid["foraldrakurs-vt-2024-2024-04-02-session@iop-registret.malmo.se"].decoded("DTSTART")
    assert winter.astimezone(dt.UTC).hour == 16 and summer.astimezone(dt.UTC).hour == 15


def test_cancelled_course_is_cancelled_in_the_feed(sites: dict[dt.date, BuiltSite]) -> None:
    event = only_event(calendar(sites[JUNE_2023], "kurser/sprakkurs-vt-2024/kalender.ics"))
    assert str(event["STATUS"]) == "CANCELLED" and str(event["SUMMARY"]).startswith("INSTÄLLD: ")


def only_event(cal: icalendar.Calendar) -> icalendar.Event:
    found = events(cal)
    assert len(found) == 1
    return found[0]


def test_uids_stay_the_same_between_builds(sites: dict[dt.date, BuiltSite]) -> None:
    june = [str(e["UID"]) for e in events(calendar(sites[JUNE_2023], "kalender/kurser.ics"))]
    september = [str(e["UID"]) for e in events(calendar(sites[SEPTEMBER_2023], "kalender/kurser.ics"))]
    assert june == september


def test_feeds_and_course_pages_are_byte_identical_for_the_same_epoch(tmp_path: Path, sites: dict[dt.date, BuiltSite]) -> None:
    again = build(make_project(tmp_path, COURSES), epoch=epoch(JUNE_2023))
    assert again.returncode == 0, again.output
    first = sites[JUNE_2023]
    compared = ics_files(first) + [p.relative_to(first.site).as_posix() for p in (first.site / "kurser").rglob("index.html")]
    assert len(compared) == 8 + 6
    for relative in compared:
        assert (again.site / relative).read_bytes() == (first.site / relative).read_bytes(), relative
    # DTSTAMP follows SOURCE_DATE_EPOCH, not the clock.
    stamps = {e.decoded("DTSTAMP") for e in events(calendar(sites[JUNE_2024], "kalender/kurser.ics"))}
    assert stamps == {dt.datetime(2024, 5, 31, 22, 0, tzinfo=dt.UTC)}


# --- JSON-LD --------------------------------------------------------------------------

OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$")


def json_ld(site: BuiltSite, path: str) -> dict:
    scripts = soup(site, path).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_course_page_has_course_instance_and_one_event_per_session(sites: dict[dt.date, BuiltSite]) -> None:
    data = json_ld(sites[JUNE_2023], "kurser/foraldrakurs-ht-2023/")
    assert data["@context"] == "https://schema.org"
    graph = data["@graph"]
    course = graph[0]
    assert course["@type"] == "Course" and course["name"] == "Föräldrakurs hösten 2023"
    assert course["description"] and course["provider"] == [{"@type": "Organization", "name": "Kursföreningen i Exempelby", "url": "https://example.org"}]
    (instance,) = course["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance" and instance["courseMode"] == "Onsite"
    assert (instance["startDate"], instance["endDate"]) == ("2023-09-05T17:00:00+02:00", "2023-11-07T19:30:00+01:00")
    events_ld = graph[1:]
    assert len(events_ld) == 10
    for event in events_ld:
        assert event["@type"] == "Event"
        assert event["name"].startswith("Föräldrakurs hösten 2023, träff ")
        assert OFFSET.match(event["startDate"]) and OFFSET.match(event["endDate"]) and event["startDate"] < event["endDate"]
        assert event["location"] == {
            "@type": "Place",
            "name": "Exempelbys bibliotek",
            "address": {"@type": "PostalAddress", "streetAddress": "Exempelgatan 1, 211 00 Malmö", "addressCountry": "SE"},
        }
        assert event["organizer"][0]["name"] == "Kursföreningen i Exempelby"
        assert event["inLanguage"] == "sv"
        assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
        assert event["eventStatus"] == "https://schema.org/EventScheduled"
        assert event["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "SEK", "availability": "https://schema.org/InStock"}
        assert event["isAccessibleForFree"] is True
    assert events_ld[0]["startDate"] == "2023-09-05T17:00:00+02:00"
    assert events_ld[-1]["endDate"] == "2023-11-07T19:30:00+01:00"


def test_json_ld_follows_status_languages_and_organiser_fallback(sites: dict[dt.date, BuiltSite]) -> None:
    planned = json_ld(sites[JUNE_2023], "kurser/foraldrakurs-vt-2024/")["@graph"]
    assert planned[0]["inLanguage"] == ["ar", "sv"]
    assert {e["startDate"][-6:] for e in planned[1:]} == {"+01:00", "+02:00"}
    assert planned[1]["offers"]["availability"] == "https://schema.org/PreOrder"
    # No organiser in the record: the idea-driven party of the partnership holds the course.
    assert planned[1]["organizer"] == [{"@type": "Organization", "name": "Kursföreningen i Exempelby", "url": "https://example.org"}]
    cancelled = json_ld(sites[JUNE_2023], "kurser/sprakkurs-vt-2024/")["@graph"]
    assert cancelled[1]["eventStatus"] == "https://schema.org/EventCancelled"
    assert "availability" not in cancelled[1]["offers"]


def test_json_ld_cannot_end_its_script_element(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(COURSES, registry)
    path = registry / "courses/foraldrakurs-ht-2023.yml"
    hostile = "Kurs </script><script>alert(1)</script> & <!-- mer"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Föräldrakurs hösten 2023", f'title: "{hostile}"'), encoding="utf-8")
    site = build_registry(tmp_path / "build", registry, epoch=epoch(JUNE_2023))
    raw = site.page("kurser/foraldrakurs-ht-2023/")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script
    assert json.loads(script)["@graph"][0]["name"] == hostile
    html = soup(site, "kurser/foraldrakurs-ht-2023/")
    assert not any("alert(1)" in (s.string or "") for s in html.select("script:not([type])"))


# --- Diagnostics ----------------------------------------------------------------------


def diagnostics(root: Path) -> list[Diagnostic]:
    report = Report(root.parent)
    validate_path(root, report)
    return report.items


def test_bad_course_data_gets_located_diagnostics() -> None:
    found = {(d.file, d.line, d.column, d.severity.value, d.code) for d in diagnostics(INVALID)}
    assert found == {
        ("courses-invalid/courses/utanfor-perioden.yml", 14, 11, "warning", "session-outside-period"),
        ("courses-invalid/courses/slutar-fore-start.yml", 13, 10, "error", "session-order"),
        ("courses-invalid/courses/okvoterad-tid.yml", 10, 10, "error", "yaml-coercion"),
        ("courses-invalid/courses/kapacitet.yml", 12, 8, "error", "capacity-order"),
        ("courses-invalid/courses/okant-partnerskap.yml", 1, 14, "error", "unknown-reference"),
    }


def test_diagnostic_messages_say_what_is_wrong_and_how_to_fix_it() -> None:
    by_code = {d.code: d for d in diagnostics(INVALID)}
    assert by_code["session-outside-period"].as_text() == (
        "courses-invalid/courses/utanfor-perioden.yml:14:11: varning: sessions[2].date: träffen 2025-01-07 ligger utanför "
        "partnerskapets avtalsperiod (2023-01-01–2024-12-31). Tips: Kontrollera datumet, eller registrera förlängningen av partnerskapet."
    )
    assert by_code["session-order"].message == "sessions[1].end: träffen 2023-09-12 slutar 16:00 men börjar 17:00."
    assert by_code["capacity-order"].message == "capacity.min: minsta antal (20) är större än högsta (10)."
    assert by_code["unknown-reference"].hint == "Menade du 'foraldrakurs'?"


def test_unquoted_end_time_is_refused_not_read_as_1110() -> None:
    report = Report(INVALID.parent)
    registry = validate_path(INVALID, report)
    (d,) = [d for d in report.items if d.code == "yaml-coercion"]
    assert d.message == 'sessions[0].end: hittade 18:30 utan citattecken, som YAML läser som talet 1110; förväntade en tid ("HH:MM").'
    assert d.hint == 'Sätt värdet inom citattecken: "18:30".'
    assert "okvoterad-tid" not in registry.courses  # never a course with an end time of 1110


def test_bad_course_data_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    result = build(make_project(tmp_path, INVALID), epoch=epoch(JUNE_2023))
    assert result.returncode != 0
    assert "registry/courses/okvoterad-tid.yml:10:10: fel: sessions[0].end" in result.output
    assert "registry/courses/kapacitet.yml:12:8: fel: capacity.min" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "project/site/kurser").exists()


def test_a_session_outside_the_period_warns_but_builds(tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(COURSES, registry)
    shutil.copy(INVALID / "courses/utanfor-perioden.yml", registry / "courses")
    site = build_registry(tmp_path / "build", registry, epoch=epoch(JUNE_2023))
    assert (site.site / "kurser/utanfor-perioden/index.html").is_file()


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(COURSES, root)
    return root


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def codes(root: Path) -> list[tuple[str, int, str]]:
    return [(d.file.rsplit("/", 1)[-1], d.line, d.code) for d in diagnostics(root)]


def test_information_meeting_after_the_course_starts_is_a_warning(registry: Path) -> None:
    edit(registry, "courses/foraldrakurs-ht-2023.yml", "  - date: 2023-08-29", "  - date: 2023-09-29")
    assert codes(registry) == [("foraldrakurs-ht-2023.yml", 76, "meeting-after-start")]


def test_referral_deadline_after_the_first_session_is_a_warning(registry: Path) -> None:
    edit(registry, "courses/foraldrakurs-ht-2023.yml", "deadline: 2023-08-31", "deadline: 2023-09-30")
    assert codes(registry) == [("foraldrakurs-ht-2023.yml", 68, "deadline-after-start")]


def test_the_same_session_twice_is_an_error(registry: Path) -> None:
    edit(registry, "courses/foraldrakurs-vt-2024.yml", "  - date: 2024-03-26", "  - date: 2024-02-13")
    assert ("foraldrakurs-vt-2024.yml", 11, "duplicate-session") in codes(registry)


def test_a_course_without_sessions_is_an_error(registry: Path) -> None:
    path = registry / "courses/foraldrakurs-vt-2023.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("sessions:")] + "sessions: []\n", encoding="utf-8")
    assert codes(registry) == [("foraldrakurs-vt-2023.yml", 7, "no-sessions")]


def test_a_full_course_with_places_left_is_a_warning(registry: Path) -> None:
    edit(registry, "courses/foraldrakurs-ht-2023.yml", "status: open", "status: full")
    assert codes(registry) == [("foraldrakurs-ht-2023.yml", 57, "full-with-places")]


def test_course_ids_of_list_pages_are_refused(registry: Path) -> None:
    shutil.move(registry / "courses/foraldrakurs-vt-2023.yml", registry / "courses/arkiv.yml")
    assert codes(registry) == [("arkiv.yml", 0, "reserved-id")]


# --- Size -----------------------------------------------------------------------------


def test_course_pages_stay_small_with_many_courses() -> None:
    """250 courses of ten sessions: the list is split into pages and none nears 1 MB."""
    from iop_registry.derive import Derived
    from iop_registry.model.common import Contact, Period
    from iop_registry.model.course import Capacity, Course, CourseStatus, Languages, Referral, Season, Session, Term, Venue
    from iop_registry.model.partnership import Partnership
    from iop_registry.model.types import PartialDate
    from iop_registry.registry import Entry, Registry
    from iop_registry.render import courses
    from iop_registry.render.environment import Renderer

    registry = Registry(Path("registry"))
    period = Period(PartialDate(2020), PartialDate(2030))
    registry.partnerships["p"] = Entry("partnership", "p", Partnership(title="P", summary="S", case_numbers=["ABC-2023-1"], parties=[], period=period, holds_courses=True, sources=[]), Path("p.yml"))
    for i in range(250):
        first = dt.date(2023, 1, 3) + dt.timedelta(days=7 * i)
        sessions = [Session(first + dt.timedelta(weeks=w), dt.time(17), dt.time(19), f"Ämne {w + 1}") for w in range(10)]
        course = Course(
            "p", f"Kurs {i}", Term(Season.AUTUMN, first.year), CourseStatus.OPEN, sessions,
            venue=Venue("Lokal", "Gatan 1, Malmö", "Buss 5 till Torget.", "Hiss finns."), languages=Languages(["svenska"], ["arabiska"]),
            capacity=Capacity(10, 20), places_left=5, fee=0, referral=Referral("Ring kursledaren.", Contact("Anna Andersson")),
        )
        registry.courses[f"kurs-{i}"] = Entry("course", f"kurs-{i}", course, Path(f"kurs-{i}.yml"))
    output = courses.outputs(Renderer(Derived.build(registry, dt.date(2024, 6, 1)), shipped_publisher()))
    paths = {page.path for page in output.pages}
    upcoming = sum(1 for e in registry.courses.values() if e.record.first_session.date >= dt.date(2024, 6, 1))
    assert upcoming > 100 and {"kurser/", "kurser/sida-2/", "kurser/arkiv/"} <= paths
    largest = max(output.pages, key=lambda page: len(page.body.encode()))
    assert len(largest.body.encode()) < 600_000, largest.path


def test_many_sessions_outside_the_period_give_one_warning(tmp_path: Path) -> None:
    root = tmp_path / "registry"
    shutil.copytree(INVALID, root)
    path = root / "courses/utanfor-perioden.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2024-12-17", "date: 2025-01-03"), encoding="utf-8")
    (warning,) = [d for d in diagnostics(root) if d.code == "session-outside-period"]
    assert warning.line == 11
    assert warning.message.startswith("sessions[1].date: 2 av 3 träffar (2025-01-03, 2025-01-07) ligger utanför")


def test_the_calendar_of_all_courses_holds_the_coming_and_the_last_year_and_each_partnership_keeps_its_archive(sites: dict[dt.date, BuiltSite]) -> None:
    from iop_registry.render.courses import RECENT_DAYS

    site = sites[JUNE_2024]
    since = JUNE_2024 - dt.timedelta(days=RECENT_DAYS)
    every = events(calendar(site, "kalender/kurser.ics"))
    by_partnership = [e for p in ("foraldrakurs", "sprakkurs") for e in events(calendar(site, f"kalender/{p}.ics"))]
    last_day: dict[str, dt.date] = {}
    for event in by_partnership:
        course = re.match(r"(.+)-\d{4}-\d{2}-\d{2}-", str(event["UID"])).group(1)  # type: ignore[union-attr]
        day = event.decoded("DTSTART").date()
        last_day[course] = max(last_day.get(course, day), day)
    old = {course for course, day in last_day.items() if day < since}
    assert old == {"foraldrakurs-vt-2023"}  # the fixture's course that ended over a year before June 2024
    kept = {str(e["UID"]) for e in by_partnership if not any(str(e["UID"]).startswith(c + "-") for c in old)}
    assert {str(e["UID"]) for e in every} == kept
    assert any(str(e["UID"]).startswith("foraldrakurs-vt-2023-") for e in events(calendar(site, "kalender/foraldrakurs.ics")))
    # A year earlier the same course was recent, so the calendar of all courses held it.
    assert any(str(e["UID"]).startswith("foraldrakurs-vt-2023-") for e in events(calendar(sites[JUNE_2023], "kalender/kurser.ics")))


@pytest.mark.parametrize(
    ("changes", "places", "fee"),
    [
        ({}, "6 platser kvar.", "Kostnadsfri"),
        ({"places_left": 1, "fee": 1200}, "1 plats kvar.", "1\u00a0200\u00a0kr"),  # no break inside an amount
        ({"places_left": 0}, "Inga platser kvar.", "Kostnadsfri"),
        ({"status": CourseStatus.FULL}, "Kursen är fullbokad.", "Kostnadsfri"),
        ({"places_left": None, "fee": None}, None, None),
    ],
)
def test_places_and_fee_are_worded_from_the_record(changes: dict[str, object], places: str | None, fee: str | None) -> None:
    """What a course card and page say of places and fee; None is shown as Uppgift saknas."""
    registry = validate_path(FIXTURES / "courses", Report(FIXTURES))
    course = dataclasses.replace(registry.courses["foraldrakurs-ht-2023"].record, **changes)  # type: ignore[arg-type]
    assert places_left_words(course) == places
    assert fee_words(course) == fee
