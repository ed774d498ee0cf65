"""A partnership's standing on a day and the dates that matter to it, as facts: statuses, key dates."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass

from ..model.partnership import EndedEarly


class PartnershipStatus(enum.StrEnum):
    """A partnership's standing; a StrEnum, so pages, JSON and CSV write the code as text."""

    PROPOSED = "proposed"
    # Nothing in the records says whether the agreement was decided, signed or proposed.
    UNKNOWN = "unknown"
    # Decided or signed, but no source gives the period: whether it runs today is unknown.
    UNDATED = "undated"
    UPCOMING = "upcoming"
    ACTIVE = "active"
    ENDING = "ending"
    EXTENDED = "extended"
    ENDED = "ended"


# The statuses of an agreement in force.
RUNNING = frozenset({PartnershipStatus.ACTIVE, PartnershipStatus.ENDING, PartnershipStatus.EXTENDED})


@dataclass(frozen=True)
class Status:
    """A partnership's standing on a given day and the facts its note names (render/text.py words them)."""

    code: PartnershipStatus
    # The day the note names: the start (upcoming), the end (active, ending, ended), the end of
    # the extension (extended); None for a proposal or an unknown decision.
    day: dt.date | None = None
    # Proposed or unknown: the period has already passed.
    period_over: bool = False
    # Ending: the last day to approve an extension, and whether today is after it.
    extension_deadline: dt.date | None = None
    deadline_passed: bool = False
    # Ended early: from when it no longer holds, and the party that ended it, as recorded.
    ended_early: EndedEarly | None = None


class KeyEvent(enum.StrEnum):
    """What happens on a key date; render/text.py gives each its words."""

    PERIOD_STARTS = "period-starts"
    PERIOD_ENDS = "period-ends"
    ENDED_EARLY = "ended-early"
    EXTENSION_DEADLINE = "extension-deadline"
    EXTENSION_ENDS = "extension-ends"
    INVOICE_DUE = "invoice-due"
    REPORT_DUE = "report-due"
    MEETING = "meeting"


@dataclass(frozen=True)
class KeyDate:
    date: dt.date
    event: KeyEvent
    kind: str  # period | extension | invoice | report | meeting
    derived: bool = False  # computed from a rule in the agreement, not written as a date
    precision: str = "day"
    # What the words name besides the date: the notice in months (extension deadline), the
    # year invoiced, the report's period, the meeting's body and the decision's case number.
    months: int | None = None
    year: int | None = None
    report_period: str | None = None
    body: str | None = None
    case_number: str | None = None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's end (31 Dec - 6 = 30 Jun)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))
