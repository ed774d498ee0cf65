"""A partnership's standing on a day and the dates that matter to it: labels, statuses, key dates."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass


class PartnershipStatus(enum.StrEnum):
    """A partnership's standing; a StrEnum, so pages, JSON and CSV write the code as text."""

    PROPOSED = "proposed"
    # Nothing in the records says whether the agreement was decided, signed or proposed.
    UNKNOWN = "unknown"
    UPCOMING = "upcoming"
    ACTIVE = "active"
    ENDING = "ending"
    EXTENDED = "extended"
    ENDED = "ended"


# The statuses a partnership can have, in the order listings offer them as filters.
STATUS_LABELS: dict[PartnershipStatus, str] = {
    PartnershipStatus.PROPOSED: "Förslag",
    PartnershipStatus.UNKNOWN: "Beslut okänt",
    PartnershipStatus.UPCOMING: "Kommande",
    PartnershipStatus.ACTIVE: "Pågående",
    PartnershipStatus.ENDING: "Pågående, slutar snart",
    PartnershipStatus.EXTENDED: "Förlängt",
    PartnershipStatus.ENDED: "Avslutat",
}
# The statuses of an agreement in force.
RUNNING = frozenset({PartnershipStatus.ACTIVE, PartnershipStatus.ENDING, PartnershipStatus.EXTENDED})


@dataclass(frozen=True)
class Status:
    """A partnership's standing on a given day, with a Swedish label and an explanation."""

    code: PartnershipStatus
    label: str
    note: str = ""


@dataclass(frozen=True)
class KeyDate:
    date: dt.date
    label: str
    kind: str  # period | extension | invoice | report | meeting
    derived: bool = False  # computed from a rule in the agreement, not written as a date
    precision: str = "day"

def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's end (31 Dec - 6 = 30 Jun)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))
