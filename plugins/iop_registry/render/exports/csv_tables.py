"""The CSV tables: which rows each table has and its columns, in the order the open data page lists them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...derive import PartnershipStatus, PartnershipView, course_dates, is_upcoming
from ...model.course import Course, Session, occasion_order
from ...model.decision import Decision
from ...model.grant import Grant
from ...model.organisation import Organisation
from ...model.partnership import AmountLimit, BudgetYear, CostLine, IncomeLine, Partnership, PartyRole
from ...model.types import Doc
from ...registry import Entry
from ..text import status_label
from . import public_bodies
from .csv_columns import (
    BOOLEAN,
    DATE,
    INTEGER,
    KRONOR,
    TEXT,
    Column,
    CsvContext,
    CsvTable,
    from_model,
    id_column,
    precision_column,
    records_of,
    url_column,
)
from .derived import DERIVED_DOCS
from .json_files import entries
from .publication import DATA


@dataclass(frozen=True)
class BudgetLine:
    """A row of budgetrader.csv: one cost or income line of one partnership's budget year."""

    partnership: str
    year: int
    line: str  # cost | income
    item: CostLine | IncomeLine
    last_year: int | None = None  # the amounts are for year..last_year together

    def cost(self, name: str) -> Any:
        """A field only cost lines have (performer, indexed, note); empty for income."""
        return getattr(self.item, name) if isinstance(self.item, CostLine) else None


def parties_column(role: PartyRole) -> Column:
    return Column(
        f"parties_{role.value}", Doc(f"Parter: {role.label.lower()}", f"Id för parter med rollen {role.label.lower()} ({role.value})."),
        TEXT, lambda v, _: [p.organisation for p in v.record.parties if p.role is role], listed=True, refers_to="organisation",
    )


def public_body_columns(kind: str) -> tuple[Column, Column]:
    """The municipalities or regions a row's record belongs to: their ids and their names."""
    field, doc, _ = public_bodies.FIELDS[kind]
    listed = field == "public_bodies"  # a partnership may have several; the others one

    def ids(row: Any, c: CsvContext) -> list[str]:
        return public_bodies.public_bodies(kind, row.id, row.record, c.derived.registry)

    def shown(values: list[str]) -> Any:
        return values if listed else next(iter(values), None)

    return (
        Column(field, doc, TEXT, lambda row, c: shown(ids(row, c)), listed=listed, refers_to="organisation"),
        Column(f"{field}_name", public_bodies.NAME_DOC, TEXT, lambda row, c: shown([c.name(b) for b in ids(row, c)]), listed=listed),
    )


def partnership_rows(c: CsvContext) -> Iterable[PartnershipView]:
    return sorted(c.derived.partnerships, key=lambda v: v.id)


PARTNERSHIP_DOCS = DERIVED_DOCS["partnership"]

PARTNERSHIPS = CsvTable(
    f"{DATA}partnerskap.csv", "Partnerskap", "Ett partnerskap per rad med läge, period och summor.",
    (
        id_column(),
        url_column("partnership"),
        from_model("title", Partnership, "title", lambda v, _: v.record.title),
        Column(
            "status", Doc("Läge (kod)", PARTNERSHIP_DOCS["status"].description), TEXT, lambda v, _: v.status.code,
            choices=tuple(PartnershipStatus),
        ),
        Column("status_label", Doc("Läge", "Läget i ord."), TEXT, lambda v, _: status_label(v.status.code)),
        Column("first_day", PARTNERSHIP_DOCS["first_day"], DATE, lambda v, _: v.start),
        precision_column("period_start_precision", Partnership, "period.start", "first_day", lambda v, _: v.record.period.start if v.record.period else None),
        Column("last_day", PARTNERSHIP_DOCS["last_day"], DATE, lambda v, _: v.end),
        precision_column("period_end_precision", Partnership, "period.end", "last_day", lambda v, _: v.record.period.end if v.record.period else None),
        Column("extension_deadline", PARTNERSHIP_DOCS["extension_deadline"], DATE, lambda v, _: v.extension_deadline),
        Column("extended_until", PARTNERSHIP_DOCS["extended_until"], DATE, lambda v, _: v.extended_end),
        *(parties_column(role) for role in PartyRole),
        Column(
            "coordinator", Doc("Samordnande part", "Id för den part som källan säger samordnar partnerskapet."),
            TEXT, lambda v, _: v.record.coordinator, refers_to="organisation",
        ),
        from_model("case_numbers", Partnership, "case_numbers", lambda v, _: v.record.case_numbers),
        from_model("decisions", Partnership, "decisions", lambda v, _: v.record.decisions),
        Column("approved", PARTNERSHIP_DOCS["approved"], BOOLEAN, lambda v, _: v.approved),
        Column(
            "budget_years", Doc("Budgetår", "År som budgeten anger belopp för."), INTEGER, lambda v, _: [s.year for s in v.budgets],
            listed=True,
        ),
        Column("missing_budget_years", PARTNERSHIP_DOCS["missing_budget_years"], INTEGER, lambda v, _: v.missing_budget_years, listed=True),
        Column(
            "cost_total", Doc("Kostnader totalt", "Summan av budgetens kostnader för alla budgetår, i kronor; tom när källan inte anger kostnader."), KRONOR,
            lambda v, _: v.cost_total,
        ),
        Column("public_funds_total", PARTNERSHIP_DOCS["public_funds_total"], KRONOR, lambda v, _: v.public_funds_total),
        Column(
            "public_funds_total_limit", PARTNERSHIP_DOCS["public_funds_total_limit"], TEXT,
            lambda v, _: v.public_funds_total_limit, choices=tuple(limit.value for limit in AmountLimit),
        ),
        *public_body_columns("partnership"),
    ),
    partnership_rows,
    kind="partnership",
)


def budget_rows(c: CsvContext) -> Iterable[BudgetLine]:
    for view in partnership_rows(c):
        for summary in view.budgets_by_first_year:
            yield from (BudgetLine(view.id, summary.year, "cost", line, summary.last_year) for line in summary.budget.costs)
            yield from (BudgetLine(view.id, summary.year, "income", line, summary.last_year) for line in summary.budget.income)


BUDGET_LINES = CsvTable(
    f"{DATA}budgetrader.csv", "Budgetrader",
    "En rad per budgetpost: partnerskap, år, kostnad eller intäkt, text, belopp, utförare och finansiär.",
    (
        Column("partnership", Doc("Partnerskap", "Id för partnerskapet."), TEXT, lambda r, _: r.partnership, refers_to="partnership"),
        from_model("year", BudgetYear, "year", lambda r, _: r.year),
        Column(
            "last_year", Doc("Till och med år", "Satt när beloppet gäller åren year till last_year tillsammans, inte varje år."), INTEGER,
            lambda r, _: r.last_year,
        ),
        Column("line", Doc("Slag", "cost för en kostnadspost, income för en intäkt."), TEXT, lambda r, _: r.line, choices=("cost", "income")),
        Column("label", Doc("Post", "Postens text som den står i budgeten (tom för intäkter utan text)."), TEXT, lambda r, _: r.item.label),
        from_model("amount", CostLine, "amount", lambda r, _: r.item.amount),
        from_model("limit", CostLine, "limit", lambda r, _: r.item.limit),
        from_model("performer", CostLine, "performer", lambda r, _: r.cost("performer")),
        Column(
            "performer_name", Doc("Utförs av (namn)", "Namnet på organisationen som utför posten."), TEXT,
            lambda r, c: c.named(r.cost("performer")),
        ),
        from_model("funder", CostLine, "funder", lambda r, _: r.item.funder),
        Column("funder_name", Doc("Finansiär (namn)", "Namnet på organisationen som betalar."), TEXT, lambda r, c: c.named(r.item.funder)),
        Column(
            "funder_public", Doc("Offentlig finansiär", "true när finansiären är en offentlig organisation."), BOOLEAN,
            lambda r, c: c.is_public(r.item.funder) if r.item.funder else None,
        ),
        from_model("indexed", CostLine, "indexed", lambda r, _: r.cost("indexed")),
        from_model("note", CostLine, "note", lambda r, _: r.cost("note")),
    ),
    budget_rows,
)

GRANTS = CsvTable(
    f"{DATA}bidrag.csv", "Bidrag", "Ett bidrag per rad: år, belopp, vem som beviljar och vem som får.",
    (
        id_column(),
        url_column("grant"),
        from_model("year", Grant, "year", lambda e, _: e.record.year),
        from_model("amount", Grant, "amount", lambda e, _: e.record.amount),
        from_model("funder", Grant, "funder", lambda e, _: e.record.funder),
        Column("funder_name", Doc("Beviljas av (namn)", "Namnet på nämnden som beviljar."), TEXT, lambda e, c: c.name(e.record.funder)),
        from_model("recipient", Grant, "recipient", lambda e, _: e.record.recipient),
        Column(
            "recipient_name", Doc("Mottagare (namn)", "Namnet på organisationen som får pengarna."), TEXT,
            lambda e, c: c.name(e.record.recipient),
        ),
        from_model("activity", Grant, "activity", lambda e, _: e.record.activity),
        from_model("partnership", Grant, "partnership", lambda e, _: e.record.partnership),
        from_model("decision", Grant, "decision", lambda e, _: e.record.decision),
        Column("funder_is_public", DERIVED_DOCS["grant"]["funder_is_public"], BOOLEAN, lambda e, c: c.is_public(e.record.funder)),
        *public_body_columns("grant"),
    ),
    records_of("grant"),
    kind="grant",
)

COURSE_DOCS = DERIVED_DOCS["course"]

COURSES = CsvTable(
    f"{DATA}kurser.csv", "Kurser", "En kurs per rad med termin, läge och första och sista träff.",
    (
        id_column(),
        url_column("course"),
        from_model("partnership", Course, "partnership", lambda e, _: e.record.partnership),
        from_model("example", Course, "example", lambda e, _: e.record.example),
        from_model("title", Course, "title", lambda e, _: e.record.title),
        from_model("term_season", Course, "term.season", lambda e, _: e.record.term.season),
        from_model("term_year", Course, "term.year", lambda e, _: e.record.term.year),
        from_model("status", Course, "status", lambda e, _: e.record.status),
        Column("status_label", Doc("Läge i ord", "Kursens läge i ord."), TEXT, lambda e, _: e.record.status.label),
        Column("first_day", COURSE_DOCS["first_day"], DATE, lambda e, _: course_dates(e.record)[0]),
        Column("last_day", COURSE_DOCS["last_day"], DATE, lambda e, _: course_dates(e.record)[1]),
        Column("sessions", Doc("Antal träffar", "Hur många träffar kursen har."), INTEGER, lambda e, _: len(e.record.sessions)),
        from_model("organiser", Course, "organiser", lambda e, _: e.record.organiser),
        from_model("fee", Course, "fee", lambda e, _: e.record.fee),
        from_model("places_left", Course, "places_left", lambda e, _: e.record.places_left),
        from_model("venue", Course, "venue.name", lambda e, _: e.record.venue.name if e.record.venue else None),
        Column("upcoming", COURSE_DOCS["upcoming"], BOOLEAN, lambda e, c: is_upcoming(e.record, c.derived.today)),
    ),
    records_of("course"),
    kind="course",
)


def session_rows(c: CsvContext) -> Iterable[tuple[Entry[Course], Session]]:
    for entry in entries(c.derived, "course"):
        yield from ((entry, s) for s in sorted(entry.record.sessions, key=occasion_order))


SESSIONS = CsvTable(
    f"{DATA}kurstraffar.csv", "Kursträffar", "En rad per kursträff: kurs, datum, tider och ämne.",
    (
        Column("course", Doc("Kurs", "Id för kursen."), TEXT, lambda r, _: r[0].id, refers_to="course"),
        from_model("example", Course, "example", lambda r, _: r[0].record.example),
        from_model("partnership", Course, "partnership", lambda r, _: r[0].record.partnership),
        from_model("date", Session, "date", lambda r, _: r[1].date),
        from_model("start", Session, "start", lambda r, _: r[1].start),
        from_model("end", Session, "end", lambda r, _: r[1].end),
        from_model("topic", Session, "topic", lambda r, _: r[1].topic),
    ),
    session_rows,
    key=("course", "date", "start"),  # two sessions of a course never share day and time (duplicate-session)
)

ORGANISATIONS = CsvTable(
    f"{DATA}organisationer.csv", "Organisationer", "En organisation per rad: namn, typ och organisationsnummer.",
    (
        id_column(),
        url_column("organisation"),
        from_model("name", Organisation, "name", lambda e, _: e.record.name),
        from_model("short_name", Organisation, "short_name", lambda e, _: e.record.short_name),
        from_model("kind", Organisation, "kind", lambda e, _: e.record.kind),
        Column("kind_label", Doc("Typ i ord", "Organisationens typ i ord."), TEXT, lambda e, _: e.record.kind.label),
        Column("public", DERIVED_DOCS["organisation"]["public"], BOOLEAN, lambda e, _: e.record.kind.is_public),
        from_model("org_number", Organisation, "org_number", lambda e, _: e.record.org_number),
        from_model("parent", Organisation, "parent", lambda e, _: e.record.parent),
        *public_body_columns("organisation"),
    ),
    records_of("organisation"),
    kind="organisation",
)

DECISIONS = CsvTable(
    f"{DATA}beslut.csv", "Beslut", "Ett ärende per rad: diarienummer, nämnd, läge och datum.",
    (
        id_column(),
        url_column("decision"),
        from_model("case_number", Decision, "case_number", lambda e, _: e.record.case_number),
        from_model("title", Decision, "title", lambda e, _: e.record.title),
        from_model("board", Decision, "board", lambda e, _: e.record.board),
        Column(
            "board_name", Doc("Nämnd (namn)", "Namnet på nämnden eller styrelsen som beslutar."), TEXT,
            lambda e, c: c.name(e.record.board),
        ),
        from_model("status", Decision, "status", lambda e, _: e.record.status),
        from_model("decided_on", Decision, "decided_on", lambda e, _: e.record.decided_on),
        from_model("document_date", Decision, "document_date", lambda e, _: e.record.document_date),
        Column(
            "partnerships", DERIVED_DOCS["decision"]["partnerships"], TEXT,
            lambda e, c: c.derived.partnerships_by_decision.get(e.id, []), listed=True, refers_to="partnership",
        ),
        *public_body_columns("decision"),
    ),
    records_of("decision"),
    kind="decision",
)

# In the order the open data page lists them.
CSV_TABLES = (PARTNERSHIPS, BUDGET_LINES, GRANTS, COURSES, SESSIONS, ORGANISATIONS, DECISIONS)
