"""Derivation gives facts; render/text.py words them. The words for every status, key date and money row,
read from facts built by hand, so a change of wording is a change here and nowhere in derive/."""

from __future__ import annotations

import datetime as dt

from iop_registry.derive import Derived, FundingSeries, KeyDate, KeyEvent, PartnershipStatus, SeriesRole, Status
from iop_registry.derive.standing import Standing, StandingBasis
from iop_registry.diagnostics import Report
from iop_registry.model.partnership import EndedEarly
from iop_registry.model.types import PartialDate
from iop_registry.render.course_view import CourseView
from iop_registry.render.text import STATUS_LABELS, series_label, standing_text, status_note, worded_key_dates
from iop_registry.validate import validate_path

from conftest import FIXTURES

END = dt.date(2024, 12, 31)


def names(organisation_id: str) -> str:
    return {"kvinnojouren": "Exempeljouren"}.get(organisation_id, organisation_id)


def test_every_status_has_one_label() -> None:
    assert set(STATUS_LABELS) == set(PartnershipStatus)
    assert STATUS_LABELS[PartnershipStatus.UNKNOWN] == "Beslut okänt"
    assert STATUS_LABELS[PartnershipStatus.PROPOSED] == "Förslag"


def test_status_notes_word_the_facts() -> None:
    notes = {
        Status(PartnershipStatus.UNKNOWN): "Registret vet inte om avtalet är beslutat.",
        Status(PartnershipStatus.PROPOSED, period_over=True): "Avtalsperioden har passerat. Beslut om avtalet finns inte i registret.",
        Status(PartnershipStatus.UPCOMING, dt.date(2024, 1, 1)): "Börjar 1 januari 2024.",
        Status(PartnershipStatus.ACTIVE, END): "Gäller till 31 december 2024.",
        Status(PartnershipStatus.ENDING, END, extension_deadline=dt.date(2024, 6, 30)):
            "Slutar 31 december 2024. En förlängning måste vara godkänd senast 30 juni 2024.",
        Status(PartnershipStatus.ENDING, END, extension_deadline=dt.date(2024, 6, 30), deadline_passed=True):
            "Slutar 31 december 2024. Tiden för att godkänna en förlängning gick ut 30 juni 2024.",
        Status(PartnershipStatus.EXTENDED, dt.date(2026, 12, 31)): "Förlängt till 31 december 2026.",
        Status(PartnershipStatus.ENDED, END): "Avslutades 31 december 2024.",
        Status(PartnershipStatus.ENDED, END, ended_early=EndedEarly(PartialDate.parse("2023-01"), "kvinnojouren")):
            "Avslutades i förtid av Exempeljouren: gäller inte från och med januari 2023.",
    }
    assert {status: status_note(status, names) for status in notes} == notes


def test_key_dates_are_worded_and_ordered_by_their_words_on_one_day() -> None:
    day = dt.date(2023, 3, 1)
    keys = [
        KeyDate(day, KeyEvent.MEETING, "meeting", body="Socialnämnden", case_number="SN-2023-1"),
        KeyDate(day, KeyEvent.MEETING, "meeting", body="Kommunstyrelsen"),
        KeyDate(dt.date(2024, 1, 1), KeyEvent.PERIOD_STARTS, "period", precision="year"),
        KeyDate(dt.date(2023, 1, 31), KeyEvent.INVOICE_DUE, "invoice", derived=True, year=2023),
        KeyDate(dt.date(2024, 6, 30), KeyEvent.EXTENSION_DEADLINE, "extension", derived=True, months=6),
    ]
    worded = worded_key_dates(sorted(keys, key=lambda k: (k.date, k.kind)), dt.date(2023, 6, 15))
    assert [(w.when, w.label, w.past) for w in worded] == [
        ("31 januari 2023", "Faktura för 2023 senast", True),
        ("1 mars 2023", "Kommunstyrelsen", True),
        ("1 mars 2023", "Socialnämnden (SN-2023-1)", True),
        ("2024", "Avtalsperioden börjar", False),
        ("30 juni 2024", "Sista dag att godkänna förlängning (6 månader före periodens slut)", False),
    ]


def test_what_a_status_rests_on_is_worded_from_its_basis() -> None:
    assert standing_text(Standing(StandingBasis.SIGNATURE, signed_on=dt.date(2021, 12, 20))) == "Underskriften i avtalet, daterad 20 december 2021."
    assert standing_text(Standing(StandingBasis.NOTHING)) == "Ingen källa i registret säger att avtalet är beslutat, undertecknat eller föreslaget."


def test_money_rows_are_named_from_their_role_and_record() -> None:
    def row(name: str, role: SeriesRole, count: int = 0) -> str:
        return series_label(FundingSeries("key", name, None, None, {}, role=role, count=count))

    assert row("Mammakraft", SeriesRole.RECORD) == "Mammakraft"
    assert row("Mammakraft", SeriesRole.GRANTS) == "Bidrag till Mammakraft"
    assert row("", SeriesRole.OTHERS, 4) == "Övriga (4 st.)"
    assert row("", SeriesRole.NO_BODY) == "Uppgift saknas om kommun eller region"



def test_a_course_counts_its_sessions_in_the_right_number() -> None:
    root = FIXTURES / "courses"
    registry = validate_path(root, Report(root))
    derived = Derived.build(registry, dt.date(2023, 6, 15))
    views = {entry.id: CourseView(entry, derived) for entry in registry.courses.values()}
    assert views["sprakkurs-vt-2024"].sessions_text == "1 träff"
    assert views["foraldrakurs-vt-2024"].sessions_text == "4 träffar"
