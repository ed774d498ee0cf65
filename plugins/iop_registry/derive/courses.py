"""Courses on a given day: their first and last dates, their phase (upcoming, ongoing, past), their order."""

from __future__ import annotations

import datetime as dt
import enum

from ..model.course import Course, CourseStatus
from ..registry import Entry


def course_dates(course: Course) -> tuple[dt.date, dt.date]:
    """The days of the first and the last session (the model's one order of sessions)."""
    return course.first_session.date, course.last_session.date


def course_sort_key(entry: Entry[Course]) -> tuple[dt.date, str]:
    return (course_dates(entry.record)[0], entry.id)


class CoursePhase(enum.StrEnum):
    """Where a course stands on a day; a StrEnum, so templates and scripts read it as text."""

    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    PAST = "past"


def course_phase(course: Course, today: dt.date) -> CoursePhase:
    """'upcoming' until the day of the first session, 'ongoing' until the last, then 'past'.

    A course that has started is no longer one to refer a participant to, so it leaves
    "upcoming" the day after its first session (the site's script does the same in the
    reader's browser). Cancelled and held courses are past, whatever their dates.
    """
    first, last = course_dates(course)
    if course.status in (CourseStatus.CANCELLED, CourseStatus.HELD) or last < today:
        return CoursePhase.PAST
    return CoursePhase.UPCOMING if first >= today else CoursePhase.ONGOING


def is_upcoming(course: Course, today: dt.date) -> bool:
    return course_phase(course, today) is CoursePhase.UPCOMING
