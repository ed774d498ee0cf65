"""What each dataset of the DCAT catalogue is: its names and descriptions in Swedish and
English, its EU data themes, which data files belong to it, and the time its records cover.

Kept apart from the graph (render/dcat.py) because it is what an editor reads and changes:
plain text about the registry's data, not RDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..derive import Derived, PartnershipView, course_dates
from ..model.types import PartialDate
from ..site_paths import CALENDAR_FOLDER
from .exports.csv_columns import CsvTable
from .exports.csv_tables import BUDGET_LINES, COURSES, DECISIONS, GRANTS, ORGANISATIONS, PARTNERSHIPS, SESSIONS
from .exports.json_files import kind_path


@dataclass(frozen=True)
class Family:
    """One dataset of the catalogue: a kind of data, published as one or more files."""

    key: str
    title: str
    title_en: str
    description: str
    description_en: str
    themes: tuple[str, ...]
    kind: str | None = None  # the record kind whose JSON file belongs here
    tables: tuple[CsvTable, ...] = ()  # the CSV tables that belong here


FAMILIES = (
    Family(
        "partnerskap", "Partnerskap", "Partnerships",
        "Idéburna offentliga partnerskap (IOP): parter, avtalsperiod, beslut, budget per år och läge.",
        "Idea-based public partnerships (IOP): parties, agreement period, decisions, yearly budget and status.",
        ("GOVE", "SOCI"), "partnership", (PARTNERSHIPS,),
    ),
    Family(
        "budgetar", "Budgetar", "Budgets",
        "En rad per post i partnerskapens budgetar: år, kostnad eller intäkt, belopp, utförare och finansiär.",
        "One row per line of the partnerships' budgets: year, cost or income, amount, performer and funder.",
        ("ECON", "GOVE"), None, (BUDGET_LINES,),
    ),
    Family(
        "kurser", "Kurser", "Courses",
        "Kurser och kursträffar i partnerskapen: termin, läge, datum och tider, också som kalendrar (iCalendar).",
        "Courses and sessions in the partnerships: term, status, dates and times, also as calendars (iCalendar).",
        ("EDUC", "SOCI"), "course", (COURSES, SESSIONS),
    ),
    Family(
        "organisationer", "Organisationer", "Organisations",
        "Organisationerna i registret: föreningar, nämnder och förvaltningar med namn, typ och organisationsnummer.",
        "The organisations in the register: associations, boards and departments with name, type and organisation number.",
        ("GOVE", "SOCI"), "organisation", (ORGANISATIONS,),
    ),
    Family(
        "beslut", "Beslut", "Decisions",
        "Ärenden och beslut om partnerskap och bidrag: diarienummer, nämnd, läge och datum.",
        "Cases and decisions on partnerships and grants: case number, board, status and date.",
        ("GOVE",), "decision", (DECISIONS,),
    ),
    Family(
        "bidrag", "Bidrag", "Grants",
        "Bidrag till idéburna organisationer: år, belopp, vem som beviljar och vem som får.",
        "Grants to non-profit organisations: year, amount, who grants and who receives.",
        ("ECON", "GOVE"), "grant", (GRANTS,),
    ),
    Family(
        "registret", "Hela registret", "The whole register",
        "Alla poster av alla slag i en fil, CSV-filernas beskrivning som datapaket och flödet med ändringar i registret.",
        "Every record of every kind in one file, the CSV files described as a data package, and the feed of changes.",
        ("GOVE", "SOCI"),
    ),
)
FAMILY_BY_KEY = {family.key: family for family in FAMILIES}
# A data file's family by its site path, from the families' kinds and tables (the files are
# named where they are made); files of the whole registry (registret.json, the data package,
# the change feed) and any new file go to "registret".
FAMILY_OF_FILE = {
    **{kind_path(family.kind): family.key for family in FAMILIES if family.kind},
    **{table.path: family.key for family in FAMILIES for table in family.tables},
}


def family_of(path: str) -> str:
    if path.startswith(CALENDAR_FOLDER):
        return "kurser"
    return FAMILY_OF_FILE.get(path, "registret")


Moment = dt.date | PartialDate | int  # a day, a partial date, or a year


def last_moment(view: PartnershipView) -> dt.date | PartialDate | None:
    """The last moment a partnership runs, in the precision the records give it: the end of
    its last extension, the day before an early end, or the end of its period; None when no
    source gives the period."""
    if view.extended_end is not None:
        return max((e.until for e in view.record.extensions), key=lambda until: until.last_day)
    if view.ended_early:
        return view.end
    return view.record.period.end if view.record.period else None


def _last_day(moment: dt.date | PartialDate) -> dt.date:
    return moment.last_day if isinstance(moment, PartialDate) else moment


def coverage(derived: Derived) -> dict[str, tuple[Moment, Moment]]:
    """The first and last moment each family's records speak of; a family without dates has none."""
    registry = derived.registry
    result: dict[str, tuple[Moment, Moment]] = {}
    starts = [v.record.period.start for v in derived.partnerships if v.record.period]
    ends = [end for v in derived.partnerships if (end := last_moment(v)) is not None]
    if starts and ends:
        result["partnerskap"] = (min(starts, key=lambda p: p.first_day), max(ends, key=_last_day))
    budget_years = [s.year for v in derived.partnerships for s in v.record.budget]
    if budget_years:
        result["budgetar"] = (min(budget_years), max(budget_years))
    course_days = [day for entry in registry.courses.values() for day in course_dates(entry.record)]
    if course_days:
        result["kurser"] = (min(course_days), max(course_days))
    decided = [e.record.decided_on for e in registry.decisions.values() if e.record.decided_on]
    if decided:
        result["beslut"] = (min(decided), max(decided))
    grant_years = [e.record.year for e in registry.grants.values()]
    if grant_years:
        result["bidrag"] = (min(grant_years), max(grant_years))
    return result
