"""Open data: the registry as JSON and CSV, its JSON Schemas, and the page that lists them.

Every file is written from the same typed records and derived values as the pages, so a
sum in a CSV file, in the JSON and on a page can't disagree. Field descriptions come from
the model's `Doc` markers (and, for derived values, from the `Doc`s declared here next to
the code that computes them): nothing about a field is written twice.

JSON keeps what the registry records (`recorded`, in the model's field order, as written)
apart from what the build computes (`derived`: status, totals, deadlines), because derived
values depend on the build date. CSV is for Swedish spreadsheet programs: semicolons,
UTF-8 with a byte order mark, CRLF line ends, amounts as plain integers, ISO dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal

from ..derive import Derived, PartnershipView, course_dates, is_public, is_upcoming
from ..model import RECORD_TYPES
from ..model.course import Course, Session
from ..model.decision import Decision
from ..model.fields import FieldType, Shape, field_type, is_record_class, is_required, record_fields
from ..model.grant import Grant
from ..model.organisation import Organisation
from ..model.partnership import BudgetYear, CostLine, IncomeLine, Partnership, PartyRole
from ..model.publisher import Publisher
from ..model.types import Doc, Ref
from ..model.values import of_value, value_type
from ..registry import Entry
from ..schema import record_schema
from ..site_paths import RECORD_SECTIONS, record_path
from . import public_body_fields
from .environment import Asset, Outputs, Page, Renderer
from .jsontext import script_safe

# Raise the major number when a field is removed or changes meaning, the minor when one is added.
SCHEMA_VERSION = "1.0"
DATA = "data/"
LICENCE = {
    "id": "CC0-1.0",
    "short": "CC0 1.0",
    "name": "CC0 1.0 Universell (fri från upphovsrätt)",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
}
PAGE = "oppna-data/"


# --- Values as JSON ------------------------------------------------------------------


def recorded(value: Any) -> Any:
    """A recorded value as JSON: as the registry holds it, never reformatted for display."""
    if value is None:
        return None
    vtype = of_value(value)  # its entry in VALUE_TYPES says how it is written
    if vtype is not None:
        return vtype.to_json(value)
    if isinstance(value, list):
        return [recorded(item) for item in value]
    if is_record_class(type(value)):
        return {name: recorded(getattr(value, name)) for name in record_fields(type(value))}
    raise TypeError(f"no JSON form for {type(value).__name__}")  # a new value type in the model


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _by_year(amounts: dict[int, int]) -> list[dict[str, int]]:
    return [{"year": year, "amount": amount} for year, amount in sorted(amounts.items())]


# --- Derived values, each documented once ------------------------------------------

DERIVED_DOCS: dict[str, dict[str, Doc]] = {
    "partnership": {
        "status": Doc("Läge", "Partnerskapets läge den dag registret byggdes: code (proposed, upcoming, active, ending, extended, ended), label och note."),
        "first_day": Doc("Första dag", "Avtalsperiodens första dag. Anger avtalet bara år eller månad är det periodens första dag."),
        "last_day": Doc("Sista dag", "Avtalsperiodens sista dag. Anger avtalet bara år eller månad är det periodens sista dag."),
        "period_precision": Doc("Periodens noggrannhet", "day, month eller year för start och end: hur exakt dokumenten anger perioden."),
        "approved": Doc("Beslutat", "true när ett fattat beslut om avtalet finns i registret."),
        "extension_deadline": Doc("Förlängning godkänns senast", "Sista dag att godkänna en förlängning, räknad från avtalets uppsägningstid."),
        "extended_until": Doc("Förlängt till", "Sista dagen efter beslutade förlängningar."),
        "budget": Doc("Budget per år", "Per budgetår: summa kostnader, summa intäkter, finansiering per finansiär (public = offentlig), skillnad (balance = intäkter minus kostnader) och offentliga medel."),
        "missing_budget_years": Doc("År utan budget", "År som avtalsperioden omfattar men som budgeten inte anger belopp för."),
        "public_funds_by_year": Doc("Offentliga medel per år", "Summan som offentliga finansiärer står för i budgeten, per år."),
        "public_funds_total": Doc("Offentliga medel totalt", "Summan av offentliga medel för alla budgetår."),
        "key_dates": Doc("Viktiga datum", "Datum ur avtalet och beslutet; derived = true när datumet är räknat från en regel i avtalet."),
        "grants": Doc("Bidrag", "Id för bidrag som hör till partnerskapet."),
        "courses": Doc("Kurser", "Id för partnerskapets kurser."),
    },
    "organisation": {
        "public": Doc("Offentlig", "true för kommunen, nämnder, utskott och förvaltningar."),
        "partnerships": Doc("Partnerskap", "Id för partnerskap där organisationen är part."),
        "funds_received": Doc(
            "Offentliga medel per år",
            "Offentliga medel som organisationen tar emot per år, enligt budgetar och bidrag: year, decided "
            "(beslutade avtal och bidrag) och proposed (förslag som inte är beslutade). De två läggs aldrig ihop.",
        ),
    },
    "decision": {
        "partnerships": Doc("Partnerskap", "Id för partnerskap som beslutet gäller."),
        "grants": Doc("Bidrag", "Id för bidrag som beslutet beviljar."),
    },
    "grant": {
        "funder_is_public": Doc("Offentlig finansiär", "true när den som beviljar bidraget är en offentlig organisation."),
    },
    "course": {
        "first_day": Doc("Första träffen", "Datum för kursens första träff."),
        "last_day": Doc("Sista träffen", "Datum för kursens sista träff."),
        "upcoming": Doc("Kommande", "true när kursen inte är inställd eller genomförd och sista träffen är samma dag som registret byggdes eller senare."),
    },
}


# The municipality or region of each record (render/public_body_fields.py).
for _kind, _docs in public_body_fields.docs().items():
    DERIVED_DOCS[_kind].update(_docs)


def _partnership_derived(view: PartnershipView, derived: Derived) -> dict[str, Any]:
    registry = derived.registry
    period = view.record.period
    return {
        "status": {"code": view.status.code, "label": view.status.label, "note": view.status.note},
        "first_day": view.start.isoformat(),
        "last_day": view.end.isoformat(),
        "period_precision": {"start": period.start.precision, "end": period.end.precision},
        "approved": view.approved,
        "extension_deadline": _iso(view.extension_deadline),
        "extended_until": _iso(view.extended_end),
        "budget": [
            {
                "year": s.year,
                "cost_total": s.cost_total,
                "income_total": s.income_total,
                "funding_total": s.funding_total,
                "balance": s.balance,
                "funding_source": s.funding_source,
                "funding": [{"funder": f.funder, "amount": f.amount, "public": is_public(registry, f.funder)} for f in s.funding],
                "unfunded_costs": s.unfunded_costs,
                "public_funds": view.public_funding_by_year[s.year],
            }
            for s in view.budgets
        ],
        "missing_budget_years": view.missing_budget_years,
        "public_funds_by_year": _by_year(view.public_funding_by_year),
        "public_funds_total": view.public_funds_total,
        "key_dates": [
            {"date": k.date.isoformat(), "label": k.label, "kind": k.kind, "derived": k.derived, "precision": k.precision}
            for k in view.key_dates
        ],
        "grants": [g.id for g in view.grants],
        "courses": [c.id for c in view.courses],
    }


def _derived_values(entry: Entry[Any], derived: Derived) -> dict[str, Any]:
    registry, record = derived.registry, entry.record
    if entry.kind == "partnership":
        return _partnership_derived(derived.partnership_by_id[entry.id], derived)
    if entry.kind == "organisation":
        return {
            "public": record.kind.is_public,
            "partnerships": sorted(v.id for v in derived.partnerships_by_organisation.get(entry.id, [])),
            "funds_received": [
                {"year": year, "decided": decided, "proposed": proposed}
                for year, (decided, proposed) in derived.funds_received(entry.id).items()
            ],
        }
    if entry.kind == "decision":
        return {
            "partnerships": derived.partnerships_by_decision.get(entry.id, []),
            "grants": derived.grants_by_decision.get(entry.id, []),
        }
    if entry.kind == "grant":
        return {"funder_is_public": is_public(registry, record.funder)}
    if entry.kind == "course":
        first, last = course_dates(record)
        return {"first_day": first.isoformat(), "last_day": last.isoformat(), "upcoming": is_upcoming(record, derived.today)}
    raise ValueError(entry.kind)


# --- JSON files ------------------------------------------------------------------------


class Urls:
    """Addresses of record pages: absolute when the site has a `site_url`, else from the site root."""

    def __init__(self, site_url: str) -> None:
        self.base = site_url.rstrip("/") + "/" if site_url else "/"
        self.absolute = bool(site_url)

    def __call__(self, path: str) -> str:
        return self.base + path


def _record(entry: Entry[Any], derived: Derived, url: Urls) -> dict[str, Any]:
    return {
        "id": entry.id,
        "url": url(record_path(entry.kind, entry.id)),
        "recorded": recorded(entry.record),
        "derived": _derived_values(entry, derived) | public_body_fields.json_fields(entry.kind, entry.id, entry.record, derived.registry),
    }


def _entries(derived: Derived, kind: str) -> list[Entry[Any]]:
    return sorted(derived.registry.of_kind(kind).values(), key=lambda e: e.id)


def _header(derived: Derived, publisher: Publisher) -> dict[str, Any]:
    return {
        "version": {"schema": SCHEMA_VERSION, "built": derived.today.isoformat()},
        "licence": LICENCE,
        "source": f"IOP-registret, {publisher.name}",
        "publisher": {
            "name": publisher.name,
            "kind": publisher.kind.value,
            "org_number": str(publisher.org_number) if publisher.org_number else None,
            "website": publisher.website,
        },
    }


def _json_bytes(data: Any) -> bytes:
    # Compact: indenting switches json to its pure-Python encoder, ten times slower (a minute
    # at 10,000 partnerships); browsers and `jq` show the files indented anyway.
    return (script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"))) + "\n").encode("utf-8")


def json_files(derived: Derived, publisher: Publisher, url: Urls) -> dict[str, bytes]:
    header = _header(derived, publisher)
    records = {kind: [_record(e, derived, url) for e in _entries(derived, kind)] for kind in RECORD_TYPES}
    files = {f"{DATA}registret.json": _json_bytes({**header, **{RECORD_TYPES[k].folder: records[k] for k in RECORD_TYPES}})}
    for kind in RECORD_TYPES:
        body = {**header, "kind": kind, "schema": f"schemas/{kind}.schema.json", "records": records[kind]}
        files[f"{DATA}{RECORD_SECTIONS[kind]}.json"] = _json_bytes(body)
    for kind in RECORD_TYPES:
        schema = record_schema(kind, url(f"{DATA}schemas/{kind}.schema.json") if url.absolute else None)
        files[f"{DATA}schemas/{kind}.schema.json"] = (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files


# --- CSV files -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    doc: Doc
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class CsvTable:
    path: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[Any]]


def model_doc(cls: type, path: str) -> Doc:
    """The Doc of a (nested) model field, e.g. model_doc(Partnership, "period.start")."""
    titles = []
    doc = Doc("")
    for name in path.split("."):
        ftype = record_fields(cls)[name]
        doc = ftype.marker(Doc) or Doc(name)
        titles.append(doc.title)
        base = ftype.base
        if typing.get_origin(base) is list:
            base = field_type(typing.get_args(base)[0]).base
        cls = base
    return Doc(": ".join(titles), doc.description, doc.example)


def cell(value: Any) -> str:
    """A value as a spreadsheet reads it: integers plain, dates ISO, lists joined with ', '."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    vtype = of_value(value)
    if vtype is not None:
        return vtype.to_csv(value)
    return str(recorded(value))


def csv_bytes(table: CsvTable) -> bytes:
    """Semicolon-separated UTF-8 with BOM and CRLF: how Excel with Swedish settings opens it right."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows():
        writer.writerow([spreadsheet_safe(cell(c.value(row))) for c in table.columns])
    return buffer.getvalue().encode("utf-8-sig")


# A text cell starting with one of these runs as a formula in Excel (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Prefix formula-like text with an apostrophe, which Excel shows as plain text.

    The open data page says so; the JSON files keep every text exactly as recorded. Amounts
    are never negative here, so no number is touched."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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


def csv_tables(derived: Derived, url: Urls, name: Callable[[str | None], str]) -> list[CsvTable]:
    registry = derived.registry

    def page(kind: str) -> Callable[[Entry[Any]], str]:
        return lambda e: url(record_path(kind, e.id))

    def body_columns(kind: str) -> list[Column]:
        return [Column(*c) for c in public_body_fields.csv_columns(kind, registry, name)]

    def parties(role: PartyRole) -> Column:
        return Column(
            f"parties_{role.value}", Doc(f"Parter: {role.label.lower()}", f"Id för parter med rollen {role.label.lower()} ({role.value})."),
            lambda v: [p.organisation for p in v.record.parties if p.role is role],
        )

    partnerships = CsvTable(
        f"{DATA}partnerskap.csv", "Partnerskap", "Ett partnerskap per rad med läge, period och summor.",
        (
            Column("id", ID_DOC, lambda v: v.id),
            Column("url", URL_DOC, lambda v: url(record_path("partnership", v.id))),
            Column("title", model_doc(Partnership, "title"), lambda v: v.record.title),
            Column("status", Doc("Läge (kod)", DERIVED_DOCS["partnership"]["status"].description), lambda v: v.status.code),
            Column("status_label", Doc("Läge", "Läget i ord."), lambda v: v.status.label),
            Column("period_start", model_doc(Partnership, "period.start"), lambda v: v.record.period.start),
            Column("period_end", model_doc(Partnership, "period.end"), lambda v: v.record.period.end),
            Column("first_day", DERIVED_DOCS["partnership"]["first_day"], lambda v: v.start),
            Column("last_day", DERIVED_DOCS["partnership"]["last_day"], lambda v: v.end),
            Column("extension_deadline", DERIVED_DOCS["partnership"]["extension_deadline"], lambda v: v.extension_deadline),
            Column("extended_until", DERIVED_DOCS["partnership"]["extended_until"], lambda v: v.extended_end),
            *(parties(role) for role in PartyRole),
            Column("case_numbers", model_doc(Partnership, "case_numbers"), lambda v: v.record.case_numbers),
            Column("decisions", model_doc(Partnership, "decisions"), lambda v: v.record.decisions),
            Column("approved", DERIVED_DOCS["partnership"]["approved"], lambda v: v.approved),
            Column("budget_years", Doc("Budgetår", "År som budgeten anger belopp för."), lambda v: [s.year for s in v.budgets]),
            Column("missing_budget_years", DERIVED_DOCS["partnership"]["missing_budget_years"], lambda v: v.missing_budget_years),
            Column("cost_total", Doc("Kostnader totalt", "Summan av budgetens kostnader för alla budgetår, i kronor."), lambda v: v.cost_total),
            Column("public_funds_total", DERIVED_DOCS["partnership"]["public_funds_total"], lambda v: v.public_funds_total),
            *body_columns("partnership"),
        ),
        lambda: sorted(derived.partnerships, key=lambda v: v.id),
    )

    def budget_rows() -> Iterable[BudgetLine]:
        for view in sorted(derived.partnerships, key=lambda v: v.id):
            for summary in view.budgets:
                yield from (BudgetLine(view.id, summary.year, "cost", line) for line in summary.budget.costs)
                yield from (BudgetLine(view.id, summary.year, "income", line) for line in summary.budget.income)

    def named(organisation_id: str | None) -> str | None:
        return name(organisation_id) if organisation_id else None

    budget_lines = CsvTable(
        f"{DATA}budgetrader.csv", "Budgetrader",
        "En rad per budgetpost: partnerskap, år, kostnad eller intäkt, text, belopp, utförare och finansiär.",
        (
            Column("partnership", Doc("Partnerskap", "Id för partnerskapet."), lambda r: r.partnership),
            Column("year", model_doc(BudgetYear, "year"), lambda r: r.year),
            Column("line", Doc("Slag", "cost för en kostnadspost, income för en intäkt."), lambda r: r.line),
            Column("label", Doc("Post", "Postens text som den står i budgeten (tom för intäkter utan text)."), lambda r: r.item.label),
            Column("amount", model_doc(CostLine, "amount"), lambda r: r.item.amount),
            Column("performer", model_doc(CostLine, "performer"), lambda r: r.cost("performer")),
            Column("performer_name", Doc("Utförs av (namn)", "Namnet på organisationen som utför posten."), lambda r: named(r.cost("performer"))),
            Column("funder", model_doc(CostLine, "funder"), lambda r: r.item.funder),
            Column("funder_name", Doc("Finansiär (namn)", "Namnet på organisationen som betalar."), lambda r: named(r.item.funder)),
            Column(
                "funder_public", Doc("Offentlig finansiär", "true när finansiären är en offentlig organisation."),
                lambda r: is_public(registry, r.item.funder) if r.item.funder else None,
            ),
            Column("indexed", model_doc(CostLine, "indexed"), lambda r: r.cost("indexed")),
            Column("note", model_doc(CostLine, "note"), lambda r: r.cost("note")),
        ),
        budget_rows,
    )

    grants = CsvTable(
        f"{DATA}bidrag.csv", "Bidrag", "Ett bidrag per rad: år, belopp, vem som beviljar och vem som får.",
        (
            Column("id", ID_DOC, lambda e: e.id),
            Column("url", URL_DOC, page("grant")),
            Column("year", model_doc(Grant, "year"), lambda e: e.record.year),
            Column("amount", model_doc(Grant, "amount"), lambda e: e.record.amount),
            Column("funder", model_doc(Grant, "funder"), lambda e: e.record.funder),
            Column("funder_name", Doc("Beviljas av (namn)", "Namnet på nämnden som beviljar."), lambda e: name(e.record.funder)),
            Column("recipient", model_doc(Grant, "recipient"), lambda e: e.record.recipient),
            Column("recipient_name", Doc("Mottagare (namn)", "Namnet på organisationen som får pengarna."), lambda e: name(e.record.recipient)),
            Column("activity", model_doc(Grant, "activity"), lambda e: e.record.activity),
            Column("partnership", model_doc(Grant, "partnership"), lambda e: e.record.partnership),
            Column("decision", model_doc(Grant, "decision"), lambda e: e.record.decision),
            Column("funder_is_public", DERIVED_DOCS["grant"]["funder_is_public"], lambda e: is_public(registry, e.record.funder)),
            *body_columns("grant"),
        ),
        lambda: _entries(derived, "grant"),
    )

    courses = CsvTable(
        f"{DATA}kurser.csv", "Kurser", "En kurs per rad med termin, läge och första och sista träff.",
        (
            Column("id", ID_DOC, lambda e: e.id),
            Column("url", URL_DOC, page("course")),
            Column("partnership", model_doc(Course, "partnership"), lambda e: e.record.partnership),
            Column("example", model_doc(Course, "example"), lambda e: e.record.example),
            Column("title", model_doc(Course, "title"), lambda e: e.record.title),
            Column("term_season", model_doc(Course, "term.season"), lambda e: e.record.term.season),
            Column("term_year", model_doc(Course, "term.year"), lambda e: e.record.term.year),
            Column("status", model_doc(Course, "status"), lambda e: e.record.status),
            Column("status_label", Doc("Läge i ord", "Kursens läge i ord."), lambda e: e.record.status.label),
            Column("first_day", DERIVED_DOCS["course"]["first_day"], lambda e: course_dates(e.record)[0]),
            Column("last_day", DERIVED_DOCS["course"]["last_day"], lambda e: course_dates(e.record)[1]),
            Column("sessions", Doc("Antal träffar", "Hur många träffar kursen har."), lambda e: len(e.record.sessions)),
            Column("organiser", model_doc(Course, "organiser"), lambda e: e.record.organiser),
            Column("fee", model_doc(Course, "fee"), lambda e: e.record.fee),
            Column("places_left", model_doc(Course, "places_left"), lambda e: e.record.places_left),
            Column("venue", model_doc(Course, "venue.name"), lambda e: e.record.venue.name if e.record.venue else None),
            Column("upcoming", DERIVED_DOCS["course"]["upcoming"], lambda e: is_upcoming(e.record, derived.today)),
        ),
        lambda: _entries(derived, "course"),
    )

    def session_rows() -> Iterable[tuple[Entry[Course], Session]]:
        for entry in _entries(derived, "course"):
            yield from ((entry, s) for s in sorted(entry.record.sessions, key=lambda s: (s.date, s.start)))

    sessions = CsvTable(
        f"{DATA}kurstraffar.csv", "Kursträffar", "En rad per kursträff: kurs, datum, tider och ämne.",
        (
            Column("course", Doc("Kurs", "Id för kursen."), lambda r: r[0].id),
            Column("example", model_doc(Course, "example"), lambda r: r[0].record.example),
            Column("partnership", model_doc(Course, "partnership"), lambda r: r[0].record.partnership),
            Column("date", model_doc(Session, "date"), lambda r: r[1].date),
            Column("start", model_doc(Session, "start"), lambda r: r[1].start),
            Column("end", model_doc(Session, "end"), lambda r: r[1].end),
            Column("topic", model_doc(Session, "topic"), lambda r: r[1].topic),
        ),
        session_rows,
    )

    organisations = CsvTable(
        f"{DATA}organisationer.csv", "Organisationer", "En organisation per rad: namn, typ och organisationsnummer.",
        (
            Column("id", ID_DOC, lambda e: e.id),
            Column("url", URL_DOC, page("organisation")),
            Column("name", model_doc(Organisation, "name"), lambda e: e.record.name),
            Column("short_name", model_doc(Organisation, "short_name"), lambda e: e.record.short_name),
            Column("kind", model_doc(Organisation, "kind"), lambda e: e.record.kind),
            Column("kind_label", Doc("Typ i ord", "Organisationens typ i ord."), lambda e: e.record.kind.label),
            Column("public", DERIVED_DOCS["organisation"]["public"], lambda e: e.record.kind.is_public),
            Column("org_number", model_doc(Organisation, "org_number"), lambda e: e.record.org_number),
            Column("parent", model_doc(Organisation, "parent"), lambda e: e.record.parent),
            *body_columns("organisation"),
        ),
        lambda: _entries(derived, "organisation"),
    )

    decisions = CsvTable(
        f"{DATA}beslut.csv", "Beslut", "Ett ärende per rad: diarienummer, nämnd, läge och datum.",
        (
            Column("id", ID_DOC, lambda e: e.id),
            Column("url", URL_DOC, page("decision")),
            Column("case_number", model_doc(Decision, "case_number"), lambda e: e.record.case_number),
            Column("title", model_doc(Decision, "title"), lambda e: e.record.title),
            Column("board", model_doc(Decision, "board"), lambda e: e.record.board),
            Column("board_name", Doc("Nämnd (namn)", "Namnet på nämnden eller styrelsen som beslutar."), lambda e: name(e.record.board)),
            Column("status", model_doc(Decision, "status"), lambda e: e.record.status),
            Column("decided_on", model_doc(Decision, "decided_on"), lambda e: e.record.decided_on),
            Column("document_date", model_doc(Decision, "document_date"), lambda e: e.record.document_date),
            Column("partnerships", DERIVED_DOCS["decision"]["partnerships"], lambda e: derived.partnerships_by_decision.get(e.id, [])),
            *body_columns("decision"),
        ),
        lambda: _entries(derived, "decision"),
    )
    return [partnerships, budget_lines, grants, courses, sessions, organisations, decisions]


# --- Field documentation for the page ------------------------------------------------

@dataclass(frozen=True)
class FieldDoc:
    name: str
    title: str
    description: str
    type: str
    required: bool = False


def type_name(ftype: FieldType) -> str:
    if ftype.item is not None:
        return "lista: " + type_name(ftype.item)
    ref = ftype.marker(Ref)
    if ref:
        return f"id ({RECORD_TYPES[ref.kind].singular})"
    if ftype.shape is Shape.RECORD:
        return "grupp av fält"
    # The base type's name: a case number is "text" in the catalogue, as it always was.
    try:
        return value_type(ftype.base).catalogue
    except KeyError:
        return "värde"


def field_docs(cls: type, prefix: str = "") -> list[FieldDoc]:
    """Every field of a record class, nested fields as `budget[].costs[].amount`."""
    docs = []
    for name, ftype in record_fields(cls).items():
        doc = ftype.marker(Doc) or Doc(name)
        base = ftype.base
        path = prefix + name
        inner = base
        if typing.get_origin(base) is list:
            inner = field_type(typing.get_args(base)[0]).base
            path += "[]"
        docs.append(FieldDoc(path, doc.title, doc.description, type_name(ftype), is_required(cls, name)))
        if is_record_class(inner):
            docs.extend(field_docs(inner, path + "."))
    return docs


# --- Outputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    path: str
    title: str
    format: str
    description: str
    size: int
    fields: tuple[FieldDoc, ...] = ()
    group: str = ""

    @property
    def anchor(self) -> str:
        return "falt-" + self.path.removeprefix(DATA).replace("/", "-").replace(".", "-")

    @property
    def size_text(self) -> str:
        if self.size < 1000:
            return f"{self.size} byte"
        if self.size < 1_000_000:
            return f"{format_decimal(round(self.size / 1000, 1), locale='sv_SE')} kB"
        return f"{format_decimal(round(self.size / 1_000_000, 1), locale='sv_SE')} MB"


def downloads(derived: Derived, files: dict[str, bytes], tables: list[CsvTable]) -> list[Download]:
    whole = f"{DATA}registret.json"
    result = [
        Download(
            whole, "Hela registret", "JSON",
            "Alla poster av alla slag i en fil, med versionsnummer för formatet och dagen då filen skapades. "
            "Fälten är desamma som i filerna per posttyp nedan.",
            len(files[whole]), group="json",
        )
    ]
    for kind, record_type in RECORD_TYPES.items():
        path = f"{DATA}{RECORD_SECTIONS[kind]}.json"
        fields = [FieldDoc(f"recorded.{f.name}", f.title, f.description, f.type, f.required) for f in field_docs(record_type.cls)]
        fields += [FieldDoc(f"derived.{n}", d.title, d.description, "beräknat") for n, d in DERIVED_DOCS[kind].items()]
        result.append(
            Download(
                path, record_type.plural.capitalize(), "JSON",
                f"Alla poster om {record_type.plural}: id, adress, uppgifterna som de står i registret (recorded) och det som räknas fram (derived).",
                len(files[path]), tuple(fields), group="json",
            )
        )
    for table in tables:
        fields = [FieldDoc(c.name, c.doc.title, c.doc.description, "") for c in table.columns]
        result.append(Download(table.path, table.title, "CSV", table.description, len(files[table.path]), tuple(fields), group="csv"))
    for kind, record_type in RECORD_TYPES.items():
        path = f"{DATA}schemas/{kind}.schema.json"
        result.append(
            Download(
                path, f"Schema för {record_type.singular}", "JSON Schema",
                f"Beskriver fälten under recorded för {record_type.plural}, samma schema som redaktörerna använder.",
                len(files[path]), group="scheman",
            )
        )
    return result


def outputs(renderer: Renderer) -> Outputs:
    derived = renderer.derived
    # Records link to their pages with the site's address when mkdocs.yml gives one.
    url = Urls(renderer.site_url)
    files = json_files(derived, renderer.publisher, url)
    tables = csv_tables(derived, url, renderer.organisation_name)
    for table in tables:
        files[table.path] = csv_bytes(table)
    listed = downloads(derived, files, tables)
    groups = [
        (group, heading, [d for d in listed if d.group == group])
        for group, heading in (("json", "JSON för program"), ("csv", "CSV för kalkylprogram"), ("scheman", "JSON Schema"))
    ]
    body = renderer.render("open_data.html", PAGE, groups=groups, licence=LICENCE, schema_version=SCHEMA_VERSION, built=derived.today)
    page = Page(PAGE, "Öppna data", body, in_nav=True, description="Hela registret som öppna data i JSON och CSV, fritt att använda (CC0).")
    return Outputs(pages=[page], assets=[Asset(path, content) for path, content in files.items()])

