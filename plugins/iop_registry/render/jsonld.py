"""schema.org structured data (JSON-LD) for a course page, so search engines can show dates.

The course is a `Course` with one `CourseInstance`, and every session is also an `Event`:
Google shows Course rich results only for English pages, while Event results work for
Swedish ones. Example courses get no structured data at all: an invented date must never
reach a search result where the "Exempel" label of the page can't follow it.
"""

from __future__ import annotations

import json
from typing import Any

from ..model.course import CourseStatus
from ..model.partnership import PartyRole
from .course_view import CourseView, Occasion
from .jsontext import script_safe

SCHEMA = "https://schema.org/"

_AVAILABILITY = {
    CourseStatus.OPEN: "InStock",
    CourseStatus.FULL: "SoldOut",
    CourseStatus.PLANNED: "PreOrder",
}


def course_json_ld(course: CourseView) -> str | None:
    """The JSON text for a <script type="application/ld+json">, or None for an example."""
    if course.example:
        return None
    data = {"@context": "https://schema.org", "@graph": [_course(course)] + [_event(s, course) for s in course.sessions if course.record.venue]}
    text = script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    # Inside <script> the HTML parser ends the element at the first "</", whatever JSON
    # thinks: "\u003c" is the same character to JSON and invisible to HTML.
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def _course(course: CourseView) -> dict[str, Any]:
    record = course.record
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "name": record.title,
        "courseMode": "Onsite" if record.venue else None,
        "startDate": course.sessions[0].start.isoformat(),
        "endDate": course.sessions[-1].end.isoformat(),
        "eventStatus": _event_status(course),
        "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode" if record.venue else None,
        "location": _place(course),
        "inLanguage": _languages(course),
        "organizer": _organisers(course),
        "offers": _offer(course),
    }
    data: dict[str, Any] = {
        "@type": "Course",
        "name": record.title,
        "description": _description(course),
        "provider": _organisers(course),
        "inLanguage": _languages(course),
        "hasCourseInstance": [_clean(instance)],
    }
    if record.url:
        data["url"] = record.url
    return _clean(data)


def _event(session: Occasion, course: CourseView) -> dict[str, Any]:
    record = course.record
    name = f"{record.title}, träff {session.number} av {session.count}"
    if session.session and session.session.topic:
        name += f": {session.session.topic}"
    return _clean(
        {
            "@type": "Event",
            "name": name,
            "description": _description(course),
            "startDate": session.start.isoformat(),
            "endDate": session.end.isoformat(),
            "eventAttendanceMode": SCHEMA + "OfflineEventAttendanceMode",
            "eventStatus": _event_status(course),
            "location": _place(course),
            "organizer": _organisers(course),
            "inLanguage": _languages(course),
            "isAccessibleForFree": True if record.fee == 0 else None,
            "offers": _offer(course),
        }
    )


def _event_status(course: CourseView) -> str:
    return SCHEMA + ("EventCancelled" if course.record.status is CourseStatus.CANCELLED else "EventScheduled")


def _description(course: CourseView) -> str:
    record = course.record
    if record.description:
        return record.description
    partnership = course.partnership
    return partnership.record.summary or record.title if partnership else record.title


def _place(course: CourseView) -> dict[str, Any] | None:
    venue = course.record.venue
    if venue is None:
        return None
    place: dict[str, Any] = {"@type": "Place", "name": venue.name}
    if venue.address:
        place["address"] = {"@type": "PostalAddress", "streetAddress": venue.address, "addressCountry": "SE"}
    return place


def _organisers(course: CourseView) -> list[dict[str, Any]] | None:
    """The organiser the record names; otherwise the idea-driven parties, who hold the courses."""
    registry = course.derived.registry
    ids = [course.record.organiser] if course.record.organiser else []
    if not ids and course.partnership:
        ids = [party.organisation for party in course.partnership.record.parties if party.role is PartyRole.IDEA_DRIVEN]
    organisations = []
    for organisation_id in ids:
        entry = registry.organisations.get(organisation_id) if organisation_id else None
        if entry:
            # The one naming rule: a board is named with its municipality when there are several.
            organisation: dict[str, Any] = {"@type": "Organization", "name": registry.organisation_name(organisation_id)}
            if entry.record.website:
                organisation["url"] = entry.record.website
            organisations.append(organisation)
    return organisations or None


def _languages(course: CourseView) -> str | list[str] | None:
    codes = course.teaching_codes
    if not codes:
        return None
    return codes[0] if len(codes) == 1 else codes


def _offer(course: CourseView) -> dict[str, Any] | None:
    """What it costs, when the record says: a free course is an offer at price 0."""
    record = course.record
    if record.fee is None:
        return None
    offer: dict[str, Any] = {"@type": "Offer", "price": record.fee, "priceCurrency": "SEK"}
    availability = _AVAILABILITY.get(record.status)
    if availability:
        offer["availability"] = SCHEMA + availability
    if record.referral and record.referral.url:
        offer["url"] = record.referral.url
    return offer


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the record doesn't say, rather than publishing empty values."""
    return {key: value for key, value in data.items() if value is not None}
