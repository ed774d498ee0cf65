"""One course as the pages, the calendar feeds and the structured data all see it.

The course list, a course page, its .ics file and its JSON-LD must never disagree about a
time, a place or whom to call, so each of those facts is worked out here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from babel import Locale
from babel.dates import format_date, format_time

from ..clock import STOCKHOLM
from ..derive import Derived, PartnershipView, course_phase
from ..formatting import LOCALE
from ..model.common import Contact
from ..model.course import Course, CourseStatus, InformationMeeting, Session, occasion_order
from ..model.partnership import PartyRole
from ..registry import Entry
from ..site_paths import partnership_feed, record_path


def day_text(day: dt.date) -> str:
    """'tisdag 7 september 2027': the weekday helps a reader who plans by the week."""
    return format_date(day, format="EEEE d MMMM y", locale=LOCALE)


def time_span(start: dt.time, end: dt.time) -> str:
    return f"{format_time(start, format='short', locale=LOCALE)}–{format_time(end, format='short', locale=LOCALE)}"


def in_stockholm(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=STOCKHOLM)


_LANGUAGE_CODES: dict[str, str] = {}


def language_code(name: str) -> str | None:
    """BCP 47 code of a language written in Swedish ('arabiska' -> 'ar'), from CLDR."""
    if not _LANGUAGE_CODES:
        for code, label in Locale.parse(LOCALE).languages.items():
            _LANGUAGE_CODES.setdefault(label.casefold(), code.replace("_", "-"))
    return _LANGUAGE_CODES.get(name.strip().casefold())


@dataclass(frozen=True)
class Occasion:
    """A dated meeting in a course: one of its sessions or an information meeting."""

    kind: str  # "session" | "information"
    uid: str
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    number: int  # 1-based position among the course's occasions of this kind
    count: int
    session: Session | None = None
    meeting: InformationMeeting | None = None

    @property
    def day_text(self) -> str:
        return day_text(self.date)

    @property
    def time_text(self) -> str:
        return time_span(self.start.time(), self.end.time())


def _occasions(course_id: str, kind: str, items: Sequence[Session | InformationMeeting]) -> list[Occasion]:
    ordered = sorted(items, key=occasion_order)
    result = []
    per_day: dict[dt.date, int] = {}
    for number, item in enumerate(ordered, start=1):
        # The UID names the day, not the time: a moved start time updates the event in a
        # subscriber's calendar instead of adding a second one.
        per_day[item.date] = per_day.get(item.date, 0) + 1
        suffix = "" if per_day[item.date] == 1 else f"-{per_day[item.date]}"
        # The iCalendar writer adds "@" and the site's host (Renderer.id_domain).
        uid = f"{course_id}-{item.date.isoformat()}-{kind}{suffix}"
        result.append(
            Occasion(
                kind, uid, item.date, in_stockholm(item.date, item.start), in_stockholm(item.date, item.end), number, len(ordered),
                session=item if isinstance(item, Session) else None,
                meeting=item if isinstance(item, InformationMeeting) else None,
            )
        )
    return result


@dataclass(frozen=True)
class CourseContact:
    """Whom to call about a course, with the name of their organisation looked up."""

    contact: Contact
    organisation_name: str | None


@dataclass
class CourseView:
    entry: Entry[Course]
    derived: Derived

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def record(self) -> Course:
        return self.entry.record

    @property
    def example(self) -> bool:
        return self.record.example

    @property
    def title(self) -> str:
        """The title as every page and feed shows it: an example says so first."""
        return f"Exempel: {self.record.title}" if self.example else self.record.title

    @property
    def page_path(self) -> str:
        return record_path("course", self.id)

    @property
    def calendar_path(self) -> str:
        # Beside the course page, so no partnership or course id can ever claim the same file.
        return f"{self.page_path}kalender.ics"

    @property
    def partnership(self) -> PartnershipView | None:
        return self.derived.partnership_by_id.get(self.record.partnership)

    @cached_property
    def phase(self) -> str:
        return course_phase(self.record, self.derived.today)

    @property
    def status_code(self) -> str:
        """The record's status, unless the dates say more: an 'open' course in the past is over."""
        status = self.record.status
        if status in (CourseStatus.CANCELLED, CourseStatus.HELD) or self.phase == "upcoming":
            return str(status.value)
        return "ongoing" if self.phase == "ongoing" else "ended"

    @property
    def status_label(self) -> str:
        return {"ongoing": "Pågår", "ended": "Avslutad"}.get(self.status_code) or self.record.status.label

    @cached_property
    def sessions(self) -> list[Occasion]:
        return _occasions(self.id, "session", self.record.sessions)

    @cached_property
    def meetings(self) -> list[Occasion]:
        return _occasions(self.id, "information", self.record.information_meetings)

    @property
    def first_day(self) -> dt.date:
        return self.sessions[0].date

    @property
    def last_day(self) -> dt.date:
        return self.sessions[-1].date

    @property
    def term_key(self) -> str:
        return f"{str(self.record.term.season.value).lower()}-{self.record.term.year}"

    @property
    def term_label(self) -> str:
        return f"{self.record.term.season.label} {self.record.term.year}"

    @property
    def usual_time(self) -> str | None:
        """The sessions' time when every session has the same one ("17:00–19:00"), else None."""
        times = {session.time_text for session in self.sessions}
        return times.pop() if len(times) == 1 else None

    @property
    def sessions_text(self) -> str:
        """'1 träff', '8 träffar'."""
        count = len(self.sessions)
        return f"{count} {'träff' if count == 1 else 'träffar'}"

    @property
    def span_text(self) -> str:
        if self.first_day == self.last_day:
            return format_date(self.first_day, format="long", locale=LOCALE)
        return f"{format_date(self.first_day, format='d MMMM', locale=LOCALE)} – {format_date(self.last_day, format='long', locale=LOCALE)}"

    @cached_property
    def contacts(self) -> list[CourseContact]:
        """The referral contact; without one, the contact persons of the partnership's parties."""
        referral = self.record.referral
        if referral and referral.contact:
            return [self._contact(referral.contact)]
        return partnership_contacts(self.partnership, self.derived)

    @property
    def contacts_from_partnership(self) -> bool:
        referral = self.record.referral
        return not (referral and referral.contact)

    def _contact(self, contact: Contact) -> CourseContact:
        return CourseContact(contact, organisation_name(self.derived, contact.organisation))

    @property
    def location_text(self) -> str | None:
        venue = self.record.venue
        if venue is None:
            return None
        return f"{venue.name}, {venue.address}" if venue.address else venue.name

    @cached_property
    def teaching_codes(self) -> list[str]:
        languages = self.record.languages
        codes = [language_code(name) for name in languages.teaching] if languages else []
        return [code for code in codes if code]


def organisation_name(derived: Derived, organisation_id: str | None) -> str | None:
    return derived.registry.organisation_name(organisation_id)


def partnership_contacts(view: PartnershipView | None, derived: Derived) -> list[CourseContact]:
    """Contact persons of a partnership's parties: idea-driven parties first, since they run
    the courses in the agreements we know (Mammakraft: the association "samordnar")."""
    if view is None:
        return []
    parties = sorted(view.record.parties, key=lambda party: party.role is not PartyRole.IDEA_DRIVEN)
    return [
        CourseContact(party.contact, organisation_name(derived, party.contact.organisation or party.organisation))
        for party in parties
        if party.contact
    ]


@dataclass(frozen=True)
class TermGroup:
    key: str
    label: str
    courses: list[CourseView]


def group_by_term(views: list[CourseView]) -> list[TermGroup]:
    """Consecutive courses of one term under one heading, in the order given."""
    groups: list[TermGroup] = []
    for view in views:
        if groups and groups[-1].key == view.term_key:
            groups[-1].courses.append(view)
        else:
            groups.append(TermGroup(view.term_key, view.term_label, [view]))
    return groups


@dataclass(frozen=True)
class CoursePartnership:
    """A partnership that holds courses: for contacts and a feed when no course is planned."""

    view: PartnershipView
    contacts: list[CourseContact]
    feed_path: str


def course_partnerships(derived: Derived) -> list[CoursePartnership]:
    """Partnerships whose agreement says they hold courses, or that have course records."""
    with_courses = {entry.record.partnership for entry in derived.registry.courses.values()}
    return [
        CoursePartnership(view, partnership_contacts(view, derived), partnership_feed(view.id))
        for view in derived.partnerships
        if view.record.holds_courses or view.id in with_courses
    ]


def course_views(derived: Derived, entries: list[Entry[Course]]) -> list[CourseView]:
    return [CourseView(entry, derived) for entry in entries]
