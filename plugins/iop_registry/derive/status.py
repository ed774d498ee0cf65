"""A partnership's standing on a day and the dates that matter to it: labels, statuses, key dates."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

# The statuses a partnership can have, in the order listings offer them as filters.
STATUS_LABELS = {
    "proposed": "Förslag",
    "upcoming": "Kommande",
    "active": "Pågående",
    "ending": "Pågående, slutar snart",
    "extended": "Förlängt",
    "ended": "Avslutat",
}

@dataclass(frozen=True)
class Status:
    """A partnership's standing on a given day, with a Swedish label and an explanation."""

    code: str  # proposed | upcoming | active | ending | extended | ended
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
