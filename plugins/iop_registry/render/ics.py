"""iCalendar feeds (RFC 5545) of course sessions and information meetings.

A school counsellor subscribes once and sees every new date in her own calendar. Feeds
are built with the `icalendar` library and are byte-identical for the same registry and
build date: DTSTAMP comes from the build date, never from the clock, and events are sorted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from icalendar import Calendar, Event, Timezone

from ..clock import STOCKHOLM
from ..formatting import long_date
from ..model.course import CourseStatus
from .course_view import CourseContact, CourseView, Occasion, organisation_name

TZID = "Europe/Stockholm"
EXAMPLE_PREFIX = "EXEMPEL: "
CANCELLED_PREFIX = "INSTÄLLD: "


def stamp_for(today: dt.date) -> dt.datetime:
    """DTSTAMP for every event: midnight of the build date in Sweden, in UTC as RFC 5545 asks."""
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=STOCKHOLM).astimezone(dt.UTC)


_END = b"END:VCALENDAR\r\n"


class Feeds:
    """Writes VCALENDAR files for one build.

    An event appears in three files (every course, its partnership, the course itself), so
    each VEVENT and VTIMEZONE is serialised once by `icalendar` and the files are joined
    from those parts: folding long lines is the slow step, and it would otherwise run three times.
    """

    def __init__(self, today: dt.date, *, publisher_name: str, uid_domain: str) -> None:
        self.today = today
        self.stamp = stamp_for(today)
        self.product_id = f"-//{publisher_name}//IOP-registret//SV"
        self.uid_domain = uid_domain
        self._events: dict[str, list[tuple[dt.datetime, str, bytes]]] = {}
        self._zones: dict[tuple[int, int], bytes] = {}

    def events(self, course: CourseView) -> list[tuple[dt.datetime, str, bytes]]:
        if course.id not in self._events:
            occasions = course.sessions + course.meetings
            self._events[course.id] = [
                (o.start, o.uid, _event(o, course, self.stamp, f"{o.uid}@{self.uid_domain}").to_ical()) for o in occasions
            ]
        return self._events[course.id]

    def zone(self, first_year: int, last_year: int) -> bytes:
        if (first_year, last_year) not in self._zones:
            timezone = Timezone.from_tzid(TZID, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1))
            self._zones[first_year, last_year] = timezone.to_ical()
        return self._zones[first_year, last_year]

    def calendar(self, name: str, courses: Iterable[CourseView]) -> bytes:
        """One VCALENDAR with every session and information meeting of `courses`, in time order."""
        calendar = Calendar()
        calendar.add("prodid", self.product_id)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        name = _one_line(name)
        calendar.add("name", name)  # RFC 7986
        calendar.add("x-wr-calname", name)  # the same, for clients that predate RFC 7986
        calendar.add("x-wr-timezone", TZID)
        head = calendar.to_ical()
        if not head.endswith(_END):  # not an assert: `python -O` would drop it
            raise ValueError("icalendar wrote a calendar that does not end with END:VCALENDAR")
        events = sorted(event for course in courses for event in self.events(course))
        # VTIMEZONE always: it documents the zone even in a feed that has no events yet, and
        # keeps an empty calendar valid (RFC 5545 wants at least one component).
        years = [start.year for start, _, _ in events] or [self.today.year]
        parts = [head[: -len(_END)], self.zone(min(years), max(years))]
        parts += [event for _, _, event in events]
        return b"".join(parts) + _END


# Defence in depth: validation refuses these in registry text, but whatever reaches the
# writer, a line break never starts a new property and a control character never reaches
# a calendar (RFC 5545 forbids them in text). The library escapes the rest (`,` `;` `\\`, and
# newlines in DESCRIPTION as \\n).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n?|\n")


def _one_line(text: str) -> str:
    return _CONTROL.sub("", _LINE_BREAK.sub(" ", text))


def _lines(text: str) -> str:
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def _event(occasion: Occasion, course: CourseView, stamp: dt.datetime, uid: str) -> Event:
    record = course.record
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", occasion.start)
    event.add("dtend", occasion.end)
    event.add("summary", _one_line(_summary(occasion, course)))
    location = _location(occasion, course)
    if location:
        event.add("location", _one_line(location))
    event.add("description", _lines(_description(occasion, course)))
    event.add("status", "CANCELLED" if record.status is CourseStatus.CANCELLED else "CONFIRMED")
    link = occasion.meeting.link if occasion.meeting and occasion.meeting.link else record.url
    if link:
        event.add("url", _one_line(link))
    return event


def _summary(occasion: Occasion, course: CourseView) -> str:
    title = course.record.title
    if occasion.kind == "session":
        text = f"{title}, träff {occasion.number} av {occasion.count}"
        if occasion.session and occasion.session.topic:
            text += f": {occasion.session.topic}"
    else:
        text = f"Informationsträff om {title}"
    if course.record.status is CourseStatus.CANCELLED:
        text = CANCELLED_PREFIX + text
    return EXAMPLE_PREFIX + text if course.example else text


def _location(occasion: Occasion, course: CourseView) -> str | None:
    if occasion.meeting is not None:
        return occasion.meeting.place or occasion.meeting.link
    return course.location_text


def contact_line(contact: CourseContact) -> str:
    person = contact.contact
    parts = [person.name + (f", {person.title}" if person.title else "")]
    if contact.organisation_name:
        parts.append(contact.organisation_name)
    if person.phone:
        parts.append(f"telefon {person.phone.national}")
    if person.email:
        parts.append(f"e-post {person.email.text}")
    return "Kontakt: " + ", ".join(parts)


def _description(occasion: Occasion, course: CourseView) -> str:
    record = course.record
    lines: list[str] = []
    if course.example:
        lines.append("EXEMPEL: detta är inte en verklig kurs. Datum, tider och plats är påhittade.")
    if record.status is CourseStatus.CANCELLED:
        lines.append("Kursen är inställd.")
    contacts = course.contacts
    if occasion.meeting is not None:
        meeting = occasion.meeting
        lines.append(f"Informationsträff för yrkesverksamma om kursen {record.title}, som börjar {long_date(course.first_day)}.")
        lines.append(f"För: {meeting.audience}")
        if meeting.signup:
            lines.append(f"Anmälan: {meeting.signup}")
        if meeting.contact:
            contacts = [CourseContact(meeting.contact, organisation_name(course.derived, meeting.contact.organisation))]
    else:
        lines.append(f"Träff {occasion.number} av {occasion.count} i kursen {record.title} ({course.term_label}).")
        if occasion.session and occasion.session.topic:
            lines.append(f"Ämne: {occasion.session.topic}")
        if record.venue and record.venue.directions:
            lines.append(f"Hitta hit: {record.venue.directions}")
        if record.languages:
            text = "Språk: " + ", ".join(record.languages.teaching)
            if record.languages.interpretation:
                text += "; tolkning till " + ", ".join(record.languages.interpretation)
            lines.append(text)
        if record.referral:
            lines.append(f"Anmälan: {record.referral.description}")
            if record.referral.deadline:
                lines.append(f"Sista anmälningsdag: {long_date(record.referral.deadline)}")
    lines.extend(contact_line(contact) for contact in contacts)
    if not contacts:
        lines.append("Kontakt: uppgift saknas.")
    return "\n".join(lines)

