"""The CSV tables: each table's columns as data (name, Swedish title and description, value), and the CSV encoding.

CSV is for Swedish spreadsheet programs: semicolons, UTF-8 with a byte order mark, CRLF line
ends, amounts as plain integers, ISO dates. A column's title and description come from the
model's `Doc` (or, for a derived value, from DERIVED_DOCS): nothing about a column is written twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ...derive import Derived, PartnershipView, course_dates, is_public, is_upcoming
from ...model.course import Course, Session
from ...model.decision import Decision
from ...model.grant import Grant
from ...model.organisation import Organisation
from ...model.partnership import BudgetYear, CostLine, IncomeLine, Partnership, PartyRole
from ...model.types import Doc
from ...registry import Entry
from ...site_paths import record_path
from ..field_catalogue import model_doc
from .derived import DERIVED_DOCS
from .encode import cell, spreadsheet_safe
from .json_files import entries
from .publication import DATA, Urls


@dataclass(frozen=True)
class CsvContext:
    """What a column may need besides its row: the build's derived facts, addresses and names."""

    derived: Derived
    url: Urls
    name: Callable[[str | None], str]

    def named(self, organisation_id: str | None) -> str | None:
        """An organisation's name, empty when no organisation is given."""
        return self.name(organisation_id) if organisation_id else None

    def is_public(self, organisation_id: str) -> bool:
        return is_public(self.derived.registry, organisation_id)


@dataclass(frozen=True)
class Column:
    name: str
    doc: Doc
    value: Callable[[Any, CsvContext], Any]  # (row, context) -> the cell's value


@dataclass(frozen=True)
class CsvTable:
    path: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[CsvContext], Iterable[Any]]


@dataclass(frozen=True)
class BudgetLine:
    """A row of budgetrader.csv: one cost or income line of one partnership's budget year."""

    partnership: str
    year: int
    line: str  # cost | income
    item: CostLine | IncomeLine

    def cost(self, name: str) -> Any:
        """A field only cost lines have (performer, indexed, note); empty for income."""
        return getattr(self.item, name) if isinstance(self.item, CostLine) else None


ID_DOC = Doc("Id", "Postens id: filnamnet i registret och sista delen av sidans adress.")
URL_DOC = Doc("Adress", "Postens sida i registret.")


def id_column() -> Column:
    return Column("id", ID_DOC, lambda row, _: row.id)


def url_column(kind: str) -> Column:
    return Column("url", URL_DOC, lambda row, c: c.url(record_path(kind, row.id)))


def parties_column(role: PartyRole) -> Column:
    return Column(
        f"parties_{role.value}", Doc(f"Parter: {role.label.lower()}", f"Id för parter med rollen {role.label.lower()} ({role.value})."),
        lambda v, _: [p.organisation for p in v.record.parties if p.role is role],
    )


def records_of(kind: str) -> Callable[[CsvContext], Iterable[Entry[Any]]]:
    return lambda c: entries(c.derived, kind)


def partnership_rows(c: CsvContext) -> Iterable[PartnershipView]:
    return sorted(c.derived.partnerships, key=lambda v: v.id)


PARTNERSHIP_DOCS = DERIVED_DOCS["partnership"]

PARTNERSHIPS = CsvTable(
    f"{DATA}partnerskap.csv", "Partnerskap", "Ett partnerskap per rad med läge, period och summor.",
    (
        id_column(),
        url_column("partnership"),
        Column("title", model_doc(Partnership, "title"), lambda v, _: v.record.title),
        Column("status", Doc("Läge (kod)", PARTNERSHIP_DOCS["status"].description), lambda v, _: v.status.code),
        Column("status_label", Doc("Läge", "Läget i ord."), lambda v, _: v.status.label),
        Column("period_start", model_doc(Partnership, "period.start"), lambda v, _: v.record.period.start),
        Column("period_end", model_doc(Partnership, "period.end"), lambda v, _: v.record.period.end),
        Column("first_day", PARTNERSHIP_DOCS["first_day"], lambda v, _: v.start),
        Column("last_day", PARTNERSHIP_DOCS["last_day"], lambda v, _: v.end),
        Column("extension_deadline", PARTNERSHIP_DOCS["extension_deadline"], lambda v, _: v.extension_deadline),
        Column("extended_until", PARTNERSHIP_DOCS["extended_until"], lambda v, _: v.extended_end),
        *(parties_column(role) for role in PartyRole),
        Column("case_numbers", model_doc(Partnership, "case_numbers"), lambda v, _: v.record.case_numbers),
        Column("decisions", model_doc(Partnership, "decisions"), lambda v, _: v.record.decisions),
        Column("approved", PARTNERSHIP_DOCS["approved"], lambda v, _: v.approved),
        Column("budget_years", Doc("Budgetår", "År som budgeten anger belopp för."), lambda v, _: [s.year for s in v.budgets]),
        Column("missing_budget_years", PARTNERSHIP_DOCS["missing_budget_years"], lambda v, _: v.missing_budget_years),
        Column("cost_total", Doc("Kostnader totalt", "Summan av budgetens kostnader för alla budgetår, i kronor."), lambda v, _: v.cost_total),
        Column("public_funds_total", PARTNERSHIP_DOCS["public_funds_total"], lambda v, _: v.public_funds_total),
    ),
    partnership_rows,
)


def budget_rows(c: CsvContext) -> Iterable[BudgetLine]:
    for view in partnership_rows(c):
        for summary in view.budgets:
            yield from (BudgetLine(view.id, summary.year, "cost", line) for line in summary.budget.costs)
            yield from (BudgetLine(view.id, summary.year, "income", line) for line in summary.budget.income)


BUDGET_LINES = CsvTable(
    f"{DATA}budgetrader.csv", "Budgetrader",
    "En rad per budgetpost: partnerskap, år, kostnad eller intäkt, text, belopp, utförare och finansiär.",
    (
        Column("partnership", Doc("Partnerskap", "Id för partnerskapet."), lambda r, _: r.partnership),
        Column("year", model_doc(BudgetYear, "year"), lambda r, _: r.year),
        Column("line", Doc("Slag", "cost för en kostnadspost, income för en intäkt."), lambda r, _: r.line),
        Column("label", Doc("Post", "Postens text som den står i budgeten (tom för intäkter utan text)."), lambda r, _: r.item.label),
        Column("amount", model_doc(CostLine, "amount"), lambda r, _: r.item.amount),
        Column("performer", model_doc(CostLine, "performer"), lambda r, _: r.cost("performer")),
        Column("performer_name", Doc("Utförs av (namn)", "Namnet på organisationen som utför posten."), lambda r, c: c.named(r.cost("performer"))),
        Column("funder", model_doc(CostLine, "funder"), lambda r, _: r.item.funder),
        Column("funder_name", Doc("Finansiär (namn)", "Namnet på organisationen som betalar."), lambda r, c: c.named(r.item.funder)),
        Column(
            "funder_public", Doc("Offentlig finansiär", "true när finansiären är en offentlig organisation."),
            lambda r, c: c.is_public(r.item.funder) if r.item.funder else None,
        ),
        Column("indexed", model_doc(CostLine, "indexed"), lambda r, _: r.cost("indexed")),
        Column("note", model_doc(CostLine, "note"), lambda r, _: r.cost("note")),
    ),
    budget_rows,
)

GRANTS = CsvTable(
    f"{DATA}bidrag.csv", "Bidrag", "Ett bidrag per rad: år, belopp, vem som beviljar och vem som får.",
    (
        id_column(),
        url_column("grant"),
        Column("year", model_doc(Grant, "year"), lambda e, _: e.record.year),
        Column("amount", model_doc(Grant, "amount"), lambda e, _: e.record.amount),
        Column("funder", model_doc(Grant, "funder"), lambda e, _: e.record.funder),
        Column("funder_name", Doc("Beviljas av (namn)", "Namnet på nämnden som beviljar."), lambda e, c: c.name(e.record.funder)),
        Column("recipient", model_doc(Grant, "recipient"), lambda e, _: e.record.recipient),
        Column("recipient_name", Doc("Mottagare (namn)", "Namnet på organisationen som får pengarna."), lambda e, c: c.name(e.record.recipient)),
        Column("activity", model_doc(Grant, "activity"), lambda e, _: e.record.activity),
        Column("partnership", model_doc(Grant, "partnership"), lambda e, _: e.record.partnership),
        Column("decision", model_doc(Grant, "decision"), lambda e, _: e.record.decision),
        Column("funder_is_public", DERIVED_DOCS["grant"]["funder_is_public"], lambda e, c: c.is_public(e.record.funder)),
    ),
    records_of("grant"),
)

COURSE_DOCS = DERIVED_DOCS["course"]

COURSES = CsvTable(
    f"{DATA}kurser.csv", "Kurser", "En kurs per rad med termin, läge och första och sista träff.",
    (
        id_column(),
        url_column("course"),
        Column("partnership", model_doc(Course, "partnership"), lambda e, _: e.record.partnership),
        Column("example", model_doc(Course, "example"), lambda e, _: e.record.example),
        Column("title", model_doc(Course, "title"), lambda e, _: e.record.title),
        Column("term_season", model_doc(Course, "term.season"), lambda e, _: e.record.term.season),
        Column("term_year", model_doc(Course, "term.year"), lambda e, _: e.record.term.year),
        Column("status", model_doc(Course, "status"), lambda e, _: e.record.status),
        Column("status_label", Doc("Läge i ord", "Kursens läge i ord."), lambda e, _: e.record.status.label),
        Column("first_day", COURSE_DOCS["first_day"], lambda e, _: course_dates(e.record)[0]),
        Column("last_day", COURSE_DOCS["last_day"], lambda e, _: course_dates(e.record)[1]),
        Column("sessions", Doc("Antal träffar", "Hur många träffar kursen har."), lambda e, _: len(e.record.sessions)),
        Column("organiser", model_doc(Course, "organiser"), lambda e, _: e.record.organiser),
        Column("fee", model_doc(Course, "fee"), lambda e, _: e.record.fee),
        Column("places_left", model_doc(Course, "places_left"), lambda e, _: e.record.places_left),
        Column("venue", model_doc(Course, "venue.name"), lambda e, _: e.record.venue.name if e.record.venue else None),
        Column("upcoming", COURSE_DOCS["upcoming"], lambda e, c: is_upcoming(e.record, c.derived.today)),
    ),
    records_of("course"),
)


def session_rows(c: CsvContext) -> Iterable[tuple[Entry[Course], Session]]:
    for entry in entries(c.derived, "course"):
        yield from ((entry, s) for s in sorted(entry.record.sessions, key=lambda s: (s.date, s.start)))


SESSIONS = CsvTable(
    f"{DATA}kurstraffar.csv", "Kursträffar", "En rad per kursträff: kurs, datum, tider och ämne.",
    (
        Column("course", Doc("Kurs", "Id för kursen."), lambda r, _: r[0].id),
        Column("example", model_doc(Course, "example"), lambda r, _: r[0].record.example),
        Column("partnership", model_doc(Course, "partnership"), lambda r, _: r[0].record.partnership),
        Column("date", model_doc(Session, "date"), lambda r, _: r[1].date),
        Column("start", model_doc(Session, "start"), lambda r, _: r[1].start),
        Column("end", model_doc(Session, "end"), lambda r, _: r[1].end),
        Column("topic", model_doc(Session, "topic"), lambda r, _: r[1].topic),
    ),
    session_rows,
)

ORGANISATIONS = CsvTable(
    f"{DATA}organisationer.csv", "Organisationer", "En organisation per rad: namn, typ och organisationsnummer.",
    (
        id_column(),
        url_column("organisation"),
        Column("name", model_doc(Organisation, "name"), lambda e, _: e.record.name),
        Column("short_name", model_doc(Organisation, "short_name"), lambda e, _: e.record.short_name),
        Column("kind", model_doc(Organisation, "kind"), lambda e, _: e.record.kind),
        Column("kind_label", Doc("Typ i ord", "Organisationens typ i ord."), lambda e, _: e.record.kind.label),
        Column("public", DERIVED_DOCS["organisation"]["public"], lambda e, _: e.record.kind.is_public),
        Column("org_number", model_doc(Organisation, "org_number"), lambda e, _: e.record.org_number),
        Column("parent", model_doc(Organisation, "parent"), lambda e, _: e.record.parent),
    ),
    records_of("organisation"),
)

DECISIONS = CsvTable(
    f"{DATA}beslut.csv", "Beslut", "Ett ärende per rad: diarienummer, nämnd, läge och datum.",
    (
        id_column(),
        url_column("decision"),
        Column("case_number", model_doc(Decision, "case_number"), lambda e, _: e.record.case_number),
        Column("title", model_doc(Decision, "title"), lambda e, _: e.record.title),
        Column("board", model_doc(Decision, "board"), lambda e, _: e.record.board),
        Column("board_name", Doc("Nämnd (namn)", "Namnet på nämnden eller styrelsen som beslutar."), lambda e, c: c.name(e.record.board)),
        Column("status", model_doc(Decision, "status"), lambda e, _: e.record.status),
        Column("decided_on", model_doc(Decision, "decided_on"), lambda e, _: e.record.decided_on),
        Column("document_date", model_doc(Decision, "document_date"), lambda e, _: e.record.document_date),
        Column("partnerships", DERIVED_DOCS["decision"]["partnerships"], lambda e, c: c.derived.partnerships_by_decision.get(e.id, [])),
    ),
    records_of("decision"),
)

# In the order the open data page lists them.
CSV_TABLES = (PARTNERSHIPS, BUDGET_LINES, GRANTS, COURSES, SESSIONS, ORGANISATIONS, DECISIONS)


def csv_bytes(table: CsvTable, context: CsvContext) -> bytes:
    """Semicolon-separated UTF-8 with BOM and CRLF: how Excel with Swedish settings opens it right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows(context):
        writer.writerow([spreadsheet_safe(cell(c.value(row, context))) for c in table.columns])
    return buffer.getvalue().encode("utf-8-sig")
