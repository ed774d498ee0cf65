"""Courses: the Kurser page, one printable page per course, the archive and the calendars.

Outputs:
- `kurser/` upcoming courses by term (then `kurser/sida-N/`), ongoing ones, whom to contact,
  the calendar feeds and the latest past courses; `kurser/arkiv/` every past course.
- `kurser/<id>/` a course page with schema.org JSON-LD (none for examples), and
  `kurser/<id>/kalender.ics` behind its "Lägg till i kalender" link.
- `kalender/kurser.ics` the courses not yet over and those of the last year (RECENT_DAYS);
  `kalender/<partnership-id>.ics` every course of one partnership, its whole archive.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..site_paths import ALL_COURSES_FEED, ONGOING_COURSES, PAST_COURSES
from .course_view import CourseView, course_partnerships, course_views, group_by_term
from .environment import Asset, Outputs, Page, Renderer
from .ics import Feeds
from .jsonld import course_json_ld
from .listing import numbered_title, paginate

# The Kurser page shows the newest past courses; the archive pages hold them all.
PAST_ON_MAIN_PAGE = 5
# The Kurser page must stay light for a phone at any registry size: longer lists of ongoing
# courses and of partnerships' contacts and calendars continue on pages of their own.
ONGOING_ON_MAIN_PAGE = 20
PARTNERSHIPS_ON_MAIN_PAGE = 30
# kalender/kurser.ics would otherwise grow with every course ever held, and every subscribed
# calendar downloads it whole on each refresh. A subscriber needs what is coming and what just
# happened; a course stays in it for a year after its last day. A partnership's own calendar
# keeps all its courses (it grows with one partnership only), and so do the course pages.
RECENT_DAYS = 365


def list_pages(renderer: Renderer, upcoming: list[CourseView], ongoing: list[CourseView], past: list[CourseView]) -> list[Page]:
    partnerships = course_partnerships(renderer.derived)
    pages = []
    for path, chunk, pagination in paginate(upcoming, "kurser/"):
        body = renderer.later(
            "course_list.html", path,
            upcoming_groups=group_by_term(list(chunk)), upcoming_total=len(upcoming), pagination=pagination,
            ongoing_groups=group_by_term(ongoing[:ONGOING_ON_MAIN_PAGE]), ongoing_total=len(ongoing), ongoing_more=len(ongoing) > ONGOING_ON_MAIN_PAGE,
            partnerships=partnerships[:PARTNERSHIPS_ON_MAIN_PAGE], partnerships_total=len(partnerships),
            all_feed=ALL_COURSES_FEED, past=past[:PAST_ON_MAIN_PAGE], past_total=len(past),
        )
        title = numbered_title("Kurser", pagination)
        description = "Kommande kurser med datum, plats, språk, platser och kontaktperson."
        pages.append(Page(path, title, body, in_nav=pagination.number == 1, description=description))
    if len(ongoing) > ONGOING_ON_MAIN_PAGE:
        for path, chunk, pagination in paginate(ongoing, ONGOING_COURSES):
            pages.append(Page(path, numbered_title("Pågående kurser", pagination), renderer.later("course_archive.html", path, items=chunk, pagination=pagination, ongoing=True)))
    if len(past) > PAST_ON_MAIN_PAGE:
        for path, chunk, pagination in paginate(past, PAST_COURSES):
            pages.append(Page(path, numbered_title("Tidigare och inställda kurser", pagination), renderer.later("course_archive.html", path, items=chunk, pagination=pagination, ongoing=False)))
    return pages


def course_page(renderer: Renderer, course: CourseView) -> Page:
    text = course_json_ld(course)
    # The JSON is escaped for a <script> element by course_json_ld; HTML-escaping it
    # again would turn every quote into &#34; and break it.
    json_ld = Markup(text) if text else None
    body = renderer.later("course.html", course.page_path, c=course, json_ld=json_ld)
    description = f"{course.term_label}: {course.span_text}."
    if course.example:
        description = "Exempel, inte en verklig kurs. " + description
    return Page(course.page_path, course.title, body, description=description)


def calendars(renderer: Renderer, courses: list[CourseView]) -> list[Asset]:
    feeds = Feeds(renderer.derived.today, publisher_name=renderer.publisher.name, uid_domain=renderer.id_domain)
    since = renderer.derived.today - dt.timedelta(days=RECENT_DAYS)
    assets = [Asset(ALL_COURSES_FEED, feeds.calendar("Kurser i IOP-registret", [c for c in courses if c.last_day >= since]))]
    by_partnership: dict[str, list[CourseView]] = {}
    for course in courses:
        by_partnership.setdefault(course.record.partnership, []).append(course)
    for item in course_partnerships(renderer.derived):
        chosen = by_partnership.get(item.view.id, [])
        assets.append(Asset(item.feed_path, feeds.calendar(f"Kurser i {item.view.record.title}", chosen)))
    for course in courses:
        assets.append(Asset(course.calendar_path, feeds.calendar(course.title, [course])))
    return assets


def outputs(renderer: Renderer) -> Outputs:
    derived = renderer.derived
    upcoming = course_views(derived, derived.upcoming_courses)
    ongoing = course_views(derived, derived.ongoing_courses)
    past = course_views(derived, derived.past_courses)
    every = sorted(upcoming + ongoing + past, key=lambda c: (c.first_day, c.id))
    pages = list_pages(renderer, upcoming, ongoing, past) + [course_page(renderer, c) for c in every]
    return Outputs(pages=pages, assets=calendars(renderer, every))
