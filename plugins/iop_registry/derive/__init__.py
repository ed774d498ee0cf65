"""Facts that follow from the records and a given day: statuses, totals, key dates, courses.

Everything here is a pure function of (registry, today). Templates and exports read these
values and never compute on their own, so a page, a CSV file and a chart can't disagree.
One module per job: `status` (a partnership's standing and key dates, as facts that render/text.py words), `budget` (a budget
year summed up), `funding` (public money per year in series), `courses` (a course's dates and
phase), `links` (which records point to which), `partnership` (one partnership's view) and
`derived` (everything for one build); `standing` says what a partnership's records show about
its life (decided, signed, proposed or unknown) and what that rests on.
"""

from __future__ import annotations

from .budget import BudgetSummary, FundingShare, PerformedCost, is_public, summarise_budget
from .courses import CoursePhase, course_dates, course_phase, course_sort_key, is_upcoming
from .derived import Derived
from .funding import FundingSeries, FundingTable, SeriesRole
from .links import RecordLinks
from .partnership import PartnershipView
from .standing import DecisionState, Standing, StandingBasis
from .status import RUNNING, KeyDate, KeyEvent, PartnershipStatus, Status, months_before

__all__ = [
    "RUNNING",
    "BudgetSummary",
    "CoursePhase",
    "DecisionState",
    "Derived",
    "FundingSeries",
    "FundingShare",
    "FundingTable",
    "KeyDate",
    "KeyEvent",
    "PartnershipStatus",
    "PartnershipView",
    "PerformedCost",
    "RecordLinks",
    "SeriesRole",
    "Standing",
    "StandingBasis",
    "Status",
    "course_dates",
    "course_phase",
    "course_sort_key",
    "is_public",
    "is_upcoming",
    "months_before",
    "summarise_budget",
]
